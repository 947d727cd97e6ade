"""A scanned cell's other readings (gongkai.report.ocrrepair), without the OCR engine: the clean
report's rows as a scan's table rows, one cell misread, and what other passes read there.

The rule: another reading is taken only when, with it, every identity the cell is in holds,
and only when it is the one way to make its identity hold; nothing is computed."""

from __future__ import annotations

import random
from typing import Any

import pytest

from gongkai.report.model import Report
from gongkai.report.parse import parse_document
from gongkai.report.read.base import RawLine
from gongkai.report.read.ocr import OcrDocument, Readings
from gongkai.report.read.text import read_text

from .factories import clean_document
from .textbuild import build_text

GRANTED = "（一）予以公开"  # 15 3 1 0 0 0 19 in the clean report
SURE = 0.9


def _scan(misread: dict[int, str], others: dict[int, Readings], unread: bool = False) -> Report:
    """The clean report as a scan whose （一）予以公开 row read ``misread`` (by column from the
    end of the row) and whose other passes read ``others`` there; ``unread``: the row had a
    cell read as neither number nor blank, emptied by the reader."""
    raw = read_text(build_text(clean_document()), "scan.pdf")
    lines: list[RawLine] = []
    confidence: dict[int, tuple[float | None, ...]] = {}
    alternatives: dict[int, tuple[Readings, ...]] = {}
    rows_unread: set[int] = set()
    for line in raw.lines:
        tokens = line.text.split()
        if len(tokens) < 2 or not tokens[-1].isdigit():
            lines.append(line)
            continue
        if tokens[0] == GRANTED:
            for back, text in misread.items():
                tokens[-back] = text
            if unread:
                rows_unread.add(line.number)
            alternatives[line.number] = tuple(
                others.get(len(tokens) - k, ()) for k in range(len(tokens))
            )
        cells = tuple(tokens)
        lines.append(RawLine(" ".join(cells), line.number, cells))
        confidence[line.number] = tuple(SURE for _ in cells)
    document = OcrDocument(
        raw.source,
        "ocr",
        tuple(lines),
        (),
        confidence,
        frozenset(rows_unread),
        alternatives=alternatives,
    )
    return parse_document(document)


def _granted(report: Report, column: str) -> tuple[object, str]:
    data = report.table("applications")
    assert data is not None
    cell = data.cell("granted", column)
    return cell.value, cell.status


def test_a_misread_cell_takes_the_other_reading_that_makes_its_sums_hold() -> None:
    # 自然人 (7th from the end) is 15: read "16", another pass read "15"
    report = _scan({7: "16"}, {7: (("15", SURE),)})
    assert _granted(report, "natural_person") == (15, "value")
    summary = next(n for n in report.notes if n.code == "OCR-READ")
    assert summary.detail["reread"] == 1 and "再次识别" in summary.message
    assert not [n for n in report.notes if n.code == "OCR-UNCONFIRMED"]


def test_another_reading_that_does_not_add_up_is_not_taken() -> None:
    report = _scan({7: "16"}, {7: (("17", SURE), ("18", SURE))})
    assert _granted(report, "natural_person") == (None, "ambiguous")
    # its row and its column fail: the row's other cells are not confirmed either
    assert _granted(report, "business") == (None, "ambiguous")
    notes = [n for n in report.notes if n.code == "OCR-UNCONFIRMED"]
    assert any(n.row == "granted" and n.column == "natural_person" for n in notes)


def test_a_doubtful_other_reading_is_not_taken() -> None:
    report = _scan({7: "16"}, {7: (("15", 0.3),)})
    assert _granted(report, "natural_person") == (None, "ambiguous")


def test_two_cells_of_a_row_misread_are_set_right_together() -> None:
    # 自然人 15 → "16" and 商业企业 3 → "8": each alone cannot make the row hold
    report = _scan({7: "16", 6: "8"}, {7: (("15", SURE),), 6: (("3", SURE),)})
    assert _granted(report, "natural_person") == (15, "value")
    assert _granted(report, "business") == (3, "value")


def test_an_unread_cell_is_filled_only_from_a_reading_never_from_the_sums() -> None:
    # the 总计 cell unread (a seal over it), and no other pass read a number there: it stays
    # null although the row's sum would give it, and its row is not confirmed
    report = _scan({1: ""}, {}, unread=True)
    assert _granted(report, "total") == (None, "ambiguous")
    assert _granted(report, "natural_person") == (None, "ambiguous")
    report = _scan({1: ""}, {1: (("19", SURE),)}, unread=True)
    assert _granted(report, "total") == (19, "value")


def test_a_reading_that_would_break_its_column_is_not_taken() -> None:
    # 自然人 read "16" with candidates 15; 总计 read "19" with candidate 20: 15 makes row and
    # column hold; 20 would need 16 too and fails its column, so 15 alone is the one way
    report = _scan({7: "16"}, {7: (("15", SURE),), 1: (("20", SURE),)})
    assert _granted(report, "natural_person") == (15, "value")
    assert _granted(report, "total") == (19, "value")


def _misread_scan(rng: random.Random) -> tuple[Report, dict[str, Any]]:
    """The clean report as a scan with a few cells of tables 三 and 四 misread at random (a
    digit changed, or the cell unread), each with other readings: sometimes the right number,
    sometimes other wrong ones, at random confidences."""
    golden = clean_document()
    raw = read_text(build_text(golden), "scan.pdf")
    lines: list[RawLine] = []
    confidence: dict[int, tuple[float | None, ...]] = {}
    alternatives: dict[int, tuple[Readings, ...]] = {}
    unread: set[int] = set()
    for line in raw.lines:
        tokens = line.text.split()
        if len(tokens) < 2 or not tokens[-1].isdigit():
            lines.append(line)
            continue
        others: list[Readings] = [() for _ in tokens]
        sure: list[float | None] = [SURE for _ in tokens]
        for k, token in enumerate(tokens):
            if not token.isdigit() or rng.random() > 0.12:
                continue
            right = token
            if rng.random() < 0.3:
                tokens[k] = ""
                unread.add(line.number)
            else:
                tokens[k] = str(rng.choice([d for d in range(10) if str(d) != right[-1]]))
            sure[k] = rng.uniform(0.3, 1.0)
            wrong = [str(int(right) + rng.choice([-2, -1, 1, 2, 5])) for _ in range(2)]
            pool = [right, *wrong] if rng.random() < 0.7 else wrong
            others[k] = tuple((text, rng.uniform(0.3, 1.0)) for text in pool if text[0] != "-")
        cells = tuple(tokens)
        lines.append(RawLine(" ".join(cells), line.number, cells))
        confidence[line.number] = tuple(sure)
        alternatives[line.number] = tuple(others)
    document = OcrDocument(
        raw.source,
        "ocr",
        tuple(lines),
        (),
        confidence,
        frozenset(unread),
        alternatives=alternatives,
    )
    return parse_document(document), golden


@pytest.mark.parametrize("seed", range(40))
def test_random_misreadings_never_give_a_wrong_certain_number(seed: int) -> None:
    report, golden = _misread_scan(random.Random(seed))
    for key in ("applications", "disputes"):
        data = report.table(key)  # type: ignore[arg-type]
        assert data is not None
        for (row, column), cell in data.cells.items():
            if cell.status == "value":
                assert cell.value == golden[key][row][column], (key, row, column, cell)
