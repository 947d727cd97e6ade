"""The OCR reader on scans made at test time (tests/report/scans.py): the seeds rendered to
PDF, printed to images with noise, a slight turn, a red seal and JPEG compression, read back.

The rule under test: no number read by OCR is given as certain unless it is right. A number
is certain when its cell's status is "value" (table 二's numbers are "ocr": kept, flagged for
a person). Recall (the share of the golden's numbers given as certain) is printed, not
asserted beyond a floor: OCR is slow, so these are a handful of pages.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from gongkai.report.canonical import from_canonical, to_canonical
from gongkai.report.errors import ReadError
from gongkai.report.model import Report
from gongkai.report.parse import parse_bytes
from gongkai.report.read.limits import ReadLimits
from gongkai.report.read.ocr import read_image
from gongkai.report.read.ocrengine import available

from ..scans import page_images, scanned, scanned_jpeg, scanned_pdf
from ..scoring import Score, score

pytestmark = pytest.mark.skipif(not available(), reason="tesseract-ocr is not installed")

CASES = Path(__file__).parent.parent / "cases"
SEED = "seed-000-linzi-civil-affairs-2024-word-cells"


def _golden(case: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((CASES / case / "expected.json").read_text("utf-8"))
    return document


def certain(report: Report) -> dict[str, Any]:
    """The canonical tables with only the numbers given as certain (status "value")."""
    document = to_canonical(report, provenance=True)
    sure = {
        (table, cell["row"], cell["column"])
        for table, cells in document["provenance"].items()
        for cell in cells
        if cell["status"] == "value"
    }
    out: dict[str, Any] = {}
    for table in ("proactive", "applications", "disputes"):
        for row, value in (document.get(table) or {}).items():
            if isinstance(value, dict):
                for column, number in value.items():
                    if (table, row, column) in sure:
                        out.setdefault(table, {}).setdefault(row, {})[column] = number
            elif (table, row, None) in sure:
                out.setdefault(table, {})[row] = value
    return out


def assert_no_wrong_certain(golden: dict[str, Any], report: Report) -> Score:
    result = score(golden, certain(report))
    assert result.wrong == [], f"wrong numbers given as certain: {result.wrong}"
    return result


@pytest.fixture(scope="module")
def scanned_seed() -> tuple[dict[str, Any], Report]:
    golden = _golden(SEED)
    data = scanned_pdf(from_canonical(golden), dpi=200, seed=0)
    return golden, parse_bytes(data, "scan.pdf")


def test_scanned_pdf_reads_with_no_wrong_certain_number(
    scanned_seed: tuple[dict[str, Any], Report],
) -> None:
    golden, report = scanned_seed
    assert report.reader == "ocr"
    result = assert_no_wrong_certain(golden, report)
    print(
        f"\nscanned seed-000 at 200 dpi: recall {result.recall:.0%} ({result.correct}/{result.numbers})"
    )
    # the seal covers part of table 三: what it hides stays null, the rest is confirmed
    assert result.correct >= 40
    assert report.agency and "民政局" in report.agency
    assert report.year == 2024


def test_unconfirmed_cells_are_null_with_a_finding(
    scanned_seed: tuple[dict[str, Any], Report],
) -> None:
    _, report = scanned_seed
    unconfirmed = [n for n in report.notes if n.code == "OCR-UNCONFIRMED"]
    assert unconfirmed, "the seal must leave some cell unconfirmed"
    for note in unconfirmed:
        assert note.table in ("applications", "disputes")
        data = report.table(note.table)  # type: ignore[arg-type]
        assert data is not None and data.value(note.row or "", note.column) is None
        assert "文字识别读作" in note.message and "置信度" in note.message
        assert "confidence" in note.detail
    summary = [n for n in report.notes if n.code == "OCR-READ"]
    assert len(summary) == 1


def test_table_two_numbers_are_kept_as_ocr_with_a_warning(
    scanned_seed: tuple[dict[str, Any], Report],
) -> None:
    _, report = scanned_seed
    assert report.proactive is not None
    kept = [cell for cell in report.proactive.cells.values() if cell.value is not None]
    assert kept and all(cell.status == "ocr" for cell in kept)
    warnings = [n for n in report.notes if n.code == "OCR-UNCHECKED"]
    assert len(warnings) == len(kept)
    assert all(n.severity == "warning" for n in warnings)


def test_provenance_carries_the_confidence(scanned_seed: tuple[dict[str, Any], Report]) -> None:
    _, report = scanned_seed
    cells = to_canonical(report, provenance=True)["provenance"]["applications"]
    read = [c for c in cells if c["status"] == "value"]
    assert read and all(0.0 <= c["confidence"] <= 1.0 for c in read)


def test_clean_page_image_reads_table_three() -> None:
    """A JPEG photo of the table page (no seal): most of table 三 confirmed, none wrong."""
    golden = _golden(SEED)
    pages = page_images(from_canonical(golden), 200)
    table_page = next(i for i, page in enumerate(pages) if i == 3)
    image = scanned(pages[table_page], seed=3, stamp=False)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, dpi=(200, 200))
    document = read_image(out.getvalue(), "p4.jpg")
    assert document.reader == "ocr"
    rows = [line.cells for line in document.lines if line.cells]
    assert any(cells and "1" in cells for cells in rows)


@pytest.mark.parametrize("turn", [90, 180])
def test_page_scanned_on_its_side_or_upside_down_is_read_upright(turn: int) -> None:
    """The table page put on the scanner a quarter or half turn off: the engine doubts what
    it reads, its orientation model gives the turn, and the page is read upright."""
    golden = _golden(SEED)
    page = page_images(from_canonical(golden), 200)[3]
    image = scanned(page, seed=3, stamp=False, turn=turn)
    assert image.size != page.size or turn == 180
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, dpi=(200, 200))
    document = read_image(out.getvalue(), "turned.jpg")
    labels = [cell for line in document.lines if line.cells for cell in line.cells]
    assert any("本年新收" in cell for cell in labels)
    assert any("结转下年度" in cell for cell in labels)
    received = [
        line.cells[-7:]
        for line in document.lines
        if line.cells and any("本年新收" in cell for cell in line.cells)
    ]
    want = tuple(str(v) for v in golden["applications"]["received"].values())
    assert want in received


def test_image_limits_are_refused_in_chinese() -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (3000, 3000), "white").save(out, "PNG")
    limits = ReadLimits(max_ocr_pixels=1_000_000)
    with pytest.raises(ReadError, match="超过上限"):
        read_image(out.getvalue(), "big.png", limits)


def test_blank_image_is_refused() -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1654, 2339), "white").save(out, "PNG")
    with pytest.raises(ReadError, match="没有识别出文字"):
        read_image(out.getvalue(), "blank.png")


def test_scanned_pdf_page_limit() -> None:
    golden = _golden(SEED)
    data = scanned_pdf(from_canonical(golden), dpi=100, seed=1)
    with pytest.raises(ReadError, match="超过文字识别上限"):
        parse_bytes_limited(data, ReadLimits(max_ocr_pages=2))


def parse_bytes_limited(data: bytes, limits: ReadLimits) -> None:
    from gongkai.report.read.detect import read_any

    read_any(data, "scan.pdf", limits)


def test_jpeg_scan_is_sniffed_as_image() -> None:
    from gongkai.report.read.detect import sniff

    golden = _golden(SEED)
    page = page_images(from_canonical(golden), 100)[0]
    assert sniff(scanned_jpeg(page, 100)) == "image"


@pytest.mark.parametrize(("seed", "dpi"), [(11, 200), (12, 150), (13, 300)])
def test_generated_scans_give_no_wrong_certain_number(seed: int, dpi: int) -> None:
    """Property over generated reports (table 三 with real multi-digit numbers, a seal on
    each page at a random place, a random slight turn, scanned at 150, 200 or 300 dpi):
    every number given as certain is right, whether it is the cell's first reading or
    another one the identities chose. A handful of examples: each takes some 30 seconds."""
    import random

    from gongkai.report.synthetic import random_document

    golden = random_document(random.Random(seed))
    report = parse_bytes(scanned_pdf(from_canonical(golden), dpi=dpi, seed=seed), "gen.pdf")
    result = assert_no_wrong_certain(golden, report)
    print(f"\ngenerated {seed}: recall {result.recall:.0%} ({result.correct}/{result.numbers})")
