"""One test per safety limit: a clear ReadError naming the file and the limit, and a batch of
[bad, good] files still yields the good report."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from gongkai.report import batch
from gongkai.report.errors import ReadError
from gongkai.report.read.detect import read_any
from gongkai.report.read.docx import read_docx
from gongkai.report.read.html import read_html
from gongkai.report.read.limits import MAX_FILE_BYTES, ReadLimits
from gongkai.report.read.pdf import read_pdf
from gongkai.report.read.xlsx import read_xlsx


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_member(docx: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr(name, data)
    return out.getvalue()


def _replacing(package: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, data if item.filename == name else source.read(item))
    return out.getvalue()


def _fails(call, *words: str) -> ReadError:  # type: ignore[no-untyped-def]
    with pytest.raises(ReadError) as caught:
        call()
    for word in words:
        assert word in caught.value.problem
    return caught.value


def test_limit_is_the_batch_limit() -> None:
    assert ReadLimits().max_file_bytes == MAX_FILE_BYTES == batch.MAX_FILE_BYTES


def test_file_size(samples: dict[str, bytes]) -> None:
    error = _fails(
        lambda: read_any(samples["html"], "big.html", ReadLimits(max_file_bytes=1000)), "文件过大"
    )
    assert error.source == "big.html"


def test_zip_bomb_by_ratio(samples: dict[str, bytes]) -> None:
    bomb = _with_member(samples["docx"], "word/media/zeros.bin", b"\0" * (4 * 1024 * 1024))
    _fails(lambda: read_any(bomb, "bomb.docx"), "压缩比", "压缩炸弹", "word/media/zeros.bin")


def test_zip_bomb_by_total_size(samples: dict[str, bytes]) -> None:
    _fails(
        lambda: read_docx(samples["docx"], "a.docx", ReadLimits(max_unpacked_bytes=10_000)),
        "解压后",
        "压缩炸弹",
    )


def test_zip_member_count(samples: dict[str, bytes]) -> None:
    many = _zip({f"word/part{i}.xml": b"<x/>" for i in range(30)} | {"word/document.xml": b"<w/>"})
    _fails(lambda: read_docx(many, "many.docx", ReadLimits(max_zip_members=20)), "压缩成员", "20")
    _fails(lambda: read_xlsx(samples["xlsx"], "a.xlsx", ReadLimits(max_zip_members=3)), "压缩成员")


def test_html_depth() -> None:
    deep = b"<html><body>" + b"<div>" * 5000 + b"x" + b"</div>" * 5000 + b"</body></html>"
    _fails(lambda: read_html(deep, "deep.html"), "嵌套层数")
    shallow = b"<html><body>" + b"<div>" * 40 + b"x" + b"</div>" * 40 + b"</body></html>"
    _fails(lambda: read_html(shallow, "a.html", ReadLimits(max_html_depth=20)), "嵌套层数")


def test_html_entities_are_not_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<html><body><p>&lol2;</p><p>&ldquo;x&rdquo;&nbsp;&#65288;</p></body></html>"
    )
    text = "\n".join(line.text for line in read_html(laughs, "x.html").lines)
    assert "lollol" not in text
    assert "“x”" in text and "（" in text


def test_external_entities_are_never_fetched() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<html><body><p>&x;</p></body></html>"
    )
    text = "\n".join(line.text for line in read_html(xxe, "x.html").lines)
    assert "root:" not in text


def test_docx_entity_expansion_refused_or_ignored(samples: dict[str, bytes]) -> None:
    source = zipfile.ZipFile(io.BytesIO(samples["docx"]))
    body = source.read("word/document.xml")
    evil = body.replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1
    )
    data = _zip(
        {
            i.filename: (evil if i.filename == "word/document.xml" else source.read(i))
            for i in source.infolist()
        }
    )
    try:
        lines = read_docx(data, "x.docx").lines
    except ReadError:
        return
    assert not any("root:" in line.text for line in lines)


def test_table_cells(samples: dict[str, bytes]) -> None:
    huge = (
        b"<table><tr><td rowspan=1000 colspan=1000>1</td><td>2</td></tr>"
        + b"<tr><td>3</td></tr>" * 999
        + b"</table>"
    )
    _fails(
        lambda: read_html(huge, "span.html", ReadLimits(max_table_cells=10_000)), "单元格", "上限"
    )


def test_pdf_pages(samples: dict[str, bytes]) -> None:
    _fails(
        lambda: read_pdf(samples["pdf"], "a.pdf", ReadLimits(max_pdf_pages=1)), "页，超过上限 1 页"
    )


def test_pdf_objects(samples: dict[str, bytes]) -> None:
    _fails(lambda: read_pdf(samples["pdf"], "a.pdf", ReadLimits(max_pdf_objects=5)), "对象", "上限")


def test_sheet_size(samples: dict[str, bytes]) -> None:
    _fails(
        lambda: read_xlsx(samples["xlsx"], "a.xlsx", ReadLimits(max_sheet_rows=10)), "工作表超过"
    )


def test_line_count(samples: dict[str, bytes]) -> None:
    _fails(lambda: read_any(samples["docx"], "a.docx", ReadLimits(max_lines=10)), "行")


def test_wrong_encoding() -> None:
    data = (
        b'<html><head><meta charset="utf-8"></head><body><p>'
        + b"\x80\xff" * 400
        + b"</p></body></html>"
    )
    _fails(lambda: read_html(data, "bad.html"), "编码无法识别", "utf-8")


def test_declared_encoding_that_lies_is_corrected() -> None:
    data = (
        '<html><head><meta charset="utf-8"></head><body><p>一、总体情况</p></body></html>'.encode(
            "gbk"
        )
    )
    assert read_html(data, "gbk.html").lines[0].text == "一、总体情况"


def test_not_the_format_it_claims() -> None:
    _fails(lambda: read_docx(b"this is plain text, not a zip", "fake.docx"), "不是有效的 ZIP")
    _fails(lambda: read_docx(_zip({"a.txt": b"x"}), "fake.docx"), "不是 Word 文档")
    _fails(lambda: read_xlsx(_zip({"a.txt": b"x"}), "fake.xlsx"), "不是 Excel")
    _fails(lambda: read_pdf(b"%PDF-1.4\n garbage", "fake.pdf"), "PDF")


def test_blank_scanned_pdf_is_refused() -> None:
    """A PDF of image-only pages goes to the OCR reader; a blank one is refused there."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    _fails(lambda: read_any(out.getvalue(), "scan.pdf"), "扫描件", "没有识别出文字")


