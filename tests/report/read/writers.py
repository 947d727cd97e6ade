"""Write a report as agencies publish it: HTML (as content-management systems and Word write
it), DOCX (python-docx, with the national template's real merged cells), XLSX (openpyxl, merged
ranges), and PDF / XLS through LibreOffice. Used by the round-trip tests, the fixtures
(make_fixtures.py) and the benchmark.

A document is a list of blocks: a paragraph (str) or a :class:`Table` of rows of
:class:`Span` cells, each with its rowspan and colspan as HTML has them.
"""

from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai.report.spec import FORMATS, SECTIONS, Format

Doc = dict[str, Any]


@dataclass(frozen=True)
class Span:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Span, ...], ...]

    @property
    def width(self) -> int:
        return max(sum(c.colspan for c in row) for row in self.rows[:1]) if self.rows else 0


Block = str | Table

# ------------------------------------------------------------------------------ values


def cell_text(value: Any) -> str:
    """A canonical value as a table cell says it: "" for null (a blank cell)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value)


def _values(value: Any) -> list[str]:
    return [cell_text(v) for v in value.values()] if isinstance(value, dict) else [cell_text(value)]


# ------------------------------------------------------------------------------ the national tables


def proactive_table(
    fmt: Format, values: dict[str, list[str]], labels: dict[str, str] | None = None
) -> Table:
    """表二: blocks of 第二十条第（…）项, each with its 信息内容 header row; 4 grid columns."""
    labels = labels or {}
    rows: list[tuple[Span, ...]] = []
    group = None
    for row in fmt.proactive.rows:
        if row.group != group:
            group = row.group
            rows.append((Span(str(group), colspan=4),))
            heads = [Span(c.label) for c in row.columns]
            rows.append((Span("信息内容"), *_stretch(heads, 3)))
        cells = [Span(v) for v in values[row.key]]
        rows.append((Span(labels.get(row.key, row.label)), *_stretch(cells, 3)))
    return Table(tuple(rows))


def _stretch(cells: list[Span], width: int) -> list[Span]:
    """The last cell spans what is left of ``width`` columns."""
    if len(cells) >= width:
        return cells
    last = cells[-1]
    return [*cells[:-1], Span(last.text, last.rowspan, width - len(cells) + 1)]


def applications_table(
    fmt: Format, values: dict[str, list[str]], labels: dict[str, str] | None = None
) -> Table:
    """表三: a 3×3 note, two header rows, three label columns with group cells spanning rows."""
    labels = labels or {}
    table = fmt.applications
    rows: list[tuple[Span, ...]] = [
        (
            Span("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            Span("申请人情况", colspan=7),
        ),
        (Span("自然人", rowspan=2), Span("法人或其他组织", colspan=5), Span("总计", rowspan=2)),
        tuple(Span(t) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")),
    ]
    outcome_rows = [r for r in table.rows if r.group is not None]
    in_group: dict[str, int] = {}
    for r in outcome_rows:
        if r.group and r.group != "三、本年度办理结果":
            in_group[r.group] = in_group.get(r.group, 0) + 1
    seen_groups: set[str] = set()
    first_outcome = True
    for row in table.rows:
        data = [Span(v) for v in values[row.key]]
        label = labels.get(row.key, row.label)
        lead: list[Span] = []
        if row.group is None:
            lead = [Span(label, colspan=3)]
        else:
            if first_outcome:
                lead.append(Span("三、本年度办理结果", rowspan=len(outcome_rows)))
                first_outcome = False
            if row.group == "三、本年度办理结果":
                lead.append(Span(label, colspan=2))
            else:
                if row.group not in seen_groups:
                    seen_groups.add(row.group)
                    lead.append(Span(row.group, rowspan=in_group[row.group]))
                lead.append(Span(label))
        rows.append((*lead, *data))
    return Table(tuple(rows))


DISPUTE_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def disputes_table(values: dict[str, list[str]]) -> Table:
    """表四: two header levels over 15 columns and one row of numbers."""
    return Table(
        (
            (Span("行政复议", colspan=5), Span("行政诉讼", colspan=10)),
            (
                *(Span(h, rowspan=2) for h in DISPUTE_HEADS),
                Span("未经复议直接起诉", colspan=5),
                Span("复议后起诉", colspan=5),
            ),
            tuple(Span(h) for h in DISPUTE_HEADS * 2),
            tuple(
                Span(v) for key in ("review", "lit_direct", "lit_after_review") for v in values[key]
            ),
        )
    )


def tables_of(doc: Doc) -> dict[str, Table]:
    fmt = FORMATS[doc["format"]]
    proactive = {row.key: _values(doc["proactive"][row.key]) for row in fmt.proactive.rows}
    applications = {row.key: _values(doc["applications"][row.key]) for row in fmt.applications.rows}
    disputes = {
        key: _values(doc["disputes"][key]) for key in ("review", "lit_direct", "lit_after_review")
    }
    return {
        "proactive": proactive_table(fmt, proactive),
        "applications": applications_table(fmt, applications),
        "disputes": disputes_table(disputes),
    }


def report_blocks(doc: Doc) -> list[Block]:
    """A whole report from canonical JSON: title, introduction, six sections, the tables."""
    c = doc["contact"]
    year, agency = doc["year"], doc["agency"]
    blocks: list[Block] = [
        f"{agency}{year}年政府信息公开工作年度报告",
        f"本年度报告中所列数据的统计期限自{year}年1月1日起，至{year}年12月31日止。"
        f"如对报告内容有疑问，请与{agency}联系（地址：{c['address']}；邮编：{c['postcode']}；"
        f"电话：{c['phone']}；电子邮箱：{c['email']}）。",
    ]
    tables = tables_of(doc)
    where = {
        "proactive_section": "proactive",
        "applications_section": "applications",
        "disputes_section": "disputes",
    }
    for section in SECTIONS:
        blocks.append(section.title)
        text = doc["sections"].get(section.key)
        if text:
            blocks.extend(text.split("\n"))
        if section.key in where:
            blocks.append(tables[where[section.key]])
    return blocks


# ------------------------------------------------------------------------------ HTML


@dataclass(frozen=True)
class HtmlStyle:
    """How a content-management system writes the page."""

    encoding: str = "utf-8"  # "gbk", "gb2312", "gb18030" …
    declare: str = "meta"  # "meta" (<meta charset>), "http-equiv", "none"
    word: bool = False  # Word-pasted: MsoNormal paragraphs, <span>s splitting words, &nbsp;
    entities: bool = False  # Chinese punctuation as entities (&ldquo; &#65288; …)
    layout: bool = False  # the article inside nested layout tables, with nav and footer chrome
    fragment: bool = False  # only the article body, no <html>


def _escape(text: str, style: HtmlStyle) -> str:
    out = html.escape(text, quote=False)
    if style.entities:
        out = (
            out.replace("“", "&ldquo;")
            .replace("”", "&rdquo;")
            .replace("（", "&#65288;")
            .replace("）", "&#xFF09;")
            .replace("—", "&mdash;")
        )
    return out


def _word_spans(text: str, style: HtmlStyle) -> str:
    """Word splits a run at every change of language or font, and wraps lines in the source."""
    if not style.word or len(text) < 2:
        return _escape(text, style) if text else ("&nbsp;" if style.word else "")
    pieces, current, kind = [], "", None
    for ch in text:
        k = ch.isascii()
        if kind is not None and k != kind:
            pieces.append((current, kind))
            current = ""
        current += ch
        kind = k
    pieces.append((current, kind))
    out = []
    for piece, ascii_ in pieces:
        if len(piece) > 6 and not ascii_:  # a line wrap inside a run, as Word writes it
            middle = len(piece) // 2
            piece_html = _escape(piece[:middle], style) + "\n" + _escape(piece[middle:], style)
        else:
            piece_html = _escape(piece, style)
        lang = " lang=EN-US" if ascii_ else ""
        out.append(f"<span{lang} style='font-size:10.5pt;font-family:宋体'>{piece_html}</span>")
    return "\n".join(out) + "<o:p></o:p>"


def _html_table(table: Table, style: HtmlStyle) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">']
    for row in table.rows:
        out.append("<tr>")
        for cell in row:
            span = ""
            if cell.rowspan > 1:
                span += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                span += f' colspan="{cell.colspan}"'
            if style.word:
                body = f"<p class=MsoNormal align=center style='text-align:center'>{_word_spans(cell.text, style)}</p>"
            else:
                body = _escape(cell.text, style) if cell.text else "&nbsp;"
            out.append(f'<td valign="middle"{span}>{body}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def to_html(blocks: Sequence[Block], style: HtmlStyle = HtmlStyle()) -> bytes:
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            body.append(_html_table(block, style))
        elif style.word:
            body.append(
                f"<p class=MsoNormal style='text-indent:21.0pt'>{_word_spans(block, style)}</p>"
            )
        else:
            body.append(f"<p>{_escape(block, style)}</p>")
    article = "\n".join(body)
    if style.layout:
        article = (
            '<table width="100%" border="0"><tr><td class="title">&nbsp;</td></tr><tr><td>'
            '<table width="960" align="center"><tr><td><div class="content" id="zoom">\n'
            f"{article}\n</div></td></tr></table></td></tr>"
            '<tr><td>【<a href="javascript:window.print()">打印本页</a>】 '
            '【<a href="javascript:window.close()">关闭窗口</a>】</td></tr></table>'
        )
    if style.fragment:
        page = article
    else:
        head = ""
        if style.declare == "meta":
            head = f'<meta charset="{style.encoding}">'
        elif style.declare == "http-equiv":
            head = f'<meta http-equiv="Content-Type" content="text/html; charset={style.encoding}">'
        chrome_top = chrome_bottom = ""
        if style.layout:
            chrome_top = (
                '<nav><a href="/">首页</a> &gt; <a href="#">政务公开</a></nav>'
                '<div class="header">政府门户网站</div>'
            )
            chrome_bottom = "<footer>主办单位：人民政府办公室 版权所有 ICP备12345678号</footer>"
        page = (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            f"<html><head>{head}<title>政府信息公开工作年度报告</title>"
            "<style>p{margin:0} td{border:1px solid #000}</style>"
            "<script>var _hmt = _hmt || []; document.write('<p>不应读到</p>');</script></head>\n"
            f"<body>{chrome_top}\n{article}\n{chrome_bottom}</body></html>"
        )
    return page.encode(style.encoding)


# ------------------------------------------------------------------------------ DOCX


def to_docx(blocks: Sequence[Block]) -> bytes:
    """A Word document with real merged cells (gridSpan and vMerge), as the template has them."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    for block in blocks:
        if not isinstance(block, Table):
            document.add_paragraph(block)
            continue
        height = len(block.rows)
        width = max(sum(c.colspan for c in row) for row in block.rows)
        table = document.add_table(rows=height, cols=width)
        table.style = "Table Grid"
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(block.rows):
            col = 0
            for cell in row:
                while (r, col) in taken:
                    col += 1
                for rr in range(r, r + cell.rowspan):
                    for cc in range(col, col + cell.colspan):
                        taken.add((rr, cc))
                origin = table.cell(r, col)
                if cell.rowspan > 1 or cell.colspan > 1:
                    origin = origin.merge(table.cell(r + cell.rowspan - 1, col + cell.colspan - 1))
                origin.text = cell.text
                for paragraph in origin.paragraphs:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                col += cell.colspan
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------ XLSX


