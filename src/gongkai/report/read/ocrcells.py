"""Table cells of a scanned page, read one by one.

A whole page read at once loses a table's small cells: the engine takes two-line headers in
narrow columns and a row of single digits for one blurred block. So each cell the ruling lines
draw (merged cells as on paper: where a rule is missing, see :func:`.pdflayout.table_grid`) is
cut out, enlarged to the size the engine reads best, and set on a line of its own in one tall
image, a "mosaic", read in one run of the engine; each word goes back to the cell whose band it
lies in. A cell with no ink is empty, read as blank.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from ..normalize import parse_value
from .cells import Grid, join_pieces
from .limits import ReadLimits
from .ocrengine import DIGITS_LANGUAGE, LANGUAGE, PAGE_MODE, Word, recognize
from .ocrimage import PageImage
from .ocrlabels import snap
from .pdflayout import _NUMBERS, TOLERANCE, Rule, TableFrame, _cluster, find_tables, table_grid

GAP = 24  # pixels of white between two cells in the mosaic
WORK_DPI = 300  # cells are read at this resolution: a 10.5-point digit some 40 pixels high
INSET = 3  # pixels cut from each side of a cell: what is left of its ruling line
MIN_INK = 6  # a cell with fewer dark pixels than this is empty (dust, a dot of noise)
DIGITS = ("-c", "tessedit_char_whitelist=0123456789.")
_CJK = re.compile("[\u3400-\u9fff]")
_DIGIT = re.compile("[0-9]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ITEM = re.compile("\\d{1,2}[.．、]\\s*[\u3400-\u9fff]")  # "3.其他": a label, numbered
MAX_MOSAIC = 30_000  # pixels high; more cells are read in further runs
GLYPH_HEIGHT = 36  # pixels: the digits' height in the second look at a number's cell
MARGIN = 10  # pixels of white around a cell in that second look


class Table(NamedTuple):
    """A table of a scanned page as its cells were read: the grid of texts, each cell's
    confidence and its other readings (text, confidence) by origin slot, and the rows with
    a cell that could not be read."""

    frame: TableFrame
    grid: Grid
    sure: dict[tuple[int, int], float]
    unread: set[int]
    others: dict[tuple[int, int], tuple[tuple[str, float], ...]]


class Recorder(Grid):
    """A grid that remembers where each cell was placed (its slots)."""

    def __init__(self, source: str | None, limits: ReadLimits) -> None:
        super().__init__(source, limits)
        self.spans: list[tuple[int, int, int, int]] = []

    def place(self, row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        self.spans.append((row, col, row + max(rowspan, 1), col + max(colspan, 1)))
        super().place(row, col, text, rowspan, colspan)


def find_frames(rules: list[Rule]) -> list[TableFrame]:
    """The tables the rules draw: the PDF reader's frames, but a frame inside another is part
    of it (a paper page has no layout boxes; a seal or a fold that breaks a few rules leaves an
    island of cells inside the table)."""
    frames = find_tables(rules)
    if len(frames) < 2:
        return frames
    horizontal = [r for r in rules if r.horizontal]
    vertical = [r for r in rules if not r.horizontal]
    # rules that meet: the groups as find_tables makes them, outer frames kept
    boxes = []
    for group in _groups(horizontal, vertical):
        xs = _cluster(r.at for r in group if not r.horizontal)
        ys = _cluster(r.at for r in group if r.horizontal)
        if len(xs) >= 2 and len(ys) >= 2:
            boxes.append(TableFrame(xs, ys, group))
    outer = [f for f in boxes if not any(g is not f and g.encloses(f) for g in boxes)]
    for frame in outer:
        inner = [g for g in boxes if g is not frame and frame.encloses(g)]
        for g in inner:
            frame.rules.extend(g.rules)
        if inner:
            frame.xs = _cluster([*frame.xs, *(x for g in inner for x in g.xs)])
            frame.ys = _cluster([*frame.ys, *(y for g in inner for y in g.ys)])
    outer.sort(key=lambda f: f.top)
    return outer


def _groups(horizontal: list[Rule], vertical: list[Rule]) -> list[list[Rule]]:
    t = TOLERANCE
    rules = horizontal + vertical
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for hi, h in enumerate(horizontal):
        for vi, v in enumerate(vertical):
            if h.start - t <= v.at <= h.end + t and v.start - t <= h.at <= v.end + t:
                a, b = find(hi), find(len(horizontal) + vi)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Rule]] = {}
    for index, rule in enumerate(rules):
        groups.setdefault(find(index), []).append(rule)
    return list(groups.values())


def blank_frames(page: PageImage, frames: list[TableFrame]) -> Any:
    """The page image with its tables painted white: what is left is the page's text."""
    from PIL import ImageDraw

    image = page.image.copy()
    draw = ImageDraw.Draw(image)
    scale = page.dpi / 72.0
    for frame in frames:
        draw.rectangle(
            (
                frame.xs[0] * scale - 2,
                frame.ys[0] * scale - 2,
                frame.xs[-1] * scale + 2,
                frame.ys[-1] * scale + 2,
            ),
            fill=255,
        )
    return image


