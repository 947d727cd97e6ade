"""The PDF's tables: reportlab's ``Table``, sized and drawn with its own arithmetic in its own
order for the cells of :mod:`.pdf_cells`, without its generic handling of any content.

A report's tables hold some three hundred cells, each one :class:`~.pdf_cells.Cell` alone in
its box. :class:`CellTable`:

* is sized once for a width (a heading kept with its table has the table sized inside a
  KeepTogether and then again by the frame, with the same width);
* sizes its rows (``_calc_height``) and each cell (``_listCellGeom``), and places each cell
  (``_drawCell``), with reportlab's arithmetic for a :class:`~.pdf_cells.Cell` alone, and hands
  any other content to reportlab.

tests/report/render/test_pdf_caches.py renders with reportlab's own Table and compares the bytes.
"""

from __future__ import annotations

import threading
from typing import Any

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.platypus import Table  # type: ignore[import-untyped]
from reportlab.platypus.flowables import Flowable  # type: ignore[import-untyped]
from reportlab.platypus.tables import (  # type: ignore[import-untyped]
    _calc_pc,
    _ExpandedCellTuple,
    spanFixDim,
)

from .pdf_cells import Cell, draw_lines, moved
from .pdf_runs import text_object


class CellTable(Table):  # type: ignore[misc]
    """A table of :class:`~.pdf_cells.Cell`, laid out once for a width."""

    _laid_out_at: float | None = None
    _curcellstyle: Any
    _spanRects: dict[Any, Any]
    _vBlocks: dict[Any, Any]
    _hBlocks: dict[Any, Any]
    _hmax_spanRects: Any

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._laid_out_at == availWidth:
            self.availWidth = availWidth
            return self._width, self._height
        size = super().wrap(availWidth, availHeight)
        # every row sized (reportlab stops early when a long table overflows the height)
        if self._hmax == len(self._cellvalues):
            self._laid_out_at = availWidth
        return size  # type: ignore[no-any-return]

    def _calcSpanRanges(self) -> None:
        _ranges(self, self._spanCmds, super()._calcSpanRanges, _SPAN_RANGES)

    def _calcNoSplitRanges(self) -> None:
        _ranges(self, self._nosplitCmds, super()._calcNoSplitRanges, _NOSPLIT_RANGES)

    def _calcSpanRects(self) -> None:
        """``Table._calcSpanRects`` (each cell's rectangle and the lines its spans break), a
        pure function of the table's shape, spans and row and column positions for a table
        not laid out before, made once for them; each table gets its own copies."""
        if self.__dict__.get("_spanRects"):  # laid out before: reportlab updates its own
            super()._calcSpanRects()
            return
        key = (
            self._nrows,
            self._ncols,
            tuple(map(tuple, self._spanCmds)),
            tuple(self._colpositions),
            tuple(self._rowpositions),
            self.__dict__.get("_hmax"),
        )
        found = _SPAN_RECTS.get(key)
        if found is None:
            super()._calcSpanRects()
            found = (self._spanRects, self._vBlocks, self._hBlocks, self._hmax_spanRects)
            _keep(_SPAN_RECTS, key, _copies(found))
            return
        self._spanRects, self._vBlocks, self._hBlocks, self._hmax_spanRects = _copies(found)

    def _calc_height(
        self, availHeight: float, availWidth: float, H: Any = None, W: Any = None
    ) -> None:
        """``Table._calc_height`` when every row's height is to be found and no row has a least
        height (every table here): a :class:`~.pdf_cells.Cell` alone is sized as
        :meth:`_listCellGeom` sizes it, any other cell as reportlab sizes it, in the same order
        and with the same arithmetic."""
        H0 = self._argH
        if self._minRowHeights or any(h is not None for h in H0):
            super()._calc_height(availHeight, availWidth, H, W)
            return
        if not W:
            W = _calc_pc(self._argW, availWidth)
        hmax = lim = len(H0)
        longTable = self._longTableOptimize
        if len(W) != self._ncols:
            super()._calc_height(availHeight, availWidth, H, W)
            return
        colpositions: Any = self._colpositions if self._spanCmds else None
        plan = _plan(self)
        H = H0[:]
        self._rowHeights = H
        spanCons: dict[tuple[int, int], float] = {}
        ignore_too_wide = rl_config.allowTableBoundsErrors & 5 == 1
        for i in range(lim):
            V = self._cellvalues[i]
            S = self._cellStyles[i]
            h: float = 0
            for j, span, col_spanned in plan[i]:
                v, s, w = V[j], S[j], W[j]
                cell = v if type(v) is Cell else None
                if cell is None and type(v) is _ExpandedCellTuple and len(v) == 1:
                    cell = v[0] if type(v[0]) is Cell else None
                if cell is not None:
                    v = V[j] = _ExpandedCellTuple((cell,))
                    if col_spanned:
                        if not span:
                            continue
                        w = max(colpositions[span[2] + 1] - colpositions[span[0]], w or 0)
                    avail = w - s.leftPadding - s.rightPadding if w else -1
                    if avail < 0:  # reportlab's errors, or its width of the content
                        super()._calc_height(availHeight, availWidth, None, W)
                        return
                    t = _sized(cell, avail, 72000 - s.topPadding - s.bottomPadding)[2]
                    dW = max(0, avail) + s.leftPadding + s.rightPadding
                    if dW > w and not ignore_too_wide:
                        super()._calc_height(availHeight, availWidth, None, W)
                        return
                elif isinstance(v, (tuple, list, Flowable)):
                    super()._calc_height(availHeight, availWidth, None, W)
                    return
                else:
                    v = ((v is not None and str(v)) or "").split("\n")
                    t = (s.leading or 1.2 * s.fontsize) * len(v)
                t += s.bottomPadding + s.topPadding
                if span:
                    r0 = span[1]
                    r1 = span[3]
                    if r0 != r1:
                        x = r0, r1
                        spanCons[x] = max(spanCons.get(x, t), t)
                        t = 0
                if t > h:
                    h = t
            H[i] = h
            if longTable:
                hmax = i + 1
                if sum(H[:hmax]) > availHeight and spanCons and hmax > max(x[1] for x in spanCons):
                    break
        if None not in H:
            hmax = lim
        if spanCons:
            spanFixDim(H0, H, spanCons)
        # the row positions, from the last row up, as reportlab sums them
        positions: list[float] = []
        self._rowpositions = positions
        height = c = 0
        for i in range(hmax - 1, -1, -1):
            positions.append(height)
            y = H[i] - c
            t = height + y
            c = (t - height) - y
            height = t
        positions.append(height)
        self._height = height
        positions.reverse()
        self._hmax = hmax

    def _listCellGeom(
        self, V: Any, w: float, s: Any, W: Any = None, H: Any = None, aH: float = 72000
    ) -> tuple[float, float]:
        """``Table._listCellGeom`` (the size of a cell's content) for a :class:`Cell` alone,
        the same arithmetic in the same order."""
        avail = w - s.leftPadding - s.rightPadding
        if not isinstance(V, tuple) or len(V) != 1 or type(V[0]) is not Cell or avail < 0:
            return super()._listCellGeom(V, w, s, W, H, aH)  # type: ignore[no-any-return]
        height, _, content = _sized(V[0], avail, aH - s.topPadding - s.bottomPadding)
        if W is not None:
            W.append(avail)  # Cell.wrap's width
        if H is not None:
            H.append(height)
        return max(0, avail), content

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        """``Table._drawCell`` for a :class:`Cell` alone in its box (every cell here), the
        same arithmetic in the same order, without its generic list handling."""
        colpos, rowpos = pos
        colwidth, rowheight = size
        just = cellstyle.alignment
        avail = colwidth - cellstyle.leftPadding - cellstyle.rightPadding
        if (
            cellval.__class__ is not _ExpandedCellTuple
            or len(cellval) != 1
            or type(cellval[0]) is not Cell
            or cellstyle.valign != "MIDDLE"
            or just not in ("LEFT", "RIGHT", "CENTRE", "CENTER")
            or avail < 0
        ):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        canvas = self.canv
        if self._curcellstyle is not cellstyle:
            cur = self._curcellstyle
            if cur is None or cellstyle.color != cur.color:
                canvas.setFillColor(cellstyle.color)
            if (
                cur is None
                or cellstyle.leading != cur.leading
                or cellstyle.fontname != cur.fontname
                or cellstyle.fontsize != cur.fontsize
            ):
                canvas.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        cell = cellval[0]
        width = avail  # Cell.wrap's
        height, before, content = _sized(
            cell, avail, rowheight - cellstyle.topPadding - cellstyle.bottomPadding
        )
        # the flowable's place
        y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding + content) / 2.0
        y += before
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        elif just == "RIGHT":
            x = colpos + colwidth - cellstyle.rightPadding - width
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding - width) / 2.0
        y -= before
        y -= height
        # cell.drawOn(canvas, x, y) for plain lines in a plain colour, as draw_lines writes it
        lines = cell._layout.lines
        if (
            lines is None
            or lines.fill is None
            or getattr(cell, "_showBoundary", None)
            or canvas._enforceColorSpace is not None
        ):
            cell.drawOn(canvas, x, y)
            return
        text = text_object(canvas._doc, canvas._escape, lines)
        if lines.alpha is None or canvas._extgstate.getValue("ca") == lines.alpha:
            canvas._code.extend(("q", moved(x, y), "q", lines.fill, text))
            canvas._code.extend(("Q", "Q"))
        else:
            draw_lines(cell, lines, canvas, x, y, 0)


