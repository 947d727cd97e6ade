"""Pick the reader by what the bytes are, never by the file name.

* ``%PDF`` (within the first kilobyte) → PDF;
* a zip: ``word/document.xml`` → DOCX, ``xl/workbook.xml`` → XLSX; other zips (OpenDocument,
  OFD, PowerPoint, plain archives) are named and refused;
* OLE2 compound files: an Excel 97-2003 workbook → XLS; an old Word ``.doc`` or a WPS file is
  refused with how to convert it;
* PNG and JPEG (a scan or a photo of a page) → the OCR reader; RTF, other images and other
  binary data are named and refused;
* HTML (and MHTML single-file pages) by sniffing the start of the text; everything else is text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable

from ..errors import ReadError
from .base import RawDocument
from .docx import read_docx
from .html import read_html, read_mhtml
from .limits import DEFAULT_LIMITS, ReadLimits, check_size
from .ocr import read_image
from .package import ZIP_ERRORS, open_zip
from .pdf import read_pdf
from .text import read_bytes as read_text_bytes
from .xlsx import read_xls, read_xlsx

Reader = Callable[[bytes, "str | None", ReadLimits], RawDocument]

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|span"
    rb"|font|center|style|script|link|base|h[1-6]|br|strong|b)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(
    rb"<(?:html|body|table|div|p)[\s>][\s\S]*</(?:html|body|table|div|p)>", re.IGNORECASE
)
_MHTML = re.compile(
    rb"^(?:[\w-]+:[^\n]*\r?\n)*?MIME-Version:[^\n]*\n(?:[\w-]+:[^\n]*\r?\n|[ \t][^\n]*\n)*?Content-Type:\s*multipart/related",
    re.IGNORECASE,
)
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"BM", "BMP 图片"),
)
_ARCHIVES = (
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩文件"),
)


def sniff(data: bytes, source: str | None = None) -> str:
    """The reader a file needs: "pdf", "docx", "xlsx", "xls", "html", "mhtml", "image" (PNG,
    JPEG: read by OCR) or "text".
    Raises ReadError for a format no reader takes, saying what it is."""
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head.startswith(OLE2):
        return _ole_kind(data, source)
    if head.lstrip().startswith(b"{\\rtf"):
        raise ReadError(
            source, "是 RTF 富文本文件，暂不支持；请用 Word 或 WPS 另存为 .docx 后再读取"
        )
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return "image"
    for magic, name in _IMAGES:
        if head.startswith(magic) and not (magic == b"BM" and _looks_textual(head)):
            raise ReadError(source, f"是{name}，没有可读取的文字；需要先做文字识别（OCR）")
    if head[4:12] in (b"ftypheic", b"ftypmif1") or (
        head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    ):
        raise ReadError(source, "是图片文件，没有可读取的文字；需要先做文字识别（OCR）")
    for magic, name in _ARCHIVES:
        if head.startswith(magic):
            raise ReadError(source, f"是{name}，请先解压，再读取其中的报告文件")
    if _MHTML.match(head):
        return "mhtml"
    if _is_html(head, data):
        return "html"
    return "text"


def _looks_textual(head: bytes) -> bool:
    return b"\x00" not in head[:64]


def _is_html(head: bytes, data: bytes) -> bool:
    start = head
    for bom in (b"\xef\xbb\xbf",):
        if start.startswith(bom):
            start = start[len(bom) :]
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            start = data[:4096].decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return False
    if _HTML_START.match(start):
        return True
    return bool(_HTML_ANYWHERE.search(data[:65536])) and data.count(b"<") > 20


def _ole_kind(data: bytes, source: str | None) -> str:
    """An OLE2 compound file: tell Excel workbooks from Word and WPS documents by the names of
    their streams (UTF-16 in the directory)."""

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("Workbook") or has("Book"):
        return "xls"
    if has("WordDocument"):
        raise ReadError(
            source,
            "是旧版 Word 文档（.doc，Word 97-2003 格式），暂不支持；"
            "请用 Word 或 WPS 打开后“另存为” .docx，或运行 "
            "soffice --headless --convert-to docx 文件名.doc 转换后再读取",
        )
    if has("PowerPoint Document"):
        raise ReadError(source, "是旧版 PowerPoint 演示文稿（.ppt），不是年度报告文档")
    if has("WpsContent") or has("WPS"):
        raise ReadError(
            source, "是 WPS 旧格式文档（.wps），暂不支持；请用 WPS 另存为 .docx 后再读取"
        )
    raise ReadError(source, "是 OLE2 复合文档（旧版 Office 格式），但不是可读取的 Excel 工作簿")


def _zip_kind(data: bytes, source: str | None, limits: ReadLimits) -> str:
    archive = open_zip(data, source, limits, "ZIP ")
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" in names or _content_type(archive, "wordprocessingml"):
            return "docx"
        if "xl/workbook.xml" in names or _content_type(archive, "spreadsheetml"):
            return "xlsx"
        mimetype = _mimetype(archive) if "mimetype" in names else ""
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        kind = {"text": "文本（.odt）", "spreadsheet": "表格（.ods）"}.get(
            mimetype.rsplit(".", 1)[-1], "文档"
        )
        raise ReadError(
            source, f"是 OpenDocument {kind}，暂不支持；请另存为 .docx 或 .xlsx 后再读取"
        )
    if "OFD.xml" in names:
        raise ReadError(source, "是 OFD 版式文件，暂不支持；请导出为 PDF 后再读取")
    if any(n.startswith("ppt/") for n in names):
        raise ReadError(source, "是 PowerPoint 演示文稿（.pptx），不是年度报告文档")
    raise ReadError(
        source,
        "是 ZIP 压缩包，但不是 Word（.docx）或 Excel（.xlsx）文档；如是打包的报告，请先解压",
    )


def _content_type(archive: zipfile.ZipFile, word: str) -> bool:
    try:
        raw = archive.read("[Content_Types].xml")
    except ZIP_ERRORS:
        return False
    return f"{word}.".encode() in raw and b".main+xml" in raw


def _mimetype(archive: zipfile.ZipFile) -> str:
    try:
        return archive.read("mimetype")[:100].decode("ascii", "replace").strip()
    except ZIP_ERRORS:
        return ""


def _read_text(data: bytes, source: str | None, limits: ReadLimits) -> RawDocument:
    # counted on the bytes, before a line is decoded or kept: 49 MiB of "1\n" is 25 M lines
    lines = max(data.count(b"\n"), data.count(b"\r"))
    if lines > limits.max_lines:
        raise ReadError(source, f"文档超过 {limits.max_lines} 行，超出读取上限，未读取")
    return read_text_bytes(data, source)


READERS: dict[str, Reader] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "xlsx": read_xlsx,
    "xls": read_xls,
    "html": read_html,
    "mhtml": read_mhtml,
    "text": _read_text,
    "image": read_image,
}


def read_any(
    data: bytes, source: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> RawDocument:
    """Read a report file of any supported format into the raw form."""
    check_size(data, source, limits)
    if not data.strip():
        raise ReadError(source, "空文件")
    kind = sniff(data, source)
    if kind == "zip":
        kind = _zip_kind(data, source, limits)
    return READERS[kind](data, source, limits)
