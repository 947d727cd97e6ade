"""One region-year supervised: roster → corpus → coverage → findings → roll-up → rates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.report.batch import Progress
from gongkai.report.model import Finding, Report
from gongkai.report.rules import check

from .corpus import Corpus, ManifestEntry, load_corpus
from .coverage import Coverage, build_coverage
from .rates import DEFAULT_FLOOR, RegionRate, UnitRate, rank, region_rates
from .rollup import RollUp, aggregate_findings, declares_aggregate, roll_up
from .roster import Roster, RosterFile
from .scan import Scan, scan
from .signals_base import DEFAULT_SETTINGS, SignalSettings

__all__ = ["Settings", "Supervision", "supervise"]


@dataclass(frozen=True)
class Settings:
    floor: int = DEFAULT_FLOOR
    internal_deadline: tuple[int, int] | None = None  # (month, day) of the following year
    windows: tuple[int, ...] = (3, 7)
    jobs: int | None = 1
    region: str | None = None  # the roll-up's name; default: the roster's single top unit
    signals: SignalSettings = DEFAULT_SETTINGS


@dataclass(frozen=True)
class UnitFindings:
    unit_id: str
    source: str
    findings: tuple[Finding, ...]
    previous: str | None = None  # last year's report the cross-year rules compared with


@dataclass(frozen=True)
class Supervision:
    year: int
    roster: Roster
    corpus: Corpus
    coverage: Coverage
    findings: tuple[UnitFindings, ...]
    rollup: RollUp
    rates: tuple[UnitRate, ...]
    region: tuple[RegionRate, ...]
    previous: Corpus | None = None
    aggregates: frozenset[str] = field(default_factory=frozenset)
    scan: Scan | None = None  # the supervision signals, repetition and cross-unit clusters


def supervise(
    roster_file: RosterFile,
    paths: Sequence[str | Path],
    year: int,
    manifest: Mapping[str, ManifestEntry] | None = None,
    previous_paths: Sequence[str | Path] = (),
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Supervision:
    settings = settings or Settings()
    roster = roster_file.for_year(year)
    corpus = load_corpus(paths, roster, manifest, settings.jobs, progress)
    rosters = {year: roster}
    corpora = {year: corpus}
    previous: Corpus | None = None
    if previous_paths:
        rosters[year - 1] = roster_file.for_year(year - 1)
        previous = load_corpus(previous_paths, rosters[year - 1], None, settings.jobs, progress)
        corpora[year - 1] = previous
    coverage = build_coverage(rosters, corpora, settings.internal_deadline, settings.windows)
    reports = corpus.reports(year)
    last_year = previous.reports(year - 1) if previous else corpus.reports(year - 1)
    findings = tuple(_unit_findings(corpus, year, last_year))
    aggregates = frozenset(
        uid
        for uid, report in reports.items()
        if declares_aggregate(roster.units[uid], report) and roster.children(uid)
    )
    extra = [(str(f.detail["unit"]), f) for f in aggregate_findings(roster, reports, year)]
    signals = scan(roster, reports, year, last_year, rosters.get(year - 1), settings.signals)
    extra += [(s.unit_id, s.finding) for s in signals.signals]
    findings = _with_extra(findings, extra)
    rollup = roll_up(roster, reports, year, settings.region or _region_name(roster))
    rates = rank(reports, settings.floor, aggregates)
    return Supervision(
        year,
        roster,
        corpus,
        coverage,
        findings,
        rollup,
        tuple(rates),
        tuple(region_rates(rates, aggregates)),
        previous,
        aggregates,
        signals,
    )


def _unit_findings(
    corpus: Corpus, year: int, last_year: Mapping[str, Report]
) -> list[UnitFindings]:
    out: list[UnitFindings] = []
    for (uid, found), entry in corpus.entries.items():
        if found != year:
            continue
        current = entry.current
        last = last_year.get(uid)
        findings = list(check(current.report, last))
        if entry.changed:
            findings.append(
                _changed(entry.versions[0].sources[0], current.sources[0], entry.order_known)
            )
        out.append(
            UnitFindings(uid, current.sources[0], tuple(findings), last.source if last else None)
        )
    return out


def _changed(first: str, latest: str, order_known: bool) -> Finding:
    order = "" if order_known else "（部分版本无发布日期，先后不明）"
    return Finding(
        "PUB-CHANGED",
        "warning",
        f"发布后有变动：同一单位同一年度有内容不同的报告版本，最早为{first}，最新为{latest}{order}；"
        "统计与核对采用最新版本",
        detail={"first": first, "latest": latest, "order_known": order_known},
    )


def _with_extra(
    findings: tuple[UnitFindings, ...], extra: Sequence[tuple[str, Finding]]
) -> tuple[UnitFindings, ...]:
    """The roll-up's aggregate checks and the supervision signals beside each unit's own."""
    by_unit: dict[str, list[Finding]] = {}
    for unit_id, finding in extra:
        by_unit.setdefault(unit_id, []).append(finding)
    return tuple(
        UnitFindings(f.unit_id, f.source, (*f.findings, *by_unit.get(f.unit_id, ())), f.previous)
        for f in findings
    )


def _region_name(roster: Roster) -> str | None:
    tops = [u for u in roster if u.parent is None]
    return tops[0].name if len(tops) == 1 else None
