"""The OCR reader on scans made like real ones: pages per second on one core, and the share of
the golden's numbers recovered as certain, at 150, 200 and 300 dpi.

    .venv/bin/python benchmarks/ocr.py [--dpi 150,200,300] [--cases N] [--no-stamp]
        [--rotate DEGREES] [--turn 0|90|180|270]

Each case (the seed goldens in tests/report/cases, then generated reports) is rendered to PDF,
each page printed to an image at the resolution with noise, a slight turn, a red seal and JPEG
compression (tests/report/scans.py; ``--rotate`` the largest slight turn, 0.6° by default;
``--turn`` every page put on the scanner a quarter turn off), bound into an image-only PDF and read back through
``parse_bytes``. Tesseract runs on one core (OMP_THREAD_LIMIT=1, set by the reader).

Printed per resolution: pages, seconds (wall and CPU of this process and its children: the
machine is shared, CPU is the figure to compare), pages per second, and for the numbers of
tables 三 and 四: correct and given as certain / the golden's numbers (recall), wrong and given
as certain (must be 0), and table 二's numbers read right (kept as "ocr", not certain).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.report.scans import scanned_pdf  # noqa: E402
from tests.report.scoring import score  # noqa: E402

from gongkai.report.canonical import from_canonical, to_canonical  # noqa: E402
from gongkai.report.parse import parse_bytes  # noqa: E402
from gongkai.report.synthetic import random_document  # noqa: E402

CASES = ROOT / "tests" / "report" / "cases"


def goldens(count: int) -> list[tuple[str, dict[str, Any]]]:
    out = [
        (path.parent.name, json.loads(path.read_text("utf-8")))
        for path in sorted(CASES.glob("seed-*/expected.json"))
    ][:count]
    seed = 100
    while len(out) < count:
        out.append((f"generated-{seed}", random_document(random.Random(seed))))
        seed += 1
    return out


def split(report: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(numbers of 三/四 given as certain, table 二 as read)."""
    document = to_canonical(report, provenance=True)
    sure = {
        (table, cell["row"], cell["column"])
        for table, cells in document["provenance"].items()
        for cell in cells
        if cell["status"] == "value"
    }
    certain: dict[str, Any] = {}
    for table in ("applications", "disputes"):
        for row, value in (document.get(table) or {}).items():
            for column, number in value.items():
                if (table, row, column) in sure:
                    certain.setdefault(table, {}).setdefault(row, {})[column] = number
    return certain, {"proactive": document.get("proactive") or {}}


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dpi", default="150,200,300")
    parser.add_argument("--cases", type=int, default=3)
    parser.add_argument("--no-stamp", action="store_true")
    parser.add_argument("--rotate", type=float, default=0.6)
    parser.add_argument("--turn", type=int, default=0, choices=(0, 90, 180, 270))
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    cases = goldens(args.cases)
    for dpi in (int(d) for d in args.dpi.split(",")):
        pages = correct = numbers = wrong = two_right = two_numbers = 0
        wall = cpu_used = 0.0
        for k, (name, golden) in enumerate(cases):
            data = scanned_pdf(
                from_canonical(golden),
                dpi,
                seed=k,
                stamp=not args.no_stamp,
                rotate=args.rotate,
                turn=args.turn,
            )
            start, start_cpu = time.perf_counter(), cpu()
            report = parse_bytes(data, f"{name}.pdf")
            wall += time.perf_counter() - start
            cpu_used += cpu() - start_cpu
            pages += next(
                (n.detail.get("pages", 0) for n in report.notes if n.code == "OCR-READ"), 0
            )
            certain, proactive = split(report)
            tables = {key: golden.get(key) for key in ("applications", "disputes")}
            result = score(tables, certain)
            correct += result.correct
            numbers += result.numbers
            wrong += len(result.wrong)
            two = score({"proactive": golden.get("proactive")}, proactive)
            two_right += two.correct
            two_numbers += two.numbers
        print(
            f"{dpi} dpi: {pages} pages, {wall:.1f} s wall, {cpu_used:.1f} s CPU, "
            f"{pages / cpu_used if cpu_used else 0:.2f} pages/s (CPU); "
            f"三/四 certain and right {correct}/{numbers} ({correct / max(numbers, 1):.0%}), "
            f"certain and wrong {wrong}; 二 read right {two_right}/{two_numbers}"
        )


if __name__ == "__main__":
    main()
