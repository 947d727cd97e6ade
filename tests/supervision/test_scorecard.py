"""The assessment sheet on the injected region (region.py): exactly the expected deductions,
each with its evidence, none on the clean units; a bad sheet refused with every problem named.
Expected values are written by hand from region.py's docstring and the default sheet."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.supervision.scorecard import ScorecardError, default_sheet, parse_sheet

from .region import CLEAN_UNITS, Region, build_region


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Region:
    return build_region(tmp_path_factory.mktemp("scored"))


def run(region: Region, target: Path, *extra: str) -> int:
    return main(
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
            *extra,
        ]
    )


@pytest.fixture(scope="module")
def out(region: Region) -> Path:
    target = region.root / "out"
    code = run(region, target, "--deadline", "2026年5月31日", "--issuer", "淄博市政务公开办公室")
    assert code == 2  # the damaged PDF, as before: the new outputs change no exit code
    return target


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _deductions(out: Path) -> dict[str, list[tuple[str, str, int, str, str]]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(out / "scores.xlsx", read_only=True)
    assert book.sheetnames == ["评分", "扣分明细"]
    rows = list(book["扣分明细"].iter_rows(values_only=True))
    book.close()
    header, body = rows[0], rows[1:]
    found: dict[str, list[tuple[str, str, int, str, str]]] = {}
    for row in body:
        r = dict(zip(header, row, strict=True))
        found.setdefault(str(r["单位名称"]), []).append(
            (str(r["评分项"]), str(r["依据"]), int(r["扣分"]), str(r["位置"]), str(r["证据"]))
        )
    return found


def test_default_sheet_follows_the_2021_notice() -> None:
    sheet = default_sheet()
    assert [i.title for i in sheet.items] == [
        "发布不及时",
        "内容不准确不完整",
        "内容雷同",
        "敷衍塞责",
    ]
    assert sum(i.weight for i in sheet.items) == sheet.total == 100


def test_scores_per_unit(out: Path) -> None:
    got = {r["单位名称"]: (r["得分"], r["档次"]) for r in _csv(out / "scores.csv")}
    assert got == {
        "临淄区人民政府": ("95", "优秀"),  # (6) AGG-SUM, 5
        "临淄区民政局": ("100", "优秀"),
        "临淄区财政局": ("95", "优秀"),  # (5) 发布后有变动, 5
        "临淄区市场监督管理局": ("100", "优秀"),
        "齐都镇人民政府": ("100", "优秀"),
        "张店区人民政府": ("0", "不合格"),  # (7) no report of the year
        "张店区自然资源局": ("0", "不合格"),  # (1) missing
        "张店区教育和体育局": ("85", "良好"),  # (2) late, 15
        "稷下街道办事处": ("95", "优秀"),  # (9) date unknown, 5
        "张店区交通运输局": ("85", "良好"),  # (10) cluster, 15
        "张店区卫生健康局": ("85", "良好"),
        "张店区住房和城乡建设局": ("67", "合格"),  # (11) 15 + 8 + 10
        "张店区城市管理局": ("90", "优秀"),  # (12) 10
    }


def test_every_deduction_with_its_evidence_and_none_on_clean_units(out: Path) -> None:
    found = _deductions(out)
    shape = {
        name: sorted((item, code, points) for item, code, points, _, _ in rows)
        for name, rows in found.items()
    }
    assert shape == {
        "临淄区人民政府": [("内容不准确不完整", "AGG-SUM", 5)],
        "临淄区财政局": [("内容不准确不完整", "PUB-CHANGED", 5)],
        "张店区教育和体育局": [("发布不及时", "COVERAGE", 15)],
        "稷下街道办事处": [("发布不及时", "COVERAGE", 5)],
        "张店区交通运输局": [("内容雷同", "COPY-PEER", 15)],
        "张店区卫生健康局": [("内容雷同", "COPY-PEER", 15)],
        "张店区住房和城乡建设局": [
            ("内容雷同", "COPY-YEAR", 15),
            ("敷衍塞责", "SUP-PROBLEMS-REPEAT", 8),
            ("敷衍塞责", "SUP-SAME-FIGURES", 10),
        ],
        "张店区城市管理局": [("敷衍塞责", "SUP-PROBLEMS-EMPTY", 10)],
    }
    assert not set(found) & set(CLEAN_UNITS)
    evidence = {
        (n, code): (place, text) for n, rows in found.items() for _, code, _, place, text in rows
    }
    place, text = evidence[("临淄区人民政府", "AGG-SUM")]
    assert place == "表二 “行政许可” 行" and "481" in text and "480" in text
    place, text = evidence[("张店区教育和体育局", "COVERAGE")]
    assert "逾期10天" in text and "2026-02-10" in text and "2026-01-31" in text
    assert "张店区卫生健康局" in evidence[("张店区交通运输局", "COPY-PEER")][1]
    assert "张店区交通运输局" in evidence[("张店区卫生健康局", "COPY-PEER")][1]
    place, text = evidence[("张店区住房和城乡建设局", "COPY-YEAR")]
    assert "重复率100%" in text and text.count("保障性住房分配结果公示") == 2  # both years
    assert place.startswith("五、")
    place, _ = evidence[("张店区住房和城乡建设局", "SUP-SAME-FIGURES")]
    assert place.startswith("表三")
    assert evidence[("张店区城市管理局", "SUP-PROBLEMS-EMPTY")][0].startswith("五、")


def test_units_without_a_report_say_why(out: Path) -> None:
    rows = {r["单位名称"]: r for r in _csv(out / "scores.csv")}
    assert rows["张店区自然资源局"]["扣分情况"] == "未发布，无报告可评，计0分"
    assert rows["张店区人民政府"]["扣分情况"] == "年度不符，无报告可评，计0分"
    assert rows["张店区自然资源局"]["发布不及时（25分）"] == ""  # not judged item by item


SHEET = {
    "name": "某区评议表",
    "total": 100,
    "items": [
        {
            "id": "a",
            "title": "发布",
            "weight": 60,
            "checks": [{"kind": "coverage", "status": ["late"], "deduct": 10}],
        },
        {
            "id": "b",
            "title": "内容",
            "weight": 40,
            "checks": [{"kind": "findings", "severity": ["warning"], "deduct": 3, "max": 4}],
        },
    ],
}


def _refused(sheet: object) -> list[str]:
    with pytest.raises(ScorecardError) as caught:
        parse_sheet(json.dumps(sheet, ensure_ascii=False), "sheet.json")
    return list(caught.value.problems)


def test_a_good_sheet_loads_with_its_caps() -> None:
    sheet = parse_sheet(json.dumps(SHEET, ensure_ascii=False), "sheet.json")
    assert sheet.items[1].checks[0].max == Decimal(4)


def test_bad_sheets_are_refused_naming_the_item() -> None:
    bad = json.loads(json.dumps(SHEET))
    bad["items"][1]["checks"][0]["kind"] = "vibes"
    assert _refused(bad) == [
        "第2项“内容”第1条判定：判定方式“vibes”不认识，可用的有：coverage（按发布情况）、"
        "findings（按核对发现（代码、级别））、copy_year（按与上年报告的重复率）、"
        "peer_cluster（按与本地区其他单位的雷同）"
    ]
    bad = json.loads(json.dumps(SHEET))
    bad["items"][0]["weight"] = 55
    assert _refused(bad) == ["各评分项分值合计为95分，与总分100分不符（“发布”55分、“内容”40分）"]
    bad = json.loads(json.dumps(SHEET))
    bad["items"][0]["checks"][0]["status"] = ["tardy"]
    bad["items"][1]["checks"][0] = {"kind": "findings", "codes": ["NOPE-1"], "deduct": -1}
    problems = _refused(bad)
    assert problems[0].startswith("第1项“发布”第1条判定：发布情况 status “tardy”不认识")
    assert "第2项“内容”第1条判定：扣分 deduct 应为不小于0的数" in problems
    assert "第2项“内容”第1条判定：代码“NOPE-1”不在核对规则中" in problems
    with pytest.raises(ScorecardError) as caught:
        parse_sheet('{"total": 100,', "sheet.json")
    assert caught.value.problems[0].startswith("评分表不是有效的JSON：第1行")


def test_the_command_refuses_a_bad_sheet_before_reading_anything(
    region: Region, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = json.loads(json.dumps(SHEET))
    bad["items"][0]["weight"] = 55
    path = tmp_path / "sheet.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "out"
    assert run(region, target, "--sheet", str(path)) == 2
    err = capsys.readouterr().err
    assert f"{path}: 各评分项分值合计为95分，与总分100分不符（“发布”55分、“内容”40分）" in err
    assert not target.exists()
