"""Render → gongkai's own reader → the same report, for the formats whose readers are written in
parallel (src/gongkai/report/read/). Markdown and JSON: see test_text_formats.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.report.canonical import from_canonical, to_canonical
from gongkai.report.model import Report
from gongkai.report.parse import parse_bytes
from gongkai.report.render import render

from .helpers import SEED_CASES, comparable, full_reports, seed_report

SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def round_trip(report: Report, fmt: str) -> None:
    again = parse_bytes(render(report, fmt), f"report.{fmt}")
    assert comparable(again, structured=True) == comparable(report, structured=True)


def seed_params() -> list[object]:
    return [
        pytest.param(fmt, case, id=f"{fmt}-{case.name}")
        for fmt in ("html", "docx", "pdf", "xlsx")
        for case in SEED_CASES
    ]


@pytest.mark.parametrize(("fmt", "case"), seed_params())
def test_seed_round_trip(fmt: str, case: Path) -> None:
    round_trip(seed_report(case), fmt)


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "xlsx"])
def test_null_cells_at_the_ends_of_rows(fmt: str) -> None:
    """Blank cells where a reader is most likely to lose them: first and last in a row, a whole
    litigation group of table 四, a decimal fee."""
    document = to_canonical(seed_report(SEED_CASES[4]))
    document["proactive"]["gov_rules"]["in_force"] = None
    document["proactive"]["admin_fees"] = "0.35"
    document["applications"]["received"]["natural_person"] = None
    document["applications"]["carried_out"]["total"] = None
    document["disputes"]["lit_after_review"] = dict.fromkeys(document["disputes"]["review"])
    round_trip(from_canonical(document), fmt)


@SLOW
@given(full_reports())
def test_html_round_trip(report: Report) -> None:
    round_trip(report, "html")


@SLOW
@given(full_reports())
def test_docx_round_trip(report: Report) -> None:
    round_trip(report, "docx")


@SLOW
@given(full_reports())
def test_pdf_round_trip(report: Report) -> None:
    round_trip(report, "pdf")


@SLOW
@given(full_reports())
def test_xlsx_round_trip(report: Report) -> None:
    round_trip(report, "xlsx")
