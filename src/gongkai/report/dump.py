"""Crawler page dumps: the crawler's header, then the page's text with no line breaks at all.

Most reports are collected by crawlers. A dump starts with metadata lines the crawler wrote
(``标题: …``, ``发布时间: 2022-02-08 16:34``, ``原文链接: https://…``, a rule of ``=`` around
``正文``), then the page's text run together: breadcrumb and share buttons, the title, the six
section headings run into the sentences around them (``…联系。一、总体情况2021年，我区…``), and
every table flattened with nothing between its cells
(``…1.属于国家秘密00000002.其他法律行政法规禁止公开0000000…``).

:func:`unfold` gives such a page its lines back: the header is read apart, chrome at the page's
edges is cut off (and listed), each heading, the title and the signature get a line of their
own, and a table's labels and runs of values alternate line by line. The digits of a run are
left as they are: which numbers they spell is decided by the table's identities later
(:mod:`gongkai.report.fit`), never here. A document that is not a dump is returned unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from .chrome import EDGE, TOKEN_RUN
from .meta import looks_like_agency
from .normalize import fold, label_key
from .read.base import RawLine
from .spec import SECTIONS, Section

_HEADER_KEY = re.compile(
    r"^\s*(标题|文章标题|题目|发布时间|发布日期|成文日期|文号|发文字号|索引号|发布机构|发文机关"
    r"|来源|栏目|所属栏目|原文链接|原文地址|链接|网址|URL|抓取时间|采集时间)\s*[:：]\s*(.*?)\s*$",
    re.IGNORECASE,
)
_HEADER_RULE = re.compile(
    r"^\s*(?:[=＝\-—_*#~]{3,}\s*(?:正文|内容|全文)?\s*[=＝\-—_*#~]*|【?正文】?|\[正文\])\s*$"
)
_TITLE_KEYS = frozenset({"标题", "文章标题", "题目"})
_DATE_KEYS = frozenset({"发布时间", "发布日期"})
_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_MAX_HEADER_LINES = 40


@dataclass(frozen=True)
class CrawlerHeader:
    """What the crawler wrote above the page. Its title and date describe the page, not the
    report: the reader uses them only where the report itself says nothing better."""

    fields: tuple[tuple[str, str], ...]
    lines: tuple[int, int]  # first and last line numbers

    def get(self, keys: frozenset[str]) -> str | None:
        return next((value for key, value in self.fields if key in keys and value), None)

    @property
    def title(self) -> str | None:
        return self.get(_TITLE_KEYS)

    @property
    def published(self) -> date | None:
        raw = self.get(_DATE_KEYS)
        match = _YMD.search(fold(raw)) if raw else None
        if not match:
            return None
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            return None


@dataclass
class Page:
    lines: list[RawLine]
    header: CrawlerHeader | None = None
    dropped: list[RawLine] = field(default_factory=list)  # chrome cut off the page's edges
    unfolded: bool = False


def read_header(lines: Sequence[RawLine]) -> tuple[CrawlerHeader | None, int]:
    """The crawler's header at the top: at least two ``key: value`` lines of its known keys,
    with rules and blank lines between them. Returns the header and the index of the page."""
    fields: list[tuple[str, str]] = []
    numbers: list[int] = []
    page = 0  # the index of the first line after the header
    for line in lines[:_MAX_HEADER_LINES]:
        text = line.text
        if line.cells is not None:
            break
        match = _HEADER_KEY.match(text)
        if match:
            fields.append((match.group(1).upper(), match.group(2)))
            numbers.append(line.number)
        elif _HEADER_RULE.match(text):
            numbers.append(line.number)
        elif text.strip():
            break
        page += 1
    keys = {key for key, _ in fields}
    if len(fields) < 2 or not keys & (_TITLE_KEYS | _DATE_KEYS | {"原文链接", "URL"}):
        return None, 0
    return CrawlerHeader(tuple(fields), (numbers[0], numbers[-1])), page


# ----------------------------------------------------------------------------- detection

_NUMBERS = "一二三四五六"
_HEADING_AT = re.compile(r"(?:第)?([一二三四五六])(?:部分)?\s*[、.．]\s*")
_HEADING_END = re.compile(r"情况|事项|概述|概况|措施")
_NOT_IN_HEADING = re.compile(r"[0-9０-９。；（(]")
_TABLE_WORDS = re.compile(r"本年新收|上年结转|予以公开|属于国家秘密|重复申请|结转下年度")
_SECTION_BY_NUMBER: dict[str, Section] = {s.number: s for s in SECTIONS}
_LONG = 150


def _heading_title_end(text: str, at: int, section: Section) -> int | None:
    """Where the title of a heading whose number ends at ``at`` ends, or None if none does:
    the title ends with its closing word (情况, 事项 …) before any digit or sentence end, and
    names its section's keyword."""
    window = text[at : at + 40]
    for end in _HEADING_END.finditer(window):
        title = window[: end.end()]
        if _NOT_IN_HEADING.search(title):
            return None
        if any(keyword in label_key(title) for keyword in section.keywords):
            return at + end.end()
    return None


