"""Writes of holiday arrangements. The core checks an arrangement before it is stored; after
that every open deadline follows from it: deadlines are derived on each read, and the stored
next-due index of the case register is recomputed in the same transaction (signals.py)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.procedure import workdays as core
from gongkai.procedure.errors import CalendarDataError
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import Forbidden, InvalidInput, NotFound
from gongkai.web.workdays.models import HolidayArrangement, MakeupWorkday, RestPeriod
from gongkai.web.workdays.selectors import arrangements
from gongkai.web.workdays.signals import calendar_changed


def enter_arrangement(
    actor: Actor,
    *,
    year: int,
    rest_periods: list[core.RestPeriod],
    makeup_workdays: list[date],
    source: str = "",
    amends: bool = False,
) -> HolidayArrangement:
    """Store a year's arrangement (replacing an earlier complete one for the same year)."""
    if not actor.is_administrator:
        raise Forbidden("只有系统管理员可以录入节假日安排。")
    new = core.YearArrangement(year, tuple(rest_periods), tuple(makeup_workdays), source, amends)
    kept = [a for a in arrangements() if amends or a.year != year or a.amends]
    try:
        core.official_calendar([*kept, new])
    except CalendarDataError as error:
        raise InvalidInput(str(error)) from error
    with transaction.atomic():
        if not amends:
            HolidayArrangement.objects.filter(year=year, amends=False).delete()
        arrangement = HolidayArrangement.objects.create(
            year=year, amends=amends, source=source, entered_by_id=actor.user_id
        )
        RestPeriod.objects.bulk_create(
            RestPeriod(arrangement=arrangement, name=p.name, first=p.first, last=p.last)
            for p in rest_periods
        )
        MakeupWorkday.objects.bulk_create(
            MakeupWorkday(arrangement=arrangement, day=d) for d in makeup_workdays
        )
        calendar_changed.send(sender=HolidayArrangement, year=year)
    return arrangement


def delete_arrangement(actor: Actor, arrangement_id: int) -> None:
    if not actor.is_administrator:
        raise Forbidden("只有系统管理员可以删除节假日安排。")
    with transaction.atomic():
        found = HolidayArrangement.objects.filter(pk=arrangement_id).first()
        if found is None:
            raise NotFound("没有这项节假日安排（可能已被删除）。")
        found.delete()
        calendar_changed.send(sender=HolidayArrangement, year=found.year)
