"""The board's and the dashboard's figures kept per region-year, so that a page reads one row
instead of re-reading every report of the region (:mod:`.figures` computes them).

A stale figure is a wrong number, so a kept result is shown only while it is provably current:

* every change to what a region-year is computed from bumps its ``generation`` (and next
  year's: its findings compare with this year's reports) in the same transaction as the change
  — a roster imported, a unit linked to an agency, a run finished or undone, a file assigned,
  a finding confirmed or dismissed (:func:`invalidate`, called by :mod:`.services`);
* the reports that the region's units publish in gongkai itself are the reports app's, below
  this one: a timestamp comparison covers them — each result keeps a ``fingerprint`` of those
  reports (count, ids, last change) and is stale when it no longer matches; the reports' own
  saves also bump the generation (:func:`report_saved`, connected in ``apps.py``) so that the
  worker recomputes early.

A page finding its region-year stale recomputes it before it answers; the number that the
computation started from is kept with the result (``computed``), so a change made while it ran
leaves it stale. After each change a background task recomputes the region, so the next page
usually finds it current.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, Literal, TypeVar, cast

from django.db import transaction
from django.db.models import Count, F, Max, Sum
from django.utils import timezone
from django_tasks import task

from gongkai.supervision.coverage import CoverageCell
from gongkai.supervision.roster import Unit
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import AnnualReport, Status
from gongkai.web.supervision import figures
from gongkai.web.supervision.models import RosterUnit, Snapshot
from gongkai.web.supervision.selectors import roster_years

Part = Literal["board", "figures", "units"]
PARTS: tuple[Part, ...] = ("board", "figures", "units")


def invalidate(region_id: int, years: Iterable[int]) -> None:
    """The kept results of ``years`` and the years after them are stale. Call inside the
    transaction of the change."""
    touched = {y + step for y in years for step in (0, 1)}
    Snapshot.objects.filter(region_id=region_id, year__in=touched).update(
        generation=F("generation") + 1
    )
    transaction.on_commit(lambda: refresh_region.enqueue(region_id))


def report_saved(sender: Any, instance: AnnualReport, **kwargs: Any) -> None:
    """A published annual report saved or deleted in gongkai: the regions whose rosters link
    its agency recompute early. (A report reopened to a draft is seen by the fingerprint; a
    draft's every save does not set the worker recomputing.)"""
    if instance.status != Status.PUBLISHED:
        return
    regions = (
        RosterUnit.objects.filter(agency_id=instance.agency_id)
        .values_list("region_id", flat=True)
        .distinct()
    )
    for region_id in regions:
        invalidate(region_id, [instance.year])


def fingerprints(region: Agency, years: Iterable[int]) -> dict[int, str]:
    """Per year: a digest of the published reports in gongkai of the agencies the region's
    rosters link, of that year and the one before (one query for all years)."""
    wanted = sorted(set(years))
    linked = RosterUnit.objects.filter(region=region, agency__isnull=False).values("agency_id")
    found = (
        AnnualReport.objects.filter(
            status=Status.PUBLISHED,
            agency_id__in=linked,
            year__in=[y + step for y in wanted for step in (-1, 0)],
        )
        .values("year")
        .annotate(n=Count("id"), ids=Sum("id"), last=Max("updated_at"))
        .order_by("year")
    )
    by_year = {
        r["year"]: f"{r['n']}:{r['ids']}:{r['last'].isoformat() if r['last'] else ''}"
        for r in found
    }
    return {
        y: hashlib.sha256(f"{by_year.get(y - 1, '')}|{by_year.get(y, '')}".encode()).hexdigest()
        for y in wanted
    }


def _fresh(row: Snapshot, fingerprint: str) -> bool:
    return (
        row.computed == row.generation
        and row.fingerprint == fingerprint
        and row.format == figures.FORMAT
    )


def current(region: Agency, years: Iterable[int], part: Part | None = None) -> dict[int, Snapshot]:
    """The region's results of ``years`` (roster years), each recomputed first if stale;
    ``part``: the JSON read at once (the others are read when first used)."""
    wanted = sorted(set(years))
    if not wanted:
        return {}
    others = [p for p in PARTS if p != part]
    rows = {
        s.year: s for s in Snapshot.objects.filter(region=region, year__in=wanted).defer(*others)
    }
    prints = fingerprints(region, wanted)
    all_years = roster_years(region)
    for year in wanted:
        row = rows.get(year)
        if row is None or not _fresh(row, prints[year]):
            rows[year] = refresh(region, year, all_years)
    return rows


def refresh(region: Agency, year: int, years: list[int]) -> Snapshot:
    """Compute ``region``'s ``year`` and keep it, marked with the generation read before."""
    row, _ = Snapshot.objects.get_or_create(region=region, year=year)
    generation = row.generation
    fingerprint = fingerprints(region, [year])[year]
    started = time.perf_counter()
    board, numbers, units = figures.compute(region, year, years)
    row.board, row.figures, row.units = board, numbers, units
    row.computed, row.fingerprint, row.format = generation, fingerprint, figures.FORMAT
    row.computed_at, row.seconds = timezone.now(), time.perf_counter() - started
    Snapshot.objects.filter(pk=row.pk).update(
        board=board,
        figures=numbers,
        units=units,
        computed=generation,
        fingerprint=fingerprint,
        format=figures.FORMAT,
        computed_at=row.computed_at,
        seconds=row.seconds,
    )
    return row


@task()
def refresh_region(region_id: int) -> None:
    """The background job after a change: recompute what is stale of the region."""
    region = Agency.objects.filter(pk=region_id).first()
    if region is not None:
        current(region, roster_years(region))


BoardParts = tuple[
    list[Unit], list[int], dict[tuple[str, int], CoverageCell], dict[tuple[str, int], int]
]
T = TypeVar("T")
_parsed: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
KEEP_PARSED = (
    8  # boards (parsed, or as shown with a filter) kept per process: ~10 MB each at 1,000 × 5
)


def key(rows: dict[int, Snapshot]) -> tuple[Any, ...]:
    """Names the kept results: each year's row and the time it was computed, which every
    recomputation changes."""
    return tuple((y, rows[y].pk, rows[y].computed_at, rows[y].computed) for y in sorted(rows))


def memo(name: tuple[Any, ...], make: Callable[[], T]) -> T:
    """What ``make`` builds from kept results named by ``name`` (which includes :func:`key`),
    kept in this process for the next page; the last few only."""
    found = _parsed.get(name)
    if found is not None:
        _parsed.move_to_end(name)
        return cast(T, found)
    made = make()
    _parsed[name] = made
    while len(_parsed) > KEEP_PARSED:
        _parsed.popitem(last=False)
    return made


def board_parts(rows: dict[int, Snapshot]) -> BoardParts:
    """The kept board of each year as :func:`.board.board_of` takes it: the units in the order
    of their first roster, the years, the cells and the open issues per unit-year (parsed once
    per process and result, :func:`memo`)."""
    return memo(("parts", *key(rows)), lambda: _board_parts(rows))


def _board_parts(rows: dict[int, Snapshot]) -> BoardParts:
    units: dict[str, Unit] = {}
    cells: dict[tuple[str, int], CoverageCell] = {}
    issues: dict[tuple[str, int], int] = {}
    for year in sorted(rows):
        kept = rows[year].board
        for data in kept["units"]:
            if data[0] not in units:
                units[data[0]] = figures.unit_of(data)
        for unit_id, cell in kept["cells"].items():
            cells[(unit_id, year)] = figures.cell_of(unit_id, year, cell)
        for unit_id, count in kept["issues"].items():
            issues[(unit_id, year)] = count
    return list(units.values()), sorted(rows), cells, issues
