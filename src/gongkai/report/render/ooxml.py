"""What the Office Open XML formats (DOCX, XLSX) share: deterministic ZIP packages, clean text.

A ZIP entry carries the time it was written; Office packages written twice differ in those bytes
alone. Every entry here has one fixed date, is deflated at level 6 and carries no file attributes,
so two renders of the same report are byte-identical. :func:`fixed_zip` rewrites a package that a
library wrote; :func:`package` writes one from its parts, taking the static parts already
compressed (:func:`entry`, cached by the renderers once per process) so that a render compresses
only what the report changes.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

# the date written into document properties (created, modified): fixed, not the clock's
FIXED_DATETIME = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00:00
_FILE_MODE = 0o600 << 16  # what zipfile gives an entry written with no attributes (rw-------)
# characters XML 1.0 does not allow (control characters other than tab, newline, return)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile("[&<>\r]")
_XML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}


def fixed_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            item = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.create_system = 0
            item.external_attr = 0
            target.writestr(item, source.read(info.filename), compresslevel=6)
    return out.getvalue()


@dataclass(frozen=True)
class Entry:
    """One part of a package, compressed: its name, CRC, sizes and deflated bytes."""

    name: bytes
    crc: int
    size: int
    data: bytes


def entry(name: str, data: bytes) -> Entry:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    deflated = compressor.compress(data) + compressor.flush()
    return Entry(name.encode("ascii"), zlib.crc32(data), len(data), deflated)


def package(parts: list[Entry]) -> bytes:
    """The ZIP archive of ``parts`` in order, byte for byte what :func:`fixed_zip` writes."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for part in parts:
        fields = (8, _DOS_TIME, _DOS_DATE, part.crc, len(part.data), part.size, len(part.name))
        local = struct.pack("<4s2B4HL2L2H", b"PK\003\004", 20, 0, 0, *fields, 0)
        chunks += (local, part.name, part.data)
        head = struct.pack("<4s4B4HL2LH", b"PK\001\002", 20, 0, 20, 0, 0, *fields)
        central.append(head + struct.pack("<4H2L", 0, 0, 0, 0, _FILE_MODE, offset) + part.name)
        offset += len(local) + len(part.name) + len(part.data)
    directory = b"".join(central)
    count = len(parts)
    end = struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, count, count, len(directory), offset, 0)
    return b"".join(chunks) + directory + end


def xml_text(text: str) -> str:
    """Text an XML part can hold: characters XML forbids are dropped."""
    return _XML_ILLEGAL.sub("", text)


def xml_escape(text: str) -> str:
    """``text`` as the content of an XML element, escaped as lxml serialises it."""
    if _XML_SPECIAL.search(text) is None:
        return text
    return _XML_SPECIAL.sub(lambda m: _XML_ESCAPES[m.group()], text)
