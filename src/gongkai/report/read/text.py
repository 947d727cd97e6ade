"""The plain-text reader: decodes bytes and hands over cleaned lines with their numbers."""

from __future__ import annotations

from functools import partial
from itertools import repeat

from ..errors import ReadError
from ..normalize import clean_line
from .base import RawDocument, RawLine

_ENCODINGS = ("utf-8-sig", "gb18030")
_raw_line = partial(tuple.__new__, RawLine)


def decode(data: bytes, source: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (a superset of GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(source, f"UTF-16 文本无法解码：{exc.reason}") from exc
    if b"\x00" in data[:4096]:
        raise ReadError(source, "含有二进制数据（NUL 字节），不是文本文件")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(source, "文本编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）")


def read_text(text: str, source: str | None = None) -> RawDocument:
    # cleaning works line by line, and none of it spans a line break: clean the text at once
    lines = clean_line(text).splitlines()
    # (text, number, None) tuples made RawLines without a Python call each
    rows = zip(lines, range(1, len(lines) + 1), repeat(None))
    return RawDocument(source, "text", tuple(map(_raw_line, rows)))


def read_bytes(data: bytes, source: str | None = None) -> RawDocument:
    return read_text(decode(data, source), source)
