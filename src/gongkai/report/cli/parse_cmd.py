"""gongkai parse FILE…: the canonical JSON of each report."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..canonical import dumps, to_canonical
from .common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    add_batch_options,
    complain,
    input_root,
    outcomes,
    result_path,
    single_file,
    write_json,
)


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "parse",
        help="print the canonical JSON of each report",
        description="Read reports (files, folders, .zip archives; text, HTML, DOCX, PDF, XLSX/XLS, "
        "told apart by content) and print their canonical JSON: one object for one file, a JSON "
        "array for several, or one line per file with --jsonl. With --out DIR, write one JSON file "
        "per report and a summary.json instead.",
    )
    add_batch_options(parser)
    parser.add_argument("--jsonl", action="store_true", help="one compact JSON document per line")
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        help="write DIR/<file>.json per report and DIR/summary.json",
    )
    parser.add_argument("--provenance", action="store_true", help="add where each cell came from")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    failed: list[dict[str, str | None]] = []
    readers: Counter[str] = Counter()
    documents: list[dict[str, Any]] = []
    root = input_root(args.paths)
    for outcome in outcomes(args):
        if outcome.report is None:
            failed.append({"source": outcome.source, "error": outcome.error})
            complain(outcome.source, outcome.error or "unreadable")
            if args.jsonl:
                print(dumps({"source": outcome.source, "error": outcome.error}, indent=None))
            continue
        readers[outcome.report.reader or "?"] += 1
        document = to_canonical(outcome.report, provenance=args.provenance)
        document["source"] = outcome.source
        document["reader"] = outcome.report.reader
        if args.out:
            write_json(result_path(args.out, root, outcome.source, ".json"), document)
        elif args.jsonl:
            print(dumps(document, indent=None))
            sys.stdout.flush()
        else:
            documents.append(document)
    if args.out:
        summary = {
            "read": sum(readers.values()),
            "unreadable": len(failed),
            "readers": dict(readers),
            "failed": failed,
        }
        write_json(args.out / "summary.json", summary)
        print(
            f"已读 {summary['read']} 份，{len(failed)} 份无法读取；结果在 {args.out}/",
            file=sys.stderr,
        )
    elif not args.jsonl:
        if single_file(args.paths) and documents:
            print(dumps(documents[0]))
        elif not single_file(args.paths):
            print(dumps(documents))
    return EXIT_UNREADABLE if failed else EXIT_OK
