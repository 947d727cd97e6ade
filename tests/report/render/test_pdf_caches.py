"""The PDF renderer's shortcuts (src/gongkai/report/render/pdf.py, pdf_cells.py, pdf_table.py,
pdf_runs.py, pdf_fonts.py) write the very bytes reportlab alone writes, whatever the caches hold,
from any thread."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table

from gongkai.report.model import Cell, Report
from gongkai.report.parse import parse_bytes
from gongkai.report.render import layout, pdf, pdf_cells, pdf_table, render
from gongkai.report.render.layout import TableBlock

from ..golden import CASES
from .helpers import SEED_CASES, seed_report

# the seeds and a report in the 2019 format (its table 三 in 10.5 pt, the others' in 9 pt)
CASES_DRAWN = [*SEED_CASES, CASES / "convert-generated-2019-format-2020-marker"]


def _style(name: str, size: float, **more: object) -> ParagraphStyle:
    """A cell style (laid_out knows a style by its name: one name, one style)."""
    return ParagraphStyle(
        name,
        fontName=pdf.fonts().song,
        fontSize=size,
        leading=size + 2,
        **{"wordWrap": "CJK", **more},
    )


def plain_reportlab(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render with reportlab alone: its Paragraph, Table, canvas and TrueType fonts, nothing
    laid out, drawn, described nor encoded by the renderer's shortcuts."""
    monkeypatch.setattr(pdf_cells, "cell", Paragraph)
    monkeypatch.setattr(pdf_cells, "text", Paragraph)
    monkeypatch.setattr(pdf_table, "CellTable", Table)
    monkeypatch.setattr(pdf, "_Canvas", Canvas)
    for name in {pdf.fonts().song, pdf.fonts().hei}:
        font = pdfmetrics.getFont(name)
        monkeypatch.delattr(font, "addObjects")  # the class's own methods again
        monkeypatch.delattr(font.face, "addSubsetObjects")
        monkeypatch.delattr(font.face, "makeSubset")


@pytest.mark.parametrize("case", CASES_DRAWN, ids=lambda case: case.name)
def test_the_shortcuts_write_what_reportlab_writes(
    case: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = seed_report(case)  # type: ignore[arg-type]
    pdf.forget()
    cold = [render(report, "pdf", watermark=mark) for mark in ("", "草稿——未发布")]
    warm = [render(report, "pdf", watermark=mark) for mark in ("", "草稿——未发布")]
    with monkeypatch.context() as patch:
        plain_reportlab(patch)
        reference = [render(report, "pdf", watermark=mark) for mark in ("", "草稿——未发布")]
    assert cold == warm == reference


def test_caches_warmed_by_other_reports_write_what_reportlab_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each report rendered after the others (the caches full of their paragraphs, pieces,
    cells, tables and subsets), and one differing from a seed in one number, are what reportlab
    alone writes."""
    reports = [seed_report(case) for case in CASES_DRAWN]
    reports.append(_one_more(reports[0])[0])
    pdf.forget()
    warm = [render(report, "pdf", watermark=mark) for report in reports for mark in ("", "草稿")]
    with monkeypatch.context() as patch:
        plain_reportlab(patch)
        reference = [
            render(report, "pdf", watermark=mark) for report in reports for mark in ("", "草稿")
        ]
    assert warm == reference


def test_the_pieces_of_a_split_paragraph_are_those_reportlab_makes() -> None:
    """A body paragraph split at a page break after two, three or four lines, cold and warm:
    each piece has reportlab's lines and height, whatever piece of which split was laid out
    before."""
    style = pdf._styles(pdf.fonts())["body"]
    markup = "本机关依法依规做好政府信息公开工作，" * 40
    width = pdf.TEXT_WIDTH
    pdf.forget()
    for _ in range(2):
        for lines in (2, 3, 4, 3, 2):
            ours = pdf_cells.text(markup, style)
            theirs = Paragraph(markup, style)
            ours.wrap(width, 1000)
            theirs.wrap(width, 1000)
            pieces = ours.split(width, lines * style.leading)
            expected = theirs.split(width, lines * style.leading)
            assert len(pieces) == len(expected) == 2
            for piece, reference in zip(pieces, expected, strict=True):
                assert piece.wrap(width, 1000) == reference.wrap(width, 1000)
                assert piece.blPara.lines == reference.blPara.lines
            assert len(pieces[0].blPara.lines) == lines
            again = pieces[1].split(width, 2 * style.leading)  # a piece split again
            expected_again = expected[1].split(width, 2 * style.leading)
            for piece, reference in zip(again, expected_again, strict=True):
                assert piece.wrap(width, 1000) == reference.wrap(width, 1000)
                assert piece.blPara.lines == reference.blPara.lines
    assert pdf_cells._pieces


def _one_more(report: Report) -> tuple[Report, tuple[str, str | None], int]:
    """``report`` with one number of table 三 one larger."""
    table = report.applications
    assert table is not None
    key, cell = next(
        (k, c) for k, c in table.cells.items() if isinstance(c.value, int) and c.value > 0
    )
    number = cell.value + 1  # type: ignore[operator]
    cells = {**table.cells, key: Cell(number)}
    changed = report.with_tables(applications=dataclasses.replace(table, cells=cells))
    return changed, key, number


def test_one_number_changed_is_drawn_changed() -> None:
    """Reports that differ in one number: the second, rendered with the caches full of the
    first, differs, reads back with its own number, and is what a fresh render writes."""
    report = seed_report(SEED_CASES[0])
    changed, key, number = _one_more(report)
    before = render(report, "pdf")
    after = render(changed, "pdf")
    assert after != before
    again = parse_bytes(after, "report.pdf")
    assert again.value("applications", *key) == number
    assert again.value("applications", *key) != report.value("applications", *key)
    pdf.forget()
    assert render(changed, "pdf") == after
    assert render(report, "pdf") == before


def test_a_decimal_and_a_long_number_are_drawn_as_reportlab_draws_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cells that are no small integers: a fee with its places reads back exactly; a number
    wider than its column, broken over two lines, is drawn as reportlab draws it."""
    report = seed_report(SEED_CASES[2])
    proactive, applications = report.proactive, report.applications
    assert proactive is not None and applications is not None
    fee = next(k for k in proactive.cells if k[0] == "admin_fees")
    count = next(k for k, c in applications.cells.items() if isinstance(c.value, int))
    changed = report.with_tables(
        proactive=dataclasses.replace(
            proactive, cells={**proactive.cells, fee: Cell(Decimal("1234.50"))}
        ),
        applications=dataclasses.replace(
            applications, cells={**applications.cells, count: Cell(123456789012)}
        ),
    )
    drawn = render(changed, "pdf")
    assert parse_bytes(drawn, "report.pdf").value("proactive", *fee) == Decimal("1234.50")
    long = pdf_cells.laid_out("123456789012", _style("test-number", 9, wordWrap=None), 30)
    assert long.lines is not None and len(long.lines.texts) == 2  # the path of several lines
    with monkeypatch.context() as patch:
        plain_reportlab(patch)
        assert render(changed, "pdf") == drawn


def test_renders_in_threads_are_those_of_one_thread() -> None:
    reports = [seed_report(case) for case in CASES_DRAWN]
    pdf.forget()
    jobs = [(report, mark) for report in reports for mark in ("", "草稿")] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda job: render(job[0], "pdf", watermark=job[1]), jobs))
    alone = [render(report, "pdf", watermark=mark) for report, mark in jobs]
    assert threaded == alone


