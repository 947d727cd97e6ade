"""What the commands share: reading inputs, reporting failures, writing output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from ..batch import Outcome, read_all

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def outcomes(paths: list[str]) -> Iterator[Outcome]:
    yield from read_all(paths)


def complain(source: str, problem: str) -> None:
    print(f"gongkai: {source}: {problem}", file=sys.stderr)


def single_file(paths: list[str]) -> bool:
    return len(paths) == 1 and Path(paths[0]).is_file()
