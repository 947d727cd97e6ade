"""An assessment sheet (评议表) as data: items, weights, and how each item is decided.

A sheet is a JSON file::

    {"name": "…", "basis": "…", "total": 100,
     "without_report": 0,                       # the score of a unit with no usable report
     "without_report_statuses": ["missing", "unreadable", "wrong_year"],
     "bands": [{"label": "优秀", "min": 90}, …],   # score bands, highest first
     "items": [{"id": "timely", "title": "发布不及时", "weight": 25,
                "checks": [{"kind": "coverage", "status": ["late"], "deduct": 15,
                            "label": "逾期发布"}, …]}, …]}

An item starts at its weight; each check deducts points, never below 0 for the item. The
weights add up to the total. The kinds of check (:data:`KINDS`):

``coverage``
    the unit's cell of the coverage matrix has one of ``status`` (on_time, late, date_unknown,
    missing, unreadable, wrong_year); ``deduct`` once.
``findings``
    each of the unit's findings whose code is in ``codes`` (a code ending in ``*`` is a prefix)
    and whose severity is in ``severity`` (either may be left out, not both); ``deduct`` per
    finding, at most ``max`` for the check. Within an item a finding counts once, for the
    first check that takes it.
``copy_year``
    the unit's narrative repeats more than ``above`` (a share, 0–1) of its report of the year
    before, template text removed (:mod:`.copies`); ``deduct`` once.
``peer_cluster``
    the unit's narrative is in a cluster of near-duplicates across the region's units
    (:mod:`.copies_cluster`), with a similarity of at least ``at_least`` (default: the
    clustering's own threshold); ``deduct`` once.

:func:`load_sheet` refuses a sheet with every problem listed in Chinese, each naming the item
and the check; nothing is half-loaded. The default sheet (:data:`DEFAULT_SHEET`) follows the
four failings named in 国办公开办函〔2021〕30号.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from gongkai.report.rules import RULES

from .coverage import STATUS_LABEL, STATUSES
from .signals_base import SIGNALS
from .tabular import TableFileError

__all__ = [
    "DEFAULT_SHEET",
    "KINDS",
    "Band",
    "Check",
    "Item",
    "ScorecardError",
    "Sheet",
    "default_sheet",
    "load_sheet",
    "parse_sheet",
]

DEFAULT_SHEET = "scorecard-2021.json"
KINDS: dict[str, str] = {
    "coverage": "按发布情况",
    "findings": "按核对发现（代码、级别）",
    "copy_year": "按与上年报告的重复率",
    "peer_cluster": "按与本地区其他单位的雷同",
}
# codes the pipeline's findings carry besides the report catalogue's and the signals'
OWN_CODES = ("AGG-SUM", "AGG-UNCHECKED", "PUB-CHANGED")
SEVERITY_NAMES = ("error", "warning", "info")


class ScorecardError(TableFileError):
    """A sheet that cannot be used; ``problems`` lists every problem, naming the item."""


@dataclass(frozen=True)
class Check:
    kind: str
    label: str
    deduct: Decimal
    status: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    severity: tuple[str, ...] = ()
    max: Decimal | None = None
    above: float | None = None
    at_least: float | None = None

    def takes_code(self, code: str, severity: str) -> bool:
        if self.codes and not any(
            code.startswith(c[:-1]) if c.endswith("*") else code == c for c in self.codes
        ):
            return False
        return not self.severity or severity in self.severity


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    weight: Decimal
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Band:
    label: str
    min: Decimal


@dataclass(frozen=True)
class Sheet:
    name: str
    basis: str
    total: Decimal
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    without_report: Decimal
    without_report_statuses: tuple[str, ...]
    source: str

    def band(self, score: Decimal) -> str:
        for band in self.bands:
            if score >= band.min:
                return band.label
        return ""


def known_codes() -> set[str]:
    return {*RULES, *SIGNALS, *OWN_CODES}


def default_sheet() -> Sheet:
    text = resources.files("gongkai.supervision").joinpath("data", DEFAULT_SHEET).read_text("utf-8")
    return parse_sheet(text, f"（默认评分表）{DEFAULT_SHEET}")


def load_sheet(path: Path | str) -> Sheet:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ScorecardError(str(path), [f"评分表无法读取（{exc.strerror or exc}）"]) from exc
    except UnicodeDecodeError as exc:
        raise ScorecardError(str(path), ["评分表应为UTF-8编码的JSON文件"]) from exc
    return parse_sheet(text, str(path))


def parse_sheet(text: str, source: str) -> Sheet:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ScorecardError(
            source, [f"评分表不是有效的JSON：第{exc.lineno}行第{exc.colno}列，{exc.msg}"]
        ) from exc
    problems: list[str] = []
    sheet = _sheet(data, source, problems)
    if problems or sheet is None:
        raise ScorecardError(source, problems or ["评分表内容无法使用"])
    return sheet


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return Decimal(value)


def _strings(value: object) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _sheet(data: object, source: str, problems: list[str]) -> Sheet | None:
    if not isinstance(data, dict):
        problems.append("评分表应为一个JSON对象（含 total、items 等）")
        return None
    total = _number(data.get("total"))
    if total is None or total <= 0:
        problems.append("评分表缺少总分 total，或总分不是正数")
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        problems.append("评分表缺少评分项 items，或评分项为空")
        raw_items = []
    items: list[Item] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_items, start=1):
        item = _item(number, raw, problems)
        if item is None:
            continue
        if item.id in seen:
            problems.append(f"第{number}项“{item.title}”：编号“{item.id}”与前面的评分项重复")
        seen.add(item.id)
        items.append(item)
    if total is not None and items and len(items) == len(raw_items):
        weights = sum((i.weight for i in items), Decimal(0))
        if weights != total:
            listed = "、".join(f"“{i.title}”{_plain(i.weight)}分" for i in items)
            problems.append(
                f"各评分项分值合计为{_plain(weights)}分，与总分{_plain(total)}分不符（{listed}）"
            )
    bands = _bands(data.get("bands"), problems)
    without = _number(data.get("without_report", 0))
    if without is None or without < 0 or (total is not None and without > total):
        problems.append("without_report（无报告单位的得分）应为0到总分之间的数")
    statuses = _strings(
        data.get("without_report_statuses", ["missing", "unreadable", "wrong_year"])
    )
    bad = [s for s in statuses or () if s not in STATUSES]
    if statuses is None or bad:
        problems.append(
            f"without_report_statuses 含不认识的发布情况“{'、'.join(bad)}”，可用的有：{_statuses()}"
        )
    name, basis = data.get("name", ""), data.get("basis", "")
    if not isinstance(name, str) or not isinstance(basis, str):
        problems.append("name 和 basis 应为文字")
    if problems or total is None or without is None:
        return None
    return Sheet(
        str(name),
        str(basis),
        total,
        tuple(items),
        bands,
        without,
        statuses or (),
        source,
    )


def _statuses() -> str:
    return "、".join(f"{s}（{STATUS_LABEL[s]}）" for s in STATUSES)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _bands(raw: object, problems: list[str]) -> tuple[Band, ...]:
    if raw is None:
        return ()
    out: list[Band] = []
    if not isinstance(raw, list):
        problems.append('bands（分档）应为列表，如 [{"label": "优秀", "min": 90}]')
        return ()
    for number, band in enumerate(raw, start=1):
        label = band.get("label") if isinstance(band, dict) else None
        least = _number(band.get("min")) if isinstance(band, dict) else None
        if not isinstance(label, str) or not label or least is None:
            problems.append(f"第{number}个分档应写明 label（名称）和 min（最低分）")
            continue
        if out and least >= out[-1].min:
            problems.append(f"分档“{label}”的最低分应低于上一档“{out[-1].label}”")
        out.append(Band(label, least))
    return tuple(out)


def _item(number: int, raw: object, problems: list[str]) -> Item | None:
    if not isinstance(raw, dict):
        problems.append(f"第{number}项：应为一个JSON对象")
        return None
    title = raw.get("title")
    if not isinstance(title, str) or not title:
        problems.append(f"第{number}项：缺少名称 title")
        title = f"第{number}项"
    where = f"第{number}项“{title}”"
    item_id = raw.get("id", str(number))
    if not isinstance(item_id, str) or not item_id:
        problems.append(f"{where}：编号 id 应为文字")
        item_id = str(number)
    weight = _number(raw.get("weight"))
    if weight is None or weight <= 0:
        problems.append(f"{where}：分值 weight 应为正数")
    raw_checks = raw.get("checks")
    if not isinstance(raw_checks, list) or not raw_checks:
        problems.append(f"{where}：没有判定条件 checks")
        raw_checks = []
    checks = [_check(f"{where}第{n}条判定", c, problems) for n, c in enumerate(raw_checks, 1)]
    if weight is None or any(c is None for c in checks):
        return None
    return Item(item_id, title, weight, tuple(c for c in checks if c is not None))


def _check(where: str, raw: object, problems: list[str]) -> Check | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}：应为一个JSON对象")
        return None
    kind = raw.get("kind")
    if kind not in KINDS:
        available = "、".join(f"{k}（{v}）" for k, v in KINDS.items())
        problems.append(f"{where}：判定方式“{kind}”不认识，可用的有：{available}")
        return None
    before = len(problems)
    deduct = _number(raw.get("deduct"))
    if deduct is None or deduct < 0:
        problems.append(f"{where}：扣分 deduct 应为不小于0的数")
    label = raw.get("label") or KINDS[kind]
    if not isinstance(label, str):
        problems.append(f"{where}：说明 label 应为文字")
    check = Check(str(kind), str(label), deduct or Decimal(0))
    if kind == "coverage":
        status = _strings(raw.get("status"))
        bad = [s for s in status or () if s not in STATUSES]
        if not status or bad:
            problems.append(
                f"{where}：发布情况 status “{'、'.join(bad)}”不认识或为空，可用的有：{_statuses()}"
            )
        check = Check(check.kind, check.label, check.deduct, status=status or ())
    elif kind == "findings":
        check = _findings_check(where, raw, check, problems)
    elif kind == "copy_year":
        above = raw.get("above")
        number = _number(above)
        if number is None or not 0 <= number < 1:
            problems.append(f"{where}：重复率界限 above 应为0到1之间的小数，如0.5表示50%")
        check = Check(check.kind, check.label, check.deduct, above=float(number or 0))
    else:  # peer_cluster
        least = raw.get("at_least")
        number = _number(least) if least is not None else None
        if least is not None and (number is None or not 0 < number <= 1):
            problems.append(f"{where}：相似度下限 at_least 应为0到1之间的小数")
        check = Check(
            check.kind,
            check.label,
            check.deduct,
            at_least=None if number is None else float(number),
        )
    return check if len(problems) == before else None


def _findings_check(where: str, raw: Mapping[str, Any], check: Check, problems: list[str]) -> Check:
    codes: Sequence[str] = _strings(raw.get("codes", [])) or ()
    severity: Sequence[str] = _strings(raw.get("severity", [])) or ()
    if raw.get("codes") is not None and _strings(raw.get("codes")) is None:
        problems.append(f"{where}：代码 codes 应为文字列表")
    if not codes and not severity:
        problems.append(f"{where}：按核对发现判定，应写明代码 codes 或级别 severity")
    bad_severity = [s for s in severity if s not in SEVERITY_NAMES]
    if bad_severity:
        problems.append(
            f"{where}：级别“{'、'.join(bad_severity)}”不认识，可用的有：error、warning、info"
        )
    known = known_codes()
    unknown = [
        c
        for c in codes
        if (c.endswith("*") and not any(k.startswith(c[:-1]) for k in known))
        or (not c.endswith("*") and c not in known)
    ]
    if unknown:
        problems.append(f"{where}：代码“{'、'.join(unknown)}”不在核对规则中")
    cap = raw.get("max")
    most = _number(cap) if cap is not None else None
    if cap is not None and (most is None or most < 0):
        problems.append(f"{where}：扣分上限 max 应为不小于0的数")
    return Check(
        check.kind,
        check.label,
        check.deduct,
        codes=tuple(codes),
        severity=tuple(severity),
        max=most,
    )
