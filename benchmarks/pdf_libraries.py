"""Which PDF library reads report tables best: cells scored against the goldens, and time.

    .venv/bin/python benchmarks/pdf_libraries.py [--repeat 3]

For every PDF case in tests/report/cases (LibreOffice, Chromium, Word-like DOCX through
LibreOffice, and the real WPS file), each library's text and tables are turned into the raw
form every gongkai reader produces (text lines, and table rows as cells, in reading order on
the page) and parsed by the same parser; the result is scored cell by cell with
tests/report/scoring.py (correct / missing / wrong). Time is the library's reading plus parsing,
per report, on one core. Libraries that are not installed are skipped:

* pypdfium2 — gongkai's own reader (src/gongkai/report/read/pdf.py): PDFium characters and
  paths, tables rebuilt from the ruling lines (pdflayout.py, pdfbreaks.py).
* pdfplumber (pdfminer.six) — ``extract_tables()`` (lattice from the lines and rects) and the
  words outside the tables.
* PyMuPDF — ``find_tables()`` and the text lines outside them. AGPL: measured, never a
  dependency of gongkai.
* camelot — ``read_pdf(flavor="lattice")`` tables; its text outside the tables from pdfplumber.

The figures are in docs/pdf-reader.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.report.scoring import Score, score  # noqa: E402

from gongkai.report.canonical import to_canonical  # noqa: E402
from gongkai.report.parse import parse_bytes, parse_document  # noqa: E402
from gongkai.report.read.base import RawDocument, RawLine  # noqa: E402
from gongkai.report.read.cells import join_pieces  # noqa: E402

CASES = ROOT / "tests" / "report" / "cases"
Row = tuple[float, int, str, tuple[str, ...] | None]  # (top, order, text, cells)


def _cell(text: Any) -> str:
    return join_pieces(str(text or "").split("\n"))


def _document(rows_by_page: list[list[Row]]) -> RawDocument:
    lines: list[RawLine] = []
    for rows in rows_by_page:
        for _, _, text, cells in sorted(rows, key=lambda r: (r[0], r[1])):
            if cells is not None and any(cells):
                lines.append(RawLine("\t".join(cells), len(lines) + 1, cells))
            elif cells is None and text.strip():
                lines.append(RawLine(text, len(lines) + 1))
    return RawDocument(None, "pdf", tuple(lines))


def _text_rows(words: list[dict[str, Any]], order: int) -> list[Row]:
    """pdfplumber words grouped into lines by their top."""
    out: list[Row] = []
    line: list[dict[str, Any]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if line and abs(word["top"] - line[-1]["top"]) > 3:
            out.append((line[0]["top"], order, join_pieces(w["text"] for w in line), None))
            line = []
        line.append(word)
    if line:
        out.append((line[0]["top"], order, join_pieces(w["text"] for w in line), None))
    return out


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def read_pdfplumber(data: bytes) -> RawDocument:
    import io

    import pdfplumber

    pages: list[list[Row]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            rows: list[Row] = []
            boxes = []
            for table in page.find_tables():
                boxes.append(table.bbox)
                for k, row in enumerate(table.extract()):
                    top = table.bbox[1] + k * 0.01
                    rows.append((top, 1, "", tuple(_cell(c) for c in row)))
            words = [w for w in page.extract_words() if not _inside(w, boxes)]
            rows.extend(_text_rows(words, 0))
            pages.append(rows)
    return _document(pages)


def read_pymupdf(data: bytes) -> RawDocument:
    import pymupdf

    pages: list[list[Row]] = []
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        for page in pdf:
            rows: list[Row] = []
            boxes = []
            for table in page.find_tables().tables:
                boxes.append(tuple(table.bbox))
                for k, row in enumerate(table.extract()):
                    rows.append((table.bbox[1] + k * 0.01, 1, "", tuple(_cell(c) for c in row)))
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", ()):
                    text = "".join(span["text"] for span in line["spans"])
                    x0, y0, x1, y1 = line["bbox"]
                    word = {"x0": x0, "x1": x1, "top": y0, "bottom": y1}
                    if text.strip() and not _inside(word, boxes):
                        rows.append((y0, 0, text, None))
            pages.append(rows)
    return _document(pages)


def read_camelot(data: bytes) -> RawDocument:
    import io
    import tempfile

    import camelot
    import pdfplumber

    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        tables = camelot.read_pdf(tmp.name, pages="all", flavor="lattice", suppress_stdout=True)
    by_page: dict[int, list[Any]] = {}
    for table in tables:
        by_page.setdefault(int(table.page), []).append(table)
    pages: list[list[Row]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rows: list[Row] = []
            boxes = []
            for table in by_page.get(number, ()):
                x0, y0, x1, y1 = table._bbox  # PDF space, y up
                top, bottom = page.height - y1, page.height - y0
                boxes.append((x0, top, x1, bottom))
                for k, row in enumerate(table.df.values.tolist()):
                    rows.append((top + k * 0.01, 1, "", tuple(_cell(c) for c in row)))
            words = [w for w in page.extract_words() if not _inside(w, boxes)]
            rows.extend(_text_rows(words, 0))
            pages.append(rows)
    return _document(pages)


def read_pypdfium2(data: bytes) -> Any:
    return None  # parse_bytes reads it with gongkai's own reader


LIBRARIES: dict[str, tuple[str, Callable[[bytes], Any]]] = {
    "pypdfium2 (gongkai)": ("pypdfium2", read_pypdfium2),
    "pdfplumber": ("pdfplumber", read_pdfplumber),
    "PyMuPDF find_tables": ("pymupdf", read_pymupdf),
    "camelot lattice": ("camelot", read_camelot),
}


def available(module: str) -> bool:
    try:
        __import__(module)
    except Exception:
        return False
    return True


def run(name: str, reader: Callable[[bytes], Any], repeat: int) -> dict[str, Any]:
    total = Score()
    per_case: dict[str, list[int]] = {}
    seconds = 0.0
    cases = sorted(p for p in CASES.iterdir() if (p / "source.pdf").is_file())
    for case in cases:
        data = (case / "source.pdf").read_bytes()
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        got: dict[str, Any] = {}
        start = time.perf_counter()
        for _ in range(repeat):
            try:
                document = reader(data)
                report = parse_bytes(data) if document is None else parse_document(document)
                got = to_canonical(report)
            except Exception as exc:  # a library that fails on a file scores nothing there
                print(f"  {name}: {case.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                got = {}
        seconds += (time.perf_counter() - start) / repeat
        result = score(expected, got)
        per_case[case.name] = [result.correct, len(result.missing), len(result.wrong)]
        total = total.add(result)
    return {
        "library": name,
        "correct": total.correct,
        "missing": len(total.missing),
        "wrong": len(total.wrong),
        "ms_per_report": 1000 * seconds / len(cases),
        "cases": per_case,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    results = []
    for name, (module, reader) in LIBRARIES.items():
        if not available(module):
            print(f"{name}: not installed, skipped", file=sys.stderr)
            continue
        results.append(run(name, reader, args.repeat))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(f"{'library':22} {'correct':>8} {'missing':>8} {'wrong':>6} {'ms/report':>10}")
    for r in results:
        print(
            f"{r['library']:22} {r['correct']:8d} {r['missing']:8d} {r['wrong']:6d} "
            f"{r['ms_per_report']:10.1f}"
        )
    print()
    names = sorted({case for r in results for case in r["cases"]})
    for case in names:
        cells = "  ".join(
            "{:>3}/{:>3}/{:>3}".format(*r["cases"][case]) for r in results if case in r["cases"]
        )
        print(f"{case[:60]:60} {cells}")
    print("(per case: correct/missing/wrong, libraries in the order above)")


if __name__ == "__main__":
    main()
