"""The calendar in force: the package's years plus every arrangement in the database.

Deadlines are derived from events and this calendar whenever they are read, so entering a year
changes every open deadline at once; nothing is stored that would need recomputing.
"""

from __future__ import annotations

from django.db.models import Count, Max

from gongkai.procedure import workdays as core
from gongkai.web.workdays.models import HolidayArrangement

_cache: dict[str, object] = {}


def arrangements() -> list[core.YearArrangement]:
    result = []
    for arr in HolidayArrangement.objects.prefetch_related("rest_periods", "makeup_workdays"):
        result.append(
            core.YearArrangement(
                year=arr.year,
                rest_periods=tuple(
                    core.RestPeriod(p.name, p.first, p.last) for p in arr.rest_periods.all()
                ),
                makeup_workdays=tuple(m.day for m in arr.makeup_workdays.all()),
                source=arr.source,
                amends=arr.amends,
            )
        )
    return result


def current_calendar() -> core.Calendar:
    """The calendar, rebuilt only when the arrangements changed (one cheap query otherwise)."""
    return calendar_and_key()[0]


def calendar_and_key() -> tuple[core.Calendar, str]:
    """The calendar and a key that changes whenever it does (for memoising derived values)."""
    stamp = HolidayArrangement.objects.aggregate(
        n=Count("pk"), last=Max("entered_at"), top=Max("pk")
    )
    key = f"{stamp['n']}|{stamp['last']}|{stamp['top']}"
    if _cache.get("key") != key:
        _cache["calendar"] = core.official_calendar(arrangements())
        _cache["key"] = key
    calendar = _cache["calendar"]
    assert isinstance(calendar, core.Calendar)
    return calendar, key


def known_years() -> list[int]:
    return sorted(current_calendar().years)
