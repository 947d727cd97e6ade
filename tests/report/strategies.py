"""Hypothesis strategies for consistent annual reports, as canonical-JSON dicts.

A generated document looks like ``to_canonical`` output (docs/report-json.md): the
fixed keys with plain ints, floats for decimal amounts and ``None`` for blank cells. Table 三
satisfies H1–H3 and table 四 H5–H7 (docs/law.md#identities) for every cell that is not blank; most cells
are small and many are zero, as in real reports.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from gongkai.report.spec import (
    APPLICANT_COLUMN_KEYS,
    APPLICANT_TYPES,
    DISPUTE_COLUMN_KEYS,
    FORMATS,
    SECTION_KEYS,
)

Doc = dict[str, Any]

APPLICATION_HEAD = ("received", "carried_in")
APPLICATION_TAIL = ("concluded_total", "carried_out")
ROWS_2021_ONLY = ("closed_no_correction", "closed_fee_unpaid")
DISPUTE_GROUPS = ("review", "lit_direct", "lit_after_review")

PLACES = (
    "临淄区",
    "台儿庄区",
    "东安区",
    "张店区",
    "博山区",
    "周村区",
    "桓台县",
    "高青县",
    "沂源县",
    "齐都镇",
    "金山镇",
    "皇城镇",
    "凤凰镇",
    "某某区",
    "某某县",
    "某某镇",
    "城关街道",
    "稷下街道",
)
DEPARTMENTS = (
    "民政局",
    "财政局",
    "教育局",
    "自然资源局",
    "住房和城乡建设局",
    "卫生健康局",
    "交通运输局",
    "市场监督管理局",
    "司法局",
    "水利局",
    "农业农村局",
    "人力资源和社会保障局",
    "应急管理局",
    "人民政府办公室",
    "发展和改革局",
    "生态环境分局",
    "退役军人事务局",
    "统计局",
)
TOWN_BODIES = ("人民政府", "街道办事处")
ROADS = ("齐兴路", "兴中路", "广场路", "齐都路", "人民路", "新华路", "建设路", "和平路", "太公路")
AREA_CODES = ("0533", "0632", "0453", "0531", "0532", "0539", "010", "021", "0451")
MAIL_HOSTS = ("zb.shandong.cn", "zz.shandong.cn", "163.com", "126.com", "qq.com", "gov.cn")

# ------------------------------------------------------------------------------ numbers


def small(upper: int = 50) -> st.SearchStrategy[int]:
    """Mostly zero, otherwise small; now and then a few dozen."""
    return st.one_of(
        st.just(0), st.just(0), st.just(0), st.integers(1, 9), st.integers(10, max(10, upper))
    )


def cases() -> st.SearchStrategy[int]:
    """Review and litigation cases: usually none or a few, now and then a few dozen."""
    few = st.integers(1, 4)
    return st.one_of(st.just(0), st.just(0), st.just(0), few, few, few, st.integers(5, 30))


def count() -> st.SearchStrategy[int]:
    """A table 二 count: zero, small, or the thousands a busy licensing office reports."""
    return st.one_of(st.just(0), st.integers(1, 60), st.integers(100, 9999))


def amount() -> st.SearchStrategy[int | float]:
    """A money amount in 万元: an integer or a decimal with one or two places (12.5, 0.35)."""
    integral = st.one_of(st.just(0), st.integers(1, 500))
    decimal = st.tuples(st.integers(0, 99999), st.sampled_from((1, 2))).map(
        lambda t: Decimal(t[0]).scaleb(-t[1])
    )
    return st.one_of(integral, decimal.map(plain))


def plain(value: Decimal | int) -> int | float:
    """A number as canonical JSON holds it (model._plain)."""
    if isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def maybe_blank(values: st.SearchStrategy[Any], blanks: bool) -> st.SearchStrategy[Any]:
    if not blanks:
        return values
    return st.one_of(values, values, values, values, values, values, st.none())


# ------------------------------------------------------------------------------ tables


@st.composite
def applications(draw: st.DrawFn, fmt: str = "2021", blanks: bool = False) -> Doc:
    """Table 三 with H1 (N+B=T+C), H2 (T = Σ outcomes) and H3 (total = Σ applicant columns)."""
    spec = FORMATS[fmt].applications
    outcomes = [k for k in spec.row_keys if k not in APPLICATION_HEAD + APPLICATION_TAIL]
    table: dict[str, dict[str, int | None]] = {
        key: dict.fromkeys(APPLICANT_COLUMN_KEYS, 0) for key in spec.row_keys
    }
    for column in APPLICANT_TYPES:
        busy = column == "natural_person" or draw(st.integers(0, 3)) == 0
        if busy:
            rows = draw(st.lists(st.sampled_from(outcomes), max_size=5, unique=True))
            upper = 80 if column == "natural_person" else 20
            for row in rows:
                table[row][column] = draw(st.one_of(st.integers(1, 9), st.integers(10, upper)))
        concluded = sum(table[row][column] for row in outcomes)  # type: ignore[misc]
        carried_out = draw(small(10)) if busy else 0
        carried_in = draw(st.integers(0, concluded + carried_out)) if busy else 0
        table["concluded_total"][column] = concluded
        table["carried_out"][column] = carried_out
        table["carried_in"][column] = carried_in
        table["received"][column] = concluded + carried_out - carried_in
    for values in table.values():
        values["total"] = sum(values[c] for c in APPLICANT_TYPES)  # type: ignore[misc]
    if blanks:
        # an agency that leaves some zero cells empty: null, never 0
        zeros = [(r, c) for r, v in table.items() for c in v if v[c] == 0]
        if zeros:
            for row, column in draw(st.lists(st.sampled_from(zeros), max_size=4, unique=True)):
                table[row][column] = None
    if fmt == "2019":
        ordered: Doc = {}
        for key, values in table.items():
            if key == "closed_other":
                for missing in ROWS_2021_ONLY:
                    ordered[missing] = dict.fromkeys(APPLICANT_COLUMN_KEYS)
            ordered[key] = values
        return ordered
    return table


@st.composite
def disputes(draw: st.DrawFn, blanks: bool = False) -> Doc:
    """Table 四 with total = upheld + corrected + other_outcome + pending in each group."""
    out: Doc = {}
    disputed = draw(st.integers(0, 2)) == 0  # most agencies have no case at all
    for index, group in enumerate(DISPUTE_GROUPS):
        parts = [draw(cases()) if disputed else 0 for _ in DISPUTE_COLUMN_KEYS[:-1]]
        cells: list[int | None] = [*parts, sum(parts)]
        if blanks and index and sum(parts) == 0 and draw(st.integers(0, 4)) == 0:
            cells = [None] * len(cells)  # a litigation group left empty
        out[group] = dict(zip(DISPUTE_COLUMN_KEYS, cells, strict=True))
    return out


@st.composite
def proactive(draw: st.DrawFn, fmt: str = "2021", blanks: bool = False) -> Doc:
    """Table 二: arbitrary non-negative counts (signed for 2019's 本年增/减), decimal amounts."""
    out: Doc = {}
    for row in FORMATS[fmt].proactive.rows:
        values = {}
        for column in row.columns:
            if column.decimal:
                strategy = amount()
            elif column.signed:
                strategy = st.one_of(st.just(0), st.integers(-30, 30))
            else:
                strategy = count()
            values[column.key] = draw(maybe_blank(strategy, blanks))
        out[row.key] = values[None] if row.scalar else values
    return out


# ------------------------------------------------------------------------------ metadata


@st.composite
def agencies(draw: st.DrawFn) -> str:
    place = draw(st.sampled_from(PLACES))
    if place.endswith(("镇", "街道")):
        body = "人民政府" if place.endswith("镇") else "办事处"
        return place + body
    return place + draw(st.sampled_from(DEPARTMENTS))


@st.composite
def contacts(draw: st.DrawFn) -> Doc:
    place = draw(st.sampled_from([p for p in PLACES if p.endswith(("区", "县"))]))
    address = f"{place}{draw(st.sampled_from(ROADS))}{draw(st.integers(1, 999))}号"
    postcode = f"{draw(st.integers(100000, 999999))}"
    area = draw(st.sampled_from(AREA_CODES))
    number = (
        draw(st.integers(10**6, 10**7 - 1))
        if len(area) == 4
        else draw(st.integers(10**7, 10**8 - 1))
    )
    user = draw(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=3, max_size=12))
    host = draw(st.sampled_from(MAIL_HOSTS))
    return {
        "address": address,
        "postcode": postcode,
        "phone": f"{area}-{number}",
        "email": f"{draw(st.sampled_from('abcdefghijklmnopqrstuvwxyz'))}{user}@{host}",
    }


