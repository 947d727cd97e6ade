"""The year-end lock: once a year's report is published, its records change only openly.

Every service that writes a record the annual report counts calls :func:`guard` inside its
transaction, with the dates the change touches; it locks those agency-years first, and
publishing locks its agency-year before it counts (:func:`lock_years`), so a write and a
publish at the same moment never pass each other. When a published report counts those dates,
the write is refused unless a reason is given; with a reason the change is recorded as a
:class:`~gongkai.web.reports.models.Correction` and each affected report is reopened (back to
draft, with a revision that keeps the reason), so it must be checked and published again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from django.db.models import Max
from django.utils import timezone

from gongkai.web.agencies.selectors import Actor
from gongkai.web.bounds import FIRST_YEAR
from gongkai.web.reports.models import (
    Action,
    AnnualReport,
    Correction,
    Revision,
    Status,
    YearLock,
)
from gongkai.web.yearlock import YearLocked


def years_touched(agency_id: int, dates: Iterable[date | None], *, carries: bool) -> list[int]:
    """The years whose report may count a record dated ``dates``.

    ``carries``: the record counts in later years too (an open case or dispute is carried
    over, a document stays in force), so every year from the earliest date on, up to this year
    or the last year the agency has a report for; otherwise only the years of the dates. No
    report is older than 2008 (the Regulation), nor of a year after this one.
    """
    years = {d.year for d in dates if d is not None}
    if not years:
        return []
    if not carries:
        return sorted(y for y in years if y >= FIRST_YEAR)
    last = AnnualReport.objects.filter(agency_id=agency_id).aggregate(last=Max("year"))["last"]
    upper = max(timezone.localdate().year, last or 0)
    return list(range(max(min(years), FIRST_YEAR), upper + 1))


def lock_years(agency_id: int, years: Iterable[int]) -> None:
    """Hold the agency-years' locks until the transaction ends (call inside one).

    A write that a year's report counts and the publishing of that report take the same lock,
    so one waits for the other: the write then sees the report published (and needs a reason),
    or the publishing counts the write. Rows are created on first use and locked in year
    order, so two writers never wait for each other in a circle. (SQLite has no row locks; there
    every write transaction takes the database's write lock at BEGIN IMMEDIATE, see settings.)
    """
    wanted = sorted(set(years))
    if not wanted:
        return
    known = set(
        YearLock.objects.filter(agency_id=agency_id, year__in=wanted).values_list("year", flat=True)
    )
    missing = [YearLock(agency_id=agency_id, year=y) for y in wanted if y not in known]
    if missing:  # a row another transaction is inserting makes this wait for it
        YearLock.objects.bulk_create(missing, ignore_conflicts=True)
    list(
        YearLock.objects.select_for_update()
        .filter(agency_id=agency_id, year__in=wanted)
        .order_by("year")
        .values_list("pk", flat=True)
    )


def affected_reports(
    agency_id: int,
    dates: Iterable[date | None],
    *,
    carries: bool,
    alters: Callable[[int], bool] | None = None,
) -> list[AnnualReport]:
    """The published reports of ``agency_id`` that count a record dated ``dates`` (see
    :func:`years_touched`), with the agency-years locked first; ``alters(year)``, when given,
    tells whether the change alters that year's figures at all: a report whose figures stay
    the same is not affected."""
    years = years_touched(agency_id, dates, carries=carries)
    if not years:
        return []
    lock_years(agency_id, years)
    published = AnnualReport.objects.filter(
        agency_id=agency_id, status=Status.PUBLISHED, year__in=years
    )
    reports = list(published.select_for_update().order_by("year"))
    return [r for r in reports if alters is None or alters(r.year)]


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
    """Refuse, or record and reopen; returns the years reopened (see
    :func:`gongkai.web.yearlock.guard`, which calls this)."""
    reports = affected_reports(agency_id, dates, carries=carries, alters=alters)
    years = [r.year for r in reports]
    reason = reason.strip()
    if reports and not reason:
        raise YearLocked(years)
    if not reports and not (keep_always and reason):
        return []
    Correction.objects.create(
        agency_id=agency_id,
        record=record,
        years=years,
        change=change,
        reason=reason,
        actor_id=actor.user_id if actor else None,
        actor_name=actor.name if actor else "",
    )
    for report in reports:
        reopen(report, actor, f"更正{record}：{reason}")
    return years


def reopen(report: AnnualReport, actor: Actor | None, reason: str) -> Revision:
    report.status = Status.DRAFT
    report.save(update_fields=["status", "updated_at"])
    return add_revision(report, Action.REOPENED, actor, reason=reason)


def add_revision(
    report: AnnualReport, action: str, actor: Actor | None, *, reason: str = ""
) -> Revision:
    last = report.revisions.order_by("-seq").values_list("seq", flat=True).first() or 0
    return Revision.objects.create(
        report=report,
        seq=last + 1,
        action=action,
        reason=reason,
        document=report.document,
        findings=report.findings,
        actor_id=actor.user_id if actor else None,
        actor_name=actor.name if actor else "",
    )


class ReportsKeeper:
    """This module as :class:`gongkai.web.yearlock.Keeper` (registered in ``ReportsConfig``)."""

    guard = staticmethod(guard)
    lock_years = staticmethod(lock_years)


__all__ = ["ReportsKeeper", "YearLocked", "guard", "lock_years", "reopen"]
