"""The OCR reader: scanned PDFs (pages that are only images) and photos or scans as PNG/JPEG.

Each page becomes an image (PDFium renders a PDF page; a PNG/JPEG is the page), a red seal is
taken out, the page is set straight and the ruling lines are found (:mod:`.ocrimage`). The
engine (:mod:`.ocrengine`) reads the page with the rules painted out, giving words with boxes
and confidences; the words become characters in points, and from there the page is read as
the PDF reader reads a page: cells from the ruling lines, tables continued across pages, lines
of a paragraph joined. So the rest of the pipeline runs unchanged on an :class:`OcrDocument`.

What OCR reads is not yet a number the report states: :mod:`gongkai.report.ocrcheck` accepts
a table number only when the table's identities confirm it. For that, the document keeps each
table cell's confidence, by line and column.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ReadError
from ..normalize import is_page_furniture
from .base import RawDocument
from .cells import LineSink
from .limits import DEFAULT_LIMITS, ReadLimits, check_size
from .ocrcells import blank_frames, find_frames, read_cells
from .ocrengine import Word, orientation, recognize
from .ocrimage import PageImage, image_dpi, open_image, prepare
from .pdf import _CELL_GAP, _emit
from .pdfbreaks import Item, continue_table
from .pdflayout import Char, text_lines

DOUBT_CHARS = 8  # characters read, at the least, for a page's orientation to be doubted
DOUBT_BELOW = 0.5  # mean confidence below which it is
Confidences = Mapping[int, tuple[float | None, ...]]
# a cell's other readings (text, confidence), by line number and column
Readings = tuple[tuple[str, float], ...]
Alternatives = Mapping[int, tuple[Readings, ...]]


@dataclass(frozen=True)
class OcrDocument(RawDocument):
    """A raw document read by OCR: each table row's cell confidences (0–1) by line number,
    column by column (None where the cell is empty or its confidence was lost)."""

    confidence: Confidences = field(default_factory=dict)
    # lines of table rows with a cell OCR could not read (left empty): their empty cells are
    # unread, not blank
    unreadable: frozenset[int] = frozenset()
    pages: int = 0
    seconds: float = 0.0
    # numbers other passes of the engine read in a cell, for the identities to choose from
    alternatives: Alternatives = field(default_factory=dict)


class _OcrChar(Char):
    __slots__ = ("confidence",)

    def __init__(self, text: str, x0: float, y0: float, x1: float, y1: float, conf: float):
        super().__init__(text, x0, y0, x1, y1)
        self.confidence = conf


def read_scanned_pdf(
    data: bytes, source: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> OcrDocument:
    """A PDF whose pages are images, read by OCR."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    check_size(data, source, limits)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(source, "PDF 文件已损坏或不是 PDF，无法打开") from exc
    try:
        count = len(document)
        _check_pages(count, source, limits)
        images = _PdfPages(document, source, limits)
        return _read_pages(images, count, source, limits)
    except pdfium.PdfiumError as exc:
        raise ReadError(source, f"PDF 文件已损坏，无法读取（{exc}）") from exc
    finally:
        document.close()


