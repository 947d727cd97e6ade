"""The region-year 通报, as blocks that the HTML and DOCX writers (:mod:`.notice_render`) lay out.

In the order of a real 通报: the overall situation (who published, the region's totals and
their change on last year, the charts) → the problems found, by category of the assessment
sheet, with how many units and which → the scores and the rankings → the requirements and the
deadline for putting things right.

Changes on last year compare like with like: the totals of both years are summed over the
units counted in both years' roll-ups (同口径); when those are not all of this year's units,
the text says over how many units the comparison runs. A null total is shown as 空 and has no
change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.report.model import Number, Report
from gongkai.report.spec import TABLE_KEYS

from .charts import Chart, bar_chart, line_chart
from .coverage import STATUS_LABEL, STATUSES
from .pipeline import Supervision
from .rates import DEFAULT_FLOOR, RATE_BY_KEY
from .rollup import sum_reports
from .scorecard import Sheet
from .scoring import UnitScore

__all__ = ["Block", "Notice", "NoticeSettings", "build_notice"]

METRICS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("本年新收申请", "applications", ("received",)),
    ("办结", "applications", ("concluded_total",)),
    ("结转下年度", "applications", ("carried_out",)),
    ("行政复议", "disputes", ("review",)),
    ("行政诉讼", "disputes", ("lit_direct", "lit_after_review")),
)
OUTCOMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partially_granted",)),
    (
        "不予公开",
        tuple(
            f"withheld_{k}"
            for k in (
                "state_secret",
                "law_barred",
                "security",
                "third_party",
                "internal",
                "deliberative",
                "enforcement_file",
                "query_matter",
            )
        ),
    ),
    ("无法提供", ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")),
    (
        "不予处理",
        (
            "declined_petition",
            "declined_repeat",
            "declined_publication",
            "declined_excessive",
            "declined_reissue",
        ),
    ),
    ("其他处理", ("closed_no_correction", "closed_fee_unpaid", "closed_other")),
)
DEFAULT_REQUIREMENTS = (
    "各单位要对照本通报指出的问题逐项整改，严格按照《中华人民共和国政府信息公开条例》第四十九条"
    "和国办公开办函〔2021〕30号规定的格式和时限编制、发布年度报告。",
    "年度报告中的统计数据要与实际办理情况一致，汇总报告要与所属单位的报告逐项核对；"
    "“存在的主要问题及改进情况”要如实查找问题，写明上年改进措施的落实情况，不得照搬往年内容或套用其他单位的文本。",
)


@dataclass(frozen=True)
class NoticeSettings:
    deadline: str | None = None  # e.g. "2026年5月31日": the date to put things right by
    issuer: str | None = None  # who issues the 通报, e.g. "临淄区政务公开办公室"
    requirements: tuple[str, ...] = DEFAULT_REQUIREMENTS
    floor: int = DEFAULT_FLOOR  # the rates' ranking floor, as the supervision used it


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph", "table", "chart"
    text: str = ""
    level: int = 1
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    chart: Chart | None = None


@dataclass(frozen=True)
class Notice:
    title: str
    blocks: tuple[Block, ...]
    charts: tuple[Chart, ...]
    named: dict[str, tuple[str, ...]] = field(default_factory=dict)  # category → unit names


Cells = Mapping[tuple[str, str, str | None], Number | None]


def _cells(report: Report) -> Cells:
    out: dict[tuple[str, str, str | None], Number | None] = {}
    for key in TABLE_KEYS:
        data = report.table(key)
        if data is not None:
            for (row, column), cell in data.cells.items():
                out[(key, row, column)] = cell.value
    return out


def _metric(cells: Cells, table: str, rows: Sequence[str]) -> Number | None:
    total: Number = 0
    for row in rows:
        value = cells.get((table, row, "total"))
        if value is None:
            return None
        total += value
    return total


def _fmt(value: Number | None) -> str:
    if value is None:
        return "空"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def _change(now: Number | None, before: Number | None) -> str:
    if now is None or before is None:
        return "—"
    diff = Decimal(now) - Decimal(before)
    sign = "+" if diff > 0 else ""
    if before:
        share = diff / Decimal(before) * 100
        return f"{sign}{_fmt(diff)}（{sign}{share.quantize(Decimal('0.1'))}%）"
    return f"{sign}{_fmt(diff)}"


def _comparison(result: Supervision) -> tuple[list[str], dict[int, Cells]] | None:
    """The units counted in both years, and each year's sums over them."""
    if result.previous is None:
        return None
    year = result.year
    before = result.previous.reports(year - 1)
    fmt = result.rollup.report.format or "2021"
    common = [u for u in result.rollup.included if u in before and before[u].format == fmt]
    if not common:
        return None
    now = result.corpus.reports(year)
    sums: dict[int, Cells] = {}
    for y, reports in ((year - 1, before), (year, now)):
        cells = sum_reports({u: reports[u] for u in common}, fmt).cells
        sums[y] = {(str(t), r, c): v for (t, r, c), v in cells.items()}
    return common, sums


