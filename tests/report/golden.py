"""Golden files: each case folder holds a source file and the expected outputs beside it.

Set GONGKAI_REGENERATE=1 to rewrite the expected files from the code, then read the diff by
hand before committing: goldens are checked by people, not by the code that wrote them. A golden
file that is missing fails the test: it is written only under GONGKAI_REGENERATE=1, never as a
side effect of a test run (a run would otherwise pass by agreeing with itself).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

CASES = Path(__file__).parent / "cases"


def regenerate() -> bool:
    return os.environ.get("GONGKAI_REGENERATE") == "1"


def expected_text(path: Path, actual: str) -> str:
    """The golden at ``path``; under GONGKAI_REGENERATE=1 first rewritten as ``actual``. A
    missing golden fails the test that asked for it."""
    if regenerate():
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        raise AssertionError(
            f"golden file {path} is missing: write it with GONGKAI_REGENERATE=1 and check it by hand"
        )
    return path.read_text(encoding="utf-8")


def compare(path: Path, actual: Any) -> None:
    text = json.dumps(actual, ensure_ascii=False, indent=2) + "\n"
    expected = expected_text(path, text)
    assert json.loads(text) == json.loads(expected), f"{path} differs; regenerate and read the diff"


def source_of(case: Path) -> Path:
    return next(p for p in sorted(case.iterdir()) if p.stem == "source")
