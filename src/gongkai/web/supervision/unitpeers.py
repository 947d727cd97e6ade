"""The unit page's comparisons with other reports, all computed by gongkai.supervision:

- copy detection: its narrative against its own report of the year before (copies.year_repetition,
  the SUP-COPY-YEAR measure) and against the other units of the same year it was clustered with
  (the SUP-COPY-PEER finding's cluster), with the repeated passages side by side;
- its rates against the units of the same type in the same year (rates.rank over those units,
  with the sample floor: below it the page says the sample is too small instead of a rate).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gongkai.report.model import Number, Report
from gongkai.report.spec import SECTIONS
from gongkai.supervision.copies import SHOWN, Passage, repetition, year_repetition
from gongkai.supervision.copies_cluster import DEFAULT_CLUSTER_SETTINGS, narrative
from gongkai.supervision.rates import DEFAULT_FLOOR, RATES, rank, region_rates
from gongkai.supervision.rollup import declares_aggregate
from gongkai.supervision.signals_base import DEFAULT_SETTINGS, UnitPair, UnitReport
from gongkai.supervision.templatetext import content
from gongkai.web.supervision import board as boards

PASSAGES_SHOWN = 30  # repeated passages listed per comparison; the others are counted
PEERS_COMPARED = 5  # cluster members whose passages are listed; the others are named


@dataclass(frozen=True)
class PassagePair:
    where: str  # the section of this year's report, when known
    current: str
    other: str


@dataclass(frozen=True)
class CopyMatch:
    """This year's report against another report."""

    kind: str  # "previous" (the unit's own report of the year before) or "peer"
    name: str  # the other report: 本单位2024年度报告, or the other unit's name
    unit_id: str  # the other unit (peer), else ""
    ratio: float | None  # share of this report's narrative found in the other
    similarity: float | None  # the cluster's verified similarity (peer, directly paired)
    flagged: bool  # the finding was raised: over the threshold, or in a cluster
    passages: tuple[PassagePair, ...] = ()
    more: int = 0  # passages not listed
    sections: tuple[tuple[str, str], ...] = ()  # (section title, its share) for "previous"

    @property
    def ratio_text(self) -> str:
        return "—" if self.ratio is None else f"{self.ratio:.0%}"

    @property
    def similarity_text(self) -> str:
        return "" if self.similarity is None else f"{self.similarity:.0%}"


@dataclass(frozen=True)
class YearCopies:
    year: int
    matches: tuple[CopyMatch, ...]
    has_previous: bool  # the unit's report of the year before is there to compare with
    too_short: bool  # the narrative is too short to be compared across units
    indirect: tuple[str, ...] = ()  # cluster members joined through others, not listed
    threshold: float = DEFAULT_SETTINGS.copy_threshold
    min_chars: int = DEFAULT_CLUSTER_SETTINGS.min_chars
    passage_chars: int = SHOWN  # shorter repeated passages count in the share, not listed

    @property
    def threshold_text(self) -> str:
        return f"{self.threshold:.0%}"


def _unit_report(data: boards.Region, unit_id: str, year: int, report: Report) -> UnitReport:
    roster = data.view.rosters.get(year)
    unit = roster.units.get(unit_id) if roster else None
    return UnitReport(
        unit_id, unit.name if unit else unit_id, year, report, unit.aliases if unit else ()
    )


def _report(data: boards.Region, unit_id: str, year: int) -> Report | None:
    corpus = data.view.corpora.get(year)
    entry = corpus.entry(unit_id, year) if corpus else None
    return entry.current.report if entry else None


def _pairs(passages: list[tuple[str, Passage]]) -> tuple[tuple[PassagePair, ...], int]:
    shown = [PassagePair(where, p.current, p.previous) for where, p in passages[:PASSAGES_SHOWN]]
    return tuple(shown), max(0, len(passages) - PASSAGES_SHOWN)


