"""Tables broken across the pages of a PDF: the items a page gives (text lines and table rows),
and how a table goes on at the top of the next page.

* Header rows repeated at the top of the page (Word's and WPS's "repeat as header row") are
  not rows: the rows a table began with before its first number, when the next page starts
  with the same texts, are dropped there.
* A row allowed to break across pages leaves the rest of its label at the top of the next
  page, with no number: that rest joins the row it belongs to, cell by cell. The two pages'
  grids may differ (a column that only the rows of one page divide), so cells are matched by
  their position across the page, never by their index.
"""

from __future__ import annotations

from ..normalize import parse_value
from .cells import join_pieces
from .pdflayout import TextLine

MAX_ROWS = 500  # rows looked back over for a table's header


class Item:
    """A page's text line or table row, in reading order, before paragraphs are joined.
    A row knows its grid's column boundaries across the page (``xs``)."""

    __slots__ = ("cells", "line", "text", "xs")

    def __init__(
        self,
        text: str,
        cells: tuple[str, ...] | None = None,
        line: TextLine | None = None,
        xs: tuple[float, ...] | None = None,
    ) -> None:
        self.text = text
        self.cells = cells
        self.line = line
        self.xs = xs


def continue_table(lines: list[Item], items: list[Item]) -> None:
    """Read a new page's ``items`` on from the ``lines`` before it: drop a repeated header,
    join the rest of a broken row to its row."""
    _drop_repeated_header(lines, items)
    if lines and items and lines[-1].cells is not None and items[0].cells is not None:
        columns = _columns(lines[-1], items[0])
        if columns is not None:
            lines[-1] = _joined_row(lines[-1], items.pop(0), columns)


def _texts(cells: tuple[str, ...]) -> list[str]:
    return [cell for cell in cells if cell]


def _drop_repeated_header(lines: list[Item], items: list[Item]) -> None:
    if not lines or not items or lines[-1].cells is None or items[0].cells is None:
        return
    start = len(lines)
    while start > 0 and lines[start - 1].cells is not None and len(lines) - start < MAX_ROWS:
        start -= 1
    header = []
    for item in lines[start:]:
        if item.cells is None or any(parse_value(c).kind == "number" for c in item.cells):
            break
        header.append(_texts(item.cells))
    count = 0
    while count < min(len(header), len(items)):
        cells = items[count].cells
        if cells is None or _texts(cells) != header[count]:
            break
        count += 1
    del items[:count]


def _columns(last: Item, rest: Item) -> list[int] | None:
    """For each non-empty cell of ``rest``, the column of ``last`` it continues, if ``rest``
    is the rest of ``last``: text only (no number, no blank mark), under no number."""
    assert last.cells is not None and rest.cells is not None
    if not any(rest.cells):
        return None
    out = []
    for j, text in enumerate(rest.cells):
        if not text:
            continue
        if parse_value(text).kind != "text":
            return None
        k = _under(last, rest, j)
        if k is None or parse_value(last.cells[k]).kind == "number":
            return None
        out.append(k)
    return out


def _under(last: Item, rest: Item, j: int) -> int | None:
    assert last.cells is not None and rest.cells is not None
    if last.xs is None or rest.xs is None or len(rest.xs) <= j + 1:
        return j if len(last.cells) == len(rest.cells) else None
    middle = (rest.xs[j] + rest.xs[j + 1]) / 2
    for k in range(min(len(last.xs) - 1, len(last.cells))):
        if last.xs[k] <= middle <= last.xs[k + 1]:
            return k
    return None


def _joined_row(last: Item, rest: Item, columns: list[int]) -> Item:
    assert last.cells is not None and rest.cells is not None
    cells = list(last.cells)
    pieces = [text for text in rest.cells if text]
    for k, piece in zip(columns, pieces, strict=True):
        old = cells[k]
        new = join_pieces((old, piece))
        cells[k] = new
        # a label repeated to the right of its cell (see cells.py) goes on there too
        right = k + 1
        while old and right < len(cells) and cells[right] == old:
            cells[right] = new
            right += 1
    return Item("\t".join(cells), tuple(cells), xs=last.xs)
