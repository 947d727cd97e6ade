"""Renders per second, per output format, on one core.

    .venv/bin/python benchmarks/render.py [--seconds 3] [--formats html,md,...]

Renders the five seed reports (tests/report/cases, parsed once) round-robin in each format for
about ``--seconds`` seconds and prints renders/second (by the clock, and per second of this
process's CPU time: the figure for one core, which another program on the machine or a busy
virtual host does not lower) and the mean size of one output. The first
render of each format (imports, PDF font registration) is timed apart as the warm-up.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gongkai.report.parse import parse_file  # noqa: E402
from gongkai.report.render import FORMATS, render  # noqa: E402

CASES = ROOT / "tests" / "report" / "cases"


def seed_reports() -> list:  # type: ignore[type-arg]
    sources = sorted(
        next(p for p in case.iterdir() if p.stem == "source")
        for case in CASES.iterdir()
        if case.name.startswith("seed-")
    )
    return [parse_file(source) for source in sources]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each format")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats")
    args = parser.parse_args()
    reports = seed_reports()
    print(f"{len(reports)} seed reports, about {args.seconds:g} s per format, one core")
    print(
        f"{'format':<6} {'warm-up':>9} {'renders/s':>10} {'ms/render':>10} "
        f"{'per CPU-s':>10} {'mean size':>11}"
    )
    for fmt in args.formats.split(","):
        start = time.perf_counter()
        render(reports[0], fmt)
        warm_up = time.perf_counter() - start
        count = size = 0
        start, cpu_start = time.perf_counter(), time.process_time()
        while (elapsed := time.perf_counter() - start) < args.seconds or count < len(reports):
            size += len(render(reports[count % len(reports)], fmt))
            count += 1
        rate = count / elapsed
        cpu_rate = count / (time.process_time() - cpu_start)
        print(
            f"{fmt:<6} {warm_up * 1000:>7.0f}ms {rate:>10.1f} {1000 / rate:>10.2f} "
            f"{cpu_rate:>10.1f} {size / count / 1024:>9.1f}KB"
        )


if __name__ == "__main__":
    main()