def year_copies(data: boards.Region, unit_id: str, year: int) -> YearCopies:
    report = _report(data, unit_id, year)
    assert report is not None
    me = _unit_report(data, unit_id, year, report)
    matches: list[CopyMatch] = []
    before = _report(data, unit_id, year - 1)
    if before is not None:
        previous = _unit_report(data, unit_id, year - 1, before)
        found = year_repetition(UnitPair(me, previous))
        assert found is not None
        titles = {s.key: s.title for s in SECTIONS}
        passages = [(titles[s.section], p) for s in found.sections for p in s.repetition.passages]
        shown, more = _pairs(passages)
        matches.append(
            CopyMatch(
                "previous",
                f"本单位{year - 1}年度报告",
                "",
                found.ratio,
                None,
                found.ratio is not None and found.ratio > DEFAULT_SETTINGS.copy_threshold,
                shown,
                more,
                tuple(
                    (titles[s.section], "无正文" if s.ratio is None else f"{s.ratio:.0%}")
                    for s in found.sections
                ),
            )
        )
    evidence = _peer_evidence(data, unit_id, year)
    indirect: list[str] = []
    compared = 0
    if evidence:
        names = dict(zip(evidence["cluster"], evidence["names"], strict=True))
        direct: dict[str, float] = {}
        for pair in evidence["pairs"]:
            first, second = pair["units"]
            if unit_id in (first, second):
                other = second if first == unit_id else first
                direct[other] = float(pair["similarity"])
        others = sorted(
            (u for u in evidence["cluster"] if u != unit_id),
            key=lambda u: (-direct.get(u, 0.0), names[u]),
        )
        for other in others:
            peer_report = _report(data, other, year)
            if peer_report is None or compared >= PEERS_COMPARED:
                indirect.append(names[other])
                continue
            compared += 1
            peer = _unit_report(data, other, year, peer_report)
            found_peer = repetition(narrative(me), narrative(peer), (*me.names, *peer.names))
            shown, more = _pairs([("", p) for p in found_peer.passages])
            matches.append(
                CopyMatch(
                    "peer",
                    names[other],
                    other,
                    found_peer.ratio,
                    direct.get(other),
                    True,
                    shown,
                    more,
                )
            )
    too_short = content(narrative(me), me.names).size < DEFAULT_CLUSTER_SETTINGS.min_chars
    return YearCopies(year, tuple(matches), before is not None, too_short, tuple(indirect))


def _peer_evidence(data: boards.Region, unit_id: str, year: int) -> dict[str, Any] | None:
    for row in data.findings.get(year, []):
        finding = row.item.finding
        if row.item.unit_id == unit_id and finding.code == "SUP-COPY-PEER":
            evidence = finding.detail.get("evidence")
            return dict(evidence) if evidence else None
    return None


@dataclass(frozen=True)
class RateLine:
    label: str
    value: str  # the unit's rate, or "" when there is none to show
    fraction: str  # numerator/denominator as the report gives them
    note: str  # why there is no rate, or that the unit is not ranked
    rank: str
    peers: str  # the same-type units' Σ numerators / Σ denominators
    peers_note: str


@dataclass(frozen=True)
class YearRates:
    year: int
    unit_type: str
    peers: int  # same-type units with a report this year, this unit included
    floor: int
    lines: tuple[RateLine, ...]


def _percent(value: Fraction) -> str:
    return f"{float(value) * 100:.2f}%"


def _figure(numerator: Number | None, denominator: Number | None) -> str:
    if numerator is None or denominator is None:
        return ""
    return f"{numerator}/{denominator}"


def year_rates(
    data: boards.Region, unit_id: str, year: int, floor: int = DEFAULT_FLOOR
) -> YearRates:
    """The unit's rates among the units of its type with a report of ``year``."""
    roster = data.view.rosters[year]
    unit = roster.units[unit_id]
    reports = {
        uid: r
        for uid, r in data.view.corpora[year].reports(year).items()
        if uid in roster.units and roster.units[uid].type == unit.type
    }
    aggregates = {
        uid
        for uid, r in reports.items()
        if declares_aggregate(roster.units[uid], r) and roster.children(uid)
    }
    rates = rank(reports, floor, aggregates)
    overall = {r.rate: r for r in region_rates(rates, aggregates)}
    lines = []
    for rate in RATES:
        rows = [r for r in rates if r.rate == rate.key]
        mine = next(r for r in rows if r.unit_id == unit_id)
        ranked = sum(1 for r in rows if r.ranked)
        value, note, place = "", mine.note, ""
        if mine.value is not None:
            assert mine.denominator is not None
            if mine.denominator < floor:
                note = f"样本太小：分母只有{mine.denominator}件，不足{floor}件，不计算比率"
            else:
                value = _percent(mine.value)
                if mine.rank is not None:
                    place = f"第{mine.rank}名（同类{ranked}个单位参与排名）"
        group = overall[rate.key]
        if group.value is None:
            peers, peers_note = "", "同类单位的所需数据为空或分母为0，无法计算"
        elif group.denominator < floor:
            peers = ""
            peers_note = f"样本太小：同类单位合计分母只有{group.denominator}件，不足{floor}件"
        else:
            peers = _percent(group.value)
            peers_note = f"{group.units}个单位合计 {group.numerator}/{group.denominator}"
            if group.lacking:
                peers_note += f"；{len(group.lacking)}个单位所需数据为空，未计入"
        lines.append(
            RateLine(
                rate.label,
                value,
                _figure(mine.numerator, mine.denominator),
                note,
                place,
                peers,
                peers_note,
            )
        )
    return YearRates(year, unit.type, len(reports), floor, tuple(lines))
