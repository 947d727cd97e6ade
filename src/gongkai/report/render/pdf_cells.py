"""The PDF's paragraphs and table cells, laid out once across renders, drawn without reportlab's
text machinery, and still written byte for byte as reportlab alone writes them.

A report's tables hold some three hundred cells, most of them the same labels in every report
and small numbers; reportlab would parse, break and draw each one as a full
:class:`~reportlab.platypus.Paragraph` several times per render, and so each heading and body
paragraph. Here:

* a paragraph's lines are broken once per (text, style, width) for the process
  (:func:`laid_out`, :func:`parsed`: bounded caches shared by threads, whose entries are never
  changed once made; reportlab only reads the lines of a plain paragraph, ``blPara.kind`` 0);
* a paragraph of plain lines (no line stretched by its spaces) writes the very operators
  ``Flowable.drawOn`` and ``Paragraph.drawPara`` would write (:func:`draw_lines`); its text still
  goes through the document's font subsets in drawing order. Any other paragraph, and the pieces
  of one split at a page break, are laid out and drawn by reportlab;
* a table (:class:`~.pdf_table.CellTable`) is sized once for a width and sizes and draws its
  cells with reportlab's arithmetic, without its generic handling.

tests/report/render/test_pdf_caches.py renders with reportlab's own Paragraph and Table and
compares the bytes.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color  # type: ignore[import-untyped]
from reportlab.lib.enums import (  # type: ignore[import-untyped]
    TA_CENTER,
    TA_JUSTIFY,
    TA_LEFT,
    TA_RIGHT,
)
from reportlab.lib.rl_accel import fp_str  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.platypus import Paragraph  # type: ignore[import-untyped]
from reportlab.rl_config import paraFontSizeHeightOffset  # type: ignore[import-untyped]

from .pdf_runs import text_object

CELLS_KEPT = 4096  # (text, style, width) layouts remembered; the template's labels recur


@dataclass(frozen=True, eq=False)  # known by identity: a key of the documents' memos
class PlainLines:
    """What ``drawPara`` writes for a paragraph of plain lines, but for the text's font subsets:
    the text object's operators, with the index of a line where that line's text goes."""

    texts: tuple[str, ...]
    font: Any  # the reportlab TrueType font
    color: Any
    size: str  # the font size and leading after each subset's name
    code: tuple[str | int, ...]
    fill: str | None  # the operator of ``color`` when it is a plain RGB colour
    alpha: float | None  # ``color``'s


@dataclass(frozen=True)
class Layout:
    """A cell's text broken at one width: its height, a reportlab paragraph already wrapped (never
    drawn itself: each drawing takes a shallow copy) and, for plain lines, :class:`PlainLines`."""

    height: float
    paragraph: Paragraph
    lines: PlainLines | None
    wrapped: dict[str, Any]  # the attributes ``Paragraph.wrap`` set, blPara (the lines) among them


_layouts: dict[tuple[str, str, float], Layout] = {}
_pieces: dict[tuple[Any, ...], Layout] = {}
_places: dict[
    tuple[float, float], str
] = {}  # the operators of the places drawn at  # pieces of paragraphs split at a page break
_parsed: dict[tuple[str, str], Paragraph] = {}
_lock = threading.Lock()


def laid_out(text: str, style: ParagraphStyle, width: float) -> Layout:
    """The layout of ``Paragraph(text, style)`` at ``width``; ``style`` is known by its name, so
    it must be one of the renderer's fixed styles."""
    key = (text, style.name, width)
    found = _layouts.get(key)
    if found is not None:
        return found
    paragraph = Paragraph(text, style)
    before = set(vars(paragraph))
    _, height = paragraph.wrap(width, 0x7FFFFFFF)
    wrapped = {name: value for name, value in vars(paragraph).items() if name not in before}
    made = Layout(height, paragraph, _plain_lines(paragraph), wrapped)
    _keep(_layouts, key, made)
    return made


def parsed(text: str, style: ParagraphStyle) -> Paragraph:
    """``Paragraph(text, style)``, parsed once: not to be wrapped nor drawn, only copied."""
    key = (text, style.name)
    found = _parsed.get(key)
    if found is None:
        found = Paragraph(text, style)
        _keep(_parsed, key, found)
    return found


def _keep(kept: dict[Any, Any], key: Any, value: Any) -> None:
    with _lock:
        if len(kept) >= CELLS_KEPT:
            kept.clear()
        kept[key] = value


def kept() -> int:
    """How many layouts and parsed paragraphs the caches hold (each at most :data:`CELLS_KEPT`)."""
    return len(_layouts) + len(_parsed) + len(_pieces)


def forget() -> None:
    """Empty the caches shared by renders: the next renders lay every paragraph out afresh."""
    with _lock:
        _layouts.clear()
        _parsed.clear()
        _pieces.clear()
        _places.clear()


