"""What the reader looks rows up by, built once per table and per format.

The tables and formats of :mod:`.spec` are frozen module constants; their ``lookups`` and
``label_test`` (``functools.cached_property``) build what is below on first use and keep it on
the object itself, so no cache is keyed by ``id()`` and none can outlive or mistake its table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .normalize import label_key, strip_numbering

if TYPE_CHECKING:
    from .spec import Format, Row, Table

# words that are also column headers: a row only when a whole cell says just that
GENERIC_ALIASES = frozenset({"总计", "其他", "合计"})

Generic = tuple[tuple[str, "Row", str], ...]  # alias, row, the row's own item number
CellKeys = tuple[tuple["Row", tuple[tuple[str, str | None], ...]], ...]
_MEMO_LIMIT = 1 << 13


class TableLookups:
    """A table's aliases and cells, arranged for the reader (see :mod:`.assemble`)."""

    __slots__ = (
        "alias_pairs",
        "cell_keys",
        "generic",
        "heading_keys",
        "matches",
        "owners",
        "reversed_pattern",
    )

    def __init__(self, table: Table) -> None:
        # every alias with its row, in the table's order (:mod:`.wrapped`)
        self.alias_pairs: tuple[tuple[str, Row], ...] = tuple(
            (alias, row) for row in table.rows for alias in row.aliases
        )
        # the specific aliases with their rows; one regex over the reversed text finds the
        # alias that ends last: reversing turns "ends last" into "starts first", and
        # longest-first alternation breaks ties
        self.owners: dict[str, Row] = {
            a: r for a, r in self.alias_pairs if a not in GENERIC_ALIASES
        }
        ordered = sorted(self.owners, key=len, reverse=True)
        self.reversed_pattern = re.compile("|".join(re.escape(a[::-1]) for a in ordered))
        # the generic aliases with their rows and the rows' own item numbers, in order
        self.generic: Generic = tuple(
            (a, r, _own_number(r)) for a, r in self.alias_pairs if a in GENERIC_ALIASES
        )
        # each row with the keys of its cells
        self.cell_keys: CellKeys = tuple(
            (row, tuple((row.key, column.key) for column in row.columns)) for row in table.rows
        )
        # the label keys of the group headings ("（四）无法提供", "三、本年度办理结果"): no row
        # of their own
        self.heading_keys: frozenset[str] = frozenset(label_key(h) for h in table.headings) - {
            alias for alias, _ in self.alias_pairs
        }
        # what :func:`.assemble.match_row` decided, by (allow_short, the context's texts): row
        # labels repeat from report to report
        self.matches: dict[tuple[bool, tuple[str, ...]], Row | None] = {}

    def remember(self, memo: tuple[bool, tuple[str, ...]], row: Row | None) -> None:
        if len(self.matches) >= _MEMO_LIMIT:
            self.matches.clear()
        self.matches[memo] = row


def _own_number(row: Row) -> str:
    key = label_key(row.label)
    return key[: len(key) - len(strip_numbering(key))]


def label_test_for(fmt: Format) -> Callable[[str], bool]:
    """The test of a known row label for ``fmt``: one function per format, so that what it
    decided can be cached too (:func:`.tokens.tokenize`)."""
    aliases = {a for t in fmt.tables for r in t.rows for a in r.aliases if a not in GENERIC_ALIASES}
    # one search for "any alias occurs in the key"
    pattern = re.compile("|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True)))

    def test(text: str) -> bool:
        key = label_key(text)
        if pattern.search(key):
            return True
        # a generic alias is a label only as a whole, numbered cell: "（七）总计", "3.其他"
        bare = strip_numbering(key)
        return bare != key and bare in GENERIC_ALIASES

    return test
