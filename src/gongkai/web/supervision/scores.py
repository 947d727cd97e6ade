"""A region-year scored on the assessment sheet (gongkai.supervision.scoring), from the same
data as the board and the findings list: the roster, the corpus, the coverage, and the findings
as the supervisor reviewed them (a dismissed finding deducts nothing, as it counts nowhere)."""

from __future__ import annotations

from gongkai.report.model import Finding
from gongkai.supervision.pipeline import Supervision, UnitFindings
from gongkai.supervision.rates import DEFAULT_FLOOR, rank, region_rates
from gongkai.supervision.rollup import roll_up
from gongkai.supervision.scan import scan
from gongkai.supervision.scorecard import Sheet, default_sheet
from gongkai.supervision.scoring import UnitScore, score_region
from gongkai.web.supervision.board import Region
from gongkai.web.supervision.models import Decision


def supervision_of(data: Region, year: int) -> Supervision:
    """The library's view of ``year`` built from what the web app keeps (``data``: the board's
    :func:`~gongkai.web.supervision.board.load` of ``year``, with ``year - 1`` when it has a
    roster, for the cross-year checks)."""
    view = data.view
    roster, corpus = view.rosters[year], view.corpora[year]
    reports = corpus.reports(year)
    last = view.corpora[year - 1].reports(year - 1) if year - 1 in view.corpora else {}
    kept: dict[str, list[Finding]] = {}
    for row in data.findings.get(year, []):
        if row.review is not None and row.review.decision == Decision.DISMISSED:
            continue
        kept.setdefault(row.item.unit_id, []).append(row.item.finding)
    findings = []
    for unit_id in reports:
        entry = corpus.entry(unit_id, year)
        source = entry.current.sources[0] if entry else ""
        findings.append(UnitFindings(unit_id, source, tuple(kept.get(unit_id, ()))))
    rates = rank(reports, DEFAULT_FLOOR)
    return Supervision(
        year,
        roster,
        corpus,
        view.coverage,
        tuple(findings),
        roll_up(roster, reports, year, view.region.name),
        tuple(rates),
        tuple(region_rates(rates)),
        view.corpora.get(year - 1),
        frozenset(),
        scan(roster, reports, year, last, view.rosters.get(year - 1)),
    )


def region_scores(
    data: Region, year: int, sheet: Sheet | None = None
) -> tuple[Sheet, tuple[UnitScore, ...]]:
    chosen = sheet or default_sheet()
    return chosen, score_region(chosen, supervision_of(data, year))
