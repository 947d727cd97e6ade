"""The HTML reader: saved pages, CMS article bodies and Word's "save as web page".

* Encoding: a byte-order mark, else ``<meta charset>`` / ``http-equiv`` / the XML declaration,
  checked against the bytes (pages that declare GB2312 and are UTF-8 exist), else detection.
  GBK and GB2312 are read as GB18030, their superset.
* Parsing: lxml's HTML parser, hardened: no network, no external DTDs, internal entity
  declarations never expanded, comments and processing instructions dropped, and a depth limit
  (libxml2 itself stops at 256 levels; that is reported, never read as a truncated page).
* Text: block elements and ``<br>`` end a line; inline elements (Word's ``<span>`` soup) are
  joined without inserting spaces beside Chinese characters.
* Tables: a leaf table (one without tables inside) with two or more columns is a data table and
  becomes rows of cells with merged cells expanded (see :mod:`.cells`). A table that holds other
  tables, or has a single column, is page layout: its cells are read as text.
* Page chrome: ``head``, ``script``, ``style``, ``nav``, ``header``, ``footer``, hidden
  elements and lines such as "【打印本页】【关闭窗口】" are left out.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from email import message_from_bytes
from email.message import Message

import charset_normalizer
from lxml import etree  # type: ignore[import-untyped]

from ..errors import ReadError
from .base import RawDocument, RawLine
from .cells import Grid, LineSink, join_pieces, tidy
from .limits import DEFAULT_LIMITS, ReadLimits, check_size

_SKIP = frozenset(
    [
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "map",
        "canvas",
        "video",
        "audio",
        "xml",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "address",
        "center",
        "hr",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "caption",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "table",
        "body",
        "html",
        "dir",
        "menu",
        "details",
        "summary",
    ]
)
_CHROME_CLASSES = frozenset(
    [
        "nav",
        "navbar",
        "menu",
        "topbar",
        "header",
        "footer",
        "breadcrumb",
        "crumb",
        "crumbs",
        "share",
        "bdsharebuttonbox",
        "sidebar",
        "toolbar",
        "print-bar",
        "printbar",
    ]
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHROME_LINE = re.compile(
    r"^(?:[\[【(（]?\s*(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|收藏本页|收藏|"
    r"分享到|分享|字号\s*[:：]?\s*[大中小](?:\s*[大中小]){0,2}|字体\s*[:：]?\s*[大中小](?:\s*[大中小]){0,2}|"
    r"保存本页|纠错)\s*[\]】)）]?[\s|｜/、:：]*)+$"
)
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)|<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""",
    re.IGNORECASE,
)
_WESTERN = frozenset({"latin_1", "iso8859-1", "cp1252", "ascii"})
_DETECTABLE = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16", "utf_32"]
_END_LINE = object()
_MAX_BAD_BYTES = 0.001  # at most this share of undecodable bytes is replaced, not refused


