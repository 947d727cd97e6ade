"""PDF: A4, offline, with embedded CJK fonts and a selectable text layer (reportlab).

The fonts (:mod:`.pdf_fonts`) are embedded as subsets with a ToUnicode map: every cell's text
can be selected and read back; every cell is drawn inside its own ruled box, one paragraph per
cell, so a text-layer reader sees clearly separated columns. Deterministic: reportlab's invariant
mode fixes the document ID and leaves out the creation date. Paragraphs and cells are laid out
once per text, style and width for the process (:mod:`.pdf_cells`); the bytes are those reportlab
alone writes.
"""

from __future__ import annotations

import copy
import functools
import io
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfdoc  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.tables import CellStyle  # type: ignore[import-untyped]

from ..model import Report
from . import pdf_cells, pdf_fonts, pdf_table
from .layout import Block, Grid, Heading, Paragraph, Signature, TableBlock, Title, document
from .pdf_fonts import FONT_CANDIDATES, FONT_PACKAGES, Fonts, fonts

__all__ = [
    "FONT_CANDIDATES",
    "FONT_PACKAGES",
    "MARGINS",
    "TEXT_WIDTH",
    "fonts",
    "forget",
    "render_pdf",
]

MARGINS = {"top": 37 * mm, "bottom": 35 * mm, "left": 28 * mm, "right": 26 * mm}
TEXT_WIDTH = A4[0] - MARGINS["left"] - MARGINS["right"]


def render_pdf(report: Report, watermark: str = "") -> bytes:
    blocks = document(report)
    face = fonts()
    styles = _styles(face)  # the same objects every render: table cells are laid out once
    story: list[Flowable] = []
    for block in blocks:
        story.extend(_flowables(block, styles))
    title = next((b.text for b in blocks if isinstance(b, Title)), "")
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGINS["left"],
        rightMargin=MARGINS["right"],
        topMargin=MARGINS["top"],
        bottomMargin=MARGINS["bottom"],
        title=title,
        author=report.agency or "",
        subject="政府信息公开工作年度报告",
        creator="gongkai",
        lang="zh-CN",
        invariant=1,
    )

    def page_number(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(face.song, 14)
        canvas.drawCentredString(
            MARGINS["left"] + TEXT_WIDTH / 2, MARGINS["bottom"] - 14 * mm, f"— {doc.page} —"
        )
        canvas.restoreState()
        if watermark:
            _page_mark(canvas, face, watermark)

    frame = _Frame(
        MARGINS["left"],
        MARGINS["bottom"],
        TEXT_WIDTH,
        A4[1] - MARGINS["top"] - MARGINS["bottom"],
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=page_number)])
    doc.build(story, canvasmaker=partial(_Canvas, initialFontName=face.song))
    return out.getvalue()


def forget() -> None:
    """Empty every cache the renders share (paragraphs and cells laid out, tables' ranges and
    boxes, subsets' descriptions): the next render makes everything afresh, but the fonts'
    subsets themselves (a pure function of the font and the characters)."""
    pdf_cells.forget()
    pdf_table.forget()
    _boxes.cache_clear()
    pdf_fonts.forget()


_ATOMIC = frozenset({int, float, str, bool, type(None)})


class _Frame(Frame):  # type: ignore[misc]
    """reportlab's frame, copied as ``copy.deepcopy`` copies it (reportlab copies the frame to
    size a KeepTogether), without the generic walk through its numbers and names."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _Frame:
        made = self.__class__.__new__(self.__class__)
        memo[id(self)] = made
        made.__dict__.update(
            (name, value if type(value) in _ATOMIC else copy.deepcopy(value, memo))
            for name, value in vars(self).items()
        )
        return made


class _Ascii85:
    """reportlab's ASCII85Decode filter, its text given as the bytes reportlab would write for it
    (ASCII, written as it is in reportlab's PDFDocEncoding) rather than as text each page would
    have encoded by reportlab's own codec."""

    pdfname = pdfdoc.PDFBase85Encode.pdfname

    def encode(self, content: str | bytes) -> bytes:
        return pdfdoc.PDFBase85Encode.encode(content).encode("ascii")  # type: ignore[no-any-return]

    def decode(self, text: str | bytes) -> bytes:
        return pdfdoc.PDFBase85Encode.decode(text)  # type: ignore[no-any-return]


# the characters of ASCII85 text and of its line breaks, written as they are
_ALPHABET = "".join(map(chr, range(0x21, 0x76))) + "z~>\r\n"
_ASCII85 = _Ascii85() if _ALPHABET.encode("extpdfdoc") == _ALPHABET.encode("ascii") else None


class _Canvas(Canvas):  # type: ignore[misc]
    """reportlab's canvas, whose pages' contents are compressed and ASCII85-encoded as
    ``PDFPage.check_format`` would make them, with the filter above."""

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if (
            _ASCII85 is not None
            and rl_config.useA85
            and page.compression
            and page.stream
            and not page.Contents
            and not page.Override_default_compilation
        ):
            contents = pdfdoc.PDFStream()
            contents.filters = [_ASCII85, pdfdoc.PDFZCompress]
            contents.content = page.stream
            contents.__Comment__ = "page stream"
            page.Contents = contents


def _page_mark(canvas: Any, face: Fonts, text: str) -> None:
    """``text`` in red at the head of the page, and its first two characters (草稿) large and
    light across the middle, under nothing that would hide it."""
    canvas.saveState()
    canvas.setFillColorRGB(0.75, 0, 0)
    canvas.setFont(face.hei, 14)
    canvas.drawCentredString(
        MARGINS["left"] + TEXT_WIDTH / 2, A4[1] - MARGINS["top"] + 12 * mm, text
    )
    canvas.setFillColorRGB(0.75, 0, 0, alpha=0.12)
    canvas.setFont(face.hei, 120)
    canvas.translate(A4[0] / 2, A4[1] / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -40, text[:2])
    canvas.restoreState()


@functools.cache
def _styles(face: Fonts) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName=face.song,
        fontSize=16,
        leading=28,
        firstLineIndent=32,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
    )
    cell = ParagraphStyle(
        "cell", fontName=face.song, fontSize=10.5, leading=13, alignment=TA_CENTER, wordWrap="CJK"
    )
    dense = ParagraphStyle("dense", parent=cell, fontSize=9, leading=11)
    return {
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontSize=22,
            leading=33,
            firstLineIndent=0,
            alignment=TA_CENTER,
            spaceAfter=28,
            keepWithNext=1,
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=face.hei, alignment=TA_LEFT, keepWithNext=1
        ),
        "body": body,
        "signature": ParagraphStyle(
            "signature", parent=body, firstLineIndent=0, alignment=TA_RIGHT, rightIndent=64
        ),
        "cell": cell,
        "label": ParagraphStyle("label", parent=cell, alignment=TA_LEFT),
        "number": ParagraphStyle("number", parent=cell, wordWrap=None),
        "dense": dense,
        "dense-label": ParagraphStyle("dense-label", parent=dense, alignment=TA_LEFT),
        "dense-number": ParagraphStyle("dense-number", parent=dense, wordWrap=None),
    }