def find_headings(text: str) -> list[tuple[str, int, int]]:
    """(section key, start, end of title) of each heading, in order, each after the last."""
    found: list[tuple[str, int, int]] = []
    position = 0
    wanted = 0
    for match in _HEADING_AT.finditer(text):
        if wanted >= len(SECTIONS) or match.start() < position:
            continue
        number = _NUMBERS.index(match.group(1))
        if number < wanted:
            continue
        section = _SECTION_BY_NUMBER[match.group(1)]
        end = _heading_title_end(text, match.end(), section)
        if end is None:
            continue
        found.append((section.key, match.start(), end))
        position, wanted = end, number + 1
    return found


def _structured(text: str) -> bool:
    """A long line holding what should have been several: a heading with text after it, or
    the labels of a flattened table."""
    for _key, start, end in find_headings(text):
        if start > 0 or len(text) - end >= 60:
            return True
    return len(set(_TABLE_WORDS.findall(text))) >= 3


_FOLDED_SHARE = 0.5


def unfold(lines: Sequence[RawLine]) -> Page:
    header, first = read_header(lines)
    body = list(lines[first:])
    folded = sum(
        len(ln.text)
        for ln in body
        if ln.cells is None and len(ln.text) >= _LONG and _structured(ln.text)
    )
    # a dump is a page whose text is mostly run together; a page with one long paragraph (a
    # converter's layout cell) and its tables already on lines of their own is left as it is
    if not folded or folded < _FOLDED_SHARE * sum(len(ln.text) for ln in body):
        return Page(body, header)
    if any(ln.cells is not None for ln in body):  # a structured reader's page: leave its rows
        return Page(body, header)
    texts = [ln.text for ln in body]
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    joined = "\n".join(texts)
    numbers = [ln.number for ln in body]
    keep, drop = _segment(joined, header)

    def raw_lines(pieces: list[tuple[int, str]]) -> list[RawLine]:
        out: list[RawLine] = []
        for at, piece in pieces:
            for part in piece.split("\n"):
                number = numbers[bisect_right(starts, at) - 1]
                if part.strip():
                    out.append(RawLine(part, number))
                at += len(part) + 1
        return out

    drop.sort()
    return Page(raw_lines(keep), header, raw_lines(drop), unfolded=True)


# ----------------------------------------------------------------------------- segmentation

Pieces = list[tuple[int, str]]
_TITLE = re.compile(
    r"(?:19|20)[0-9０-９]{2}\s*年度?\s*(?:的)?(?:政府)?信息公开(?:工作)?\s*(?:年度)?报告"
)
_AGENCY_RUN = re.compile(r"[\u3400-\u9fff（）()]{1,40}$")
_TITLE_CHROME = re.compile(r".*(?:网站|首页|年报|报告|公开|专栏|栏目|位置|[>›»＞])")
_BREADCRUMB = re.compile(
    r"\s*(?:当前位置|您(?:现在)?的?(?:当前)?位置|所在位置)\s*[:：]?\s*(?:[^\s>›»＞]{1,15}\s*[>›»＞]\s*)+"
)
_SIGN_DATE = re.compile(
    r"(?:19|20)[0-9０-９]{2}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日"
)
_SENTENCE_END = re.compile(r"[。；！？!?）)\n]")
_EDGE_START = re.compile(rf"\s*(?:{EDGE})", re.IGNORECASE)
_TAIL = 600


def _segment(text: str, header: CrawlerHeader | None) -> tuple[Pieces, Pieces]:
    keep: Pieces = []
    drop: Pieces = []
    headings = find_headings(text)
    intro_end = headings[0][1] if headings else len(text)
    start = _cut_head(text, intro_end, header, keep, drop)
    keep_tail: Pieces = []
    end = _cut_tail(text, headings[-1][2] if headings else start, keep_tail, drop)
    bounds = [(key, s, e) for key, s, e in headings if s < end]
    intro = text[start : bounds[0][1] if bounds else end]
    _prose(keep, start, intro)
    for index, (key, head_start, title_end) in enumerate(bounds):
        keep.append((head_start, _tight(text[head_start:title_end])))
        stop = bounds[index + 1][1] if index + 1 < len(bounds) else end
        region = text[title_end:stop]
        if key in _TABLE_OF:
            keep.extend(table_pieces(region, title_end, _TABLE_OF[key]))
        else:
            _prose(keep, title_end, region)
    keep.extend(keep_tail)
    return keep, drop


def _prose(pieces: Pieces, at: int, text: str) -> None:
    if text.strip():
        pieces.append((at, text.strip()))


