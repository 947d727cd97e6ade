"""The procedure through services: each step calls the pure transition and appends one event in
the same transaction; the core's refusals write nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest

from gongkai.procedure.errors import TransitionError
from gongkai.web.applications.casefile import clock_of
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.services import steps
from gongkai.web.errors import Forbidden

D = date


def kinds(app):
    return list(app.events.order_by("seq").values_list("kind", flat=True))


def test_correction_restarts_the_clock(people, case):
    clerk = people["clerk"]
    steps.send_correction_notice(
        clerk, case.pk, on=D(2025, 10, 9), items=["请写明文件名称"], correction_due=D(2025, 10, 24)
    )
    case.refresh_from_db()
    assert case.phase == "awaiting_correction"
    assert clock_of(case, D(2025, 10, 20)).reply is None  # not running while awaiting correction
    steps.receive_correction(clerk, case.pk, on=D(2025, 10, 20))
    clock = clock_of(case, D(2025, 10, 21))
    # 20 working days from the day after 2025-10-20
    assert clock.reply.due == D(2025, 11, 17)
    assert any("重新计算" in s for s in clock.reply.steps)
    assert kinds(case) == ["register", "send_correction_notice", "receive_correction"]


def test_correction_notice_after_seven_working_days_is_refused(people, case):
    with pytest.raises(TransitionError) as error:
        steps.send_correction_notice(
            people["clerk"], case.pk, on=D(2025, 10, 20), items=["x"], correction_due=D(2025, 11, 1)
        )
    assert error.value.rule == "CORRECTION-NOTICE-LATE"
    assert kinds(case) == ["register"]


def test_correction_lapse_closes_as_no_correction(people, case):
    clerk = people["clerk"]
    steps.send_correction_notice(
        clerk, case.pk, on=D(2025, 10, 9), items=["请写明文件名称"], correction_due=D(2025, 10, 24)
    )
    with pytest.raises(TransitionError):  # not lapsed yet
        steps.correction_lapsed(clerk, case.pk, on=D(2025, 10, 24))
    steps.correction_lapsed(clerk, case.pk, on=D(2025, 10, 27))
    case.refresh_from_db()
    assert (case.phase, case.outcome, case.closed_on) == (
        "closed",
        "closed_no_correction",
        D(2025, 10, 27),
    )


def test_consultation_pauses_the_clock(people, case):
    clerk = people["clerk"]
    steps.start_consultation(
        clerk, case.pk, on=D(2025, 10, 13), consultation="third_party", party="淄博某商贸有限公司"
    )
    assert clock_of(case, D(2025, 11, 10)).overdue is False  # consulting: lawfully paused
    steps.end_consultation(clerk, case.pk, on=D(2025, 10, 24))
    clock = clock_of(case, D(2025, 10, 27))
    # 2025-10-13..24 not counted: 10 working days later than 2025-11-04
    assert clock.reply.due == D(2025, 11, 18)
    assert any("不计入" in s and "征求第三方意见" in s for s in clock.reply.steps)


def test_only_the_approver_extends_once_with_notice(people, case):
    with pytest.raises(Forbidden):
        steps.approve_extension(
            people["clerk"],
            case.pk,
            on=D(2025, 10, 30),
            notified_on=D(2025, 10, 30),
            workdays=20,
            reason="数量多",
        )
    steps.approve_extension(
        people["approver"],
        case.pk,
        on=D(2025, 10, 30),
        notified_on=D(2025, 10, 31),
        workdays=20,
        reason="数量多",
    )
    event = case.events.get(kind="approve_extension")
    assert (event.data["approver"], event.data["notified_on"]) == ("王建国", "2025-10-31")
    clock = clock_of(case, D(2025, 11, 20))
    assert clock.reply.due == D(2025, 12, 2) and not clock.overdue  # extended, not overdue
    assert clock.status == "extended"
    with pytest.raises(TransitionError) as error:
        steps.approve_extension(
            people["approver"],
            case.pk,
            on=D(2025, 11, 3),
            notified_on=D(2025, 11, 3),
            workdays=5,
            reason="再延",
        )
    assert error.value.rule == "EXTENSION-ONCE"


def test_fee_is_computed_by_the_fee_rules_and_lapses(people, case):
    clerk = people["clerk"]
    steps.issue_fee_notice(clerk, case.pk, on=D(2025, 10, 10), method="per_page", quantity=150)
    event = case.events.get(kind="issue_fee_notice")
    assert Decimal(event.data["amount"]) == Decimal(1700)  # 70×10 + 50×20
    assert "合计：1700元" in event.data["extra"]["breakdown"]
    steps.fee_lapsed(clerk, case.pk, on=D(2025, 11, 12))
    case.refresh_from_db()
    assert case.outcome == "closed_fee_unpaid"


def test_fee_paid_then_granted(people, case):
    steps.issue_fee_notice(
        people["clerk"], case.pk, on=D(2025, 10, 10), method="per_page", quantity=40
    )
    steps.receive_payment(people["clerk"], case.pk, on=D(2025, 10, 15), amount="100")
    steps.reply(people["approver"], case.pk, on=D(2025, 10, 20), outcome="granted")
    case.refresh_from_db()
    assert (case.phase, case.outcome) == ("closed", "granted")


def test_reply_has_exactly_one_outcome_and_its_basis(people, case):
    steps.reply(
        people["approver"],
        case.pk,
        on=D(2025, 10, 28),
        outcome="partially_granted",
        withheld_grounds=["withheld_third_party"],
        reason="涉及个人隐私的部分不予公开",
    )
    case.refresh_from_db()
    assert (case.outcome, case.phase) == ("partially_granted", "closed")
    data = case.events.get(kind="reply").data
    assert "第三十七条" in data["legal_basis"] and "第十五条" in data["legal_basis"]
    assert data["withheld_grounds"] == ["withheld_third_party"]
    with pytest.raises(TransitionError):  # closed: no second outcome
        steps.reply(people["approver"], case.pk, on=D(2025, 10, 29), outcome="granted")


def test_partial_grounds_only_with_partially_granted(people, case):
    with pytest.raises(TransitionError) as error:
        steps.reply(
            people["approver"],
            case.pk,
            on=D(2025, 10, 28),
            outcome="granted",
            withheld_grounds=["withheld_internal"],
        )
    assert error.value.rule == "OUTCOME-EXCLUSIVE"


def test_clerk_cannot_reply(people, case):
    with pytest.raises(Forbidden):
        steps.reply(people["clerk"], case.pk, on=D(2025, 10, 28), outcome="granted")


def test_a_failed_save_writes_nothing(people, case):
    with (
        mock.patch.object(Application, "save", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        steps.send_correction_notice(
            people["clerk"], case.pk, on=D(2025, 10, 9), items=["x"], correction_due=D(2025, 10, 24)
        )
    assert CaseEvent.objects.filter(application=case).count() == 1
    case.refresh_from_db()
    assert case.phase == "registered"


def test_withdrawal_closes_as_other(people, case):
    steps.withdraw(people["clerk"], case.pk, on=D(2025, 10, 2), reason="申请人书面撤回")
    case.refresh_from_db()
    assert case.outcome == "closed_other"


def test_stored_phase_equals_the_phase_derived_from_events(people, case):
    steps.start_consultation(
        people["clerk"], case.pk, on=D(2025, 10, 13), consultation="agency", party="临淄区财政局"
    )
    case.refresh_from_db()
    assert clock_of(case, D(2025, 10, 14)).state.phase.value == case.phase == "consulting"


def test_partial_or_withheld_reply_needs_grounds_and_reasons(people, case):
    approver = people["approver"]
    with pytest.raises(TransitionError) as error:
        steps.reply(
            approver,
            case.pk,
            on=D(2025, 10, 28),
            outcome="partially_granted",
            reason="涉及个人隐私的部分不予公开",
        )
    assert (error.value.rule, error.value.field) == ("PARTIAL-GROUNDS-MISSING", "withheld_grounds")
    with pytest.raises(TransitionError) as error:
        steps.reply(approver, case.pk, on=D(2025, 10, 28), outcome="withheld_internal")
    assert (error.value.rule, error.value.field) == ("REPLY-REASONS", "reason")
    assert case.events.count() == 1  # nothing written
