"""An editable 通报: its text held as paragraphs with named fields, its figures from the data.

:mod:`.notice` writes a finished 通报 from the assessment's scores. A supervisor who reviews the
findings one by one writes the 通报 from the *confirmed* problems instead, and edits its words;
this module gives that draft its shape and keeps its numbers out of reach of the edit:

- the problems are grouped by category (:func:`categorise`): first the units that published no
  usable report (a fact of the coverage matrix, not a finding to review), then one category per
  item of the assessment sheet that takes the finding's code (:func:`category_of`), then 其他问题;
- the figures (:func:`notice_figures`) are named fields such as ``{应发布单位数}``: a paragraph
  holds ``共有{应发布单位数}个单位``, never the number, and :func:`fill` puts the figure in
  whenever the 通报 is shown or written, so an edit of the words cannot change a figure;
- :func:`default_draft` is the first text, in the order of a real 通报: the overall situation →
  the problems by category with their counts and the units named → the requirements and the
  deadline for putting things right;
- :func:`to_notice` turns the filled paragraphs into the :class:`.notice.Notice` blocks that
  :mod:`.notice_render` writes as HTML and DOCX.

A null total (some unit's report is blank there) is shown as 空, never as 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.report.model import Number, Report

from .coverage import STATUS_LABEL, Coverage
from .notice import DEFAULT_REQUIREMENTS, METRICS, Block, Notice
from .rollup import RollUp
from .roster import Roster
from .scorecard import Item, Sheet

__all__ = [
    "DEFAULT_TITLE",
    "FIELD",
    "NO_REPORT",
    "OTHER",
    "Category",
    "Figure",
    "Paragraph",
    "Problem",
    "categorise",
    "category_of",
    "default_draft",
    "fields_in",
    "fill",
    "notice_figures",
    "to_notice",
    "unknown_fields",
]

FIELD = re.compile(r"\{([^{}\n]{1,40})\}")
NO_REPORT = "未发布年度报告"  # the category of the units without a usable report
NO_REPORT_STATUSES = ("missing", "unreadable", "wrong_year")
OTHER = "其他问题"
NUMERALS = "一二三四五六七八九十"
DEFAULT_TITLE = "关于{地区}{年度}年度政府信息公开工作年度报告发布情况的通报"


@dataclass(frozen=True)
class Problem:
    """One problem of one unit that the 通报 names: a confirmed finding, or no report."""

    unit_id: str
    unit_name: str
    code: str
    severity: str
    text: str
    key: str = ""  # the finding's identity (empty for a missing report)


@dataclass(frozen=True)
class Category:
    title: str
    problems: tuple[Problem, ...]

    @property
    def units(self) -> tuple[tuple[str, str], ...]:
        """(unit id, name) of the units with a problem here, in the problems' order."""
        seen: dict[str, str] = {}
        for p in self.problems:
            seen.setdefault(p.unit_id, p.unit_name)
        return tuple(seen.items())


@dataclass(frozen=True)
class Figure:
    name: str
    value: Number | str | None
    unit: str
    source: str  # where it comes from, shown beside the editor

    @property
    def text(self) -> str:
        if self.value is None:
            return "空"
        if isinstance(self.value, Decimal):
            text = format(self.value, "f")
            return text.rstrip("0").rstrip(".") if "." in text else text
        return str(self.value)


@dataclass(frozen=True)
class Paragraph:
    kind: str  # "heading" or "paragraph"
    text: str
    level: int = 1

    def to_dict(self) -> dict[str, str | int]:
        return {"kind": self.kind, "text": self.text, "level": self.level}

    @staticmethod
    def of(data: Mapping[str, object]) -> Paragraph:
        level = data.get("level", 1)
        return Paragraph(
            str(data.get("kind", "paragraph")),
            str(data.get("text", "")),
            level if isinstance(level, int) else 1,
        )


def category_of(sheet: Sheet, code: str, severity: str) -> Item | None:
    """The sheet's item a finding belongs to: the first whose checks would take it."""
    for item in sheet.items:
        for check in item.checks:
            if check.kind == "findings" and check.takes_code(code, severity):
                return item
            if check.kind == "copy_year" and code == "SUP-COPY-YEAR":
                return item
            if check.kind == "peer_cluster" and code == "SUP-COPY-PEER":
                return item
            if check.kind == "coverage" and "late" in check.status and code == "PUB-LATE":
                return item
    return None


