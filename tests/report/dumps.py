"""Crawler page dumps, made as crawlers make them (issue 10, class 1).

    .venv/bin/python -m tests.report.dumps      # (re)write the crawler-dump case folders

A crawler fetches a report's web page, takes its text with BeautifulSoup (``get_text()``, no
separator, or ``get_text(" ")``), squeezes the whitespace out of it (``re.sub(r"\\s+", "", …)``
or to one space), and writes a header of what it knows about the page in front: ``标题:``,
``发布时间:``, ``文号:``, ``发布机构:``, ``栏目:``, ``原文链接:``, and a rule of ``=`` around
``正文``. The pages are the HTML fixtures in tests/report/cases (read-*.html) and a portal page
built around each seed (breadcrumb, share buttons, counters, footer, as government sites lay
them out). The seed texts themselves are dumped with their line breaks removed.

Each case's expected.json is the known truth of the document, never the reader's output: for a
seed, the hand-checked seed golden (tests/report/cases/seed-*/expected.json); for the generated
report, its canonical document (read/sources.py). See each case's NOTES.md.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

import bs4

from .golden import CASES
from .read.sources import generated_blanks, seed_blocks
from .read.writers import Block, HtmlStyle, to_html

SEEDS: dict[str, str] = {  # seed number → the name its cases carry
    "000": "linzi-civil-affairs-2024",
    "001": "taierzhuang-civil-affairs-2023",
    "002": "civil-affairs-2024",
    "003": "qidu-town-2024",
    "004": "linzi-government-office-2023",
}


@dataclass(frozen=True)
class PageFacts:
    """What the site says of the page: its heading, when and by whom it was published."""

    title: str
    published: str  # "2025-01-20 16:34", as the site's article page prints it
    agency: str
    column: str = "政府信息公开年报"
    url: str = "https://www.example.gov.cn/zwgk/xxgknb/art/2025/art_1.html"


FACTS: dict[str, PageFacts] = {
    "000": PageFacts(
        "临淄区民政局2024年政府信息公开工作年度报告", "2025-01-20 16:34", "临淄区民政局"
    ),
    "001": PageFacts(
        "台儿庄区民政局2023年政府信息公开工作年度报告", "2024-01-18 09:12", "台儿庄区民政局"
    ),
    # seed 002 names no agency anywhere; its page is titled as the seed is
    "002": PageFacts("2024年政府信息公开工作年度报告", "2025-01-24 10:05", ""),
    "003": PageFacts(
        "临淄区齐都镇人民政府2024年政府信息公开工作年度报告",
        "2025-01-21 08:47",
        "临淄区齐都镇人民政府",
    ),
    "004": PageFacts(
        "临淄区人民政府办公室2023年政府信息公开工作年度报告",
        "2024-01-30 15:20",
        "临淄区人民政府办公室",
    ),
    "generated": PageFacts(
        "高青县某某镇人民政府2023年政府信息公开工作年度报告",
        "2024-01-26 11:00",
        "高青县某某镇人民政府",
    ),
}

# the HTML fixtures of tests/report/cases and the encoding their pages declare (or that the
# crawler's detection finds for the fragment without a charset)
HTML_FIXTURES: dict[str, tuple[str, str]] = {
    "read-seed-000-linzi-civil-affairs-2024-html-gbk-word-pasted": ("000", "gbk"),
    "read-seed-002-civil-affairs-2024-html-gb2312-fragment-no-charset": ("002", "gb18030"),
    "read-seed-004-linzi-government-office-2023-html-utf8-cms-layout": ("004", "utf-8"),
    "read-generated-2021-blank-cells-html-gbk": ("generated", "gbk"),
}


# ----------------------------------------------------------------------------- the tools


def crawler_header(facts: PageFacts) -> str:
    return (
        f"标题: {facts.title}\n发布时间: {facts.published}\n文号: \n发布机构: {facts.agency}\n"
        f"栏目: {facts.column}\n原文链接: {facts.url}\n{'=' * 20}\n正文\n{'=' * 20}\n"
    )


def page_text(page: bytes, encoding: str, separator: str) -> str:
    """The page's text as a crawler takes it: BeautifulSoup's get_text, scripts and styles
    removed, whitespace squeezed out ("") or to one space (" ")."""
    soup = bs4.BeautifulSoup(page.decode(encoding), "lxml")
    for element in soup(["script", "style"]):
        element.decompose()
    text = soup.get_text(separator) if separator else soup.get_text()
    return re.sub(r"\s+", separator, text).strip()


def portal_page(number: str) -> bytes:
    """A government portal's article page around seed ``number``: the seed as an article (its
    tables as real tables) in the page :func:`portal` lays out."""
    return portal(seed_blocks(number), FACTS[number], visits=int(number) * 37 + 1234)


def portal(blocks: list[Block], facts: PageFacts, visits: int = 512) -> bytes:
    """An article page as government portals lay it out: breadcrumb, heading, publication line
    with source, counter and font switch, share buttons, the article, print and close, previous
    and next, footer."""
    article = to_html(blocks, HtmlStyle(encoding="utf-8", fragment=True)).decode()
    day = facts.published
    source = f"来源：{html.escape(facts.agency)}&nbsp;&nbsp;" if facts.agency else ""
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(facts.title)}</title>
<style>.crumb a{{color:#333}} td{{border:1px solid #000}}</style>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head><body>
<div class="top"><a href="/">首页</a> <a href="#">无障碍</a> <a href="#">长者模式</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="#">{facts.column}</a></div>
<div class="article">
<h1>{html.escape(facts.title)}</h1>
<div class="info">发布时间：{day}&nbsp;&nbsp;{source}浏览次数：{visits}&nbsp;&nbsp;【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a> <a href="#">全真版</a> <a href="#">文字版</a> <a href="#">文件下载</a></div>
<div class="content" id="zoom">
{article}
</div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】 【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="near"><p>上一篇：关于公布2024年度行政许可事项清单的通知</p><p>下一篇：政府信息公开指南</p></div>
</div>
<div class="footer">主办单位：淄博市临淄区人民政府办公室 承办单位：临淄区大数据中心 版权所有 网站标识码：3703050001 鲁ICP备05012345号 鲁公网安备 37030502000123号</div>
</body></html>
"""
    return page.encode("utf-8")


