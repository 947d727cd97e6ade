"""The format's own words, taken out before two reports are compared for copying.

Two reports that only follow the national format share its section titles, table labels and
preamble; that is not copying. Before a comparison each text is *normalised* and the template's
text is removed:

Normalised text
    full-width letters and digits folded to ASCII, letters lower-cased; only Chinese characters,
    letters and digits kept (punctuation, spaces and line breaks dropped); every run of digits
    becomes one ``0``, so "2023年收到申请12件" and "2024年收到申请7件" read the same; outline
    numbering ("一、", "（二）", "3.") is dropped, since it is the text's layout, not its words.

The template's text (:data:`TEMPLATE_PHRASES`, :data:`TEMPLATE_PATTERNS`)
    1. the six section titles of ``gongkai.report.spec.SECTIONS``, with and without their number;
    2. every label of tables 二, 三 and 四 in the 2021 and the 2019 formats (row labels without
       their numbering, group labels, column labels, the tables' headings) that is at least
       :data:`MIN_LABEL` characters long: shorter labels (其他, 规章, 自然人) are ordinary words
       in a narrative too, and stay;
    3. the standard preamble of the format and its usual variable sentences: the statute's and
       the format's titles, "本报告根据…要求编制", "本报告全文包括…", "统计期限自…至…止",
       "本报告电子版可在…下载", "如对本报告有疑问，请与…联系";
    4. the sub-headings the format asks for in sections 五 and 六 (存在的主要问题, 改进情况,
       信息处理费, 建议提案, 工作要点, 创新…, see :data:`SUBHEADINGS`).

The unit's own names (roster name, aliases, the report's agency) are replaced by one
placeholder character, so two units sharing a text with the names changed read the same.

A removed passage leaves a boundary (``|``): no shingle or repeated passage runs across it.
Each kept character remembers where it stood in the original text, so a repeated passage can be
shown as the report wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from gongkai.report.normalize import strip_numbering
from gongkai.report.spec import FORMATS, SECTIONS

BOUNDARY = "|"  # where template text was removed; never inside a kept run
NAME = "@"  # stands for the unit's own name
MIN_LABEL = 4

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KEEP = re.compile(f"[0-9]+|[a-z]+|[{_HAN}]+")
_NUMERALS = "一二三四五六七八九十"
_OUTLINE = re.compile(
    rf"[（(]\s*[{_NUMERALS}0-9]{{1,3}}\s*[)）]"  # （一） (2)
    rf"|(?<!\w)[{_NUMERALS}]{{1,3}}\s*、"  # 一、 but not 统一、
    r"|(?<![\w.])[0-9]{1,2}\s*[、.．](?![0-9])"  # 1. 2、 but not 1.5 or 2024.
)


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(ord("Ａ"), ord("Ｚ") + 1):
        table[code] = chr(code - ord("Ａ") + ord("a"))
    for code in range(ord("ａ"), ord("ｚ") + 1):
        table[code] = chr(code - ord("ａ") + ord("a"))
    for code in range(ord("０"), ord("９") + 1):
        table[code] = chr(code - ord("０") + ord("0"))
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


_FOLD = _fold_table()  # one character for one: offsets stay valid


@dataclass(frozen=True)
class Content:
    """Normalised text, and for each of its characters the span it came from in the source."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @property
    def size(self) -> int:
        """Characters that carry content (boundaries not counted)."""
        return len(self.text) - self.text.count(BOUNDARY)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalised characters [start, end) came from."""
        return self.starts[start], self.ends[end - 1]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())  # the same length: offsets stay valid


def normalise(text: str) -> Content:
    folded = _OUTLINE.sub(_blank, text.translate(_FOLD))
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _KEEP.finditer(folded):
        start, end = match.span()
        piece = match.group()
        if piece[0].isdigit():
            parts.append("0")
            starts.append(start)
            ends.append(end)
        else:
            parts.append(piece)
            starts.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
    return Content("".join(parts), tuple(starts), tuple(ends))


def normalised(text: str) -> str:
    return normalise(text).text


# ---------------------------------------------------------------- the template's own text

PREAMBLE_PHRASES: tuple[str, ...] = (
    "中华人民共和国政府信息公开条例",
    "政府信息公开条例",
    "以下简称条例",
    "中华人民共和国政府信息公开工作年度报告格式",
    "政府信息公开工作年度报告格式",
    "政府信息公开工作年度报告",
    "国办公开办函〔2021〕30号",
    "国办公开办函〔2019〕60号",
)

SUBHEADINGS: tuple[str, ...] = (
    "存在的主要问题",
    "存在的问题",
    "主要问题",
    "改进情况",
    "改进措施",
    "整改措施",
    "下一步工作打算",
    "信息处理费",
    "依申请公开政府信息处理费收费情况",
    "收取信息处理费的情况",
    "人大代表建议和政协提案办理结果公开情况",
    "人大代表建议和政协提案办理情况",
    "建议提案办理情况",
    "年度工作要点落实情况",
    "政务公开工作要点落实情况",
    "在政务公开制度内容形式和平台建设方面的创新实践情况",
    "政务公开工作创新情况",
    "其他需要报告的事项",
)

# Sentences of the preamble with variable parts, written over normalised text ("0" = a number).
TEMPLATE_PATTERNS: tuple[str, ...] = (
    r"本报告根据.{0,24}?条例.{0,80}?要求编制",
    r"本报告全文包括.{0,80}?其他需要报告的事项",
    r"(?:本年度)?(?:报告)?中?所列数据的?统计期限.{0,4}?0年0月0日.{0,4}?0年0月0日止?",
    r"本报告(?:的)?电子版可?在.{0,40}?下载",
    r"如对本?(?:年度)?报告.{0,8}?疑问.{0,6}?请与.{0,40}?联系",
)


def _table_labels() -> Iterable[str]:
    for spec in FORMATS.values():
        for table in spec.tables:
            yield from table.headings
            for row in table.rows:
                yield row.label
                if row.group:
                    yield row.group
                for column in row.columns:
                    yield column.label


def _phrases() -> tuple[str, ...]:
    raw: list[str] = []
    for section in SECTIONS:
        raw += [section.title, section.title[2:]]
    raw += list(_table_labels())
    raw += list(PREAMBLE_PHRASES) + list(SUBHEADINGS)
    keys = {normalised(p) for p in raw}
    keys |= {strip_numbering(k) for k in keys}
    return tuple(sorted((k for k in keys if len(k) >= MIN_LABEL), key=lambda k: (-len(k), k)))


TEMPLATE_PHRASES: tuple[str, ...] = _phrases()


@dataclass(frozen=True)
class Template:
    phrases: tuple[str, ...] = TEMPLATE_PHRASES
    patterns: tuple[str, ...] = TEMPLATE_PATTERNS

    @staticmethod
    def empty() -> Template:
        return Template((), ())


DEFAULT_TEMPLATE = Template()


@lru_cache(maxsize=8)
def _template_pattern(template: Template) -> re.Pattern[str] | None:
    pieces = [*template.patterns, *map(re.escape, template.phrases)]
    return re.compile("|".join(pieces)) if pieces else None


@lru_cache(maxsize=4096)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    keys = sorted({normalised(n) for n in names} - {""}, key=lambda k: (-len(k), k))
    return re.compile("|".join(map(re.escape, keys))) if keys else None


def strip_template(
    content: Content, names: Iterable[str] = (), template: Template = DEFAULT_TEMPLATE
) -> Content:
    """``content`` with each of ``names`` replaced by the name placeholder, then without the
    template's text (a boundary stands in its place)."""
    content = _replace(content, _name_pattern(tuple(sorted(set(names)))), NAME)
    return _replace(content, _template_pattern(template), BOUNDARY)


def _replace(content: Content, pattern: re.Pattern[str] | None, mark: str) -> Content:
    """Each match of ``pattern`` replaced by ``mark``; boundaries in a row collapse to one."""
    if pattern is None:
        return content
    text, starts, ends = content.text, content.starts, content.ends
    parts: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    last = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        if start == end:
            continue
        if start > last:
            parts.append(text[last:start])
            new_starts += starts[last:start]
            new_ends += ends[last:start]
        elif mark == BOUNDARY and parts and parts[-1] == BOUNDARY:
            new_ends[-1] = ends[end - 1]
            last = end
            continue
        parts.append(mark)
        new_starts.append(starts[start])
        new_ends.append(ends[end - 1])
        last = end
    if last == 0 and not parts:
        return content
    parts.append(text[last:])
    new_starts += starts[last:]
    new_ends += ends[last:]
    return Content("".join(parts), tuple(new_starts), tuple(new_ends))


def content(text: str, names: Iterable[str] = (), template: Template = DEFAULT_TEMPLATE) -> Content:
    """A text ready for comparison: normalised, the template's text removed, names replaced."""
    return strip_template(normalise(text), names, template)
