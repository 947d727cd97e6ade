"""The stored next-due index answers what replaying the events answers: for random histories
built with the procedure core, on every later day; after a calendar year is entered; and a
step that fails leaves it as it was."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.procedure import events as ev
from gongkai.procedure.errors import ProcedureError
from gongkai.procedure.events import event_to_data
from gongkai.procedure.state import CaseState, Policy, available_events
from gongkai.procedure.workdays import RestPeriod, add_workdays, official_calendar
from gongkai.procedure.workflow import transition
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import selectors
from gongkai.web.applications.casefile import clock_for, clock_of
from gongkai.web.applications.due_index import DueKind, DueValues, NextDue, due_values
from gongkai.web.applications.due_refresh import recompute_all
from gongkai.web.applications.due_rows import soon_limit
from gongkai.web.applications.models import CaseEvent
from gongkai.web.applications.services import steps
from gongkai.web.applications.signals import event_recorded
from gongkai.web.workdays.selectors import with_provisional_years
from gongkai.web.workdays.services import enter_arrangement
from tests.web.conftest import today_is

D = date
DAY = timedelta(days=1)
CALENDAR = with_provisional_years(official_calendar())
SOON = 5


def _event(kind: str, on: date, state: CaseState, draw: Any) -> ev.BaseEvent:
    if kind == "send_correction_notice":
        due = on + timedelta(days=draw(st.integers(5, 30)))
        return ev.SendCorrectionNotice(on=on, correction_due=due, items=("申请内容不明确",))
    if kind == "receive_correction":
        return ev.ReceiveCorrection(on=on, received_on=on)
    if kind == "start_consultation":
        late = timedelta(days=draw(st.integers(0, 3)))
        party = draw(st.sampled_from(["third_party", "agency"]))
        return ev.StartConsultation(
            on=on, consultation=party, party="某公司", delivered_on=on + late
        )
    if kind == "end_consultation":
        ref = draw(st.sampled_from([c.ref for c in state.open_consultations]))
        return ev.EndConsultation(on=on, ref=ref, answered=draw(st.booleans()))
    if kind == "approve_extension":
        return ev.ApproveExtension(
            on=on, approver="李华", notified_on=on, workdays=draw(st.integers(1, 20))
        )
    if kind == "issue_fee_notice":
        return ev.IssueFeeNotice(on=on, method="per_page", amount=Decimal("100"))
    if kind == "receive_payment":
        return ev.ReceivePayment(on=on, amount=Decimal("100"))
    return ev.Withdraw(on=on)


KINDS = [
    "send_correction_notice",
    "receive_correction",
    "start_consultation",
    "end_consultation",
    "approve_extension",
    "issue_fee_notice",
    "receive_payment",
    "withdraw",
]


@st.composite
def histories(draw: Any) -> tuple[list[ev.BaseEvent], CaseState, Policy]:
    """A case's events as the core accepts them, one after another at random gaps."""
    policy = Policy(receipt_on_rest_day=draw(st.sampled_from(["as_is", "next_workday"])))
    received = D(2025, 1, 2) + timedelta(days=draw(st.integers(0, 700)))
    first = ev.Register(
        on=received, received_on=received, channel="in_person", applicant_type="natural_person"
    )
    state = transition(CaseState(), first, CALENDAR, policy).state
    events: list[ev.BaseEvent] = [first]
    on = received
    for _ in range(draw(st.integers(0, 6))):
        offered = sorted(k for k in available_events(state) if k in KINDS)
        if not offered:
            break
        kind = draw(st.sampled_from(offered))
        on = on + timedelta(days=draw(st.integers(0, 25)))
        try:
            event = _event(kind, on, state, draw)
            state = transition(state, event, CALENDAR, policy).state
        except ProcedureError:
            continue  # refused by the core (a date too late, say): not part of the history
        events.append(event)
    return events, state, policy