def test_batch_keeps_going(tmp_path: Path, samples: dict[str, bytes]) -> None:
    deep = b"<html><body>" + b"<div>" * 5000 + b"</body></html>"
    bomb = _with_member(samples["docx"], "word/media/zeros.bin", b"\0" * (4 * 1024 * 1024))
    files = {
        "1-deep.html": deep,
        "2-bomb.docx": bomb,
        "3-fake.docx": b"not a zip at all but named docx\x00\x01",
        "4-legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"),
        "5-good.pdf": samples["pdf"],
        "6-good.docx": samples["docx"],
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    big = tmp_path / "0-huge.html"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    outcomes = {Path(o.source).name: o for o in batch.read_all([tmp_path])}
    assert [n for n, o in sorted(outcomes.items()) if o.report is not None] == [
        "5-good.pdf",
        "6-good.docx",
    ]
    for name in ("0-huge.html", "1-deep.html", "2-bomb.docx", "3-fake.docx", "4-legacy.doc"):
        assert outcomes[name].error and "意外错误" not in outcomes[name].error, name
    assert outcomes["6-good.docx"].report.agency == "临淄区民政局"  # type: ignore[union-attr]


# Bounds found by a probe (issue 12): each crafted file is refused before the work it would cost.


def test_xlsx_far_row_is_refused_without_padding(samples: dict[str, bytes]) -> None:
    """One cell at row 999,999,999: openpyxl would yield a billion empty rows first (128 s)."""
    source = zipfile.ZipFile(io.BytesIO(samples["xlsx"]))
    sheet = next(n for n in source.namelist() if n.startswith("xl/worksheets/sheet"))
    xml = source.read(sheet).decode("utf-8")
    far = (
        '<row r="999999999"><c r="A999999999" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    )
    crafted = _replacing(
        samples["xlsx"], sheet, xml.replace("</sheetData>", far, 1).encode("utf-8")
    )
    _fails(lambda: read_xlsx(crafted, "far.xlsx"), "工作表超过")


def test_xlsx_far_column_is_refused(samples: dict[str, bytes]) -> None:
    source = zipfile.ZipFile(io.BytesIO(samples["xlsx"]))
    sheet = next(n for n in source.namelist() if n.startswith("xl/worksheets/sheet"))
    xml = source.read(sheet).decode("utf-8")
    far = '<row r="3000"><c r="XFD3000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    crafted = _replacing(
        samples["xlsx"], sheet, xml.replace("</sheetData>", far, 1).encode("utf-8")
    )
    _fails(lambda: read_xlsx(crafted, "wide.xlsx"), "列")


