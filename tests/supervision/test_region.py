"""The injected region (region.py) through ``gongkai supervise``: every defect found, exactly
where it was put, and nothing flagged on the clean units. Expected values are written by hand
from region.py's docstring, never copied from the output."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from gongkai.cli import main

from .region import CLEAN_UNITS, Region, build_region


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Region:
    return build_region(tmp_path_factory.mktemp("region"))


@pytest.fixture(scope="module")
def out(region: Region) -> tuple[int, Path]:
    target = region.root / "out"
    code = main(
        [
            "supervise",
            str(region.roster),
            str(region.reports),
            "--year",
            "2025",
            "--previous-dir",
            str(region.previous),
            "--manifest",
            str(region.manifest),
            "--out",
            str(target),
            "-j",
            "1",
        ]
    )
    return code, target


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _coverage(out: Path, year: str = "2025") -> dict[str, dict[str, str]]:
    return {r["单位名称"]: r for r in _csv(out / "coverage.csv") if r["年度"] == year}


def test_exit_code_says_a_file_could_not_be_read(out: tuple[int, Path]) -> None:
    assert out[0] == 2  # the damaged PDF, as `gongkai check` does


def test_coverage_matrix(out: tuple[int, Path]) -> None:
    rows = _coverage(out[1])
    expected = {
        "临淄区人民政府": ("按时发布", "2026-03-20", "报告落款日期", "0", "2026-03-31"),
        "临淄区民政局": ("按时发布", "2026-01-20", "报告落款日期", "0", "2026-01-31"),
        "临淄区财政局": ("按时发布", "2026-01-20", "清单所列发布日期", "0", "2026-01-31"),
        "临淄区市场监督管理局": ("按时发布", "2026-01-29", "报告落款日期", "0", "2026-01-31"),
        "齐都镇人民政府": ("按时发布", "2026-01-10", "清单所列发布日期", "0", "2026-01-31"),
        "张店区人民政府": ("年度不符", "", "", "", "2026-03-31"),
        "张店区自然资源局": ("未发布", "", "", "", "2026-01-31"),
        "张店区教育和体育局": ("逾期发布", "2026-02-10", "报告落款日期", "10", "2026-01-31"),
        "稷下街道办事处": ("发布日期不明", "", "", "", "2026-01-31"),
        "张店区交通运输局": ("按时发布", "2026-01-22", "报告落款日期", "0", "2026-01-31"),
        "张店区卫生健康局": ("按时发布", "2026-01-23", "报告落款日期", "0", "2026-01-31"),
        "张店区住房和城乡建设局": ("按时发布", "2026-01-26", "报告落款日期", "0", "2026-01-31"),
        "张店区城市管理局": ("按时发布", "2026-01-27", "报告落款日期", "0", "2026-01-31"),
    }
    got = {
        name: (r["状态"], r["发布日期"], r["日期来源"], r["逾期天数"], r["法定截止日期"])
        for name, r in rows.items()
    }
    assert got == expected
    assert rows["临淄区财政局"]["发布后有变动"] == "是"
    assert [n for n, r in rows.items() if r["发布后有变动"]] == ["临淄区财政局"]
    assert "2024年度" in rows["张店区人民政府"]["备注"]
    sources = rows["临淄区民政局"]["文件"].split("；")
    assert [Path(s).name for s in sources] == ["民政.html", "copy-of-minzheng.docx"]


def test_findings_only_the_injected_ones(out: tuple[int, Path]) -> None:
    rows = _csv(out[1] / "findings.csv")
    flagged = {(r["单位名称"], r["代码"]) for r in rows if r["级别"] in ("错误", "警告")}
    assert flagged == {
        ("临淄区人民政府", "AGG-SUM"),
        ("临淄区财政局", "PUB-CHANGED"),
        ("张店区教育和体育局", "PUB-LATE"),
        ("张店区交通运输局", "SUP-COPY-PEER"),  # (10)
        ("张店区卫生健康局", "SUP-COPY-PEER"),
        ("张店区住房和城乡建设局", "SUP-COPY-YEAR"),  # (11)
        ("张店区住房和城乡建设局", "SUP-PROBLEMS-REPEAT"),
        ("张店区住房和城乡建设局", "SUP-SAME-FIGURES"),
        ("张店区住房和城乡建设局", "TEXT-COPY"),  # the catalogue's E06, per section
        ("张店区城市管理局", "SUP-PROBLEMS-EMPTY"),  # (12)
        ("张店区城市管理局", "PROBLEMS-THIN"),  # the catalogue's own, on the same section
    }
    agg = next(r for r in rows if r["代码"] == "AGG-SUM")
    assert (agg["表"], agg["行"], agg["列"], agg["应为"], agg["实为"]) == (
        "proactive",
        "licensing",
        "",
        "480",  # 120 × (1 + 2 + 3 + 1): the four units' 行政许可
        "481",
    )
    clean = {r["单位名称"] for r in rows if r["级别"] in ("错误", "警告")}
    assert not clean & set(CLEAN_UNITS)


def test_unmatched_and_unreadable_are_listed(out: tuple[int, Path]) -> None:
    rows = _csv(out[1] / "unmatched.csv")
    got = [(r["类别"], Path(r["文件"]).name, r["报告中的机关名称"]) for r in rows]
    assert got == [
        ("待指定单位", "wenlv.html", "临淄区文化和旅游局"),
        ("无法读取", "broken.pdf", ""),
    ]


def test_rollup_sums_units_not_the_aggregate(out: tuple[int, Path], region: Region) -> None:
    document: dict[str, Any] = json.loads((out[1] / "rollup.json").read_text(encoding="utf-8"))
    summed = [
        region.documents[n]
        for n in ("临淄区民政局", "临淄区财政局", "临淄区市场监督管理局", "齐都镇人民政府")
    ] + [
        region.documents[n]
        for n in (
            "张店区教育和体育局",
            "稷下街道办事处",
            "张店区交通运输局",
            "张店区卫生健康局",
            "张店区住房和城乡建设局",
            "张店区城市管理局",
        )
    ]
    received = sum(d["applications"]["received"]["total"] for d in summed)
    # by hand: 新收 = 办结 42 + 结转 3 per unit of scale 1; 市场监管 ×3; 财政局 ×2, +2 in v2; 齐都镇 3;
    # 住建局 42 (nothing carried over)
    assert received == 45 * 6 + 135 + (90 + 2) + 3 + 42
    assert document["applications"]["received"]["total"] == received
    assert document["proactive"]["licensing"] == 120 * 10
    notes = [n["message"] for n in document["parse_notes"]]
    assert any("临淄区人民政府" in m and "汇总报告" in m for m in notes)
    assert any("张店区自然资源局" in m for m in notes)
    html = (out[1] / "rollup.html").read_text(encoding="utf-8")
    assert "数据汇总" in html and str(received) in html


def test_region_rates_are_sums_over_units(out: tuple[int, Path]) -> None:
    rows = [r for r in _csv(out[1] / "rates.csv") if r["单位名称"].endswith("合计")]
    substantive = next(r for r in rows if r["指标"] == "实质公开率")
    # 予以公开 + 部分公开 over 办结, units only (not the 汇总 report): 25×(1+3+1+1+4) + (50+2) + 2
    # over 42×(1+3+1+1+4) + (84+2) + 3
    assert (substantive["分子"], substantive["分母"]) == ("304", "509")
    ranked = {
        r["单位名称"]: r["排名"]
        for r in _csv(out[1] / "rates.csv")
        if r["指标"] == "实质公开率" and not r["单位名称"].endswith("合计")
    }
    assert ranked["齐都镇人民政府"] == ""  # 3 applications: below the floor of 30
    assert ranked["临淄区人民政府"] == ""  # an aggregate report is not ranked
    assert ranked["临淄区财政局"] == "1"


def test_xlsx_outputs_open(out: tuple[int, Path]) -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(out[1] / "coverage.xlsx", read_only=True)
    assert book.sheetnames == ["发布情况", "按类型统计", "发布日期集中度"]
    book.close()
