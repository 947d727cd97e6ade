"""Raw document → Report: sections, format, tables, metadata. Lenient: never refuses real input."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from pathlib import Path

from . import meta
from .assemble import assemble_table
from .errors import ReadError
from .model import Finding, Report, TableData
from .normalize import fold, is_page_furniture, label_key
from .read.base import RawDocument, RawLine
from .read.detect import read_any
from .read.text import read_text
from .sections import SectionSpan, find_sections, narrative, table_extent
from .spec import (
    FORMAT_2021,
    FORMATS,
    MARKERS_2019,
    MARKERS_2021,
    SECTION_KEYS,
    TABLE_KEYS,
    TableKey,
)

_CHROME = re.compile(
    r"^(?:(?:【?(?:打印本页|关闭窗口|打印|关闭)】?\s*)+|返回顶部|网站地图|扫一扫.*|分享到.*"
    r"|上一篇.*|下一篇.*|相关(?:链接|文章|阅读).*|【?字体[:：]?.*|.*浏览次数.*|.*访问(?:量|次数).*"
    r"|(?:发布|发表|更新)(?:时间|日期)[:：].*|(?:信息)?来源[:：].*|当前位置[:：].*|首页\s*[>›»].*"
    r"|(?:主办|承办)单位[:：].*|版权所有.*|.*ICP备.*|网站标识码.*|.*公网安备.*)$"
)
_CHROME_HINT = re.compile(
    r"打印|关闭|返回顶部|网站地图|扫一扫|分享|上一篇|下一篇|相关|字体|浏览|访问|发布|发表|更新|来源"
    r"|当前位置|首页|主办|承办|版权|ICP|标识码|公网安备"
)
_text = attrgetter("text")
_SECTION_OF: dict[TableKey, str] = {
    "proactive": "proactive_section",
    "applications": "applications_section",
    "disputes": "disputes_section",
}


def parse_file(path: str | Path) -> Report:
    path = Path(path)
    return parse_bytes(path.read_bytes(), str(path))


def parse_bytes(data: bytes, source: str | None = None) -> Report:
    return parse_document(read_any(data, source))


def parse_text(text: str, source: str | None = None) -> Report:
    return parse_document(read_text(text, source))


def parse_document(document: RawDocument) -> Report:
    lines = _drop_chrome(document.lines)
    texts = list(map(_text, lines))
    full_text = "\n".join(texts)
    spans = find_sections(lines)
    first = min((s.start for s in spans.values()), default=len(lines))
    title, _ = meta.find_title(texts[:first] if spans else texts[:20])
    signature = meta.find_signature(texts)
    if signature and spans and signature.start <= max(s.start for s in spans.values()):
        signature = None  # a date inside the body is not a signing block
    end = signature.start if signature else len(lines)
    fmt_key, format_notes = detect_format(lines)
    fmt = FORMATS.get(fmt_key or "", FORMAT_2021)

    notes: list[Finding] = [*document.notes, *format_notes]
    tables: dict[str, TableData | None] = {}
    sections: dict[str, str | None] = {key: None for key in SECTION_KEYS}
    titles: dict[str, str | None] = {key: None for key in SECTION_KEYS}
    extents: dict[str, tuple[int, int] | None] = {}
    for table_key in TABLE_KEYS:
        table_span = spans.get(_SECTION_OF[table_key])
        region: Sequence[RawLine] = (
            lines[table_span.start + 1 : min(table_span.end, end)] if table_span else lines
        )
        extent = table_extent(region, table_key)
        result = assemble_table(fmt, table_key, region[extent[0] : extent[1]] if extent else region)
        tables[table_key] = result.data
        notes.extend(result.notes)
        if table_span is not None:
            extents[table_span.key] = extent
    for key, span in spans.items():
        titles[key] = span.heading
        body = lines[span.start + 1 : min(span.end, end)]
        sections[key] = narrative(body, extents.get(key))  # a table's lines are not prose

    if not spans and title is None and not any(tables.values()):
        raise ReadError(
            document.source, "没有找到年度报告的内容（无标题、无六个部分的标题、无统计表）"
        )
    agency, title_year = meta.agency_from_title(title)
    period = meta.find_period(full_text)
    year = title_year or (period.end.year if period else None) or _year_from_overview(texts, spans)
    agency = agency or (signature.agency if signature else None) or meta.agency_from_text(full_text)
    return Report(
        format=fmt_key,
        agency=agency,
        year=year,
        published_on=signature.signed_on if signature else None,
        contact=meta.find_contact(full_text),
        period=period,
        title=title,
        sections=sections,
        section_titles=titles,
        proactive=tables["proactive"],
        applications=tables["applications"],
        disputes=tables["disputes"],
        notes=tuple(notes),
        source=document.source,
        reader=document.reader,
        text=full_text,
    )


def detect_format(lines: Sequence[RawLine]) -> tuple[str | None, list[Finding]]:
    """Which national format the tables follow (legal-spec §2.8), by the labels they use.

    The column headers and rows of table 二 differ throughout between the formats. A single
    （六）其他处理 row in table 三 is weaker evidence: some 2021-format reports keep that row
    of the older template (the assembler reads it as （六） 3.其他 and says so), so it counts
    for 2019 only when nothing marks the report as 2021, or when table 二 is 2019 as well.
    """
    key = "".join(map(_marker_key, map(_text, lines)))
    old = [m for m in MARKERS_2019 if m in key]
    new = [m for m in MARKERS_2021 if m in key]
    if (old or not new) and re.search(r"六其他处理[\d]*七总计", key):
        old.append("（六）其他处理 单行")
    notes: list[Finding] = []
    if old and new:
        notes.append(
            Finding(
                "FORMAT-MIXED",
                "warning",
                "表格同时使用了2019年试行格式（"
                + "、".join(old)
                + "）和2021年格式（"
                + "、".join(new)
                + "）的栏目",
                detail={"markers_2019": old, "markers_2021": new},
            )
        )
        return ("2019" if len(old) > len(new) else "2021"), notes
    if old:
        return "2019", notes
    if new:
        return "2021", notes
    return None, notes


@lru_cache(maxsize=1 << 14)
def _marker_key(line: str) -> str:
    """A line's part of the text searched for format markers: the markers are column headers
    and row labels, short cells, never paragraphs of prose or bare numbers."""
    if len(line) > 160 or line.strip().isdigit():
        return ""
    return label_key(line)


_DROP = 1  # page furniture or web chrome, when the line is plain text
_HEADER = 2  # a short line naming the report: a running header if it repeats
_TITLE_WORDS = 4  # the line names the report at all


@lru_cache(maxsize=1 << 14)
def _chrome_flags(line: str) -> int:
    """What :func:`_drop_chrome` needs to know of a line, decided once per distinct text."""
    flags = _TITLE_WORDS if "年度报告" in line else 0
    text = line.strip()
    if text and len(text) <= 80 and not text.isdigit():
        if is_page_furniture(text) or (_CHROME_HINT.search(text) and _CHROME.match(fold(text))):
            return flags | _DROP
        if flags:
            return flags | _HEADER
    return flags


def _drop_chrome(lines: Sequence[RawLine]) -> list[RawLine]:
    """Page furniture, web page chrome and running headers repeated on every page."""
    flags = list(map(_chrome_flags, map(_text, lines)))
    flagged = [i for i in compress(range(len(lines)), flags) if lines[i].cells is None]
    if not flagged:
        return list(lines)
    headers = Counter(label_key(lines[i].text) for i in flagged if flags[i] & _TITLE_WORDS)
    seen: set[str] = set()
    keep = [True] * len(lines)
    for index in flagged:
        if flags[index] & _DROP:
            keep[index] = False
        elif flags[index] & _HEADER:
            key = label_key(lines[index].text.strip())
            if headers[key] > 1 and len(key) <= 60:
                if key in seen:
                    keep[index] = False
                seen.add(key)
    return list(compress(lines, keep))


def _year_from_overview(texts: Sequence[str], spans: dict[str, SectionSpan]) -> int | None:
    head = spans.get("overview")
    window = texts[: head.end] if head else texts[:40]
    return meta.find_year("\n".join(window))
