"""Random reports that satisfy every identity, as canonical JSON: for benchmarks and demos.

Deterministic for a given ``random.Random``; nothing here is used to read or check a real
report.
"""

from __future__ import annotations

import random
from typing import Any

from .spec import APPLICANT_TYPES, FORMATS, OUTCOME_KEYS

PLACES = ("临淄区", "张店区", "博山区", "周村区", "台儿庄区", "东安区", "齐都镇", "稷下街道")
BODIES = (
    "民政局",
    "财政局",
    "教育和体育局",
    "自然资源局",
    "人民政府办公室",
    "市场监督管理局",
    "人民政府",
)
PARAGRAPHS = (
    "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作推进政务公开。",
    "加强政府信息管理，严格落实保密审查制度，动态更新政府信息主动公开目录。",
    "依托政府网站和政务新媒体，及时发布政策文件、政策解读和工作动态。",
    "建立健全依申请公开登记、审核、办理、答复、归档制度，规范答复文书。",
    "存在的问题：政策解读形式较为单一，基层政务公开标准化规范化水平有待提升。",
    "改进措施：丰富解读形式，加强业务培训，完善考核评议，推动公开工作提质增效。",
)


def _row(rng: random.Random, scale: int, zero_share: float = 0.6) -> list[int]:
    return [0 if rng.random() < zero_share else rng.randint(0, scale) for _ in APPLICANT_TYPES]


def _with_total(values: list[int]) -> dict[str, int]:
    return {**dict(zip(APPLICANT_TYPES, values, strict=True)), "total": sum(values)}


def random_document(
    rng: random.Random, fmt: str = "2021", year: int | None = None
) -> dict[str, Any]:
    """A consistent report: table 三 satisfies H1–H3, table 四 H5–H7."""
    spec = FORMATS[fmt]
    year = year or (rng.randint(2021, 2025) if fmt == "2021" else rng.randint(2019, 2020))
    outcome_keys = [k for k in spec.applications.row_keys if k in OUTCOME_KEYS]
    scale = rng.choice((2, 5, 20, 60))
    outcomes = {
        k: _row(rng, scale if k in ("granted", "unavailable_not_held") else 3, 0.8)
        for k in outcome_keys
    }
    concluded = [sum(outcomes[k][i] for k in outcome_keys) for i in range(len(APPLICANT_TYPES))]
    carried_out = [rng.randint(0, min(v, 3)) if v else 0 for v in concluded]
    carried_in = [rng.randint(0, min(v, 3)) if v else 0 for v in concluded]
    received = [t + c - b for t, c, b in zip(concluded, carried_out, carried_in, strict=True)]
    if any(v < 0 for v in received):  # pragma: no cover - carried_in ≤ concluded keeps it ≥ 0
        received = [max(v, 0) for v in received]
    applications = {
        "received": _with_total(received),
        "carried_in": _with_total(carried_in),
        **{k: _with_total(v) for k, v in outcomes.items()},
        "concluded_total": _with_total(concluded),
        "carried_out": _with_total(carried_out),
    }
    applications = {k: applications[k] for k in spec.applications.row_keys}
    disputes = {}
    for group in spec.disputes.row_keys:
        parts = [rng.choice((0, 0, 0, 1, 2)) for _ in range(4)]
        disputes[group] = dict(
            zip(
                ("upheld", "corrected", "other_outcome", "pending", "total"),
                [*parts, sum(parts)],
                strict=True,
            )
        )
    agency = rng.choice(PLACES) + rng.choice(BODIES)
    return {
        "format": fmt,
        "agency": agency,
        "year": year,
        "published_on": None,
        "contact": {
            "address": f"{rng.choice(PLACES)}人民路{rng.randint(1, 300)}号",
            "postcode": f"{rng.randint(100000, 899999)}",
            "phone": f"0533-{rng.randint(1000000, 9999999)}",
            "email": f"gk{rng.randint(100, 999)}@example.gov.cn",
        },
        "sections": {
            "overview": "".join(rng.sample(PARAGRAPHS, 3)),
            "proactive_section": "",
            "applications_section": "",
            "disputes_section": "",
            "problems_section": PARAGRAPHS[4] + PARAGRAPHS[5],
            "other_section": f"本年度{rng.choice(('未收取', '未发生'))}信息处理费。",
        },
        "proactive": _proactive(rng, fmt),
        "applications": applications,
        "disputes": disputes,
    }


def _proactive(rng: random.Random, fmt: str) -> dict[str, Any]:
    def small() -> int:
        return rng.choice((0, 0, 0, rng.randint(0, 30)))

    if fmt == "2021":
        return {
            "gov_rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_docs": {
                "issued": small(),
                "repealed": small(),
                "in_force": rng.randint(0, 80),
            },
            "licensing": rng.randint(0, 5000),
            "penalty": small(),
            "coercion": small(),
            "admin_fees": rng.choice((0, 0, 12.5, 3.25, rng.randint(1, 900))),
        }
    return {
        "gov_rules": {"made": 0, "published": 0, "published_total": 0},
        "normative_docs": {
            "made": small(),
            "published": small(),
            "published_total": rng.randint(0, 80),
        },
        "licensing": {
            "items_prev": small(),
            "items_delta": rng.randint(-3, 3),
            "decisions": small(),
        },
        "other_services": {"items_prev": small(), "items_delta": 0, "decisions": small()},
        "penalty": {"items_prev": small(), "items_delta": rng.randint(-2, 2), "decisions": small()},
        "coercion": {"items_prev": small(), "items_delta": 0, "decisions": small()},
        "admin_fees": {"items_prev": small(), "items_delta": 0},
        "central_procurement": {
            "procurement_items": small(),
            "procurement_amount": rng.choice((0, 35.6, 120)),
        },
    }
