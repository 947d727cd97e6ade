"""gongkai supervise ROSTER REPORTS --year 2025 [--previous-dir DIR] [--manifest M.csv] --out DIR

Exit codes, as for ``gongkai check``: 0 nothing to act on; 1 errors in reports, or units that
did not publish on time, or reports a person must assign; 2 an input that cannot be used (the
roster, the manifest, a folder that does not exist) or a report file that cannot be read."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from gongkai.report.batch import ProgressBar
from gongkai.report.errors import GongkaiError

from .notice import NoticeSettings
from .notice_outputs import write_assessment
from .outputs import write_outputs
from .pipeline import Settings, supervise
from .rates import DEFAULT_FLOOR
from .roster import read_roster_file
from .scorecard import default_sheet, load_sheet
from .tabular import TableFileError

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "supervise",
        help="check a region's reports against its roster",
        description="Check a region-year's reports against the roster of units: who published "
        "and when, every report's findings, the region's totals, rates and rankings. Exit 0: "
        "nothing to act on; 1: errors, late or missing reports, or reports to assign; 2: an "
        "input that cannot be used or a file that cannot be read.",
    )
    parser.add_argument("roster", metavar="ROSTER", type=Path, help="roster, XLSX or CSV")
    parser.add_argument("reports", metavar="REPORTS", help="folder or .zip of the year's reports")
    parser.add_argument("--year", type=int, required=True, help="the year the reports are on")
    parser.add_argument("--previous-dir", metavar="DIR", help="last year's reports, for X1–X3")
    parser.add_argument("--manifest", metavar="CSV", type=Path, help="文件/单位/网址/发布日期")
    parser.add_argument("--out", metavar="DIR", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--floor",
        type=int,
        default=DEFAULT_FLOOR,
        help=f"smallest denominator for a rate to be ranked (default {DEFAULT_FLOOR})",
    )
    parser.add_argument(
        "--internal-deadline",
        metavar="MM-DD",
        help="the region's internal submission deadline, in the year after --year",
    )
    parser.add_argument("--region", help="the name the totals carry (default: the top unit)")
    parser.add_argument(
        "--sheet",
        metavar="JSON",
        type=Path,
        help="the region's assessment sheet (default: the one from 国办公开办函〔2021〕30号)",
    )
    parser.add_argument(
        "--deadline",
        metavar="TEXT",
        help="the 通报's deadline to put things right, e.g. 2026年5月31日",
    )
    parser.add_argument(
        "--issuer", metavar="TEXT", help="who issues the 通报, e.g. 某区政务公开办公室"
    )
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None)
    parser.set_defaults(handler=run)


def _fail(source: object, problem: str) -> int:
    clear = "\r\x1b[K" if sys.stderr.isatty() else ""
    print(f"{clear}gongkai: {source}: {problem}", file=sys.stderr)
    return EXIT_UNREADABLE


def run(args: argparse.Namespace) -> int:
    internal = None
    if args.internal_deadline:
        match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", args.internal_deadline)
        if not match:
            return _fail("--internal-deadline", "应写作 MM-DD，例如 01-15")
        internal = (int(match.group(1)), int(match.group(2)))
    for path in (args.reports, args.previous_dir):
        if path and not Path(path).exists():
            return _fail(path, "文件或文件夹不存在")
    try:
        sheet = load_sheet(args.sheet) if args.sheet else default_sheet()
        roster_file = read_roster_file(args.roster)
        from .corpus import read_manifest

        manifest = read_manifest(args.manifest) if args.manifest else None
        settings = Settings(args.floor, internal, jobs=args.jobs, region=args.region)
        result = supervise(
            roster_file,
            [args.reports],
            args.year,
            manifest,
            [args.previous_dir] if args.previous_dir else [],
            settings,
            ProgressBar(args.progress),
        )
    except TableFileError as exc:
        for problem in exc.problems:
            _fail(exc.source, problem)
        return EXIT_UNREADABLE
    except GongkaiError as exc:
        return _fail(args.roster, str(exc))
    summary = write_outputs(result, args.out)
    notice = NoticeSettings(deadline=args.deadline, issuer=args.issuer, floor=args.floor)
    write_assessment(result, args.out, sheet, notice)
    for bad in result.corpus.unreadable:
        _fail(bad.source, bad.problem)
    coverage = summary["coverage"]
    print(
        f"{args.year}年度：名单内{summary['units']}个单位，读取文件{summary['files']}个；"
        f"按时发布{coverage['on_time']}个，逾期{coverage['late']}个，"
        f"日期不明{coverage['date_unknown']}个，未发布{coverage['missing']}个，"
        f"无法读取{coverage['unreadable']}个，年度不符{coverage['wrong_year']}个；"
        f"待人工指定单位的报告{summary['unassigned']}份；"
        f"有错误的报告{summary['reports_with_errors']}份。结果已写入 {args.out}"
    )
    if result.corpus.unreadable:
        return EXIT_UNREADABLE
    attention = (
        summary["reports_with_errors"]
        or summary["unassigned"]
        or any(coverage[s] for s in ("late", "missing", "wrong_year", "date_unknown"))
    )
    return EXIT_FINDINGS if attention else EXIT_OK
