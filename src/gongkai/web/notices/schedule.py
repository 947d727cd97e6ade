"""When the worker runs its jobs: the daily reminders, at a set time, on working days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from gongkai.procedure.errors import CalendarNotAvailable
from gongkai.procedure.workdays import Calendar


def parse_at(value: str) -> time:
    """``HH:MM`` (24-hour), as GONGKAI_REMIND_AT is written."""
    try:
        hours, minutes = (int(part) for part in value.strip().split(":"))
        return time(hours, minutes)
    except ValueError as error:
        raise ValueError(f"时间“{value}”格式不正确，应为 HH:MM，例如 07:30") from error


def next_run(now: datetime, at: time) -> datetime:
    """The next moment at ``at`` strictly after ``now`` (same time zone as ``now``)."""
    candidate = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + timedelta(days=1)


def reminds_on(calendar: Calendar, day: date) -> bool:
    """Reminders go out on working days (with 调休); in a year the calendar does not know yet,
    on Monday to Friday."""
    try:
        return calendar.is_workday(day)
    except CalendarNotAvailable:
        return day.weekday() < 5
