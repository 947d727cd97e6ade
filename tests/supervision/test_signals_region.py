"""A small region-year built from the five seed reports, with injected defects: every injected
defect is found, and nothing else is flagged (supervision signals only: the catalogue's own
findings are tested under tests/report)."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from gongkai.report.canonical import from_canonical
from gongkai.report.model import Cell, Number, Report
from gongkai.report.spec import TableKey
from gongkai.supervision.copies_cluster import cluster_narratives, peer_copy_findings
from gongkai.supervision.signals import pair_signals
from gongkai.supervision.signals_base import UnitPair, UnitReport

CASES = Path(__file__).parents[1] / "report" / "cases"


def seed(prefix: str) -> Report:
    (path,) = CASES.glob(f"seed-{prefix}-*/expected.json")
    return from_canonical(json.loads(path.read_text(encoding="utf-8")))


def set_cell(
    report: Report, table: TableKey, row: str, column: str | None, value: Number
) -> Report:
    data = report.table(table)
    assert data is not None
    cells = {**data.cells, (row, column): Cell(value, "value", str(value))}
    return report.with_tables(**{table: replace(data, cells=cells)})


def renamed(report: Report, old: str, new: str) -> Report:
    sections = {k: (v or "").replace(old, new) for k, v in report.sections.items()}
    return replace(report, agency=new, sections=sections)


NAMES = {
    "000": "临淄区民政局",
    "001": "台儿庄区民政局",
    "002": "某区民政局",  # the seed names no agency
    "003": "临淄区齐都镇人民政府",
    "004": "临淄区人民政府办公室",
}


def build() -> list[UnitPair]:
    now = {p: replace(seed(p), year=2024) for p in NAMES}
    # last year's reports: another seed's narrative (not a copy), this unit's own tables
    order = list(NAMES)
    before = {}
    for i, p in enumerate(order):
        other = order[(i + 1) % len(order)]
        sections = seed(other).sections
        before[p] = replace(now[p], year=2023, sections=sections)
    # injected defects
    before["000"] = replace(
        now["000"],
        year=2023,
        sections={k: (v or "").replace("2024", "2023") for k, v in now["000"].sections.items()},
    )  # 临淄区民政局 copies its whole 2023 report: text and tables
    now["002"] = set_cell(now["002"], "proactive", "admin_fees", None, Decimal("12000"))
    before["002"] = set_cell(before["002"], "proactive", "admin_fees", None, Decimal("1.2"))
    now["003"] = replace(now["003"], format="2019")  # outdated tables in a 2024 report
    before["004"] = set_cell(before["004"], "applications", "received", "total", 5)  # 5 → 27
    pairs = [
        UnitPair(
            UnitReport(f"s{p}", NAMES[p], 2024, now[p]),
            UnitReport(f"s{p}", NAMES[p], 2023, before[p]),
        )
        for p in NAMES
    ]
    # a new unit whose report is 临淄区民政局's with the names changed
    copy = renamed(now["000"], "临淄区民政局", "临淄区退役军人事务局")
    pairs.append(UnitPair(UnitReport("s005", "临淄区退役军人事务局", 2024, copy)))
    return pairs


EXPECTED = {
    ("s000", "SUP-SAME-FIGURES"),
    ("s000", "SUP-COPY-YEAR"),
    ("s000", "SUP-PROBLEMS-REPEAT"),
    ("s000", "SUP-COPY-PEER"),
    ("s005", "SUP-COPY-PEER"),
    ("s002", "SUP-FEE-SLIP"),
    ("s003", "SUP-FORMAT-OLD"),
    ("s004", "SUP-JUMP"),
}


def test_every_injected_defect_is_found_and_nothing_else() -> None:
    pairs = build()
    found = [f for pair in pairs for f in pair_signals(pair)]
    current = [pair.current for pair in pairs]
    found += peer_copy_findings(cluster_narratives(current), current)
    flagged = {(f.unit_id, f.finding.code) for f in found if f.finding.code.startswith("SUP-")}
    assert flagged == EXPECTED
    jump = next(f.finding for f in found if f.finding.code == "SUP-JUMP")
    assert (jump.row, jump.expected, jump.actual) == ("received", 5, 27)


def test_the_all_zero_small_unit_is_clean() -> None:
    pair = build()[1]  # 台儿庄区民政局: all-zero tables both years
    assert pair.previous is not None
    assert pair.current.report.applications == pair.previous.report.applications
    assert [f for f in pair_signals(pair) if f.finding.code.startswith("SUP-")] == []
