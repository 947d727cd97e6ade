"""The fast XLSX writer is byte for byte what openpyxl writes for the same sheet plan: the seed
reports, hostile text, decimals and reports drawn at random, with and without the draft mark."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongkai.report.canonical import from_canonical
from gongkai.report.model import Report
from gongkai.report.render.xlsx import render_xlsx
from gongkai.report.render.xlsx_openpyxl import render_xlsx_openpyxl

from ..factories import clean_document
from .helpers import SEED_CASES, full_reports, seed_report
from .test_injection import hostile

MARKS = ("", "草稿——未发布", "<&>\t 标记 ")


@pytest.mark.parametrize("case", SEED_CASES, ids=lambda p: p.name)
@pytest.mark.parametrize("mark", MARKS)
def test_seed_reports_match_openpyxl(case, mark: str) -> None:  # type: ignore[no-untyped-def]
    report = seed_report(case)
    assert render_xlsx(report, mark) == render_xlsx_openpyxl(report, mark)


def odd_report() -> Report:
    """Text with spaces around it, control characters, a formula, a decimal fee, empty cells."""
    document = clean_document()
    document["agency"] = "  临淄区\x01民政局 "
    document["sections"]["overview"] = "\r\n=SUM(A1)\t＆ <b>&amp;</b> 𠀀"
    document["sections"]["problems_section"] = "   "
    document["proactive"]["admin_fees"] = 12.25
    return from_canonical(document)


@pytest.mark.parametrize(
    "report", [hostile(), odd_report(), Report(format=None)], ids=["hostile", "odd", "bare"]
)
@pytest.mark.parametrize("mark", MARKS)
def test_odd_reports_match_openpyxl(report: Report, mark: str) -> None:
    assert render_xlsx(report, mark) == render_xlsx_openpyxl(report, mark)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(full_reports(), st.sampled_from(MARKS))
def test_random_reports_match_openpyxl(report: Report, mark: str) -> None:
    assert render_xlsx(report, mark) == render_xlsx_openpyxl(report, mark)


def test_a_decimal_is_a_number_with_its_places() -> None:
    """A decimal (the fee, 12.25) is a numeric cell shown with its two places."""
    report = odd_report()
    data = render_xlsx(report)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    fees = [c for row in sheet.iter_rows() for c in row if c.value == 12.25]
    assert len(fees) == 1 and fees[0].data_type == "n" and fees[0].number_format == "0.00"
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "临淄区民政局" in "".join(texts)  # the control character dropped, the text kept
