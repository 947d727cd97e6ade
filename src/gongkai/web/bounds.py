"""Bounds for what comes in from a request: numbers in the query string and dates in forms.

A parameter that is not a plain number of the expected range (``?year=99999``, a 25-digit id,
``-1``, a superscript ``²`` that ``str.isdigit`` accepts and ``int`` does not) is refused with
400 and a message naming it (:func:`int_param`), never passed on to a query or a ``date()``.
Dates that people enter are kept to a sensible window (:class:`DatesInWindow`,
:func:`date_problem`): not before 2008 (the Regulation took effect on 2008-05-01; nothing it
governs is older), not after today, except where a step sets a date ahead (a correction
deadline).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from gongkai.web.errors import InvalidInput

FIRST_DAY = date(2008, 1, 1)
FIRST_YEAR = FIRST_DAY.year
LAST_YEAR = 2100  # for a year filter: far enough for a document's expiry, a valid date()
MAX_ID = 2**63 - 1  # a database bigint
_DIGITS = re.compile(r"[0-9]{1,19}")


def int_param(raw: str | None, name: str, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """The number in a query parameter; None when it is absent or blank; :class:`InvalidInput`
    (400) when it is not a plain decimal number within ``minimum``–``maximum``."""
    text = (raw or "").strip()
    if not text:
        return None
    if not _DIGITS.fullmatch(text) or not minimum <= int(text) <= maximum:
        shown = text if len(text) <= 30 else text[:30] + "…"
        raise InvalidInput(
            f"参数 {name}（“{shown}”）无效：应为{minimum}至{maximum}之间的整数。",
            fields={name: "无效的参数"},
        )
    return int(text)


def year_param(raw: str | None, name: str = "year") -> int | None:
    return int_param(raw, name, minimum=FIRST_YEAR, maximum=LAST_YEAR)


def today() -> date:
    return timezone.localdate()


def date_problem(
    value: date, *, ahead_days: int = 0, earliest: date = FIRST_DAY, now: date | None = None
) -> str:
    """What is wrong with ``value`` as a date people enter ('' if nothing): before
    ``earliest``, or later than ``ahead_days`` after today (``now``, by default the day it is)."""
    if isinstance(value, datetime):
        moment = value
        try:
            value = timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
        except OverflowError:  # 9999-12-31T23:59:59Z is past the last day in China's time
            value = moment.date()
    day = now or today()
    if value < earliest:
        return f"不能早于{earliest.year}年{earliest.month}月{earliest.day}日"
    latest = day + timedelta(days=ahead_days)
    if value > latest:
        return (
            "不能晚于今天"
            if ahead_days == 0
            else f"不能晚于{latest.year}年{latest.month}月{latest.day}日"
        )
    return ""


def check_dates(
    values: Mapping[str, Any], labels: Mapping[str, str], *, ahead: Mapping[str, int] | None = None
) -> None:
    """:class:`InvalidInput` naming every date of ``values`` out of its window."""
    problems = {}
    for name, value in values.items():
        if isinstance(value, date):
            problem = date_problem(value, ahead_days=(ahead or {}).get(name, 0))
            if problem:
                problems[name] = f"{labels.get(name, name)}{problem}"
    if problems:
        raise InvalidInput("；".join(problems.values()) + "。", fields=problems)


class DatesInWindow:
    """Form mixin (before the form class): every date and date-time field is checked with
    :func:`date_problem`; ``ahead_days`` lets a field lie ahead (a deadline)."""

    ahead_days: ClassVar[dict[str, int]] = {}

    def clean(self) -> Any:
        data = super().clean()  # type: ignore[misc]
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name, value in list(form.cleaned_data.items()):
            if isinstance(value, date) and name in form.fields:
                problem = date_problem(value, ahead_days=self.ahead_days.get(name, 0))
                if problem:
                    form.add_error(name, f"{form.fields[name].label or ''}{problem}")
        return data