def read_html(
    data: bytes, source: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> RawDocument:
    check_size(data, source, limits)
    text = decode_html(data, source)
    return RawDocument(source, "html", tuple(html_lines(text, source, limits)))


def read_mhtml(
    data: bytes, source: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> RawDocument:
    """Word's and browsers' single-file web page (.mht): the first text/html part."""
    check_size(data, source, limits)
    message = message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                text = _decode_part(part, payload, source)
                return RawDocument(source, "html", tuple(html_lines(text, source, limits)))
    raise ReadError(source, "是 MHTML 单文件网页，但其中没有 HTML 正文")


def _decode_part(part: Message, payload: bytes, source: str | None) -> str:
    charset = part.get_content_charset()
    if charset:
        name = _codec(charset.encode("ascii", "ignore"))
        if name:
            try:
                return payload.decode(name)
            except UnicodeDecodeError:
                pass
    return decode_html(payload, source)


# ------------------------------------------------------------------------------ encoding


def _codec(label: bytes) -> str | None:
    try:
        name = codecs.lookup(label.decode("ascii").strip().lower()).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "gb18030" if name in ("gb2312", "gbk", "cp936", "gb18030", "hz") else name


def decode_html(data: bytes, source: str | None = None) -> str:
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    source, f"网页以 {name} 字节顺序标记开头，但内容无法按该编码解码"
                ) from exc
    match = _DECLARED.search(data[:8192])
    declared = _codec(match.group(1) or match.group(2)) if match else None
    order = ["utf-8"]
    if declared and declared not in _WESTERN and declared not in order:
        order.append(declared)
    order.append("gb18030")
    if declared and declared not in order:
        order.append(declared)
    for name in order:
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    # detection, among the encodings Chinese pages use (a Cyrillic code page "fits" any bytes)
    best = charset_normalizer.from_bytes(data[:200_000], cp_isolation=_DETECTABLE).best()
    if best is not None and best.encoding and best.chaos < 0.2:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    for name in dict.fromkeys([declared or "gb18030", "utf-8", "gb18030"]):
        text = data.decode(name, errors="replace")
        if text.count("\ufffd") <= max(2, len(data) * _MAX_BAD_BYTES):
            return text
    said = f"声明为 {declared}，但" if declared else ""
    raise ReadError(source, f"网页编码无法识别：{said}内容既不是有效的 UTF-8，也不是 GBK/GB18030")


# ------------------------------------------------------------------------------ parsing


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        default_doctype=False,
    )


def parse_tree(text: str, source: str | None, limits: ReadLimits) -> etree._Element | None:
    parser = _parser()
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except etree.XMLSyntaxError as exc:  # pragma: no cover - the HTML parser recovers
        raise ReadError(source, f"网页无法解析：{exc}") from exc
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "depth" in entry.message.lower():
            raise ReadError(
                source, f"网页嵌套层数过深（超过 {limits.max_html_depth} 层），疑为恶意文件，未读取"
            )
    return root


_DATA_URI = re.compile(r"data:[a-zA-Z0-9/+.;=-]{0,80},[^\"')\s>]{64,}")


def check_html_size(text: str, source: str | None, limits: ReadLimits) -> str:
    """The page without its inline images, refused when even that is far beyond a report page:
    a tree takes some fifty times its markup in memory, so the bound comes before parsing."""
    if "data:" in text:
        text = _DATA_URI.sub("data:,", text)
    if len(text) > limits.max_html_chars:
        raise ReadError(
            source, f"网页正文过大（{len(text)} 个字符，上限 {limits.max_html_chars}），未读取"
        )
    tags = text.count("<")
    if tags > limits.max_html_tags:
        raise ReadError(
            source, f"网页标签过多（{tags} 个，上限 {limits.max_html_tags}），疑为恶意文件，未读取"
        )
    return text


def html_lines(text: str, source: str | None, limits: ReadLimits) -> list[RawLine]:
    text = check_html_size(text, source, limits)
    root = parse_tree(text, source, limits)
    sink = LineSink(source, limits)
    if root is not None:
        _Walker(source, limits, sink).walk(root)
    return [
        line for line in sink.lines if line.cells is not None or not _CHROME_LINE.match(line.text)
    ]


def _tag(element: etree._Element) -> str | None:
    tag = element.tag
    if not isinstance(tag, str):
        return None  # a comment or processing instruction the parser kept
    return tag.rsplit(":", 1)[-1].lower() if ":" in tag else tag.lower()


def _skipped(element: etree._Element, tag: str) -> bool:
    if tag in _SKIP:
        return True
    style = element.get("style")
    if style and _HIDDEN.search(style):
        return True
    if element.get("hidden") is not None:
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
    return any(name in _CHROME_CLASSES for name in names)


