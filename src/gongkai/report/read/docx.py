"""The DOCX reader: paragraphs and tables of the document body, in body order.

It reads the main document part straight from the package with lxml rather than through
python-docx: opening a package with python-docx parses every part (styles, theme, numbering…)
and took 7.9 ms against 0.9 ms for the body alone on a report, which alone would halve the
throughput the readers must reach (100 reports/s with parsing). python-docx writes the test
documents.

* Merged cells: horizontal ``w:gridSpan`` (and the legacy ``w:hMerge``), vertical ``w:vMerge``
  restart/continue, and ``w:gridBefore`` are resolved into the full matrix (see :mod:`.cells`).
* Both national templates (2019 and 2021) are ordinary tables; nothing here depends on them.
* Skipped, as Word shows them apart from the body text: headers and footers (other parts),
  text boxes and drawings (``mc:AlternateContent``, ``w:drawing``, ``w:pict``), footnotes,
  deleted revisions, field codes and hidden (``w:vanish``) runs. Inserted revisions are read.
* A table that holds tables, or has a single column, is layout: its text is read as lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]

from ..errors import ReadError
from .base import RawDocument
from .cells import Grid, LineSink, join_pieces
from .limits import DEFAULT_LIMITS, ReadLimits, check_part_size
from .package import main_part, open_zip, parse_xml, read_member

KIND = "Word（DOCX）"
MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SKIP_LOCAL = frozenset(
    [
        "del",
        "moveFrom",
        "txbxContent",
        "drawing",
        "pict",
        "object",
        "instrText",
        "delText",
        "rPr",
        "pPr",
        "tcPr",
        "trPr",
        "tblPr",
        "tblGrid",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "fldChar",
        "sectPr",
    ]
)


def read_docx(
    data: bytes, source: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> RawDocument:
    archive = open_zip(data, source, limits, KIND)
    with archive:
        name = main_part(archive, MAIN_TYPES, source)
        if name is None:
            if "word/document.xml" not in archive.namelist():
                raise ReadError(source, "是 ZIP 压缩包，但不是 Word 文档（没有 word/document.xml）")
            name = "word/document.xml"
        check_part_size(archive, name, source, limits, KIND)
        root = parse_xml(read_member(archive, name, source, KIND), source, KIND, name)
    tag = root.tag if isinstance(root.tag, str) else ""
    if not tag.endswith("}document"):
        raise ReadError(source, f"{KIND}文件的正文部件不是 Word 文档（根元素为 {tag or '未知'}）")
    ns = tag[: -len("document")]
    sink = LineSink(source, limits, literal=True)
    body = root.find(f"{ns}body")
    if body is not None:
        _Body(ns, source, limits, sink).blocks(body)
    return RawDocument(source, "docx", tuple(sink.lines))


class _Body:
    def __init__(self, ns: str, source: str | None, limits: ReadLimits, sink: LineSink) -> None:
        self.ns = ns
        self.source = source
        self.limits = limits
        self.sink = sink
        self.p, self.tbl, self.tr, self.tc = (f"{ns}{t}" for t in ("p", "tbl", "tr", "tc"))

    # ----------------------------------------------------------------------- blocks

    def blocks(self, container: etree._Element) -> None:
        for child in container:
            tag = child.tag
            if tag == self.p:
                for line in self.paragraph(child):
                    self.sink.text(line)
            elif tag == self.tbl:
                self.table(child)
            elif tag in (f"{self.ns}sdt", f"{self.ns}customXml"):
                content = child.find(f"{self.ns}sdtContent")
                self.blocks(content if content is not None else child)

    def paragraph(self, p: etree._Element) -> list[str]:
        """The lines of a paragraph (a manual line break starts a new one)."""
        ns = self.ns
        lines: list[list[str]] = [[]]
        stack = list(reversed(p))
        while stack:
            el = stack.pop()
            tag = el.tag
            if not isinstance(tag, str):
                continue
            local = tag.rsplit("}", 1)[-1]
            if local in _SKIP_LOCAL or tag.startswith(f"{{{_MC}}}"):
                continue
            if tag == f"{ns}t":
                if el.text:
                    lines[-1].append(el.text)
            elif local in ("tab", "ptab"):
                lines[-1].append(" ")
            elif local in ("br", "cr"):
                lines.append([])
            elif local == "noBreakHyphen":
                lines[-1].append("-")
            elif local == "r" and _hidden(el, ns):
                continue
            else:
                stack.extend(reversed(el))
        return ["".join(pieces) for pieces in lines]

    # ----------------------------------------------------------------------- tables

    def rows(self, tbl: etree._Element) -> list[etree._Element]:
        return self._unwrap(tbl, self.tr)

    def cells(self, tr: etree._Element) -> list[etree._Element]:
        return self._unwrap(tr, self.tc)

    def _unwrap(self, parent: etree._Element, want: str) -> list[etree._Element]:
        """Children of kind ``want``, looking through content controls and custom XML."""
        out = []
        stack = list(reversed(parent))
        while stack:
            el = stack.pop()
            if el.tag == want:
                out.append(el)
            elif el.tag in (f"{self.ns}sdt", f"{self.ns}sdtContent", f"{self.ns}customXml"):
                stack.extend(reversed(el))
        return out

    def table(self, tbl: etree._Element) -> None:
        rows = self.rows(tbl)
        layout = any(inner is not tbl for inner in tbl.iter(self.tbl))
        layout = layout or max((len(self.cells(tr)) for tr in rows), default=0) < 2
        if layout:
            for tr in rows:
                for tc in self.cells(tr):
                    self.blocks(tc)
            return
        self.sink.table(self.grid(rows))

    def grid(self, rows: list[etree._Element]) -> Grid:
        ns = self.ns
        # pass 1: every cell's place, span and merge state
        placed: list[list[_Placed]] = []
        for tr in rows:
            col = _number(tr.find(f"{ns}trPr/{ns}gridBefore"), ns, 0)
            row: list[_Placed] = []
            for tc in self.cells(tr):
                props = tc.find(f"{ns}tcPr")
                span = _number(props.find(f"{ns}gridSpan") if props is not None else None, ns, 1)
                vmerge = _merge(props, "vMerge", ns)
                hmerge = _merge(props, "hMerge", ns)
                if hmerge == "continue" and row:
                    row[-1].span += span
                else:
                    text = join_pieces(
                        (line for p in tc.iter(self.p) for line in self.paragraph(p)), literal=True
                    )
                    row.append(_Placed(col, span, text, vmerge))
                col += span
            placed.append(row)
        # pass 2: a restart spans the continue cells below it in the same column
        grid = Grid(self.source, self.limits)
        for r, row in enumerate(placed):
            for cell in row:
                if grid.taken(r, cell.col):
                    continue  # a continue cell under its restart, or an overlapping span
                rowspan = 1
                if cell.vmerge == "restart":
                    while r + rowspan < len(placed) and any(
                        below.col == cell.col and below.vmerge == "continue"
                        for below in placed[r + rowspan]
                    ):
                        rowspan += 1
                grid.place(r, cell.col, cell.text, rowspan, cell.span)
        return grid


@dataclass
class _Placed:
    col: int
    span: int
    text: str
    vmerge: str | None


def _hidden(run: etree._Element, ns: str) -> bool:
    props = run.find(f"{ns}rPr")
    if props is None:
        return False
    vanish = props.find(f"{ns}vanish")
    return vanish is not None and vanish.get(f"{ns}val") not in ("0", "false", "off")


def _number(element: etree._Element | None, ns: str, default: int) -> int:
    if element is None:
        return default
    try:
        return max(default, min(int(element.get(f"{ns}val") or default), 1000))
    except ValueError:
        return default


def _merge(props: etree._Element | None, name: str, ns: str) -> str | None:
    if props is None:
        return None
    element = props.find(f"{ns}{name}")
    if element is None:
        return None
    return "restart" if element.get(f"{ns}val") == "restart" else "continue"
