"""Regenerate the converter fixtures in tests/report/cases/convert-*/ with the real tools.

    .venv/bin/python -m tests.report.convert.make_fixtures          # every fixture
    .venv/bin/python -m tests.report.convert.make_fixtures --list   # their names

Supervisors and crawlers often hold a report only as a converter's output over the published
PDF or web page. Each fixture is one tool's output over one document whose truth is known:

* PDFs: the LibreOffice PDFs of the seeds and of the generated documents (the read-*-pdf
  fixtures, and the same conversion of tests/report/read/writers.to_docx for the seeds that
  have none), and the real WPS PDF real-hongze-district-government-2023-wps-pdf;
* web pages: the read-*-html fixtures (CMS pages, GBK/GB2312/UTF-8, Word-pasted);
* tools: pdftotext (poppler) -raw, default and -layout; pdfminer.six's extract_text;
  markitdown over the PDF and over the page; html2text over the page (decoded as the page
  declares, GB18030 for GBK/GB2312); and marker/MinerU-style markdown (marker_style.py, as
  those tools need model weights) from the document's blocks.

expected.json is the known truth, never a reader's output: the seed's hand-checked golden
tables (tests/report/cases/seed-*/expected.json; seed 004's 表二 “行政规范性文件” row as its
real table places it, see tests/report/read/sources.PLACED), the generated document
(tests/report/read/sources.py), or the WPS PDF's golden read from its page images.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..read.sources import CASES, PLACED, generated_2019, generated_blanks, seed_blocks
from ..read.writers import Block, convert, report_blocks, to_docx
from .marker_style import MarkerStyle, to_marker_markdown

PREFIX = "convert-"
PDF_TOOLS = ("pdftotext-raw", "pdftotext", "pdftotext-layout", "pdfminer", "markitdown-pdf")
HTML_TOOLS = ("markitdown-html", "html2text")


@dataclass(frozen=True)
class Document:
    name: str
    truth: Callable[[], dict[str, Any]]
    blocks: Callable[[], list[Block]] | None  # the document as blocks, when it was written
    pdf: str | None  # an existing PDF fixture, or "libreoffice" to convert the blocks' DOCX
    html: str | None  # an existing page fixture
    marker: MarkerStyle | None


def seed_truth(number: str) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads(
        next(CASES.glob(f"seed-{number}-*/expected.json")).read_text(encoding="utf-8")
    )
    for (seed, table, row), cells in PLACED.items():
        if seed == number:  # the real table places what the seed's text leaves open
            columns = list(truth[table][row])
            truth[table][row] = {
                c: (int(v) if v else None) for c, v in zip(columns, cells, strict=True)
            }
    return truth


def _case_file(name: str, filename: str) -> str:
    return str(CASES / name / filename)


DOCUMENTS: tuple[Document, ...] = (
    Document(
        "seed-000-linzi-civil-affairs-2024",
        lambda: seed_truth("000"),
        lambda: seed_blocks("000"),
        "libreoffice",
        _case_file("read-seed-000-linzi-civil-affairs-2024-html-gbk-word-pasted", "source.html"),
        MarkerStyle(),
    ),
    Document(
        "seed-001-taierzhuang-civil-affairs-2023",
        lambda: seed_truth("001"),
        lambda: seed_blocks("001"),
        _case_file("read-seed-001-taierzhuang-civil-affairs-2023-pdf-libreoffice", "source.pdf"),
        None,
        MarkerStyle(rows_per_page=7, footer_in_table=False, unlabeled=3, wrap="row"),
    ),
    Document(
        "seed-002-civil-affairs-2024",
        lambda: seed_truth("002"),
        lambda: seed_blocks("002"),
        _case_file("read-seed-002-civil-affairs-2024-pdf-libreoffice", "source.pdf"),
        _case_file(
            "read-seed-002-civil-affairs-2024-html-gb2312-fragment-no-charset", "source.html"
        ),
        MarkerStyle(rows_per_page=11, unlabeled=1, wrap="row", headings=False),
    ),
    Document(
        "seed-003-qidu-town-2024",
        lambda: seed_truth("003"),
        lambda: seed_blocks("003"),
        "libreoffice",
        None,
        MarkerStyle(rows_per_page=8, unlabeled=4, wrap="br", first_page=5),
    ),
    Document(
        "seed-004-linzi-government-office-2023",
        lambda: seed_truth("004"),
        lambda: seed_blocks("004"),
        "libreoffice",
        _case_file(
            "read-seed-004-linzi-government-office-2023-html-utf8-cms-layout", "source.html"
        ),
        MarkerStyle(rows_per_page=10, footer_in_table=False, unlabeled=2, wrap="row"),
    ),
    Document(
        "generated-2019-format-2020",
        generated_2019,
        lambda: report_blocks(generated_2019()),
        _case_file("read-generated-2019-format-2020-pdf-libreoffice", "source.pdf"),
        None,
        MarkerStyle(rows_per_page=6, unlabeled=2, wrap="br"),
    ),
    Document(
        "generated-2021-blank-cells",
        generated_blanks,
        lambda: report_blocks(generated_blanks()),
        _case_file("read-generated-2021-blank-cells-pdf-libreoffice", "source.pdf"),
        _case_file("read-generated-2021-blank-cells-html-gbk", "source.html"),
        MarkerStyle(rows_per_page=9, footer_in_table=False, unlabeled=3, wrap="row"),
    ),
    Document(
        "real-hongze-district-government-2023-wps",
        lambda: json.loads(
            (CASES / "real-hongze-district-government-2023-wps-pdf" / "expected.json").read_text(
                encoding="utf-8"
            )
        ),
        None,
        _case_file("real-hongze-district-government-2023-wps-pdf", "source.pdf"),
        None,
        None,
    ),
)


# ------------------------------------------------------------------------------ the tools


def pdftotext(pdf: Path, mode: str) -> str:
    flags = {"pdftotext-raw": ["-raw"], "pdftotext": [], "pdftotext-layout": ["-layout"]}[mode]
    done = subprocess.run(
        ["pdftotext", *flags, "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return done.stdout.decode("utf-8")


def pdfminer_text(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(str(pdf)))


def markitdown_text(path: Path) -> str:
    from markitdown import MarkItDown

    return str(MarkItDown().convert(str(path)).text_content)


def html2text_text(page: Path) -> str:
    import html2text

    data = page.read_bytes()
    for encoding in ("utf-8", "gb18030"):  # as the page declares: UTF-8, or GBK / GB2312
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return str(html2text.html2text(text))


def tool_output(tool: str, source: Path) -> str:
    if tool.startswith("pdftotext"):
        return pdftotext(source, tool)
    if tool == "pdfminer":
        return pdfminer_text(source)
    if tool in ("markitdown-pdf", "markitdown-html"):
        return markitdown_text(source)
    if tool == "html2text":
        return html2text_text(source)
    raise ValueError(tool)


def versions() -> dict[str, str]:
    from importlib.metadata import version

    poppler = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True).stderr.split(
        "\n"
    )[0]
    return {
        "pdftotext": poppler.strip(),
        "pdfminer": f"pdfminer.six {version('pdfminer.six')}",
        "markitdown": f"markitdown {version('markitdown')} (pdfplumber {version('pdfplumber')}, "
        f"markdownify {version('markdownify')})",
        "html2text": f"html2text {version('html2text')}",
        "marker": "tests/report/convert/marker_style.py (marker/MinerU need model weights)",
    }


# ------------------------------------------------------------------------------ the fixtures


def case_name(document: Document, tool: str) -> str:
    return f"{PREFIX}{document.name}-{tool}"


def plan() -> list[tuple[Document, str]]:
    out: list[tuple[Document, str]] = []
    for document in DOCUMENTS:
        if document.pdf:
            out.extend((document, tool) for tool in PDF_TOOLS)
        if document.html:
            out.extend((document, tool) for tool in HTML_TOOLS)
        if document.marker:
            out.append((document, "marker"))
    return out


def _pdfs(documents: list[Document], tmp: Path) -> dict[str, Path]:
    """The PDF of each document: the fixture's, or LibreOffice's from the blocks' DOCX."""
    pdfs: dict[str, Path] = {}
    pending: list[tuple[str, Path]] = []
    for document in documents:
        if document.pdf == "libreoffice":
            assert document.blocks is not None
            docx = tmp / f"{document.name}.docx"
            docx.write_bytes(to_docx(document.blocks()))
            pending.append((document.name, docx))
        elif document.pdf:
            pdfs[document.name] = Path(document.pdf)
    if pending:
        outputs = convert([docx for _, docx in pending], "pdf", tmp)
        pdfs.update((name, out) for (name, _), out in zip(pending, outputs, strict=True))
    return pdfs


