"""The outcomes of a concluded application, their legal basis and the remedies, as data.

The codes are the 21 outcome rows of table 三 (``gongkai.report.spec.OUTCOME_KEYS``); the labels
are that table's row labels. This module adds, for each code, the provisions of the Regulation
that ground it (docs/law.md#outcomes), what the reply tells the applicant, and which remedy text
the reply letter carries. The web app's choices and the letter templates read it.

Remedies (docs/law.md#remedies, verified): 行政复议 within 60 days (行政复议法 art. 20) before the
review body the agency names; a direct 行政诉讼 within 6 months (行政诉讼法 art. 46) where one is
allowed; and, for decisions made from 2024-01-01, review first when disclosure is refused wholly
or partly (行政复议法 art. 23 para. 1 item (四)): ``Outcome.review_first``. The periods and the
rule are in :mod:`gongkai.procedure.law`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from gongkai.procedure.law import FEE_MEASURES, REGULATION, Remedy, remedy
from gongkai.report.spec import APPLICATIONS_2021, OUTCOME_GROUPS, OUTCOME_KEYS


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str  # 予以公开, 属于国家秘密, …
    group: str  # （三）不予公开, or the label itself for 予以公开 / 部分公开
    articles: tuple[str, ...]  # provisions of the Regulation, e.g. 第十四条
    reply: str  # what the reply tells the applicant
    extra_basis: str = ""  # a source outside the Regulation
    review_first: bool = False  # a refusal to disclose: 行政复议 before 行政诉讼 (from 2024)
    by_reply: bool = True  # False: reached by a lapse (no correction, fee unpaid), not a reply
    note: str = ""
    # a reply with this outcome must state its reasons (arts. 36(三), 36(七), 37): what to say
    # when they are missing, and the provision that asks for them; empty: not required
    reasons_required: str = ""
    reasons_article: str = ""

    @property
    def basis(self) -> str:
        """The legal basis as a reply letter cites it."""
        parts = []
        if self.articles:
            parts.append(f"{REGULATION}{'、'.join(self.articles)}")
        if self.extra_basis:
            parts.append(self.extra_basis)
        return "；".join(parts)


def _label(code: str) -> str:
    label = APPLICATIONS_2021.row(code).label
    label = re.sub(r"^(\d+\.|（[一二三四五六七]）)", "", label)
    return re.sub(r"（[^）]*）$", "", label)


_W = "第三十六条第（三）项"
_WITHHELD_REASONS = {
    "reasons_required": "不予公开的，须在答复中说明不予公开的理由",
    "reasons_article": _W,
}
_DATA: tuple[tuple[str, tuple[str, ...], str, dict[str, object]], ...] = (
    (
        "granted",
        ("第三十六条第（一）项", "第三十六条第（二）项"),
        "予以公开：已主动公开的，告知获取的方式和途径；可以公开的，提供该政府信息，"
        "或者告知获取的方式、途径和时间",
        {},
    ),
    (
        "partially_granted",
        ("第三十七条",),
        "区分处理：提供可以公开的政府信息内容，并对不予公开的内容说明理由",
        {
            "review_first": True,
            "note": "区分处理的只计“部分公开”这一种结果，不另计不予公开的理由",
            "reasons_required": "部分公开的，须对不予公开的部分说明理由",
            "reasons_article": "第三十七条",
        },
    ),
    (
        "withheld_state_secret",
        ("第十四条", _W),
        "所申请的信息依法确定为国家秘密，不予公开，并说明理由",
        {"review_first": True, **_WITHHELD_REASONS},
    ),
    (
        "withheld_law_barred",
        ("第十四条", _W),
        "法律、行政法规禁止公开所申请的信息，不予公开，并说明理由",
        {"review_first": True, **_WITHHELD_REASONS},
    ),
    (
        "withheld_security",
        ("第十四条", _W),
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定，不予公开，并说明理由",
        {"review_first": True, **_WITHHELD_REASONS},
    ),
    (
        "withheld_third_party",
        ("第十五条", "第三十二条", _W),
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，不予公开，并说明理由",
        {"review_first": True, **_WITHHELD_REASONS},
    ),
    (
        "withheld_internal",
        ("第十六条第一款", _W),
        "属于人事管理、后勤管理、内部工作流程等内部事务信息，不予公开，并说明理由",
        {"review_first": True, **_WITHHELD_REASONS},
    ),
    (
        "withheld_deliberative",
        ("第十六条第二款", _W),
        "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，不予公开，并说明理由",
        {"review_first": True, **_WITHHELD_REASONS},
    ),
    (
        "withheld_enforcement_file",
        ("第十六条第二款", _W),
        "属于行政执法案卷信息，不予公开，并说明理由",
        {"review_first": True, **_WITHHELD_REASONS},
    ),
    (
        "withheld_query_matter",
        ("第三十六条第（七）项",),
        "所申请的信息依照有关法律、行政法规对信息的获取有特别规定的，告知申请人依照有关法律、"
        "行政法规的规定办理",
        {
            "review_first": True,
            "note": "表三列入“不予公开”，此处按不予公开处理复议前置；第三十六条第（七）项本身"
            "并非不予公开决定，是否复议前置有待核实",
            "reasons_required": "须在答复中写明申请人应当依照哪一法律、行政法规的规定办理",
            "reasons_article": "第三十六条第（七）项",
        },
    ),
    (
        "unavailable_not_held",
        ("第三十六条第（四）项", "第三十六条第（五）项"),
        "经检索没有所申请公开的信息，告知该政府信息不存在；或者所申请的信息不属于本机关负责公开，"
        "告知并说明理由，能够确定负责公开的机关的，告知其名称、联系方式",
        {},
    ),
    (
        "unavailable_needs_creation",
        ("第三十八条",),
        "需要对现有政府信息进行加工、分析的，可以不予提供",
        {},
    ),
    (
        "unavailable_unclear",
        ("第二十九条第二款", "第三十条"),
        "补正后申请内容仍不明确，无法提供",
        {},
    ),
    (
        "declined_petition",
        ("第三十九条第一款",),
        "以政府信息公开申请的形式进行信访、投诉、举报等活动的，告知不作为政府信息公开申请处理，"
        "并可以告知通过相应渠道提出",
        {},
    ),
    (
        "declined_repeat",
        ("第三十六条第（六）项",),
        "已就申请公开的政府信息作出答复、申请人重复申请公开相同政府信息的，告知不予重复处理",
        {},
    ),
    (
        "declined_publication",
        ("第三十九条第二款",),
        "要求提供政府公报、报刊、书籍等公开出版物的，告知获取的途径",
        {},
    ),
    (
        "declined_excessive",
        ("第三十五条",),
        "申请公开政府信息的数量、频次明显超过合理范围，申请人说明的理由不合理的，告知不予处理",
        {},
    ),
    (
        "declined_reissue",
        (),
        "要求行政机关确认或者重新出具已获取的信息，不属于政府信息公开申请，不予处理",
        {
            "extra_basis": "条例无专门条款（实践做法，见表三（五）5）",
            "note": "条例无对应条款：答复时应说明所依据的理由",
        },
    ),
    (
        "closed_no_correction",
        ("第三十条",),
        "申请人无正当理由逾期不补正，视为放弃申请，行政机关不再处理其政府信息公开申请",
        {"by_reply": False},
    ),
    (
        "closed_fee_unpaid",
        ("第四十二条",),
        "申请人逾期未按收费通知要求缴纳费用，视为放弃申请，行政机关不再处理其政府信息公开申请",
        {"by_reply": False, "extra_basis": FEE_MEASURES},
    ),
    (
        "closed_other",
        (),
        "其他处理（如申请人撤回申请）",
        {"note": "须在办理记录中写明具体情形"},
    ),
)


def _build() -> Mapping[str, Outcome]:
    table: dict[str, Outcome] = {}
    for code, articles, reply, extra in _DATA:
        table[code] = Outcome(
            code=code,
            label=_label(code),
            group=OUTCOME_GROUPS[code],
            articles=articles,
            reply=reply,
            extra_basis=str(extra.get("extra_basis", "")),
            review_first=bool(extra.get("review_first", False)),
            by_reply=bool(extra.get("by_reply", True)),
            note=str(extra.get("note", "")),
            reasons_required=str(extra.get("reasons_required", "")),
            reasons_article=str(extra.get("reasons_article", "")),
        )
    if tuple(table) != OUTCOME_KEYS:  # pragma: no cover - guarded by a test too
        raise AssertionError("outcomes.py must list exactly spec.OUTCOME_KEYS, in order")
    return MappingProxyType(table)


OUTCOMES: Mapping[str, Outcome] = _build()
REPLY_OUTCOMES: tuple[str, ...] = tuple(c for c, o in OUTCOMES.items() if o.by_reply)
WITHHELD_OUTCOMES: tuple[str, ...] = tuple(c for c in OUTCOME_KEYS if c.startswith("withheld_"))


def remedy_of(code: str, decided_on: date) -> Remedy:
    """The remedies of outcome ``code`` decided on ``decided_on`` (law.remedy)."""
    return remedy(OUTCOMES[code].review_first, decided_on)


def remedies(code: str, decided_on: date, review_body: str) -> str:
    """The remedy paragraph of the reply letter for outcome ``code`` decided on ``decided_on``,
    naming ``review_body`` (the 复议机关; the core refuses an empty one)."""
    return remedy_of(code, decided_on).text(review_body)
