"""The PDF reader, for PDFs with a text layer, through pypdfium2 (PDFium).

Chosen on measured accuracy first and speed second (benchmarks/pdf_libraries.py,
docs/pdf-reader.md): on every PDF case (LibreOffice, Chromium, Word-like DOCX, the real WPS
report) it reads every cell with no wrong number, where pdfplumber, PyMuPDF's find_tables and
camelot give wrong numbers and lose rows, and it is the fastest of them.

* Characters come with their boxes (PDFium's loose boxes: advance width by font height); the
  reading direction is the dominant character angle, so rotated and landscape pages (by
  ``/Rotate`` or by a rotated text matrix) read like upright ones.
* The type size is the font size scaled by the text matrix (WPS sets 439 and scales by 0.05).
* Tables are rebuilt from the ruling lines (see :mod:`.pdflayout`); a table that continues on
  the next page is read on as further rows, without its repeated header, a broken row joined
  (see :mod:`.pdfbreaks`). A table drawn without rules keeps a tab between columns set far
  apart, so that its numbers stay apart. A web page's print header and footer are dropped.
* Lines of a paragraph that a page wraps are joined again; page numbers ("— 3 —") are dropped.
* A PDF without a text layer (a scan) is read by OCR (:mod:`.ocr`), never as an empty
  report. Encrypted PDFs, broken files and files beyond the page or object limits likewise.
"""

from __future__ import annotations

import ctypes
import math
import re

from ..errors import ReadError
from ..model import Finding
from ..normalize import is_page_furniture
from .base import RawDocument
from .cells import Grid, LineSink
from .limits import DEFAULT_LIMITS, ReadLimits, check_size
from .pdfbreaks import Item as _Item
from .pdfbreaks import continue_table
from .pdfguard import check_content_streams
from .pdflayout import Char, Rule, TextLine, find_tables, table_grid, text_lines
from .pdfrules import segments

_SIZE = re.compile(rb"/Size\s+(\d{1,12})")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])"
)
_BROWSER_HEADER = re.compile(
    r"\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*,?\s*(?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?"
)
_BROWSER_FOOTER = re.compile(r"\s*(?:file|https?)://\S+.*\s\d+\s*/\s*\d+\s*$")
_CELL_GAP = 1.5  # a gap wider than this many type sizes separates columns of an unruled table
_LAST_LATIN = re.compile(r"[!-~]+$")  # the printable ASCII run a line ends with
_MAX_TYPE = 72.0  # points: no report sets type larger; a larger size is scaled by its matrix


class _NoTextLayer(Exception):
    """The pages are images only (a scan)."""


