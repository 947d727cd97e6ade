"""The annual report formats as data.

One module holds the national formats (国办公开办函〔2021〕30号 and the 2019 trial format of
国办公开办函〔2019〕60号): the six sections, tables 二, 三 and 四 with every row and column, the
exact Chinese labels and the canonical identifiers of ``docs/report-json.md``.

The parser, the validator, the renderers, the web application's choices and the report generator
all read these definitions; nothing else may spell a label or an identifier.

``aliases`` are the normalized phrases (see :func:`gongkai.report.normalize.label_key`) by which
a row is recognised in a source document. The row whose alias occurs *last* in the text before a
run of numbers owns that run, so a longer, more specific alias wins over one it contains.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from .lookups import TableLookups, label_test_for

FormatKey = Literal["2021", "2019"]
TableKey = Literal["proactive", "applications", "disputes"]
TABLE_KEYS: tuple[TableKey, ...] = ("proactive", "applications", "disputes")


@dataclass(frozen=True)
class Column:
    key: str | None  # None for the single value of a scalar row
    label: str
    decimal: bool = False  # amounts in 万元 may have decimals
    signed: bool = False  # 本年增/减 (2019) may be negative
    unit: str | None = None  # the unit the header states for an amount ("万元"), if any


@dataclass(frozen=True)
class Row:
    key: str
    label: str  # the exact label of the row's own cell
    aliases: tuple[str, ...]
    columns: tuple[Column, ...]
    group: str | None = None  # the group label cell the row sits under, e.g. （三）不予公开
    scalar: bool = False  # canonical JSON holds a bare number instead of an object

    @property
    def display(self) -> str:
        """How a person names the row: a numbered sub-row needs its group ("（六）其他处理
        3.其他" is not the 其他 column)."""
        return (
            f"{self.group} {self.label}" if self.group and self.label[0].isdigit() else self.label
        )


@dataclass(frozen=True)
class OldRow:
    """A row of the 2019 trial template written in a 2021-format table (docs/law.md#formats): the
    single （六）其他处理 row, read as （六） 3.其他, the two other sub-rows left empty."""

    label: str  # the label key without its numbering, e.g. 其他处理
    row: str  # the row that takes its values
    replaces: tuple[str, ...]  # the rows of this table it stands for (all absent when it is used)
    before: str  # the row that directly follows it in the older template, e.g. （七）总计


@dataclass(frozen=True)
class Table:
    key: TableKey
    name: str  # 表二, 表三, 表四, as evaluators name the tables
    rows: tuple[Row, ...]
    # labels that belong to the table but carry no numbers (block and group headers)
    headings: tuple[str, ...] = ()
    # rows of the older template this table replaced by several rows: the older row's label key
    # (numbering aside), the row that takes its values, and the rows it stands for
    old_rows: tuple[OldRow, ...] = ()

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    @property
    def row_keys(self) -> tuple[str, ...]:
        return tuple(row.key for row in self.rows)

    @cached_property
    def lookups(self) -> TableLookups:
        """The reader's lookups over this table's aliases and cells, built once."""
        return TableLookups(self)


@dataclass(frozen=True)
class Section:
    key: str
    number: str  # 一 … 六
    title: str
    keywords: tuple[str, ...]  # a heading is recognised by its number and one keyword


@dataclass(frozen=True)
class Format:
    key: FormatKey
    name: str
    proactive: Table
    applications: Table
    disputes: Table

    def table(self, key: TableKey) -> Table:
        table: Table = getattr(self, key)
        return table

    @property
    def tables(self) -> tuple[Table, ...]:
        return (self.proactive, self.applications, self.disputes)

    @cached_property
    def label_test(self) -> Callable[[str], bool]:
        """Whether a cell's text is a known row label of this format, built once."""
        return label_test_for(self)


SECTIONS: tuple[Section, ...] = (
    Section("overview", "一", "一、总体情况", ("总体情况", "基本情况", "概述")),
    Section("proactive_section", "二", "二、主动公开政府信息情况", ("主动公开",)),
    Section(
        "applications_section",
        "三",
        "三、收到和处理政府信息公开申请情况",
        ("收到和处理", "依申请", "公开申请情况", "申请情况"),
    ),
    Section(
        "disputes_section",
        "四",
        "四、政府信息公开行政复议、行政诉讼情况",
        ("行政复议", "行政诉讼", "复议", "诉讼"),
    ),
    Section(
        "problems_section",
        "五",
        "五、存在的主要问题及改进情况",
        ("存在的主要问题", "主要问题", "改进情况", "存在问题"),
    ),
    Section("other_section", "六", "六、其他需要报告的事项", ("其他需要报告", "其他事项")),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)

# ---------------------------------------------------------------- table 三: applications

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("business", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
APPLICANT_COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in APPLICANT_COLUMNS if c.key)
APPLICANT_TYPES: tuple[str, ...] = APPLICANT_COLUMN_KEYS[:-1]  # the six kinds of applicant

GROUP_OUTCOMES = "三、本年度办理结果"
GROUP_WITHHELD = "（三）不予公开"
GROUP_UNAVAILABLE = "（四）无法提供"
GROUP_DECLINED = "（五）不予处理"
GROUP_OTHER = "（六）其他处理"


def _app_row(key: str, label: str, *aliases: str, group: str | None = None) -> Row:
    return Row(key, label, aliases, APPLICANT_COLUMNS, group=group)


_APPLICATION_HEAD = (
    _app_row("received", "一、本年新收政府信息公开申请数量", "本年新收"),
    _app_row("carried_in", "二、上年结转政府信息公开申请数量", "上年结转"),
    _app_row("granted", "（一）予以公开", "予以公开", group=GROUP_OUTCOMES),
    _app_row(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "部分公开",
        "部分公开区分处理的只计这一情形不计其他情形",
        group=GROUP_OUTCOMES,
    ),
    _app_row("withheld_state_secret", "1.属于国家秘密", "国家秘密", group=GROUP_WITHHELD),
    _app_row(
        "withheld_law_barred",
        "2.其他法律行政法规禁止公开",
        "其他法律行政法规禁止公开",
        "法律行政法规禁止公开",
        group=GROUP_WITHHELD,
    ),
    _app_row(
        "withheld_security",
        "3.危及“三安全一稳定”",
        "危及三安全一稳定",
        "三安全一稳定",
        group=GROUP_WITHHELD,
    ),
    _app_row(
        "withheld_third_party", "4.保护第三方合法权益", "保护第三方合法权益", group=GROUP_WITHHELD
    ),
    _app_row(
        "withheld_internal", "5.属于三类内部事务信息", "三类内部事务信息", group=GROUP_WITHHELD
    ),
    _app_row(
        "withheld_deliberative", "6.属于四类过程性信息", "四类过程性信息", group=GROUP_WITHHELD
    ),
    _app_row(
        "withheld_enforcement_file", "7.属于行政执法案卷", "行政执法案卷", group=GROUP_WITHHELD
    ),
    _app_row("withheld_query_matter", "8.属于行政查询事项", "行政查询事项", group=GROUP_WITHHELD),
    _app_row(
        "unavailable_not_held",
        "1.本机关不掌握相关政府信息",
        "本机关不掌握相关政府信息",
        "不掌握相关政府信息",
        group=GROUP_UNAVAILABLE,
    ),
    _app_row(
        "unavailable_needs_creation",
        "2.没有现成信息需要另行制作",
        "没有现成信息需要另行制作",
        "需要另行制作",
        group=GROUP_UNAVAILABLE,
    ),
    _app_row(
        "unavailable_unclear",
        "3.补正后申请内容仍不明确",
        "补正后申请内容仍不明确",
        "申请内容仍不明确",
        group=GROUP_UNAVAILABLE,
    ),
    _app_row(
        "declined_petition", "1.信访举报投诉类申请", "信访举报投诉类申请", group=GROUP_DECLINED
    ),
    _app_row("declined_repeat", "2.重复申请", "重复申请", group=GROUP_DECLINED),
    _app_row(
        "declined_publication", "3.要求提供公开出版物", "要求提供公开出版物", group=GROUP_DECLINED
    ),
    _app_row(
        "declined_excessive",
        "4.无正当理由大量反复申请",
        "无正当理由大量反复申请",
        "大量反复申请",
        group=GROUP_DECLINED,
    ),
    _app_row(
        "declined_reissue",
        "5.要求行政机关确认或重新出具已获取信息",
        "要求行政机关确认或重新出具已获取信息",
        "确认或重新出具已获取信息",
        "重新出具已获取信息",
        group=GROUP_DECLINED,
    ),
)
_APPLICATION_TAIL = (
    _app_row("concluded_total", "（七）总计", "总计", group=GROUP_OUTCOMES),
    _app_row(
        "carried_out", "四、结转下年度继续办理", "结转下年度继续办理", "结转下年度", "结转下年"
    ),
)
_APPLICATION_OTHER_2021 = (
    _app_row(
        "closed_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
        "逾期不补正",
        group=GROUP_OTHER,
    ),
    _app_row(
        "closed_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
        "逾期未按收费通知要求缴纳费用",
        "未按收费通知要求缴纳费用",
        group=GROUP_OTHER,
    ),
    _app_row("closed_other", "3.其他", "其他", group=GROUP_OTHER),
)
_APPLICATION_OTHER_2019 = (
    _app_row("closed_other", "（六）其他处理", "其他处理", group=GROUP_OUTCOMES),
)

_APPLICATION_HEADINGS = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "法人或其他组织",
    GROUP_OUTCOMES,
    GROUP_WITHHELD,
    GROUP_UNAVAILABLE,
    GROUP_DECLINED,
)