def categorise(
    sheet: Sheet, roster: Roster, coverage: Coverage, year: int, confirmed: Iterable[Problem]
) -> tuple[Category, ...]:
    """The units without a report, then the confirmed problems by the sheet's items, then the
    rest; categories without a problem are left out. Units keep the roster's order."""
    order = {u.id: i for i, u in enumerate(roster)}
    missing = tuple(
        Problem(
            u.id,
            u.name,
            "COVERAGE",
            "error",
            f"{STATUS_LABEL[coverage.cell(u.id, year).status]}{year}年度政府信息公开工作年度报告",
        )
        for u in roster
        if coverage.cell(u.id, year).status in NO_REPORT_STATUSES
    )
    by_title: dict[str, list[Problem]] = {}
    for problem in confirmed:
        item = category_of(sheet, problem.code, problem.severity)
        by_title.setdefault(item.title if item else OTHER, []).append(problem)
    titles = [i.title for i in sheet.items if i.title in by_title]
    if OTHER in by_title:
        titles.append(OTHER)
    out = [Category(NO_REPORT, missing)] if missing else []
    for title in titles:
        ordered = sorted(by_title[title], key=lambda p: order.get(p.unit_id, len(order)))
        out.append(Category(title, tuple(ordered)))
    return tuple(out)


def _total(report: Report, table: str, rows: Sequence[str]) -> Number | None:
    total: Number = 0
    for row in rows:
        value = report.value(table, row, "total")  # type: ignore[arg-type]
        if value is None:
            return None
        total += value
    return total


def notice_figures(
    region: str,
    year: int,
    roster: Roster,
    coverage: Coverage,
    rollup: RollUp,
    sheet: Sheet,
    categories: Sequence[Category],
    deadline: str,
    issuer: str,
) -> dict[str, Figure]:
    """Every field a draft may cite, by name. Each category of the sheet (and 未发布年度报告,
    其他问题) has its four fields even when it has no problem: a draft keeps resolving when
    the data change."""
    out: list[Figure] = [
        Figure("年度", year, "", "通报的报告年度"),
        Figure("地区", region, "", "监督机关"),
        Figure("应发布单位数", len(roster), "个", f"{year}年度名单中的单位"),
    ]
    counts = {s: coverage.count(year, s) for s in STATUS_LABEL}
    published = counts["on_time"] + counts["late"] + counts["date_unknown"]
    out.append(Figure("已发布单位数", published, "个", "发布情况：按时、逾期、日期不明之和"))
    for status, label in STATUS_LABEL.items():
        out.append(Figure(f"{label}单位数", counts[status], "个", f"发布情况“{label}”"))
    out.append(
        Figure("汇总单位数", len(rollup.included), "个", "计入数据汇总的单位（汇总报告不重复计入）")
    )
    for label, table, rows in METRICS:
        name = label if label in ("本年新收申请", "行政复议", "行政诉讼") else f"{label}申请"
        out.append(
            Figure(name, _total(rollup.report, table, rows), "件", f"各单位报告汇总：{label}")
        )
    named = [c for c in categories if c.title != NO_REPORT]
    problems = sum(len(c.problems) for c in named)
    units = {u for c in categories for u, _ in c.units}
    out.append(Figure("确认问题数", problems, "个", "已确认的问题（已排除、未审核的不计）"))
    out.append(Figure("涉及单位数", len(units), "个", "有已确认问题或未发布报告的单位"))
    by_title = {c.title: c for c in categories}
    titles = [NO_REPORT, *(i.title for i in sheet.items), OTHER]
    for title in dict.fromkeys(titles):
        category = by_title.get(title, Category(title, ()))
        names = "、".join(name for _, name in category.units) or "无"
        out += [
            Figure(f"{title}单位数", len(category.units), "个", f"问题类别“{title}”涉及的单位"),
            Figure(f"{title}问题数", len(category.problems), "个", f"问题类别“{title}”的问题"),
            Figure(f"{title}单位", names, "", f"问题类别“{title}”涉及的单位名称"),
            Figure(f"{title}明细", _detail(category), "", f"问题类别“{title}”逐单位列出"),
        ]
    order = {u.id: i for i, u in enumerate(roster)}
    flagged = sorted(units, key=lambda u: order.get(u, len(order)))
    names_by_id = {u: n for c in categories for u, n in c.units}
    out.append(
        Figure("整改单位", "、".join(names_by_id[u] for u in flagged) or "无", "", "通报点名的单位")
    )
    out.append(Figure("整改期限", deadline or "（未填写）", "", "本通报的整改期限"))
    out.append(Figure("发文机关", issuer or region, "", "印发本通报的机关"))
    return {f.name: f for f in out}