def read_pdf(
    data: bytes, source: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> RawDocument:
    try:
        return _read_text_layer(data, source, limits)
    except _NoTextLayer:
        from .ocr import read_scanned_pdf  # a scan: read by OCR, the numbers checked later

        return read_scanned_pdf(data, source, limits)


def _read_text_layer(data: bytes, source: str | None, limits: ReadLimits) -> RawDocument:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    check_size(data, source, limits)
    objects = max((int(m) for m in _SIZE.findall(data)), default=0)
    if objects > limits.max_pdf_objects:
        raise ReadError(
            source,
            f"PDF 声明了 {objects} 个对象，超过上限 {limits.max_pdf_objects}，疑为恶意文件，未读取",
        )
    check_content_streams(data, source, limits)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(source, "PDF 已加密（需要密码），无法读取；请提供未加密的文件") from exc
        raise ReadError(source, "PDF 文件已损坏或不是 PDF，无法打开") from exc
    try:
        pages = len(document)
        if pages == 0:
            raise ReadError(source, "PDF 没有页面")
        if pages > limits.max_pdf_pages:
            raise ReadError(
                source, f"PDF 共 {pages} 页，超过上限 {limits.max_pdf_pages} 页，未读取"
            )
        sink = LineSink(source, limits)
        total, unmapped = 0, 0
        lines: list[_Item] = []
        notes: list[Finding] = []
        for index in range(pages):
            page = document[index]
            try:
                chars, rules, bad = _page_content(page, source, limits)
            finally:
                page.close()
            total += len(chars)
            unmapped += bad
            uncertain: list[str] = []
            items = _page_items(chars, rules, sink, uncertain)
            notes.extend(_uncertain_cell(text, index + 1) for text in uncertain)
            continue_table(lines, items)
            lines.extend(items)
        if total < 10:
            raise _NoTextLayer
        if unmapped > total:
            raise ReadError(
                source, "PDF 的文字层无法转换为文字（字体缺少 Unicode 映射），请使用原始文档"
            )
        _emit(lines, sink)
    except pdfium.PdfiumError as exc:
        raise ReadError(source, f"PDF 文件已损坏，无法读取（{exc}）") from exc
    finally:
        document.close()
    return RawDocument(source, "pdf", tuple(sink.lines), tuple(notes))


def _uncertain_cell(text: str, page: int) -> Finding:
    return Finding(
        "CELL-AMBIGUOUS",
        "error",
        f"PDF 第 {page} 页表格的一个单元格里有几个数（{text}），没有表格线分开它们，"
        "无法确定各属哪一栏，已留空",
        detail={"page": page, "raw": text.split()},
    )


# ------------------------------------------------------------------------------ PDFium


def _transform(angle: int) -> tuple[float, float, float, float]:
    """(a, b, c, d): reading-space X = a·x + b·y, Y = c·x + d·y for text at ``angle`` degrees."""
    return {0: (1, 0, 0, -1), 90: (0, -1, -1, 0), 180: (-1, 0, 0, 1), 270: (0, 1, 1, 0)}[angle]


def _page_content(
    page: object, source: str | None, limits: ReadLimits
) -> tuple[list[Char], list[Rule], int]:
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    count = raw.FPDFPage_CountObjects(page)
    if count > limits.max_pdf_objects:
        raise ReadError(
            source, f"PDF 页面含 {count} 个对象，超过上限 {limits.max_pdf_objects}，未读取"
        )
    textpage = raw.FPDFText_LoadPage(page)
    if not textpage:
        return [], [], 0
    try:
        boxes, angles, bad = _chars(textpage)
    finally:
        raw.FPDFText_ClosePage(textpage)
    angle = max(angles, key=angles.__getitem__) if angles else 0
    a, b, c, d = _transform(angle)
    chars = []
    for text, left, top, right, bottom, ox, oy, size, step in boxes:
        turn = (step - angle) % 360
        if turn:
            # turned against the page (a label written up the cell): its box on both axes
            xs = (a * left + b * top, a * right + b * bottom)
            ys = (c * left + d * top, c * right + d * bottom)
            chars.append(Char(text, min(xs), min(ys), max(xs), max(ys), turn))
            continue
        # along the line: the character's box; across it: the baseline and the type size, the
        # same for every glyph of a line whatever its shape ("，" sits low, "一" is thin)
        xs = (a * left + b * top, a * right + b * bottom)
        base = c * ox + d * oy
        if size <= 0:
            size = abs((c * left + d * top) - (c * right + d * bottom)) or 10.0
        chars.append(Char(text, min(xs), base - 0.8 * size, max(xs), base + 0.2 * size))
    rules = []
    for horizontal, at, start, end in segments(page, raw, limits):
        # a horizontal segment in page space (y = at)
        if horizontal:
            p, q = (start, at), (end, at)
        else:
            p, q = (at, start), (at, end)
        (x1, y1), (x2, y2) = ((a * x + b * y, c * x + d * y) for x, y in (p, q))
        if abs(y1 - y2) < 0.5:
            rules.append(Rule(True, y1, min(x1, x2), max(x1, x2)))
        elif abs(x1 - x2) < 0.5:
            rules.append(Rule(False, x1, min(y1, y2), max(y1, y2)))
    return chars, rules, bad


_Box = tuple[str, float, float, float, float, float, float, float, int]


def _chars(textpage: object) -> tuple[list[_Box], dict[int, int], int]:
    import pypdfium2.raw as raw

    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    matrix = raw.FS_MATRIX()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    out: list[_Box] = []
    angles: dict[int, int] = {}
    bad = 0
    high = 0
    # bound once: a page has thousands of characters, each asked eight questions
    generated, unicode, map_error = (
        raw.FPDFText_IsGenerated,
        raw.FPDFText_GetUnicode,
        raw.FPDFText_HasUnicodeMapError,
    )
    loose_box, char_angle, origin = (
        raw.FPDFText_GetLooseCharBox,
        raw.FPDFText_GetCharAngle,
        raw.FPDFText_GetCharOrigin,
    )
    font_size, text_matrix, sqrt, degrees = (
        raw.FPDFText_GetFontSize,
        raw.FPDFText_GetMatrix,
        math.sqrt,
        math.degrees,
    )
    for i in range(raw.FPDFText_CountChars(textpage)):
        code = unicode(textpage, i)
        if code < 33 or code == 0xA0 or code == 0x3000:
            continue  # spaces and line breaks, PDFium's own among them: gaps are measured
        if generated(textpage, i) == 1:
            continue
        if 0xD800 <= code < 0xDC00:
            high = code
            continue
        if 0xDC00 <= code < 0xE000 and high:
            code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
        high = 0
        if code in (0, 0xFFFE, 0xFFFF, 0xFFFD) or map_error(textpage, i) == 1:
            bad += 1
            continue
        text = chr(code)
        if code < 33 or text.isspace() or not loose_box(textpage, i, rect):
            continue
        radians = char_angle(textpage, i)
        step = 0
        if radians >= 0:
            step = round(degrees(radians) / 90) % 4 * 90
            angles[step] = angles.get(step, 0) + 1
        if not origin(textpage, i, ox, oy):
            ox.value, oy.value = rect.left, rect.bottom
        # the font size as set (Tf) is scaled by the text matrix: WPS sets 439 and scales by
        # 0.05 (asked only when the box says so: the box has the scaled size, or the size is
        # beyond any report's type, as for WPS's vertical labels, whose loose box is as
        # unscaled as the size)
        size = font_size(textpage, i)
        if (
            size > _MAX_TYPE or not 0.5 * size <= rect.top - rect.bottom <= 2 * size
        ) and text_matrix(textpage, i, matrix):
            size *= sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        box = (rect.left, rect.top, rect.right, rect.bottom)
        # a loose box many ems wide (WPS's one-character-per-line vertical labels give 20
        # ems): the glyph's own box says where it is
        wide = max(box[2] - box[0], box[1] - box[3]) > 2 * size + 1
        if size > 0 and wide and raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top):
            box = (left.value, top.value, right.value, bottom.value)
            if not (box[3] - size <= oy.value <= box[1] + size):
                ox.value, oy.value = box[0], box[3]
        out.append((text, *box, ox.value, oy.value, size, step))
    return out, angles, bad


