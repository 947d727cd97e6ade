"""The whole document around the tables, and the six layouts as functions of a report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from gongkai.report.spec import SECTIONS

from .markdown import markdown_applications, markdown_disputes, markdown_proactive
from .pipe import pipe_applications, pipe_disputes, pipe_proactive
from .rows import row_layout
from .style import HALF_WIDTH, PLAIN, Block, Doc, Style, counts
from .word import word_applications, word_disputes, word_proactive

NAV = (
    "首页 > 政务公开 > 政府信息公开年报",
    "当前位置：首页 > 信息公开 > 年度报告",
    "【字体：大 中 小】",
)
CHROME = ("打印本页", "关闭窗口", "【打印本页】", "【关闭窗口】", "扫一扫在手机打开当前页")
FURNITURE = ("— {n} —", "- {n} -", "第 {n} 页 共 {m} 页", "第{n}页")
INTROS = {
    "proactive": "本年度主动公开政府信息情况如下：",
    "applications": "本年度收到和处理政府信息公开申请情况如下：",
    "disputes": "本年度政府信息公开行政复议、行政诉讼情况如下：",
}


def contact_sentence(doc: Doc, style: Style = PLAIN) -> str:
    c = doc["contact"]
    phone, mail = ("电话", "电子邮箱") if style.contact_labels == 0 else ("联系电话", "邮箱")
    return (
        f"如对报告内容有疑问，请与{doc['agency']}联系（地址：{c['address']}；邮编：{c['postcode']}；"
        f"{phone}：{c['phone']}；{mail}：{c['email']}）。"
    )


def period_sentence(doc: Doc) -> str:
    year = doc["year"]
    return f"本年度报告中所列数据的统计期限自{year}年1月1日起，至{year}年12月31日止。"


def title_lines(doc: Doc, style: Style) -> list[str]:
    agency, year = doc["agency"], doc["year"]
    if style.title == 1:
        return [agency, f"{year}年政府信息公开工作年度报告"]
    if style.title == 2:
        return [f"{agency}{year}年政府信息公开工作", "", "年度报告"]
    if style.title == 3:
        return [f"{agency}{year}年度政府信息公开工作年度报告"]
    return [f"{agency}{year}年政府信息公开工作年度报告"]


def document(doc: Doc, style: Style, writers: dict[str, Callable[..., list[Block]]]) -> str:
    """The whole report: title, introduction, six sections with the tables, signature."""
    rng = style.rng("noise")
    pages = iter(range(1, 100))
    out: list[str] = []

    def furniture() -> None:
        """A page break: the page number, sometimes the running header of the next page."""
        if style.noise and rng.random() < 0.12:
            n = next(pages)
            out.append(rng.choice(FURNITURE).format(n=n, m=n + 3))
            if rng.random() < 0.3:
                out.append("".join(title_lines(doc, style)))

    if style.noise:
        out += [
            rng.choice(NAV),
            f"发布时间：{doc['year'] + 1}-01-{rng.randint(10, 31)}",
            "【字体：大 中 小】",
            "",
        ]
    out += title_lines(doc, style)
    out.append("")
    intro = period_sentence(doc)
    if not style.contact_at_end:
        intro += contact_sentence(doc, style)
    out.append(intro)
    tables = {
        "proactive_section": "proactive",
        "applications_section": "applications",
        "disputes_section": "disputes",
    }
    for section in SECTIONS:
        out.append(("    " if style.indent else "") + section.title)
        table = tables.get(section.key)
        if table is None:
            text = doc["sections"].get(section.key) or ""
            for paragraph in text.split("\n"):
                out.append(paragraph)
                furniture()
            if section.key == "other_section" and style.contact_at_end:
                out.append(contact_sentence(doc, style))
            continue
        if style.intros:
            out.append(INTROS[table])
        for block in writers[table](doc, style if table == "proactive" else counts(style)):
            out += block
            furniture()
    if style.signature:
        out += ["", doc["agency"], f"{doc['year'] + 1}年1月{rng.randint(10, 31)}日"]
    if style.noise:
        out += ["", *rng.sample(CHROME, 2)]
    text = "\n".join(out) + "\n"
    return text.translate(HALF_WIDTH) if style.halfwidth else text


def word_cells(doc: Doc, style: Style = PLAIN) -> str:
    writers = {
        "proactive": word_proactive,
        "applications": word_applications,
        "disputes": word_disputes,
    }
    return document(doc, style, writers)


def pipe_stream(doc: Doc, style: Style = PLAIN) -> str:
    writers = {
        "proactive": pipe_proactive,
        "applications": pipe_applications,
        "disputes": pipe_disputes,
    }
    return document(doc, style, writers).translate(HALF_WIDTH)


def markdown(doc: Doc, style: Style = PLAIN) -> str:
    writers = {
        "proactive": markdown_proactive,
        "applications": markdown_applications,
        "disputes": markdown_disputes,
    }
    return document(doc, style, writers)


def row_per_line_spaces(doc: Doc, style: Style = PLAIN) -> str:
    return document(doc, style, row_layout(" "))


def row_per_line_tabs(doc: Doc, style: Style = PLAIN) -> str:
    return document(doc, style, row_layout("\t"))


def run_together(doc: Doc, style: Style = PLAIN) -> str:
    writers = row_layout(" ")
    glued = row_layout(" ", glue=True)
    writers.update(applications=glued["applications"], disputes=glued["disputes"])
    return document(doc, style, writers)


LAYOUTS: dict[str, Callable[[Doc, Style], str]] = {
    "word_cells": word_cells,
    "pipe_stream": pipe_stream,
    "markdown": markdown,
    "row_per_line_spaces": row_per_line_spaces,
    "row_per_line_tabs": row_per_line_tabs,
    "run_together": run_together,
}


def plain_style(**changes: Any) -> Style:
    return replace(Style(), **changes)