def _indexed(values: DueValues, today: date) -> tuple[bool, bool, date | None] | None:
    """What the list queries (due_rows) read from a row on ``today``: overdue, due soon, and
    the due date; None where they derive the case from its events instead."""
    if values.kind not in (DueKind.FIXED, DueKind.PAUSED):
        return None
    assert values.overdue_from is not None and values.due_on is not None
    if values.overdue_from <= today:
        return True, False, values.overdue_from - DAY
    settled = values.kind == DueKind.FIXED or (values.final_from or D.max) <= today
    if settled:
        due = values.due_on
        return False, today <= due <= soon_limit(CALENDAR, today, SOON), due
    if values.moves_until is None or values.moves_until < today:
        return None
    if values.moves_from is None or values.moves_from > today:
        return None
    assert values.remaining is not None
    due = add_workdays(CALENDAR, today, values.remaining).due
    soon = values.remaining <= SOON - int(CALENDAR.is_workday(today))
    return False, soon, due


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.lists(st.integers(0, 120), min_size=1, max_size=6))
def test_the_index_answers_as_the_replay_on_every_later_day(
    history: tuple[list[ev.BaseEvent], CaseState, Policy], offsets: list[int]
) -> None:
    events, state, policy = history
    values = due_values(state, CALENDAR, policy)
    agency = Agency(name="某局", receipt_on_rest_day=policy.receipt_on_rest_day)
    rows = [CaseEvent(data=event_to_data(e)) for e in events]
    last = state.last_event_on or events[-1].on
    for offset in offsets:
        today = last + timedelta(days=offset)
        clock = clock_for(agency, rows, today, calendar=CALENDAR, soon_workdays=SOON, light=True)
        answer = _indexed(values, today)
        if values.kind == DueKind.UNKNOWN:
            assert clock.error
            continue
        if answer is None:  # derived when read: nothing to compare but that it is rare
            assert values.kind != DueKind.FIXED
            continue
        overdue, soon, due = answer
        assert clock.error == ""
        assert (overdue, soon) == (clock.overdue, clock.due_soon), (today, values, clock)
        assert clock.reply is not None and due == clock.reply.due


# ---------------------------------------------------------------- the database side


def _row(app: Any) -> dict[str, object]:
    found = NextDue.objects.get(application=app)
    return {k: getattr(found, k) for k in DueValues(kind="").as_fields()}


def test_index_kept_by_each_step_equals_a_full_recompute(people, make_case, monkeypatch):
    today_is(monkeypatch, D(2025, 12, 1))
    clerk, approver = people["clerk"], people["approver"]
    plain = make_case(D(2025, 10, 9))
    consulting = make_case(D(2025, 10, 10))
    steps.start_consultation(
        clerk, consulting.pk, on=D(2025, 10, 20), consultation="third_party", party="某公司"
    )
    extended = make_case(D(2025, 9, 8))
    steps.approve_extension(
        approver,
        extended.pk,
        on=D(2025, 10, 9),
        notified_on=D(2025, 10, 9),
        workdays=20,
        reason="情况复杂",
    )
    cases = [plain, consulting, extended]
    kept = {c.pk: _row(c) for c in cases}
    assert kept[plain.pk]["kind"] == "fixed"
    assert kept[consulting.pk]["kind"] == "paused"
    assert kept[extended.pk]["extended"] is True
    NextDue.objects.all().delete()
    recompute_all()
    assert {c.pk: _row(c) for c in cases} == kept
    for c in cases:  # and the stored due date is the case page's
        clock = clock_of(c, D(2025, 12, 1))
        assert clock.reply is not None
        assert kept[c.pk]["due_on"] == clock.reply.due


ARRANGEMENT_2027 = {
    "year": 2027,
    "source": "国办发明电〔2026〕X号",
    "rest_periods": [RestPeriod("元旦", D(2027, 1, 1), D(2027, 1, 3))],
    "makeup_workdays": [],
}


def test_entering_a_calendar_year_recomputes_the_index(people, make_case, monkeypatch):
    today_is(monkeypatch, D(2026, 12, 11))
    app = make_case(D(2026, 12, 10))
    assert NextDue.objects.get(application=app).due_on == D(2027, 1, 8)  # provisional 2027
    enter_arrangement(
        people["admin"],
        year=2027,
        source="更正",
        rest_periods=[RestPeriod("元旦", D(2027, 1, 1), D(2027, 1, 5))],
        makeup_workdays=[],
    )
    assert NextDue.objects.get(application=app).due_on == D(2027, 1, 12)
    assert clock_of(app, D(2026, 12, 11)).reply.due == D(2027, 1, 12)
    rows = selectors.due_soon_cases(people["clerk"], D(2027, 1, 6))
    assert [(r.application.pk, r.clock.reply.due) for r in rows] == [(app.pk, D(2027, 1, 12))]