def text_without_breaks(text: str) -> str:
    """A seed's text with its line breaks removed (tabs and spaces left as they are)."""
    return text.replace("\r", "").replace("\n", "")


# ----------------------------------------------------------------------------- the cases


def seed_golden(number: str) -> dict[str, Any]:
    case = next(CASES.glob(f"seed-{number}-*/expected.json"))
    return json.loads(case.read_text(encoding="utf-8"))


TRUTH_KEYS = (
    "format",
    "agency",
    "year",
    "published_on",
    "contact",
    "period",
    "sections",
    "proactive",
    "applications",
    "disputes",
)


def truth(number: str) -> dict[str, Any]:
    """The known truth of the dumped document. A report without a signing date is published on
    the day its page says (the crawler's 发布时间), which the reader may use for want of better."""
    if number == "generated":
        doc = generated_blanks()
        doc["period"] = {"start": f"{doc['year']}-01-01", "end": f"{doc['year']}-12-31"}
    else:
        doc = seed_golden(number)
    out = {key: doc.get(key) for key in TRUTH_KEYS}
    if out["published_on"] is None:
        out["published_on"] = FACTS[number].published[:10]
    return out


def cases() -> dict[str, tuple[str, str, str]]:
    """Case name → (document number, how it was made, the source text)."""
    out: dict[str, tuple[str, str, str]] = {}
    for fixture, (number, encoding) in HTML_FIXTURES.items():
        page = (CASES / fixture / "source.html").read_bytes()
        for name, separator in (("nosep", ""), ("space", " ")):
            how = f"{fixture}/source.html, get_text({separator!r}) (decoded as {encoding})"
            text = crawler_header(FACTS[number]) + page_text(page, encoding, separator) + "\n"
            out[f"{fixture}-crawler-dump-{name}"] = (number, how, text)
    for number, slug in SEEDS.items():
        page = portal_page(number)
        for name, separator in (("nosep", ""), ("space", " ")):
            how = f"portal page around seed {number} (dumps.portal_page), get_text({separator!r})"
            text = crawler_header(FACTS[number]) + page_text(page, "utf-8", separator) + "\n"
            out[f"read-seed-{number}-{slug}-portal-page-crawler-dump-{name}"] = (number, how, text)
        seed = next(CASES.glob(f"seed-{number}-*/source.txt")).read_text(encoding="utf-8")
        how = f"seed {number}'s text with its line breaks removed"
        text = crawler_header(FACTS[number]) + text_without_breaks(seed) + "\n"
        out[f"read-seed-{number}-{slug}-text-crawler-dump-no-breaks"] = (number, how, text)
    return out


