"""Every event in every phase: allowed ones succeed, forbidden ones raise with a clear message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from gongkai.procedure.errors import TransitionError
from gongkai.procedure.events import (
    EVENT_KINDS,
    ApproveExtension,
    CorrectionLapsed,
    EndConsultation,
    Event,
    FeeLapsed,
    IssueFeeNotice,
    ReceiveCorrection,
    ReceivePayment,
    Register,
    Reply,
    SendCorrectionNotice,
    StartConsultation,
    Withdraw,
)
from gongkai.procedure.history import replay
from gongkai.procedure.state import ALLOWED, CaseState, Phase
from gongkai.procedure.workdays import Calendar
from gongkai.procedure.workflow import transition

D = date.fromisoformat
R = D("2025-03-03")  # Monday; reply due 2025-03-31 without pauses

REGISTER = Register(on=R, received_on=R, channel="in_person", applicant_type="natural_person")
SETUPS: dict[Phase, list[Event]] = {
    Phase.NEW: [],
    Phase.REGISTERED: [REGISTER],
    Phase.AWAITING_CORRECTION: [
        REGISTER,
        SendCorrectionNotice(
            on=D("2025-03-05"), correction_due=D("2025-03-14"), items=("写明文号",)
        ),
    ],
    Phase.IN_PROGRESS: [
        REGISTER,
        StartConsultation(on=D("2025-03-04"), consultation="agency", party="乙局"),
        EndConsultation(on=D("2025-03-05")),
    ],
    Phase.CONSULTING: [
        REGISTER,
        StartConsultation(on=D("2025-03-05"), consultation="third_party", party="甲公司"),
    ],
    Phase.AWAITING_FEE: [
        REGISTER,
        IssueFeeNotice(on=D("2025-03-05"), method="per_page", amount=Decimal(700)),
    ],
    Phase.CLOSED: [
        REGISTER,
        Reply(on=D("2025-03-05"), outcome="granted", legal_basis="第三十六条第（二）项"),
    ],
}
ON = D("2025-03-10")
# A valid event of each kind for the setups above (the lapses need their periods to be over).
FACTORIES: dict[str, Callable[[], Event]] = {
    "register": lambda: Register(
        on=ON, received_on=ON, channel="online", applicant_type="business"
    ),
    "send_correction_notice": lambda: SendCorrectionNotice(
        on=ON, correction_due=D("2025-03-20"), items=("写明所需信息的名称",)
    ),
    "receive_correction": lambda: ReceiveCorrection(on=ON, received_on=ON),
    "correction_lapsed": lambda: CorrectionLapsed(on=D("2025-03-17")),
    "start_consultation": lambda: StartConsultation(
        on=ON, consultation="third_party", party="丙公司"
    ),
    "end_consultation": lambda: EndConsultation(on=ON),
    "approve_extension": lambda: ApproveExtension(on=ON, approver="张主任", notified_on=ON),
    "issue_fee_notice": lambda: IssueFeeNotice(
        on=ON, method="per_application", amount=Decimal(100)
    ),
    "receive_payment": lambda: ReceivePayment(on=ON, amount=Decimal(700)),
    "fee_lapsed": lambda: FeeLapsed(on=D("2025-04-03")),  # pay due: 20 WD after 5 Mar = 2 Apr
    "reply": lambda: Reply(on=ON, outcome="granted", legal_basis="第三十六条第（二）项"),
    "withdraw": lambda: Withdraw(on=ON, reason="申请人书面撤回"),
}
AFTER: dict[str, Phase] = {
    "register": Phase.REGISTERED,
    "send_correction_notice": Phase.AWAITING_CORRECTION,
    "receive_correction": Phase.IN_PROGRESS,
    "correction_lapsed": Phase.CLOSED,
    "start_consultation": Phase.CONSULTING,
    "end_consultation": Phase.IN_PROGRESS,
    "issue_fee_notice": Phase.AWAITING_FEE,
    "receive_payment": Phase.IN_PROGRESS,
    "fee_lapsed": Phase.CLOSED,
    "reply": Phase.CLOSED,
    "withdraw": Phase.CLOSED,
}


def _state(phase: Phase, cal: Calendar) -> CaseState:
    state, _ = replay(SETUPS[phase], cal)
    assert state.phase == phase
    return state


def test_every_event_kind_has_a_factory() -> None:
    assert set(FACTORIES) == set(EVENT_KINDS)
    assert set(ALLOWED) == set(Phase)


CASES = [(phase, kind) for phase in Phase for kind in EVENT_KINDS]


@pytest.mark.parametrize("phase,kind", CASES, ids=[f"{p.value}-{k}" for p, k in CASES])
def test_event_in_phase(cal: Calendar, phase: Phase, kind: str) -> None:
    state = _state(phase, cal)
    event = FACTORIES[kind]()
    if kind in ALLOWED[phase]:
        result = transition(state, event, cal)
        expected = AFTER.get(kind)
        if kind == "approve_extension":
            expected = Phase.IN_PROGRESS if phase == Phase.REGISTERED else phase
        if kind == "start_consultation":
            expected = Phase.CONSULTING
        assert result.state.phase == expected
        assert result.record.seq == state.event_count + 1
        assert result.record.event is event
        assert result.record.summary
        assert result.state.last_event_on == event.on
    else:
        with pytest.raises(TransitionError) as info:
            transition(state, event, cal)
        error = info.value
        assert error.rule == "EVENT-NOT-ALLOWED"
        assert error.phase == phase.value and error.event == kind
        assert event.label in error.message
        if phase == Phase.CLOSED:
            assert error.message.startswith("案件已办结（予以公开），不能再")
        else:
            assert "状态，不能" in error.message


def test_transition_is_pure(cal: Calendar) -> None:
    state = _state(Phase.REGISTERED, cal)
    event = FACTORIES["reply"]()
    first = transition(state, event, cal)
    second = transition(state, event, cal)
    assert first == second
    assert state.phase == Phase.REGISTERED  # unchanged


def test_hints_explain_the_refusal(cal: Calendar) -> None:
    with pytest.raises(TransitionError) as info:
        transition(_state(Phase.CONSULTING, cal), FACTORIES["reply"](), cal)
    assert (
        info.value.message
        == "案件处于“征求意见中”状态，不能作出答复：尚有未结束的征求意见，请先记录征求意见结束"
    )
    with pytest.raises(TransitionError) as again:
        transition(
            _state(Phase.AWAITING_CORRECTION, cal), FACTORIES["send_correction_notice"](), cal
        )
    assert "补正应一次性告知" in again.value.message
