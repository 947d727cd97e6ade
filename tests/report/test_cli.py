"""The gongkai command: output shapes and exit codes (0 clean, 1 errors, 2 unreadable/usage)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.cli import main
from gongkai.report.cli.rules_cmd import catalogue_markdown

from .factories import clean_document, previous_document
from .golden import CASES

ROOT = Path(__file__).parents[2]
CLEAN = CASES / "seed-000-linzi-civil-affairs-2024-word-cells" / "source.txt"
WITH_ERRORS = CASES / "seed-002-civil-affairs-2024-pipe-cells-no-agency" / "source.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_parse_one_file_prints_the_canonical_object(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(CLEAN))
    document = json.loads(out)
    assert code == 0
    assert list(document)[:10] == [
        "format",
        "agency",
        "year",
        "published_on",
        "contact",
        "sections",
        "proactive",
        "applications",
        "disputes",
        "period",
    ]
    assert document["agency"] == "临淄区民政局" and document["reader"] == "text"


def test_parse_jsonl_one_line_per_file_and_bad_file_does_not_stop_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copy(CLEAN, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    shutil.copy(WITH_ERRORS, tmp_path / "c.txt")
    code, out, err = run(capsys, "parse", "--jsonl", str(tmp_path))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert [Path(d["source"]).name for d in lines] == ["a.txt", "b.txt", "c.txt"]
    assert "error" in lines[1] and "b.txt" in err and "二进制" in err
    assert lines[2]["applications"]["received"]["total"] == 0


def test_check_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "check", str(CLEAN))[0] == 0
    code, out, _ = run(capsys, "check", str(WITH_ERRORS))
    assert code == 1 and "OTHER-FEE" in out and "错误" in out
    missing = tmp_path / "missing.txt"
    code, _, err = run(capsys, "check", str(missing), str(CLEAN))
    assert code == 2 and "不存在" in err


def test_check_json_for_machines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--json", str(WITH_ERRORS))
    document = json.loads(out)
    (result,) = document["reports"]
    assert code == 1
    assert result["counts"]["error"] == 1
    fee = next(f for f in result["findings"] if f["code"] == "OTHER-FEE")
    assert fee == {
        "code": "OTHER-FEE",
        "severity": "error",
        "section": "other_section",
        "message": fee["message"],
    }


def test_check_previous_from_canonical_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    this_year, last_year = clean_document(), previous_document()
    this_year["applications"]["carried_in"]["natural_person"] = 9
    this_year["applications"]["carried_in"]["total"] = 10
    (tmp_path / "2024.json").write_text(json.dumps(this_year, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "2023.json").write_text(json.dumps(last_year, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(
        capsys,
        "check",
        "--json",
        str(tmp_path / "2024.json"),
        "--previous",
        str(tmp_path / "2023.json"),
    )
    codes = {f["code"] for f in json.loads(out)["reports"][0]["findings"]}
    assert "XYEAR-CARRY" in codes and code == 1


def test_check_pairs_last_year_within_a_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    this_year = clean_document()
    this_year["applications"]["carried_in"]["business"] = 2
    this_year["applications"]["carried_in"]["total"] = 6
    (tmp_path / "a.json").write_text(json.dumps(this_year, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.json").write_text(
        json.dumps(previous_document(), ensure_ascii=False), encoding="utf-8"
    )
    _, out, _ = run(capsys, "check", "--json", str(tmp_path))
    reports = {Path(r["source"]).name: r for r in json.loads(out)["reports"]}
    assert Path(reports["a.json"]["previous"]).name == "b.json"
    assert any(f["code"] == "XYEAR-CARRY" for f in reports["a.json"]["findings"])


def test_parse_output_reads_back_as_the_same_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, out, _ = run(
        capsys,
        "parse",
        str(CASES / "seed-004-linzi-government-office-2023-short-row" / "source.txt"),
    )
    saved = tmp_path / "r.json"
    saved.write_text(out, encoding="utf-8")
    _, again, _ = run(capsys, "parse", str(saved))
    first, second = json.loads(out), json.loads(again)
    for key in (
        "format",
        "agency",
        "year",
        "contact",
        "sections",
        "proactive",
        "applications",
        "disputes",
    ):
        assert first[key] == second[key]


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 2


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--json")
    assert code == 0 and len(json.loads(out)) >= 40


def test_rule_catalogue_is_documented() -> None:
    documented = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert documented == catalogue_markdown(), "run: gongkai rules --markdown > docs/rules.md"


def test_every_command_is_in_the_readme() -> None:
    from gongkai.report.cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        name = command.__name__.rsplit(".", 1)[-1].removesuffix("_cmd")
        assert f"gongkai {name}" in readme, f"README does not document `gongkai {name}`"


def test_canonical_json_of_factory_round_trips() -> None:
    from gongkai.report.canonical import from_canonical

    document = clean_document()
    again = to_canonical(from_canonical(document))
    for key in ("proactive", "applications", "disputes", "sections", "agency", "year"):
        assert again[key] == document[key]
