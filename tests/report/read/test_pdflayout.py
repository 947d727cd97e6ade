"""The PDF page geometry on small drawn pages: rules joined, layout boxes split from the
tables inside them, turned text, tables going on across pages."""

from __future__ import annotations

import itertools

from gongkai.report.read.pdfbreaks import Item, continue_table
from gongkai.report.read.pdflayout import Char, Rule, find_tables, text_lines


def _grid(x0: float, y0: float, xs: list[float], ys: list[float]) -> list[Rule]:
    """A ruled grid, each border drawn cell by cell as a browser draws it."""
    rules = []
    for y in ys:
        for a, b in itertools.pairwise(xs):
            rules.append(Rule(True, y0 + y, x0 + a, x0 + b))
    for x in xs:
        for a, b in itertools.pairwise(ys):
            rules.append(Rule(False, x0 + x, y0 + a, y0 + b))
    return rules


def _text(text: str, x: float, y: float, size: float = 10.0) -> list[Char]:
    return [Char(ch, x + k * size, y, x + (k + 1) * size, y + size) for k, ch in enumerate(text)]


def test_cell_by_cell_borders_make_one_table() -> None:
    rules = _grid(0, 0, [0, 100, 140, 180], [0, 20, 40])
    chars = _text("信息内容", 5, 5) + _text("制发", 105, 5)
    chars += _text("规章", 5, 25) + _text("1", 105, 25) + _text("0", 145, 25)
    (frame,) = find_tables(rules, chars)
    assert frame.xs == [0, 100, 140, 180] and frame.ys == [0, 20, 40]


def test_layout_box_around_tables_is_text() -> None:
    box = [Rule(True, 0, 0, 500), Rule(True, 400, 0, 500)]
    box += [Rule(False, 0, 0, 400), Rule(False, 500, 0, 400), Rule(False, 2, 0, 400)]
    first = _grid(2, 50, [0, 100, 200], [0, 20, 40])
    second = _grid(2, 200, [0, 80, 160, 240], [0, 20])
    chars = _text("标题在盒子里", 20, 10) + _text("一段正文在两个表格之间", 20, 150)
    chars += _text("规章", 10, 75) + _text("3", 110, 75) + _text("行政许可", 10, 55)
    chars += _text("5", 110, 55) + _text("甲", 10, 205) + _text("7", 90, 205) + _text("8", 170, 205)
    frames = find_tables(box + first + second, chars)
    assert [(round(f.ys[0]), round(f.ys[-1]), len(f.xs) - 1) for f in frames] == [
        (50, 90, 2),
        (200, 220, 3),
    ]


def test_text_turned_up_the_page_reads_upwards() -> None:
    chars = [Char(ch, 0, 100 - 10 * k, 10, 110 - 10 * k, 270) for k, ch in enumerate("三、本年度")]
    (line,) = text_lines(reversed(chars))
    assert line.text() == "三、本年度"


def test_repeated_header_dropped_and_broken_row_joined_by_position() -> None:
    header = ("项目", "", "自然人", "总计")
    wide = (0.0, 50.0, 100.0, 150.0, 200.0)
    lines = [
        Item("", header, xs=wide),
        Item("", ("", "1.信访", "0", "0"), xs=wide),
    ]
    narrow = (0.0, 100.0, 150.0, 200.0)  # the next page's grid has no rule at 50
    items = [
        Item("", ("项目", "自然人", "总计"), xs=narrow),
        Item("", ("举报投诉类申请", "", ""), xs=(50.0, 100.0, 150.0, 200.0)),
        Item("", ("2.重复申请", "1", "1"), xs=narrow),
    ]
    continue_table(lines, items)
    assert lines[-1].cells == ("", "1.信访举报投诉类申请", "0", "0")
    assert [i.cells for i in items] == [("2.重复申请", "1", "1")]


def test_rest_under_a_number_is_not_joined() -> None:
    lines = [Item("", ("1.属于国家秘密", "0", "0"))]
    items = [Item("", ("", "备注", ""))]
    continue_table(lines, items)
    assert lines[-1].cells == ("1.属于国家秘密", "0", "0") and len(items) == 1


def test_numbers_in_one_cell_are_not_placed() -> None:
    from gongkai.report.read.cells import Grid
    from gongkai.report.read.limits import DEFAULT_LIMITS
    from gongkai.report.read.pdflayout import table_grid

    # the rule between the last two columns is drawn over the header row only
    rules = _grid(0, 0, [0, 100, 140, 180], [0, 20])
    rules += [Rule(True, 40, 0, 180), Rule(False, 0, 20, 40), Rule(False, 100, 20, 40)]
    rules += [Rule(False, 180, 20, 40)]
    chars = _text("信息内容", 5, 5) + _text("制发", 105, 5) + _text("有效", 145, 5)
    chars += _text("行政规范性文件", 5, 25) + _text("2", 115, 25) + _text("15", 150, 25)
    (frame,) = find_tables(rules, chars)
    grid = Grid(None, DEFAULT_LIMITS)
    assert table_grid(frame, chars, grid) == ["2 15"]
    assert grid.rows()[1] == ("行政规范性文件", "", "")


def test_pdf_reader_reports_the_uncertain_cell() -> None:
    from gongkai.report.model import Finding
    from gongkai.report.read.pdf import _uncertain_cell

    note = _uncertain_cell("2 15", 3)
    assert isinstance(note, Finding) and note.code == "CELL-AMBIGUOUS"
    assert note.detail == {"page": 3, "raw": ["2", "15"]}


def test_a_coloured_band_gives_its_edges_a_thin_fill_is_a_rule() -> None:
    from gongkai.report.read.pdfrules import _filled

    band = [(0, 10.0, 10.0, False), (1, 210.0, 10.0, False), (1, 210.0, 40.0, False)]
    band.append((1, 10.0, 40.0, True))
    assert sorted(_filled(band, lambda: True)) == [
        (False, 10.0, 10.0, 40.0),
        (False, 210.0, 10.0, 40.0),
        (True, 10.0, 10.0, 210.0),
        (True, 40.0, 10.0, 210.0),
    ]
    assert list(_filled(band, lambda: False)) == []  # a white background says nothing
    thin = [(0, 10.0, 10.0, False), (1, 210.0, 10.0, False), (1, 210.0, 10.5, False)]
    thin.append((1, 10.0, 10.5, True))
    assert list(_filled(thin, lambda: True)) == [(True, 10.25, 10.0, 210.0)]


def test_reader_notes_reach_the_report() -> None:
    from dataclasses import replace

    from gongkai.report.parse import parse_document
    from gongkai.report.read.pdf import _uncertain_cell, read_pdf

    from ..golden import CASES

    source = CASES / "read-seed-002-civil-affairs-2024-pdf-libreoffice" / "source.pdf"
    document = replace(read_pdf(source.read_bytes()), notes=(_uncertain_cell("2 15", 2),))
    assert [n.code for n in parse_document(document).notes] == ["CELL-AMBIGUOUS"]
