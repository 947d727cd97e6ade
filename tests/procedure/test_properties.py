"""Property tests: random valid histories close with exactly one outcome, and neither a pause
nor an extension ever moves a due date earlier."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.procedure.deadlines import reply_deadline
from gongkai.procedure.errors import TransitionError
from gongkai.procedure.events import (
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
from gongkai.procedure.history import derive, replay
from gongkai.procedure.receipt import CHANNELS
from gongkai.procedure.state import ALLOWED, CaseState, Phase, Policy, available_events
from gongkai.procedure.workdays import Calendar, Extension, Pause, add_workdays, official_calendar
from gongkai.procedure.workflow import transition
from gongkai.report.spec import APPLICANT_TYPES, OUTCOME_KEYS

CAL: Calendar = official_calendar()
CLOSING = {"reply", "correction_lapsed", "fee_lapsed", "withdraw"}
SPENT_RULES = {
    "EVENT-NOT-ALLOWED",
    "CORRECTION-ONCE",
    "CORRECTION-TOO-LATE-IN-PROCEDURE",
    "EXTENSION-ONCE",
    "FEE-ONCE",
}
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 6, 30))
policies = st.builds(
    Policy,
    receipt_on_rest_day=st.sampled_from(["as_is", "next_workday"]),
    late_correction_notice=st.sampled_from(["forbid", "warn"]),
    fee_window_excluded=st.booleans(),
)


def _event(data: st.DataObject, kind: str, on: date, state: CaseState) -> Event:
    draw = data.draw
    small = st.integers(min_value=0, max_value=3)
    if kind == "register":
        return Register(
            on=on,
            received_on=on - timedelta(days=draw(small)),
            channel=draw(st.sampled_from(CHANNELS)),
            applicant_type=draw(st.sampled_from(APPLICANT_TYPES)),
        )
    if kind == "send_correction_notice":
        return SendCorrectionNotice(
            on=on,
            correction_due=on + timedelta(days=draw(st.integers(0, 20))),
            items=draw(st.sampled_from([("写明文号",), ()])),
        )
    if kind == "receive_correction":
        return ReceiveCorrection(
            on=on, received_on=on, reason=draw(st.sampled_from(["", "因病住院"]))
        )
    if kind == "correction_lapsed":
        return CorrectionLapsed(on=on)
    if kind == "start_consultation":
        return StartConsultation(
            on=on,
            consultation=draw(st.sampled_from(["third_party", "agency"])),
            party=draw(st.sampled_from(["甲公司", "乙局"])),
            delivered_on=draw(st.none() | small.map(lambda n: on + timedelta(days=n))),
        )
    if kind == "end_consultation":
        refs = [c.ref for c in state.open_consultations] + [""]
        return EndConsultation(on=on, ref=draw(st.sampled_from(refs)), answered=draw(st.booleans()))
    if kind == "approve_extension":
        return ApproveExtension(
            on=on,
            approver=draw(st.sampled_from(["张主任", ""])),
            notified_on=on + timedelta(days=draw(small)),
            workdays=draw(st.sampled_from([20, 20, 15, 5, 1, 0, 21])),
        )
    if kind == "issue_fee_notice":
        return IssueFeeNotice(
            on=on,
            method=draw(st.sampled_from(["per_page", "per_application"])),
            amount=Decimal(draw(st.integers(0, 3000))),
        )
    if kind == "receive_payment":
        fee = state.fee
        amount = fee.amount if fee and draw(st.booleans()) else Decimal(1)
        return ReceivePayment(on=on, amount=amount)
    if kind == "fee_lapsed":
        return FeeLapsed(on=on)
    if kind == "reply":
        outcome = draw(st.sampled_from([*OUTCOME_KEYS, "bogus"]))
        grounds = draw(st.sampled_from([(), ("withheld_internal",), ("granted",)]))
        return Reply(on=on, outcome=outcome, legal_basis="依据条例", withheld_grounds=grounds)
    return Withdraw(on=on)


def _kind(data: st.DataObject, state: CaseState) -> str:
    """An allowed kind, or now and then a forbidden one; withdrawal rarely, so that histories
    grow long enough to reach corrections, consultations, extensions and fees."""
    allowed = sorted(ALLOWED[state.phase] - {"withdraw"})
    roll = data.draw(st.integers(0, 19))
    if roll == 0 or not allowed:
        return "withdraw"
    if roll == 1:
        return data.draw(st.sampled_from(["reply", "register", "fee_lapsed"]))
    return data.draw(st.sampled_from(allowed))


@PROFILE
@given(data=st.data(), start=days, policy=policies)
def test_random_histories_close_with_exactly_one_outcome(
    data: st.DataObject, start: date, policy: Policy
) -> None:
    state = CaseState()
    events: list[Event] = []
    kinds: list[str] = []
    on = start
    for _ in range(30):
        kind = _kind(data, state)
        on = on + timedelta(days=data.draw(st.integers(0, 12)))
        event = _event(data, kind, on, state)
        try:
            step = transition(state, event, CAL, policy)
        except TransitionError as error:
            # what the pages offer (available_events) is never refused for being spent or
            # out of phase: only for its data
            if kind in available_events(state):
                assert error.rule not in SPENT_RULES, (kind, error.rule)
            continue
        # the core accepts only what it offers
        assert kind in available_events(state), kind
        state = step.state
        events.append(event)
        kinds.append(event.kind)
        closing = [k for k in kinds if k in CLOSING]
        if state.phase == Phase.CLOSED:
            assert state.outcome in OUTCOME_KEYS
            assert len(closing) == 1 and kinds[-1] in CLOSING
            assert state.closed_on == on and state.closed_by == kinds[-1]
            break
        assert state.outcome is None and closing == []
        # the period with its extension never ends before the period without it
        with_ext = reply_deadline(state, CAL, policy)
        without = reply_deadline(state, CAL, policy, with_extension=False)
        if with_ext is not None and without is not None:
            assert with_ext.due >= without.due
    if state.phase == Phase.CLOSED:
        # nothing more can happen to a closed case: no second outcome
        for kind in ("reply", "withdraw"):
            try:
                transition(state, _event(data, kind, on, state), CAL, policy)
            except TransitionError as error:
                assert error.rule == "EVENT-NOT-ALLOWED"
            else:  # pragma: no cover
                raise AssertionError("a closed case accepted another event")
    # the history replays to the same state
    assert replay(events, CAL, policy)[0] == state
    assert derive(events, CAL, policy).state == state


@st.composite
def pauses(draw: st.DrawFn, start: date) -> Pause:
    first = start + timedelta(days=draw(st.integers(-5, 60)))
    last = first + timedelta(days=draw(st.integers(-1, 30)))
    return Pause(first, last, "征求意见")


@PROFILE
@given(
    data=st.data(),
    start=days,
    n=st.integers(1, 40),
    rule=st.sampled_from(["as_is", "next_workday"]),
)
def test_pauses_and_extension_never_move_a_due_date_earlier(
    data: st.DataObject, start: date, n: int, rule: str
) -> None:
    some = data.draw(st.lists(pauses(start), max_size=3))
    more = [*some, data.draw(pauses(start))]
    ext = Extension(data.draw(st.integers(1, 20)), "经批准")
    plain = add_workdays(CAL, start, n, rest_day_rule=rule)  # type: ignore[arg-type]
    paused = add_workdays(CAL, start, n, pauses=some, rest_day_rule=rule)  # type: ignore[arg-type]
    paused_more = add_workdays(CAL, start, n, pauses=more, rest_day_rule=rule)  # type: ignore[arg-type]
    extended = add_workdays(CAL, start, n, pauses=more, extension=ext, rest_day_rule=rule)  # type: ignore[arg-type]
    assert plain.due <= paused.due <= paused_more.due <= extended.due
    # the due date is a counted working day, and exactly n of them end there
    for deadline, gaps, total in (
        (plain, [], n),
        (paused_more, more, n),
        (extended, more, n + ext.workdays),
    ):
        assert CAL.is_workday(deadline.due)
        assert not any(p.first <= deadline.due <= p.last for p in gaps)
        origin = start if CAL.is_workday(start) or rule == "as_is" else CAL.next_workday(start)
        day, counted = origin, 0
        while day < deadline.due:
            day += timedelta(days=1)
            counted += CAL.is_workday(day) and not any(p.first <= day <= p.last for p in gaps)
        assert counted == total
        assert deadline.steps[-1].startswith(f"第{total}个工作日为")


@PROFILE
@given(start=days, a=st.integers(0, 30), b=st.integers(0, 20), answered=st.booleans())
def test_a_consultation_never_moves_the_case_deadline_earlier(
    start: date, a: int, b: int, answered: bool
) -> None:
    reg = Register(on=start, received_on=start, channel="online", applicant_type="natural_person")
    base = derive([reg], CAL).reply
    begin = start + timedelta(days=a)
    events: list[Event] = [
        reg,
        StartConsultation(on=begin, consultation="third_party", party="甲公司"),
        EndConsultation(on=begin + timedelta(days=b), answered=answered),
    ]
    paused = derive(events, CAL).reply
    assert base is not None and paused is not None
    assert paused.due >= base.due
