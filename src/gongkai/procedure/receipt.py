"""The legal receipt date of an application (art. 31 of the Regulation; docs/law.md#receipt).

What the applicant did (``submitted_on``), how (``channel``) and the legal receipt date
(``received_on``) are separate facts; only the last one drives deadlines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

from gongkai.procedure.errors import ReceiptError
from gongkai.procedure.text import cn_date

Channel = Literal["in_person", "oral", "registered_post", "ordinary_post", "fax", "email", "online"]
CHANNELS: tuple[Channel, ...] = (
    "in_person",
    "oral",
    "registered_post",
    "ordinary_post",
    "fax",
    "email",
    "online",
)
CHANNEL_LABELS: Mapping[Channel, str] = MappingProxyType(
    {
        "in_person": "当面提交",
        "oral": "口头提出（由政府信息公开工作机构代为填写）",
        "registered_post": "邮寄（需签收）",
        "ordinary_post": "平常信函等无需签收的邮寄方式",
        "fax": "传真",
        "email": "电子邮件",
        "online": "互联网渠道（网络平台）",
    }
)

_R = "《中华人民共和国政府信息公开条例》"
BASIS: Mapping[Channel, str] = MappingProxyType(
    {
        "in_person": f"{_R}第三十一条第（一）项：申请人当面提交政府信息公开申请的，以提交之日为收到申请之日",
        "oral": (
            f"{_R}第二十九条第一款、第三十一条第（一）项：申请人口头提出、由政府信息公开工作机构"
            "代为填写的，按当面提交处理，以提出之日为收到申请之日"
        ),
        "registered_post": f"{_R}第三十一条第（二）项：以邮寄方式提交的，以行政机关签收之日为收到申请之日",
        "ordinary_post": (
            f"{_R}第三十一条第（二）项：以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构"
            "应当于收到申请的当日与申请人确认，确认之日为收到申请之日"
        ),
        "fax": f"{_R}第三十一条第（三）项：通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日",
        "email": (
            f"{_R}第三十一条第（三）项：通过互联网渠道（电子邮件）提交的，以双方确认之日为收到申请之日"
        ),
        "online": f"{_R}第三十一条第（三）项：通过互联网渠道提交的，以双方确认之日为收到申请之日",
    }
)


@dataclass(frozen=True)
class Submission:
    """What happened when the application came in. Which dates are needed depends on the channel:

    - ``in_person``, ``oral``: ``submitted_on`` (the day it was handed in or stated);
    - ``registered_post``: ``signed_on`` (the day the agency signed for it);
    - ``ordinary_post``: ``confirmed_on`` (the day confirmed with the applicant), and
      ``arrived_on`` when known (the confirmation is due the same day);
    - ``fax``, ``email``, ``online``: ``confirmed_on`` (the day both sides confirmed), and
      ``submitted_on`` when known.
    """

    channel: Channel
    submitted_on: date | None = None
    signed_on: date | None = None
    arrived_on: date | None = None
    confirmed_on: date | None = None


@dataclass(frozen=True)
class Receipt:
    received_on: date
    channel: Channel
    basis: str
    warnings: tuple[str, ...] = ()


# The dates of a submission, by field name, as a person reads them.
DATE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "submitted_on": "提交之日",
        "signed_on": "签收之日",
        "arrived_on": "信件到达之日",
        "confirmed_on": "确认之日",
    }
)


def receipt_date(submission: Submission, *, today: date | None = None) -> Receipt:
    """The legal receipt date of ``submission`` and the text of its legal basis (art. 31).

    A submission that cannot have happened is refused: a date of the agency's side (signed,
    arrived, confirmed) before the applicant submitted, and, given ``today`` (the caller's
    clock: the core reads none), a date after today. Staff registration and the confirmation of an
    online application both come through here, so one rule holds for both.
    """
    channel = submission.channel
    if channel not in CHANNELS:
        raise ReceiptError(f"未知的提交渠道：{channel}", rule="RECEIPT-CHANNEL")
    if today is not None:
        _not_future(submission, today)
    _in_order(submission)
    label = CHANNEL_LABELS[channel]
    basis = BASIS[channel]
    if channel in ("in_person", "oral"):
        day = _need(submission.submitted_on, f"{label}：须填写提交之日", field="submitted_on")
        return Receipt(day, channel, basis)
    if channel == "registered_post":
        day = _need(submission.signed_on, f"{label}：须填写本机关签收之日", field="signed_on")
        return Receipt(day, channel, basis)
    if channel == "ordinary_post":
        day = _need(
            submission.confirmed_on,
            f"{label}：尚未与申请人确认，收到申请之日未定。无法联系申请人的，"
            "自联系上申请人之日起计算（国办公开办函〔2015〕207号）",
            rule="RECEIPT-UNCONFIRMED",
        )
        warnings: tuple[str, ...] = ()
        arrived = submission.arrived_on
        if arrived is not None:
            _not_before(day, arrived, "确认之日", "信件到达之日")
            if day > arrived:
                warnings = (
                    f"信件于{cn_date(arrived)}到达，{cn_date(day)}才与申请人确认："
                    "第三十一条第（二）项要求于收到申请的当日确认",
                )
        return Receipt(day, channel, basis, warnings)
    day = _need(
        submission.confirmed_on,
        f"{label}：尚未与申请人确认，收到申请之日未定",
        rule="RECEIPT-UNCONFIRMED",
    )
    if submission.submitted_on is not None:
        _not_before(day, submission.submitted_on, "确认之日", "提交之日")
    return Receipt(day, channel, basis)


def _not_future(submission: Submission, today: date) -> None:
    for name, label in DATE_LABELS.items():
        day: date | None = getattr(submission, name)
        if day is not None and day > today:
            raise ReceiptError(
                f"{label}{cn_date(day)}晚于今天（{cn_date(today)}），不能登记尚未发生的日期",
                rule="RECEIPT-DATE-FUTURE",
                article="《条例》第三十一条",
                field=name,
            )


def _in_order(submission: Submission) -> None:
    """The agency signs for, receives or confirms an application only after it was sent."""
    submitted = submission.submitted_on
    if submitted is None:
        return
    for name in ("signed_on", "arrived_on", "confirmed_on"):
        day = getattr(submission, name)
        if day is not None:
            _not_before(day, submitted, DATE_LABELS[name], "提交之日", field=name)


def _need(
    value: date | None,
    message: str,
    rule: str = "RECEIPT-DATE-MISSING",
    field: str = "confirmed_on",
) -> date:
    if value is None:
        raise ReceiptError(message, rule=rule, article="《条例》第三十一条", field=field)
    return value


def _not_before(
    day: date, earlier: date, name: str, earlier_name: str, *, field: str = "confirmed_on"
) -> None:
    if day < earlier:
        raise ReceiptError(
            f"{name}{cn_date(day)}早于{earlier_name}{cn_date(earlier)}",
            rule="RECEIPT-DATE-ORDER",
            article="《条例》第三十一条",
            field=field,
        )