def _flowables(block: Block, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    if isinstance(block, Title):
        style = styles["title"]
        wide = stringWidth(block.text, style.fontName, style.fontSize) > TEXT_WIDTH
        text = "<br/>".join(map(escape, block.lines)) if wide else escape(block.text)
        return [pdf_cells.text(text, style)]
    if isinstance(block, Heading):
        return [pdf_cells.text(escape(block.text), styles["heading"])]
    if isinstance(block, Paragraph):
        return [pdf_cells.text(escape(block.text), styles["body"])]
    if isinstance(block, TableBlock):
        return [_table(block.grid, styles)]
    if isinstance(block, Signature):
        lines = [pdf_cells.text(escape(line), styles["signature"]) for line in block.lines]
        return [Spacer(1, 28), KeepTogether(lines)]
    return []


class _CellBox(CellStyle):  # type: ignore[misc]
    """Every cell's box: its paddings and vertical centring (what the table style commands
    VALIGN and *PADDING over the whole table would set in each cell, without running them)."""

    valign = "MIDDLE"
    leftPadding = rightPadding = bottomPadding = 2.5
    topPadding = 1.5


@functools.lru_cache(maxsize=64)
def _boxes(n_rows: int, n_cols: int) -> tuple[tuple[_CellBox, ...], ...]:
    """The boxes of a table's cells, shared by every table of that shape: reportlab changes a
    cell's box only for the style commands that style cells, which the tables here have none of
    (GRID, SPAN, BACKGROUND and NOSPLIT only)."""
    return tuple(tuple(_CellBox(repr((i, j))) for j in range(n_cols)) for i in range(n_rows))


def _table(grid: Grid, styles: dict[str, ParagraphStyle]) -> pdf_table.CellTable:
    # rows of table 三 in 9 pt: the table then fits one page, which it must, for its 22-row
    # group cell cannot be split across pages; its column headers keep 10.5 pt
    small = grid.dense or grid.key == "applications"
    prefix = "dense" if small else ""
    style_of = {
        "label": styles[f"{prefix}-label" if prefix else "label"],
        "value": styles[f"{prefix}-number" if prefix else "number"],
        "group": styles[prefix or "cell"],
    }
    plain = styles["dense" if grid.dense else "cell"]
    data: list[list[Any]] = [[""] * grid.n_cols for _ in range(grid.n_rows)]
    commands: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.6, colors.black)]
    for cell in grid.cells:
        data[cell.row][cell.col] = pdf_cells.cell(escape(cell.text), style_of.get(cell.kind, plain))
        if cell.merged:
            commands.append(("SPAN", (cell.col, cell.row), (cell.last_col, cell.last_row)))
        if cell.kind == "caption":
            commands.append(
                ("BACKGROUND", (cell.col, cell.row), (cell.last_col, cell.row), "#f2f2f2")
            )
    # every table of the format fits one page: keep each whole rather than leave its header or a
    # lone row behind (the layout's keep ranges are the least a page break must respect)
    commands.append(("NOSPLIT", (0, 0), (-1, -1)))
    total = sum(grid.widths)
    widths = [TEXT_WIDTH * w / total for w in grid.widths]
    boxes = [list(row) for row in _boxes(grid.n_rows, grid.n_cols)]
    table = pdf_table.CellTable(
        data,
        colWidths=widths,
        repeatRows=grid.header_rows,
        style=commands,
        hAlign="CENTER",
        cellStyles=boxes,
        normalizedData=1,  # strings and cells only: what Table.normalizeData would leave
    )
    # space as part of the table, so that a heading kept with its next flowable keeps the table
    table.spaceBefore, table.spaceAfter = 4, 10
    return table
