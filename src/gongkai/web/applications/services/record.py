"""The one write path of the procedure: authorize, replay, transition, append, project.

Every step of a case goes through :func:`record`: in one database transaction it locks the
case, replays its events through the core's pure ``transition`` with the calendar in force,
applies the new event (which raises when the law does not allow it), appends the event (who,
when, why, data), updates the case's stored phase and next-due index (due_index.py), and issues the letter the event calls for
(frozen by the letters app, on applications.signals.event_recorded). A refused or failed step writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.procedure.events import Event, event_to_data
from gongkai.procedure.history import replay
from gongkai.procedure.workflow import Transition, transition
from gongkai.web import footprints, yearlock
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications import selectors
from gongkai.web.applications.casefile import core_events, policy_for
from gongkai.web.applications.due_refresh import store_state
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.signals import event_recorded
from gongkai.web.bounds import check_dates
from gongkai.web.workdays.selectors import current_calendar


def append(
    application: Application,
    event: Event,
    *,
    actor: Actor | None,
    extra: dict[str, Any] | None = None,
    correction_reason: str = "",
) -> CaseEvent:
    """Apply ``event`` to a case already locked and authorized by the caller; write it.

    An event dated in a year whose annual report is published (a late entry) changes that
    report: it needs ``correction_reason`` and reopens the report (reports.lock). A step is
    recorded when it has happened: never dated after today, nor before 2008.
    """
    check_dates({"on": event.on}, {"on": "日期"})
    step = check(application, event)
    yearlock.guard(
        actor,
        application.agency_id,
        _legal_dates(event),
        carries=True,
        record=f"申请 {application.tracking_number}",
        change=f"补记{event.label}（{event.on.isoformat()}）",
        reason=correction_reason,
        alters=_alters(application, event, step.state),
    )
    data = event_to_data(event)
    if extra:
        data["extra"] = extra
    row = CaseEvent.objects.create(
        application=application,
        seq=step.record.seq,
        kind=event.kind,
        occurred_on=event.on,
        actor_id=actor.user_id if actor else None,
        actor_name=event.actor,
        reason=event.reason,
        summary=step.record.summary[:300],
        warnings=list(step.record.warnings),
        data=data,
    )
    new = step.state
    application.phase = new.phase.value
    application.outcome = new.outcome or ""
    application.closed_on = new.closed_on
    application.received_on = new.received_on
    application.save(update_fields=["phase", "outcome", "closed_on", "received_on"])
    store_state(application, new, current_calendar())  # the next-due index, same transaction
    # the letter the event calls for, frozen in this transaction (letters app), then mailed
    event_recorded.send(
        sender=Application, application=application, row=row, today=timezone.localdate()
    )
    return row


def check(application: Application, event: Event) -> Transition:
    """What ``event`` would do to the case now, or the core's refusal; writes nothing. A draft
    is checked so when it is submitted for approval, and again when it is approved."""
    rows = list(application.events.order_by("seq"))
    calendar = current_calendar()
    policy = policy_for(application.agency)
    state, _ = replay(core_events(rows), calendar, policy)
    return transition(state, event, calendar, policy)


FEE_EVENTS = ("issue_fee_notice", "receive_payment")  # counted in section 六's fee figures


def _alters(application: Application, event: Event, new: Any) -> Callable[[int], bool]:
    """Does recording ``event`` alter a year's figures: the case's place in table 三 (its
    footprint before and after), or a fee figure of the event's own year?"""
    kind = application.applicant_type
    before = (application.received_on, application.closed_on, application.outcome or "")
    after = (new.received_on, new.closed_on, new.outcome or "")

    def alters(year: int) -> bool:
        if event.kind in FEE_EVENTS and event.on.year == year:
            return True
        return bool(
            footprints.application(*before, kind, year)
            != footprints.application(*after, kind, year)
        )

    return alters


def _legal_dates(event: Event) -> list[date]:
    return [event.on, getattr(event, "received_on", None) or event.on]


def record(
    actor: Actor,
    case_id: int,
    event: Event,
    *,
    extra: dict[str, Any] | None = None,
    approval: bool = False,
    correction_reason: str = "",
) -> CaseEvent:
    """Record ``event`` on case ``case_id`` for ``actor`` (who must be allowed to handle it;
    ``approval=True``: only the head of the disclosure office may)."""
    with transaction.atomic():
        application = selectors.case_for_write(actor, case_id, approval=approval, lock=True)
        return append(
            application, event, actor=actor, extra=extra, correction_reason=correction_reason
        )
