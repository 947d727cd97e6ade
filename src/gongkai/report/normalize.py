"""Text normalization shared by every reader: forms, blanks, numbers, labels.

Nothing here changes a number: :func:`parse_value` reads what a cell says, or says it is blank,
or says it is not a number at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]", re.IGNORECASE)
_CLEANUP = {
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None),  # invisible marks
    **dict.fromkeys(map(ord, "\u00a0\u3000\u2002\u2003\u2009\u202f"), " "),  # odd spaces
}

# Cells that say "nothing here": kept as null, never read as 0 (docs/report-json.md#cells).
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
    """The comparable key of a label: folded, no spaces, no punctuation, no quotes, Simplified.

    "3．危及“三安全一稳定”" and "3.危及\"三安全 一稳定\"" both become "3危及三安全一稳定"; so does
    "3.危及「三安全一穩定」" as a mirror site writes it in Traditional characters.
    """
    key = _NON_WORD.sub("", fold(clean_line(text)))
    if key.isascii():
        return key
    return simplified(key)


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


# ------------------------------------------------------------------ Traditional characters

# The Taiwan words for the national format's own terms, after OpenCC's character conversion
# (found by converting every label of spec.py with s2twp and back with t2s).
_TAIWAN_TERMS = {"资讯": "信息", "专案": "项目", "档案": "文件", "资料": "数据"}
_TAIWAN_TERM = re.compile("|".join(_TAIWAN_TERMS))
# the Traditional characters that GB 2312 holds as well (see tests/report/test_traditional.py)
HANT_IN_GB2312 = "乾吒夥後徵拚捱摺於榘菸薹袷醣麴麽"
_HANT_IN_GB2312 = re.compile(f"[{HANT_IN_GB2312}]")
_converter: list[Callable[[str], str]] = []


def simplified(key: str) -> str:
    """``key`` in Simplified characters (OpenCC t2s), when it has Traditional ones.

    The Traditional characters that differ from their Simplified forms lie outside GB 2312,
    which holds the Simplified characters in common use, but for sixteen (於, 後…) looked for
    as well: a key that GB 2312 can encode and that has none of those (every Simplified report)
    is returned as it is, without a dictionary look-up. OpenCC is loaded when first needed.
    """
    try:
        key.encode("gb2312")
        if not _HANT_IN_GB2312.search(key):
            return key
    except UnicodeEncodeError:
        pass
    if not _converter:
        import opencc

        _converter.append(opencc.OpenCC("t2s").convert)
    converted = _converter[0](key)
    if converted == key:
        return key
    return _TAIWAN_TERM.sub(lambda m: _TAIWAN_TERMS[m.group(0)], converted)


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
    if text[:1] == _MINUS:  # "−18": a minus sign NFKC leaves as it is
        text = "-" + text[1:]
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


# ------------------------------------------------------------------ notes inside cells

_MINUS = "\u2212"
_UNITS = ("万元", "元", "万", "件", "个", "项", "次", "条", "宗")
MONEY_UNITS = frozenset({"万元", "元", "万"})
_UNIT = "|".join(_UNITS)
_NOTED = re.compile(
    rf"(?P<figure>[+-]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)\s*(?P<unit>{_UNIT})?"
    r"\s*(?:\((?P<note>[^()]{0,80})\))?"
)
_FIGURE_START = frozenset("+-0123456789")
_NOTE_END = frozenset(")" + "".join(unit[-1] for unit in _UNITS))
_NOT_WORDS = re.compile(rf"(?:{_UNIT}|[\d\W_])+")


@dataclass(frozen=True)
class CellNote:
    """A figure written with a unit or a note: "22（其中修订16件）", "3（件）", "96171.6万元"."""

    figure: str  # the leading figure, the cell's value ("22")
    unit: str | None  # "件", "万元"…, after the figure or alone in the brackets
    note: str | None  # the text in the brackets ("其中修订16件")
    unclear: bool  # the brackets hold another figure ("1（2）"): which is the value is unclear


@lru_cache(maxsize=1 << 12)
def cell_note(cell: str) -> CellNote | None:
    """Read a cell that is a figure followed by a unit and/or a note in brackets, or None.

    Only the leading figure can be the cell's value; the digits of the note (16 in
    "22（其中修订16件）") never are. A note that is nothing but a figure ("1（2）", "1（2件）")
    leaves the value unclear: the caller keeps the cell null and says so.
    """
    text = fold(clean_line(cell)).strip()
    if (
        not text
        or text[-1] not in _NOTE_END
        or (text[0] not in _FIGURE_START and text[0] != _MINUS)
    ):
        return None
    if text[0] == _MINUS:
        text = "-" + text[1:]
    match = _NOTED.fullmatch(text)
    if match is None:
        return None
    figure, unit, note = match.group("figure", "unit", "note")
    if note is not None:
        note = " ".join(note.split())
        if unit is None and note in _UNITS:
            unit, note = note, None
    if unit is None and note is None:
        return None
    unclear = (
        note is not None and _HAS_DIGIT.search(note) is not None and not _NOT_WORDS.sub("", note)
    )
    return CellNote(figure, unit, note, unclear)


@lru_cache(maxsize=1 << 14)
def value_kind(cell: str) -> ValueKind:
    """:func:`parse_value`'s kind, where a figure with a note (:func:`cell_note`) is a number."""
    kind = parse_value(cell).kind
    if kind == "text" and cell_note(cell) is not None:
        return "number"
    return kind


def is_digit_run(cell: str) -> bool:
    return bool(_DIGITS.fullmatch(fold(cell).strip()))


@lru_cache(maxsize=1 << 14)
def split_trailing_numbers(text: str) -> tuple[str, tuple[str, ...]]:
    """Split "一、本年新收政府信息公开申请数量 26 1 0 0 0 0 27" into its label and its cells.

    Only whitespace-separated trailing pieces that are numbers or blank markers are split off;
    numbers inside a sentence stay in the sentence.
    """
    if "(" in text or "（" in text:
        text = _SPACED_NOTE.sub(_close_note, text)
    pieces = text.split()
    cells: list[str] = []
    while pieces and value_kind(pieces[-1]) != "text":
        if parse_value(pieces[-1]).kind == "blank" and fold(pieces[-1]).strip() == "":
            break
        cells.append(pieces.pop())
    cells.reverse()
    if cells and not any(value_kind(c) == "number" for c in cells):
        return text, ()  # "—" or "无" alone after a word is prose, not a row of cells
    return " ".join(pieces), tuple(cells)


# a figure (a whole piece) and the note in brackets after it, spaces in between or inside
_SPACED_NOTE = re.compile(
    rf"(?<!\S)[+-]?[\d,.]+\s*(?:{_UNIT})?\s*[(（][^()（）]{{0,80}}[)）](?!\S)"
)


def _close_note(match: re.Match[str]) -> str:
    """ "22 （其中 修订16件）" → "22（其中修订16件）": one cell, not three pieces."""
    return "".join(match.group(0).split())


_GLUED = re.compile(r"^(?P<label>.*[\u3400-\u9fff”\"’)）])(?P<digits>\d+(?:\.\d+)?)$")


@lru_cache(maxsize=1 << 14)
def split_glued_number(text: str) -> tuple[str, str] | None:
    """ "1.属于国家秘密0000000" → ("1.属于国家秘密", "0000000"), for text dumps with no separator."""
    match = _GLUED.match(fold(text).strip())
    if not match:
        return None
    label = match.group("label")
    if label.count("(") > label.count(")"):
        return None  # "22（其中修订16": the digits are inside a note that goes on elsewhere
    return label, match.group("digits")