def build_notice(
    result: Supervision,
    sheet: Sheet,
    scores: Sequence[UnitScore],
    settings: NoticeSettings | None = None,
) -> Notice:
    settings = settings or NoticeSettings()
    year = result.year
    region = result.rollup.report.agency or "本地区"
    blocks: list[Block] = []
    charts: list[Chart] = []
    named: dict[str, tuple[str, ...]] = {}

    def heading(text: str, level: int = 1) -> None:
        blocks.append(Block("heading", text, level))

    def paragraph(text: str) -> None:
        blocks.append(Block("paragraph", text))

    def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        blocks.append(Block("table", headers=tuple(headers), rows=tuple(tuple(r) for r in rows)))

    def chart(item: Chart) -> None:
        charts.append(item)
        blocks.append(Block("chart", item.title, chart=item))

    title = f"关于{region}{year}年度政府信息公开工作年度报告发布情况的通报"
    paragraph("各有关单位：")
    # 一、总体情况
    heading("一、总体情况")
    counts = {s: result.coverage.count(year, s) for s in STATUSES}
    said = "，".join(f"{STATUS_LABEL[s]}{counts[s]}个" for s in STATUSES if counts[s])
    paragraph(
        f"按照《中华人民共和国政府信息公开条例》第四十九条的规定，{region}统计范围内共有"
        f"{len(result.roster)}个单位应当发布{year}年度政府信息公开工作年度报告。经核查，{said}。"
    )
    report = result.rollup.report
    included = len(result.rollup.included)
    totals = _cells(report)
    values = {label: _metric(totals, t, rows) for label, t, rows in METRICS}
    substantive = next((r for r in result.region if r.rate == "substantive"), None)
    rate = (
        f"，{RATE_BY_KEY['substantive'].label}{substantive.percent}%"
        if substantive and substantive.percent is not None
        else ""
    )
    paragraph(
        f"据已发布的{included}个单位年度报告汇总（汇总报告不重复计入），全年共收到政府信息公开申请"
        f"{_fmt(values['本年新收申请'])}件，办结{_fmt(values['办结'])}件，结转下年度继续办理"
        f"{_fmt(values['结转下年度'])}件{rate}；因政府信息公开被申请行政复议"
        f"{_fmt(values['行政复议'])}件、提起行政诉讼{_fmt(values['行政诉讼'])}件。"
        "某项数据有单位报告为空的，合计记为“空”，不按0计算。"
    )
    compared = _comparison(result)
    rows: list[list[str]] = []
    if compared is not None:
        common, sums = compared
        scope = (
            "两年计入合计的单位相同"
            if len(common) == included
            else f"与上年比较按两年均有报告的{len(common)}个单位同口径计算"
        )
        paragraph(f"与{year - 1}年度相比（{scope}）：见下表。")
        for label, t, metric_rows in METRICS:
            now, before = (
                _metric(sums[year], t, metric_rows),
                _metric(sums[year - 1], t, metric_rows),
            )
            rows.append([label, _fmt(values[label]), _fmt(now), _fmt(before), _change(now, before)])
        table(
            ("指标", f"{year}年（全部）", f"{year}年（同口径）", f"{year - 1}年（同口径）", "增减"),
            rows,
        )
        chart(
            line_chart(
                "trend",
                f"新收、办结、结转申请数量（同口径{len(common)}个单位）",
                [year - 1, year],
                [
                    (label, [_metric(sums[year - 1], t, r), _metric(sums[year], t, r)])
                    for label, t, r in METRICS[:3]
                ],
                "件",
            )
        )
    else:
        table(("指标", f"{year}年"), [[label, _fmt(v)] for label, v in values.items()])
    outcome_values: list[Number | None] = [
        _metric(totals, "applications", rows_) for _, rows_ in OUTCOMES
    ]
    chart(
        bar_chart(
            "outcomes", f"{year}年度申请办理结果", [o[0] for o in OUTCOMES], outcome_values, "件"
        )
    )
    # 二、存在的主要问题
    heading("二、存在的主要问题")
    without = [s for s in scores if not s.items]
    number = 0
    chinese = "一二三四五六七八九十"
    if without:
        number += 1
        names = tuple(s.name for s in without)
        named["未发布年度报告"] = names
        heading(f"（{chinese[number - 1]}）未发布{year}年度报告。共{len(without)}个单位", 2)
        paragraph("、".join(f"{s.name}（{STATUS_LABEL[s.status]}）" for s in without) + "。")
    for item in sheet.items:
        hit = [
            (s, next(i for i in s.items if i.item.id == item.id))
            for s in scores
            if s.items
            and any(d.points for i in s.items if i.item.id == item.id for d in i.deductions)
        ]
        if not hit:
            continue
        number += 1
        named[item.title] = tuple(s.name for s, _ in hit)
        heading(f"（{chinese[(number - 1) % 10]}）{item.title}。共{len(hit)}个单位", 2)
        for unit, scored in hit:
            reasons = "；".join(sorted({d.check for d in scored.deductions if d.points}))
            paragraph(f"{unit.name}：{reasons}。")
    if number == 0:
        paragraph("本次核查未发现需要通报的问题。")
    # 三、评议结果
    heading("三、评议结果")
    bands = [b.label for b in sheet.bands]
    band_counts = [sum(1 for s in scores if s.band == b) for b in bands]
    if bands:
        paragraph(
            f"按照{sheet.name}（满分{_fmt(sheet.total)}分），"
            + "，".join(f"{b}{c}个" for b, c in zip(bands, band_counts, strict=True))
            + "。"
        )
        chart(bar_chart("bands", "各分档单位数", bands, band_counts, "个"))
    ranked = sorted(scores, key=lambda s: (-s.score, s.unit_id))
    score_rows: list[list[str]] = []
    place = 0
    previous_score: Decimal | None = None
    for index, unit in enumerate(ranked, start=1):
        if unit.score != previous_score:
            place, previous_score = index, unit.score
        lost = (
            "；".join(f"{d.check}扣{_fmt(d.points)}分" for d in unit.deductions if d.points)
            or unit.note
        )
        score_rows.append([str(place), unit.name, _fmt(unit.score), unit.band, lost])
    table(("名次", "单位", "得分", "档次", "扣分情况"), score_rows)
    unit_names = {u.id: u.name for u in result.roster}
    substantive_rows = sorted(
        (r for r in result.rates if r.rate == "substantive" and r.rank is not None),
        key=lambda r: (r.rank or 0, r.unit_id),
    )
    if substantive_rows:
        paragraph(
            f"{RATE_BY_KEY['substantive'].label}排名（办结申请不少于{settings.floor}件的单位参与排名，"
            "汇总报告不参与）："
        )
        table(
            ("名次", "单位", "予以公开与部分公开", "办结", "比率（%）"),
            [
                [
                    str(r.rank),
                    unit_names.get(r.unit_id, r.unit_id),
                    _fmt(r.numerator),
                    _fmt(r.denominator),
                    str(r.percent),
                ]
                for r in substantive_rows
            ],
        )
    # 四、工作要求
    heading("四、工作要求")
    for text in settings.requirements:
        paragraph(text)
    flagged = sorted({n for names_ in named.values() for n in names_}, key=_roster_order(result))
    if flagged:
        deadline = settings.deadline or "规定时间"
        paragraph(
            f"请{'、'.join(flagged)}于{deadline}前完成整改，"
            "已发布的年度报告需要更正的，更正后重新发布并说明更正情况，整改情况书面报送"
            + (settings.issuer or "政务公开工作主管部门")
            + "。"
        )
    if settings.issuer:
        paragraph(settings.issuer)
    return Notice(title, tuple(blocks), tuple(charts), named)


def _roster_order(result: Supervision) -> Callable[[str], int]:
    order = {u.name: i for i, u in enumerate(result.roster)}
    return lambda name: order.get(name, len(order))
