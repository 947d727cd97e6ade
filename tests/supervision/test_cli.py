"""The ``gongkai`` dispatcher: report's commands still there, ``supervise`` refusing bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.cli import build_parser, main
from gongkai.report.cli import COMMANDS

ROOT = Path(__file__).parents[2]


def test_every_report_command_and_supervise_are_registered() -> None:
    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    names = {c.__name__.rsplit(".", 1)[-1].removesuffix("_cmd") for c in COMMANDS}
    assert names | {"supervise"} == set(choices)


def test_report_commands_work_through_the_dispatcher(capsys: pytest.CaptureFixture[str]) -> None:
    source = (
        ROOT / "tests/report/cases/convert-seed-000-linzi-civil-affairs-2024-pdftotext/source.txt"
    )
    assert main(["parse", str(source)]) == 0
    assert "临淄区民政局" in capsys.readouterr().out


def test_bad_roster_lists_every_row_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "单位名称,单位类型,上级单位\n甲局,政府部门,不存在的政府\n乙局,部门,\n", encoding="utf-8"
    )
    (tmp_path / "reports").mkdir()
    out = tmp_path / "out"
    code = main(
        ["supervise", str(roster), str(tmp_path / "reports"), "--year", "2025", "--out", str(out)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "第2行：上级单位“不存在的政府”不在名单中" in err
    assert "第3行：单位类型“部门”" in err
    assert not out.exists()


def test_bad_manifest_date_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("单位名称,单位类型\n甲局,政府部门\n", encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,published_on\na.html,2026.13.01\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    code = main(
        [
            "supervise",
            str(roster),
            str(tmp_path / "reports"),
            "--year",
            "2025",
            "--manifest",
            str(manifest),
            "--out",
            str(tmp_path / "out"),
        ]
    )
    assert code == 2
    assert "第2行：发布日期“2026.13.01”无法识别" in capsys.readouterr().err


def test_missing_reports_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("单位名称,单位类型\n甲局,政府部门\n", encoding="utf-8")
    code = main(
        [
            "supervise",
            str(roster),
            str(tmp_path / "nope"),
            "--year",
            "2025",
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 2 and "不存在" in capsys.readouterr().err


def test_all_missing_is_exit_one(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("单位名称,单位类型\n甲局,政府部门\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    code = main(
        [
            "supervise",
            str(roster),
            str(tmp_path / "reports"),
            "--year",
            "2025",
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 1
    assert (tmp_path / "o" / "coverage.csv").read_text(encoding="utf-8-sig").count("未发布") == 2