COMMANDS = {
    "pdftotext-raw": "`pdftotext -raw -enc UTF-8 source.pdf -`",
    "pdftotext": "`pdftotext -enc UTF-8 source.pdf -` (the default mode)",
    "pdftotext-layout": "`pdftotext -layout -enc UTF-8 source.pdf -`",
    "pdfminer": "`pdfminer.high_level.extract_text(source.pdf)`",
    "markitdown-pdf": "`MarkItDown().convert(source.pdf).text_content`",
    "markitdown-html": "`MarkItDown().convert(source.html).text_content`",
    "html2text": "`html2text.html2text(page)`, the page decoded as it declares (GB18030 for GBK)",
}
HONGZE = (
    "Two rows of this report are another helper's to read and may stay empty here, never wrong:\n"
    "2.其他法律行政止公开 (the agency's typo of `withheld_law_barred`) and the single （六）其他处理\n"
    "row of the older template (`closed_other`).\n"
)


def notes(document: Document, tool: str, tools: dict[str, str]) -> str:
    key = "marker" if tool == "marker" else tool.split("-")[0]
    if tool == "marker":
        made = (
            "`to_marker_markdown(blocks, style)` (tests/report/convert/marker_style.py) over the\n"
            f"document's blocks, with `{document.marker}`"
        )
    elif tool in HTML_TOOLS:
        made = f"{COMMANDS[tool]} over\n`tests/report/cases/{Path(document.html or '').relative_to(CASES)}`"
    else:
        where = (
            "LibreOffice's PDF (headless, `--convert-to pdf`) of\n"
            "`tests/report/read/writers.to_docx(blocks)`, the document's blocks"
            if document.pdf == "libreoffice"
            else f"`tests/report/cases/{Path(document.pdf or '').relative_to(CASES)}`"
        )
        made = f"{COMMANDS[tool]} over\n{where}"
    truth = {
        "seed": "the seed's hand-checked golden (tests/report/cases/seed-*/expected.json)"
        + (
            ", with 表二 “行政规范性文件” as its real table places it (read/sources.PLACED)"
            if document.name.startswith("seed-004")
            else ""
        ),
        "gene": "the generated document in tests/report/read/sources.py, cell by cell",
        "real": "the golden read by hand from the page images "
        "(tests/report/cases/real-hongze-district-government-2023-wps-pdf/NOTES.md)",
    }[document.name[:4]]
    return (
        f"# {document.name}, as {tool} writes it\n\n"
        f"`source.*` is the output of {made}.\n\n"
        f"Tool: {tools[key]}. Regenerate with\n"
        "`.venv/bin/python -m tests.report.convert.make_fixtures`.\n\n"
        f"`expected.json` is the known truth, never a reader's output: {truth}.\n\n"
        + (HONGZE + "\n" if document.name.startswith("real-hongze") else "")
        + "tests/report/convert/test_converted.py reads the source and requires no wrong number\n"
        "(tests/report/scoring.py); the cells recovered are in tests/report/convert/NOTES.md.\n"
    )


