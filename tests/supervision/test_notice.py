"""The 通报 and its charts on the injected region: exactly the units with each problem named,
the charts' SVG the same bytes for the same input and showing exactly the data's points."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest

from gongkai.supervision.charts import bar_chart, line_chart
from gongkai.supervision.corpus import read_manifest
from gongkai.supervision.notice import NoticeSettings, build_notice
from gongkai.supervision.notice_outputs import write_assessment
from gongkai.supervision.pipeline import Supervision, supervise
from gongkai.supervision.roster import read_roster_file
from gongkai.supervision.scorecard import default_sheet
from gongkai.supervision.scoring import score_region

from .region import Region, build_region

SVG = "{http://www.w3.org/2000/svg}"
SETTINGS = NoticeSettings(deadline="2026年5月31日", issuer="淄博市政务公开办公室")


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Region:
    return build_region(tmp_path_factory.mktemp("notice"))


@pytest.fixture(scope="module")
def result(region: Region) -> Supervision:
    return supervise(
        read_roster_file(region.roster),
        [region.reports],
        2025,
        read_manifest(region.manifest),
        [region.previous],
    )


@pytest.fixture(scope="module")
def out(result: Supervision, region: Region) -> Path:
    target = region.root / "out"
    target.mkdir()
    write_assessment(result, target, default_sheet(), SETTINGS)
    return target


NAMED = {
    "未发布年度报告": ("张店区人民政府", "张店区自然资源局"),
    "发布不及时": ("张店区教育和体育局", "稷下街道办事处"),
    "内容不准确不完整": ("临淄区人民政府", "临淄区财政局"),
    "内容雷同": ("张店区交通运输局", "张店区卫生健康局", "张店区住房和城乡建设局"),
    "敷衍塞责": ("张店区住房和城乡建设局", "张店区城市管理局"),
}


def test_the_notice_names_exactly_the_units_with_each_problem(result: Supervision) -> None:
    sheet = default_sheet()
    notice = build_notice(result, sheet, score_region(sheet, result), SETTINGS)
    assert notice.named == NAMED


def _sections(html: str) -> dict[str, str]:
    """Each problem heading (h3) → the text under it, up to the next heading."""
    out = {}
    for match in re.finditer(r"<h3>(.*?)</h3>(.*?)(?=<h[23]>)", html, re.S):
        out[unescape(match.group(1))] = unescape(re.sub(r"<[^>]+>", "", match.group(2)))
    return out


def test_html_in_the_shape_of_a_notice(out: Path, result: Supervision) -> None:
    html = (out / "通报.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings == ["一、总体情况", "二、存在的主要问题", "三、评议结果", "四、工作要求"]
    sections = _sections(html)
    assert list(sections) == [
        "（一）未发布2025年度报告。共2个单位",
        "（二）发布不及时。共2个单位",
        "（三）内容不准确不完整。共2个单位",
        "（四）内容雷同。共3个单位",
        "（五）敷衍塞责。共2个单位",
    ]
    all_units = [u.name for u in result.roster]
    for (heading, text), names in zip(sections.items(), NAMED.values(), strict=True):
        assert [n for n in all_units if n in text] == list(names), heading
    # 542 = 新收 of the ten units summed (test_region checks the sum by hand)
    assert "全年共收到政府信息公开申请542件" in html
    assert "于2026年5月31日前完成整改" in html and "淄博市政务公开办公室" in html
    assert html.count("<svg") == 3  # trend (two years given), outcomes, bands


def test_docx_opens_with_the_charts_as_tables(out: Path) -> None:
    from docx import Document

    document = Document(str(out / "通报.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于本地区2025年度政府信息公开工作年度报告发布情况的通报" in text
    assert "（四）内容雷同。共3个单位" in text
    assert "2025年度申请办理结果（图表数据）" in text
    outcome = next(
        t for t in document.tables if [c.text for c in t.rows[0].cells] == ["项目", "数值（件）"]
    )
    assert [c.text for c in outcome.rows[1].cells] == ["予以公开", str(_granted(out))]


def _granted(out: Path) -> int:
    root = ET.parse(out / "charts" / "outcomes.svg").getroot()
    first = root.find(f"{SVG}rect[@class='bar']/{SVG}title")
    assert first is not None and first.text is not None
    return int(first.text.split("：")[1].removesuffix("件"))


def test_chart_files_are_the_notice_charts_and_do_not_change(
    out: Path, result: Supervision
) -> None:
    sheet = default_sheet()
    again = build_notice(result, sheet, score_region(sheet, result), SETTINGS)
    assert sorted(p.name for p in (out / "charts").iterdir()) == [
        "bands.svg",
        "outcomes.svg",
        "trend.svg",
    ]
    for chart in again.charts:
        assert (out / "charts" / f"{chart.name}.svg").read_bytes() == chart.svg.encode("utf-8")
    bands = ET.parse(out / "charts" / "bands.svg").getroot()
    values = [t.text for t in bands.iter(f"{SVG}text") if t.get("class") == "value"]
    assert values == ["7", "3", "1", "2"]  # 优秀 良好 合格 不合格, from test_scorecard's scores
    # 予以公开 of the roll-up, by hand from region.py: clean_document grants 19 per scale;
    # seven units of scale 1 and 市场监管 ×3 (19 × 10), 财政局 ×2 + 2 in v2, 齐都镇 2
    assert _granted(out) == 19 * 10 + (38 + 2) + 2


def test_bar_chart_is_deterministic_and_draws_one_bar_per_known_value() -> None:
    labels, values = ["甲", "乙", "丙", "丁"], [3, None, 0, 12]
    first = bar_chart("x", "测试", labels, values, "件")
    second = bar_chart("x", "测试", list(labels), list(values), "件")
    assert first.svg.encode() == second.svg.encode()
    root = ET.fromstring(first.svg)
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert len(bars) == 3  # the null is not drawn as 0
    heights = [float(r.get("height", "")) for r in bars]
    assert heights[1] == 0 and heights[2] == max(heights)  # 0 drawn flat, 12 the tallest
    shown = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "value"]
    assert shown == ["3", "空", "0", "12"]
    assert first.rows == (("甲", "3"), ("乙", "空"), ("丙", "0"), ("丁", "12"))


def test_line_chart_points_match_the_data() -> None:
    series = [("新收", [10, 12, None]), ("办结", [9, 11, 13])]
    chart = line_chart("t", "趋势", [2023, 2024, 2025], series, "件")
    assert chart.svg == line_chart("t", "趋势", [2023, 2024, 2025], series, "件").svg
    root = ET.fromstring(chart.svg)
    points = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "point"]
    assert len(points) == 5
    lines = [p for p in root.iter(f"{SVG}polyline") if p.get("class") == "line"]
    assert [len(p.get("points", "").split()) for p in lines] == [2, 3]
    ys = [float(c.get("cy", "")) for c in points]
    assert ys[0] > ys[1]  # 12 above 10: y grows downwards
