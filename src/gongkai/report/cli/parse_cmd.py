"""gongkai parse FILE…: the canonical JSON of each report."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..canonical import dumps, to_canonical
from .common import EXIT_OK, EXIT_UNREADABLE, complain, outcomes, single_file


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "parse",
        help="print the canonical JSON of each report",
        description="Read reports (files or folders) and print their canonical JSON: one object for "
        "one file, a JSON array for several, or one line per file with --jsonl.",
    )
    parser.add_argument("paths", nargs="+", metavar="FILE", help="report files or folders")
    parser.add_argument("--jsonl", action="store_true", help="one compact JSON document per line")
    parser.add_argument("--provenance", action="store_true", help="add where each cell came from")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    failed = False
    documents: list[dict[str, Any]] = []
    for outcome in outcomes(args.paths):
        if outcome.report is None:
            failed = True
            complain(outcome.source, outcome.error or "unreadable")
            if args.jsonl:
                print(dumps({"source": outcome.source, "error": outcome.error}, indent=None))
            continue
        document = to_canonical(outcome.report, provenance=args.provenance)
        document["source"] = outcome.source
        document["reader"] = outcome.report.reader
        if args.jsonl:
            print(dumps(document, indent=None))
            sys.stdout.flush()
        else:
            documents.append(document)
    if not args.jsonl:
        if single_file(args.paths) and documents:
            print(dumps(documents[0]))
        elif not single_file(args.paths):
            print(dumps(documents))
    return EXIT_UNREADABLE if failed else EXIT_OK
