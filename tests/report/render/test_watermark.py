"""The draft mark: without it every format is byte for byte what it was; with it each format
carries the mark where a reader sees it, and the report's own text is unchanged."""

from __future__ import annotations

import io
import zipfile
from html import unescape

import pytest

from gongkai.report.render import FORMATS, render

from .helpers import SEED_CASES, seed_report

MARK = "草稿——未发布"


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_mark_changes_nothing(fmt: str) -> None:
    report = seed_report(SEED_CASES[0])
    assert render(report, fmt, watermark="") == render(report, fmt)


def test_each_format_carries_the_mark() -> None:
    from docx import Document

    report = seed_report(SEED_CASES[0])
    marked = {fmt: render(report, fmt, watermark=MARK) for fmt in FORMATS}
    html = marked["html"].decode()
    assert f'<p class="draft-mark" role="note">{MARK}</p>' in html
    assert html.index('draft-mark"') < html.index("<h1>")  # above the title
    assert marked["md"].decode().startswith(f"> **{MARK}**\n\n")
    assert marked["md"].decode().split("\n", 2)[2] == render(report, "md").decode()
    header = Document(io.BytesIO(marked["docx"])).sections[0].header.paragraphs
    assert [p.text for p in header] == [MARK]
    with zipfile.ZipFile(io.BytesIO(marked["xlsx"])) as archive:
        sheet = unescape(archive.read("xl/worksheets/sheet1.xml").decode())
    assert f"<t>{MARK}</t>" in sheet.split('<row r="2"')[0] and f"&C{MARK}" in sheet
    assert marked["json"] == render(report, "json")  # data: no mark
    assert marked["pdf"] != render(report, "pdf")
