"""The ``gongkai`` command: the report core's subcommands and ``supervise``.

It stands above the cores so that ``gongkai.report`` never imports ``gongkai.supervision``.
Exit codes: 0 no errors; 1 errors found; 2 unreadable input or a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .report.batch import tune_for_throughput
from .report.cli import COMMANDS
from .supervision import cli as supervise_cmd


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="政府信息公开工作年度报告：解析、核对、渲染、监督。 Government information "
        "disclosure reports.",
    )
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (*COMMANDS, supervise_cmd):
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    tune_for_throughput()
    try:
        code: int = args.handler(args)
    except BrokenPipeError:  # `gongkai parse … | head`
        sys.stderr.close()
        return 0
    return code


def run() -> None:
    sys.exit(main())
