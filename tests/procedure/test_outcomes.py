"""Outcome codes as data: one entry per table 三 outcome row, each with its legal basis."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.procedure import law
from gongkai.procedure.errors import ProcedureError
from gongkai.procedure.outcomes import OUTCOMES, REPLY_OUTCOMES, remedies, remedy_of
from gongkai.report.spec import OUTCOME_KEYS


def test_exactly_the_21_outcome_codes_in_order() -> None:
    assert tuple(OUTCOMES) == OUTCOME_KEYS
    assert len(OUTCOMES) == 21


def test_labels_come_from_the_report_format() -> None:
    assert OUTCOMES["granted"].label == "予以公开"
    assert OUTCOMES["partially_granted"].label == "部分公开"
    assert OUTCOMES["withheld_state_secret"].label == "属于国家秘密"
    assert OUTCOMES["withheld_state_secret"].group == "（三）不予公开"
    assert OUTCOMES["closed_other"].label == "其他"


def test_every_outcome_has_a_basis_or_says_why_not() -> None:
    for outcome in OUTCOMES.values():
        assert outcome.reply
        assert outcome.basis or outcome.note, outcome.code
    assert OUTCOMES["withheld_state_secret"].basis == (
        "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"
    )
    assert "国办函〔2020〕109号" in OUTCOMES["closed_fee_unpaid"].basis
    assert OUTCOMES["closed_no_correction"].articles == ("第三十条",)


def test_lapse_outcomes_are_not_replies() -> None:
    assert "closed_no_correction" not in REPLY_OUTCOMES
    assert "closed_fee_unpaid" not in REPLY_OUTCOMES
    assert len(REPLY_OUTCOMES) == 19


BODY = "临淄区人民政府"
DECIDED = date(2025, 3, 3)

# docs/law.md#remedies: a refusal to disclose, wholly or partly, goes to review first
REFUSALS = [
    "partially_granted",
    "withheld_state_secret",
    "withheld_law_barred",
    "withheld_security",
    "withheld_third_party",
    "withheld_internal",
    "withheld_deliberative",
    "withheld_enforcement_file",
    "withheld_query_matter",
]


def test_the_remedy_periods_are_the_verified_ones() -> None:
    """docs/law.md#remedies, verified 2026-12-06: 60 days (复议法 art. 20), 6 months (诉讼法 art. 46),
    15 days after a review decision (诉讼法 art. 45), review first: 复议法 art. 23 ①(四)."""
    assert (law.REVIEW.count, law.REVIEW.unit) == (60, "calendar_day")
    assert law.REVIEW.article == "《中华人民共和国行政复议法》第二十条第一款"
    assert (law.LITIGATION.count, law.LITIGATION.unit) == (6, "month")
    assert law.LITIGATION.article == "《中华人民共和国行政诉讼法》第四十六条第一款"
    assert (law.LITIGATION_AFTER_REVIEW.count, law.LITIGATION_AFTER_REVIEW.unit) == (
        15,
        "calendar_day",
    )
    assert law.REVIEW_FIRST_ARTICLE == "《中华人民共和国行政复议法》第二十三条第一款第（四）项"
    assert law.REVIEW_FIRST_FROM.isoformat() == "2024-01-01"
    assert all(p.verified for p in law.PERIODS)


@pytest.mark.parametrize("code", REFUSALS)
def test_a_refusal_says_review_first_and_offers_no_direct_suit(code: str) -> None:
    assert OUTCOMES[code].review_first
    remedy = remedy_of(code, DECIDED)
    assert remedy.review_first and remedy.litigation is None
    text = remedies(code, DECIDED, BODY)
    assert "应当先申请行政复议" in text and "第二十三条第一款第（四）项" in text
    assert f"60日内向{BODY}申请行政复议" in text
    assert "自收到行政复议决定书之日起15日内" in text and "第四十五条" in text
    assert "未经行政复议，不能直接向人民法院提起行政诉讼" in text
    assert "6个月" not in text and "第四十六条" not in text


@pytest.mark.parametrize("code", [c for c in REPLY_OUTCOMES if c not in REFUSALS])
def test_other_outcomes_offer_review_or_a_direct_suit(code: str) -> None:
    assert not OUTCOMES[code].review_first
    text = remedies(code, DECIDED, BODY)
    assert f"60日内向{BODY}申请行政复议" in text and "第二十条第一款" in text
    assert "也可以自收到本答复之日起6个月内依法向人民法院提起行政诉讼" in text
    assert "第四十六条第一款" in text and "先申请行政复议" not in text


def test_before_the_revised_review_law_a_refusal_had_no_review_first() -> None:
    assert remedies("withheld_state_secret", date(2023, 12, 29), BODY) == remedies(
        "granted", date(2023, 12, 29), BODY
    )
    assert remedy_of("withheld_state_secret", date(2024, 1, 1)).review_first


def test_the_review_body_is_required() -> None:
    with pytest.raises(ProcedureError) as info:
        remedies("granted", DECIDED, "  ")
    assert info.value.rule == "REMEDY-REVIEW-BODY"
