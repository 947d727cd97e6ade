"""Issue 18: page chrome is known by its shape and place, never by a word a sentence can hold;
whatever the reader drops as chrome is listed in parse_notes (CHROME-DROPPED) with its line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.chrome import chrome_anywhere, chrome_at_edge
from gongkai.report.parse import parse_text

from .golden import CASES
from .layouts import CHROME, LAYOUTS, NAV, plain_style
from .test_text_roundtrip import zero_doc

# sentences of a report that hold the words the old chrome filter dropped lines for
SENTENCES = (
    "全年政府网站访问量达12.6万人次，同比增长8%。",
    "门户网站全年浏览次数达35万次，较上年有所增长。",
    "相关阅读材料已在政务公开专栏同步发布。",
    "下一步，我局将继续加强政务公开工作。",
    "网站访问量稳步提升",
    "相关链接已全部更新",
    "上一篇政策解读已补充图解",
    "浏览次数明显增加",
)
SEEDS = sorted(CASES.glob("seed-*"))
DUMPS = sorted(p for p in CASES.iterdir() if "-crawler-dump-" in p.name)
TABLES = ("proactive", "applications", "disputes")


@pytest.mark.parametrize(
    "line",
    [
        "浏览次数：123",
        "访问量：4567次",
        "【字体：大 中 小】",
        "打印本页",
        "【打印本页】 【关闭窗口】",
        "扫一扫在手机打开当前页",
        "分享到：微信 微博 QQ空间",
        "微信 微博 QQ空间 全真版 文字版 文件下载",
        "发布时间：2025-01-20 16:34 来源：临淄区民政局 浏览次数：1234",
    ],
)
def test_chrome_anywhere(line: str) -> None:
    assert chrome_anywhere(line) and chrome_at_edge(line)


@pytest.mark.parametrize(
    "line",
    [
        "当前位置：首页 > 政务公开 > 年度报告",
        "首页 > 政务公开 > 政府信息公开年报",
        "上一篇：关于公布2024年度行政许可事项清单的通知",
        "相关链接",
        "主办单位：某某区人民政府办公室 版权所有 ICP备12345678号",
    ],
)
def test_chrome_only_at_the_edges(line: str) -> None:
    assert chrome_at_edge(line) and not chrome_anywhere(line)


@pytest.mark.parametrize("line", SENTENCES)
def test_sentences_are_never_chrome(line: str) -> None:
    assert not chrome_anywhere(line)
    if "。" in line:
        assert not chrome_at_edge(line)


def _insert(text: str, after: str, lines: tuple[str, ...]) -> str:
    """``lines`` after the first line that starts with ``after``."""
    out: list[str] = []
    done = False
    for line in text.split("\n"):
        out.append(line)
        if not done and line.strip().startswith(after):
            out.extend(lines)
            done = True
    assert done, after
    return "\n".join(out)


@pytest.mark.parametrize("case", SEEDS, ids=lambda p: p.name)
def test_seed_keeps_sentences_about_visits_and_links(case: Path) -> None:
    """The sentences inserted mid-section (after 一、总体情况, and before 六's last paragraph)
    stay in their sections; the tables stay as the golden has them."""
    text = (case / "source.txt").read_text(encoding="utf-8")
    half = len(SENTENCES) // 2
    text = _insert(text, "一、总体情况", SENTENCES[:half])
    text = _insert(text, "五、", SENTENCES[half:])
    got = to_canonical(parse_text(text))
    want = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    for key in TABLES:
        assert got[key] == want[key], key
    assert all(s in (got["sections"]["overview"] or "") for s in SENTENCES[:half])
    assert all(s in (got["sections"]["problems_section"] or "") for s in SENTENCES[half:])
    dropped = [n for n in got.get("parse_notes", ()) if n["code"] == "CHROME-DROPPED"]
    assert not any(s in n["detail"]["text"] for n in dropped for s in SENTENCES)


@pytest.mark.parametrize("case", DUMPS, ids=lambda p: p.name)
def test_dump_keeps_sentences_about_visits_and_links(case: Path) -> None:
    """In a one-line page the sentences run into the text around them; none is eaten."""
    text = (case / "source.txt").read_text(encoding="utf-8")
    glued = "".join(SENTENCES[:4])
    text = re.sub(r"(一、\s*总体情况)", lambda m: m.group(1) + glued, text, count=1)
    got = to_canonical(parse_text(text))
    want = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    overview = re.sub(r"\s+", "", got["sections"]["overview"] or "")
    assert glued in overview
    assert overview == glued + re.sub(r"\s+", "", want["sections"]["overview"] or "")


def test_layout_chrome_is_dropped_and_listed_with_its_line() -> None:
    """The navigation before the title and the buttons after the signature of the layouts'
    noise are dropped, each listed in a CHROME-DROPPED note with its line number."""
    doc = zero_doc()
    text = LAYOUTS["word_cells"](doc, plain_style(noise=True, seed=7))
    lines = text.split("\n")
    chrome = {
        i + 1: ln
        for i, ln in enumerate(lines)
        if ln in NAV or ln in CHROME or ln.startswith("发布时间")
    }
    assert len(chrome) >= 4
    report = parse_text(text)
    notes = {n.line: n for n in report.notes if n.code == "CHROME-DROPPED"}
    assert set(notes) == set(chrome)
    for number, line in chrome.items():
        assert notes[number].detail["text"] == line.strip()
        assert notes[number].severity == "info"
        assert line not in report.text


def test_chrome_words_mid_report_are_kept_but_counters_are_not() -> None:
    """ "上一篇：…" between two sections is text; "浏览次数：123" there is a counter."""
    doc = zero_doc()
    text = LAYOUTS["row_per_line_spaces"](doc, plain_style())
    text = _insert(text, "一、总体情况", ("上一篇：关于政务公开工作的总结", "浏览次数：123"))
    report = parse_text(text)
    assert "上一篇：关于政务公开工作的总结" in (report.sections["overview"] or "")
    assert "浏览次数" not in (report.sections["overview"] or "")
    assert [n.detail["text"] for n in report.notes if n.code == "CHROME-DROPPED"] == [
        "浏览次数：123"
    ]