def read_cells(
    page: PageImage,
    frames: list[TableFrame],
    source: str | None,
    limits: ReadLimits,
    seconds: float,
) -> list[Table]:
    """Each table as its cells were read."""
    import numpy as np

    pixels = np.asarray(page.image)
    source_image = page.grey if page.grey is not None else page.image
    scale = page.dpi / 72.0
    zoom = max(1.0, WORK_DPI / page.dpi)
    inset = max(INSET, round(page.dpi / 60))
    layouts = []
    crops: list[tuple[int, int, Any]] = []  # (table, span index, image)
    ink_boxes: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for t, frame in enumerate(frames):
        shape = Recorder(source, limits)
        table_grid(frame, [], shape)  # no characters: the merged cells' slots only
        layouts.append(shape.spans)
        for k, (r0, c0, r1, c1) in enumerate(shape.spans):
            x0 = round(frame.xs[c0] * scale) + inset
            x1 = round(frame.xs[c1] * scale) - inset
            y0 = round(frame.ys[r0] * scale) + inset
            y1 = round(frame.ys[r1] * scale) - inset
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            if int((pixels[y0:y1, x0:x1] < 128).sum()) < MIN_INK:
                continue
            crops.append((t, k, source_image.crop((x0, y0, x1, y1))))
            ink_boxes[(t, k)] = (x0, y0, x1, y1)
    texts = _read_all(crops, zoom, source, seconds)
    readings: dict[tuple[int, int], dict[str, float]] = {}  # every single number read, by cell
    _note(readings, texts)
    # a cell with no Chinese in it holds a number (or nothing): read again for digits only,
    # where an "0" cannot come out as "O" nor a "1" as ")"
    numeric = [c for c in crops if _maybe_number(_cell_text(texts.get((c[0], c[1]), [])))]
    digits = _read_all(numeric, zoom, source, seconds, DIGITS)
    _note(readings, digits)
    for key, words in digits.items():
        first = _cell_text(texts.get(key, []))
        if (words and _NUMBER.fullmatch(_cell_text(words))) or (words and not _CJK.search(first)):
            texts[key] = words
        elif not _DIGIT.search(first) and not _CJK.search(first):
            texts[key] = []  # neither pass saw a digit: specks, not a number
    # a lone digit in a cell is often dropped by a reading of lines: the cells with ink and no
    # number yet are read once more as sparse text, each alone with its digits
    left = [c for c in numeric if not _NUMBER.fullmatch(_cell_text(texts.get((c[0], c[1]), [])))]
    sparse = _read_all(left, zoom, source, seconds, DIGITS, mode="11")
    _note(readings, sparse)
    for key, words in sparse.items():
        if words and _NUMBER.fullmatch(_cell_text(words)):
            texts[key] = words
    # a second look, made differently: the black-and-white cell cut to its ink and enlarged
    # to one glyph height whatever the scan's resolution. Its readings are only candidates
    # (ocrcheck takes one when the identities then hold); the first reading stays the cell's.
    _note(
        readings, _read_all(_normalised(numeric, pixels, ink_boxes), 1.0, source, seconds, DIGITS)
    )
    out: list[Table] = []
    for t, frame in enumerate(frames):
        grid = Recorder(source, limits)
        sure: dict[tuple[int, int], float] = {}
        others: dict[tuple[int, int], tuple[tuple[str, float], ...]] = {}
        for k, (r0, c0, r1, c1) in enumerate(layouts[t]):
            words = texts.get((t, k), [])
            text = _cell_text(words)
            if _CJK.search(text):
                text = snap(text)  # a label misread by a character or two
            elif _NUMBERS.fullmatch(text):
                text = ""  # several numbers in one cell: which column each is, unsure
            grid.place(r0, c0, text, r1 - r0, c1 - c0)
            if words:
                sure[(r0, c0)] = min(w.confidence for w in words)
            seen = readings.get((t, k), {})
            if any(reading != text for reading in seen):
                others[(r0, c0)] = tuple(sorted((r, c) for r, c in seen.items() if r != text))
        out.append(Table(frame, grid, sure, _unreadable(grid), others))
    return out