def _detail(category: Category) -> str:
    lines = []
    for unit_id, name in category.units:
        texts = dict.fromkeys(
            p.text.rstrip("。") for p in category.problems if p.unit_id == unit_id
        )
        lines.append(f"{name}：{'；'.join(texts)}。")
    return "\n".join(lines) or "无"


def default_draft(categories: Sequence[Category]) -> list[Paragraph]:
    """The first text of a draft: every figure a field, the categories found numbered."""
    out = [
        Paragraph("paragraph", "各有关单位："),
        Paragraph("heading", "一、总体情况"),
        Paragraph(
            "paragraph",
            "按照《中华人民共和国政府信息公开条例》第四十九条的规定，{地区}统计范围内共有"
            "{应发布单位数}个单位应当发布{年度}年度政府信息公开工作年度报告。经核查，已发布"
            "{已发布单位数}个（其中按时发布{按时发布单位数}个、逾期发布{逾期发布单位数}个、"
            "发布日期不明{发布日期不明单位数}个），未发布或无法读取{未发布年度报告单位数}个。",
        ),
        Paragraph(
            "paragraph",
            "据已发布的{汇总单位数}个单位年度报告汇总（汇总报告不重复计入），全年共收到政府信息"
            "公开申请{本年新收申请}件，办结{办结申请}件，结转下年度继续办理{结转下年度申请}件；"
            "因政府信息公开被申请行政复议{行政复议}件、提起行政诉讼{行政诉讼}件。"
            "某项数据有单位报告为空的，合计记为“空”，不按0计算。",
        ),
        Paragraph("heading", "二、存在的主要问题"),
    ]
    if categories:
        out.append(
            Paragraph(
                "paragraph",
                "经逐项审核确认，共发现问题{确认问题数}个，"
                + ("连同未发布年度报告的单位，" if categories[0].title == NO_REPORT else "")
                + "共涉及{涉及单位数}个单位，主要有：",
            )
        )
    else:
        out.append(Paragraph("paragraph", "本次核查未发现需要通报的问题。"))
    for number, category in enumerate(categories):
        title = category.title
        count = (
            f"共{{{title}单位数}}个单位"
            if title == NO_REPORT
            else f"共{{{title}问题数}}个问题，涉及{{{title}单位数}}个单位"
        )
        out.append(Paragraph("heading", f"（{NUMERALS[number % 10]}）{title}。{count}", 2))
        out.append(Paragraph("paragraph", f"{{{title}明细}}"))
    out.append(Paragraph("heading", "三、工作要求"))
    out += [Paragraph("paragraph", text) for text in DEFAULT_REQUIREMENTS]
    if categories:
        out.append(
            Paragraph(
                "paragraph",
                "请{整改单位}于{整改期限}前完成整改，已发布的年度报告需要更正的，更正后重新发布"
                "并说明更正情况，整改情况书面报送{发文机关}。",
            )
        )
    out.append(Paragraph("paragraph", "{发文机关}"))
    return out


def unknown_fields(text: str, known: Mapping[str, Figure]) -> list[str]:
    return sorted({m.group(1) for m in FIELD.finditer(text) if m.group(1) not in known})


def fields_in(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1) for m in FIELD.finditer(text)))


def fill(text: str, known: Mapping[str, Figure]) -> str:
    """``text`` with every field replaced by its figure; an unknown field is a ``KeyError``."""
    missing = unknown_fields(text, known)
    if missing:
        raise KeyError(missing[0])
    return FIELD.sub(lambda m: known[m.group(1)].text, text)


def to_notice(
    title: str, paragraphs: Sequence[Paragraph], known: Mapping[str, Figure], mark: str = ""
) -> Notice:
    """The filled draft as :class:`.notice.Notice` blocks; a paragraph left empty is dropped,
    a figure of several lines (a category's 明细) becomes one paragraph per line. ``mark``
    (e.g. 草稿) opens the text."""
    blocks = [Block("paragraph", mark)] if mark else []
    for paragraph in paragraphs:
        text = fill(paragraph.text, known).strip()
        if not text:
            continue
        if paragraph.kind == "heading":
            blocks.append(Block("heading", text, paragraph.level))
        else:
            blocks += [
                Block("paragraph", line.strip()) for line in text.split("\n") if line.strip()
            ]
    return Notice(fill(title, known), tuple(blocks), ())
