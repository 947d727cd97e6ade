"""gongkai render FILE --to html|docx|pdf|md|json|xlsx [-o OUT]: the report in the official layout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..batch import load
from ..errors import GongkaiError
from ..render import BINARY_FORMATS, FORMATS, RenderError, render
from .common import EXIT_OK, EXIT_UNREADABLE, complain


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "render",
        help="render a report in the official layout",
        description="Render a report (a source document or canonical JSON) in the layout of the "
        "national format: HTML, DOCX, PDF, Markdown, JSON or XLSX. Without -o the output goes to "
        "standard output; binary formats (docx, pdf, xlsx) are not written to a terminal. "
        "Exit 0: written; 2: the input could not be read or the output not written.",
    )
    parser.add_argument("path", metavar="FILE", help="a report file")
    parser.add_argument("--to", required=True, choices=FORMATS, help="output format")
    parser.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    binary = args.to in BINARY_FORMATS
    if not args.output and binary and sys.stdout.isatty():
        complain(
            args.path,
            f"{args.to} 是二进制格式，不输出到终端：请用 -o 指定输出文件，或重定向到文件",
        )
        return EXIT_UNREADABLE
    try:
        report = load(Path(args.path))
    except GongkaiError as exc:
        complain(args.path, str(getattr(exc, "problem", exc)))
        return EXIT_UNREADABLE
    except OSError as exc:
        complain(args.path, f"无法读取：{exc.strerror or exc}")
        return EXIT_UNREADABLE
    try:
        data = render(report, args.to)
    except RenderError as exc:
        complain(args.path, str(exc))
        return EXIT_UNREADABLE
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as exc:
            complain(args.output, f"无法写入：{exc.strerror or exc}")
            return EXIT_UNREADABLE
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return EXIT_OK