def _note(
    readings: dict[tuple[int, int], dict[str, float]], texts: dict[tuple[int, int], list[Word]]
) -> None:
    """Each cell's single number read in one pass, with its confidence (the best of passes)."""
    for key, words in texts.items():
        text = _cell_text(words)
        if words and _NUMBER.fullmatch(text):
            sure = min(w.confidence for w in words)
            mine = readings.setdefault(key, {})
            mine[text] = max(mine.get(text, 0.0), sure)


def _normalised(
    crops: list[tuple[int, int, Any]], pixels: Any, boxes: Mapping[tuple[int, int], tuple[int, ...]]
) -> list[tuple[int, int, Any]]:
    """Each cell in black and white, cut to the band of its ink and enlarged (or reduced) so
    that its digits are ``GLYPH_HEIGHT`` pixels high, on a white margin."""
    import numpy as np
    from PIL import Image

    out = []
    for t, k, _ in crops:
        x0, y0, x1, y1 = boxes[(t, k)]
        ink = pixels[y0:y1, x0:x1] < 128
        rows = np.flatnonzero(ink.sum(axis=1) > 0)
        cols = np.flatnonzero(ink.sum(axis=0) > 0)
        if len(rows) == 0:
            continue
        top, bottom = _band(rows)
        height = bottom - top
        if height < 4:
            continue
        factor = min(max(GLYPH_HEIGHT / height, 0.5), 6.0)
        cut = np.where(ink[top:bottom, cols[0] : cols[-1] + 1], 0, 255).astype(np.uint8)
        image = Image.fromarray(cut)
        size = (max(round(image.width * factor), 1), max(round(image.height * factor), 1))
        image = image.resize(size, Image.Resampling.BICUBIC)
        framed = Image.new("L", (image.width + 2 * MARGIN, image.height + 2 * MARGIN), 255)
        framed.paste(image, (MARGIN, MARGIN))
        out.append((t, k, framed))
    return out


def _band(rows: Any) -> tuple[int, int]:
    """The tallest run of inked pixel rows (a gap of two rows bridged): a cell's line of
    digits, without a speck above or below it."""
    best = (int(rows[0]), int(rows[0]) + 1)
    start = previous = int(rows[0])
    for row in (int(r) for r in rows[1:]):
        if row - previous > 3:
            start = row
        previous = row
        if row + 1 - start > best[1] - best[0]:
            best = (start, row + 1)
    return best


def _maybe_number(text: str) -> bool:
    """A first reading that may be a misread number: no Chinese, or one or two characters of
    it that are no label (a "4" read as "吕") nor an item of a list ("3.其他")."""
    if _ITEM.match(text):
        return False
    return not _CJK.search(text) or (len(_CJK.findall(text)) <= 2 and snap(text) == text)


