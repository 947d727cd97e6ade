"""Round trips: a generated consistent report, written as agencies publish it, reads back
exactly (format, agency, year, contact and every cell, blanks as null).

Two writers: the project's renderers (gongkai.report.render: HTML, DOCX, XLSX, PDF), and the
test writers (writers.py) that write what content-management systems, Word and LibreOffice
make of a report: GBK pages with entities, Word-pasted spans and nested layout tables, python-docx
merged cells, openpyxl merged ranges, and PDF and XLS converted by LibreOffice.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.canonical import from_canonical, to_canonical
from gongkai.report.parse import parse_bytes
from gongkai.report.render import render

from ..strategies import COMPARED_KEYS, reports
from .writers import HtmlStyle, convert_bytes, report_blocks, soffice, to_docx, to_html, to_xlsx

FAST = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
FEW = settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
needs_libreoffice = pytest.mark.skipif(
    soffice() is None, reason="LibreOffice is not installed (scripts/install-system-deps)"
)

HTML_STYLES = st.sampled_from(
    [
        HtmlStyle(),
        HtmlStyle(encoding="gbk", declare="http-equiv", word=True, entities=True, layout=True),
        HtmlStyle(encoding="gb2312", declare="none", fragment=True),
        HtmlStyle(encoding="gb18030", declare="meta", entities=True),
        HtmlStyle(encoding="utf-8", declare="none", word=True, layout=True),
    ]
)


def assert_reads_back(data: bytes, doc: dict[str, Any], reader: str) -> None:
    report = parse_bytes(data, f"generated.{reader}")
    assert report.reader == reader
    got = to_canonical(report)
    for key in COMPARED_KEYS:
        assert got[key] == doc[key], (key, got.get("parse_notes"))
    assert "parse_notes" not in got


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "pdf"])
def test_rendered_report_reads_back(fmt: str) -> None:
    @FAST
    @given(reports(blanks=True))
    def check(doc: dict[str, Any]) -> None:
        assert_reads_back(render(from_canonical(doc), fmt), doc, fmt)

    check()


@FAST
@given(reports(blanks=True), HTML_STYLES)
def test_cms_html_reads_back(doc: dict[str, Any], style: HtmlStyle) -> None:
    assert_reads_back(to_html(report_blocks(doc), style), doc, "html")


@FEW  # python-docx writes merged cells slowly
@given(reports(blanks=True))
def test_python_docx_reads_back(doc: dict[str, Any]) -> None:
    assert_reads_back(to_docx(report_blocks(doc)), doc, "docx")


@FAST
@given(reports(blanks=True))
def test_openpyxl_xlsx_reads_back(doc: dict[str, Any]) -> None:
    assert_reads_back(to_xlsx(report_blocks(doc)), doc, "xlsx")


@pytest.mark.slow
@needs_libreoffice
@SLOW
@given(reports(blanks=True))
def test_libreoffice_pdf_reads_back(doc: dict[str, Any]) -> None:
    pdf = convert_bytes(to_docx(report_blocks(doc)), ".docx", "pdf")
    assert_reads_back(pdf, doc, "pdf")


@pytest.mark.slow
@needs_libreoffice
@SLOW
@given(reports(blanks=True))
def test_libreoffice_xls_reads_back(doc: dict[str, Any]) -> None:
    xls = convert_bytes(to_xlsx(report_blocks(doc)), ".xlsx", "xls")
    assert_reads_back(xls, doc, "xls")
