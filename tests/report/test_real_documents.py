"""Real documents exactly as agencies published them, with goldens read from the source by hand
(page images for PDFs; see NOTES.md in each case folder).

Every such document must read with no wrong number; the ones listed in EXACT must read every
cell the golden has. Metadata keys present in the golden must match exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.parse import parse_file

from .golden import CASES, source_of
from .scoring import assert_no_wrong_number

REAL = sorted(p for p in CASES.iterdir() if p.name.startswith("real-"))
EXACT = {
    "real-hongze-district-government-2023-wps-pdf",
    "real-hongze-district-government-2023-wps-pdftotext-layout",
}
META = ("format", "agency", "year", "published_on", "contact", "period")


@pytest.mark.parametrize("case", REAL, ids=lambda p: p.name)
def test_real_document_has_no_wrong_number(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    got = to_canonical(parse_file(source_of(case)))
    result = assert_no_wrong_number(expected, got)
    if case.name in EXACT:
        assert not result.missing, f"cells left empty: {result.missing}"
    for key in META:
        if key in expected:
            assert got[key] == expected[key], key


def test_real_cases_have_notes() -> None:
    assert REAL
    for case in REAL:
        assert (case / "NOTES.md").is_file(), case.name
