"""Keeping the next-due index (due_index.py) in step with what it is computed from besides the
events: the calendar (an administrator enters or deletes a year) and an agency's rule for
receipts on rest days. Connected in ApplicationsConfig.ready."""

from __future__ import annotations

from typing import Any

from gongkai.web.agencies.models import Agency
from gongkai.web.applications.due_index import NextDue
from gongkai.web.applications.due_refresh import recompute_agency, recompute_touching


def on_calendar_changed(sender: object, *, year: int, **kwargs: Any) -> None:
    recompute_touching(year)


def on_agency_saved(sender: object, *, instance: Agency, **kwargs: Any) -> None:
    stale = (
        NextDue.objects.filter(application__agency=instance)
        .exclude(rest_day_rule=instance.receipt_on_rest_day)
        .exclude(kind="none")
        .exists()
    )
    if stale:
        recompute_agency(instance.pk)
