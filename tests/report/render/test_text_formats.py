"""Markdown, HTML and JSON: goldens of the five seeds, and exact round trips.

Goldens are rewritten only with GONGKAI_REGENERATE=1; read the diff by hand before committing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.report.canonical import from_canonical
from gongkai.report.parse import parse_text
from gongkai.report.render import render

from ..golden import expected_text
from .helpers import GOLDEN, SEED_CASES, comparable, full_reports, seed_report


def check_golden(path: Path, actual: str) -> None:
    expected = expected_text(path, actual)
    assert actual == expected, f"{path.name} differs; GONGKAI_REGENERATE=1 and read the diff"


@pytest.mark.parametrize("case", SEED_CASES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_seed_golden(case: Path, fmt: str) -> None:
    text = render(seed_report(case), fmt).decode("utf-8")
    check_golden(GOLDEN / f"{case.name}.{fmt}", text)


@pytest.mark.parametrize("case", SEED_CASES, ids=lambda p: p.name)
def test_seed_markdown_reads_back(case: Path) -> None:
    report = seed_report(case)
    again = parse_text(render(report, "md").decode("utf-8"))
    assert comparable(again) == comparable(report)
    assert not [n for n in again.notes if n.severity == "error"]


@pytest.mark.parametrize("case", SEED_CASES, ids=lambda p: p.name)
def test_seed_json_reads_back(case: Path) -> None:
    report = seed_report(case)
    again = from_canonical(json.loads(render(report, "json")))
    assert comparable(again) == comparable(report)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(full_reports())
def test_markdown_round_trip(report: object) -> None:
    again = parse_text(render(report, "md").decode("utf-8"))  # type: ignore[arg-type]
    assert comparable(again) == comparable(report)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(full_reports())
def test_json_round_trip(report: object) -> None:
    again = from_canonical(json.loads(render(report, "json")))  # type: ignore[arg-type]
    assert comparable(again) == comparable(report)  # type: ignore[arg-type]


def test_markdown_tables_are_github_pipe_tables() -> None:
    text = render(seed_report(SEED_CASES[0]), "md").decode("utf-8")
    tables = re.findall(r"(?m)^(\|.*\|\n)(\|(?: ?:?-{3,}:? ?\|)+)\n((?:\|.*\|\n?)+)", text)
    assert len(tables) == 4 + 1 + 1  # table 二 in four blocks, tables 三 and 四
    for header, separator, body in tables:
        width = header.count("|")
        assert separator.count("|") == width
        assert all(line.count("|") == width for line in body.strip().splitlines())
    # the group label is repeated on every row it covers
    assert text.count("| 三、本年度办理结果 | （三）不予公开 |") == 8


def test_markdown_blank_is_empty_never_zero() -> None:
    report = seed_report(next(c for c in SEED_CASES if "short-row" in c.name))
    assert report.value("proactive", "normative_docs", "issued") is None
    text = render(report, "md").decode("utf-8")
    assert "| 行政规范性文件 |  |  |  |" in text


def test_html_is_self_contained() -> None:
    html = render(seed_report(SEED_CASES[0]), "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-Hans">' in html
    assert not re.search(r"""(?:src|href)\s*=|@import|url\(""", html)
    assert "@page" in html and "size: A4" in html
    assert html.count("<thead>") == 2  # tables 三 and 四 repeat their header rows
    assert "break-inside: avoid" in html


def test_html_merged_cells() -> None:
    html = render(seed_report(SEED_CASES[0]), "html").decode("utf-8")
    assert '<th rowspan="3" colspan="3" class="note">（本列数据的勾稽关系为' in html
    assert '<th colspan="7" scope="colgroup" class="head">申请人情况</th>' in html
    assert '<th rowspan="2" scope="col" class="head">自然人</th>' in html
    assert '<th colspan="5" scope="colgroup" class="head">法人或其他组织</th>' in html
    assert '<th rowspan="22" scope="rowgroup" class="group">三、本年度办理结果</th>' in html
    assert '<th rowspan="8" scope="rowgroup" class="group">（三）不予公开</th>' in html
    assert '<th colspan="10" scope="colgroup" class="head">行政诉讼</th>' in html
    assert '<td data-cell="received.natural_person">1</td>' in html


def test_html_escapes_text() -> None:
    document = json.loads(render(seed_report(SEED_CASES[0]), "json"))
    document["sections"]["overview"] = "A<b>&“C”"
    html = render(from_canonical(document), "html").decode("utf-8")
    assert "<p>A&lt;b&gt;&amp;“C”</p>" in html
