"""gongkai check FILE… [--previous FILE] [--json]: findings, for people or for machines."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from ..batch import Outcome, load
from ..canonical import dumps
from ..errors import GongkaiError
from ..model import Finding, Report
from ..rules import check, has_errors
from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    add_batch_options,
    complain,
    input_root,
    outcomes,
    result_path,
    write_json,
)
from .rules_cmd import SEVERITY_LABEL


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "check",
        help="validate reports and print findings",
        description="Validate reports against the rule catalogue. Exit 0: no errors; 1: errors "
        "found; 2: a file could not be read. In a batch, a report is compared with the same "
        "agency's report of the year before when both are given.",
    )
    add_batch_options(parser)
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        help="also write DIR/<file>.findings.json and DIR/summary.json",
    )
    parser.add_argument(
        "--previous", metavar="FILE", help="last year's report, for the cross-year rules"
    )
    parser.add_argument("--json", action="store_true", help="findings as JSON")
    parser.add_argument(
        "--severity",
        choices=("error", "warning", "info"),
        default="info",
        help="show findings of this severity and above (default: all)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    previous: Report | None = None
    if args.previous:
        try:
            previous = load(Path(args.previous))
        except (GongkaiError, OSError) as exc:
            complain(args.previous, str(getattr(exc, "problem", exc)))
            return EXIT_UNREADABLE
    results = list(outcomes(args))
    root = input_root(args.paths)
    by_year: dict[tuple[str | None, int], Report] = {
        (o.report.agency, o.report.year): o.report
        for o in results
        if o.report is not None and o.report.agency and o.report.year
    }
    shown = ("error", "warning", "info")[: ("error", "warning", "info").index(args.severity) + 1]
    documents: list[dict[str, Any]] = []
    errors = unreadable = 0
    for outcome in results:
        if outcome.report is None:
            unreadable += 1
            complain(outcome.source, outcome.error or "unreadable")
            documents.append({"source": outcome.source, "error": outcome.error})
            continue
        report = outcome.report
        last = previous or by_year.get((report.agency, (report.year or 0) - 1))
        findings = check(report, last)
        errors += has_errors(findings)
        visible = [f for f in findings if f.severity in shown]
        documents.append(_document(outcome, findings, visible, last))
        if args.out:
            write_json(result_path(args.out, root, outcome.source, ".findings.json"), documents[-1])
        if not args.json:
            _print_human(outcome, visible, findings, last)
    summary = {"reports": len(results), "with_errors": errors, "unreadable": unreadable}
    if args.out:
        failed = [d for d in documents if "error" in d]
        write_json(args.out / "summary.json", {**summary, "failed": failed})
    if args.json:
        print(dumps({"reports": documents, "summary": summary}))
    elif len(results) > 1:
        print(f"共 {len(results)} 份：{errors} 份有错误，{unreadable} 份无法读取。")
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if errors else EXIT_OK


def _document(
    outcome: Outcome, findings: list[Finding], visible: list[Finding], last: Report | None
) -> dict[str, Any]:
    report = outcome.report
    assert report is not None
    counts = Counter(f.severity for f in findings)
    return {
        "source": outcome.source,
        "agency": report.agency,
        "year": report.year,
        "format": report.format,
        "reader": report.reader,
        "previous": last.source if last else None,
        "counts": {s: counts.get(s, 0) for s in ("error", "warning", "info")},
        "findings": [f.to_dict() for f in visible],
    }


def _print_human(
    outcome: Outcome, visible: list[Finding], findings: list[Finding], last: Report | None
) -> None:
    report = outcome.report
    assert report is not None
    fmt = f"{report.format}年格式" if report.format else "格式不明"
    year = f"{report.year}年度" if report.year else "年度不明"
    print(f"{outcome.source} — {report.agency or '（机关不明）'} {year}（{fmt}）")
    if last is not None:
        print(f"  对照上年报告：{last.source}")
    for f in visible:
        line = f"（第{f.line}行）" if f.line else ""
        print(f"  {SEVERITY_LABEL[f.severity]}  {f.code:<18} {f.message}{line}")
    counts = Counter(f.severity for f in findings)
    print(
        f"  {counts.get('error', 0)} 个错误，{counts.get('warning', 0)} 个警告，{counts.get('info', 0)} 个提示"
    )
    print()
