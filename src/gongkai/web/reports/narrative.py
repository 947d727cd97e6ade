"""The figures a report's prose may cite, and the drafts of sections 一 and 六.

Prose holds figures as named fields, e.g. ``收到政府信息公开申请{本年新收申请}件``; they are
filled in from the registers whenever the report is generated, so the text cannot disagree
with the tables. The office edits the words around them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from gongkai.report.model import Number, TableData
from gongkai.report.render.layout import format_value
from gongkai.web.applications.models import CaseEvent
from gongkai.web.registers.models import MatterKind, OtherMatter
from gongkai.web.registers.selectors import catalogue_summary
from gongkai.web.reports.cells import Year
from gongkai.web.reports.errors import UnknownFigure

FIELD = re.compile(r"\{([^{}\s]{1,20})\}")


@dataclass(frozen=True)
class Figure:
    name: str
    value: Number | str
    unit: str
    source: str  # where it comes from, shown beside the editor

    @property
    def text(self) -> str:
        return self.value if isinstance(self.value, str) else format_value(self.value)


def figures(
    agency_name: str,
    agency_id: int,
    year: int,
    proactive: TableData,
    applications: TableData,
    disputes: TableData,
) -> dict[str, Figure]:
    y = Year(year)
    out: list[Figure] = [
        Figure("年度", year, "", "报告年度"),
        Figure("机关", agency_name, "", "机关名称"),
    ]

    def app(name: str, row: str, label: str) -> None:
        out.append(Figure(name, applications.value(row, "total") or 0, "件", f"表三“{label}”总计"))

    app("本年新收申请", "received", "本年新收")
    app("上年结转申请", "carried_in", "上年结转")
    app("本年办结申请", "concluded_total", "（七）总计")
    app("予以公开", "granted", "予以公开")
    app("部分公开", "partially_granted", "部分公开")
    app("结转下年度申请", "carried_out", "结转下年度继续办理")
    for name, row, column, label in (
        ("制发规章", "gov_rules", "issued", "规章 本年制发"),
        ("制发行政规范性文件", "normative_docs", "issued", "行政规范性文件 本年制发"),
        ("废止行政规范性文件", "normative_docs", "repealed", "行政规范性文件 本年废止"),
        ("现行有效行政规范性文件", "normative_docs", "in_force", "行政规范性文件 现行有效"),
        ("行政许可决定", "licensing", None, "行政许可"),
        ("行政处罚决定", "penalty", None, "行政处罚"),
        ("行政强制决定", "coercion", None, "行政强制"),
    ):
        out.append(Figure(name, proactive.value(row, column) or 0, "件", f"表二“{label}”"))
    review = disputes.value("review", "total") or 0
    suits = (disputes.value("lit_direct", "total") or 0) + (
        disputes.value("lit_after_review", "total") or 0
    )
    out.append(Figure("行政复议案件", review, "件", "表四 行政复议 总计"))
    out.append(Figure("行政诉讼案件", suits, "件", "表四 行政诉讼 两项总计之和"))

    catalogue = catalogue_summary(agency_id, year)
    out.append(Figure("主动公开信息", catalogue.published, "条", "公开目录中本年公开的条目"))
    out.append(
        Figure(
            "逾期公开信息",
            catalogue.late,
            "条",
            "本年公开的目录条目中超过20个工作日才公开的（条例第二十六条）",
        )
    )

    fees = CaseEvent.objects.filter(
        application__agency_id=agency_id, occurred_on__range=(y.first, y.last)
    )
    notices = [e.data for e in fees.filter(kind="issue_fee_notice").only("data")]
    paid = [e.data for e in fees.filter(kind="receive_payment").only("data")]
    out.append(Figure("收费通知件数", len(notices), "件", "本年发出的收费通知（申请登记）"))
    out.append(Figure("收费通知金额", _yuan(notices), "元", "本年收费通知的金额合计"))
    out.append(Figure("实收信息处理费", _yuan(paid), "元", "本年实际收到的信息处理费"))

    matters: dict[str, int] = {}
    entries: dict[str, int] = {}
    for kind_total in (
        OtherMatter.objects.filter(agency_id=agency_id, on__range=(y.first, y.last))
        .order_by()
        .values("kind")
        .annotate(total=Sum("count"), n=Count("id"))
    ):
        kind = str(kind_total["kind"])
        matters[kind], entries[kind] = kind_total["total"], kind_total["n"]
    for kind, name, unit, use in (
        (MatterKind.NPC_SUGGESTION, "办理人大代表建议", "件", "sum"),
        (MatterKind.CPPCC_PROPOSAL, "办理政协提案", "件", "sum"),
        (MatterKind.TRAINING, "培训次数", "次", "entries"),
        (MatterKind.TRAINING, "培训人次", "人次", "sum"),
        (MatterKind.INTERPRETATION, "政策解读", "篇", "sum"),
        (MatterKind.PRESS, "新闻发布会", "场", "sum"),
    ):
        value = (matters if use == "sum" else entries).get(kind, 0)
        out.append(Figure(name, value, unit, f"其他事项登记“{kind.label}”"))
    return {f.name: f for f in out}


def _yuan(datas: list[dict[str, object]]) -> Number:
    total = sum((Decimal(str(d.get("amount") or 0)) for d in datas), Decimal(0))
    return int(total) if total == total.to_integral_value() else total


def unknown_fields(text: str, known: Mapping[str, Figure]) -> list[str]:
    return sorted({m.group(1) for m in FIELD.finditer(text) if m.group(1) not in known})


def fill(text: str, known: Mapping[str, Figure]) -> str:
    """The prose with every field replaced by its figure; an unknown field is an error."""
    missing = unknown_fields(text, known)
    if missing:
        raise UnknownFigure(missing)
    return FIELD.sub(lambda m: known[m.group(1)].text, text)


DRAFT_OVERVIEW = (
    "{年度}年，{机关}深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、"
    "不公开为例外，持续做好主动公开、依申请公开和政府信息管理等各项工作。\n"
    "（一）主动公开。全年通过政府网站等渠道主动公开政府信息{主动公开信息}条，"
    "制发行政规范性文件{制发行政规范性文件}件。\n"
    "（二）依申请公开。本年度新收政府信息公开申请{本年新收申请}件，上年结转{上年结转申请}件，"
    "办结{本年办结申请}件，其中予以公开{予以公开}件、部分公开{部分公开}件；"
    "结转下年度继续办理{结转下年度申请}件。\n"
    "（三）政府信息管理。严格落实公开前保密审查，及时清理、更新公开目录。\n"
    "（四）监督保障。本年度发生政府信息公开行政复议{行政复议案件}件、行政诉讼{行政诉讼案件}件。"
)

DRAFT_OTHER = (
    "（一）信息处理费收取情况。本年度共发出收费通知{收费通知件数}件，"
    "收费金额合计{收费通知金额}元，实际收取信息处理费{实收信息处理费}元。\n"
    "（二）人大代表建议和政协提案办理结果公开情况。本年度办理人大代表建议{办理人大代表建议}件、"
    "政协提案{办理政协提案}件，办理结果已按规定公开。\n"
    "（三）其他事项。本年度开展政府信息公开业务培训{培训次数}次、{培训人次}人次，"
    "发布政策解读{政策解读}篇。"
)

DRAFTS = {"overview": DRAFT_OVERVIEW, "other_section": DRAFT_OTHER, "problems_section": ""}
EDITABLE_SECTIONS = ("overview", "problems_section", "other_section")