def _sheet_value(text: str) -> Any:
    """Numbers as numbers, as a person typing into Excel gets them."""
    if text and text.lstrip("-").isdigit():
        return int(text)
    try:
        if text and "." in text:
            return float(text)
    except ValueError:
        pass
    return text or None


def to_xlsx(blocks: Sequence[Block]) -> bytes:
    """One sheet: paragraphs in column A, tables with merged ranges."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "年度报告"
    r = 1
    for block in blocks:
        if not isinstance(block, Table):
            sheet.cell(row=r, column=1, value=block)
            r += 1
            continue
        taken: set[tuple[int, int]] = set()
        for i, row in enumerate(block.rows):
            col = 1
            for cell in row:
                while (r + i, col) in taken:
                    col += 1
                for rr in range(r + i, r + i + cell.rowspan):
                    for cc in range(col, col + cell.colspan):
                        taken.add((rr, cc))
                sheet.cell(row=r + i, column=col, value=_sheet_value(cell.text))
                if cell.rowspan > 1 or cell.colspan > 1:
                    sheet.merge_cells(
                        start_row=r + i,
                        start_column=col,
                        end_row=r + i + cell.rowspan - 1,
                        end_column=col + cell.colspan - 1,
                    )
                col += cell.colspan
        r += len(block.rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------ LibreOffice


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(paths: Iterable[Path], target: str, outdir: Path) -> list[Path]:
    """Convert files with LibreOffice headless ("pdf", "xls"), in one process, with a private
    profile so that parallel runs do not collide."""
    exe = soffice()
    if exe is None:
        raise RuntimeError(
            "LibreOffice (soffice) is not installed; run scripts/install-system-deps"
        )
    paths = list(paths)
    with tempfile.TemporaryDirectory(prefix="gongkai-lo-") as profile:
        filt = {"xls": "xls:MS Excel 97", "pdf": "pdf"}[target]
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                filt,
                "--outdir",
                str(outdir),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=1800,
            env={**os.environ, "HOME": profile},
        )
    out = [outdir / (p.stem + "." + target) for p in paths]
    missing = [p for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing[:3]}")
    return out


def convert_bytes(data: bytes, suffix: str, target: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="gongkai-conv-") as tmp:
        src = Path(tmp) / f"doc{suffix}"
        src.write_bytes(data)
        (out,) = convert([src], target, Path(tmp))
        return out.read_bytes()


# ------------------------------------------------------------------------------ Chromium


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_to_pdf(page: Path, out: Path) -> None:
    """Print a web page to PDF as a browser's "save as PDF" does (headless Chromium, with its
    header and footer: date, title, address, page count)."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("Chromium is not installed; run scripts/install-system-deps")
    with tempfile.TemporaryDirectory(prefix="gongkai-chromium-") as profile:
        subprocess.run(
            [
                exe,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={out}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    if not out.exists():
        raise RuntimeError(f"Chromium did not write {out}")
