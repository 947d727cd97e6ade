"""Reads of the registers. Who may read which agency's records is decided once, in
agencies/selectors.py: clerks and approvers their own agency, supervisors their subtree,
administrators everything; only clerks and approvers write, and only their own agency's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db.models import Count, F, Max, Min, Model, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear, Least

from gongkai.procedure.workdays import Calendar
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor, readable_agency_filter, writable_agency_ids
from gongkai.web.errors import Forbidden, NotFound
from gongkai.web.registers.models import (
    CatalogueEntry,
    Decision,
    Dispute,
    DisputePath,
    FeeIncome,
    ImportBatch,
    OtherMatter,
    RegisteredDocument,
    ReviewConclusion,
)
from gongkai.web.registers.timeliness import Timeliness, timeliness
from gongkai.web.workdays.selectors import final_calendar

M = TypeVar("M", bound=Model)
FIRST_YEAR = 2008  # the first Regulation took effect on 2008-05-01


# ---------------------------------------------------------------- who reads and writes


def readable(actor: Actor, model: type[M]) -> QuerySet[M]:
    return model._default_manager.filter(readable_agency_filter(actor)).select_related("agency")


def record_for_read(actor: Actor, model: type[M], pk: int) -> M:
    """The record, or :class:`NotFound` when it does not exist or ``actor`` may not read it."""
    found = readable(actor, model).filter(pk=pk).first()
    if found is None:
        raise NotFound("没有这条记录，或者您无权查看。")
    return found


def agency_id_of(record: Model) -> int:
    """The agency a register's record belongs to (each register model has an ``agency``)."""
    return int(record.serializable_value("agency"))


def record_for_write(actor: Actor, model: type[M], pk: int, *, lock: bool = False) -> M:
    """:class:`NotFound` when ``actor`` cannot read it, :class:`Forbidden` when they may read
    but not change it (a supervisor, an administrator)."""
    record = record_for_read(actor, model, pk)
    if agency_id_of(record) not in writable_agency_ids(actor):
        raise Forbidden("您可以查看这条记录，但无权修改。")
    if lock:
        record = model._default_manager.select_for_update().select_related("agency").get(pk=pk)
    return record


def can_write(actor: Actor, agency_id: int | None = None) -> bool:
    """May ``actor`` register records at all (``agency_id`` None), or into that agency."""
    ids = writable_agency_ids(actor)
    return bool(ids) if agency_id is None else agency_id in ids


def write_agency(actor: Actor) -> Agency | None:
    """The agency ``actor`` registers records for: a clerk's or approver's own."""
    ids = writable_agency_ids(actor)
    return Agency.objects.filter(pk__in=ids).order_by("pk").first() if ids else None


def year_choices(actor: Actor, model: type[Model], field: str, today: date) -> list[int]:
    """Years for a list's filter: this year back to the earliest record (or the last five)."""
    earliest = readable(actor, model).aggregate(first=Min(field))["first"]
    if isinstance(earliest, date):
        earliest = earliest.year
    first = max(FIRST_YEAR, min(earliest or today.year, today.year - 4))
    return list(range(today.year, first - 1, -1))


def _common(qs: QuerySet[M], agency: int | None, q: str, *fields: str) -> QuerySet[M]:
    if agency is not None:
        qs = qs.filter(agency_id=agency)
    if q:
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": q})
        qs = qs.filter(match)
    return qs


# ---------------------------------------------------------------- the lists


def documents(
    actor: Actor,
    *,
    today: date,
    year: int | None = None,
    agency: int | None = None,
    q: str = "",
    kind: str = "",
    status: str = "",
) -> QuerySet[RegisteredDocument]:
    """``year``: in force at some time in that year (what table 二 of that year counts).
    ``status`` on ``today``: in_force, repealed, expired."""
    qs = readable(actor, RegisteredDocument).annotate(
        ended_on=Least(Coalesce("repealed_on", "expires_on"), Coalesce("expires_on", "repealed_on"))
    )
    qs = _common(qs, agency, q, "title", "number")
    if kind:
        qs = qs.filter(kind=kind)
    if year is not None:
        qs = qs.filter(
            Q(issued_on__lte=date(year, 12, 31))
            & (Q(ended_on__isnull=True) | Q(ended_on__gte=date(year, 1, 1)))
        )
    if status == "in_force":
        qs = qs.filter(Q(issued_on__lte=today) & (Q(ended_on__isnull=True) | Q(ended_on__gt=today)))
    elif status == "repealed":
        qs = qs.filter(repealed_on__lte=today)
    elif status == "expired":
        qs = qs.filter(expires_on__lte=today).exclude(repealed_on__lte=today)
    return qs.order_by("-issued_on", "-pk")


def decisions(
    actor: Actor,
    *,
    year: int | None = None,
    agency: int | None = None,
    q: str = "",
    kind: str = "",
    source: str = "",
) -> QuerySet[Decision]:
    qs = _common(readable(actor, Decision), agency, q, "reference", "subject")
    if year is not None:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if source:
        qs = qs.filter(source=source)
    return qs.select_related("batch").order_by(
        "-year", F("decided_on").desc(nulls_first=True), "kind", "-pk"
    )


def total_count(qs: QuerySet[Decision]) -> int:
    return qs.aggregate(n=Sum("count"))["n"] or 0