def test_the_shortcuts_are_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seeds' tables size their rows without reportlab's generic sizing, the pieces of their
    paragraphs split at a page break are remembered, and their pages' contents are encoded by the
    renderer's filter: the paths whose bytes the tests above compare with reportlab's."""

    def refuse(*args: object) -> None:
        raise AssertionError("a table's rows sized by reportlab's generic code")

    encoded: list[int] = []
    encode = pdf._Ascii85.encode
    monkeypatch.setattr(Table, "_calc_height", refuse)
    monkeypatch.setattr(
        pdf._Ascii85, "encode", lambda self, content: encoded.append(1) or encode(self, content)
    )
    pdf.forget()
    for case in SEED_CASES:
        render(seed_report(case), "pdf")
    assert pdf_cells._pieces
    assert len(encoded) >= len(SEED_CASES) * 3  # every page


def test_the_shared_cell_boxes_are_left_as_they_are() -> None:
    """A table's cell boxes are shared by every table of its shape: rendering leaves them as
    they were made."""
    for case in CASES_DRAWN:
        report = seed_report(case)
        render(report, "pdf", watermark="草稿")
        grids = [block.grid for block in layout.document(report) if isinstance(block, TableBlock)]
        assert grids
        for grid in grids:
            boxes = pdf._boxes(grid.n_rows, grid.n_cols)
            for i, row in enumerate(boxes):
                for j, box in enumerate(row):
                    assert vars(box) == {"name": repr((i, j))}


def test_the_caches_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_cells, "CELLS_KEPT", 16)
    pdf_cells.forget()
    for case in SEED_CASES:
        render(seed_report(case), "pdf")
        assert pdf_cells.kept() <= 3 * 16
    pdf_cells.forget()


def test_a_layout_is_that_of_its_text_style_and_width() -> None:
    label = "三、本年度办理结果（一）予以公开"
    narrow = pdf_cells.laid_out(label, _style("test-label", 10.5), 40)
    wide = pdf_cells.laid_out(label, _style("test-label", 10.5), 400)
    dense = pdf_cells.laid_out(label, _style("test-dense-label", 9), 40)
    assert narrow.lines is not None and wide.lines is not None and dense.lines is not None
    assert "".join(narrow.lines.texts) == "".join(wide.lines.texts) == label
    assert len(narrow.lines.texts) > len(wide.lines.texts) == 1
    assert narrow.height > wide.height
    assert narrow.lines.size != dense.lines.size
