"""The five real published reports: canonical JSON and findings, checked by hand (see below)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.parse import parse_file
from gongkai.report.rules import check

from .golden import CASES, compare, source_of

SEEDS = sorted(p for p in CASES.iterdir() if p.name.startswith("seed-"))


@pytest.mark.parametrize("case", SEEDS, ids=lambda p: p.name)
def test_seed_reads_as_golden(case: Path) -> None:
    report = parse_file(source_of(case))
    compare(case / "expected.json", to_canonical(report))


@pytest.mark.parametrize("case", SEEDS, ids=lambda p: p.name)
def test_seed_findings_as_golden(case: Path) -> None:
    report = parse_file(source_of(case))
    compare(case / "findings.json", [f.to_dict() for f in check(report)])


def test_five_seeds_present() -> None:
    assert len(SEEDS) == 5
