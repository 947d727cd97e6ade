"""Reads of annual reports: who may see which, the records behind a cell, the public list."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.web.agencies.selectors import Actor, readable_agency_filter, writable_agency_ids
from gongkai.web.errors import NotFound
from gongkai.web.reports import cells
from gongkai.web.reports.models import Action, AnnualReport, Revision, Status


def reports_readable(actor: Actor) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(readable_agency_filter(actor)).select_related("agency")


def report_for_read(actor: Actor, report_id: int) -> AnnualReport:
    report = reports_readable(actor).filter(pk=report_id).first()
    if report is None:
        raise NotFound("没有这份报告，或无权查看。")
    return report


def records_behind(
    actor: Actor, report_id: int, table: str, row: str, column: str | None
) -> tuple[AnnualReport, QuerySet]:
    """The cases, documents, decisions, fee entries or disputes a generated cell counts."""
    report = report_for_read(actor, report_id)
    if report.origin != "generated":
        raise NotFound("导入的报告按原文保存，没有对应的登记记录。")
    return report, cells.behind(report.agency_id, report.year, table, row, column)


def published_reports(agency_id: int | None = None) -> QuerySet[AnnualReport]:
    """What the public page lists: published (or imported) reports, newest first."""
    qs = AnnualReport.objects.filter(status=Status.PUBLISHED).select_related("agency")
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    return qs.order_by("agency__path", "-year")


def published_report(report_id: int) -> AnnualReport:
    report = published_reports().filter(pk=report_id).first()
    if report is None:
        raise NotFound("没有这份已发布的报告。")
    return report


def waiting_for_approval(actor: Actor) -> list[AnnualReport]:
    """The approver's queue: reports of his agency submitted (or imported) for approval."""
    if not actor.approves:
        return []
    return list(
        AnnualReport.objects.filter(status=Status.PENDING, agency_id__in=writable_agency_ids(actor))
        .select_related("agency")
        .defer("document", "texts")
        .order_by("year", "pk")
    )


def returned_to_office(actor: Actor) -> list[tuple[AnnualReport, Revision]]:
    """Drafts of the office whose last step was a return by the approver, with that step."""
    agencies = writable_agency_ids(actor)
    if not agencies:  # a supervisor, an administrator: no office of theirs
        return []
    drafts = (
        AnnualReport.objects.filter(status=Status.DRAFT, agency_id__in=agencies)
        .select_related("agency")
        .defer("document", "texts")
        .order_by("year", "pk")
    )
    out = []
    for report in drafts:
        last = report.revisions.defer("document", "findings").order_by("-seq").first()
        if last is not None and last.action == Action.RETURNED:
            out.append((report, last))
    return out
