"""Notes inside cells in every plain-text layout: the leading figure is the value, the note is
kept in a finding, the note's own digits never become cells, and a cell whose value is unclear
or whose unit does not fit the column stays null (never a guess, never a conversion)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.normalize import CellNote, cell_note, split_trailing_numbers
from gongkai.report.parse import parse_text

from . import layouts
from .factories import clean_document
from .scoring import assert_no_wrong_number

LAYOUTS = ("word_cells", "pipe_stream", "markdown", "row_per_line_spaces", "row_per_line_tabs")


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("22（其中修订16件）", CellNote("22", None, "其中修订16件", False)),
        ("55（含自然失效29件）", CellNote("55", None, "含自然失效29件", False)),
        ("3（件）", CellNote("3", "件", None, False)),
        ("12(件)", CellNote("12", "件", None, False)),
        ("96171.6万元", CellNote("96171.6", "万元", None, False)),
        ("８０００元", CellNote("8000", "元", None, False)),
        ("27件（其中网上申请20件）", CellNote("27", "件", "其中网上申请20件", False)),
        ("10 （其中 转办3件）", CellNote("10", None, "其中 转办3件", False)),
        ("1（2）", CellNote("1", None, "2", True)),
        ("1(2件)", CellNote("1", None, "2件", True)),
        ("−3（件）", CellNote("-3", "件", None, False)),
        ("22", None),
        ("规章", None),
        ("1.属于国家秘密", None),
        ("2019年", None),
        ("（二）部分公开", None),
        ("22（其中（修订）16件）", None),  # nested brackets: not a note this reader knows
        ("22其中修订16件", None),  # no brackets: not told apart from a run of text
    ],
)
def test_cell_note(cell: str, read: CellNote | None) -> None:
    assert cell_note(cell) == read


def test_spaced_note_stays_one_cell() -> None:
    assert split_trailing_numbers("规章 22 （其中 修订16件） 3 55（含自然失效29件）") == (
        "规章",
        ("22（其中修订16件）", "3", "55（含自然失效29件）"),
    )


# the cells written with a note, and the value each must read as (None: null)
NOTED: dict[tuple[str, str, str | None], tuple[str, Any]] = {
    ("proactive", "normative_docs", "issued"): ("3（其中修订2件）", 3),
    ("proactive", "normative_docs", "repealed"): ("1（含自然失效1件）", 1),
    ("proactive", "normative_docs", "in_force"): ("12(件)", 12),
    ("proactive", "licensing", None): ("120（其中告知承诺制12件）", 120),
    ("proactive", "penalty", None): ("15件", 15),
    ("proactive", "admin_fees", None): ("3.5万元", 3.5),
    ("applications", "received", "natural_person"): ("30（含网上申请16件）", 30),
    ("applications", "granted", "total"): ("19件", 19),
    ("applications", "withheld_third_party", "total"): ("3（3）", None),
    ("disputes", "review", "total"): ("4（其中维持2件）", 4),
}
CODES = {
    ("applications", "withheld_third_party", "total"): "CELL-AMBIGUOUS",
}


def _noted(cells: dict[tuple[str, str, str | None], tuple[str, Any]]) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """The clean document with ``cells`` written as text, and the document it must read as."""
    doc, want = clean_document(), clean_document()
    for (table, row, column), (text, value) in cells.items():
        if column is None:
            doc[table][row], want[table][row] = text, value
        else:
            doc[table][row][column], want[table][row][column] = text, value
    return doc, want


STYLES = {
    "plain": layouts.Style(),
    "noisy": layouts.Style(seed=7, noise=True, halfwidth=True, inline_groups=True),
    "word": layouts.Style(seed=3, bookmarks=True, ideographic=True, broken=1, wrap=True),
    "fullwidth": layouts.Style(seed=5, fullwidth_values=True, span="repeat"),
}


@pytest.mark.parametrize("style", STYLES, ids=str)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_notes_in_every_layout(layout: str, style: str) -> None:
    doc, want = _noted(NOTED)
    text = getattr(layouts, layout)(doc, STYLES[style])
    got = to_canonical(parse_text(text))
    result = assert_no_wrong_number(want, got)
    assert not result.missing
    for table in ("proactive", "applications", "disputes"):
        assert got[table] == want[table]
    found = {
        (n["table"], n["row"], n.get("column")): n["code"]
        for n in got.get("parse_notes", [])
        if n["code"].startswith("CELL-")
    }
    assert found == {place: CODES.get(place, "CELL-NOTE") for place in NOTED}


@pytest.mark.parametrize(
    ("written", "read", "code"),
    [
        ("8000元", None, "CELL-UNIT"),  # 元 under 万元: never taken as 万元, never converted
        ("0.8万", 0.8, "CELL-NOTE"),
        ("0元", 0, "CELL-NOTE"),  # zero is zero in any unit of money
        ("3件", None, "CELL-UNIT"),  # a count unit under an amount
    ],
)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_fee_unit(layout: str, written: str, read: Any, code: str) -> None:
    doc, want = _noted({("proactive", "admin_fees", None): (written, read)})
    got = to_canonical(parse_text(getattr(layouts, layout)(doc)))
    assert got["proactive"] == want["proactive"]
    (note,) = [n for n in got["parse_notes"] if n.get("row") == "admin_fees"]
    assert note["code"] == code and note["detail"]["raw"] == written


def test_money_under_a_count_is_null() -> None:
    doc, want = _noted({("proactive", "licensing", None): ("120万元", None)})
    got = to_canonical(parse_text(layouts.row_per_line_tabs(doc)))
    assert got["proactive"] == want["proactive"]
    assert [n["code"] for n in got["parse_notes"]] == ["CELL-UNIT"]


def test_note_digits_never_fill_a_short_row() -> None:
    """A row with a noted cell and a missing cell: the note's 16 is not the missing value."""
    doc = copy.deepcopy(clean_document())
    text = layouts.row_per_line_spaces(doc).replace(
        "行政规范性文件 3 1 12", "行政规范性文件 3（其中修订16件） 12"
    )
    assert "3（其中修订16件）" in text
    got = to_canonical(parse_text(text))
    row = got["proactive"]["normative_docs"]
    assert 16 not in row.values() and set(row.values()) <= {3, 12, None}


def test_note_broken_over_lines_never_gives_its_digits() -> None:
    """A note wrapped in a narrow column ("3（其中修订16" / "件）"): its 16 is no value, glued
    or not; in a pipe dump the two lines of the cell are one cell again."""
    doc = clean_document()
    spaces = layouts.row_per_line_spaces(doc)
    wrapped = spaces.replace("行政规范性文件 3 1 12", "行政规范性文件 3（其中修订16\n件） 1 12")
    glued = spaces.replace("规章 0 0 0", "规章 0（其中修订16 0 0")
    for text in (wrapped, glued):
        got = to_canonical(parse_text(text))
        assert_no_wrong_number(doc, got)
        assert 16 not in [
            v for row in got["proactive"].values() if isinstance(row, dict) for v in row.values()
        ]
    pipe = layouts.pipe_stream(doc).replace(
        "行政规范性文件 |\n3 |", "行政规范性文件 |\n3（其中修订16\n件） |"
    )
    got = to_canonical(parse_text(pipe))
    assert got["proactive"] == doc["proactive"]
