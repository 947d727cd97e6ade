"""Throughput and memory of parse + check over generated reports, on one core.

    .venv/bin/python benchmarks/parse_check.py [--reports 3000] [--seed 1]

Generates consistent random reports (gongkai.report.synthetic), writes each in one of the
plain-text layouts agencies' reports take (the writers of tests/report/layouts/, the same
ones the property tests use), then times reading and checking them in this one process.
Prints reports/second per layout and overall, and peak memory.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.report import layouts  # noqa: E402

from gongkai.report.batch import tune_for_throughput  # noqa: E402
from gongkai.report.parse import parse_text  # noqa: E402
from gongkai.report.rules import check  # noqa: E402
from gongkai.report.synthetic import random_document  # noqa: E402

LAYOUTS = {
    "word_cells": layouts.word_cells,
    "pipe_stream": layouts.pipe_stream,
    "markdown": layouts.markdown,
    "row_per_line_spaces": layouts.row_per_line_spaces,
    "row_per_line_tabs": layouts.row_per_line_tabs,
    "run_together": layouts.run_together,
}


def corpus(count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    names = list(LAYOUTS)
    for index in range(count):
        layout = names[index % len(names)]
        doc = random_document(rng, "2021" if rng.random() < 0.85 else "2019")
        style = layouts.Style(
            seed=index,
            title=rng.randint(0, 2),
            bookmarks=layout == "word_cells" and rng.random() < 0.5,
            ideographic=layout == "word_cells" and rng.random() < 0.5,
            broken=rng.randint(0, 2) if layout == "word_cells" else 0,
            noise=rng.random() < 0.5,
        )
        out.append((layout, LAYOUTS[layout](doc, style)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    documents = corpus(args.reports, args.seed)
    tune_for_throughput()  # as the gongkai command does (batch.tune_for_throughput)
    gc.freeze()  # the corpus itself is not the reader's garbage
    size = sum(len(text.encode()) for _, text in documents) / len(documents)
    print(f"{len(documents)} generated reports, {size / 1024:.1f} KiB of text each on average")
    gc.collect()

    per_layout: dict[str, list[float]] = defaultdict(list)
    errors = 0
    start = time.process_time()
    wall = time.perf_counter()
    for layout, text in documents:
        began = time.process_time()
        findings = check(parse_text(text))
        per_layout[layout].append(time.process_time() - began)
        errors += any(f.severity == "error" for f in findings)
    cpu = time.process_time() - start
    elapsed = time.perf_counter() - wall

    print(
        f"parse + check: {len(documents) / cpu:,.0f} reports/s of CPU time on one core "
        f"({len(documents) / elapsed:,.0f}/s wall clock), {cpu / len(documents) * 1000:.2f} ms each"
    )
    for layout, times in per_layout.items():
        times.sort()
        mean = sum(times) / len(times)
        print(
            f"  {layout:<20} {1 / mean:8,.0f} reports/s   p50 {times[len(times) // 2] * 1000:5.2f} ms"
            f"   p95 {times[int(len(times) * 0.95)] * 1000:5.2f} ms"
        )
    print(
        f"reports with error findings: {errors} (generated reports are consistent; run-together "
        "rows that split more than one way are reported, never guessed)"
    )

    tracemalloc.start()
    for _, text in documents[:200]:
        check(parse_text(text))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory: {peak / 1024 / 1024:.1f} MiB traced while parsing 200 reports; "
        f"process peak RSS {rss:.0f} MiB (corpus included)"
    )


if __name__ == "__main__":
    main()