class _Walker:
    """Depth-first over the tree without recursion, emitting lines and tables in order."""

    def __init__(self, source: str | None, limits: ReadLimits, sink: LineSink) -> None:
        self.source = source
        self.limits = limits
        self.sink = sink

    def walk(self, root: etree._Element) -> None:
        self._walk(root, self.sink.text, self._emit_table)

    def _emit_table(self, table: etree._Element, depth: int) -> bool:
        """A data table goes to the sink as rows; returns False for a layout table."""
        grid = self._data_table(table, depth)
        if grid is None:
            return False
        self.sink.table(grid)
        return True

    def _walk(
        self,
        root: etree._Element,
        emit: Callable[[str], None],
        on_table: Callable[[etree._Element, int], bool] | None,
        base_depth: int = 0,
    ) -> None:
        pieces: list[str] = []

        def flush() -> None:
            if pieces:
                line = join_pieces(pieces)
                pieces.clear()
                if line:
                    emit(line)

        # stack items: (element, depth) to open, (tail text, -1) to add after closing, or
        # (_END_LINE, -1) where a block closes
        stack: list[tuple[etree._Element | str | object, int]] = [(root, base_depth)]
        while stack:
            item, depth = stack.pop()
            if item is _END_LINE:
                flush()
                continue
            if isinstance(item, str):
                pieces.append(item)
                continue
            assert isinstance(item, etree._Element)
            element = item
            if depth > self.limits.max_html_depth:
                raise ReadError(
                    self.source,
                    f"网页嵌套层数过深（超过 {self.limits.max_html_depth} 层），疑为恶意文件，未读取",
                )
            tag = _tag(element)
            tail = element.tail if element is not root else None
            if tag is None or _skipped(element, tag):
                if tail:
                    pieces.append(tail)
                continue
            if tag == "br":
                flush()
                if tail:
                    pieces.append(tail)
                continue
            block = tag in _BLOCK
            if block:
                flush()
            if tag == "table" and on_table is not None and on_table(element, depth):
                if tail:
                    pieces.append(tail)
                continue
            # closing: a block ends its line, then the tail continues in the parent
            if tail:
                stack.append((tail, -1))
            if block:
                stack.append((_END_LINE, -1))
            for child in reversed(element):
                stack.append((child, depth + 1))
            if element.text:
                pieces.append(element.text)
        flush()

    # -------------------------------------------------------------------------- tables

    def _data_table(self, table: etree._Element, depth: int) -> Grid | None:
        if any(inner is not table for inner in table.iter("table")):
            return None  # layout: holds other tables
        rows = list(table.iter("tr"))
        cells_by_row = [[c for c in tr if _tag(c) in ("td", "th")] for tr in rows]
        if max((len(cells) for cells in cells_by_row), default=0) < 2:
            return None  # a single column is a frame around text
        grid = Grid(self.source, self.limits)
        texts: list[list[tuple[str, int, int]]] = []
        for cells in cells_by_row:
            row_texts = []
            for cell in cells:
                parts: list[str] = []
                self._walk_cell(cell, parts.append, depth + 1)
                text = join_pieces(parts)
                if len(text) > 300 and len(parts) > 2:
                    return None  # a cell holding paragraphs of prose: layout, not data
                row_texts.append((text, _span(cell.get("rowspan")), _span(cell.get("colspan"))))
            texts.append(row_texts)
        height = len(texts)
        for r, row_texts in enumerate(texts):
            col = 0
            for text, rowspan, colspan in row_texts:
                col = grid.next_free(r, col)
                rowspan = height - r if rowspan == 0 else min(rowspan, height - r)
                colspan = min(colspan, 1000)
                grid.place(r, col, text, rowspan, colspan)
                col += colspan
        return grid

    def _walk_cell(self, cell: etree._Element, emit: Callable[[str], None], depth: int) -> None:
        lines: list[str] = []
        self._walk(cell, lines.append, None, depth)
        for line in lines:
            emit(tidy(line))


def _span(value: str | None) -> int:
    if not value:
        return 1
    digits = re.match(r"\s*(\d+)", value)
    return int(digits.group(1)) if digits else 1
