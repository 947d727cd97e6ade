"""A golden that is missing fails its test and is not written: only GONGKAI_REGENERATE=1 writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .golden import compare, expected_text


def test_a_missing_golden_fails_and_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GONGKAI_REGENERATE", raising=False)
    path = tmp_path / "expected.json"
    with pytest.raises(AssertionError, match="missing"):
        compare(path, {"received": 3})
    with pytest.raises(AssertionError, match="missing"):
        expected_text(tmp_path / "seed.md", "# 标题\n")
    assert list(tmp_path.iterdir()) == []


def test_a_golden_that_differs_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GONGKAI_REGENERATE", raising=False)
    path = tmp_path / "expected.json"
    path.write_text('{"received": 4}\n', encoding="utf-8")
    with pytest.raises(AssertionError, match="differs"):
        compare(path, {"received": 3})
    assert path.read_text(encoding="utf-8") == '{"received": 4}\n'


def test_regenerating_writes_the_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_REGENERATE", "1")
    path = tmp_path / "expected.json"
    compare(path, {"received": 3})
    assert path.read_text(encoding="utf-8") == '{\n  "received": 3\n}\n'
