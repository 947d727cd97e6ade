"""Two renders of the same report are byte-identical, in one process and across processes."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.report.model import Report
from gongkai.report.render import FORMATS, render

from .helpers import SEED_CASES, seed_report

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_renders_are_identical(fmt: str) -> None:
    for case in SEED_CASES[:2]:
        report = seed_report(case)
        assert render(report, fmt) == render(report, fmt), (fmt, case.name)


def test_renders_are_identical_across_processes() -> None:
    case = SEED_CASES[1]
    script = (
        "import hashlib, json, sys\n"
        "from gongkai.report.parse import parse_file\n"
        "from gongkai.report.render import FORMATS, render\n"
        "from tests.report.golden import source_of\n"
        f"report = parse_file(source_of(__import__('pathlib').Path({str(case)!r})))\n"
        "print(json.dumps({f: hashlib.sha256(render(report, f)).hexdigest() for f in FORMATS}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    theirs = json.loads(done.stdout)
    report = seed_report(case)
    ours = {f: hashlib.sha256(render(report, f)).hexdigest() for f in FORMATS}
    assert theirs == ours


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(seed_report(SEED_CASES[0]), "rtf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bare_report_renders(fmt: str) -> None:
    """No format, no tables, no contact, no date: the headings alone, in every format."""
    data = render(Report(format=None), fmt)
    assert data
    if fmt in ("md", "html"):
        assert "政府信息公开工作年度报告" in data.decode("utf-8")


def test_pdf_remembered_cells_and_subsets_change_nothing() -> None:
    """The PDF renderer remembers laid-out paragraphs and cells and font subsets across renders:
    what it writes does not depend on what it rendered before, nor on the draft mark of another
    render."""
    from gongkai.report.render import pdf

    reports = [seed_report(case) for case in SEED_CASES]
    first = [render(r, "pdf", watermark=mark) for r in reports for mark in ("", "草稿")]
    pdf.forget()  # paragraphs, cells and tables laid out again, in the other order
    again = [render(r, "pdf", watermark=mark) for r in reversed(reports) for mark in ("草稿", "")]
    assert first == list(reversed(again))
