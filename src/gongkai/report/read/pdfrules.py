"""The ruling lines of a PDF page: axis-aligned segments of its paths, and the thin filled
rectangles some producers (WPS) draw rules with, in page space. Used by :mod:`.pdf` to find
table cells; a coloured header band (a wide filled rectangle) counts by its edges."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from typing import Any

from .limits import ReadLimits

_THIN = 3.0  # a filled rectangle thinner than this is a rule


def segments(
    page: object, raw: Any, limits: ReadLimits
) -> Iterator[tuple[bool, float, float, float]]:
    """Axis-aligned straight segments of the page's paths (and thin filled rectangles), in page
    space: (horizontal, position, start, end)."""
    r = raw
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    matrix = r.FS_MATRIX()
    stack: list[tuple[object, int, tuple[float, ...]]] = []
    count = r.FPDFPage_CountObjects(page)
    for k in range(count - 1, -1, -1):
        stack.append((r.FPDFPage_GetObject(page, k), 0, (1, 0, 0, 1, 0, 0)))
    seen = 0
    while stack:
        obj, depth, outer = stack.pop()
        seen += 1
        if seen > limits.max_pdf_objects:
            return
        kind = r.FPDFPageObj_GetType(obj)
        own = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        if r.FPDFPageObj_GetMatrix(obj, matrix):
            own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        m = _compose(own, outer)
        if kind == r.FPDF_PAGEOBJ_FORM and depth < 3:
            for k in range(r.FPDFFormObj_CountObjects(obj) - 1, -1, -1):
                stack.append((r.FPDFFormObj_GetObject(obj, k), depth + 1, m))
            continue
        if kind != r.FPDF_PAGEOBJ_PATH:
            continue
        r.FPDFPath_GetDrawMode(obj, fill, stroke)
        points: list[tuple[int, float, float, bool]] = []
        for i in range(min(r.FPDFPath_CountSegments(obj), 10_000)):
            segment = r.FPDFPath_GetPathSegment(obj, i)
            r.FPDFPathSegment_GetPoint(segment, x, y)
            px = m[0] * x.value + m[2] * y.value + m[4]
            py = m[1] * x.value + m[3] * y.value + m[5]
            points.append(
                (
                    r.FPDFPathSegment_GetType(segment),
                    px,
                    py,
                    bool(r.FPDFPathSegment_GetClose(segment)),
                )
            )
        if stroke.value:
            yield from _stroked(points, r)
        elif fill.value:
            yield from _filled(points, lambda: _coloured(obj, r))  # noqa: B023


def _compose(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _stroked(
    points: list[tuple[int, float, float, bool]], r: Any
) -> Iterator[tuple[bool, float, float, float]]:
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for kind, px, py, close in points:
        if kind == r.FPDF_SEGMENT_MOVETO or previous is None:
            start = previous = (px, py)
            continue
        if kind == r.FPDF_SEGMENT_LINETO:
            yield from _axis(previous, (px, py))
        previous = (px, py)
        if close and start is not None:
            yield from _axis(previous, start)
            previous = start


def _axis(
    p: tuple[float, float], q: tuple[float, float]
) -> Iterator[tuple[bool, float, float, float]]:
    (x1, y1), (x2, y2) = p, q
    if abs(y1 - y2) < 1.0 and abs(x1 - x2) >= 1.0:
        yield True, (y1 + y2) / 2, min(x1, x2), max(x1, x2)
    elif abs(x1 - x2) < 1.0 and abs(y1 - y2) >= 1.0:
        yield False, (x1 + x2) / 2, min(y1, y2), max(y1, y2)


def _filled(
    points: list[tuple[int, float, float, bool]], coloured: Callable[[], bool]
) -> Iterator[tuple[bool, float, float, float]]:
    """A filled rectangle: a thin one is a rule (Word draws table borders so); a coloured band
    (a shaded header row) is a background, not a rule, but its edges are the cell's borders,
    drawn or not. White fills (a page's or a cell's plain background) say nothing."""
    if not 4 <= len(points) <= 5:
        return
    xs = [p[1] for p in points]
    ys = [p[2] for p in points]
    left, right, low, high = min(xs), max(xs), min(ys), max(ys)
    width, height = right - left, high - low
    if height < _THIN <= width:
        yield True, (high + low) / 2, left, right
    elif width < _THIN <= height:
        yield False, (right + left) / 2, low, high
    elif width >= _THIN and height >= _THIN and _rectangle(xs, ys) and coloured():
        yield True, low, left, right
        yield True, high, left, right
        yield False, left, low, high
        yield False, right, low, high


def _rectangle(xs: list[float], ys: list[float]) -> bool:
    """The four corners of an axis-aligned rectangle (a fifth point closing it)."""
    return all(
        min(abs(x - min(xs)), abs(x - max(xs))) < 0.5
        and min(abs(y - min(ys)), abs(y - max(ys))) < 0.5
        for x, y in zip(xs, ys, strict=True)
    )


def _coloured(obj: object, raw: Any) -> bool:
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not raw.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha):
        return False
    return alpha.value > 0 and min(red.value, green.value, blue.value) < 245
