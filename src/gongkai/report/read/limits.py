"""Safety limits for reading untrusted files, as one frozen value passed to every reader.

A report is a few pages and three small tables. Anything far beyond that (a zip that unpacks to
gigabytes, HTML nested thousands deep, a PDF of ten thousand pages) is refused with a
:class:`~gongkai.report.errors.ReadError` that names the file and the limit, before the costly
work starts.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from ..errors import ReadError

MiB = 1024 * 1024
# The largest file read at all; gongkai.report.batch refuses larger files with the same number.
MAX_FILE_BYTES = 50 * MiB


@dataclass(frozen=True)
class ReadLimits:
    """Limits on what a reader accepts. The defaults are generous for real reports."""

    max_file_bytes: int = MAX_FILE_BYTES
    # DOCX / XLSX packages, checked from the zip directory before anything is unpacked
    max_zip_members: int = 2000
    max_unpacked_bytes: int = 200 * MiB
    max_compression_ratio: float = 150.0  # per member, once it unpacks to more than 1 MiB
    # one XML part (a DOCX body, an XLSX sheet) parsed into a tree: a real report's is well
    # under 2 MiB; a tree takes about ten times its XML in memory
    max_xml_part_bytes: int = 24 * MiB
    # HTML
    max_html_depth: int = 256
    max_html_chars: int = 12 * MiB  # after inline data: URIs (embedded images) are left out
    max_html_tags: int = 300_000  # a Word-pasted report page has some 20,000
    # PDF
    max_pdf_pages: int = 300
    max_pdf_objects: int = 300_000
    max_pdf_content_bytes: int = 16 * MiB  # one page-content stream, unpacked
    # scans read by OCR (read/ocr.py): a page takes seconds, so far fewer pages than a PDF
    # with a text layer; an A4 page at 200 dpi is 3.9 M pixels
    max_ocr_pages: int = 40
    max_ocr_pixels: int = 40_000_000
    ocr_seconds_per_page: float = 120.0
    ocr_dpi: int = 200
    # any reader
    max_table_cells: int = 100_000  # one table after merged cells are expanded
    max_sheet_rows: int = 20_000
    max_sheet_columns: int = 200
    max_lines: int = 200_000
    # a .zip of reports handed to a batch: its members together, as declared in the directory
    max_archive_members: int = 100_000
    max_archive_unpacked_bytes: int = 4 * 1024 * MiB


DEFAULT_LIMITS = ReadLimits()


def mib(size: int) -> str:
    return f"{size / MiB:.1f} MiB"


def check_size(data: bytes, source: str | None, limits: ReadLimits) -> None:
    if len(data) > limits.max_file_bytes:
        raise ReadError(
            source, f"文件过大（{len(data)} 字节，上限 {limits.max_file_bytes} 字节），未读取"
        )


def check_zip(archive: zipfile.ZipFile, source: str | None, limits: ReadLimits, kind: str) -> None:
    """Refuse a decompression bomb from the zip directory alone, before unpacking anything.

    Python's zipfile never unpacks more than a member's declared size, so the declared sizes
    checked here bound the work that follows."""
    members = archive.infolist()
    if len(members) > limits.max_zip_members:
        raise ReadError(
            source,
            f"{kind}文件包含 {len(members)} 个压缩成员，超过上限 {limits.max_zip_members}，"
            "疑为恶意文件，未读取",
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MiB:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise ReadError(
                    source,
                    f"{kind}文件中的“{member.filename}”压缩比为 {ratio:.0f}:1，"
                    f"超过上限 {limits.max_compression_ratio:.0f}:1，疑为压缩炸弹，未读取",
                )
    if total > limits.max_unpacked_bytes:
        raise ReadError(
            source,
            f"{kind}文件解压后共 {mib(total)}，超过上限 {mib(limits.max_unpacked_bytes)}，"
            "疑为压缩炸弹，未读取",
        )


def check_part_size(
    archive: zipfile.ZipFile, name: str, source: str | None, limits: ReadLimits, kind: str
) -> None:
    """Refuse an XML part too large to parse into a tree, from the zip directory alone."""
    try:
        size = archive.getinfo(name).file_size
    except KeyError:
        return  # reading it names the missing part
    if size > limits.max_xml_part_bytes:
        raise ReadError(
            source,
            f"{kind}文件中的“{name}”解压后为 {mib(size)}，超过单个部件上限 "
            f"{mib(limits.max_xml_part_bytes)}，未读取",
        )
