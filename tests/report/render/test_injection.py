"""Text from a report (the office's prose, or an imported third party's) is text in every
file we write: never a live spreadsheet formula, never markup; numbers stay numbers."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from gongkai.report.canonical import from_canonical
from gongkai.report.model import Report
from gongkai.report.render import render

from ..factories import clean_document

FORMULA = '=HYPERLINK("http://x.invalid/","点此查看")'
MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def hostile() -> Report:
    document = clean_document()
    document["agency"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    document["sections"]["overview"] = FORMULA
    document["sections"]["problems_section"] = f"一是{MARKUP}；二是[点此](javascript:alert(1))。"
    document["sections"]["other_section"] = "+1+1"
    document["applications"]["received"]["natural_person"] = -18  # a wrong report, but a number
    return from_canonical(document, source="=1+1.docx")


def test_xlsx_text_is_never_a_formula() -> None:
    data = render(hostile(), "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = load_workbook(io.BytesIO(data)).active
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in texts)
    overview = next(c for c in texts if "HYPERLINK" in c.value)
    assert overview.value == FORMULA and overview.quotePrefix  # shown as typed, not run
    assert any(c.value == "+1+1" and c.quotePrefix for c in texts)
    numbers = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, int)]
    assert -18 in numbers


def test_markdown_carries_no_markup() -> None:
    text = render(hostile(), "md").decode()
    assert "<script" not in text and "<img" not in text and "](javascript:" not in text
    assert "&lt;script&gt;" in text  # still readable as what was written
    assert "| -18 |" in text


def test_html_and_docx_keep_escaping() -> None:
    html = render(hostile(), "html").decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    docx = render(hostile(), "docx")
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "<script>" not in body and "&lt;script&gt;" in body