def _sized(cell: Cell, avail: float, height_left: float) -> tuple[float, float, float]:
    """``Table._listCellGeom``'s arithmetic for a :class:`Cell` alone, wrapped to ``avail``:
    its height, its space before, and its content's height, the spaces added and taken off
    again in reportlab's order (the same floating point). ``Cell.wrap``, ``getSpaceBefore`` and
    ``getSpaceAfter`` read inline: this runs for every cell, twice."""
    if cell.width != avail:
        cell.wrap(avail, height_left)
    height = cell.height
    own, style = cell.__dict__, cell.style
    before = own.get("spaceBefore", style.spaceBefore)
    after = own.get("spaceAfter", style.spaceAfter)
    total: float = 0
    total += height + after + before
    return height, before, total - before - after


_RANGES_KEPT = 64  # table shapes with their spans remembered (a few per report format)
_SPAN_RANGES: dict[tuple[Any, ...], dict[str, Any]] = {}
_NOSPLIT_RANGES: dict[tuple[Any, ...], dict[str, Any]] = {}
_PLANS: dict[tuple[Any, ...], tuple[tuple[tuple[int, Any, bool], ...], ...]] = {}
_SPAN_RECTS: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_lock = threading.Lock()


def _keep(kept: dict[tuple[Any, ...], Any], key: tuple[Any, ...], value: Any) -> None:
    """Remember ``value`` under ``key`` in ``kept``, which is emptied when it holds
    ``_RANGES_KEPT`` (tables of unusual shapes cannot make it grow without end)."""
    with _lock:
        if len(kept) >= _RANGES_KEPT:
            kept.clear()
        kept[key] = value


