"""Detection by content, never by file name; formats no reader takes are named in Chinese."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from gongkai.report.errors import ReadError
from gongkai.report.parse import parse_file
from gongkai.report.read.detect import OLE2, read_any, sniff


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["html", "docx", "xlsx", "pdf"])
def test_each_sample_is_read_by_its_reader(samples: dict[str, bytes], kind: str) -> None:
    assert read_any(samples[kind], "x").reader == kind


def test_the_file_name_does_not_decide(tmp_path: Path, samples: dict[str, bytes]) -> None:
    misnamed = tmp_path / "report.docx"
    misnamed.write_bytes(samples["html"])
    assert parse_file(misnamed).reader == "html"
    misnamed = tmp_path / "report.html"
    misnamed.write_bytes(samples["pdf"])
    assert parse_file(misnamed).reader == "pdf"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"\xef\xbb\xbf<html><head><meta charset=utf-8></head></html>", "html"),
        (b"  <table><tr><td>1</td></tr></table>", "html"),
        (b"<p class=MsoNormal><span>\xd6\xd0</span></p>", "html"),
        (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="x"\r\n\r\n', "mhtml"),
        ("一、总体情况\n本年度…".encode(), "text"),
        ("一、总体情况 a<b 且 c>d".encode("gbk"), "text"),
        (b"junk\n%PDF-1.7\n", "pdf"),
    ],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (OLE2 + b"\x00" * 100 + "WordDocument".encode("utf-16-le"), "旧版 Word 文档（.doc"),
        (OLE2 + b"\x00" * 100 + "PowerPoint Document".encode("utf-16-le"), ".ppt"),
        (OLE2 + b"\x00" * 100, "OLE2"),
        (b"{\\rtf1\\ansi 123}", "RTF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG 图片已损坏"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG 图片已损坏"),
        (b"GIF89a\x01\x00", "GIF 图片"),
        (b"Rar!\x1a\x07\x00", "RAR"),
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
            ".odt",
        ),
        (_zip({"OFD.xml": b"<ofd/>"}), "OFD"),
        (_zip({"ppt/presentation.xml": b"<p/>"}), ".pptx"),
        (_zip({"readme.txt": b"hello"}), "不是 Word（.docx）或 Excel（.xlsx）"),
        (b"PK\x03\x04 this is not really a zip", "不是有效的 ZIP"),
        (b"   \n\t ", "空文件"),
    ],
)
def test_unsupported_formats_are_named(data: bytes, words: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_any(data, "报告.bin")
    assert words in caught.value.problem
    assert caught.value.source == "报告.bin"


def test_legacy_doc_says_how_to_convert() -> None:
    data = OLE2 + b"\x00" * 64 + "WordDocument".encode("utf-16-le")
    with pytest.raises(ReadError, match=r"另存为.*docx"):
        read_any(data, "a.doc")


def test_docx_without_document_part() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<w/>"})
    with pytest.raises(ReadError, match=r"不是 Word|不是有效|缺少"):
        read_any(data, "a.docx")


def test_workbook_that_is_broken_inside() -> None:
    data = _zip({"xl/workbook.xml": b"<not closed", "[Content_Types].xml": b"<Types/>"})
    with pytest.raises(ReadError, match="Excel"):
        read_any(data, "a.xlsx")
