"""Event builders shared by the workflow tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.procedure.errors import TransitionError
from gongkai.procedure.events import (
    ApproveExtension,
    Event,
    IssueFeeNotice,
    Register,
    Reply,
    SendCorrectionNotice,
    StartConsultation,
)
from gongkai.procedure.history import replay
from gongkai.procedure.state import Policy
from gongkai.procedure.workdays import Calendar

D = date.fromisoformat


def register(day: str = "2025-03-03", **kw: object) -> Register:
    received = kw.pop("received_on", D(day))
    return Register(
        on=D(day),
        received_on=received,  # type: ignore[arg-type]
        channel=kw.pop("channel", "in_person"),  # type: ignore[arg-type]
        applicant_type=kw.pop("applicant_type", "natural_person"),  # type: ignore[arg-type]
    )


def reply(day: str, outcome: str = "granted", **kw: object) -> Reply:
    return Reply(on=D(day), outcome=outcome, legal_basis="第三十六条", **kw)  # type: ignore[arg-type]


def refused(
    cal: Calendar, events: list[Event], rule: str, policy: Policy | None = None
) -> TransitionError:
    with pytest.raises(TransitionError) as info:
        replay(events, cal, policy or Policy())
    assert info.value.rule == rule, info.value
    return info.value


def consult(
    day: str, party: str = "甲公司", kind: str = "third_party", **kw: object
) -> StartConsultation:
    return StartConsultation(on=D(day), consultation=kind, party=party, **kw)  # type: ignore[arg-type]


def extend(
    day: str, approver: str = "张主任", notified: str | None = None, workdays: int = 20
) -> ApproveExtension:
    return ApproveExtension(
        on=D(day), approver=approver, notified_on=D(notified or day), workdays=workdays
    )


NOTICE = SendCorrectionNotice(
    on=D("2025-10-09"), correction_due=D("2025-10-24"), items=("写明文号",)
)
FEE = IssueFeeNotice(on=D("2025-03-10"), method="per_page", amount=Decimal(700))
