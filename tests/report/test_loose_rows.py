"""Rows the aliases miss: a typo'd label, and the older template's single （六）其他处理 row in a
2021-format table. Matched only when certain; everything else stays an extra row."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from gongkai.report.assemble import assemble_table
from gongkai.report.canonical import to_canonical
from gongkai.report.model import Report
from gongkai.report.parse import detect_format, parse_text
from gongkai.report.read.base import RawLine
from gongkai.report.read.text import read_text
from gongkai.report.spec import FORMAT_2021, GROUP_WITHHELD, Row, Table

from . import layouts
from .factories import as_2019 as _as_2019
from .factories import clean_document
from .scoring import assert_no_wrong_number

LAYOUTS = ("word_cells", "pipe_stream", "markdown", "row_per_line_spaces", "row_per_line_tabs")
APPS = "三、收到和处理政府信息公开申请情况"
DISPUTES = "四、政府信息公开行政复议、行政诉讼情况"


def _read(text: str) -> dict[str, Any]:
    return to_canonical(parse_text(text))


def _codes(document: dict[str, Any]) -> list[str]:
    return [n["code"] for n in document.get("parse_notes", [])]


# ------------------------------------------------------------------------------- typo'd labels


@pytest.mark.parametrize("layout", LAYOUTS)
def test_typo_label_is_its_row(layout: str) -> None:
    doc = clean_document()
    doc["applications"]["withheld_law_barred"] = {k: 1 for k in doc["applications"]["granted"]}
    doc["applications"]["withheld_law_barred"]["total"] = 6
    text = getattr(layouts, layout)(doc)
    assert text.count("2.其他法律行政法规禁止公开") == 1
    got = _read(text.replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"))
    assert got["applications"] == doc["applications"]
    assert "ROW-LABEL-TYPO" in _codes(got) and "TABLE-EXTRA-ROW" not in _codes(got)


@pytest.mark.parametrize(
    ("label", "cells"),
    [
        ("9.其他原因不予公开", "1 0 0 0 0 0 1"),  # no row has item number 9
        ("6.属于其他类信息", "1 0 0 0 0 0 1"),  # 6 is 四类过程性信息: too few characters agree
        ("3.其他法律行政止公开", "0 0 0 0 0 0 0"),  # the right words, the wrong item number
        ("2.其他", "1 0 0 0 0 0 1"),  # too short to be matched approximately
    ],
)
def test_unrelated_rows_stay_extra(label: str, cells: str) -> None:
    doc = clean_document()
    text = layouts.row_per_line_spaces(doc)
    anchor = next(line for line in text.splitlines() if "1.属于国家秘密" in line)
    got = _read(text.replace(anchor, f"{anchor}\n{label} {cells}", 1))
    assert got["applications"] == doc["applications"]
    assert [row["label"] for row in got["extra_rows"]["applications"]] == [label]
    assert "ROW-LABEL-TYPO" not in _codes(got)


def test_typo_label_outside_its_group_stays_extra() -> None:
    """The label is close to （三） 2., but it sits among the rows of （五）."""
    doc = clean_document()
    text = layouts.row_per_line_spaces(doc)
    text = "\n".join(line for line in text.splitlines() if "2.其他法律行政法规禁止公开" not in line)
    anchor = next(line for line in text.splitlines() if "2.重复申请" in line)
    got = _read(text.replace(anchor, f"{anchor}\n2.其他法律行政止公开 0 0 0 0 0 0 0", 1))
    assert set(got["applications"]["withheld_law_barred"].values()) == {None}
    assert [row["label"] for row in got["extra_rows"]["applications"]] == ["2.其他法律行政止公开"]


def test_typo_label_of_a_row_already_there_stays_extra() -> None:
    doc = clean_document()
    text = layouts.row_per_line_spaces(doc)
    anchor = next(line for line in text.splitlines() if "2.其他法律行政法规禁止公开" in line)
    got = _read(text.replace(anchor, f"{anchor}\n2.其他法律行政止公开 5 0 0 0 0 0 5", 1))
    assert got["applications"] == doc["applications"]
    assert "TABLE-EXTRA-ROW" in _codes(got)


def test_label_close_to_two_rows_matches_neither() -> None:
    """A made-up group whose rows 2. differ by their last character only."""
    rows = list(FORMAT_2021.applications.rows)
    at = next(i for i, r in enumerate(rows) if r.key == "withheld_security")
    twin = Row(
        "twin",
        "2.其他法律行政法规禁止公布",
        ("其他法律行政法规禁止公布",),
        rows[at].columns,
        group=GROUP_WITHHELD,
    )
    table = Table(
        "applications", "表三", (*rows[:at], twin, *rows[at:]), FORMAT_2021.applications.headings
    )
    fmt = replace(FORMAT_2021, applications=table)
    lines = [
        RawLine(text, i + 1)
        for i, text in enumerate(
            (
                "1.属于国家秘密 0 0 0 0 0 0 0",
                "2.其他法律行政法规禁止公开 0 0 0 0 0 0 0",
                "2.其他法律行政法规禁止公布 0 0 0 0 0 0 0",
                "2.其他法律行政法规禁止 1 0 0 0 0 0 1",
                "3.危及“三安全一稳定” 0 0 0 0 0 0 0",
            )
        )
    ]
    result = assemble_table(fmt, "applications", lines)
    assert result.data is not None
    assert [e.label for e in result.data.extra_rows] == ["2.其他法律行政法规禁止"]
    (note,) = [n for n in result.notes if n.code == "TABLE-EXTRA-ROW"]
    assert note.detail["candidates"] == ["withheld_law_barred", "twin"]
    assert "都相近" in note.message
    assert all(c.value == 0 for c in result.data.cells.values() if c.value is not None)


# ------------------------------------------------------------------- the single （六） row


def _spliced(layout: str) -> tuple[str, dict[str, Any]]:
    """A 2021-format report whose table 三 is written with the older single （六） row."""
    new = clean_document()
    old = _as_2019(new)
    text_new = getattr(layouts, layout)(new)
    text_old = getattr(layouts, layout)(old)

    def part(text: str) -> tuple[int, int]:
        return text.index(APPS), text.index(DISPUTES)

    a, b = part(text_new)
    c, d = part(text_old)
    return text_new[:a] + text_old[c:d] + text_new[b:], old


@pytest.mark.parametrize("layout", LAYOUTS)
def test_single_other_row_in_a_2021_report(layout: str) -> None:
    text, old = _spliced(layout)
    got = _read(text)
    assert got["format"] == "2021"
    assert got["applications"] == old["applications"]
    assert got["proactive"] == clean_document()["proactive"]
    codes = _codes(got)
    assert "TABLE-OLD-ROW" in codes
    assert "FORMAT-MIXED" not in codes and "TABLE-EXTRA-ROW" not in codes


def test_single_other_row_beside_the_new_rows_stays_extra() -> None:
    doc = clean_document()
    text = layouts.row_per_line_spaces(doc)
    anchor = next(line for line in text.splitlines() if line.startswith("3.其他"))
    got = _read(text.replace(anchor, f"{anchor}\n（六）其他处理 2 0 0 0 0 1 3", 1))
    assert got["applications"] == doc["applications"]
    assert "TABLE-OLD-ROW" not in _codes(got)


def test_wrapped_sub_row_beside_the_group_label_is_no_wrong_number() -> None:
    """pdftotext may print the group label on the line of a wrapped sub-row's values: the
    values are 1.'s, not a single （六） row's."""
    doc = clean_document()
    text = layouts.row_per_line_spaces(doc)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "1.申请人无正当理由" in line)
    values = lines[at].split()[-7:]
    lines[at : at + 1] = [
        "          1.申请人无正当理由逾",
        "（六）其他处理          " + "   ".join(values),
        "          期不补正、行政机关不再处理其政府信息公开申请",
    ]
    got = _read("\n".join(lines))
    assert_no_wrong_number(doc, got)
    assert "TABLE-OLD-ROW" not in _codes(got)


def test_single_other_row_of_a_2019_report() -> None:
    old = _as_2019(clean_document())
    old["proactive"]["licensing"] = {"items_prev": 12, "items_delta": -18, "decisions": 30}
    got = _read(layouts.row_per_line_tabs(old))
    assert got["format"] == "2019"
    assert got["applications"] == old["applications"]
    assert "TABLE-OLD-ROW" not in _codes(got)


# ----------------------------------------------------------------------------- detect_format


def _format(text: str) -> tuple[str | None, list[str]]:
    fmt, notes = detect_format(read_text(text).lines)
    return fmt, [n.code for n in notes]


def test_single_other_row_alone_marks_2019() -> None:
    assert _format("（六）其他处理 0 0 0\n（七）总计 1 0 1\n") == ("2019", [])


def test_single_other_row_with_a_2021_table_two_is_2021() -> None:
    text = "信息内容 本年制发件数 本年废止件数 现行有效件数\n（六）其他处理 0 0\n（七）总计 1 1\n"
    assert _format(text) == ("2021", [])


def test_single_other_row_with_a_2019_table_two_is_2019() -> None:
    text = "信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n（六）其他处理 0\n（七）总计 1\n"
    assert _format(text) == ("2019", [])


def test_both_tables_two_is_still_mixed() -> None:
    text = "本年新制作数量 对外公开总数量\n本年制发件数\n"
    assert _format(text) == ("2019", ["FORMAT-MIXED"])


def test_report_object_keeps_notes() -> None:
    text, _ = _spliced("row_per_line_spaces")
    report: Report = parse_text(text)
    (note,) = [n for n in report.notes if n.code == "TABLE-OLD-ROW"]
    assert note.row == "closed_other"
    assert note.detail["empty_rows"] == ["closed_no_correction", "closed_fee_unpaid"]


@pytest.mark.parametrize("label", ["（七）总计", "七、总计", "7.总计", "总计"])
def test_total_row_by_its_own_number(label: str) -> None:
    doc = clean_document()
    text = layouts.row_per_line_spaces(doc).replace("（七）总计", label)
    assert _read(text)["applications"] == doc["applications"]


def test_other_sub_row_needs_its_own_number() -> None:
    """“3.其他” is （六） 3.其他; “5.其他” written there is not taken for it."""
    doc = clean_document()
    text = layouts.row_per_line_spaces(doc)
    got = _read(text.replace("3.其他 ", "5.其他 ", 1))
    assert set(got["applications"]["closed_other"].values()) == {None}
    assert [row["label"] for row in got["extra_rows"]["applications"]] == ["5.其他"]