APPLICATIONS_2021 = Table(
    "applications",
    "表三",
    _APPLICATION_HEAD + _APPLICATION_OTHER_2021 + _APPLICATION_TAIL,
    (*_APPLICATION_HEADINGS, GROUP_OTHER),
    (
        OldRow(
            "其他处理",
            "closed_other",
            tuple(r.key for r in _APPLICATION_OTHER_2021),
            "concluded_total",
        ),
    ),
)
APPLICATIONS_2019 = Table(
    "applications",
    "表三",
    _APPLICATION_HEAD + _APPLICATION_OTHER_2019 + _APPLICATION_TAIL,
    _APPLICATION_HEADINGS,
)

# All 21 outcome rows of the 2021 format: the outcome codes of a concluded application.
OUTCOME_KEYS: tuple[str, ...] = tuple(
    r.key
    for r in APPLICATIONS_2021.rows
    if r.key not in ("received", "carried_in", "concluded_total", "carried_out")
)
OUTCOME_GROUPS: dict[str, str] = {
    r.key: (r.group if r.group != GROUP_OUTCOMES else r.label) or r.label
    for r in APPLICATIONS_2021.rows
    if r.key in OUTCOME_KEYS
}

# ---------------------------------------------------------------- table 四: disputes

DISPUTE_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other_outcome", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
DISPUTE_COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in DISPUTE_COLUMNS if c.key)

