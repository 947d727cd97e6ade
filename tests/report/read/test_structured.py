"""What each structured reader makes of the things agencies' files contain: merged cells, blank
cells, Word's span soup, layout tables, page chrome, manual line breaks, rotated pages."""

from __future__ import annotations

import io

import pytest

from gongkai.report.parse import parse_bytes
from gongkai.report.read.cells import Grid, join_pieces, tidy
from gongkai.report.read.html import read_html
from gongkai.report.read.limits import ReadLimits
from gongkai.report.read.pdflayout import Char, Rule, TableFrame, find_tables, table_grid

from .writers import Span, Table, to_docx, to_html, to_xlsx


def _rows(data: bytes) -> list[tuple[str, ...]]:
    return [line.cells for line in read_html(data).lines if line.cells is not None]


def test_merged_cells_expand_to_the_matrix() -> None:
    page = (
        "<table><tr><td rowspan=2 colspan=2>组</td><td>a</td></tr><tr><td>b</td></tr>"
        "<tr><td colspan=2>一、本年新收</td><td>5</td></tr><tr><td>x</td><td>y</td><td>z</td></tr></table>"
    ).encode()
    assert _rows(page) == [
        ("组", "", "a"),  # a header row: covered slots are empty
        ("", "", "b"),
        ("一、本年新收", "一、本年新收", "5"),  # a row with a number: the label repeats
        ("x", "y", "z"),
    ]


def test_numbers_and_blanks_are_never_repeated() -> None:
    grid = Grid(None, ReadLimits())
    grid.place(0, 0, "行政许可")
    grid.place(0, 1, "7", colspan=3)
    grid.place(1, 0, "行政处罚")
    grid.place(1, 1, "", colspan=3)
    assert grid.rows() == [("行政许可", "7", "", ""), ("行政处罚", "", "", "")]


def test_blank_cells_read_as_null_never_zero() -> None:
    page = (
        "<p>二、主动公开政府信息情况</p><table><tr><td>第二十条第（五）项</td><td></td></tr>"
        "<tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政许可</td><td>&nbsp;</td></tr>"
        "<tr><td>行政处罚</td><td>3</td></tr></table>"
    ).encode()
    report = parse_bytes(page, "x.html")
    assert report.value("proactive", "licensing") is None
    assert report.value("proactive", "penalty") == 3


def test_word_spans_join_without_spaces_in_chinese() -> None:
    page = (
        "<p class=MsoNormal><span style='font-family:宋体'>本年新收政府\n信息</span>"
        "<span lang=EN-US>2024</span>\n<span>年</span> <b>Open</b> <i>Data</i></p>"
    ).encode()
    assert read_html(page).lines[0].text == "本年新收政府信息2024年Open Data"


def test_line_breaks_and_blocks() -> None:
    page = b"<div>\xe4\xb8\x80<br>\xe4\xba\x8c<p>\xe4\xb8\x89</p>\xe5\x9b\x9b</div>"
    assert [line.text for line in read_html(page).lines] == ["一", "二", "三", "四"]


def test_page_chrome_is_left_out() -> None:
    page = (
        "<html><head><title>标题</title><style>p{}</style></head><body><nav>首页 &gt; 公开</nav>"
        "<div class='share'>分享到微信</div><script>document.write('x')</script>"
        "<p>一、总体情况</p><p style='display:none'>隐藏</p><p>【打印本页】 【关闭窗口】</p>"
        "<footer>版权所有</footer></body></html>"
    ).encode()
    assert [line.text for line in read_html(page).lines] == ["一、总体情况"]


def test_layout_tables_give_text_and_leaf_tables_give_cells() -> None:
    inner = "<table><tr><td>规章</td><td>1</td></tr></table>"
    page = f"<table><tr><td><p>一、总体情况</p><p>正文</p>{inner}</td></tr></table>".encode()
    lines = read_html(page).lines
    assert [(line.text, line.cells) for line in lines] == [
        ("一、总体情况", None),
        ("正文", None),
        ("规章\t1", ("规章", "1")),
    ]


def test_tidy_and_join() -> None:
    assert tidy("  结果\n 维持 ") == "结果维持"
    assert tidy("2024 年", literal=True) == "2024 年"
    assert join_pieces(["结果", "维持"], literal=True) == "结果维持"
    assert join_pieces(["Open", "Data"], literal=True) == "Open Data"
    assert tidy("0 16") == "0 16"  # two numbers stay two


def test_docx_merged_cells_and_breaks() -> None:
    table = Table(((Span("组", rowspan=2), Span("a")), (Span("5"),)))
    data = to_docx(["第一行", table])
    from gongkai.report.read.docx import read_docx

    lines = read_docx(data).lines
    assert lines[0].text == "第一行"
    assert [line.cells for line in lines[1:]] == [("组", "a"), ("", "5")]