def _unreadable(grid: Grid) -> set[int]:
    """Rows of numbers with a cell, in a column that holds numbers, that reads as neither a
    number nor blank (a seal or a smudge over it): the cell is emptied, so that the row keeps
    its columns, and the row is returned, so that its empty cells count as unread, never as 0."""
    numbers = {
        place
        for place, (text, how) in grid.slots.items()
        if how == "origin" and text and parse_value(text).kind == "number"
    }
    per_row: dict[int, int] = {}
    per_column: dict[int, int] = {}
    for r, c in numbers:
        per_row[r] = per_row.get(r, 0) + 1
        per_column[c] = per_column.get(c, 0) + 1
    # a column of numbers: most rows of numbers have one there (a label misread as "3.3"
    # once does not make the labels' column one of numbers)
    rows_of_numbers = sum(1 for count in per_row.values() if count >= 2)
    columns = {c for c, count in per_column.items() if count >= max(2, rows_of_numbers / 2)}
    rows = set()
    for (r, c), (text, how) in list(grid.slots.items()):
        if how != "origin" or not text or (r, c) in numbers:
            continue
        if per_row.get(r, 0) >= 2 and c in columns:
            grid.slots[(r, c)] = ("", how)
            rows.add(r)
    return rows


def _read_all(
    crops: list[tuple[int, int, Any]],
    zoom: float,
    source: str | None,
    seconds: float,
    options: tuple[str, ...] = (),
    mode: str = PAGE_MODE,
) -> dict[tuple[int, int], list[Word]]:
    texts: dict[tuple[int, int], list[Word]] = {}
    for chunk in _chunks(crops, zoom):
        for key, words in _read_mosaic(chunk, zoom, source, seconds, options, mode).items():
            texts.setdefault(key, []).extend(words)
    return {(t, k): texts.get((t, k), []) for t, k, _ in crops}


def _chunks(crops: list[tuple[int, int, Any]], zoom: float) -> list[list[tuple[int, int, Any]]]:
    chunks: list[list[tuple[int, int, Any]]] = [[]]
    height = 0
    for crop in crops:
        h = int(crop[2].height * zoom) + GAP
        if chunks[-1] and height + h > MAX_MOSAIC:
            chunks.append([])
            height = 0
        chunks[-1].append(crop)
        height += h
    return [c for c in chunks if c]


def _read_mosaic(
    crops: list[tuple[int, int, Any]],
    zoom: float,
    source: str | None,
    seconds: float,
    options: tuple[str, ...],
    mode: str,
) -> dict[tuple[int, int], list[Word]]:
    from PIL import Image

    if not crops:
        return {}
    sized = [
        (
            t,
            k,
            crop.resize(
                (max(int(crop.width * zoom), 1), max(int(crop.height * zoom), 1)),
                Image.Resampling.BICUBIC,
            ),
        )
        for t, k, crop in crops
    ]
    width = max(c.width for _, _, c in sized) + 2 * GAP
    height = sum(c.height + GAP for _, _, c in sized) + GAP
    mosaic = Image.new("L", (width, height), 255)
    bands: list[tuple[int, int, tuple[int, int]]] = []
    y = GAP
    for t, k, crop in sized:
        mosaic.paste(crop, (GAP, y))
        bands.append((y, y + crop.height, (t, k)))
        y += crop.height + GAP
    language = DIGITS_LANGUAGE if options == DIGITS else LANGUAGE
    words = recognize(mosaic, source, seconds * max(1.0, len(crops) / 100), mode, options, language)
    out: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        middle = (word.y0 + word.y1) / 2
        for top, bottom, key in bands:
            if top - GAP / 2 <= middle < bottom + GAP / 2:
                out.setdefault(key, []).append(word)
                break
    return out


def _cell_text(words: list[Word]) -> str:
    """A cell's words in reading order: lines by their tops, words left to right."""
    if not words:
        return ""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.y0, w.x0)):
        if lines and abs(word.y0 - lines[-1][0].y0) < max(word.y1 - word.y0, 1) / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    pieces = []
    for line in lines:
        line.sort(key=lambda w: w.x0)
        text = ""
        for word in line:
            if text and parse_value(text[-1]).kind == "number" and word.text[:1].isdigit():
                text += " "  # digits set apart stay apart: "1 2" is two numbers, never 12
            text += word.text
        pieces.append(text)
    return join_pieces(pieces)