def batches(actor: Actor, *, agency: int | None = None) -> QuerySet[ImportBatch]:
    qs = ImportBatch.objects.filter(readable_agency_filter(actor)).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency_id=agency)
    return qs.annotate(
        left=Count("decisions"),
        first=Min("decisions__decided_on"),
        last=Max("decisions__decided_on"),
    ).order_by("-imported_at", "-pk")


def fee_incomes(
    actor: Actor, *, year: int | None = None, agency: int | None = None, q: str = ""
) -> QuerySet[FeeIncome]:
    qs = _common(readable(actor, FeeIncome), agency, q, "item", "note")
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "agency__path", "item")


def total_amount(qs: QuerySet[FeeIncome]) -> Any:
    return qs.aggregate(n=Sum("amount"))["n"] or 0


def disputes(
    actor: Actor,
    *,
    year: int | None = None,
    agency: int | None = None,
    q: str = "",
    path: str = "",
    state: str = "",
) -> QuerySet[Dispute]:
    """``year``: counted in that year's table 四 (concluded in it, or pending at its end)."""
    qs = _common(
        readable(actor, Dispute),
        agency,
        q,
        "case_number",
        "claimant",
        "body",
        "application__tracking_number",
    )
    if year is not None:
        first, last = date(year, 1, 1), date(year, 12, 31)
        qs = qs.filter(
            Q(concluded_on__range=(first, last))
            | (Q(filed_on__lte=last) & (Q(concluded_on__isnull=True) | Q(concluded_on__gt=last)))
        )
    if path:
        qs = qs.filter(path=path)
    if state == "pending":
        qs = qs.filter(concluded_on__isnull=True)
    elif state == "concluded":
        qs = qs.filter(concluded_on__isnull=False)
    return qs.select_related("application", "follows").order_by("-filed_on", "-pk")


def reviews_of(agency_id: int, *, exclude: int | None = None) -> QuerySet[Dispute]:
    """The reviews a suit after review may follow: reviews of the same agency."""
    qs = Dispute.objects.filter(agency_id=agency_id, path=DisputePath.REVIEW)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.order_by("-filed_on", "-pk")


def matters(
    actor: Actor, *, year: int | None = None, agency: int | None = None, q: str = "", kind: str = ""
) -> QuerySet[OtherMatter]:
    qs = _common(readable(actor, OtherMatter), agency, q, "title", "note")
    if year is not None:
        qs = qs.filter(on__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-on", "-pk")


# ---------------------------------------------------------------- the catalogue


def entry_timeliness(calendar: Calendar, entry: CatalogueEntry, today: date) -> Timeliness:
    return timeliness(
        calendar,
        entry.created_on,
        entry.published_on,
        today,
        withheld=entry.review_conclusion == ReviewConclusion.WITHHOLD,
    )


@dataclass(frozen=True)
class CatalogueRow:
    entry: CatalogueEntry
    timing: Timeliness


def catalogue(
    actor: Actor,
    *,
    today: date,
    year: int | None = None,
    agency: int | None = None,
    q: str = "",
    status: str = "",
) -> list[CatalogueRow]:
    """Entries with their timeliness on ``today``. ``year``: created or published in it.
    ``status``: late (published late, or overdue and still unpublished), awaiting, published."""
    qs = _common(readable(actor, CatalogueEntry), agency, q, "title", "index_no", "doc_number")
    if year is not None:
        qs = qs.filter(Q(created_on__year=year) | Q(published_on__year=year))
    if status == "awaiting":
        qs = qs.filter(published_on__isnull=True)
    elif status == "published":
        qs = qs.filter(published_on__isnull=False)
    calendar = final_calendar()
    rows = [
        CatalogueRow(e, entry_timeliness(calendar, e, today))
        for e in qs.order_by("-created_on", "-pk")
    ]
    if status == "late":
        rows = [r for r in rows if r.timing.flagged]
    return rows


@dataclass(frozen=True)
class CatalogueSummary:
    """One agency-year of the catalogue, for the annual report (section 一, 2019 table 二)."""

    agency_id: int
    year: int
    created: int  # entries created or changed in the year
    published: int  # entries published in the year
    late: int  # of those, published after the 20-working-day limit (art. 26)
    undetermined: int = 0  # of those, not decidable: a year missing from the calendar

    @property
    def on_time(self) -> int:
        return self.published - self.late - self.undetermined


def catalogue_summary(agency_id: int, year: int) -> CatalogueSummary:
    entries = CatalogueEntry.objects.filter(agency_id=agency_id)
    created = entries.filter(created_on__year=year).count()
    published = list(
        entries.filter(published_on__year=year).values_list("created_on", "published_on")
    )
    calendar = final_calendar()
    late = undetermined = 0
    for created_on, published_on in published:
        assert published_on is not None  # filtered on its year
        timing = timeliness(calendar, created_on, published_on, published_on)
        late += timing.late
        undetermined += timing.workdays is None
    return CatalogueSummary(agency_id, year, created, len(published), late, undetermined)


def catalogue_summaries(agency_id: int) -> list[CatalogueSummary]:
    """:func:`catalogue_summary` for every year with an entry created or published, newest first."""
    entries = CatalogueEntry.objects.filter(agency_id=agency_id)
    years = set(entries.annotate(y=ExtractYear("created_on")).values_list("y", flat=True))
    years |= set(
        entries.filter(published_on__isnull=False)
        .annotate(y=ExtractYear("published_on"))
        .values_list("y", flat=True)
    )
    return [catalogue_summary(agency_id, y) for y in sorted(years, reverse=True)]