def test_xlsx_single_cells_are_text_and_merged_rows_are_cells() -> None:
    from gongkai.report.read.xlsx import read_xlsx

    table = Table(((Span("第二十条第（一）项", colspan=3),), (Span("规章"), Span("1"), Span("2"))))
    lines = read_xlsx(to_xlsx(["一、总体情况", table])).lines
    assert lines[0].cells is None and lines[0].text == "一、总体情况"
    assert [line.cells for line in lines[1:]] == [
        ("第二十条第（一）项", "", ""),
        ("规章", "1", "2"),
    ]


# ------------------------------------------------------------------------------ PDF geometry


def _frame_chars(texts: dict[tuple[int, int], str], width: float = 30.0) -> list[Char]:
    chars = []
    for (row, col), text in texts.items():
        x = col * width + 3
        for ch in text:
            chars.append(Char(ch, x, row * 20 + 5, x + 5, row * 20 + 15))
            x += 5
    return chars


def _rules(
    rows: int, cols: int, width: float = 30.0, skip: set[tuple[str, int, int]] = frozenset()
) -> list[Rule]:  # type: ignore[assignment]
    rules = []
    for i in range(rows + 1):
        for j in range(cols):
            if ("h", i, j) not in skip:
                rules.append(Rule(True, i * 20.0, j * width, (j + 1) * width))
    for j in range(cols + 1):
        for i in range(rows):
            if ("v", j, i) not in skip:
                rules.append(Rule(False, j * width, i * 20.0, (i + 1) * 20.0))
    return rules


def test_pdf_digits_of_neighbouring_cells_never_merge() -> None:
    # cells "1" and "5" side by side in narrow columns, and "15" in one cell
    chars = _frame_chars({(0, 0): "1", (0, 1): "5", (0, 2): "15", (0, 3): ""}, width=12.0)
    frames = find_tables(_rules(1, 4, width=12.0))
    grid = Grid(None, ReadLimits())
    table_grid(frames[0], chars, grid)
    assert grid.rows() == [("1", "5", "15", "")]


def test_pdf_missing_rules_are_merged_cells() -> None:
    # a 2×3 grid whose first column has no rule between its rows (rowspan 2) and whose
    # second row has no rule between columns 2 and 3 (colspan 2)
    skip = {("h", 1, 0), ("v", 2, 1)}
    chars = _frame_chars({(0, 0): "组", (0, 1): "3", (0, 2): "4", (1, 1): "合并"})
    grid = Grid(None, ReadLimits())
    frame = TableFrame([0.0, 30.0, 60.0, 90.0], [0.0, 20.0, 40.0], _rules(2, 3, skip=skip))
    table_grid(frame, chars, grid)
    assert grid.rows() == [("组", "3", "4"), ("", "合并", "")]


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotated_pages_read_like_upright_ones(samples: dict[str, bytes], degrees: int) -> None:
    import pypdfium2 as pdfium

    from gongkai.report.canonical import to_canonical

    source = pdfium.PdfDocument(samples["pdf"])
    rotated = pdfium.PdfDocument.new()
    for index in range(len(source)):
        width, height = source[index].get_size()
        content = source.page_as_xobject(index, rotated).as_pageobject()
        matrix = pdfium.PdfMatrix().rotate(degrees)
        corners = [
            matrix.on_point(x, y) for x, y in ((0, 0), (width, 0), (0, height), (width, height))
        ]
        matrix = matrix.translate(-min(c[0] for c in corners), -min(c[1] for c in corners))
        content.transform(matrix)
        page = rotated.new_page(height, width) if degrees % 180 else rotated.new_page(width, height)
        page.insert_obj(content)
        page.gen_content()
    out = io.BytesIO()
    rotated.save(out)
    want = to_canonical(parse_bytes(samples["pdf"]))
    got = to_canonical(parse_bytes(out.getvalue()))
    for key in ("agency", "year", "contact", "proactive", "applications", "disputes", "sections"):
        assert got[key] == want[key], key


def test_page_rotation_attribute(samples: dict[str, bytes]) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(samples["pdf"])
    for page in document:
        page.set_rotation(90)
    out = io.BytesIO()
    document.save(out)
    assert parse_bytes(out.getvalue()).applications == parse_bytes(samples["pdf"]).applications


def test_table_continuing_on_the_next_page() -> None:
    """LibreOffice breaks a tall table across pages, and may break a row in two; every cell
    still reads back (this fixture's 表三 runs over pages 2 to 4)."""
    from ..golden import CASES

    source = CASES / "read-seed-001-taierzhuang-civil-affairs-2023-pdf-libreoffice" / "source.pdf"
    report = parse_bytes(source.read_bytes(), str(source))
    assert report.applications is not None
    assert all(cell.status == "value" for cell in report.applications.cells.values())
    assert len(report.applications.cells) == 25 * 7


def test_html_page_fragment_round_trip(clean_doc: dict) -> None:
    from .writers import HtmlStyle, report_blocks

    data = to_html(
        report_blocks(clean_doc), HtmlStyle(encoding="gb2312", declare="none", fragment=True)
    )
    assert parse_bytes(data).agency == clean_doc["agency"]
