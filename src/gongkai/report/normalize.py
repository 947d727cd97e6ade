"""Text normalization shared by every reader: forms, blanks, numbers, labels.

Nothing here changes a number: :func:`parse_value` reads what a cell says, or says it is blank,
or says it is not a number at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]", re.IGNORECASE)
_CLEANUP = {
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None),  # invisible marks
    **dict.fromkeys(map(ord, "\u00a0\u3000\u2002\u2003\u2009\u202f"), " "),  # odd spaces
}

# Cells that say "nothing here": kept as null, never read as 0 (report-json.md "Cells").
BLANK_MARKERS = frozenset({"", "/", "-", "—", "——", "–", "－", "―", "无", "空", "\\", "×"})

_NON_WORD = re.compile(r"[\W_]+")
_HAS_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_DIGITS = re.compile(r"\d+")
_NUMBERING = re.compile(r"^(?:第?[一二三四五六七八九十]+[项条部分]?|\d+)")
_PAGE_FURNITURE = re.compile(
    r"^(?:[-—－–―_]+\s*\d{1,3}\s*[-—－–―_]+"  # — 3 —, - 3 - (a dash on both sides: "-3" is a value)
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"  # 第 3 页 共 5 页
    r"|\d+\s*/\s*\d+\s*页?"  # 3/5
    r"|page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)


_ODD_CHARS = re.compile("[" + "".join(chr(c) for c in _CLEANUP) + "]")


def clean_line(line: str) -> str:
    """Remove Word residue that carries no meaning: bookmarks, invisible marks, odd spaces."""
    if "[" in line:
        line = _BOOKMARK.sub("", line)
    if not line.isascii() and _ODD_CHARS.search(line):
        # str.translate is slow on a long CJK text; the marks found are few
        for char in set(_ODD_CHARS.findall(line)):
            line = line.replace(char, _CLEANUP[ord(char)] or "")
    return line.rstrip("\r\n")


def _ascii_forms() -> dict[str, str]:
    """Characters whose NFKC form is plain ASCII: full-width forms, odd spaces, "①", "⒈"…"""
    forms: dict[str, str] = {}
    blocks = ((0xA0, 0x100), (0x2000, 0x2070), (0x2100, 0x2190), (0x2460, 0x2500))
    for start, end in (*blocks, (0x3000, 0x3001), (0xFF00, 0xFFF0)):
        for code in range(start, end):
            char = chr(code)
            folded = unicodedata.normalize("NFKC", char)
            if folded != char and folded.isascii():
                forms[char] = folded
    return forms


_ASCII_FORMS = _ascii_forms()
_HAS_ASCII_FORM = re.compile("[" + "".join(map(re.escape, _ASCII_FORMS)) + "]")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Full-width letters, digits and punctuation to their ordinary forms (NFKC).

    CPython's NFKC is slow on a whole report (it rebuilds every character), and a Chinese text
    usually needs only its full-width punctuation replaced. An ASCII form is a character's whole
    compatibility decomposition, so replacing it first leaves the NFKC result unchanged; the
    quick check then tells whether anything else is left to normalize.
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    for char in set(_HAS_ASCII_FORM.findall(text)):
        text = text.replace(char, _ASCII_FORMS[char])
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1 << 16)
def label_key(text: str) -> str:
    """The comparable key of a label: folded, no spaces, no punctuation, no quotes.

    "3．危及“三安全一稳定”" and "3.危及\"三安全 一稳定\"" both become "3危及三安全一稳定".
    """
    return _NON_WORD.sub("", fold(clean_line(text)))


def strip_numbering(key: str) -> str:
    """ "七总计" → "总计", "3其他" → "其他": the item numbering of a label key."""
    return _NUMBERING.sub("", key, count=1)


@lru_cache(maxsize=1 << 14)
def is_page_furniture(line: str) -> bool:
    """A page number line such as "— 3 —" or "第 2 页 共 5 页"; a bare number is not one."""
    if len(line) > 40 or not _HAS_DIGIT.search(line):
        return False
    text = fold(line).strip()
    if not text or text.isdigit():
        return False
    return bool(_PAGE_FURNITURE.match(text))


ValueKind = Literal["number", "blank", "text"]
MAX_DIGITS = 1000  # a longer run of digits is not one number (and int() refuses 4300 digits)


@dataclass(frozen=True)
class Value:
    kind: ValueKind
    number: int | Decimal | None = None


@lru_cache(maxsize=1 << 14)
def parse_value(cell: str) -> Value:
    """Read one cell: a number, a blank, or text.

    Integers stay ``int``; amounts with decimals become ``Decimal`` exactly as written.
    """
    text = fold(clean_line(cell)).strip()
    if text in BLANK_MARKERS:
        return Value("blank")
    if not _NUMBER.fullmatch(text):
        return Value("text")
    plain = text.replace(",", "")
    if "." in plain:
        try:
            return Value("number", Decimal(plain))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            return Value("text")
    if len(plain) > MAX_DIGITS:  # no cell holds such a number: digits of many cells, or noise
        return Value("text")
    return Value("number", int(plain))


def is_digit_run(cell: str) -> bool:
    return bool(_DIGITS.fullmatch(fold(cell).strip()))


@lru_cache(maxsize=1 << 14)
def split_trailing_numbers(text: str) -> tuple[str, tuple[str, ...]]:
    """Split "一、本年新收政府信息公开申请数量 26 1 0 0 0 0 27" into its label and its cells.

    Only whitespace-separated trailing pieces that are numbers or blank markers are split off;
    numbers inside a sentence stay in the sentence.
    """
    pieces = text.split()
    cells: list[str] = []
    while pieces and parse_value(pieces[-1]).kind != "text":
        if parse_value(pieces[-1]).kind == "blank" and fold(pieces[-1]).strip() == "":
            break
        cells.insert(0, pieces.pop())
    if cells and not any(parse_value(c).kind == "number" for c in cells):
        return text, ()  # "—" or "无" alone after a word is prose, not a row of cells
    return " ".join(pieces), tuple(cells)


_GLUED = re.compile(r"^(?P<label>.*[\u3400-\u9fff”\"’)）])(?P<digits>\d+(?:\.\d+)?)$")


@lru_cache(maxsize=1 << 14)
def split_glued_number(text: str) -> tuple[str, str] | None:
    """ "1.属于国家秘密0000000" → ("1.属于国家秘密", "0000000"), for text dumps with no separator."""
    match = _GLUED.match(fold(text).strip())
    if not match:
        return None
    return match.group("label"), match.group("digits")