_OVERVIEW = (
    "{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕决策、执行、管理、"
    "服务、结果全流程公开，不断提升政务公开质量和实效。",
    "（一）主动公开情况。{year}年，{agency}通过门户网站主动公开政府信息{n}条。",
    "（二）依申请公开情况。{year}年，共收到政府信息公开申请{m}件，全部依法依规予以办理。",
    "（三）政府信息管理情况。严格落实信息发布审核机制，确保信息准确、完整、及时。",
    "（四）平台建设情况。安排专人负责网站专栏内容维护，及时发布、更新信息。",
    "（五）监督保障情况。成立政务公开工作领导小组，明确责任领导和具体工作人员。",
)
_PROBLEMS = (
    "（一）存在问题。政策解读形式单一，部分栏目更新不够及时。",
    "（二）改进情况。一是优化公开内容；二是拓展公开平台；三是强化监督保障。",
)
_OTHER = (
    "（一）本年度未收取信息处理费。",
    "（二）本年度共办理人大代表建议{n}件、政协提案{m}件，办复率100%。",
    "（三）年度工作要点落实情况。严格对照工作要点，逐项抓好落实。",
)


@st.composite
def sections(draw: st.DrawFn, agency: str, year: int) -> dict[str, str | None]:
    n, m = draw(st.integers(0, 500)), draw(st.integers(0, 50))

    def paragraphs(templates: tuple[str, ...]) -> str:
        size = draw(st.integers(1, len(templates)))
        return "\n".join(t.format(year=year, agency=agency, n=n, m=m) for t in templates[:size])

    out: dict[str, str | None] = dict.fromkeys(SECTION_KEYS)
    out["overview"] = paragraphs(_OVERVIEW)
    out["problems_section"] = paragraphs(_PROBLEMS)
    out["other_section"] = paragraphs(_OTHER)
    return out


# ------------------------------------------------------------------------------ documents


@st.composite
def reports(draw: st.DrawFn, fmt: str | None = None, blanks: bool | tuple[str, ...] = False) -> Doc:
    """A whole report in canonical JSON. ``blanks``: some cells are null (left empty), in every
    table or in the tables named."""
    if isinstance(blanks, bool):
        blanks = ("proactive", "applications", "disputes") if blanks else ()
    fmt = fmt or draw(st.sampled_from(("2021", "2021", "2021", "2019")))
    year = draw(st.integers(2021, 2025) if fmt == "2021" else st.integers(2019, 2020))
    agency = draw(agencies())
    return {
        "format": fmt,
        "agency": agency,
        "year": year,
        "published_on": None,
        "contact": draw(contacts()),
        "sections": draw(sections(agency, year)),
        "proactive": draw(proactive(fmt, "proactive" in blanks)),
        "applications": draw(applications(fmt, "applications" in blanks)),
        "disputes": draw(disputes("disputes" in blanks)),
    }


COMPARED_KEYS = ("format", "agency", "year", "contact", "proactive", "applications", "disputes")
