"""The ``gongkai`` command: a thin layer over the library.

Exit codes: 0 no errors; 1 errors found in a report; 2 unreadable input or a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ... import __version__
from ..batch import tune_for_throughput
from . import check_cmd, export_cmd, parse_cmd, render_cmd, rules_cmd

COMMANDS = (parse_cmd, check_cmd, rules_cmd, render_cmd, export_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="政府信息公开工作年度报告：解析、核对、渲染。 Government information disclosure reports.",
    )
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    tune_for_throughput()
    try:
        code: int = args.handler(args)
    except BrokenPipeError:  # `gongkai parse … | head`
        sys.stderr.close()
        return 0
    return code


def run() -> None:
    sys.exit(main())
