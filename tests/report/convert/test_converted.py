"""Converter output of known documents (tests/report/cases/convert-*/, made by make_fixtures.py
with the real tools): the reader takes the text path, gives no wrong number, and recovers at
least the share of cells stated for the tool (tests/report/convert/NOTES.md has the figures).

pdftotext's default mode and pdfminer write a table column by column, away from its row
labels: the reader puts table 三 back together only where labels, count and sums leave one
reading (gongkai.report.colmajor: the WPS PDF through pdfminer), keeps a row whose label shares a
line with its numbers, and otherwise leaves the cells empty: missing is better than wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.parse import parse_file

from ..golden import CASES, source_of
from ..scoring import assert_no_wrong_number, score

CONVERTED = sorted(p for p in CASES.iterdir() if p.name.startswith("convert-"))

# the least share of the golden's numbers each tool's output must give back
FLOORS = {
    "pdftotext-raw": 0.8,  # blank cells at a row's ends leave no trace in plain text
    "pdftotext-layout": 0.8,
    "markitdown-pdf": 0.4,
    "markitdown-html": 0.9,
    "html2text": 0.9,
    "marker": 0.95,
    "pdftotext": 0.0,  # column by column: see the module's docstring
    "pdfminer": 0.0,
}
# cases read far above their tool's floor: they must stay so
CASE_FLOORS = {
    "convert-real-hongze-district-government-2023-wps-pdfminer": 0.85,  # 164/186 column-major
    "convert-real-hongze-district-government-2023-wps-pdftotext": 0.18,  # 36/186
    "convert-seed-003-qidu-town-2024-pdftotext": 0.38,  # 79/200: rows below their labels
}
# the least share over all fixtures of a tool
TOTAL_FLOORS = {
    "pdftotext-raw": 0.95,
    "pdftotext-layout": 0.95,
    "markitdown-pdf": 0.8,
    "markitdown-html": 0.97,
    "html2text": 0.97,
    "marker": 0.99,
}


def tool_of(case: Path) -> str:
    return next(t for t in sorted(FLOORS, key=len, reverse=True) if case.name.endswith("-" + t))


def _read(case: Path) -> tuple[dict, dict]:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    report = parse_file(source_of(case))
    assert report.reader == "text", "converter output goes through the text reader"
    return expected, to_canonical(report)


def test_every_tool_has_fixtures() -> None:
    assert {tool_of(case) for case in CONVERTED} == set(FLOORS)


@pytest.mark.parametrize("case", CONVERTED, ids=lambda p: p.name)
def test_converter_output_has_no_wrong_number(case: Path) -> None:
    expected, got = _read(case)
    result = assert_no_wrong_number(expected, got)
    floor = CASE_FLOORS.get(case.name, FLOORS[tool_of(case)])
    assert result.recall >= floor, (
        f"{result.correct}/{result.numbers} cells; missing {result.missing}"
    )
    if result.recall > 0.5:  # the format is told by the tables' labels
        assert got["format"] == expected["format"]
        assert got["year"] == expected["year"]


@pytest.mark.parametrize("tool", sorted(TOTAL_FLOORS))
def test_recall_per_tool(tool: str) -> None:
    cases = [case for case in CONVERTED if tool_of(case) == tool]
    correct = numbers = 0
    for case in cases:
        result = score(*_read(case))
        correct, numbers = correct + result.correct, numbers + result.numbers
    assert numbers and correct / numbers >= TOTAL_FLOORS[tool], f"{tool}: {correct}/{numbers}"


def test_every_case_has_notes() -> None:
    for case in CONVERTED:
        assert (case / "NOTES.md").is_file(), case.name
