"""A look at a PDF's content streams before PDFium parses a page.

PDFium builds every text and path object of a page when the page is loaded: a small file whose
compressed content stream unpacks to millions of operators (a 30 KB file, 4 M text operators)
costs gigabytes before any count can be taken. So the streams that can hold page content (not
images, fonts, metadata or cross-reference data) are unpacked here first, each at most to the
limit, and the file is refused when one is larger. A real report page holds well under 1 MiB of
content, even when every glyph is placed on its own.
"""

from __future__ import annotations

import re
import zlib

from ..errors import ReadError
from .limits import ReadLimits, mib

_STREAM = re.compile(rb"stream\r?\n")
_NOT_CONTENT = (
    b"/Image",
    b"/Length1",
    b"/Length2",
    b"/FontFile",
    b"/XRef",
    b"/ObjStm",
    b"/Metadata",
    b"/EmbeddedFile",
    b"/Type1C",
    b"/CIDFontType0C",
    b"/OpenType",
    b"/ICCBased",
)
_LENGTH = re.compile(rb"/Length\s+(\d{1,12})(?!\s+\d+\s+R)")


def check_content_streams(data: bytes, source: str | None, limits: ReadLimits) -> None:
    """Refuse a PDF with a page-content stream that unpacks beyond ``max_pdf_content_bytes``."""
    limit = limits.max_pdf_content_bytes
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        head = data[max(0, match.start() - 600) : match.start()]
        opening = head.rfind(b"obj")
        dictionary = head[opening + 3 :] if opening >= 0 else head
        if any(word in dictionary for word in _NOT_CONTENT):
            continue
        declared = _LENGTH.search(dictionary)
        end = start + int(declared.group(1)) if declared else data.find(b"endstream", start)
        if end < start:
            end = len(data)
        raw = data[start:end]
        size = _unpacked_size(raw, limit + 1) if b"/FlateDecode" in dictionary else len(raw)
        total += size
        if size > limit or total > 4 * limit:
            raise ReadError(
                source,
                f"PDF 页面内容过大（一个内容流解压后超过 {mib(limit)}），疑为恶意文件，未读取",
            )


def _unpacked_size(raw: bytes, cap: int) -> int:
    """Bytes a Flate stream unpacks to, counted up to ``cap`` without holding more than a chunk."""
    inflater = zlib.decompressobj()
    size = 0
    pending = raw
    try:
        while pending and size < cap:
            size += len(inflater.decompress(pending, 1 << 20))
            pending = inflater.unconsumed_tail
    except zlib.error:
        return size  # a damaged stream: PDFium says what it makes of it
    return size
