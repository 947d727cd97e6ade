"""PDF: A4, offline, with embedded CJK fonts and a selectable text layer (reportlab).

The fonts come from Debian packages and are found at run time (:data:`FONT_CANDIDATES`):

* body and title: AR PL UMing CN (``fonts-arphic-uming``, TrueType), a Song/Ming face;
* headings: WenQuanYi Micro Hei (``fonts-wqy-microhei``) or Zen Hei (``fonts-wqy-zenhei``).

Only TrueType outlines can be embedded by reportlab, so the OpenType/CFF Noto CJK fonts do not
serve. Fonts are embedded as subsets with a ToUnicode map: every cell's text can be selected and
read back; every cell is drawn inside its own ruled box, one paragraph per cell, so a text-layer
reader sees clearly separated columns. Deterministic: reportlab's invariant mode fixes the
document ID and leaves out the creation date.
"""

from __future__ import annotations

import functools
import io
import zlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
)

from ..model import Report
from . import RenderError, pdf_cells
from .layout import Block, Grid, Heading, Paragraph, Signature, TableBlock, Title, document

# (path, index in a font collection, Debian package) in order of preference
FONT_CANDIDATES: dict[str, tuple[tuple[str, int, str], ...]] = {
    "song": (
        ("/usr/share/fonts/truetype/arphic/uming.ttc", 0, "fonts-arphic-uming"),
        ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0, "fonts-arphic-ukai"),
    ),
    "hei": (
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, "fonts-wqy-microhei"),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "fonts-wqy-zenhei"),
    ),
}
FONT_PACKAGES = "fonts-arphic-uming fonts-wqy-microhei"

MARGINS = {"top": 37 * mm, "bottom": 35 * mm, "left": 28 * mm, "right": 26 * mm}
TEXT_WIDTH = A4[0] - MARGINS["left"] - MARGINS["right"]


@dataclass(frozen=True)
class Fonts:
    song: str
    hei: str


_registered: Fonts | None = None


def fonts() -> Fonts:
    """Register the CJK fonts once per process; a clear error when none is installed."""
    global _registered
    if _registered is None:
        found = {role: _register(role) for role in FONT_CANDIDATES}
        song = found["song"] or found["hei"]
        hei = found["hei"] or found["song"]
        if song is None or hei is None:
            paths = "、".join(p for c in FONT_CANDIDATES.values() for p, _, _ in c)
            raise RenderError(
                f"生成 PDF 需要中文 TrueType 字体，未找到（查找了：{paths}）。"
                f"请安装 Debian 软件包 {FONT_PACKAGES}（见 scripts/install-system-deps）。"
            )
        _registered = Fonts(song, hei)
    return _registered


def _register(role: str) -> str | None:
    for path, index, _package in FONT_CANDIDATES[role]:
        if Path(path).is_file():
            name = f"gongkai-{role}"
            font = TTFont(name, path, subfontIndex=index)
            _remember_subsets(font.face)
            pdfmetrics.registerFont(font)
            return name
    return None


SUBSETS_KEPT = 64  # embedded font subsets remembered per font (tens of KB each)


def _remember_subsets(face: Any) -> None:
    """Make each distinct font subset once: a subset (up to 256 characters, numbered in the
    order a document first uses them) is a pure function of the font and the characters; the
    headings' characters, in the heading font, are the same in every report."""
    make = face.makeSubset

    @functools.lru_cache(maxsize=SUBSETS_KEPT)
    def cached(characters: tuple[int, ...]) -> bytes:
        return make(list(characters))  # type: ignore[no-any-return]

    face.makeSubset = lambda subset: cached(tuple(subset))
    add_objects = face.addSubsetObjects

    def add_subset_objects(doc: Any, fontname: str, subset: Any) -> Any:
        reference = add_objects(doc, fontname, subset)
        stream = doc.idToObject[f"fontFile:{face.filename}({fontname})"]
        if stream.filters:  # the remembered subset, compressed once
            stream.filters = [_REMEMBERED_FLATE]
        return reference

    face.addSubsetObjects = add_subset_objects


class _RememberedFlate:
    """reportlab's FlateDecode filter for the font subsets: the same subset (the same bytes
    object, from :func:`_remember_subsets`) is compressed once, not in every render."""

    pdfname = "FlateDecode"
    encode = staticmethod(functools.lru_cache(maxsize=2 * SUBSETS_KEPT)(zlib.compress))
    decode = staticmethod(zlib.decompress)


_REMEMBERED_FLATE = _RememberedFlate()


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

    frame = Frame(
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
    doc.build(story, canvasmaker=partial(Canvas, initialFontName=face.song))
    return out.getvalue()


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


def _table(grid: Grid, styles: dict[str, ParagraphStyle]) -> pdf_cells.CellTable:
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
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
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
    table = pdf_cells.CellTable(
        data, colWidths=widths, repeatRows=grid.header_rows, style=commands, hAlign="CENTER"
    )
    # space as part of the table, so that a heading kept with its next flowable keeps the table
    table.spaceBefore, table.spaceAfter = 4, 10
    return table
