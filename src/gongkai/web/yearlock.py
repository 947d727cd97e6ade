"""The year-end lock as the record-keeping apps see it, below them all.

Once a year's annual report is published, the records it counts (cases, registers) change only
openly: with a 更正理由, which reopens the report. The apps that write such records call
:func:`guard` inside their transaction with the dates a change touches, and :func:`lock_years`
before a batch; the reports app, which knows what is published, keeps the lock
(:mod:`gongkai.web.reports.lock`) and registers itself here when Django starts
(``ReportsConfig.ready``). So the lower apps never import the reports app, and a missing keeper
is a configuration error, never a silently open lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import WebError


class YearLocked(WebError):
    """A change to a published year without a 更正理由."""

    status = 409
    code = "YEAR_LOCKED"

    def __init__(self, years: list[int]) -> None:
        self.years = years
        names = "、".join(f"{y}年度" for y in years)
        super().__init__(
            f"{names}报告已经发布，修改这些年度的记录须填写更正理由；"
            f"保存后报告将重新打开，须重新校验、发布。",
            fields={"correction_reason": "请填写更正理由"},
        )


class Keeper(Protocol):
    def guard(
        self,
        actor: Actor | None,
        agency_id: int,
        dates: Iterable[date | None],
        *,
        carries: bool,
        record: str,
        change: str,
        reason: str = "",
        alters: Callable[[int], bool] | None = None,
        keep_always: bool = False,
    ) -> list[int]: ...

    def lock_years(self, agency_id: int, years: Iterable[int]) -> None: ...


_keeper: Keeper | None = None


def register_keeper(keeper: Keeper) -> None:
    global _keeper
    _keeper = keeper


def _kept() -> Keeper:
    if _keeper is None:
        raise ImproperlyConfigured("年度报告应用（gongkai.web.reports）未安装：无法执行年度锁定。")
    return _keeper


def guard(
    actor: Actor | None,
    agency_id: int,
    dates: Iterable[date | None],
    *,
    carries: bool,
    record: str,
    change: str,
    reason: str = "",
    alters: Callable[[int], bool] | None = None,
    keep_always: bool = False,
) -> list[int]:
    """Refuse (:class:`YearLocked`), or record the correction and reopen the published reports
    that count ``dates``; returns the years reopened. ``carries``: the record counts in later
    years too (a document in force, a pending case). ``alters(year)``: does the change alter
    that year's figures (None: assume it does). ``keep_always``: record the correction with its
    reason even when no published report counts it. Call inside the write's
    ``transaction.atomic()`` so a refused or failed write leaves nothing behind."""
    return _kept().guard(
        actor,
        agency_id,
        dates,
        carries=carries,
        record=record,
        change=change,
        reason=reason,
        alters=alters,
        keep_always=keep_always,
    )


def lock_years(agency_id: int, years: Iterable[int]) -> None:
    """Take the agency-years' locks (a batch import takes them before it checks anything)."""
    _kept().lock_years(agency_id, years)