def _cut_head(
    text: str, limit: int, header: CrawlerHeader | None, keep: Pieces, drop: Pieces
) -> int:
    """Everything before the report's title is the page's chrome; so is a run of page tokens
    (date, source, counters, share buttons) right after it. Returns where the report starts."""
    span = _find_title(text, min(limit, 4000), header)
    if span is None:
        crumb = _BREADCRUMB.match(text)
        at = crumb.end() if crumb else 0
        run = TOKEN_RUN.match(text, at)
        at = run.end() if run else at
        if text[:at].strip():
            drop.append((0, text[:at]))
        return at
    title_start, title_end = span
    if text[:title_start].strip():
        drop.append((0, text[:title_start]))
    pattern = _spaced(text[title_start:title_end])
    keep.append((title_start, _tight(text[title_start:title_end])))
    at = title_end
    # the page's own title, then its chrome, then the report's title again: what lies between
    # two of them is the page's
    while True:
        again = pattern.search(text, at, at + 800)
        if again is None or "。" in text[at : again.start()]:
            break
        if text[at : again.start()].strip():
            drop.append((at, text[at : again.start()]))
        keep.append((again.start(), _tight(again.group(0))))
        at = again.end()
    run = TOKEN_RUN.match(text, at)
    if run and run.group(0).strip():
        drop.append((at, run.group(0)))
        at = run.end()
    return at


def _tight(text: str) -> str:
    """A title, heading or signature without the spaces a page's tags left inside it."""
    return re.sub(r"\s+", "", text)


def _spaced(title: str) -> re.Pattern[str]:
    """The title as a pattern that allows spaces between its characters (a page's text taken
    with a separator puts one wherever a tag was)."""
    return re.compile(r"\s*".join(map(re.escape, re.sub(r"\s+", "", title))))


def _find_title(text: str, limit: int, header: CrawlerHeader | None) -> tuple[int, int] | None:
    if header and header.title:
        found = _spaced(header.title).search(text, 0, limit + 2 * len(header.title))
        if found:
            return found.span()
    match = _TITLE.search(text, 0, limit)
    if not match:
        return None
    start = match.start()
    before = text[max(0, start - 40) : start]
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == start:  # the title starts a line: the line above may be its agency
        above_start = text.rfind("\n", 0, max(start - 1, 0)) + 1
        above = text[above_start : max(start - 1, above_start)].strip()
        if above and looks_like_agency(above):
            return above_start, match.end()
        return start, match.end()
    run = _AGENCY_RUN.search(before.rstrip())
    if run:
        agency = run.group(0)
        chrome = _TITLE_CHROME.match(agency)
        if chrome:
            agency = agency[chrome.end() :]
        start -= len(before) - len(before.rstrip()) + len(agency)
    return start, match.end()


def _cut_tail(text: str, begin: int, keep: Pieces, drop: Pieces) -> int:
    """The signature (agency and date) gets lines of its own; what follows it, or follows the
    last sentence when it starts as page chrome does, is the page's chrome. Returns where the
    report's body ends."""
    low = max(begin, len(text) - _TAIL)
    dates = list(_SIGN_DATE.finditer(text, low))
    for found in reversed(dates):
        tail = text[found.end() :]
        if "。" in tail or len(tail) > 2000:
            break
        head_end = found.start()
        last = max((m.end() for m in _SENTENCE_END.finditer(text, low, head_end)), default=low)
        agency = text[last:head_end].strip()
        if agency and not looks_like_agency(agency):
            break
        sign_start = text.index(agency, last) if agency else head_end
        if agency:
            keep.append((sign_start, _tight(agency)))
        keep.append((head_end, _tight(text[head_end : found.end()])))
        if tail.strip():
            drop.append((found.end(), tail))
        return sign_start
    period = text.rfind("。", begin)
    if period >= 0:
        rest = text[period + 1 :]
        if rest.strip() and len(rest) <= 2000:
            run = TOKEN_RUN.match(rest)
            if (run and run.group(0).strip()) or _EDGE_START.match(rest):
                drop.append((period + 1, rest))
                return period + 1
    return len(text)


# ----------------------------------------------------------------------------- tables

