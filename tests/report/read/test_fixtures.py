"""Golden tests of the reader fixtures in tests/report/cases/read-*/ (see make_fixtures.py).

Each fixture's expected.json was checked by hand: for the seed-derived ones, the tables equal
what the text reader gives for the same seed (the test below keeps it so), except seed 004's
表二 “行政规范性文件” row, which a real table places (sources.PLACED); the generated ones equal
the canonical documents in sources.py cell by cell, blanks as null.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.parse import parse_file

from ..golden import CASES, compare, source_of
from .sources import PLACED, generated_2019, generated_blanks, seed_source

# crawler dumps (read-*-crawler-dump-*) are text files scored against the truth: test_dumps.py
READ_CASES = sorted(
    p for p in CASES.iterdir() if p.name.startswith("read-") and "-crawler-dump-" not in p.name
)
TABLES = ("proactive", "applications", "disputes")
META = ("format", "agency", "year", "published_on", "contact", "period")
READERS = {".html": "html", ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx", ".xls": "xls"}


def test_every_reader_has_fixtures() -> None:
    kinds = {source_of(case).suffix for case in READ_CASES}
    assert kinds == set(READERS)


@pytest.mark.parametrize("case", READ_CASES, ids=lambda p: p.name)
def test_fixture_reads_as_golden(case: Path) -> None:
    source = source_of(case)
    report = parse_file(source)
    assert report.reader == READERS[source.suffix]
    compare(case / "expected.json", to_canonical(report))


def _squeeze(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


@pytest.mark.parametrize(
    "case", [c for c in READ_CASES if "-seed-" in c.name], ids=lambda p: p.name
)
def test_seed_fixture_equals_the_text_reader(case: Path) -> None:
    number = case.name.split("-")[2]
    got = to_canonical(parse_file(source_of(case)))
    want = to_canonical(parse_file(seed_source(number)))
    for (seed, table, row), cells in PLACED.items():
        if seed == number:  # the text leaves this row open; the real table places it
            columns = list(want[table][row])
            assert want[table][row] == dict.fromkeys(columns)
            want[table][row] = {
                c: (int(v) if v else None) for c, v in zip(columns, cells, strict=True)
            }
    for key in (*META, *TABLES):
        assert got[key] == want[key], key
    for key, text in want["sections"].items():
        if source_of(case).suffix == ".pdf":  # a PDF keeps no spaces, only gaps
            assert _squeeze(got["sections"][key]) == _squeeze(text), key
        else:
            assert got["sections"][key] == text, key


@pytest.mark.parametrize(
    "case", [c for c in READ_CASES if "-generated-" in c.name], ids=lambda p: p.name
)
def test_generated_fixture_equals_its_document(case: Path) -> None:
    want = generated_2019() if "-2019-" in case.name else generated_blanks()
    got = to_canonical(parse_file(source_of(case)))
    for key in ("format", "agency", "year", "contact", *TABLES):
        assert got[key] == want[key], key
    # the only notes: page chrome dropped and listed (CHROME-DROPPED, info)
    assert {n["code"] for n in got.get("parse_notes", [])} <= {"CHROME-DROPPED"}
