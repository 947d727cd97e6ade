"""HTML: one self-contained page (inline CSS, no external asset), printable on A4.

Tables keep the template's merged cells as rowspan/colspan. Header rows sit in ``thead`` and
repeat on every printed page; the header and the first rows of a table form a group that a page
never splits (``break-inside: avoid``). Null cells are empty.
"""

from __future__ import annotations

import re
from html import escape
from itertools import pairwise

from ..model import Report
from .layout import (
    Block,
    Grid,
    GridCell,
    Heading,
    Paragraph,
    Signature,
    TableBlock,
    Title,
    document,
)

BODY_FONTS = (
    '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", '
    '"Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "SimSun", serif'
)
HEADING_FONTS = (
    '"黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"WenQuanYi Micro Hei", sans-serif'
)
TITLE_FONTS = (
    '"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "宋体", "SimSun", "Songti SC", '
    '"Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", serif'
)

CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center {{ content: "— " counter(page) " —"; font: 14pt {BODY_FONTS}; }} }}
html {{ background: #fff; color: #000; }}
body {{ margin: 0; font-family: {BODY_FONTS}; font-size: 16pt; line-height: 28pt; }}
main {{ max-width: 156mm; margin: 0 auto; padding: 8mm 0 16mm; }}
h1 {{ font-family: {TITLE_FONTS}; font-size: 22pt; font-weight: normal; line-height: 1.5;
  text-align: center; margin: 0 0 28pt; }}
h1 span {{ display: inline-block; }}
h2 {{ font-family: {HEADING_FONTS}; font-size: 16pt; font-weight: normal; margin: 0;
  text-indent: 2em; break-after: avoid; page-break-after: avoid; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; orphans: 2; widows: 2;
  line-break: strict; overflow-wrap: anywhere; }}
.latin {{ word-break: break-all; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin: 6pt 0 14pt;
  font-size: 10.5pt; line-height: 1.3; }}
table.dense {{ font-size: 9pt; }}
th, td {{ border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle;
  font-weight: normal; text-align: center; overflow-wrap: anywhere; }}
th.label {{ text-align: left; }}
th.caption {{ background: #f2f2f2; }}
thead {{ display: table-header-group; }}
/* rows stay whole; a row that opens a group cell (三、本年度办理结果 spans 22 rows) may break */
tr:not(:has(> [rowspan])) {{ break-inside: avoid; page-break-inside: avoid; }}
tbody.keep, table.keep {{ break-inside: avoid; page-break-inside: avoid; }}
.signature {{ margin-top: 28pt; text-align: right; padding-right: 4em; }}
.signature p {{ text-indent: 0; text-align: right; }}
@media screen {{ body {{ background: #eee; }}
  main {{ background: #fff; padding: 24mm 26mm 24mm 28mm; margin: 12px auto;
    box-shadow: 0 0 6px rgba(0, 0, 0, .25); }} }}
@media print {{ main {{ max-width: none; padding: 0; }} }}
""".strip()


# a draft's mark: a banner above the report, and the word across the page on screen and paper
MARK_CSS = """
.draft-mark { color: #c00000; border: 1.5pt solid #c00000; text-align: center; text-indent: 0;
  font-family: %s; margin: 0 0 14pt; padding: 4pt; }
body::after { content: "%s"; position: fixed; top: 40%%; left: 0; right: 0; text-align: center;
  font: 110pt %s; color: rgba(192, 0, 0, .12); transform: rotate(-30deg); pointer-events: none; }
"""


def render_html(report: Report, watermark: str = "") -> bytes:
    return html_text(document(report), watermark).encode("utf-8")


def html_text(blocks: tuple[Block, ...], watermark: str = "") -> str:
    title = next((b.text for b in blocks if isinstance(b, Title)), "")
    body: list[str] = []
    css = CSS
    if watermark:
        body.append(f'<p class="draft-mark" role="note">{escape(watermark)}</p>')
        mark = watermark[:2].replace("\\", "").replace('"', "")
        css += MARK_CSS % (HEADING_FONTS, mark, HEADING_FONTS)
    for block in blocks:
        if isinstance(block, Title):
            # each piece (the agency, "…年政府信息公开工作年度报告") stays on one line
            pieces = "".join(f"<span>{escape(line)}</span>" for line in block.lines)
            body.append(f"<h1>{pieces}</h1>")
        elif isinstance(block, Heading):
            body.append(f'<h2 id="{block.key}">{escape(block.text)}</h2>')
        elif isinstance(block, Paragraph):
            role = f' class="{block.role}"' if block.role != "body" else ""
            body.append(f"<p{role}>{_breakable(block.text)}</p>")
        elif isinstance(block, TableBlock):
            body.append(table_html(block.grid))
        elif isinstance(block, Signature):
            lines = "".join(f"<p>{escape(line)}</p>" for line in block.lines)
            body.append(f'<div class="signature">{lines}</div>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="gongkai">\n'
        f"<title>{escape(title)}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


_LONG_LATIN = re.compile(r"[A-Za-z0-9._%+\-/:@]{16,}")


def _breakable(text: str) -> str:
    """Escaped text; a long Latin run (an e-mail address, a web address) may break anywhere, so
    that a justified line before it is not stretched to fill the gap it leaves."""
    out, last = [], 0
    for match in _LONG_LATIN.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f'<span class="latin">{escape(match.group())}</span>')
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def table_html(grid: Grid) -> str:
    classes = [f"t-{grid.key}"]
    if grid.dense:
        classes.append("dense")
    if (0, grid.n_rows) in grid.keep:
        classes.append("keep")
    total = sum(grid.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in grid.widths)
    parts = [
        f'<table class="{" ".join(classes)}" data-table="{grid.key}">',
        f"<colgroup>{cols}</colgroup>",
    ]
    for start, end, tag, keep in _row_groups(grid):
        attr = ' class="keep"' if keep and tag == "tbody" else ""
        parts.append(f"<{tag}{attr}>")
        for row in range(start, end):
            cells = "".join(_cell_html(c, tag == "thead") for c in grid.row_cells(row))
            parts.append(f"<tr>{cells}</tr>")
        parts.append(f"</{tag}>")
    parts.append("</table>")
    return "\n".join(parts)


def _row_groups(grid: Grid) -> list[tuple[int, int, str, bool]]:
    """thead for the header rows, then one tbody per range that must stay on one page. A row
    group may not cut through a rowspan, so a boundary inside a span is dropped."""
    cuts = {grid.header_rows, grid.n_rows}
    for start, end in grid.keep:
        cuts.update((start, end))
    cuts = {
        cut
        for cut in cuts
        if 0 < cut <= grid.n_rows and not any(c.row < cut <= c.last_row for c in grid.cells)
    }
    bounds = [0, *sorted(cuts)]
    groups = []
    for start, end in pairwise(bounds):
        head = end <= grid.header_rows
        keep = any(s <= start and end <= e for s, e in grid.keep)
        groups.append((start, end, "thead" if head else "tbody", keep))
    return groups


def _cell_html(cell: GridCell, in_head: bool) -> str:
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    text = escape(cell.text)
    if cell.kind == "value":
        row, column = cell.key or ("", None)
        key = f"{row}.{column}" if column else row
        return f'<td{spans} data-cell="{key}">{text}</td>'
    scope = ""
    if cell.kind == "label":
        scope = ' scope="row"'
    elif cell.kind == "group":
        scope = ' scope="rowgroup"'
    elif in_head and cell.kind == "head":
        scope = ' scope="colgroup"' if cell.colspan > 1 else ' scope="col"'
    return f'<th{spans}{scope} class="{cell.kind}">{text}</th>'
