"""Random consistent reports, flattened into crawler page dumps, read with no wrong number.

A report from :mod:`tests.report.strategies` (some cells blank) is laid out as a portal page and
taken with BeautifulSoup's ``get_text`` (no separator, or one space), or written in one of the
text layouts of :mod:`tests.report.layouts` and its line breaks removed (all whitespace, or the
newlines only); the crawler's header goes in front. The reader must never give a wrong number.
Empty cells leave no trace in a dump without separators, so the rows that had one may stay
empty (CELL-AMBIGUOUS); the share of cells read back is measured and must stay high.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.canonical import to_canonical
from gongkai.report.parse import parse_text

from .dumps import PageFacts, crawler_header, page_text, portal
from .layouts import LAYOUTS, Style, styles
from .read.writers import report_blocks
from .scoring import Score, assert_no_wrong_number
from .strategies import reports

Doc = dict[str, Any]
SCALE = int(os.environ.get("GONGKAI_ROUNDTRIP_SCALE", "1"))
EXAMPLES = 50 * SCALE
DUMP = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TEXT_LAYOUTS = (
    "word_cells",
    "row_per_line_spaces",
    "row_per_line_tabs",
    "run_together",
    "pipe_stream",
)
# the lowest share of the numbers read back, by kind of dump, for reports with empty cells
# (about six a report, far more than real reports have) and without. Measured over 150
# examples each: html-nosep 89.7 % / 95.7 %, html-space 92.9 % / 100 %, text-nosep
# 92.7 % / 96.0 %, text-no-breaks 98.4 % / 99.99 %. What is lost is table 二 (no identity
# to decide a split: 36–69 % read back in the dumps without separators) and the rows an
# empty cell shifted; tables 三 and 四 without empty cells read back 92–100 %.
FLOOR = {
    ("html-nosep", True): 0.86,
    ("html-nosep", False): 0.93,
    ("html-space", True): 0.89,
    ("html-space", False): 0.97,  # 100 % measured; a few random reports fall to 98.9 %
    ("text-nosep", True): 0.89,
    ("text-nosep", False): 0.93,
    ("text-no-breaks", True): 0.95,
    ("text-no-breaks", False): 0.97,
}


def facts(doc: Doc) -> PageFacts:
    title = f"{doc['agency']}{doc['year']}年政府信息公开工作年度报告"
    return PageFacts(title, f"{doc['year'] + 1}-01-20 16:34", doc["agency"])


def html_dump(doc: Doc, separator: str) -> str:
    page = portal(report_blocks(doc), facts(doc))
    return crawler_header(facts(doc)) + page_text(page, "utf-8", separator) + "\n"


def text_dump(doc: Doc, layout: str, style: Style, squeeze: bool) -> str:
    text = LAYOUTS[layout](doc, style)
    flat = re.sub(r"\s+", "", text) if squeeze else text.replace("\n", "")
    chrome = "当前位置：首页>政务公开>政府信息公开年报"
    tail = "【打印本页】【关闭窗口】主办单位：某某区人民政府办公室版权所有"
    return crawler_header(facts(doc)) + chrome + flat + tail + "\n"


def check(doc: Doc, text: str) -> Score:
    got = to_canonical(parse_text(text))
    result = assert_no_wrong_number(doc, got)
    for key in ("format", "agency", "year"):
        assert got[key] == doc[key], (key, got[key], doc[key], text[:3000])
    return result


def run(kind: str, blanks: bool, draw_text: Callable[[st.DataObject, Doc], str]) -> Score:
    total = Score()
    reports_seen: Counter[str] = Counter()

    @DUMP
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        nonlocal total
        doc = data.draw(reports(blanks=blanks), label="doc")
        text = draw_text(data, doc)
        result = check(doc, text)
        total = total.add(result)
        reports_seen["all"] += 1
        reports_seen["complete"] += not result.missing

    one()
    print(
        f"{kind}{' (empty cells)' if blanks else ''}: {total.correct} of {total.numbers} numbers ({total.recall:.2%}), 0 wrong; "
        f"{reports_seen['complete']} of {reports_seen['all']} reports complete"
    )
    return total


@pytest.mark.parametrize("blanks", [True, False], ids=["empty-cells", "filled"])
@pytest.mark.parametrize("separator", ["", " "], ids=["nosep", "space"])
def test_html_page_dump_reads_with_no_wrong_number(separator: str, blanks: bool) -> None:
    kind = "html-space" if separator else "html-nosep"
    total = run(kind, blanks, lambda data, doc: html_dump(doc, separator))
    assert total.recall >= FLOOR[kind, blanks]


@pytest.mark.parametrize("blanks", [True, False], ids=["empty-cells", "filled"])
@pytest.mark.parametrize("squeeze", [True, False], ids=["nosep", "no-breaks"])
def test_text_dump_reads_with_no_wrong_number(squeeze: bool, blanks: bool) -> None:
    kind = "text-nosep" if squeeze else "text-no-breaks"

    def draw(data: st.DataObject, doc: Doc) -> str:
        layout = data.draw(st.sampled_from(TEXT_LAYOUTS), label="layout")
        style = data.draw(styles(layout, noise=False), label="style")
        return text_dump(doc, layout, style, squeeze)

    total = run(kind, blanks, draw)
    assert total.recall >= FLOOR[kind, blanks]