def read_image(
    data: bytes, source: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> OcrDocument:
    """A photo or scan of one page (PNG or JPEG), read by OCR."""
    check_size(data, source, limits)
    kind = "PNG 图片" if data.startswith(b"\x89PNG") else "JPEG 图片"
    image = open_image(data, source, limits.max_ocr_pixels, kind)
    dpi = image_dpi(image)
    if dpi > limits.ocr_dpi * 1.5:
        # a 600-dpi scan: read at the working resolution, which is faster and no less sure
        factor = limits.ocr_dpi / dpi
        image = image.resize((round(image.width * factor), round(image.height * factor)))
        dpi = float(limits.ocr_dpi)
    return _read_pages([(image, dpi)], 1, source, limits)


def _check_pages(count: int, source: str | None, limits: ReadLimits) -> None:
    if count == 0:
        raise ReadError(source, "PDF 没有页面")
    if count > limits.max_ocr_pages:
        raise ReadError(
            source,
            f"扫描版 PDF 共 {count} 页，超过文字识别上限 {limits.max_ocr_pages} 页，未读取",
        )


class _PdfPages:
    """The pages of a PDF as images at the working resolution, one at a time."""

    def __init__(self, document: Any, source: str | None, limits: ReadLimits) -> None:
        self.document, self.source, self.limits = document, source, limits

    def __iter__(self) -> Any:
        for index in range(len(self.document)):
            page = self.document[index]
            try:
                width, height = page.get_size()  # points
                dpi = float(self.limits.ocr_dpi)
                pixels = (width * dpi / 72) * (height * dpi / 72)
                if pixels > self.limits.max_ocr_pixels:
                    raise ReadError(
                        self.source,
                        f"PDF 第 {index + 1} 页过大（{width / 72 * 2.54:.0f}×"
                        f"{height / 72 * 2.54:.0f} 厘米），超过文字识别上限，未读取",
                    )
                image = page.render(scale=dpi / 72).to_pil()
            finally:
                page.close()
            yield image, dpi


def _read_pages(images: Any, count: int, source: str | None, limits: ReadLimits) -> OcrDocument:
    sink = LineSink(source, limits)
    items: list[Item] = []
    confidences: dict[int, tuple[float | None, ...]] = {}  # by id() of a row's cells
    rows: list[tuple[str, ...]] = []  # keeps those cells alive while their ids are used
    unreadable: set[int] = set()  # ids of rows with a cell read as neither number nor blank
    others: dict[int, tuple[Readings, ...]] = {}  # by id() of a row's cells
    started = time.monotonic()
    for image, dpi in images:
        page, words = _upright(image, dpi, source, limits.ocr_seconds_per_page)
        page_items = _page_items(
            page, words, sink, (confidences, others), rows, limits.ocr_seconds_per_page, unreadable
        )
        continue_table(items, page_items)
        items.extend(page_items)
    seconds = time.monotonic() - started
    if not any(item.text.strip() for item in items):
        raise ReadError(source, "扫描件中没有识别出文字（图片空白或过于模糊），无法读取")
    _emit(items, sink)
    by_line = {
        line.number: confidences[id(line.cells)]
        for line in sink.lines
        if line.cells is not None and id(line.cells) in confidences
    }
    alternatives = {
        line.number: others[id(line.cells)]
        for line in sink.lines
        if line.cells is not None and id(line.cells) in others
    }
    unread = frozenset(
        line.number
        for line in sink.lines
        if line.cells is not None and id(line.cells) in unreadable
    )
    return OcrDocument(
        source,
        "ocr",
        tuple(sink.lines),
        (),
        by_line,
        unread,
        pages=count,
        seconds=seconds,
        alternatives=alternatives,
    )


def _upright(
    image: Any, dpi: float, source: str | None, seconds: float
) -> tuple[PageImage, list[Word]]:
    """The page prepared and its text (tables painted out) read, the page turned upright
    first when it was scanned on its side or upside down: when the engine doubts most of
    what it read, its orientation model is asked for the page's quarter turn, and the page
    turned by it is read again; the reading the engine is surer of is kept."""
    page = prepare(image, dpi)
    words = recognize(blank_frames(page, find_frames(page.rules)), source, seconds)
    if not _doubtful(words):
        return page, words
    grey = page.grey if page.grey is not None else page.image
    turn = orientation(grey.reduce(2) if dpi >= 250 else grey, seconds)
    if not turn:
        return page, words
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    turned = prepare(image.rotate(-turn, expand=True, fillcolor="white"), dpi)
    again = recognize(blank_frames(turned, find_frames(turned.rules)), source, seconds)
    if _sureness(again) > _sureness(words):
        return turned, again
    return page, words


def _sureness(words: list[Word]) -> float:
    """The engine's mean confidence per character read."""
    chars = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / chars if chars else 0.0


def _doubtful(words: list[Word]) -> bool:
    """A page whose text the engine mostly doubts: upright text reads at 0.8–0.95 a character,
    a page upside down or on its side at 0.1–0.3."""
    return sum(len(w.text) for w in words) >= DOUBT_CHARS and _sureness(words) < DOUBT_BELOW


def _chars(words: list[Word], dpi: float) -> list[Char]:
    """Each word split into its characters, in points, the word's width shared evenly."""
    scale = 72.0 / dpi
    chars: list[Char] = []
    for word in words:
        text = word.text
        step = (word.x1 - word.x0) / len(text)
        y0, y1 = word.y0 * scale, word.y1 * scale
        for k, ch in enumerate(text):
            x0 = (word.x0 + k * step) * scale
            chars.append(_OcrChar(ch, x0, y0, x0 + step * scale, y1, word.confidence))
    return chars


def _page_items(
    page: PageImage,
    words: list[Word],
    sink: LineSink,
    kept: tuple[dict[int, tuple[float | None, ...]], dict[int, tuple[Readings, ...]]],
    keep: list[tuple[str, ...]],
    seconds: float,
    unreadable: set[int],
) -> list[Item]:
    """As the PDF reader's page items: the page's text read with its tables painted out, and
    each table's cells read one by one (:mod:`.ocrcells`); each table row's cell
    confidences and other readings kept."""
    confidences, others = kept
    frames = find_frames(page.rules)
    placed: list[tuple[float, int, list[Item]]] = []
    for order, line in enumerate(text_lines(_chars(words, page.dpi))):
        text = line.text(_CELL_GAP)
        if text.strip() and not is_page_furniture(text):
            placed.append((line.y0, order, [Item(text, line=line)]))
    tables = read_cells(page, frames, sink.source, sink.limits, seconds)
    for table in tables:
        xs = tuple(table.frame.xs)
        out = []
        for r, row in enumerate(table.grid.rows()):
            if not any(row):
                continue
            keep.append(row)
            if r in table.unread:
                unreadable.add(id(row))
            confidences[id(row)] = tuple(
                table.sure.get((r, c)) if text else None for c, text in enumerate(row)
            )
            if any((r, c) in table.others for c in range(len(row))):
                others[id(row)] = tuple(table.others.get((r, c), ()) for c in range(len(row)))
            out.append(Item("\t".join(row), row, xs=xs))
        placed.append((table.frame.top, -1, out))
    placed.sort(key=lambda item: (item[0], item[1]))
    return [item for _, _, items in placed for item in items]
