"""DOCX, PDF and XLSX: real merged cells, fonts, page furniture, and a text layer that reads."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from gongkai.report.canonical import from_canonical, to_canonical
from gongkai.report.render import layout, render
from gongkai.report.render.xlsx import SHEET_COLUMNS, sheet_spans
from gongkai.report.spec import FORMAT_2019, FORMAT_2021

from .helpers import SEED_CASES, seed_report

SEED = SEED_CASES[0]
SHORT_ROW = next(c for c in SEED_CASES if "short-row" in c.name)


# ------------------------------------------------------------------------------ DOCX


def cell_text(tc: object) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))  # type: ignore[attr-defined]


def docx_table(report_case: Path, index: int) -> object:
    return Document(io.BytesIO(render(seed_report(report_case), "docx"))).tables[index]


def test_docx_applications_merges_as_the_template() -> None:
    table = docx_table(SEED, 1)
    rows = table._tbl.tr_lst  # type: ignore[attr-defined]
    assert len(rows) == 28
    first = rows[0].tc_lst
    assert first[0].grid_span == 3 and first[0].vMerge == "restart"
    assert "勾稽关系" in cell_text(first[0])
    assert first[1].grid_span == 7 and cell_text(first[1]) == "申请人情况"
    second = [(cell_text(tc), tc.grid_span, tc.vMerge) for tc in rows[1].tc_lst]
    assert second == [
        ("", 3, "continue"),
        ("自然人", 1, "restart"),
        ("法人或其他组织", 5, None),
        ("总计", 1, "restart"),
    ]
    group = rows[5].tc_lst[0]
    assert cell_text(group) == "三、本年度办理结果" and group.vMerge == "restart"
    continued = [r.tc_lst[0].vMerge for r in rows[6:27]]
    assert continued == ["continue"] * 21
    assert rows[27].tc_lst[0].grid_span == 3  # 四、结转下年度继续办理
    for row in rows[:3]:  # the header repeats on every page
        assert row.trPr.find(qn("w:tblHeader")) is not None


def test_docx_disputes_two_level_header() -> None:
    table = docx_table(SEED, 2)
    rows = table._tbl.tr_lst  # type: ignore[attr-defined]
    top = [(cell_text(tc), tc.grid_span) for tc in rows[0].tc_lst]
    assert top == [("行政复议", 5), ("行政诉讼", 10)]
    middle = [(cell_text(tc), tc.grid_span) for tc in rows[1].tc_lst]
    assert middle[5:] == [("未经复议直接起诉", 5), ("复议后起诉", 5)]
    assert [tc.vMerge for tc in rows[1].tc_lst[:5]] == ["restart"] * 5
    assert len(rows[3].tc_lst) == 15


def test_docx_fonts_page_and_properties() -> None:
    data = render(seed_report(SEED), "docx")
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    heading = doc.styles["Heading 1"].element.rPr.rFonts
    assert heading.get(qn("w:eastAsia")) == "黑体"
    title = doc.styles["Report Title"].element.rPr.rFonts
    assert title.get(qn("w:eastAsia")) == "方正小标宋简体"
    fonts = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode()
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    assert 'w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    props = doc.core_properties
    assert props.title == "临淄区民政局2024年政府信息公开工作年度报告"
    assert props.created.year == 2000 and props.modified.year == 2000
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "docProps/thumbnail.jpeg" not in names
    assert all(
        i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(io.BytesIO(data)).infolist()
    )


def test_docx_blank_cells_stay_empty() -> None:
    table = docx_table(SHORT_ROW, 0)
    row = [c.text for c in table.rows[3].cells]  # 行政规范性文件: a row with no numbers
    assert row == ["行政规范性文件", "", "", ""]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_docx_opens_and_converts_in_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(render(seed_report(SEED), "docx"))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr
    pdf = tmp_path / "report.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "申请人情况" in text and "行政复议" in text


# ------------------------------------------------------------------------------ PDF


def pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_pdf_text_layer_reads(tmp_path: Path) -> None:
    report = seed_report(SHORT_ROW)
    text = pdf_text(render(report, "pdf"), tmp_path)
    squeezed = "".join(text.split())
    assert "临淄区人民政府办公室" in squeezed and "2023年政府信息公开工作年度报告" in squeezed
    for heading in ("一、总体情况", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项"):
        assert heading in squeezed
    for label in ("（本列数据的勾稽关系为：", "申请人情况", "法人或其他组织", "未经复议直接起诉"):
        assert label in squeezed
    # the numbers of a row stay in separate columns
    line = next(ln for ln in text.splitlines() if "一、本年新收" in ln)
    assert line.split()[-7:] == ["26", "1", "0", "0", "0", "0", "27"]
    line = next(ln for ln in text.splitlines() if "2.重复申请" in ln)
    assert line.split()[-7:] == ["1", "0", "0", "0", "0", "0", "1"]


def test_pdf_embeds_its_fonts() -> None:
    data = render(seed_report(SEED), "pdf")
    assert data.startswith(b"%PDF")
    assert b"/FontFile2" in data and b"UMingCN" in data and b"/ToUnicode" in data
    assert b"D:20000101000000" in data  # reportlab's invariant mode: no real creation date


def test_pdf_page_numbers(tmp_path: Path) -> None:
    text = pdf_text(render(seed_report(SEED), "pdf"), tmp_path)
    assert "— 1 —" in text and "— 2 —" in text


# ------------------------------------------------------------------------------ XLSX


def workbook(case: Path):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(render(seed_report(case), "xlsx")))


def test_xlsx_one_sheet_column_per_number() -> None:
    for fmt in (FORMAT_2021, FORMAT_2019):
        for key in ("proactive", "applications", "disputes"):
            grid = layout.grid(fmt, key, None)
            spans = sheet_spans(grid)
            assert sum(spans) == SHEET_COLUMNS and min(spans) == 1
            assert all(spans[c.col] == 1 for c in grid.values())
    assert sheet_spans(layout.grid(FORMAT_2021, "disputes", None)) == [1] * 15
    assert sheet_spans(layout.grid(FORMAT_2021, "proactive", None)) == [12, 1, 1, 1]


def test_xlsx_merged_ranges_follow_the_template() -> None:
    sheet = workbook(SEED).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    merged = {str(r): r for r in sheet.merged_cells.ranges}

    def extent(text: str) -> tuple[int, int]:
        cell = cells[text]
        found = next(r for r in merged.values() if cell.coordinate in r)
        return found.max_row - found.min_row + 1, found.max_col - found.min_col + 1

    spans = sheet_spans(layout.grid(FORMAT_2021, "applications", None))
    assert extent("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") == (
        3,
        sum(spans[:3]),
    )
    assert extent("申请人情况") == (1, sum(spans[3:]))
    assert extent("法人或其他组织") == (1, sum(spans[4:9]))
    assert extent("三、本年度办理结果") == (22, spans[0])
    assert extent("（三）不予公开") == (8, spans[1])
    assert extent("行政诉讼") == (1, 10)
    assert extent("未经复议直接起诉") == (1, 5)


def test_xlsx_numbers_are_numbers_and_blanks_are_empty() -> None:
    document = to_canonical(seed_report(SHORT_ROW))
    document["proactive"]["admin_fees"] = "12.50"
    from gongkai.report.render.xlsx import render_xlsx

    sheet = load_workbook(io.BytesIO(render_xlsx(from_canonical(document)))).active
    rows = {r[0].value: r for r in sheet.iter_rows() if isinstance(r[0].value, str)}
    normative = [c.value for c in rows["行政规范性文件"] if c.value is not None]
    assert normative == ["行政规范性文件"]  # no numbers: empty cells, never 0
    fee = next(c for c in rows["行政事业性收费"][1:] if c.value is not None)
    assert fee.value == 12.5 and fee.number_format == "0.00"
    assert Decimal(str(fee.value)) == Decimal("12.5")
    received = [
        c.value for c in rows["一、本年新收政府信息公开申请数量"] if isinstance(c.value, int)
    ]
    assert received == [26, 1, 0, 0, 0, 0, 27]


def test_pdf_table_three_fits_one_page_with_its_heading() -> None:
    """Its 22-row group cell cannot be split across pages: table 三 (and its heading, kept with
    it) must fit one page, in both formats, or reportlab could not lay it out."""
    from reportlab.lib.pagesizes import A4

    from gongkai.report.render import pdf

    styles = pdf._styles(pdf.fonts())
    frame = A4[1] - pdf.MARGINS["top"] - pdf.MARGINS["bottom"]
    heading = styles["heading"].leading
    for fmt in (FORMAT_2021, FORMAT_2019):
        table = pdf._table(layout.grid(fmt, "applications", None), styles)
        _, height = table.wrap(pdf.TEXT_WIDTH, frame)
        assert height + table.spaceBefore + heading <= frame, fmt.key