_TABLE_OF = {
    "proactive_section": "proactive",
    "applications_section": "applications",
    "disputes_section": "disputes",
}
_TABLE_START = {
    "proactive": re.compile(r"第二十条|信息内容"),
    "applications": re.compile(
        r"[（(]?\s*本列数据|勾稽关系|申请人情况|(?:一\s*[、.．]\s*)?本年新收"
    ),
    "disputes": re.compile(r"行政复议"),
}
_DIGIT = "0-9０-９"
_CELL = rf"[-－]?[{_DIGIT}]+(?:,[{_DIGIT}]{{3}})*(?:[.．][{_DIGIT}]+)?"
_MARK = r"(?:[/／\-－—–]{1,2}|无)"
_GLUED_MARKS = r"[/／—–]+"  # blank cells written with nothing between them and the numbers
# a run of values: numbers, and the blank markers standing apart or glued between them
_RUN = re.compile(
    rf"(?:(?<=\s){_MARK}\s+|{_GLUED_MARKS}\s*)*{_CELL}"
    rf"(?:\s*{_CELL}|\s+{_MARK}(?=\s|$)|\s*{_GLUED_MARKS})*"
)
_SPACED_MARKS = re.compile(r"\s*([/／—–])\s*")
_GLUED_SIGN = re.compile(rf"([{_DIGIT}])([-－])")  # "2648-18538": a sign or a blank, not one number
_UNIT = frozenset(
    "件条个次人年月日号万元项份家名位户台套场期批所%％‰倍天时分秒余多周岁米亩吨篇章节款"
)
_NUMBERING_DOT = frozenset(".．、")
# where a table's text breaks into labels: before an item number (一、 （一） 1.)
_LABEL_BREAK = re.compile(
    rf"(?<!第)(?=[（(][一二三四五六七八九十][）)])|(?=[一二三四五六七八九十]\s*、)"
    rf"|(?=[{_DIGIT}][.．、]\s?[\u3400-\u9fff“\"])"
)
_PIPES = re.compile(r"[^|]*\|+|[^|]+$")


def table_pieces(region: str, at: int, key: str) -> Pieces:
    """A table section's text as lines: the prose before the table, then labels and runs of
    values in turn, then any prose after it."""
    pieces: Pieces = []
    marker = _TABLE_START[key].search(region)
    start = marker.start() if marker else 0
    _prose(pieces, at, region[:start])
    table = region[start:]
    if table.count("|") >= 6:
        return pieces + _pipe_pieces(table, at + start)
    runs = list(_value_runs(table))
    cursor = 0
    for run_start, run_end in runs:
        pieces.extend(_label_pieces(table[cursor:run_start], at + start + cursor, key))
        run = _SPACED_MARKS.sub(r" \1 ", table[run_start:run_end])
        run = _GLUED_SIGN.sub(r"\1 \2", run).strip()
        pieces.append((at + start + run_start, run))  # "0//3": 0, blank, blank, 3
        cursor = run_end
    rest = table[cursor:]
    if "。" in rest:
        _prose(pieces, at + start + cursor, rest)
    else:
        pieces.extend(_label_pieces(rest, at + start + cursor, key))
    return pieces


def _value_runs(table: str) -> list[tuple[int, int]]:
    """[start, end) of each run of values: a number not inside a label or a sentence. An item
    number glued to the run ("00000002.其他…") belongs to the next label."""
    runs: list[tuple[int, int]] = []
    for match in _RUN.finditer(table):
        start, end = match.start(), match.end()
        before = table[start - 1] if start else ""
        after = table[end] if end < len(table) else ""
        if (before and before in "第（(") or (after and (after in "）)" or after in _UNIT)):
            continue  # 第711号, (5), 12件: words, not cells
        if after and after in _NUMBERING_DOT:
            following = table[end + 1 : end + 4].lstrip()[:1]
            if following and ("\u3400" <= following <= "\u9fff" or following in '“"'):
                end -= 1  # the next label's item number
                while end > start and table[end - 1].isspace():
                    end -= 1
                if end <= start or not any(c.isdigit() for c in table[start:end]):
                    continue
        runs.append((start, end))
    return runs


def _label_pieces(text: str, at: int, key: str) -> Pieces:
    pieces: Pieces = []
    cuts = [m.start() for m in _LABEL_BREAK.finditer(text) if m.start() > 0]
    if key == "disputes":
        first = text.find("行政复议")
        split = text.find("行政诉讼", first + 1) if first >= 0 else -1
        if split > 0:
            cuts.append(split)
    bounds = [0, *sorted(set(cuts)), len(text)]
    for left, right in pairwise(bounds):
        piece = text[left:right]
        if piece.strip():
            pieces.append((at + left + len(piece) - len(piece.lstrip()), piece.strip()))
    return pieces


def _pipe_pieces(table: str, at: int) -> Pieces:
    """Pipe-separated cells run together: each cell and its "|" on a line, the pipes of merged
    cells after it on a line of their own, as the pipe layout writes them."""
    pieces: Pieces = []
    for match in _PIPES.finditer(table):
        chunk = match.group(0)
        bar = chunk.find("|")
        if bar < 0:
            if chunk.strip():
                pieces.append((at + match.start(), chunk.strip()))
            continue
        pieces.append((at + match.start(), chunk[: bar + 1]))
        if len(chunk) > bar + 1:
            pieces.append((at + match.start() + bar + 1, chunk[bar + 1 :]))
    return pieces
