"""Find the six section headings, and separate a section's narrative from its table."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, itemgetter

from .normalize import fold, label_key, value_kind
from .read.base import RawLine
from .spec import SECTIONS, TableKey

_HEADING = re.compile(
    r"^\s*(?:第)?(?P<number>[一二三四五六])(?:部分)?\s*[、.．,，:：]\s*(?P<title>.*)$"
)
_HEADING_START = frozenset("一二三四五六第")
_first_char = itemgetter(slice(0, 1))
# headings are short; a long line must name its subject right after the number
_TITLE_WINDOW = 24


@dataclass(frozen=True)
class SectionSpan:
    key: str
    heading: str  # the title as the source writes it, without the number
    start: int  # index of the heading line
    end: int  # index after the last line of the section


def find_sections(lines: Sequence[RawLine]) -> dict[str, SectionSpan]:
    """Headings in order, each found after the previous one. "四、结转下年度继续办理" is a row
    of table 三, not section 四: a heading must carry its section's keyword."""
    found: list[tuple[str, str, int]] = []
    position = 0
    # the lines whose first character may start a heading, picked out without a Python loop
    firsts = map(_first_char, map(str.lstrip, map(attrgetter("text"), lines)))
    starts = list(compress(range(len(lines)), map(_HEADING_START.__contains__, firsts)))
    for section in SECTIONS:
        for index in starts[bisect_left(starts, position) :]:
            match = _HEADING.match(fold(lines[index].text))
            if not match or match.group("number") != section.number:
                continue
            title = match.group("title").strip()
            window = label_key(title)[:_TITLE_WINDOW]
            if any(keyword in window for keyword in section.keywords):
                found.append((section.key, title, index))
                position = index + 1
                break
    spans: dict[str, SectionSpan] = {}
    for i, (key, title, start) in enumerate(found):
        end = found[i + 1][2] if i + 1 < len(found) else len(lines)
        spans[key] = SectionSpan(key, title, start, end)
    return spans


_TABLE_START: dict[TableKey, tuple[str, ...]] = {
    "proactive": ("第二十条", "信息内容"),
    "applications": ("勾稽关系", "申请人情况", "本年新收"),
    "disputes": ("行政复议",),
}


def table_extent(lines: Sequence[RawLine], key: TableKey) -> tuple[int, int] | None:
    """Indexes [start, end) of the table inside a section's lines, or None if it has none."""
    start = None
    for index, line in enumerate(lines):
        text = label_key(line.text)
        if not text:
            continue
        if key == "disputes":
            if (text.startswith("行政复议") and len(text) <= 20) or text in (
                "行政复议",
                "行政诉讼",
            ):
                start = index
                break
        elif any(marker in text for marker in _TABLE_START[key]) and len(text) <= 80:
            start = index
            break
    if start is None:
        return None
    end = start + 1
    for index in range(len(lines) - 1, start, -1):  # the last tabular line closes the table
        if _looks_tabular(lines[index]):
            end = index + 1
            break
    return start, end


def _looks_tabular(line: RawLine) -> bool:
    if line.cells is not None:
        return True
    pieces = line.text.replace("|", " ").split()
    if not pieces:
        # a row of empty pipe cells, or an empty cell of Word's text export (a lone tab)
        return "|" in line.text or "\t" in line.text
    last = pieces[-1]
    return value_kind(last) != "text" or (len(last) > 3 and fold(last[-3:]).isdigit())


def narrative(lines: Sequence[RawLine], skip: tuple[int, int] | None = None) -> str:
    """The section's prose: its lines outside the table, trimmed, one paragraph a line."""
    if skip and skip[0] < skip[1]:
        lines = [*lines[: skip[0]], *lines[skip[1] :]]
    return "\n".join(filter(None, map(str.strip, map(attrgetter("text"), lines))))
