"""What the commands share: reading inputs on every core, reporting failures, writing output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..batch import Outcome, ProgressBar, read_all

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="FILE", help="report files, folders or .zip archives"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: one per core)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on standard error (default: when it is a terminal)",
    )


def outcomes(args: argparse.Namespace) -> Iterator[Outcome]:
    yield from read_all(args.paths, jobs=args.jobs, progress=ProgressBar(args.progress))


def complain(source: str, problem: str) -> None:
    clear = "\r\x1b[K" if sys.stderr.isatty() else ""  # over a progress bar being drawn
    print(f"{clear}gongkai: {source}: {problem}", file=sys.stderr)


def single_file(paths: list[str]) -> bool:
    return len(paths) == 1 and Path(paths[0]).is_file() and "!" not in paths[0]


def input_root(paths: list[str]) -> Path:
    """The folder the inputs have in common: results keep their paths below it."""
    folders = [Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent for p in paths]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


def result_path(out: Path, root: Path, source: str, suffix: str) -> Path:
    """out/<source relative to root>.<suffix>; archive members keep their path inside."""
    file, _, member = source.partition("!")
    path = Path(file).resolve()
    relative = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    if member:
        relative = relative / member
    safe = [part for part in relative.parts if part not in ("..", "/", "")]
    return out.joinpath(*safe).with_name(Path(*safe).name + suffix)


def write_json(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