def _plain_lines(paragraph: Paragraph) -> PlainLines | None:
    """The text object of a paragraph of plain lines as ``drawPara`` and its ``_left``,
    ``_center``, ``_right`` and ``_justifyDrawParaLine`` write it, when no line is stretched
    (a CJK line has no spaces to stretch); None for any other paragraph."""
    style, para = paragraph.style, paragraph.blPara
    if (
        para.kind != 0
        or not para.lines
        or paragraph.bulletText
        or style.alignment not in (TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY)
        or style.wordWrap == "RTL"
        or style.backColor
        or (getattr(style, "borderWidth", None) and getattr(style, "borderColor", None))
        or getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) in ("max", "min")
        or getattr(paragraph, "_offsets", None) is not None
        or para.us_lines
        or para.link
    ):
        return None
    font = pdfmetrics.getFont(para.fontName)
    if not font._dynamicFont or font.shapable:
        return None
    if paraFontSizeHeightOffset:
        y = paragraph.height - para.fontSize
    else:
        y = paragraph.height - getattr(para, "ascent", para.fontSize)
    code: list[str | int] = ["BT", f"1 0 0 1 {fp_str(style.leftIndent, y)} Tm"]

    def move(dx: float) -> None:  # PDFTextObject.moveCursor(dx, 0), which merges two moves
        last = code[-1]
        if isinstance(last, str) and last.endswith(" Td"):
            words = last.split()
            assert len(words) == 3
            del code[-1]
            code.append(f"{fp_str(dx + float(words[-3]), -(0 - float(words[-2])))} Td")
        else:
            code.append(f"{fp_str(dx, 0)} Td")

    texts: list[str] = []
    alignment, last_index = style.alignment, len(para.lines) - 1
    justify_last = getattr(paragraph, "_JustifyLast", False)  # the first piece of a split
    for index, (extra, words) in enumerate(para.lines):
        text = " ".join(words)
        if not text or "\xa0" in text:
            return None
        offset = style.firstLineIndent if index == 0 else 0
        if alignment == TA_JUSTIFY:
            last = (
                not justify_last
                and index == last_index
                and not (style.justifyLastLine and len(words) > style.justifyLastLine)
            )
            if not ((last and extra > -1e-8) or -1e-8 < extra <= 1e-8 or len(words) <= 1):
                return None  # a line stretched by its spaces (Tw)
            shift = offset
        elif alignment == TA_LEFT:
            shift = offset
        elif extra <= -1e-8:
            return None  # an overfull line, stretched by its spaces
        else:
            shift = offset + (0.5 * extra if alignment == TA_CENTER else extra)
        moves = shift > 1e-6 or shift < -1e-6
        if moves:
            move(shift)
        texts.append(text)
        code.append(index)
        if moves:
            move(-shift)
    code.append("ET")
    color = para.textColor
    return PlainLines(
        texts=tuple(texts),
        font=font,
        color=color,
        fill=f"{fp_str((color.red, color.green, color.blue))} rg" if type(color) is Color else None,
        alpha=getattr(color, "alpha", None),
        size=f"{fp_str(para.fontSize)} Tf {fp_str(style.leading)} TL",
        code=tuple(code),
    )


class Cell(Paragraph):  # type: ignore[misc]
    """A table cell's paragraph, laid out by :func:`laid_out`; made by :func:`cell`."""

    _layout: Layout
    width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self.width != availWidth:  # a table sizes a cell, then draws it, at one width
            layout = laid_out(self.text, self.style, availWidth)
            self._layout, self.width, self.height = layout, availWidth, layout.height
        return availWidth, self.height

    def getSpaceBefore(self) -> float:  # Flowable's, for a cell's paragraph
        return self.__dict__.get("spaceBefore", self.style.spaceBefore)  # type: ignore[no-any-return]

    def getSpaceAfter(self) -> float:
        return self.__dict__.get("spaceAfter", self.style.spaceAfter)  # type: ignore[no-any-return]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        if not draw_lines(self, self._layout.lines, canvas, x, y, _sW):
            copy.copy(self._layout.paragraph).drawOn(canvas, x, y, _sW)


def moved(x: float, y: float) -> str:
    """``canvas.translate(x, y)``'s operator, ``fp_str(1, 0, 0, 1, x, y) cm``, made once per
    place: the cells of a table are drawn at the same places in every report."""
    found = _places.get((x, y))
    if found is None:
        found = f"{fp_str(1, 0, 0, 1, x, y)} cm"
        with _lock:
            if len(_places) >= CELLS_KEPT:
                _places.clear()
            _places[x, y] = found
    return found


