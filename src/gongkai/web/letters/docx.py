"""A letter as a DOCX document (python-docx): title, addressee, paragraphs, signature, date,
in the usual layout of an official letter (仿宋 body, centred bold title)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from gongkai.web.textcheck import strip_control

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"


def _font(run, name: str, size: float, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def build_docx(
    *,
    title: str,
    number: str,
    body: str,
    signature: str,
    dated: str,
    attachments: tuple[str, ...] = (),
) -> bytes:
    """``attachments``: the names of the documents provided with the letter, listed under the
    body as 附件：1. … 2. … (the usual place in an official letter). Control characters XML
    cannot hold (an applicant name stored with one before intake refused them) are dropped: the
    letter is written whatever the case holds."""
    title, number, body, signature, dated = (
        strip_control(t) for t in (title, number, body, signature, dated)
    )
    attachments = tuple(strip_control(a) for a in attachments)
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(head.add_run(title), TITLE_FONT, 22, bold=True)
    ref = document.add_paragraph()
    ref.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(ref.add_run(number), BODY_FONT, 12)

    lines = [line.rstrip() for line in body.splitlines()]
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.line_spacing = Pt(28)
        if index > 0:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        _font(paragraph.add_run(line.strip()), BODY_FONT, 16)

    for index, name in enumerate(attachments, 1):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.line_spacing = Pt(28)
        # the numbers line up under the first one, after "附件：" (three characters of 16 pt)
        paragraph.paragraph_format.left_indent = Pt(32 if index == 1 else 80)
        prefix = "附件：" if index == 1 else ""
        _font(paragraph.add_run(f"{prefix}{index}. {name}"), BODY_FONT, 16)

    document.add_paragraph()
    for text in (signature, dated):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(paragraph.add_run(text), BODY_FONT, 16)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
