"""JSON that Python's parser cannot take (nested too deep, integers of thousands of digits) is a
file that cannot be read: exit 2 with a message naming it, never a traceback and exit 1 (which
means "errors found in a report")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.report.cli import main

from .factories import clean_document
from .golden import CASES

CLEAN = CASES / "seed-000-linzi-civil-affairs-2024-word-cells" / "source.txt"


def _files(tmp_path: Path) -> list[Path]:
    nested = tmp_path / "nested.json"
    nested.write_text('{"format": "2021", "sections": ' + "[" * 200_000 + "]" * 200_000 + "}")
    digits = tmp_path / "digits.json"
    document = json.dumps(clean_document())
    digits.write_text(document.replace('"licensing": 120', '"licensing": ' + "9" * 5000))
    floats = tmp_path / "floats.json"
    floats.write_text(document.replace('"licensing": 120', '"licensing": 1e5000'))
    return [nested, digits, floats]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_check_and_render_refuse_the_file_by_name(
    tmp_path: Path, index: int, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _files(tmp_path)[index]
    for argv in (
        ["check", str(path)],
        ["check", str(CLEAN), "--previous", str(path)],
        ["render", str(path), "--to", "md"],
        ["parse", str(path)],
    ):
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2, (argv, err)
        assert path.name in err and "Traceback" not in err, argv