def _ranges(
    table: CellTable, commands: list[Any], calc: Any, kept: dict[tuple[Any, ...], dict[str, Any]]
) -> None:
    """``Table._calcSpanRanges`` or ``_calcNoSplitRanges`` (``calc``: the ranges of the cells
    ``commands`` join, a pure function of the table's shape and those commands), made once per
    shape and commands; each table gets its own copies of the dictionary and lists it sets."""
    key = (table._nrows, table._ncols, tuple(map(tuple, commands)))
    found = kept.get(key)
    if found is None:
        before = dict(vars(table))
        calc()
        made = {
            name: value.copy()
            for name, value in vars(table).items()
            if name not in before or before[name] is not value
        }
        _keep(kept, key, made)
        return
    for name, value in found.items():
        setattr(table, name, value.copy())


def _plan(table: CellTable) -> tuple[tuple[tuple[int, Any, bool], ...], ...]:
    """The cells ``Table._calc_height`` sizes in each row, with their span ranges and whether a
    column span covers them: those a row span covers are left out, but for its first cell. A
    pure function of the table's shape and spans, made once per shape and spans."""
    key = (table._nrows, table._ncols, tuple(map(tuple, table._spanCmds)))
    found = _PLANS.get(key)
    if found is None:
        if table._spanCmds:
            spans, by_rows, by_cols = (
                table._spanRanges,
                set(table._rowSpanCells),
                set(table._colSpanCells),
            )
        else:
            spans, by_rows, by_cols = {}, set(), set()
        found = tuple(
            tuple(
                (j, spans.get((j, i)), (j, i) in by_cols)
                for j in range(table._ncols)
                if (j, i) not in by_rows or spans.get((j, i))
            )
            for i in range(table._nrows)
        )
        _keep(_PLANS, key, found)
    return found


def _copies(rects: tuple[Any, ...]) -> tuple[Any, ...]:
    """Own copies of what ``_calcSpanRects`` sets: the rectangles, and the lists of breaks."""
    span_rects, v_blocks, h_blocks, hmax = rects
    return (
        dict(span_rects),
        {at: list(breaks) for at, breaks in v_blocks.items()},
        {at: list(breaks) for at, breaks in h_blocks.items()},
        hmax,
    )


def forget() -> None:
    """Empty the span and no-split ranges, plans and rectangles remembered for the tables."""
    with _lock:
        _SPAN_RANGES.clear()
        _NOSPLIT_RANGES.clear()
        _PLANS.clear()
        _SPAN_RECTS.clear()
