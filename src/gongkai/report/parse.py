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
from .assemble import TableResult, assemble_table
from .chrome import chrome_anywhere, chrome_at_edge, chrome_kind
from .dump import CrawlerHeader, Page, unfold
from .errors import ReadError
from .model import Finding, Report, TableData
from .normalize import is_page_furniture, label_key
from .ocrcheck import confirm
from .read.base import RawDocument, RawLine
from .read.detect import read_any
from .read.ocr import OcrDocument
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

_text = attrgetter("text")
_SECTION_OF: dict[TableKey, str] = {
    "proactive": "proactive_section",
    "applications": "applications_section",
    "disputes": "disputes_section",
}
# table 三 first: whether it was written column by column tells how to read table 二
_ASSEMBLY_ORDER: tuple[TableKey, ...] = ("applications", "proactive", "disputes")


def parse_file(path: str | Path) -> Report:
    path = Path(path)
    return parse_bytes(path.read_bytes(), str(path))


def parse_bytes(data: bytes, source: str | None = None) -> Report:
    return parse_document(read_any(data, source))


def parse_text(text: str, source: str | None = None) -> Report:
    return parse_document(read_text(text, source))


def parse_document(document: RawDocument) -> Report:
    page = unfold(document.lines)
    lines, chrome = _drop_chrome(page.lines)
    texts = list(map(_text, lines))
    full_text = "\n".join(texts)
    spans = find_sections(lines)
    first = min((s.start for s in spans.values()), default=len(lines))
    title, _ = meta.find_title(texts[:first] if spans else texts[:20])
    if title is None and page.header and page.header.title:
        title = page.header.title.strip()  # the crawler's 标题, without its label
    signature = meta.find_signature(texts)
    if signature and spans and signature.start <= max(s.start for s in spans.values()):
        signature = None  # a date inside the body is not a signing block
    end = signature.start if signature else len(lines)
    fmt_key, format_notes = detect_format(lines)
    fmt = FORMATS.get(fmt_key or "", FORMAT_2021)

    notes: list[Finding] = [*document.notes, *_page_notes(page, chrome), *format_notes]
    tables: dict[str, TableData | None] = {}
    sections: dict[str, str | None] = {key: None for key in SECTION_KEYS}
    titles: dict[str, str | None] = {key: None for key in SECTION_KEYS}
    extents: dict[str, tuple[int, int] | None] = {}
    results: dict[str, TableResult] = {}
    columns = False  # a table written column by column: table 二 is read with care then
    for table_key in _ASSEMBLY_ORDER:
        table_span = spans.get(_SECTION_OF[table_key])
        region: Sequence[RawLine] = (
            lines[table_span.start + 1 : min(table_span.end, end)] if table_span else lines
        )
        extent = table_extent(region, table_key)
        results[table_key] = result = assemble_table(
            fmt,
            table_key,
            region[extent[0] : extent[1]] if extent else region,
            page.unfolded,
            columns,
        )
        columns = columns or result.by_columns
        if table_span is not None:
            extents[table_span.key] = extent
    for table_key in TABLE_KEYS:
        tables[table_key] = results[table_key].data
        notes.extend(results[table_key].notes)
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
    published_on = signature.signed_on if signature else None
    if published_on is None and page.header and page.header.published:
        published_on = page.header.published
        notes.append(_published_from_header(page.header))
    report = Report(
        format=fmt_key,
        agency=agency,
        year=year,
        published_on=published_on,
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
    if isinstance(document, OcrDocument):
        report = confirm(report, document)  # numbers from a scan: only what the sums confirm
    return report


def detect_format(lines: Sequence[RawLine]) -> tuple[str | None, list[Finding]]:
    """Which national format the tables follow (docs/law.md#formats), by the labels they use.

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


_ANYWHERE = 1  # web chrome wherever it stands (a counter, the font switch, print buttons)
_EDGE = 2  # web chrome at the page's edges only (navigation, footers)
_FURNITURE = 4  # a page number
_HEADER = 8  # a short line naming the report: a running header if it repeats
_TITLE_WORDS = 16  # the line names the report at all


@lru_cache(maxsize=1 << 14)
def _chrome_flags(line: str) -> int:
    """What :func:`_drop_chrome` needs to know of a line, decided once per distinct text."""
    flags = _TITLE_WORDS if "年度报告" in line else 0
    text = line.strip()
    if text and len(text) <= 120 and not text.isdigit():
        if is_page_furniture(text):
            return flags | _FURNITURE
        if chrome_anywhere(text):
            return flags | _ANYWHERE | _EDGE
        if chrome_at_edge(text):
            flags |= _EDGE
        if flags & _TITLE_WORDS and len(text) <= 80:
            flags |= _HEADER
    return flags


def _drop_chrome(lines: Sequence[RawLine]) -> tuple[list[RawLine], list[RawLine]]:
    """Page furniture, web page chrome and running headers repeated on every page. Chrome is
    known by its shape and its place: navigation and footers only before the title or in the
    run of such lines that ends the page. Returns the lines kept and the chrome dropped."""
    flags = [0 if ln.cells is not None else _chrome_flags(ln.text) for ln in lines]
    if not any(flags):
        return list(lines), []
    keep = [True] * len(lines)
    chrome: list[RawLine] = []
    title = next(
        (i for i, f in enumerate(flags) if f & _HEADER and len(lines[i].text.strip()) <= 60), None
    )
    head = title if title is not None else _edge_run(lines, flags, range(len(lines)))
    tail = _edge_run(lines, flags, range(len(lines) - 1, head - 1, -1))
    for index, flag in enumerate(flags):
        if flag & _FURNITURE:
            keep[index] = False
        elif flag & _ANYWHERE or (flag & _EDGE and (index < head or index >= tail)):
            keep[index] = False
            chrome.append(lines[index])
    headers = Counter(
        label_key(lines[i].text) for i, f in enumerate(flags) if f & _HEADER and keep[i]
    )
    seen: set[str] = set()
    for index, flag in enumerate(flags):
        if flag & _HEADER and keep[index]:
            key = label_key(lines[index].text.strip())
            if headers[key] > 1 and len(key) <= 60:
                if key in seen:
                    keep[index] = False
                seen.add(key)
    return list(compress(lines, keep)), chrome


def _edge_run(lines: Sequence[RawLine], flags: Sequence[int], order: range) -> int:
    """Where the run of chrome (and blank lines) at one edge of the page ends: the first index
    not in the run when ``order`` goes forward, the run's first index when it goes backward."""
    edge = order.start if order.step > 0 else order.start + 1
    for index in order:
        if flags[index] & (_EDGE | _FURNITURE) or not lines[index].text.strip():
            edge = index + 1 if order.step > 0 else index
            continue
        break
    return edge


def _page_notes(page: Page, chrome: Sequence[RawLine]) -> list[Finding]:
    notes: list[Finding] = []
    if page.header is not None:
        first, last = page.header.lines
        notes.append(
            Finding(
                "PAGE-DUMP",
                "info",
                f"第{first}–{last}行是抓取程序写在网页前的记录（标题、发布时间等），不属于报告正文，已单独读取",
                line=first,
                detail={"header": dict(page.header.fields)},
            )
        )
    if page.unfolded:
        notes.append(
            Finding(
                "PAGE-DUMP",
                "info",
                "网页正文连成一行（没有换行），已按标题、各部分标题和表格行名重新分行；"
                "表格中连写的数字只按勾稽关系拆分",
                line=page.lines[0].number if page.lines else None,
            )
        )
    dropped = sorted([*page.dropped, *chrome], key=attrgetter("number"))
    for line in dropped:
        text = line.text.strip()
        shown = text if len(text) <= 60 else text[:60] + "…"
        notes.append(
            Finding(
                "CHROME-DROPPED",
                "info",
                f"第{line.number}行“{shown}”是网页的{chrome_kind(text)}，不属于报告内容，已略去",
                line=line.number,
                detail={"text": text},
            )
        )
    return notes


def _published_from_header(header: CrawlerHeader) -> Finding:
    return Finding(
        "PUBLISHED-FROM-PAGE",
        "info",
        f"报告没有落款日期，发布日期取自抓取记录的发布时间（{header.get(frozenset({'发布时间', '发布日期'}))}）",
        line=header.lines[0],
        detail={"published_on": header.published.isoformat() if header.published else None},
    )


def _year_from_overview(texts: Sequence[str], spans: dict[str, SectionSpan]) -> int | None:
    head = spans.get("overview")
    window = texts[: head.end] if head else texts[:40]
    return meta.find_year("\n".join(window))
