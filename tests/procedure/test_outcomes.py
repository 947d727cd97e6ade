"""Outcome codes as data: one entry per table 三 outcome row, each with its legal basis."""

from __future__ import annotations

from datetime import date

from gongkai.procedure.outcomes import OUTCOMES, REMEDIES_VERIFIED, REPLY_OUTCOMES, remedies
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


def test_remedies_general_and_review_first() -> None:
    general = remedies("granted", date(2025, 3, 3))
    assert "六十" in general or "60日" in general
    assert "6个月" in general and "行政诉讼法》第四十六条" in general
    refused = remedies("withheld_state_secret", date(2025, 3, 3))
    assert "应当" in refused and "先依法申请行政复议" in refused and "第二十三条" in refused
    # before the revised 行政复议法 took effect: the general text
    assert remedies("withheld_state_secret", date(2023, 12, 29)) == remedies(
        "granted", date(2023, 12, 29)
    )
    assert REMEDIES_VERIFIED is False
