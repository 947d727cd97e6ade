"""Golden files: each case folder holds a source file and the expected outputs beside it.

Set GONGKAI_REGENERATE=1 to rewrite the expected files from the code, then read the diff by
hand before committing: goldens are checked by people, not by the code that wrote them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

CASES = Path(__file__).parent / "cases"


def regenerate() -> bool:
    return os.environ.get("GONGKAI_REGENERATE") == "1"


def compare(path: Path, actual: Any) -> None:
    text = json.dumps(actual, ensure_ascii=False, indent=2) + "\n"
    if regenerate() or not path.exists():
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert json.loads(text) == json.loads(expected), f"{path} differs; regenerate and read the diff"


def source_of(case: Path) -> Path:
    return next(p for p in sorted(case.iterdir()) if p.stem == "source")
