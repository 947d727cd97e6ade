"""A consistent, clean report to start rule tests from, and ways to change one thing in it."""

from __future__ import annotations

import copy
from typing import Any

from gongkai.report.canonical import from_canonical
from gongkai.report.model import Report
from gongkai.report.spec import APPLICANT_TYPES, FORMAT_2021

SECTIONS = {
    "overview": "2024年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，共收到政府信息公开申请40件，"
    "上年结转5件，办结42件，结转下年度继续办理3件。",
    "proactive_section": "",
    "applications_section": "",
    "disputes_section": "",
    "problems_section": "一是主动公开的深度和广度还需拓展；二是政策解读形式较为单一。下一步，我局将完善公开目录，"
    "丰富解读形式，加强业务培训，提升依申请公开答复质量，确保公开工作规范有序。",
    "other_section": "（一）本年度未收取信息处理费。（二）办理人大代表建议3件、政协提案2件。"
    "（三）年度工作要点落实情况良好。（四）政务公开工作创新情况：开通政策咨询热线。",
}


PREVIOUS_TEXT = (
    "上一年度，我局围绕中心工作推进政务公开，重点做好财政预决算、行政执法和社会救助领域的信息发布，"
    "完善了依申请公开登记台账，组织了两次专题培训，并对网站栏目进行了集中清理和优化。"
)


def _row(*values: int) -> dict[str, int]:
    counts = dict(zip(APPLICANT_TYPES, values, strict=True))
    return {**counts, "total": sum(values)}


def clean_document(year: int = 2024) -> dict[str, Any]:
    """Table 三: 40 received + 5 carried in = 42 concluded + 3 carried out, in every column."""
    rows = {key: _row(0, 0, 0, 0, 0, 0) for key in FORMAT_2021.applications.row_keys}
    rows["received"] = _row(30, 6, 1, 1, 1, 1)
    rows["carried_in"] = _row(4, 1, 0, 0, 0, 0)
    rows["granted"] = _row(15, 3, 1, 0, 0, 0)
    rows["partially_granted"] = _row(5, 1, 0, 0, 0, 0)
    rows["withheld_third_party"] = _row(2, 1, 0, 0, 0, 0)
    rows["unavailable_not_held"] = _row(6, 1, 0, 1, 0, 0)
    rows["declined_repeat"] = _row(2, 0, 0, 0, 1, 0)
    rows["closed_no_correction"] = _row(1, 0, 0, 0, 0, 1)
    rows["closed_other"] = _row(1, 0, 0, 0, 0, 0)
    rows["concluded_total"] = _row(32, 6, 1, 1, 1, 1)
    rows["carried_out"] = _row(2, 1, 0, 0, 0, 0)
    return {
        "format": "2021",
        "agency": "临淄区民政局",
        "year": year,
        "published_on": f"{year + 1}-01-20",
        "contact": {
            "address": "临淄区齐兴路101号",
            "postcode": "255400",
            "phone": "0533-7220364",
            "email": "office@example.cn",
        },
        "sections": dict(SECTIONS),
        "proactive": {
            "gov_rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_docs": {"issued": 3, "repealed": 1, "in_force": 12},
            "licensing": 120,
            "penalty": 15,
            "coercion": 2,
            "admin_fees": 3.5,
        },
        "applications": rows,
        "disputes": {
            "review": {"upheld": 2, "corrected": 1, "other_outcome": 0, "pending": 1, "total": 4},
            "lit_direct": {
                "upheld": 1,
                "corrected": 0,
                "other_outcome": 1,
                "pending": 0,
                "total": 2,
            },
            "lit_after_review": {
                "upheld": 0,
                "corrected": 0,
                "other_outcome": 0,
                "pending": 1,
                "total": 1,
            },
        },
        "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
    }


def previous_document() -> dict[str, Any]:
    """Last year's report: carried out = this year's carried in; in force 10 → 10 + 3 − 1."""
    doc = clean_document(2023)
    doc["applications"]["carried_out"] = _row(4, 1, 0, 0, 0, 0)
    doc["proactive"]["normative_docs"] = {"issued": 2, "repealed": 0, "in_force": 10}
    doc["disputes"]["review"] = {
        "upheld": 0,
        "corrected": 0,
        "other_outcome": 0,
        "pending": 1,
        "total": 1,
    }
    doc["sections"] = {key: PREVIOUS_TEXT if text else text for key, text in SECTIONS.items()}
    return doc


def report(doc: dict[str, Any] | None = None, **changes: Any) -> Report:
    document = copy.deepcopy(doc or clean_document())
    document.update(changes)
    return from_canonical(document)


def with_cell(
    doc: dict[str, Any], table: str, row: str, column: str | None, value: Any
) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    if column is None:
        out[table][row] = value
    else:
        out[table][row][column] = value
    return out


# every cell of the 2019 table 二 told apart, a negative 本年增/减 among them
PROACTIVE_2019: dict[str, Any] = {
    "gov_rules": {"made": 2, "published": 1, "published_total": 17},
    "normative_docs": {"made": 6, "published": 5, "published_total": 83},
    "licensing": {"items_prev": 45, "items_delta": -18, "decisions": 1203},
    "other_services": {"items_prev": 12, "items_delta": 3, "decisions": 56},
    "penalty": {"items_prev": 31, "items_delta": -2, "decisions": 418},
    "coercion": {"items_prev": 9, "items_delta": 0, "decisions": 27},
    "admin_fees": {"items_prev": 4, "items_delta": -1},
    "central_procurement": {"procurement_items": 7, "procurement_amount": 126.35},
}


def as_2019(doc: dict[str, Any], year: int = 2020) -> dict[str, Any]:
    """The same report in the 2019 trial format: its own table 二 (PROACTIVE_2019), and one
    （六）其他处理 row holding the three 2021 sub-rows, which canonical JSON keeps as null."""
    old = copy.deepcopy(doc)
    old["format"], old["year"] = "2019", year
    old["published_on"] = f"{year + 1}-01-20"
    apps = old["applications"]
    apps["closed_other"] = {
        k: sum(apps[r][k] for r in ("closed_no_correction", "closed_fee_unpaid", "closed_other"))
        for k in apps["closed_other"]
    }
    for key in ("closed_no_correction", "closed_fee_unpaid"):
        apps[key] = dict.fromkeys(apps[key])
    old["proactive"] = copy.deepcopy(PROACTIVE_2019)
    return old
