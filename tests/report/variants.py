"""Write the fixtures of tests/report/cases/notes-*/ and hant-*/ (see test_variants.py).

    .venv/bin/python -m tests.report.variants            # every source file

* notes-*: published reports with notes inside cells, as agencies write them
  ("22（其中修订16件）", "3（件）", "7730.28万元"): a seed's or a real report's text with the
  notes written into chosen cells, in its own layout (Word cells, pipes, pdftotext -layout),
  and a seed's tables as a CMS page (HTML), python-docx and openpyxl write them, and the
  DOCX as LibreOffice (headless) prints it to PDF. Which cell got
  which text is the list EDITS below; the goldens (expected.json) were written by hand.
* hant-*: seeds as mirror sites publish them in Traditional characters, converted with OpenCC
  (the ``opencc`` package's own converter, configurations s2t and s2tw, as the sites do); the
  HTML fixture is a whole CMS page converted the same way. The goldens are the seeds' truth.

The sources are written once and committed; expected.json is never written by this script.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from gongkai.report.normalize import clean_line, parse_value, value_kind

from .golden import CASES
from .make_fixtures import CMS_UTF8
from .read.sources import seed_blocks, seed_source
from .read.writers import Block, convert_bytes, to_docx, to_html, to_xlsx

REAL_TEXT = CASES / "real-hongze-district-government-2023-wps-pdftotext-layout" / "source.txt"

# (label as the source writes it, index of the value among the row's cells, new cell text)
Edit = tuple[str, int, str]

EDITS: dict[str, list[Edit]] = {
    # pdftotext -layout of the real WPS report: whole rows on one line, spaces between cells
    "notes-real-hongze-district-government-2023-pdftotext-layout": [
        ("行政规范性文件", 1, "5（含自然失效3件）"),
        ("行政规范性文件", 2, "5（件）"),
        ("行政许可", 0, "550（其中即办件320件）"),
        ("行政处罚", 0, "4119件"),
        ("行政事业性收费", 0, "7730.28万元"),
        ("一、本年新收政府信息公开申请数量", 0, "21（其中网上申请15件）"),
        ("一、本年新收政府信息公开申请数量", 6, "21(件)"),
        ("1.本机关不掌握相关政府信息", 0, "10 （其中 转办3件）"),
        ("6.属于四类过程性信息", 6, "1（1）"),
    ],
    # the same text with the fee in 元 under the 万元 column
    "notes-real-hongze-district-government-2023-pdftotext-fee-in-yuan": [
        ("行政事业性收费", 0, "77302800元"),
    ],
    # seed 001 as Word saves it as text: one cell a line; a note may follow on its own line
    "notes-seed-001-taierzhuang-civil-affairs-2023-word-cells": [
        ("规章", 2, "0（件）"),
        ("行政规范性文件", 0, "0\n（本年未制发）"),
        ("行政许可", 0, "0（件）"),
        ("行政事业性收费", 0, "0万元"),
        ("一、本年新收政府信息公开申请数量", 6, "0（件）"),
        ("3.其他", 0, "0（0）"),
    ],
    # seed 002 as a crawler dumps the page: "cell |", pipes for merged slots
    "notes-seed-002-civil-affairs-2024-pipe-cells": [
        ("行政许可", 0, "38（其中告知承诺制12件）"),
        ("行政事业性收费", 0, "0元"),
        ("规范性文件", 2, "0\n(件)"),
        ("一、本年新收政府信息公开申请数量", 6, "0（件）"),
    ],
}
# explicit cells (HTML, DOCX, XLSX): (table, row, column index) → new cell text, on seed 004
CELL_EDITS: dict[tuple[str, str, int], str] = {
    ("proactive", "licensing", 0): "0（件）",
    ("proactive", "admin_fees", 0): "0万元",
    ("applications", "received", 0): "26（其中网上申请20件）",
    ("applications", "received", 6): "27件",
    ("applications", "carried_in", 0): "6（含上年补正中4件）",
    ("applications", "unavailable_not_held", 6): "21（件）",
    ("disputes", "lit_direct", 0): "2（2）",
}
NOTES_004 = "notes-seed-004-linzi-government-office-2023"
HANT: dict[str, tuple[str, str]] = {  # case → (seed or source, OpenCC configuration)
    "hant-seed-000-linzi-civil-affairs-2024-word-cells-s2t": ("000", "s2t"),
    "hant-seed-002-civil-affairs-2024-pipe-cells-s2tw": ("002", "s2tw"),
    "hant-seed-004-linzi-government-office-2023-html-cms-s2tw": ("html-004", "s2tw"),
}
CMS_004 = CASES / "read-seed-004-linzi-government-office-2023-html-utf8-cms-layout" / "source.html"


def edit_text(text: str, edits: list[Edit]) -> str:
    """Write each edit's text into the cell it names: the ``index``-th value after the first
    line that is the label (a row on one line, or the cells on the lines below it)."""
    lines = text.split("\n")
    for label, index, new in edits:
        at = next(i for i, line in enumerate(lines) if _is_label_line(line, label))
        row = list(re.finditer(r"\S+", lines[at]))
        values = [m for m in row if value_kind(m.group()) == "number"]
        if values and len(values) > index:  # a whole row on the line
            old = values[index]
            lines[at] = lines[at][: old.start()] + new + lines[at][old.end() :]
            continue
        seen = -1
        for j in range(at + 1, len(lines)):
            cell = lines[j].strip().rstrip("|").strip()
            if parse_value(cell).kind == "number":
                seen += 1
                if seen == index:
                    lines[j] = lines[j].replace(cell, new, 1)
                    break
        else:  # pragma: no cover - a fixture names a cell that is not there
            raise ValueError((label, index))
    return "\n".join(lines)


def _is_label_line(line: str, label: str) -> bool:
    text = clean_line(line).strip().rstrip("|").strip()
    return text == label or text.startswith(label + " ") or text.startswith(label + "\t")


def _edit_cells(table: str, cells: dict[str, list[str]]) -> None:
    for (key, row, column), text in CELL_EDITS.items():
        if key == table:
            cells[row][column] = text


def noted_blocks() -> list[Block]:
    return seed_blocks("004", edit=_edit_cells)


def _opencc(config: str) -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC(config).convert  # type: ignore[no-any-return]


def write(names: list[str]) -> None:
    for name, edits in EDITS.items():
        if names and name not in names:
            continue
        base = REAL_TEXT if "-real-" in name else seed_source(name.split("-")[2])
        text = base.read_text(encoding="utf-8")
        case = CASES / name
        case.mkdir(exist_ok=True)
        (case / "source.txt").write_text(edit_text(text, edits), encoding="utf-8")
    writers: dict[str, Callable[[list[Block]], bytes]] = {
        "html": lambda b: to_html(b, CMS_UTF8),
        "docx": to_docx,
        "xlsx": to_xlsx,
        "pdf-libreoffice": lambda b: convert_bytes(to_docx(b), ".docx", "pdf"),
    }
    for kind, writer in writers.items():
        name = f"{NOTES_004}-{kind}"
        if names and name not in names:
            continue
        case = CASES / name
        case.mkdir(exist_ok=True)
        (case / f"source.{kind.split('-')[0]}").write_bytes(writer(noted_blocks()))
    for name, (source, config) in HANT.items():
        if names and name not in names:
            continue
        case = CASES / name
        case.mkdir(exist_ok=True)
        convert = _opencc(config)
        if source.startswith("html-"):
            page = CMS_004.read_bytes().decode("utf-8")
            (case / "source.html").write_bytes(convert(page).encode("utf-8"))
        else:
            text = seed_source(source).read_text(encoding="utf-8")
            (case / "source.txt").write_text(convert(text), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="cases to write (default: all)")
    write(parser.parse_args(argv).names)


if __name__ == "__main__":
    main()