DISPUTES = Table(
    "disputes",
    "表四",
    (
        Row("review", "行政复议", ("行政复议",), DISPUTE_COLUMNS),
        Row(
            "lit_direct",
            "未经复议直接起诉",
            ("未经复议直接起诉",),
            DISPUTE_COLUMNS,
            group="行政诉讼",
        ),
        Row("lit_after_review", "复议后起诉", ("复议后起诉",), DISPUTE_COLUMNS, group="行政诉讼"),
    ),
    ("行政复议", "行政诉讼"),
)

# ---------------------------------------------------------------- table 二: proactive

_DOC_COLUMNS_2021 = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_DECISIONS_2021 = (Column(None, "本年处理决定数量"),)

PROACTIVE_2021 = Table(
    "proactive",
    "表二",
    (
        Row("gov_rules", "规章", ("规章",), _DOC_COLUMNS_2021, group="第二十条第（一）项"),
        Row(
            "normative_docs",
            "行政规范性文件",
            ("行政规范性文件", "规范性文件"),
            _DOC_COLUMNS_2021,
            group="第二十条第（一）项",
        ),
        Row("licensing", "行政许可", ("行政许可",), _DECISIONS_2021, "第二十条第（五）项", True),
        Row("penalty", "行政处罚", ("行政处罚",), _DECISIONS_2021, "第二十条第（六）项", True),
        Row("coercion", "行政强制", ("行政强制",), _DECISIONS_2021, "第二十条第（六）项", True),
        Row(
            "admin_fees",
            "行政事业性收费",
            ("行政事业性收费",),
            (Column(None, "本年收费金额（单位：万元）", decimal=True, unit="万元"),),
            "第二十条第（八）项",
            True,
        ),
    ),
    (
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "信息内容",
    ),
)