def draw_lines(
    flowable: Any, lines: PlainLines | None, canvas: Any, x: float, y: float, _sW: float
) -> bool:
    """``flowable.drawOn(canvas, x, y, _sW)`` for a paragraph of :class:`PlainLines`: what
    ``Flowable.drawOn`` and ``drawPara`` write; False (nothing drawn) for other paragraphs."""
    if lines is None or getattr(flowable, "_showBoundary", None):
        return False
    x = flowable._hAlignAdjust(x, _sW)
    text = text_object(canvas._doc, canvas._escape, lines)
    if (
        lines.fill is not None
        and canvas._enforceColorSpace is None
        and (lines.alpha is None or canvas._extgstate.getValue("ca") == lines.alpha)
    ):  # what the calls below write, without changing the canvas's state and back
        canvas._code.extend(("q", moved(x, y), "q", lines.fill, text))
        canvas._code.extend(("Q", "Q"))
        return True
    canvas.saveState()
    canvas.translate(x, y)
    canvas.saveState()
    canvas.setFillColor(lines.color)
    canvas._code.append(text)
    canvas.restoreState()
    canvas.restoreState()
    return True


class Text(Paragraph):  # type: ignore[misc]
    """A paragraph of the report (title, heading, body, signature), made by :func:`text`: laid
    out by :func:`laid_out` when its lines are plain (``blPara.kind`` 0, which reportlab only
    reads), else by itself. The pieces reportlab splits it into at a page break are made by
    reportlab, of this class but without a key: a piece of a paragraph laid out once is itself
    laid out once (:func:`_piece`), as it is a pure function of the paragraph, the width and the
    line it was split at; any of plain lines is drawn by :func:`draw_lines`."""

    _key: tuple[str, ParagraphStyle] | None = None
    _origin: tuple[Any, ...] | None = None  # what this text is, for a piece
    _layout: Layout | None = None
    _wrapped_at: float | None = None  # the width a paragraph laid out by itself was wrapped at
    frags: list[Any]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._key is not None:
            layout = laid_out(*self._key, availWidth)
            if layout.paragraph.blPara.kind == 0:
                self.__dict__.update(layout.wrapped)
                self._layout = layout
                return availWidth, layout.height
            self.frags = [frag.clone() for frag in self.frags]  # its own, to be broken
            self._key = None
        if self._origin is not None:
            return _piece(self, availWidth, availHeight)
        self._layout = None
        if self._wrapped_at == availWidth and "blPara" in vars(self):
            return availWidth, self.height  # wrapped again at the same width: the same lines
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth if size[0] == availWidth else None
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        pieces: list[Any] = super().split(availWidth, availHeight)
        layout = self._layout
        if layout is not None and len(pieces) == 2 and "blPara" in vars(self):
            origin = self._origin or (self._key[0], self._key[1].name)  # type: ignore[index]
            at = (origin, self.width, len(pieces[0].blPara.lines))
            for index, piece in enumerate(pieces):
                piece._origin = (*at, index)
        return pieces

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        layout = self._layout
        if "blPara" not in vars(self):
            lines = None
        elif layout is not None:
            lines = layout.lines
        else:  # laid out by itself: the title, or a piece of a paragraph laid out by itself
            lines = _plain_lines(self)
        if not draw_lines(self, lines, canvas, x, y, _sW):
            super().drawOn(canvas, x, y, _sW)


_WRAPPED = frozenset({"width", "height", "blPara", "_wrapWidths"})  # what Paragraph.wrap sets


def _piece(piece: Text, width: float, height: float) -> tuple[float, float]:
    """``piece.wrap(width, height)`` for a piece of a paragraph split at a page break, laid out
    once per (paragraph, width, line of the split, piece, width): the attributes its wrap sets
    are remembered when its lines are plain."""
    key = (piece._origin, width, piece.__dict__.get("_JustifyLast"))
    found = _pieces.get(key)
    if found is not None:
        piece.__dict__.update(found.wrapped)
        piece._layout = found
        return width, found.height
    before = dict(vars(piece))
    piece.frags = [frag.clone() for frag in piece.frags]  # its own, to be broken
    piece._layout = None
    size: tuple[float, float] = Paragraph.wrap(piece, width, height)
    if size[0] == width and piece.blPara.kind == 0:
        wrapped = {
            name: value
            for name, value in vars(piece).items()
            if name in _WRAPPED
            or (name not in ("frags", "_layout") and before.get(name, before) is not value)
        }
        made = Layout(size[1], piece, _plain_lines(piece), wrapped)
        _keep(_pieces, key, made)
        piece._layout = made  # as a piece found laid out: its own pieces are remembered too
    return size


def text(markup: str, style: ParagraphStyle) -> Text:
    """``Paragraph(markup, style)``, parsed once; ``style`` one of the renderer's fixed styles."""
    made = Text.__new__(Text)
    made.__dict__.update(vars(parsed(markup, style)))
    made._key = (markup, style)
    return made


def cell(text: str, style: ParagraphStyle) -> Cell:
    """``Paragraph(text, style)`` for a table cell, made without parsing ``text``: ``text`` is
    escaped plain text (no markup) and ``style`` one of the renderer's fixed styles."""
    made = Cell.__new__(Cell)
    made.text, made.style, made.bulletText = text, style, None
    made.caseSensitive, made.encoding, made.debug = 1, "utf8", 0
    return made
