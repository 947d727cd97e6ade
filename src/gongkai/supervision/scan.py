"""The supervision signals over a region-year: each unit against last year, and across units.

For every unit with a report of the year: the signals of :mod:`.signals` on the unit's report
and last year's (the catalogue's cross-year rules are left out here: the pipeline runs the whole
catalogue on the pair already), the year-on-year repetition of its narrative (kept, so that a
scoring sheet may use its own threshold), and the clusters of near-duplicate narratives across
the region's units (:mod:`.copies_cluster`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gongkai.report.model import Report

from .copies import YearRepetition, year_copy_findings, year_repetition
from .copies_cluster import (
    DEFAULT_CLUSTER_SETTINGS,
    Clustering,
    ClusterSettings,
    cluster_narratives,
    peer_copy_findings,
)
from .roster import Roster
from .signals import (
    fee_slip,
    jumps,
    outdated_format,
    problems_repeat,
    problems_section,
    same_figures,
)
from .signals_base import DEFAULT_SETTINGS, SignalSettings, UnitFinding, UnitPair, UnitReport

__all__ = ["Scan", "scan"]


@dataclass(frozen=True)
class Scan:
    signals: tuple[UnitFinding, ...]
    repetition: Mapping[str, YearRepetition]  # unit id → its narrative against last year's
    clustering: Clustering


def _unit(roster: Roster, unit_id: str, year: int, report: Report) -> UnitReport:
    unit = roster.units.get(unit_id)
    name = unit.name if unit else unit_id
    return UnitReport(unit_id, name, year, report, unit.aliases if unit else ())


def scan(
    roster: Roster,
    reports: Mapping[str, Report],
    year: int,
    last_year: Mapping[str, Report],
    last_roster: Roster | None = None,
    settings: SignalSettings = DEFAULT_SETTINGS,
    clusters: ClusterSettings = DEFAULT_CLUSTER_SETTINGS,
) -> Scan:
    """``reports``: unit id → the unit's current report of ``year``; ``last_year``: unit id →
    its report of the year before (absent units have none)."""
    found: list[UnitFinding] = []
    repeated: dict[str, YearRepetition] = {}
    units: list[UnitReport] = []
    for unit_id, report in reports.items():
        current = _unit(roster, unit_id, year, report)
        units.append(current)
        before = last_year.get(unit_id)
        previous = (
            _unit(last_roster or roster, unit_id, year - 1, before) if before is not None else None
        )
        pair = UnitPair(current, previous)
        own = [*outdated_format(current), *problems_section(current, settings)]
        if previous is not None:
            repetition = year_repetition(pair)
            if repetition is not None:
                repeated[unit_id] = repetition
            own += same_figures(pair, settings)
            own += jumps(pair, settings)
            own += fee_slip(pair, settings)
            own += problems_repeat(pair, settings, repetition)
            own += year_copy_findings(pair, settings, repetition)
        found.extend(UnitFinding(unit_id, current.unit_name, year, f) for f in own)
    clustering = cluster_narratives(units, clusters)
    found.extend(peer_copy_findings(clustering, units))
    return Scan(tuple(found), repeated, clustering)
