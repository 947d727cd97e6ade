"""Reads for the annual-report pages, beside gongkai.web.reports.selectors: the report as the
page shows it, the list rows, the history and the corrections of an agency-year.

A draft (or one waiting for approval) is shown as it would be published now: its tables are counted afresh from the
registers and checked (publishing does the same), so the findings and the drill-down lists
always agree with the numbers on the page. A published or imported report is shown exactly as
stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from gongkai.report.canonical import from_canonical, to_canonical
from gongkai.report.model import Report
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor, writable_agency_ids
from gongkai.web.errors import WebError
from gongkai.web.reports.display import counts
from gongkai.web.reports.generate import CARRY_NOTE, generate, texts_with_drafts
from gongkai.web.reports.models import AnnualReport, Correction, Origin, Revision, Status
from gongkai.web.reports.narrative import Figure
from gongkai.web.reports.selectors import reports_readable

CARRY_RULE = "XYEAR-CARRY"


@dataclass(frozen=True)
class ReportState:
    report: AnnualReport
    model: Report  # the version shown
    findings: list[dict[str, Any]]
    live: bool  # counted now from the registers (a generated draft)
    changed: bool  # the registers moved since the draft was last saved
    figures: Mapping[str, Figure]

    @property
    def generated(self) -> bool:
        return self.report.origin == Origin.GENERATED

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if f.get("severity") == "error"]

    @property
    def counts(self) -> dict[str, int]:
        return counts(self.findings)

    @property
    def shows_carry_note(self) -> bool:
        """The carry-over explanation is asked for when XYEAR-CARRY fires or a note exists."""
        return bool(self.report.texts.get(CARRY_NOTE, "").strip()) or any(
            f.get("code") == CARRY_RULE for f in self.findings
        )

    @property
    def editor_texts(self) -> dict[str, str]:
        return texts_with_drafts(self.report.texts)


def state_of(report: AnnualReport) -> ReportState:
    stored = from_canonical(report.document, source=str(report)) if report.document else None
    if report.origin == Origin.GENERATED and report.status != Status.PUBLISHED:
        try:
            fresh = generate(report.agency, report.year, report.texts)
        except WebError:  # prose that no longer fills (cannot happen after a save): as stored
            fresh = None
        if fresh is not None:
            document = json.loads(json.dumps(to_canonical(fresh.report)))
            return ReportState(
                report,
                fresh.report,
                [f.to_dict() for f in fresh.findings],
                True,
                document != report.document,
                fresh.figures,
            )
    assert stored is not None, "an imported or published report always has its document"
    return ReportState(report, stored, list(report.findings), False, False, {})


@dataclass(frozen=True)
class ReportRow:
    report: AnnualReport
    errors: int
    warnings: int


def report_rows(actor: Actor, agency_id: int | None = None) -> list[ReportRow]:
    """The agency-years ``actor`` may read, by agency then newest year, with the counts of
    the findings of the version last saved."""
    qs = reports_readable(actor).order_by("agency__path", "-year")
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    rows = []
    for report in qs.defer("document", "texts"):
        n = counts(report.findings)
        rows.append(ReportRow(report, n["error"], n["warning"]))
    return rows


def can_write(actor: Actor, report: AnnualReport) -> bool:
    return report.agency_id in writable_agency_ids(actor)


def revisions_of(report: AnnualReport) -> QuerySet[Revision]:
    return report.revisions.defer("document", "findings").order_by("-seq")


def corrections_of(report: AnnualReport) -> list[Correction]:
    """Corrections of records of this agency-year made after it was published."""
    rows = Correction.objects.filter(agency_id=report.agency_id).order_by("-at")
    return [c for c in rows if report.year in (c.years or [])]


def agencies_with_published() -> QuerySet[Agency]:
    return (
        Agency.objects.filter(annual_reports__status=Status.PUBLISHED).distinct().order_by("path")
    )
