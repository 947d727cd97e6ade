"""A region as gongkai.supervision sees it, rebuilt from what the database keeps: the roster of
each year, the corpus (imported files, and the reports units published in gongkai itself), the
coverage matrix and the findings. Nothing here decides anything the library does not."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from gongkai.report.canonical import from_canonical
from gongkai.report.model import Finding, Report
from gongkai.report.rules import check
from gongkai.supervision.corpus import Corpus, DateSource, Entry, Unreadable, Version, content_hash
from gongkai.supervision.coverage import Coverage, build_coverage
from gongkai.supervision.roster import Roster, Unit
from gongkai.supervision.scan import Scan, scan
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import AnnualReport, Status
from gongkai.web.supervision.models import FileStatus, ImportedFile, RosterUnit, RunStatus

SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
ISSUES = ("error", "warning")


def unit_of(row: RosterUnit) -> Unit:
    internal = None
    if row.internal_deadline:
        month, day = row.internal_deadline.split("-")
        internal = (int(month), int(day))
    return Unit(
        id=row.unit_id,
        name=row.name,
        type=row.type,
        parent=row.parent_id or None,
        aliases=tuple(row.aliases),
        scope="汇总" if row.scope == "汇总" else ("本级" if row.scope == "本级" else None),
        code=row.code or None,
        internal_deadline=internal,
        row=row.row,
    )


def roster(region: Agency, year: int) -> Roster:
    rows = RosterUnit.objects.filter(region=region, year=year).order_by("row", "pk")
    return Roster(year, {r.unit_id: unit_of(r) for r in rows}, f"{region.name}{year}年度名单")


@dataclass
class _Item:
    report: Report
    hash: str
    source: str
    published_on: date | None
    date_source: str | None
    url: str | None
    order: int
    sources: list[str] = field(default_factory=list)


def corpus(region: Agency, year: int, units: Roster) -> Corpus:
    """The reports of the runs of ``year`` (not undone), and the published reports of the
    roster's units that use gongkai, as the library's corpus."""
    files = ImportedFile.objects.filter(
        run__region=region, run__year=year, run__status=RunStatus.DONE
    ).order_by("run__created_at", "pk")
    found: dict[tuple[str, int], list[_Item]] = {}
    unreadable: list[Unreadable] = []
    undated: list[tuple[str, str]] = []
    for order, f in enumerate(files):
        if f.status == FileStatus.UNREADABLE:
            unreadable.append(Unreadable(f.source, f.reason, f.unit_id or None))
        elif f.status == FileStatus.UNDATED and f.unit_id in units.units:
            undated.append((f.unit_id, f.source))
        elif f.status == FileStatus.MATCHED and f.unit_id in units.units and f.report_year:
            report = from_canonical(f.document, source=f.source)
            found.setdefault((f.unit_id, f.report_year), []).append(
                _Item(
                    report,
                    f.content_hash,
                    f.source,
                    f.published_on,
                    f.date_source or None,
                    f.url or None,
                    order,
                )
            )
    linked = RosterUnit.objects.filter(region=region, year=year, agency__isnull=False)
    by_agency = {r.agency_id: r.unit_id for r in linked if r.agency_id is not None}
    published = AnnualReport.objects.filter(
        agency_id__in=list(by_agency), status=Status.PUBLISHED, year=year
    ).select_related("agency")
    for number, annual in enumerate(published, start=len(files) + 1):
        report = from_canonical(annual.document, source=f"本系统发布：{annual}")
        found.setdefault((by_agency[annual.agency_id], annual.year), []).append(
            _Item(
                report,
                content_hash(report),
                f"本系统发布：{annual}",
                annual.published_on,
                "platform" if annual.published_on else None,
                None,
                number,
            )
        )
    entries = {key: _entry(key, items) for key, items in sorted(found.items())}
    return Corpus(entries, tuple(unreadable), (), tuple(undated), (), len(files))


def _entry(key: tuple[str, int], items: list[_Item]) -> Entry:
    """One version per content, its sources merged and its date the earliest (as the library)."""
    by_hash: dict[str, _Item] = {}
    for item in items:
        kept = by_hash.get(item.hash)
        if kept is None:
            by_hash[item.hash] = item
            continue
        kept.sources.append(item.source)
        if item.published_on and (
            kept.published_on is None or item.published_on < kept.published_on
        ):
            kept.published_on, kept.date_source = item.published_on, item.date_source
    ordered = sorted(
        by_hash.values(),
        key=lambda i: (i.published_on is None, i.published_on or date.min, i.order),
    )
    versions = tuple(
        Version(
            i.report,
            i.hash,
            (i.source, *i.sources),
            i.published_on,
            cast(DateSource | None, i.date_source),
            (i.url,) if i.url else (),
        )
        for i in ordered
    )
    return Entry(key[0], key[1], versions)


@dataclass(frozen=True)
class RegionView:
    region: Agency
    years: tuple[int, ...]
    rosters: Mapping[int, Roster]
    corpora: Mapping[int, Corpus]
    coverage: Coverage


def region_view(region: Agency, years: Iterable[int]) -> RegionView:
    rosters = {y: roster(region, y) for y in years}
    corpora = {y: corpus(region, y, r) for y, r in rosters.items()}
    coverage = build_coverage(rosters, corpora)
    return RegionView(region, tuple(sorted(rosters)), rosters, corpora, coverage)


@dataclass(frozen=True)
class UnitFinding:
    unit_id: str
    year: int
    finding: Finding
    key: str

    @property
    def dom_id(self) -> str:
        return dom_id(self.unit_id, self.key)

    @property
    def is_issue(self) -> bool:
        return self.finding.severity in ISSUES


def dom_id(unit_id: str, key: str) -> str:
    """The review box's element id: the same finding may be found in several units' reports."""
    return "review-" + hashlib.sha256(f"{unit_id}\n{key}".encode()).hexdigest()[:16]


def finding_key(finding: Finding) -> str:
    """A finding's identity across computations: its rule, place and message."""
    data: dict[str, Any] = finding.to_dict()
    payload = json.dumps(
        [data.get(k) for k in ("code", "table", "row", "column", "section", "message")],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def findings(view: RegionView, year: int) -> list[UnitFinding]:
    """The rule catalogue on each unit's current report (against last year's, when the region
    has it) and the supervision signals across the region, unit by unit in roster order."""
    return findings_and_scan(view, year)[0]


def findings_and_scan(view: RegionView, year: int) -> tuple[list[UnitFinding], Scan]:
    """:func:`findings`, and the scan they came from (its repetition and clusters score)."""
    units = view.rosters[year]
    reports = view.corpora[year].reports(year)
    last_roster = view.rosters.get(year - 1)
    last: dict[str, Report] = {}
    if year - 1 in view.corpora:
        last = view.corpora[year - 1].reports(year - 1)
    by_unit: dict[str, list[Finding]] = {}
    for unit_id, report in reports.items():
        by_unit[unit_id] = list(check(report, last.get(unit_id)))
    scanned = scan(units, reports, year, last, last_roster)
    for signal in scanned.signals:
        by_unit.setdefault(signal.unit_id, []).append(signal.finding)
    out: list[UnitFinding] = []
    for unit in units:
        for finding in by_unit.get(unit.id, ()):
            out.append(UnitFinding(unit.id, year, finding, finding_key(finding)))
    return out, scanned