def test_docx_body_too_large_to_parse(samples: dict[str, bytes]) -> None:
    _fails(
        lambda: read_docx(samples["docx"], "huge.docx", ReadLimits(max_xml_part_bytes=1000)),
        "word/document.xml",
        "单个部件上限",
    )


def test_html_too_many_tags() -> None:
    page = ("<html><body>" + "<p>1</p>" * 2000 + "</body></html>").encode()
    _fails(lambda: read_html(page, "p.html", ReadLimits(max_html_tags=1000)), "标签过多")


def test_html_too_large_after_inline_images_are_left_out() -> None:
    image = "data:image/png;base64," + "A" * 200_000
    page = f'<html><body><img src="{image}"><p>一、总体情况</p></body></html>'.encode()
    read_html(page, "img.html", ReadLimits(max_html_chars=10_000))  # the image does not count
    _fails(
        lambda: read_html(
            b"<p>" + b"x" * 20_000 + b"</p>", "big.html", ReadLimits(max_html_chars=10_000)
        ),
        "网页正文过大",
    )


def test_archive_total_budget(tmp_path: Path, samples: dict[str, bytes]) -> None:
    archive = tmp_path / "reports.zip"
    archive.write_bytes(_zip({"a.html": samples["html"], "b.docx": samples["docx"]}))
    outcomes = list(batch.iter_tasks([archive], ReadLimits(max_archive_unpacked_bytes=1000)))
    assert len(outcomes) == 1
    assert isinstance(outcomes[0], batch.Outcome) and "超过上限" in (outcomes[0].error or "")


def _one_page_pdf(content: bytes) -> bytes:
    import zlib

    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length "
        + str(len(packed)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + packed
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    for number, body in enumerate(objects, 1):
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    return bytes(out + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")


def test_pdf_content_stream_that_unpacks_far_beyond_a_page() -> None:
    """4 M text operators in a 30 KB file cost PDFium 1.5 GB when the page loads: refused first."""
    bomb = _one_page_pdf(b"BT /F1 1 Tf " + b"1 0 0 1 10 10 Tm (1) Tj " * 200_000 + b"ET")
    assert len(bomb) < 100_000
    _fails(
        lambda: read_pdf(bomb, "bomb.pdf", ReadLimits(max_pdf_content_bytes=1024 * 1024)),
        "内容流",
        "超过",
    )


def test_pdf_fonts_and_images_do_not_count_as_content(samples: dict[str, bytes]) -> None:
    read_pdf(samples["pdf"], "ok.pdf", ReadLimits(max_pdf_content_bytes=200_000))


def test_text_lines_are_counted_before_decoding() -> None:
    """49 MiB of "1\\n" took 6 GB before the limit was looked at; now the bytes are counted."""
    _fails(lambda: read_any(b"1\n" * 100, "lines.txt", ReadLimits(max_lines=10)), "行")


@pytest.mark.parametrize(
    "text",
    [
        "三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量" + "1" * 262_144,
        "三、收到和处理政府信息公开申请情况\n（一）予以公开 " + "1 " * 262_144,
    ],
    ids=["256 KiB digit run", "512 K numbers on one line"],
)
def test_long_runs_read_in_linear_time(text: str) -> None:
    """A run of digits (66 s before) and a line of half a million numbers (40 s for 1 MiB) read
    in well under a second each on an idle core; the bound here only catches a relapse into
    quadratic work (benchmarks/fuzz_readers.py measures the time)."""
    import time

    from gongkai.report.parse import parse_bytes

    started = time.perf_counter()
    report = parse_bytes(text.encode(), "long.txt")
    assert time.perf_counter() - started < 30
    assert report.applications is None or all(
        cell.value is None or cell.value == 1 for cell in report.applications.cells.values()
    )


def test_zip_directory_claiming_an_unknown_zip_version(samples: dict[str, bytes]) -> None:
    """The fuzz run found it: a central directory entry whose "version needed to extract" is
    beyond what Python reads made zipfile raise NotImplementedError while opening."""
    data = bytearray(samples["docx"])
    at = data.find(b"PK\x01\x02")
    data[at + 6 : at + 8] = (137).to_bytes(2, "little")  # version needed: 13.7
    _fails(lambda: read_any(bytes(data), "v.docx"), "ZIP")
