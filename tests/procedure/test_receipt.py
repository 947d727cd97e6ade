"""The legal receipt date by channel (art. 31; docs/law.md#receipt)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.procedure.errors import ReceiptError
from gongkai.procedure.receipt import CHANNELS, Submission, receipt_date

D = date.fromisoformat


@pytest.mark.parametrize(
    "submission,expected,article",
    [
        (
            Submission("in_person", submitted_on=D("2025-03-03")),
            "2025-03-03",
            "第三十一条第（一）项",
        ),
        (Submission("oral", submitted_on=D("2025-03-03")), "2025-03-03", "第二十九条第一款"),
        (
            Submission("registered_post", submitted_on=D("2025-03-01"), signed_on=D("2025-03-04")),
            "2025-03-04",
            "以行政机关签收之日为收到申请之日",
        ),
        (
            Submission("ordinary_post", arrived_on=D("2025-03-04"), confirmed_on=D("2025-03-04")),
            "2025-03-04",
            "确认之日为收到申请之日",
        ),
        (
            Submission("fax", submitted_on=D("2025-03-01"), confirmed_on=D("2025-03-03")),
            "2025-03-03",
            "传真",
        ),
        (
            Submission("email", submitted_on=D("2025-03-01"), confirmed_on=D("2025-03-03")),
            "2025-03-03",
            "电子邮件",
        ),
        (
            Submission("online", submitted_on=D("2025-03-01"), confirmed_on=D("2025-03-03")),
            "2025-03-03",
            "以双方确认之日为收到申请之日",
        ),
    ],
    ids=lambda value: value.channel if isinstance(value, Submission) else None,
)
def test_receipt_date_by_channel(submission: Submission, expected: str, article: str) -> None:
    receipt = receipt_date(submission)
    assert receipt.received_on == D(expected)
    assert receipt.channel == submission.channel
    assert receipt.basis.startswith("《中华人民共和国政府信息公开条例》")
    assert article in receipt.basis
    assert receipt.warnings == ()


def test_an_ordinary_letter_confirmed_late_warns() -> None:
    receipt = receipt_date(
        Submission("ordinary_post", arrived_on=D("2025-03-04"), confirmed_on=D("2025-03-06"))
    )
    assert receipt.received_on == D("2025-03-06")
    assert receipt.warnings == (
        "信件于2025年3月4日到达，2025年3月6日才与申请人确认：第三十一条第（二）项要求于收到申请的当日确认",
    )


@pytest.mark.parametrize(
    "submission,rule",
    [
        (Submission("in_person"), "RECEIPT-DATE-MISSING"),
        (Submission("registered_post", submitted_on=D("2025-03-01")), "RECEIPT-DATE-MISSING"),
        (Submission("ordinary_post", arrived_on=D("2025-03-04")), "RECEIPT-UNCONFIRMED"),
        (Submission("online", submitted_on=D("2025-03-04")), "RECEIPT-UNCONFIRMED"),
        (
            Submission("ordinary_post", arrived_on=D("2025-03-04"), confirmed_on=D("2025-03-03")),
            "RECEIPT-DATE-ORDER",
        ),
        (
            Submission("email", submitted_on=D("2025-03-04"), confirmed_on=D("2025-03-03")),
            "RECEIPT-DATE-ORDER",
        ),
        (Submission("carrier_pigeon", submitted_on=D("2025-03-04")), "RECEIPT-CHANNEL"),  # type: ignore[arg-type]
    ],
)
def test_receipt_errors(submission: Submission, rule: str) -> None:
    with pytest.raises(ReceiptError) as info:
        receipt_date(submission)
    assert info.value.rule == rule


def test_unconfirmed_letter_cites_the_2015_interpretation() -> None:
    with pytest.raises(ReceiptError) as info:
        receipt_date(Submission("ordinary_post"))
    assert "国办公开办函〔2015〕207号" in str(info.value)


def test_every_channel_has_a_basis() -> None:
    for channel in CHANNELS:
        assert receipt_date(
            Submission(
                channel,
                submitted_on=D("2025-03-03"),
                signed_on=D("2025-03-03"),
                confirmed_on=D("2025-03-03"),
            )
        ).basis


@pytest.mark.parametrize(
    "submission,field",
    [
        (Submission("in_person", submitted_on=D("2025-03-06")), "submitted_on"),
        (Submission("registered_post", signed_on=D("2025-03-07")), "signed_on"),
        (
            Submission("ordinary_post", arrived_on=D("2025-03-06"), confirmed_on=D("2025-03-06")),
            "arrived_on",
        ),
        (
            Submission("online", submitted_on=D("2025-03-04"), confirmed_on=D("2025-03-06")),
            "confirmed_on",
        ),
    ],
)
def test_a_date_after_today_is_refused(submission: Submission, field: str) -> None:
    with pytest.raises(ReceiptError) as info:
        receipt_date(submission, today=D("2025-03-05"))
    assert (info.value.rule, info.value.field) == ("RECEIPT-DATE-FUTURE", field)
    assert "晚于今天（2025年3月5日）" in info.value.message
    receipt_date(submission, today=D("2025-03-07"))  # the same submission, seen two days on


@pytest.mark.parametrize(
    "submission,field",
    [
        (
            Submission("registered_post", submitted_on=D("2025-03-04"), signed_on=D("2025-03-03")),
            "signed_on",
        ),
        (
            Submission(
                "ordinary_post",
                submitted_on=D("2025-03-04"),
                arrived_on=D("2025-03-03"),
                confirmed_on=D("2025-03-05"),
            ),
            "arrived_on",
        ),
        (
            Submission("online", submitted_on=D("2025-03-04"), confirmed_on=D("2025-03-03")),
            "confirmed_on",
        ),
    ],
)
def test_signed_arrived_or_confirmed_before_it_was_sent_is_refused(
    submission: Submission, field: str
) -> None:
    with pytest.raises(ReceiptError) as info:
        receipt_date(submission)
    assert (info.value.rule, info.value.field) == ("RECEIPT-DATE-ORDER", field)
    assert "早于提交之日2025年3月4日" in info.value.message
