"""Extension, fee, reply, overdue and the event log."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.procedure.deadlines import is_overdue, replied_late, reply_deadline
from gongkai.procedure.events import (
    EVENT_TYPES,
    ApproveExtension,
    CorrectionLapsed,
    EndConsultation,
    Event,
    FeeLapsed,
    IssueFeeNotice,
    ReceiveCorrection,
    ReceivePayment,
    Reply,
    Withdraw,
    event_from_data,
    event_to_data,
)
from gongkai.procedure.history import derive, replay
from gongkai.procedure.state import CaseState, Phase, Policy
from gongkai.procedure.workdays import Calendar

from .helpers import FEE, NOTICE, D, consult, extend, refused, register, reply

# ---------------------------------------------------------------- extension (art. 33 para. 2)


def test_extension(cal: Calendar) -> None:
    view = derive([register("2025-09-30"), extend("2025-10-30")], cal)
    assert view.state.status == "extended"
    assert view.state.status_label == "已延期办理中"
    assert view.reply is not None and view.reply.due == D(
        "2025-12-02"
    )  # docs/law.md#counting-days (+40)
    assert (
        "2025年10月30日经政府信息公开工作机构负责人张主任批准并告知申请人，延长20个工作日"
        in view.reply.steps[-3]
    )
    # within the extension the case is not overdue; after it, it is
    assert not is_overdue(view.state, D("2025-11-20"), cal)
    assert not is_overdue(view.state, D("2025-12-02"), cal)
    assert is_overdue(view.state, D("2025-12-03"), cal)


def test_a_shorter_extension(cal: Calendar) -> None:
    view = derive([register("2025-09-30"), extend("2025-10-30", workdays=5)], cal)
    assert view.reply is not None and view.reply.due == D("2025-11-11")


def test_extension_guards(cal: Calendar) -> None:
    base: list[Event] = [register("2025-09-30")]
    error = refused(cal, [*base, extend("2025-10-30"), extend("2025-10-31")], "EXTENSION-ONCE")
    assert error.article.endswith("第三十三条第二款")
    refused(cal, [*base, extend("2025-10-30", approver="")], "EXTENSION-APPROVAL")
    refused(cal, [*base, extend("2025-10-30", workdays=21)], "EXTENSION-LENGTH")
    refused(cal, [*base, extend("2025-10-30", workdays=0)], "EXTENSION-LENGTH")
    late = refused(cal, [*base, extend("2025-11-05")], "EXTENSION-LATE")
    assert "2025年11月4日" in late.message
    refused(cal, [*base, extend("2025-11-03", notified="2025-11-05")], "EXTENSION-LATE")
    refused(
        cal,
        [*base, ApproveExtension(on=D("2025-10-30"), approver="张", notified_on=D("2025-10-29"))],
        "EXTENSION-NOTICE",
    )


def test_extension_while_consulting_and_awaiting_fee(cal: Calendar) -> None:
    consulting = derive([register(), consult("2025-03-10"), extend("2025-03-12")], cal)
    assert consulting.state.phase == Phase.CONSULTING and consulting.state.extension is not None
    fee = IssueFeeNotice(on=D("2025-03-10"), method="per_page", amount=Decimal(700))
    paying = derive([register(), fee, extend("2025-03-12")], cal)
    assert paying.state.phase == Phase.AWAITING_FEE and paying.state.extension is not None


# ---------------------------------------------------------------- fee


def test_fee_notice_payment_and_pause(cal: Calendar) -> None:
    view = derive([register(), FEE], cal)
    assert view.state.phase == Phase.AWAITING_FEE
    assert view.fee_payment is not None and view.fee_payment.due == D("2025-04-08")
    assert view.reply is not None and view.reply.provisional
    assert not is_overdue(view.state, D("2025-04-01"), cal)
    paid = derive([register(), FEE, ReceivePayment(on=D("2025-03-14"), amount=Decimal(700))], cal)
    assert paid.state.phase == Phase.IN_PROGRESS
    assert paid.state.fee is not None and paid.state.fee.paid_on == D("2025-03-14")
    assert paid.reply is not None and paid.reply.due == D("2025-04-08")  # 10–14 March excluded
    # a policy that does not exclude the payment window
    plain = derive(
        [register(), FEE, ReceivePayment(on=D("2025-03-14"), amount=Decimal(700))],
        cal,
        Policy(fee_window_excluded=False),
    )
    assert plain.reply is not None and plain.reply.due == D("2025-03-31")


def test_fee_guards(cal: Calendar) -> None:
    refused(
        cal,
        [register(), FEE, ReceivePayment(on=D("2025-03-11"), amount=Decimal(70))],
        "FEE-AMOUNT-MISMATCH",
    )
    refused(
        cal,
        [register(), FEE, ReceivePayment(on=D("2025-04-09"), amount=Decimal(700))],
        "FEE-PAYMENT-LATE",
    )
    refused(cal, [register(), FEE, FeeLapsed(on=D("2025-04-08"))], "FEE-NOT-LAPSED")
    refused(
        cal,
        [register(), IssueFeeNotice(on=D("2025-04-01"), method="per_page", amount=Decimal(1))],
        "FEE-NOTICE-LATE",
    )
    refused(
        cal,
        [register(), IssueFeeNotice(on=D("2025-03-10"), method="per_page", amount=Decimal(0))],
        "FEE-AMOUNT",
    )
    refused(
        cal,
        [register(), IssueFeeNotice(on=D("2025-03-10"), method="gratis", amount=Decimal(1))],
        "FEE-METHOD",
    )  # type: ignore[arg-type]
    refused(
        cal,
        [
            register(),
            IssueFeeNotice(
                on=D("2025-03-10"),
                method="per_page",
                amount=Decimal(1),
                delivered_on=D("2025-03-09"),
            ),
        ],
        "FEE-DATE",
    )
    paid: list[Event] = [register(), FEE, ReceivePayment(on=D("2025-03-11"), amount=Decimal(700))]
    refused(
        cal,
        [*paid, IssueFeeNotice(on=D("2025-03-12"), method="per_page", amount=Decimal(1))],
        "FEE-ONCE",
    )


def test_fee_lapse(cal: Calendar) -> None:
    view = derive([register(), FEE, FeeLapsed(on=D("2025-04-09"))], cal)
    assert view.state.outcome == "closed_fee_unpaid"
    assert "国办函〔2020〕109号" in view.state.legal_basis


# ---------------------------------------------------------------- reply


def test_reply_guards(cal: Calendar) -> None:
    refused(cal, [register(), reply("2025-03-05", "maybe")], "OUTCOME-UNKNOWN")
    refused(cal, [register(), reply("2025-03-05", "closed_no_correction")], "OUTCOME-BY-LAPSE")
    refused(cal, [register(), reply("2025-03-05", "closed_fee_unpaid")], "OUTCOME-BY-LAPSE")
    refused(
        cal,
        [register(), Reply(on=D("2025-03-05"), outcome="granted", legal_basis=" ")],
        "REPLY-BASIS",
    )
    error = refused(
        cal,
        [
            register(),
            reply("2025-03-05", "withheld_internal", withheld_grounds=("withheld_third_party",)),
        ],
        "OUTCOME-EXCLUSIVE",
    )
    assert "只有一个办理结果" in error.message
    refused(
        cal,
        [register(), reply("2025-03-05", "partially_granted", withheld_grounds=("granted",))],
        "PARTIAL-GROUNDS",
    )


def test_partial_disclosure_is_one_outcome(cal: Calendar) -> None:
    view = derive(
        [
            register(),
            reply(
                "2025-03-05",
                "partially_granted",
                withheld_grounds=("withheld_third_party", "withheld_internal"),
            ),
        ],
        cal,
    )
    assert view.state.outcome == "partially_granted"


def test_late_reply_is_recorded_with_a_warning(cal: Calendar) -> None:
    view = derive([register(), reply("2025-04-01")], cal)
    assert view.state.phase == Phase.CLOSED
    assert view.warnings == (
        "逾期答复：答复期限已于2025年3月31日届满（《中华人民共和国政府信息公开条例》第三十三条第二款）",
    )
    assert view.replied_late is True
    assert replied_late(view.state, cal) is True
    assert not is_overdue(view.state, D("2025-04-02"), cal)  # closed cases are never overdue


def test_withdrawal(cal: Calendar) -> None:
    view = derive([register(), consult("2025-03-10"), Withdraw(on=D("2025-03-12"))], cal)
    assert view.state.outcome == "closed_other"
    assert view.state.legal_basis == "申请人撤回申请"


# ---------------------------------------------------------------- overdue and receipt dates


def test_overdue_is_derived_on_the_day_asked(cal: Calendar) -> None:
    state, _ = replay([register("2025-09-30")], cal)
    assert not is_overdue(state, D("2025-11-04"), cal)
    assert is_overdue(state, D("2025-11-05"), cal)
    assert not is_overdue(CaseState(), D("2025-11-05"), cal)


def test_receipt_on_a_holiday_through_the_workflow(cal: Calendar) -> None:
    events = [register("2025-10-09", received_on=D("2025-10-04"))]
    assert derive(events, cal).reply.due == D("2025-11-04")  # type: ignore[union-attr]
    policy = Policy(receipt_on_rest_day="next_workday")
    assert derive(events, cal, policy).reply.due == D("2025-11-05")  # type: ignore[union-attr]


def test_receipt_on_a_makeup_saturday_through_the_workflow(cal: Calendar) -> None:
    view = derive([register("2026-02-14")], cal)
    assert view.reply is not None and view.reply.due == D("2026-03-20")
    assert view.reply.steps[0] == "2026年2月14日收到申请（星期六，调休上班日）"


def test_reply_deadline_without_extension(cal: Calendar) -> None:
    state, _ = replay([register("2025-09-30"), extend("2025-10-30")], cal)
    plain = reply_deadline(state, cal, with_extension=False)
    assert plain is not None and plain.due == D("2025-11-04")


def test_a_case_in_a_year_entered_by_hand(cal2027: Calendar, cal: Calendar) -> None:
    events = [register("2027-01-29")]
    view = derive(events, cal2027)
    assert view.reply is not None and view.reply.due == D("2027-03-05")
    from gongkai.procedure.errors import CalendarNotAvailable

    with pytest.raises(CalendarNotAvailable):
        derive(events, cal)


# ---------------------------------------------------------------- the event log


def test_records_carry_who_when_why(cal: Calendar) -> None:
    event = Withdraw(on=D("2025-03-04"), actor="李四", reason="申请人电话撤回，已录音")
    view = derive([register(), event], cal)
    record = view.records[-1]
    assert record.seq == 2 and record.event.actor == "李四" and record.event.on == D("2025-03-04")
    assert view.state.legal_basis == "申请人电话撤回，已录音"
    assert view.records[0].summary == "2025年3月3日收到申请（当面提交），2025年3月3日登记"


SAMPLES: list[Event] = [
    register(),
    NOTICE,
    ReceiveCorrection(on=D("2025-10-20"), received_on=D("2025-10-20")),
    CorrectionLapsed(on=D("2025-10-27")),
    consult("2025-03-10", delivered_on=D("2025-03-11")),
    EndConsultation(on=D("2025-03-12"), ref="1", answered=False),
    extend("2025-03-12"),
    FEE,
    ReceivePayment(on=D("2025-03-11"), amount=Decimal("700.50")),
    FeeLapsed(on=D("2025-04-09")),
    reply("2025-03-05", "partially_granted", withheld_grounds=("withheld_internal",)),
    Withdraw(on=D("2025-03-04"), actor="李四"),
]


def test_every_event_round_trips_through_json_data() -> None:
    import json

    assert {type(e) for e in SAMPLES} == set(EVENT_TYPES)
    for event in SAMPLES:
        data = json.loads(json.dumps(event_to_data(event), ensure_ascii=False))
        assert event_from_data(data) == event


def test_bad_event_data() -> None:
    from gongkai.procedure.errors import ProcedureError

    with pytest.raises(ProcedureError):
        event_from_data({"kind": "teleport"})
    with pytest.raises(ProcedureError):
        event_from_data({"kind": "reply", "on": "2025-03-03"})


def test_replied_late_only_for_replies(cal: Calendar) -> None:
    withdrawn = derive([register(), Withdraw(on=D("2025-05-05"))], cal)
    assert withdrawn.state.closed_by == "withdraw"
    assert withdrawn.replied_late is None
    answered = derive([register(), reply("2025-03-31")], cal)
    assert answered.state.closed_by == "reply" and answered.replied_late is False


def test_every_kind_of_event_has_its_step_and_every_phase_names_known_events() -> None:
    from gongkai.procedure.state import ALLOWED
    from gongkai.procedure.workflow import STEPS

    assert set(STEPS) == set(EVENT_TYPES)
    kinds = {cls.kind for cls in EVENT_TYPES}
    assert all(set(allowed) <= kinds for allowed in ALLOWED.values())