NOTES = """# {name}

A crawler page dump (issue 10, class 1), made by `tests/report/dumps.py` with BeautifulSoup
{bs4_version}: {how}; whitespace squeezed as the crawler does; the crawler's header (标题,
发布时间, 文号, 发布机构, 栏目, 原文链接, a rule of `=` around 正文) in front.

expected.json is the known truth of the document, not the reader's output: {truth}
`published_on` is the crawler's 发布时间 where the report itself has no signing date (the page's
own publication date). Sections are compared without whitespace (a dump keeps no paragraph
breaks). test_dumps.py scores every cell: no wrong number, and the recall it states.
{odd}"""

ODD = {
    "generated-nosep": (
        "\nOdd cells: the generated report leaves cells empty; an empty cell leaves nothing in "
        "get_text's output, so its row's digits run together with one cell fewer (\"31\" for "
        "3, 1 and five empty cells). The truth keeps them null; the reader leaves every cell "
        "the readings with empty cells disagree on empty and lists the candidates "
        "(CELL-AMBIGUOUS): 144 of 171 numbers read, none wrong.\n"
    ),
    "generated-space": (
        "\nOdd cells: the generated report leaves cells empty; with a space between cells an "
        "empty one is simply absent, so a row has fewer numbers than cells and its columns stay "
        "open (CELL-AMBIGUOUS): 142 of 171 numbers read, none wrong.\n"
    ),
    "004-nosep": (
        "\nOdd cells: 表二 “行政规范性文件” is 0, empty, 16 in the real table (sources.PLACED) but "
        "the seed golden leaves it null (the seed's text gives two values for three cells); "
        'the dump has "016", read 0/1/6 or 0/16 with an empty cell: left null. 表四 '
        '"000222010300000" also reads as 20, 10, 30 with empty cells in the litigation '
        "groups: only 行政复议 is filled. 187 of 197 numbers read, none wrong.\n"
    ),
}


def _odd(name: str, number: str) -> str:
    if number == "generated":
        return ODD["generated-nosep" if name.endswith("-nosep") else "generated-space"]
    if number == "004" and name.endswith("-nosep"):
        return ODD["004-nosep"]
    return ""


def write(names: list[str] | None = None) -> None:
    for name, (number, how, text) in cases().items():
        if names and name not in names:
            continue
        case = CASES / name
        case.mkdir(exist_ok=True)
        (case / "source.txt").write_text(text, encoding="utf-8")
        document = truth(number)
        (case / "expected.json").write_text(
            json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        source = (
            "the generated report of read/sources.py (generated_blanks), cell by cell, blanks null."
            if number == "generated"
            else f"seed {number}'s hand-checked golden (tests/report/cases/seed-{number}-*/expected.json)."
        )
        (case / "NOTES.md").write_text(
            NOTES.format(
                name=name,
                how=how,
                truth=source,
                bs4_version=bs4.__version__,
                odd=_odd(name, number),
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    write()