# ------------------------------------------------------------------------------ page assembly


def _page_items(
    chars: list[Char], rules: list[Rule], sink: LineSink, notes: list[str]
) -> list[_Item]:
    frames = find_tables(rules, chars)
    inside: list[list[Char]] = [[] for _ in frames]
    loose: list[Char] = []
    for char in chars:
        for k, frame in enumerate(frames):
            if frame.contains(char):
                inside[k].append(char)
                break
        else:
            loose.append(char)
    placed: list[tuple[float, int, list[_Item]]] = []
    lines = text_lines(loose)
    for order, line in enumerate(lines):
        text = line.text(_CELL_GAP)
        if not text.strip() or is_page_furniture(text):
            continue
        if (order == 0 and _BROWSER_HEADER.match(text)) or (
            order == len(lines) - 1 and _BROWSER_FOOTER.match(text)
        ):
            continue  # the date and title, the address and page count a browser prints
        placed.append((line.y0, order, [_Item(text, line=line)]))
    for k, frame in enumerate(frames):
        if not inside[k]:
            continue
        grid = Grid(sink.source, sink.limits)
        for text in table_grid(frame, inside[k], grid):
            notes.append(text)
        xs = tuple(frame.xs)
        rows = [_Item("\t".join(row), row, xs=xs) for row in grid.rows() if any(row)]
        placed.append((frame.top, -1, rows))
    placed.sort(key=lambda item: (item[0], item[1]))
    return [item for _, _, items in placed for item in items]


