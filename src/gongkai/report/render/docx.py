"""DOCX: an editable Word/WPS document in the official layout, with real merged cells.

Fonts follow the conventions of government documents (GB/T 9704): the title in 方正小标宋简体
(falls back to 宋体), headings in 黑体, the body in 仿宋_GB2312 (falls back to 仿宋), each set as
the East Asian font (``w:eastAsia``) with Times New Roman for Latin text; the fallbacks are
declared in the font table (``w:altName``). A4, page numbers "— n —" in the footer (a PAGE field).
Header rows repeat on every page and never part from the first rows. Deterministic: fixed
document properties and ZIP dates.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from lxml import etree  # type: ignore[import-untyped]

from ..model import Report
from .layout import Block, Grid, Heading, Paragraph, Signature, TableBlock, Title, document
from .ooxml import FIXED_DATETIME, fixed_zip, xml_text

LATIN = "Times New Roman"
BODY_FONT, BODY_ALT = "仿宋_GB2312", "仿宋"
HEADING_FONT, HEADING_ALT = "黑体", "SimHei"
TITLE_FONT, TITLE_ALT = "方正小标宋简体", "宋体"
PAGE_FONT = "宋体"

TEXT_WIDTH_MM = 210 - 28 - 26  # A4 less the left (28 mm) and right (26 mm) margins
TITLE_CHARS_PER_LINE = 20  # 22 pt characters across the 156 mm text width
BODY_SIZE, TITLE_SIZE, TABLE_SIZE, DENSE_SIZE = Pt(16), Pt(22), Pt(10.5), Pt(9)

STYLE_TITLE = "Report Title"
STYLE_TABLE = "Table Text"
STYLE_DENSE = "Table Text Small"
STYLE_SIGNATURE = "Signature Block"


def render_docx(report: Report, watermark: str = "") -> bytes:
    blocks = document(report)
    doc = Document()
    _page_setup(doc)
    _styles(doc)
    _font_table(doc)
    ids = {name: doc.styles[name].style_id for name in (STYLE_TITLE, "Heading 1", STYLE_SIGNATURE)}
    for block in blocks:
        _block(doc, block, ids)
    _page_numbers(doc)
    if watermark:
        _header_mark(doc, watermark)
    title = next((b.text for b in blocks if isinstance(b, Title)), "")
    _properties(doc, title, report.agency or "")
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue())


def _paragraph(doc: Any, text: str, style_id: str | None = None) -> Any:
    """A paragraph of ``text``; the style is set by its id (python-docx's look-up by name walks
    every style each time)."""
    paragraph = doc.add_paragraph(xml_text(text))
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def _block(doc: Any, block: Block, ids: dict[str, str]) -> None:
    if isinstance(block, Title):
        paragraph = _paragraph(doc, "", ids[STYLE_TITLE])
        wide = len(block.text) > TITLE_CHARS_PER_LINE
        for index, line in enumerate(block.lines if wide else (block.text,)):
            run = paragraph.add_run(xml_text(line))
            if index < len(block.lines) - 1 and wide:
                run.add_break()
    elif isinstance(block, Heading):
        _paragraph(doc, block.text, ids["Heading 1"])
    elif isinstance(block, Paragraph):
        _paragraph(doc, block.text)
    elif isinstance(block, TableBlock):
        _table(doc, block.grid)
    elif isinstance(block, Signature):
        for index, line in enumerate(block.lines):
            paragraph = _paragraph(doc, line, ids[STYLE_SIGNATURE])
            if index == 0:
                paragraph.paragraph_format.space_before = Pt(28)


# ------------------------------------------------------------------------------ page


def _page_setup(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)


def _page_numbers(doc: Any) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    pieces: list[tuple[str, str]] = [("text", "— "), ("begin", ""), ("instr", " PAGE ")]
    pieces += [("separate", ""), ("text", "1"), ("end", ""), ("text", " —")]
    for kind, text in pieces:
        run = paragraph.add_run()
        _run_fonts(run._r.get_or_add_rPr(), LATIN, PAGE_FONT)
        run.font.size = Pt(14)
        if kind == "text":
            run.text = text
        elif kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _header_mark(doc: Any, text: str) -> None:
    """``text`` (e.g. "草稿——未发布") in red bold in the header of every page."""
    paragraph = doc.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    run = paragraph.add_run(xml_text(text))
    _run_fonts(run._r.get_or_add_rPr(), LATIN, HEADING_FONT)
    run.font.size = Pt(14)
    run.font.bold = True
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def _properties(doc: Any, title: str, agency: str) -> None:
    props = doc.core_properties
    props.title = xml_text(title)
    props.author = xml_text(agency)
    props.last_modified_by = "gongkai"
    props.comments = ""
    props.subject = "政府信息公开工作年度报告"
    props.language = "zh-CN"
    props.revision = 1
    props.created = props.modified = FIXED_DATETIME
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:  # python-docx's picture of an empty page
            package.rels.pop(rel_id)


# ------------------------------------------------------------------------------ styles


def _run_fonts(rpr: Any, latin: str, east_asian: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin)):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:eastAsia"), east_asian)


def _style(doc: Any, name: str, base: str | None = "Normal") -> ParagraphStyle:
    styles = doc.styles
    if name in [s.name for s in styles]:
        style: ParagraphStyle = styles[name]
    else:
        style = styles.add_style(name, 1)  # WD_STYLE_TYPE.PARAGRAPH
        if base:
            style.base_style = styles[base]
    return style


def _styles(doc: Any) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _run_fonts(rpr, LATIN, BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")

    normal = doc.styles["Normal"]
    _run_fonts(normal.element.get_or_add_rPr(), LATIN, BODY_FONT)
    normal.font.size = BODY_SIZE
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(32)  # two characters
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = True

    title = _style(doc, STYLE_TITLE)
    _run_fonts(title.element.get_or_add_rPr(), LATIN, TITLE_FONT)
    title.font.size = TITLE_SIZE
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(28)
    title.paragraph_format.keep_with_next = True

    heading = doc.styles["Heading 1"]
    rpr = heading.element.get_or_add_rPr()
    _run_fonts(rpr, LATIN, HEADING_FONT)
    for tag in ("w:color", "w:b", "w:bCs", "w:i", "w:iCs"):
        for element in rpr.findall(qn(tag)):
            rpr.remove(element)
    heading.font.size = BODY_SIZE
    heading.font.bold = False
    fmt = heading.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.first_line_indent = Pt(32)
    fmt.keep_with_next = True
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT

    for name, size in ((STYLE_TABLE, TABLE_SIZE), (STYLE_DENSE, DENSE_SIZE)):
        style = _style(doc, name)
        style.font.size = size
        fmt = style.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.space_before = fmt.space_after = Pt(0)

    signature = _style(doc, STYLE_SIGNATURE)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.first_line_indent = Pt(0)
    signature.paragraph_format.right_indent = Pt(64)  # four characters, as the convention has it


_FONT_ENTRY = (
    '<w:font xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:name="{name}">'
    '<w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/>'
    '<w:pitch w:val="variable"/></w:font>'
)


def _font_table(doc: Any) -> None:
    """Declare the Chinese fonts with their fallbacks (w:altName), for machines without them."""
    part = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt, family in (
        (BODY_FONT, BODY_ALT, "modern"),
        (HEADING_FONT, HEADING_ALT, "modern"),
        (TITLE_FONT, TITLE_ALT, "roman"),
        (PAGE_FONT, "SimSun", "roman"),
    ):
        if name not in known:
            root.append(parse_xml(_FONT_ENTRY.format(name=name, alt=alt, family=family)))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ------------------------------------------------------------------------------ tables


def _table(doc: Any, grid: Grid) -> None:
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table)
    total = sum(grid.widths)
    widths = [Mm(TEXT_WIDTH_MM * w / total) for w in grid.widths]
    for index, column in enumerate(table.columns):
        column.width = widths[index]
    # python-docx looks a cell up by walking the whole table: take every cell once, before
    # merging (a merge keeps the top-left cell's element, and touches no other range)
    every = table._cells
    for index, target in enumerate(every):
        target.width = widths[index % grid.n_cols]
    style = doc.styles[STYLE_DENSE if grid.dense else STYLE_TABLE].style_id
    kept = {r for start, end in grid.keep for r in range(start, end - 1)}
    for cell in grid.cells:
        target = every[cell.row * grid.n_cols + cell.col]
        if cell.merged:
            target.merge(every[cell.last_row * grid.n_cols + cell.last_col])
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = target.paragraphs[0]
        paragraph._p.style = style
        if cell.kind == "label":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.add_run(xml_text(cell.text))
        if cell.row in kept or cell.last_row in kept:
            paragraph.paragraph_format.keep_with_next = True
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < grid.header_rows:
            properties.append(OxmlElement("w:tblHeader"))
    _paragraph(doc, "", style)  # a little space before the next heading


def _fixed_layout(table: Any) -> None:
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
