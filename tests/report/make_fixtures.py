"""Regenerate the reader fixtures in tests/report/cases/read-*/ with real tools.

    .venv/bin/python -m tests.report.make_fixtures            # the source files
    .venv/bin/python -m tests.report.make_fixtures --expected # and expected.json from the code

Sources: HTML as content-management systems write it (GBK, entities, Word-pasted spans, nested
layout tables, page chrome), DOCX from python-docx with the template's merged cells, XLSX from
openpyxl with merged ranges, PDF and XLS converted by LibreOffice headless, and PDF printed from
the HTML fixtures by Chromium headless (PRINTED), and PDF from DOCX built like Word tables (shaded
header rows, vertical group label, repeated header, a row broken across pages; WORDLIKE). expected.json is
written only with --expected (or GONGKAI_REGENERATE=1 in the tests): read the diff by hand.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from gongkai.report.canonical import to_canonical
from gongkai.report.parse import parse_file

from .read.sources import CASES, generated_2019, generated_blanks, seed_blocks
from .read.wordlike import to_word_docx
from .read.writers import (
    Block,
    HtmlStyle,
    convert,
    print_to_pdf,
    report_blocks,
    to_docx,
    to_html,
    to_xlsx,
)

GBK_WORD = HtmlStyle(encoding="gbk", declare="http-equiv", word=True, entities=True, layout=True)
CMS_UTF8 = HtmlStyle(encoding="utf-8", declare="meta", entities=True, layout=True)
GB2312_FRAGMENT = HtmlStyle(encoding="gb2312", declare="none", fragment=True)

# name → (blocks, kind, how): kind is the source's extension
Fixture = tuple[Callable[[], list[Block]], str, Callable[[list[Block]], bytes] | None]
FIXTURES: dict[str, Fixture] = {
    "read-seed-000-linzi-civil-affairs-2024-html-gbk-word-pasted": (
        lambda: seed_blocks("000"),
        "html",
        lambda b: to_html(b, GBK_WORD),
    ),
    "read-seed-000-linzi-civil-affairs-2024-xls-libreoffice": (
        lambda: seed_blocks("000"),
        "xls",
        None,
    ),
    "read-seed-001-taierzhuang-civil-affairs-2023-docx": (
        lambda: seed_blocks("001"),
        "docx",
        to_docx,
    ),
    "read-seed-001-taierzhuang-civil-affairs-2023-pdf-libreoffice": (
        lambda: seed_blocks("001"),
        "pdf",
        None,
    ),
    "read-seed-002-civil-affairs-2024-html-gb2312-fragment-no-charset": (
        lambda: seed_blocks("002"),
        "html",
        lambda b: to_html(b, GB2312_FRAGMENT),
    ),
    "read-seed-002-civil-affairs-2024-pdf-libreoffice": (lambda: seed_blocks("002"), "pdf", None),
    "read-seed-003-qidu-town-2024-xlsx-merged": (lambda: seed_blocks("003"), "xlsx", to_xlsx),
    "read-seed-004-linzi-government-office-2023-html-utf8-cms-layout": (
        lambda: seed_blocks("004"),
        "html",
        lambda b: to_html(b, CMS_UTF8),
    ),
    "read-seed-004-linzi-government-office-2023-docx-placed-row": (
        lambda: seed_blocks("004"),
        "docx",
        to_docx,
    ),
    "read-generated-2019-format-2020-docx": (
        lambda: report_blocks(generated_2019()),
        "docx",
        to_docx,
    ),
    "read-generated-2019-format-2020-pdf-libreoffice": (
        lambda: report_blocks(generated_2019()),
        "pdf",
        None,
    ),
    "read-generated-2021-blank-cells-html-gbk": (
        lambda: report_blocks(generated_blanks()),
        "html",
        lambda b: to_html(b, GBK_WORD),
    ),
    "read-generated-2021-blank-cells-pdf-libreoffice": (
        lambda: report_blocks(generated_blanks()),
        "pdf",
        None,
    ),
    "read-generated-2021-blank-cells-xlsx": (
        lambda: report_blocks(generated_blanks()),
        "xlsx",
        to_xlsx,
    ),
}


# name → the HTML fixture printed to PDF by Chromium, as a browser's "save as PDF" publishes it
PRINTED: dict[str, str] = {
    "read-seed-000-linzi-civil-affairs-2024-pdf-chromium": "read-seed-000-linzi-civil-affairs-2024-html-gbk-word-pasted",
    "read-seed-002-civil-affairs-2024-pdf-chromium-fragment": "read-seed-002-civil-affairs-2024-html-gb2312-fragment-no-charset",
    "read-seed-004-linzi-government-office-2023-pdf-chromium-cms-layout": "read-seed-004-linzi-government-office-2023-html-utf8-cms-layout",
    "read-generated-2021-blank-cells-pdf-chromium": "read-generated-2021-blank-cells-html-gbk",
}


# name → (blocks, DOCX built as Word/WPS users build the tables), converted to PDF by LibreOffice.
# space_before moves table 三 down so that a row breaks across a page (found with
# wordlike.split_labels): seed 001 breaks "1.信访举报投诉类申请" under a repeated header.
WORDLIKE: dict[str, tuple[Callable[[], list[Block]], Callable[[list[Block]], bytes]]] = {
    "read-seed-001-taierzhuang-civil-affairs-2023-pdf-word-btlr-split-row": (
        lambda: seed_blocks("001"),
        lambda b: to_word_docx(b, "btLr", True, 18 * 240),
    ),
    "read-generated-2021-blank-cells-pdf-word-tbrlv-split-row": (
        lambda: report_blocks(generated_blanks()),
        lambda b: to_word_docx(b, "tbRlV", False, 45 * 240),
    ),
}


def write_sources(names: list[str]) -> None:
    """Write each fixture's source file; PDF from the DOCX and XLS from the XLSX, by LibreOffice
    in one run per target."""
    pending: dict[str, list[tuple[Path, Path]]] = {"pdf": [], "xls": []}
    with tempfile.TemporaryDirectory(prefix="gongkai-fixtures-") as tmp:
        for name in names:
            if name in WORDLIKE:
                blocks_of, docx_of = WORDLIKE[name]
                (CASES / name).mkdir(parents=True, exist_ok=True)
                docx = Path(tmp) / f"{name}.docx"
                docx.write_bytes(docx_of(blocks_of()))
                pending["pdf"].append((docx, CASES / name))
                continue
            if name in PRINTED:
                (CASES / name).mkdir(parents=True, exist_ok=True)
                print_to_pdf(CASES / PRINTED[name] / "source.html", CASES / name / "source.pdf")
                continue
            blocks_of, kind, writer = FIXTURES[name]
            case = CASES / name
            case.mkdir(parents=True, exist_ok=True)
            blocks = blocks_of()
            if writer is not None:
                (case / f"source.{kind}").write_bytes(writer(blocks))
                continue
            base = Path(tmp) / name
            if kind == "pdf":
                base.with_suffix(".docx").write_bytes(to_docx(blocks))
                pending["pdf"].append((base.with_suffix(".docx"), case))
            else:
                base.with_suffix(".xlsx").write_bytes(to_xlsx(blocks))
                pending["xls"].append((base.with_suffix(".xlsx"), case))
        for target, items in pending.items():
            if not items:
                continue
            outputs = convert([src for src, _ in items], target, Path(tmp))
            for out, (_, case) in zip(outputs, items, strict=True):
                shutil.copyfile(out, case / f"source.{target}")


def write_expected(names: list[str]) -> None:
    for name in names:
        case = CASES / name
        source = next(p for p in sorted(case.iterdir()) if p.stem == "source")
        document = to_canonical(parse_file(source))
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        (case / "expected.json").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="fixtures to write (default: all)")
    parser.add_argument(
        "--expected", action="store_true", help="also write expected.json from the code"
    )
    parser.add_argument("--expected-only", action="store_true", help="only rewrite expected.json")
    args = parser.parse_args(argv)
    names = args.names or [*FIXTURES, *PRINTED, *WORDLIKE]
    if not args.expected_only:
        write_sources(names)
    if args.expected or args.expected_only:
        write_expected(names)


if __name__ == "__main__":
    main()
