"""The 通报 written out: HTML with the charts' SVG inline, DOCX with each chart as a table.

The DOCX shows a chart's figures as a small table, not a picture: turning SVG into PNG would
need a converter this project does not ship (the SVG files themselves are written beside it)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from gongkai.report.render.ooxml import xml_text

from .notice import Notice

__all__ = ["write_notice_docx", "write_notice_html"]

_STYLE = """
body { font-family: "FangSong", "仿宋", "SimSun", serif; max-width: 52em; margin: 2em auto;
       line-height: 1.8; color: #111; }
h1 { font-family: "SimHei", "黑体", sans-serif; text-align: center; font-size: 1.5em; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 1.15em; margin-top: 1.5em; }
h3 { font-family: "KaiTi", "楷体", serif; font-size: 1.05em; }
p { text-indent: 2em; margin: 0.4em 0; }
table { border-collapse: collapse; margin: 0.8em 0; width: 100%; }
th, td { border: 1px solid #555; padding: 0.2em 0.5em; font-size: 0.92em; }
th { background: #f0f0f0; }
figure { margin: 1em 0; text-align: center; }
figure svg { max-width: 100%; height: auto; }
"""


def write_notice_html(notice: Notice, path: Path) -> None:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        '<head><meta charset="utf-8">',
        f"<title>{escape(notice.title)}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
        f"<h1>{escape(notice.title)}</h1>",
    ]
    for block in notice.blocks:
        if block.kind == "heading":
            tag = "h2" if block.level == 1 else "h3"
            parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif block.kind == "paragraph":
            parts.append(f"<p>{escape(block.text)}</p>")
        elif block.kind == "table":
            parts.append(_table(block.headers, block.rows))
        elif block.kind == "chart" and block.chart is not None:
            parts.append(
                f'<figure class="chart" id="chart-{escape(block.chart.name)}">'
                f"{block.chart.svg}<figcaption>{escape(block.chart.title)}</figcaption></figure>"
            )
    parts += ["</body>", "</html>", ""]
    path.write_text("\n".join(parts), encoding="utf-8")


def _table(headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def write_notice_docx(notice: Notice, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "FangSong"
    normal.font.size = Pt(12)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "仿宋")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(xml_text(notice.title))
    run.bold = True
    run.font.size = Pt(18)
    for block in notice.blocks:
        if block.kind == "heading":
            document.add_heading(xml_text(block.text), level=block.level)
        elif block.kind == "paragraph":
            document.add_paragraph(xml_text(block.text))
        elif block.kind == "table":
            _docx_table(document, block.headers, block.rows)
        elif block.kind == "chart" and block.chart is not None:
            caption = document.add_paragraph()
            caption.add_run(xml_text(f"{block.chart.title}（图表数据）")).bold = True
            _docx_table(document, block.chart.headers, block.chart.rows)
    document.core_properties.author = "gongkai"
    document.core_properties.title = xml_text(notice.title)
    document.save(str(path))


def _docx_table(
    document: object, headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...]
) -> None:
    table = document.add_table(rows=1, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = xml_text(text)
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = xml_text(text)
