"""pdftotext's default mode may pull the first number of the next row up into a row whose blank
cell left no trace; the stray number then sits one line closer than the others. A row of zeros
adds up whichever zero it holds, so such a row is left open, never filled with the stray.

The text is pdftotext's output over gongkai's PDF of a generated report (hypothesis, blank
cells allowed): in its table 三 the row （二）部分公开 has 商业企业 blank and all other cells 0,
and the row 1.属于国家秘密 below it lost its first 0 to it."""

from __future__ import annotations

from pathlib import Path

from gongkai.report.canonical import to_canonical
from gongkai.report.fit import stray_edge
from gongkai.report.parse import parse_text
from gongkai.report.tokens import Token

TEXT = Path(__file__).parent / "data" / "pdftotext-row-with-a-blank-cell.txt"


def test_a_row_with_a_stray_number_is_left_open_not_filled():
    report = parse_text(TEXT.read_text(encoding="utf-8"))
    row = to_canonical(report)["applications"]["partially_granted"]
    assert row["business"] is None  # blank in the source: never 0
    assert set(row.values()) == {None}  # which zero is the stray cannot be told
    # its numbers are kept as written, outside the table, for a person to read
    kept = [f.message for f in report.notes if f.code == "TABLE-EXTRA-ROW"]
    assert any("不计其他情形" in m and "（0 0 0 0 0 0 0）" in m for m in kept)


def _numbers(lines: list[int]) -> list[Token]:
    return [Token("number", "0", line) for line in lines]


def test_the_stray_number_is_the_first_or_last_one_apart():
    assert stray_edge(_numbers([10, 12, 14, 16, 18, 20, 21])) == 6
    assert stray_edge(_numbers([10, 11, 13, 15, 17, 19, 21])) == 0
    assert stray_edge(_numbers([10, 12, 14, 16, 18, 20, 22])) is None  # evenly spaced
    assert stray_edge(_numbers([10, 11, 12, 13, 14, 15, 16])) is None  # one a line
    assert stray_edge(_numbers([10, 12, 13, 15, 16, 18, 20])) is None  # no pattern: as before


NEIGHBOUR = Path(__file__).parent / "data" / "pdftotext-neighbour-short-by-one.txt"


def test_a_row_beside_one_short_by_a_number_is_left_open():
    """Same generator: （五）不予处理 2.重复申请 has 其他 blank, all else 0, yet pdftotext wrote
    seven evenly spaced zeros after its label (a zero of another row moved in), and six after
    the label of the row above (1.信访举报投诉类申请, whose 法律服务机构 is blank). A row beside
    one a number short is not filled: which of its zeros is another row's cannot be told."""
    row = to_canonical(parse_text(NEIGHBOUR.read_text(encoding="utf-8")))["applications"][
        "declined_repeat"
    ]
    assert row["other_org"] is None
    assert set(row.values()) == {None}
