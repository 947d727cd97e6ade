"""Who may see which region, and the reads of a region's roster, runs and reviews.

A region is the supervising agency's subtree. A supervisor reads the regions of its own agency
and of every agency below it, and writes (imports, assigns, reviews) only its own agency's; an
administrator reads and writes every region; anyone else sees no region at all (404, the same
as a region that does not exist)."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.web.agencies.models import Agency, Role
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import Forbidden, NotFound
from gongkai.web.supervision.models import (
    FileStatus,
    FindingReview,
    ImportedFile,
    ImportRun,
    RosterUnit,
)

NOT_FOUND = "没有这个监督范围，或无权查看。"
READ_ONLY = "只有本机关的监督人员或系统管理员可以操作；您可以查看，但无权修改。"


def supervises(actor: Actor) -> bool:
    return actor.is_administrator or actor.role == Role.SUPERVISOR


def regions_readable(actor: Actor) -> QuerySet[Agency]:
    if actor.is_administrator:
        return Agency.objects.all()
    if actor.role == Role.SUPERVISOR and actor.staff is not None:
        return Agency.objects.filter(path__startswith=actor.staff.agency.path)
    return Agency.objects.none()


def region_for_read(actor: Actor, region_id: int) -> Agency:
    region = regions_readable(actor).filter(pk=region_id).first()
    if region is None:
        raise NotFound(NOT_FOUND)
    return region


def can_write(actor: Actor, region: Agency) -> bool:
    if actor.is_administrator:
        return True
    return (
        actor.role == Role.SUPERVISOR
        and actor.staff is not None
        and actor.staff.agency_id == region.pk
    )


def region_for_write(actor: Actor, region_id: int) -> Agency:
    region = region_for_read(actor, region_id)
    if not can_write(actor, region):
        raise Forbidden(READ_ONLY)
    return region


def home_region(actor: Actor) -> Agency | None:
    """The region a supervisor lands on: its own agency's (an administrator: the first top)."""
    if actor.staff is not None and actor.role == Role.SUPERVISOR:
        return actor.staff.agency
    if actor.is_administrator:
        return Agency.objects.filter(parent=None).order_by("path").first()
    return None


def roster_years(region: Agency) -> list[int]:
    years = RosterUnit.objects.filter(region=region).values_list("year", flat=True).distinct()
    return sorted(set(years))


def roster_units(region: Agency, year: int) -> QuerySet[RosterUnit]:
    return RosterUnit.objects.filter(region=region, year=year).select_related("agency")


def roster_unit(region: Agency, year: int, unit_id: str) -> RosterUnit:
    unit = roster_units(region, year).filter(unit_id=unit_id).first()
    if unit is None:
        raise NotFound("名单中没有这个单位。")
    return unit


def linkable_agencies(region: Agency) -> QuerySet[Agency]:
    """The agencies a roster unit of ``region`` may be linked to: those in its subtree."""
    return Agency.objects.filter(path__startswith=region.path).order_by("path")


def runs(region: Agency) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(region=region)


def run_for_read(actor: Actor, region: Agency, run_id: int) -> ImportRun:
    run = runs(region).filter(pk=run_id).first()
    if run is None:
        raise NotFound("没有这个导入批次。")
    return run


def unassigned_files(run: ImportRun) -> QuerySet[ImportedFile]:
    return run.files.filter(status=FileStatus.UNASSIGNED)


def reviews(region: Agency, year: int) -> dict[tuple[str, str], FindingReview]:
    return {(r.unit_id, r.key): r for r in FindingReview.objects.filter(region=region, year=year)}


UNIT_NOT_FOUND = "没有这个单位，或无权查看。"


def unit_for_read(actor: Actor, region_id: int, unit_id: str) -> tuple[Agency, list[RosterUnit]]:
    """A unit of a region, with its roster rows by year, for whoever may read it: the region's
    supervisors (as :func:`region_for_read`), and the unit's own staff (any member of the agency
    the unit's latest roster row is linked to), who see only that unit. Anyone else: 404."""
    region = regions_readable(actor).filter(pk=region_id).first()
    rows = list(
        RosterUnit.objects.filter(region_id=region_id, unit_id=unit_id)
        .select_related("agency", "region")
        .order_by("year")
    )
    if not rows:
        raise NotFound(UNIT_NOT_FOUND)
    if region is None:
        own = actor.staff is not None and rows[-1].agency_id == actor.staff.agency_id
        if not own:
            raise NotFound(UNIT_NOT_FOUND)
        region = rows[-1].region
    return region, rows


def own_unit(actor: Actor) -> RosterUnit | None:
    """The roster unit the actor's agency is (its latest year, in any region), for a unit's
    own staff landing on the supervision pages."""
    if actor.staff is None:
        return None
    return (
        RosterUnit.objects.filter(agency_id=actor.staff.agency_id)
        .order_by("-year", "region_id")
        .first()
    )