def test_a_failed_step_leaves_the_index_untouched(people, case, monkeypatch):
    today_is(monkeypatch, D(2025, 10, 20))
    before = _row(case)
    assert before["kind"] == "fixed"

    def refuse(**kwargs: Any) -> None:
        raise RuntimeError("信件生成失败")

    event_recorded.connect(refuse, dispatch_uid="test_refuse")
    try:
        with pytest.raises(RuntimeError):
            steps.start_consultation(
                people["clerk"],
                case.pk,
                on=D(2025, 10, 20),
                consultation="third_party",
                party="某公司",
            )
    finally:
        event_recorded.disconnect(dispatch_uid="test_refuse")
    assert _row(case) == before
    assert case.events.count() == 1


def test_recompute_due_command_indexes_what_was_loaded_around_the_write_path(people, make_case):
    from io import StringIO

    from django.core.management import call_command

    late = make_case(D(2025, 9, 1))
    kept = _row(late)
    NextDue.objects.filter(application=late).delete()
    out = StringIO()
    call_command("recompute_due", "--missing", stdout=out)
    assert "1 件" in out.getvalue()
    assert _row(late) == kept
    call_command("recompute_due", stdout=StringIO())
    assert _row(late) == kept


def test_dashboard_shows_the_first_rows_of_the_lists_and_counts_them_all(people, make_case):
    received = [D(2025, 8, 1) + timedelta(days=3 * i) for i in range(12)]
    cases = [make_case(day) for day in received]
    paused = make_case(D(2025, 10, 10))
    steps.start_consultation(
        people["clerk"], paused.pk, on=D(2025, 10, 20), consultation="third_party", party="某公司"
    )
    today = D(2025, 10, 22)
    board = selectors.dashboard(people["clerk"], today)
    overdue = selectors.overdue_cases(people["clerk"], today)
    soon = selectors.due_soon_cases(people["clerk"], today)
    assert board.overdue_count == len(overdue) and len(overdue) > 10
    assert [r.application.pk for r in board.overdue] == [r.application.pk for r in overdue[:10]]
    assert board.due_soon_count == len(soon)
    assert [r.application.pk for r in board.due_soon] == [r.application.pk for r in soon[:10]]
    assert {c.pk for c in cases} >= {r.application.pk for r in overdue}


def _copied(app: Any) -> tuple[int, date | None]:
    found = NextDue.objects.get(application=app)
    return found.agency_id, found.received_on


def _case(app: Any) -> tuple[int, date | None]:
    app.refresh_from_db()
    return app.agency_id, app.received_on


def test_the_index_carries_the_cases_agency_and_receipt_date_on_every_write_path(
    people, make_case, monkeypatch
):
    """The lists find a scope's cases and order them by receipt from the index alone, so its
    copy of the agency and the receipt date follows the case: at intake, when an online
    application is confirmed (its receipt date set), after a correction, after a recompute and
    in the data migration."""
    import importlib

    from django.apps import apps as live_apps

    from gongkai.web.applications.services import intake
    from tests.web.conftest import intake_data

    today_is(monkeypatch, D(2025, 12, 1))
    clerk = people["clerk"]
    submitted = datetime(2025, 10, 13, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    online = intake.submit_public(clerk.staff.agency, intake_data(), now=submitted).application
    assert _copied(online) == _case(online) and online.received_on is None
    intake.confirm_online(clerk, online.pk, confirmed_on=D(2025, 10, 13))
    assert _copied(online) == _case(online) == (clerk.staff.agency_id, D(2025, 10, 13))
    corrected = make_case(D(2025, 10, 9))
    steps.send_correction_notice(
        clerk,
        corrected.pk,
        on=D(2025, 10, 10),
        items=["申请内容不明确"],
        correction_due=D(2025, 10, 24),
    )
    steps.receive_correction(clerk, corrected.pk, on=D(2025, 10, 20))
    assert _copied(corrected) == _case(corrected) == (clerk.staff.agency_id, D(2025, 10, 9))
    cases = [online, corrected]
    NextDue.objects.update(received_on=None)
    recompute_all()
    assert [_copied(c) for c in cases] == [_case(c) for c in cases]
    NextDue.objects.update(received_on=D(2000, 1, 1))
    migration = importlib.import_module("gongkai.web.applications.migrations.0006_next_due_scope")
    migration.fill(live_apps, None)
    assert [_copied(c) for c in cases] == [_case(c) for c in cases]