_DOC_COLUMNS_2019 = (
    Column("made", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("published_total", "对外公开总数量"),
)
_ITEMS_2019 = (
    Column("items_prev", "上一年项目数量"),
    Column("items_delta", "本年增/减", signed=True),
    Column("decisions", "处理决定数量"),
)

PROACTIVE_2019 = Table(
    "proactive",
    "表二",
    (
        Row("gov_rules", "规章", ("规章",), _DOC_COLUMNS_2019, group="第二十条第（一）项"),
        Row(
            "normative_docs",
            "规范性文件",
            ("规范性文件", "行政规范性文件"),
            _DOC_COLUMNS_2019,
            group="第二十条第（一）项",
        ),
        Row("licensing", "行政许可", ("行政许可",), _ITEMS_2019, group="第二十条第（五）项"),
        Row(
            "other_services",
            "其他对外管理服务事项",
            ("其他对外管理服务事项", "对外管理服务事项"),
            _ITEMS_2019,
            group="第二十条第（五）项",
        ),
        Row("penalty", "行政处罚", ("行政处罚",), _ITEMS_2019, group="第二十条第（六）项"),
        Row("coercion", "行政强制", ("行政强制",), _ITEMS_2019, group="第二十条第（六）项"),
        Row(
            "admin_fees",
            "行政事业性收费",
            ("行政事业性收费",),
            _ITEMS_2019[:2],
            group="第二十条第（八）项",
        ),
        Row(
            "central_procurement",
            "政府集中采购",
            ("政府集中采购",),
            (
                Column("procurement_items", "采购项目数量"),
                Column("procurement_amount", "采购总金额", decimal=True),
            ),
            group="第二十条第（九）项",
        ),
    ),
    (
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
        "信息内容",
    ),
)

FORMAT_2021 = Format(
    "2021", "国办公开办函〔2021〕30号", PROACTIVE_2021, APPLICATIONS_2021, DISPUTES
)
FORMAT_2019 = Format(
    "2019", "国办公开办函〔2019〕60号（试行）", PROACTIVE_2019, APPLICATIONS_2019, DISPUTES
)
FORMATS: dict[str, Format] = {"2021": FORMAT_2021, "2019": FORMAT_2019}

# Phrases that tell the formats apart (docs/law.md#formats), as normalized label keys.
MARKERS_2019: tuple[str, ...] = (
    "本年新制作数量",
    "对外公开总数量",
    "上一年项目数量",
    "第二十条第九项",
    "政府集中采购",
)
MARKERS_2021: tuple[str, ...] = (
    "本年制发件数",
    "现行有效件数",
    "本年废止件数",
    "逾期不补正",
    "未按收费通知要求缴纳费用",
)

# The first year each format applies to.
FORMAT_FIRST_YEAR: dict[str, int] = {"2019": 2019, "2021": 2021}


def format_for_year(year: int) -> FormatKey | None:
    """The format a report for ``year`` must use, or None before 2019."""
    if year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return None


def table_title(table: TableKey) -> str:
    return {"proactive": "表二", "applications": "表三", "disputes": "表四"}[table]
