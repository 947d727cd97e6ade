"""DOCX built the way agencies build the report's tables in Word or WPS, for PDF fixtures that
LibreOffice converts: header rows and 第二十条 bands shaded, every cell centred vertically, the
group label 三、本年度办理结果 written vertically (``w:textDirection`` btLr, rotated, or tbRlV,
upright characters one per line), the header rows of 表三 repeated on each page (``w:tblHeader``),
and rows allowed to break across pages. ``space_before`` (twips) on the heading of section 三
moves table 三 down the page, so that a row can be made to break across a page on purpose
(see :func:`split_labels`).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence

from .writers import Block, Table, to_docx

SHADE = "BDD7EE"  # the light blue of WPS's and Word's table styles


def to_word_docx(
    blocks: Sequence[Block],
    vertical: str = "btLr",
    repeat_header: bool = True,
    space_before: int = 0,
) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(to_docx(blocks)))
    tables = [b for b in blocks if isinstance(b, Table)]

    def prop(parent: object, tag: str, **attrs: str) -> None:
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(f"w:{key}"), value)
        parent.append(element)  # type: ignore[attr-defined]

    for index, (table, block) in enumerate(zip(document.tables, tables, strict=True)):
        applications = index == 1
        for r, row in enumerate(table.rows):
            texts = [cell.text for cell in row.cells]
            header = (applications or index == 2) and r < 3
            band = index == 0 and (texts[0].startswith("第二十条") or texts[0] == "信息内容")
            if applications and r < 3 and repeat_header:
                prop(row._tr.get_or_add_trPr(), "w:tblHeader")
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                tcpr = cell._tc.get_or_add_tcPr()
                if header or band:
                    prop(tcpr, "w:shd", val="clear", color="auto", fill=SHADE)
                if cell.text == "三、本年度办理结果":
                    prop(tcpr, "w:textDirection", val=vertical)
                prop(tcpr, "w:vAlign", val="center")
        del block
    if space_before:
        for paragraph in document.paragraphs:
            if paragraph.text.startswith("三、收到和处理"):
                spacing = OxmlElement("w:spacing")
                spacing.set(qn("w:before"), str(space_before))
                paragraph._p.get_or_add_pPr().append(spacing)
                break
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def split_labels(pdf: bytes, labels: Sequence[str]) -> list[str]:
    """The row labels that break across a page of ``pdf``: their start ends one page, their
    rest starts the next."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append("".join(textpage.get_text_range().split()))
            textpage.close()
            page.close()
    finally:
        document.close()
    out = []
    for label in labels:
        key = "".join(label.split())
        if len(key) < 6 or any(key in text for text in pages):
            continue
        for this, following in itertools.pairwise(pages):
            if key[:3] in this and key[-3:] in following:
                out.append(label)
                break
    return out
