"""Roster parsing: every bad-row kind, reported with its row number, nothing half-loaded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.supervision.roster import RosterError, read_roster, read_roster_file

HEAD = "单位名称,单位类型,上级单位,别名,报告范围,统一社会信用代码\n"
GOOD = HEAD + (
    "临淄区人民政府,区县政府,,,汇总,G1\n"
    "临淄区民政局,政府部门,临淄区人民政府,区民政局；临淄民政,,\n"
    "齐都镇人民政府,乡镇街道,临淄区人民政府,,,\n"
)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "r.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_reads_csv_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    roster = read_roster(_write(tmp_path, GOOD, encoding))
    assert [u.id for u in roster] == ["G1", "临淄区民政局", "齐都镇人民政府"]
    civil = roster.units["临淄区民政局"]
    assert civil.parent == "G1" and civil.aliases == ("区民政局", "临淄民政")
    assert roster.units["G1"].aggregates
    assert roster.units["G1"].deadline(2025) == date(2026, 3, 31)
    assert civil.deadline(2025) == date(2026, 1, 31)
    assert roster.units["齐都镇人民政府"].deadline(2025) == date(2026, 1, 31)


def test_english_headers_and_xlsx(tmp_path: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.append(["name", "type", "parent", "aliases", "scope", "code"])
    sheet.append(["临淄区人民政府", "区县政府", None, None, "本级", 113703])
    sheet.append(["临淄区财政局", "政府部门", "临淄区人民政府", "区财政局、财政局", None, None])
    book.save(tmp_path / "r.xlsx")
    roster = read_roster(tmp_path / "r.xlsx")
    assert roster.units["临淄区财政局"].parent == "113703"
    assert roster.units["113703"].scope == "本级"


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (",政府部门,,,,\n", "第2行：单位名称为空"),
        (
            "临淄区财政局,财政部门,,,,\n",
            "第2行：单位类型“财政部门”，应为区县政府、政府部门、乡镇街道、功能区、其他之一",
        ),
        (
            "临淄区财政局,,,,,\n",
            "第2行：单位类型为空，应为区县政府、政府部门、乡镇街道、功能区、其他之一",
        ),
        ("临淄区财政局,政府部门,临淄区政府,,,\n", "第2行：上级单位“临淄区政府”不在名单中"),
        ("临淄区财政局,政府部门,,,汇总,\n", "第2行：报告范围只适用于区县政府，政府部门应留空"),
        ("临淄区人民政府,区县政府,,,全部,\n", "第2行：报告范围“全部”应为“汇总”或“本级”"),
        (
            "临淄区财政局,政府部门,,,,\n临淄区 财政局,政府部门,,,,\n",
            "第3行：单位名称“临淄区 财政局”与第2行重复",
        ),
        ("甲,政府部门,,,,C1\n乙,政府部门,,,,C1\n", "第3行：单位编码“C1”与第2行重复"),
        ("甲,政府部门,乙,,,\n乙,政府部门,甲,,,\n", "第2行：上级单位形成循环（甲→乙→甲）"),
        ("甲,政府部门,甲,,,\n", "第2行：上级单位不能是本单位"),
        (
            "甲,政府部门,,乙,,\n乙,政府部门,,,,\n",
            "第2行：别名“乙”是第3行单位的全称，会使报告无法区分",
        ),
    ],
)
def test_each_bad_row_kind(tmp_path: Path, rows: str, problem: str) -> None:
    with pytest.raises(RosterError) as caught:
        read_roster(_write(tmp_path, HEAD + rows))
    assert problem in caught.value.problems


def test_every_problem_at_once_and_nothing_loaded(tmp_path: Path) -> None:
    text = GOOD + ",政府部门,,,,\n临淄区财政局,部门,,,,\n临淄区教育局,政府部门,不存在,,,\n"
    with pytest.raises(RosterError) as caught:
        read_roster(_write(tmp_path, text))
    assert [p.split("：")[0] for p in caught.value.problems] == ["第5行", "第6行", "第7行"]


def test_missing_required_header(tmp_path: Path) -> None:
    with pytest.raises(RosterError) as caught:
        read_roster(_write(tmp_path, "名称,单位类型\n甲,政府部门\n"))
    assert caught.value.problems == ("第1行：缺少“单位名称”列",)


def test_versions_by_year_column(tmp_path: Path) -> None:
    text = (
        "单位名称,单位类型,上级单位,年度,单位编码\n"
        "临淄区人民政府,区县政府,,,G\n"
        "临淄区文化和旅游局,政府部门,临淄区人民政府,2024,W\n"
        "临淄区文化和旅游局（合并后）,政府部门,临淄区人民政府,2025,W\n"
    )
    file = read_roster_file(_write(tmp_path, text))
    assert file.years == (2024, 2025)
    assert file.for_year(2024).units["W"].name == "临淄区文化和旅游局"
    assert file.for_year(2025).units["W"].name == "临淄区文化和旅游局（合并后）"
    assert len(file.for_year(2023)) == 1


def test_internal_deadline(tmp_path: Path) -> None:
    text = "单位名称,单位类型,内部截止日期\n甲,政府部门,1月15日\n乙,区县政府,03-01\n丙,政府部门,02-10\n"
    with pytest.raises(RosterError) as caught:
        read_roster(_write(tmp_path, text))
    assert caught.value.problems == ("第4行：内部截止日期“02-10”晚于条例第四十九条规定的1月31日",)
    roster = read_roster(_write(tmp_path, text.rsplit("丙", 1)[0]))
    assert roster.units["甲"].internal(2025) == date(2026, 1, 15)
    assert roster.units["乙"].internal(2025) == date(2026, 3, 1)
