"""Lunar festival dates and the solar term 清明, from the ``lunar_python`` package (MIT).

The one place that reads a lunar calendar: it turns a year into :class:`FestivalDates` for
:func:`gongkai.procedure.holidays.statutory_arrangement`. ``lunar_python`` converts with its own
tables and computes the 24 solar terms astronomically; its dates for 2027 (春节 6 February,
除夕 5 February, 清明 5 April, 端午 9 June, 中秋 15 September) and for 2004–2026 were checked
against the official arrangements and a second package (see tests/procedure/test_holidays.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from gongkai.procedure.holidays import FestivalDates, statutory_arrangement
from gongkai.procedure.workdays import YearArrangement


def _label() -> str:
    try:
        return f"lunar_python {version('lunar_python')}"
    except PackageNotFoundError:  # pragma: no cover - a source checkout without metadata
        return "lunar_python"


@lru_cache(maxsize=64)
def festival_dates(year: int) -> FestivalDates:
    """春节, 清明, 端午 and 中秋 of ``year`` (Gregorian dates, Beijing time)."""
    from lunar_python import Lunar  # type: ignore[import-untyped]

    def solar(month: int, day: int) -> date:
        s = Lunar.fromYmd(year, month, day).getSolar()
        return date(s.getYear(), s.getMonth(), s.getDay())

    term = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    return FestivalDates(
        year=year,
        spring_festival=solar(1, 1),
        qingming=date(term.getYear(), term.getMonth(), term.getDay()),
        dragon_boat=solar(5, 5),
        mid_autumn=solar(8, 15),
        source=_label(),
    )


def provisional_arrangements(years: Iterable[int]) -> tuple[YearArrangement, ...]:
    """The statutory rest days of each of ``years``, to be passed to
    :func:`gongkai.procedure.workdays.official_calendar` as ``provisional``."""
    return tuple(statutory_arrangement(festival_dates(year)) for year in years)
