"""gongkai render FILE --to FORMAT [-o OUT]."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.report.cli import main
from gongkai.report.render import FORMATS, render

from ..golden import source_of
from .helpers import SEED_CASES, seed_report

SEED = SEED_CASES[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_to_file(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    assert main(["render", str(source_of(SEED)), "--to", fmt, "-o", str(out)]) == 0
    assert out.read_bytes() == render(seed_report(SEED), fmt)


def test_text_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["render", str(source_of(SEED)), "--to", "md"]) == 0
    assert capsysbinary.readouterr().out == render(seed_report(SEED), "md")


def test_canonical_json_input(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    document = tmp_path / "report.json"
    document.write_bytes(render(seed_report(SEED), "json"))
    assert main(["render", str(document), "--to", "json"]) == 0
    assert json.loads(capsysbinary.readouterr().out) == json.loads(document.read_bytes())


def test_binary_refused_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["render", str(source_of(SEED)), "--to", "pdf"]) == 2
    assert "二进制" in capsys.readouterr().err


def test_binary_to_a_pipe(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["render", str(source_of(SEED)), "--to", "xlsx"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"PK")


def test_unreadable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "missing.txt"), "--to", "md"]) == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["render", str(empty), "--to", "html"]) == 2
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "2030"}')
    assert main(["render", str(broken), "--to", "md"]) == 2
    err = capsys.readouterr().err
    assert "missing.txt" in err and "空文件" in err and "broken.json" in err


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["render", str(source_of(SEED)), "--to", "rtf"])
    assert exit_.value.code == 2
