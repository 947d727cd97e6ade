"""Read + parse throughput and peak memory per source format, on one core.

    .venv/bin/python benchmarks/read_formats.py [--count 1000] [--distinct 50] [--formats html,docx,pdf,xlsx]

Writes ``count`` files per format into a temporary folder: ``distinct`` generated consistent
reports (tests/report/strategies.py), rendered as HTML (a GBK page as a content-management system
writes it, Word-pasted spans and layout tables), DOCX, PDF and XLSX by gongkai.report.render,
each written ``count / distinct`` times under its own name (rendering a thousand PDFs would take
longer than reading them). Then, in a fresh process per format, reads and parses every file with
``parse_file`` and prints reports/second, the peak Python allocation (tracemalloc, on a second
pass over 100 files) and the process's peak resident memory (which includes PDFium's native
memory). Targets: HTML and DOCX ≥ 100 reports/s, text-layer PDF ≥ 20 reports/s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGETS = {"html": 100.0, "docx": 100.0, "pdf": 20.0, "xlsx": None}


def generate(folder: Path, formats: list[str], count: int, distinct: int) -> None:
    from hypothesis.errors import NonInteractiveExampleWarning
    from tests.report.read.writers import HtmlStyle, report_blocks, to_html
    from tests.report.strategies import reports

    from gongkai.report.canonical import from_canonical
    from gongkai.report.render import render

    warnings.simplefilter("ignore", NonInteractiveExampleWarning)
    documents = [reports(blanks=True).example() for _ in range(distinct)]
    style = HtmlStyle(encoding="gbk", declare="http-equiv", word=True, entities=True, layout=True)
    for fmt in formats:
        target = folder / fmt
        target.mkdir(parents=True, exist_ok=True)
        for index, document in enumerate(documents):
            if fmt == "html":
                data = to_html(report_blocks(document), style)
            else:
                data = render(from_canonical(document), fmt)
            for copy in range(index, count, distinct):
                (target / f"report-{copy:05d}.{fmt}").write_bytes(data)


def measure(folder: Path) -> dict[str, float]:
    """Run in a fresh process: read and parse every file of one folder."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from gongkai.report.parse import parse_file

    files = sorted(folder.iterdir())
    parse_file(files[0])  # imports and first-call costs are not throughput
    start = time.perf_counter()
    for path in files:
        parse_file(path)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    for path in files[:100]:
        parse_file(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "files": len(files),
        "seconds": seconds,
        "per_second": len(files) / seconds,
        "ms_per_file": 1000 * seconds / len(files),
        "peak_python_mib": peak / 2**20,
        "max_rss_mib": _high_water_mib(),
        "mean_file_kib": sum(p.stat().st_size for p in files) / len(files) / 1024,
    }


def _high_water_mib() -> float:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--distinct", type=int, default=50)
    parser.add_argument("--formats", default="html,docx,pdf,xlsx")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        generate(folder, formats, args.count, min(args.distinct, args.count))
        print(f"generated {args.count} files per format in {time.perf_counter() - started:.0f} s")
        print(
            f"{'format':8} {'files':>6} {'reports/s':>10} {'ms/file':>8} {'py peak':>9} {'max RSS':>9} {'file':>8}  target"
        )
        for fmt in formats:
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(folder / fmt)],
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            target = TARGETS.get(fmt)
            verdict = (
                ""
                if target is None
                else ("ok" if r["per_second"] >= target else "BELOW") + f" (≥ {target:.0f}/s)"
            )
            print(
                f"{fmt:8} {r['files']:>6} {r['per_second']:>10.1f} {r['ms_per_file']:>8.2f} "
                f"{r['peak_python_mib']:>7.1f}Mi {r['max_rss_mib']:>7.0f}Mi {r['mean_file_kib']:>6.0f}Ki  {verdict}"
            )


if __name__ == "__main__":
    main()