def write_notes() -> None:
    tools = versions()
    for document, tool in plan():
        case = CASES / case_name(document, tool)
        (case / "NOTES.md").write_text(notes(document, tool, tools), encoding="utf-8")


def write(names: set[str] | None = None) -> list[str]:
    tools = versions()
    todo = [(d, t) for d, t in plan() if names is None or case_name(d, t) in names]
    written: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gongkai-convert-") as tmp:
        pdfs = _pdfs(
            sorted({d for d, t in todo if t in PDF_TOOLS}, key=lambda d: d.name), Path(tmp)
        )
        for document, tool in todo:
            if tool == "marker":
                assert document.blocks is not None and document.marker is not None
                text, suffix = to_marker_markdown(document.blocks(), document.marker), "md"
            elif tool in HTML_TOOLS:
                text, suffix = tool_output(tool, Path(document.html or "")), "md"
            else:
                suffix = "md" if tool == "markitdown-pdf" else "txt"
                text = tool_output(tool, pdfs[document.name])
            case = CASES / case_name(document, tool)
            if case.exists():
                shutil.rmtree(case)
            case.mkdir(parents=True)
            (case / f"source.{suffix}").write_text(text, encoding="utf-8")
            truth = json.dumps(document.truth(), ensure_ascii=False, indent=2) + "\n"
            (case / "expected.json").write_text(truth, encoding="utf-8")
            (case / "NOTES.md").write_text(notes(document, tool, tools), encoding="utf-8")
            written.append(case.name)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="fixtures to write (default: all)")
    parser.add_argument("--list", action="store_true", help="list the fixtures")
    parser.add_argument("--notes", action="store_true", help="only rewrite the NOTES.md files")
    args = parser.parse_args(argv)
    if args.notes:
        write_notes()
        return
    if args.list:
        print("\n".join(case_name(d, t) for d, t in plan()))
        return
    for name in write(set(args.names) if args.names else None):
        print(name)


if __name__ == "__main__":
    main()
