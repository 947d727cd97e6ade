"""Table cells of a scanned page, read one by one.

A whole page read at once loses a table's small cells: the engine takes two-line headers in
narrow columns and a row of single digits for one blurred block. So each cell the ruling lines
draw (merged cells as on paper: where a rule is missing, see :func:`.pdflayout.table_grid`) is
cut out, enlarged to the size the engine reads best, and set on a line of its own in one tall
image, a "mosaic", read in one run of the engine; each word goes back to the cell whose band it
lies in. A cell with no ink is empty, read as blank.
"""

from __future__ import annotations

from typing import Any

from ..normalize import parse_value
from .cells import Grid, join_pieces
from .limits import ReadLimits
from .ocrengine import Word, recognize
from .ocrimage import PageImage
from .pdflayout import _NUMBERS, TableFrame, table_grid

GAP = 24  # pixels of white between two cells in the mosaic
WORK_DPI = 300  # cells are read at this resolution: a 10.5-point digit some 40 pixels high
INSET = 3  # pixels cut from each side of a cell: what is left of its ruling line
MIN_INK = 6  # a cell with fewer dark pixels than this is empty (dust, a dot of noise)
MAX_MOSAIC = 30_000  # pixels high; more cells are read in further runs


class Recorder(Grid):
    """A grid that remembers where each cell was placed (its slots)."""

    def __init__(self, source: str | None, limits: ReadLimits) -> None:
        super().__init__(source, limits)
        self.spans: list[tuple[int, int, int, int]] = []

    def place(self, row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        self.spans.append((row, col, row + max(rowspan, 1), col + max(colspan, 1)))
        super().place(row, col, text, rowspan, colspan)


def blank_frames(page: PageImage, frames: list[TableFrame]) -> Any:
    """The page image with its tables painted white: what is left is the page's text."""
    from PIL import ImageDraw

    image = page.image.copy()
    draw = ImageDraw.Draw(image)
    scale = page.dpi / 72.0
    for frame in frames:
        draw.rectangle(
            (frame.xs[0] * scale - 2, frame.ys[0] * scale - 2,
             frame.xs[-1] * scale + 2, frame.ys[-1] * scale + 2),
            fill=255,
        )
    return image


def read_cells(
    page: PageImage,
    frames: list[TableFrame],
    source: str | None,
    limits: ReadLimits,
    seconds: float,
) -> list[tuple[TableFrame, Grid, dict[tuple[int, int], float]]]:
    """Each table's grid of cell texts, and each cell's confidence by its origin slot."""
    import numpy as np

    pixels = np.asarray(page.image)
    scale = page.dpi / 72.0
    zoom = max(1.0, WORK_DPI / page.dpi)
    layouts = []
    crops: list[tuple[int, int, Any]] = []  # (table, span index, image)
    for t, frame in enumerate(frames):
        shape = Recorder(source, limits)
        table_grid(frame, [], shape)  # no characters: the merged cells' slots only
        layouts.append(shape.spans)
        for k, (r0, c0, r1, c1) in enumerate(shape.spans):
            x0 = round(frame.xs[c0] * scale) + INSET
            x1 = round(frame.xs[c1] * scale) - INSET
            y0 = round(frame.ys[r0] * scale) + INSET
            y1 = round(frame.ys[r1] * scale) - INSET
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            if int((pixels[y0:y1, x0:x1] < 128).sum()) < MIN_INK:
                continue
            crops.append((t, k, page.image.crop((x0, y0, x1, y1))))
    texts: dict[tuple[int, int], list[Word]] = {}
    for chunk in _chunks(crops, zoom):
        for key, words in _read_mosaic(chunk, zoom, source, seconds).items():
            texts.setdefault(key, []).extend(words)
    out = []
    for t, frame in enumerate(frames):
        grid = Recorder(source, limits)
        sure: dict[tuple[int, int], float] = {}
        for k, (r0, c0, r1, c1) in enumerate(layouts[t]):
            words = texts.get((t, k), [])
            text = _cell_text(words)
            if _NUMBERS.fullmatch(text):
                text = ""  # several numbers in one cell: which column each is, unsure
            grid.place(r0, c0, text, r1 - r0, c1 - c0)
            if words:
                sure[(r0, c0)] = min(w.confidence for w in words)
        out.append((frame, grid, sure))
    return out


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
    crops: list[tuple[int, int, Any]], zoom: float, source: str | None, seconds: float
) -> dict[tuple[int, int], list[Word]]:
    from PIL import Image

    if not crops:
        return {}
    sized = [
        (t, k, crop.resize((max(int(crop.width * zoom), 1), max(int(crop.height * zoom), 1)),
                           Image.Resampling.BICUBIC))
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
    words = recognize(mosaic, source, seconds * max(1.0, len(crops) / 100))
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
