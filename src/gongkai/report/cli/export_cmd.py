"""gongkai export FILE… --to cells.csv|cells.parquet|reports.jsonl: a dataset for analysts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..export import write_cells_csv, write_cells_parquet, write_reports_jsonl
from ..model import Report
from .common import EXIT_OK, EXIT_UNREADABLE, add_batch_options, complain, outcomes

WRITERS = {
    ".csv": write_cells_csv,
    ".parquet": write_cells_parquet,
    ".jsonl": write_reports_jsonl,
}


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "export",
        help="write many reports as one dataset (CSV, Parquet, JSON lines)",
        description="Read reports and write a dataset: every cell as one long-form row (file, agency, "
        "year, table, row, column, value) to a .csv or .parquet file, or whole reports to a .jsonl "
        "file; the file's ending picks the format. A blank cell stays empty, never 0.",
    )
    add_batch_options(parser)
    parser.add_argument(
        "--to",
        required=True,
        type=Path,
        metavar="OUT",
        help="cells.csv, cells.parquet or reports.jsonl",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    writer = WRITERS.get(args.to.suffix.lower())
    if writer is None:
        complain(str(args.to), "输出文件应以 .csv、.parquet 或 .jsonl 结尾")
        return EXIT_UNREADABLE
    failed = 0

    def reports() -> Iterator[Report]:
        nonlocal failed
        for outcome in outcomes(args):
            if outcome.report is None:
                failed += 1
                complain(outcome.source, outcome.error or "unreadable")
            else:
                yield outcome.report

    args.to.parent.mkdir(parents=True, exist_ok=True)
    written = writer(reports(), args.to)
    print(f"已写入 {args.to}：{written} 行；{failed} 份无法读取", file=sys.stderr)
    return EXIT_UNREADABLE if failed else EXIT_OK
