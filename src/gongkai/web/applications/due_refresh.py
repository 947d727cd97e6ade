"""Writing the next-due index (due_index.py): one case from its new state, inside the event's
transaction; or many cases replayed from their events (a calendar change, the management
command, the data migration)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import transaction

from gongkai.procedure.errors import ProcedureError
from gongkai.procedure.history import replay
from gongkai.procedure.state import CaseState, Phase
from gongkai.procedure.workdays import Calendar
from gongkai.web.applications.casefile import core_events, policy_for
from gongkai.web.applications.due_index import DueKind, DueValues, NextDue, due_values
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.workdays.selectors import current_calendar

BATCH = 2000
FIELDS = [f for f in DueValues(kind="").as_fields() if f != "kind"] + ["kind"]
FIELDS += ["agency", "received_on"]


def store_state(application: Application, state: CaseState, calendar: Calendar) -> None:
    """Index ``application`` as it stands in ``state`` (the state the write path just reached)."""
    values = due_values(state, calendar, policy_for(application.agency))
    NextDue.objects.update_or_create(
        application=application, defaults={**values.as_fields(), **case_fields(application)}
    )


def case_fields(application: Application) -> dict[str, object]:
    """What the index copies from the case (due_index.NextDue)."""
    return {"agency_id": application.agency_id, "received_on": application.received_on}


def _values_of(application: Application, rows: list[CaseEvent], calendar: Calendar) -> DueValues:
    policy = policy_for(application.agency)
    if application.phase == Phase.CLOSED.value:  # a closed case never runs again
        return DueValues(DueKind.NONE.value, rest_day_rule=policy.receipt_on_rest_day)
    try:
        state, _ = replay(core_events(rows), calendar, policy)
    except ProcedureError as error:
        return DueValues(
            DueKind.UNKNOWN.value,
            rest_day_rule=policy.receipt_on_rest_day,
            error=f"办理记录无法按现行规则重演：{error}",
        )
    return due_values(state, calendar, policy)


def recompute(ids: Iterable[int], calendar: Calendar | None = None) -> int:
    """Replay and index the cases ``ids``; returns how many were written."""
    calendar = calendar or current_calendar()
    ids = list(ids)
    written = 0
    for first in range(0, len(ids), BATCH):
        chunk = ids[first : first + BATCH]
        apps = list(Application.objects.filter(pk__in=chunk).select_related("agency"))
        open_ids = [a.pk for a in apps if a.phase != Phase.CLOSED.value]
        events: dict[int, list[CaseEvent]] = defaultdict(list)
        for row in CaseEvent.objects.filter(application_id__in=open_ids).order_by(
            "application_id", "seq"
        ):
            events[row.application_id].append(row)
        rows = [
            NextDue(
                application_id=a.pk,
                **_values_of(a, events[a.pk], calendar).as_fields(),
                **case_fields(a),
            )
            for a in apps
        ]
        with transaction.atomic():
            NextDue.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["application"],
                update_fields=[f for f in FIELDS],
            )
        written += len(rows)
    return written


def recompute_all() -> int:
    return recompute(Application.objects.order_by("pk").values_list("pk", flat=True))


def recompute_touching(year: int) -> int:
    """After the arrangement of ``year`` was entered, changed or deleted: the open cases whose
    deadline could depend on it (counted into or past that year, or not computable), and the
    open cases not indexed yet. Entering a year also extends the provisional years after it,
    which only makes uncomputable deadlines computable."""
    from django.db.models import Q

    jan1 = date(year, 1, 1)
    touching = (
        Q(next_due__isnull=True)
        | Q(next_due__kind=DueKind.UNKNOWN.value)
        | Q(next_due__due_on__gte=jan1)
        | Q(next_due__final_from__gte=jan1)
        | Q(next_due__overdue_from__gte=jan1)
    )
    ids = (
        Application.objects.exclude(phase=Phase.CLOSED.value)
        .filter(touching)
        .values_list("pk", flat=True)
    )
    return recompute(list(ids))


def recompute_agency(agency_id: int) -> int:
    """After an agency changed its rule for receipts on rest days: its open cases."""
    ids = (
        Application.objects.filter(agency_id=agency_id)
        .exclude(phase=Phase.CLOSED.value)
        .values_list("pk", flat=True)
    )
    return recompute(list(ids))