def _emit(items: list[_Item], sink: LineSink) -> None:
    """Lines to the sink; a text line that runs to the right margin continues in the next one
    when that one starts at the left margin and is not a heading."""
    text_items = [i for i in items if i.line is not None and "\t" not in i.text]
    left = right = 0.0
    lines = [i.line for i in text_items if i.line is not None]
    if lines:
        # the margins of the body text: its right edge, and where its full lines start (a web
        # page's navigation may stand left of the article)
        right = max(line.x1 for line in lines)
        full = [line.x0 for line in lines if line.x1 >= right - 2 * line.size]
        left = min(full or [line.x0 for line in lines])
    pending: _Item | None = None
    for item in items:
        if item.cells is not None:
            if pending:
                sink.text(pending.text)
                pending = None
            sink.row(item.cells)
            continue
        if pending is not None:
            if _continues(pending, item, left, right):
                assert pending.line is not None and item.line is not None
                pending = _Item(
                    pending.text + " " + item.text
                    if _latin_join(pending.text, item.text)
                    else pending.text + item.text,
                    line=item.line,
                )
                continue
            sink.text(pending.text)
        pending = item
    if pending:
        sink.text(pending.text)


def _continues(first: _Item, second: _Item, left: float, right: float) -> bool:
    a, b = first.line, second.line
    if a is None or b is None or "\t" in first.text or "\t" in second.text:
        return False
    size = max(a.size, b.size)
    if abs(a.size - b.size) > 0.5 or b.x0 > left + 0.5 * size or _HEADING.match(second.text):
        return False
    # the break was forced only if the next line's first word would not have fitted
    return a.x1 + _first_word(b) > right - size


_NO_LINE_START = set("。，、；：！？）》」』】〕”’…—·%,.;:!?)]}")


_NO_LINE_END = set("“‘（《「『【〔([{")


def _first_word(line: TextLine) -> float:
    """Width of what had to move to the next line with a line's first character: opening
    punctuation with what follows it, then a run of Latin letters and digits or one character,
    then the punctuation that may not start a line."""
    chars = line.chars
    end = 0
    while end + 1 < len(chars) and chars[end].text in _NO_LINE_END:
        end += 1
    while (
        end + 1 < len(chars)
        and chars[end].text.isascii()
        and chars[end].text.isalnum()
        and chars[end + 1].text.isascii()
        and chars[end + 1].text.isalnum()
    ):
        end += 1
    while end + 1 < len(chars) and chars[end + 1].text in _NO_LINE_START:
        end += 1
    return chars[end].x1 - chars[0].x0


def _latin_join(left: str, right: str) -> bool:
    """Whether two Latin words broken at a line end get a space between them: not when the
    first is part of an e-mail address or a web address ("…@zb.shandong.c" / "n"), which a
    line breaks anywhere."""
    if not (
        left
        and right
        and left[-1].isascii()
        and left[-1].isalpha()
        and right[0].isascii()
        and right[0].isalpha()
    ):
        return False
    word = _LAST_LATIN.search(left)
    return not (word and any(mark in word.group(0) for mark in "@/."))
