"""Reports with notes inside cells (notes-*) and in Traditional characters (hant-*): goldens
written by hand from the seeds' and the real report's truth (see NOTES.md in each folder and
tests/report/variants.py, which wrote the sources).

Each must read with no wrong number and, but where NOTES.md says otherwise, every cell of its
golden (blanks as null); the reader findings listed in ``cell_notes`` must be given, for
exactly those cells.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.parse import parse_file

from .golden import CASES, source_of
from .scoring import assert_no_wrong_number

VARIANTS = sorted(p for p in CASES.iterdir() if p.name.startswith(("notes-", "hant-")))
# the PDF reader splits a cell whose text wraps into one cell a line (see the case's NOTES.md)
NOT_EXACT = {"notes-seed-004-linzi-government-office-2023-pdf-libreoffice"}
META = ("format", "agency", "year", "published_on", "contact", "period")
TABLES = ("proactive", "applications", "disputes")
CELL_CODES = {"CELL-NOTE", "CELL-UNIT", "CELL-AMBIGUOUS"}


def _read(case: Path) -> tuple[dict, dict]:  # type: ignore[type-arg]
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return expected, to_canonical(parse_file(source_of(case)))


@pytest.mark.parametrize("case", VARIANTS, ids=lambda p: p.name)
def test_variant_reads_as_golden(case: Path) -> None:
    expected, got = _read(case)
    result = assert_no_wrong_number(expected, got)
    assert (case / "NOTES.md").is_file()
    if case.name in NOT_EXACT:
        return
    assert not result.missing, f"cells left empty: {result.missing}"
    for key in TABLES:
        assert got[key] == expected[key], key  # blanks stay null, too
    for key in META:
        if key in expected:
            assert got[key] == expected[key], key


@pytest.mark.parametrize(
    "case", [c for c in VARIANTS if c.name.startswith("notes-")], ids=lambda p: p.name
)
def test_noted_cells_are_reported(case: Path) -> None:
    expected, got = _read(case)
    if "cell_notes" not in expected:
        return
    found = sorted(
        [n["code"], n.get("table"), n.get("row"), n.get("column")]
        for n in got.get("parse_notes", [])
        if n["code"] in CELL_CODES
    )
    assert found == sorted(expected["cell_notes"])
    for note in got["parse_notes"]:
        if note["code"] in CELL_CODES:
            assert note["detail"]["raw"] in note["message"]


@pytest.mark.parametrize(
    "case", [c for c in VARIANTS if c.name.startswith("hant-")], ids=lambda p: p.name
)
def test_traditional_reads_like_its_seed(case: Path) -> None:
    """No extra row, no label finding: every Traditional label was matched."""
    _, got = _read(case)
    codes = {n["code"] for n in got.get("parse_notes", [])}
    assert not codes & {"TABLE-EXTRA-ROW", "FORMAT-MIXED", "TABLE-OLD-ROW", "ROW-LABEL-TYPO"}
    assert got["sections"]["overview"] and got["sections"]["other_section"]


def test_pdftotext_reference_shapes() -> None:
    """The WPS report's pdftotext text: the typo'd row and the single （六）其他处理 row are read,
    the report is 2021 format and not mixed, and nothing is left as an extra row."""
    case = CASES / "real-hongze-district-government-2023-wps-pdftotext-layout"
    report = parse_file(source_of(case))
    assert report.applications is not None
    labels = report.applications.source_labels
    assert labels["withheld_law_barred"] == "2.其他法律行政止公开"  # as written, for ROW-LABEL
    assert labels["closed_other"] == "（六）其他处理"
    got = to_canonical(report)
    codes = [n["code"] for n in got.get("parse_notes", [])]
    assert got["format"] == "2021"
    assert sorted(codes) == ["ROW-LABEL-TYPO", "TABLE-OLD-ROW"]
    assert "extra_rows" not in got
    apps = got["applications"]
    assert set(apps["closed_no_correction"].values()) == {None}
    assert set(apps["closed_fee_unpaid"].values()) == {None}
    assert set(apps["closed_other"].values()) == {0}
