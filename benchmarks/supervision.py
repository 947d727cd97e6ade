"""A region-year of generated units through read → check → coverage → roll-up → rates.

    .venv/bin/python benchmarks/supervision.py [--units 1000] [--pdf-share 0.3] [--jobs 2]

Generates consistent random reports (gongkai.report.synthetic) for a roster of N units under
one government, renders them with gongkai's own renderers in mixed formats (30 % PDF, the rest
HTML, DOCX and Markdown), then times each supervision stage. Generation is not timed. Last
year's reports of the same units are made in memory (as `--previous-dir` would read them) for
the cross-year signals and the year-on-year and cross-unit copy detection.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gongkai.report.canonical import from_canonical  # noqa: E402
from gongkai.report.render import render  # noqa: E402
from gongkai.report.rules import check  # noqa: E402
from gongkai.report.synthetic import random_document  # noqa: E402
from gongkai.supervision.corpus import load_corpus  # noqa: E402
from gongkai.supervision.coverage import build_coverage  # noqa: E402
from gongkai.supervision.rates import rank, region_rates  # noqa: E402
from gongkai.supervision.rollup import aggregate_findings, roll_up  # noqa: E402
from gongkai.supervision.roster import read_roster  # noqa: E402
from gongkai.supervision.scan import scan  # noqa: E402


def generate(root: Path, units: int, pdf_share: float, seed: int) -> Path:
    rng = random.Random(seed)
    lines = ["单位名称,单位类型,上级单位,报告范围", "示范区人民政府,区县政府,,本级"]
    (root / "reports").mkdir()
    for index in range(units):
        name = f"示范区第{index + 1}局"
        lines.append(f"{name},政府部门,示范区人民政府,")
        doc = random_document(rng, "2021", 2025)
        doc["agency"] = name
        doc["published_on"] = f"2026-01-{rng.randint(5, 31):02d}"
        fmt = "pdf" if rng.random() < pdf_share else rng.choice(("html", "docx", "md"))
        (root / "reports" / f"{index:05d}.{fmt}").write_bytes(render(from_canonical(doc), fmt))
    roster = root / "roster.csv"
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return roster


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--pdf-share", type=float, default=0.3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        started = time.perf_counter()
        roster_path = generate(root, args.units, args.pdf_share, args.seed)
        print(
            f"generated {args.units} reports in {time.perf_counter() - started:.1f} s (not timed below)"
        )
        timings: list[tuple[str, float]] = []

        def stage(name: str, began: float) -> float:
            now = time.perf_counter()
            timings.append((name, now - began))
            return now

        t = time.perf_counter()
        roster = read_roster(roster_path)
        t = stage("roster", t)
        corpus = load_corpus([root / "reports"], roster, jobs=args.jobs)
        t = stage(f"read + match ({args.jobs} jobs)", t)
        reports = corpus.reports(2025)
        findings = sum(len(check(r)) for r in reports.values())
        t = stage("check (rule catalogue)", t)
        coverage = build_coverage({2025: roster}, {2025: corpus})
        t = stage("coverage", t)
        rollup = roll_up(roster, reports, 2025)
        aggregate_findings(roster, reports, 2025)
        t = stage("roll-up + aggregate check", t)
        rates = rank(reports)
        region_rates(rates)
        t = stage("rates + rankings", t)
        rng = random.Random(args.seed + 1)
        last_year = {}
        for unit_id, report in reports.items():
            doc = random_document(rng, "2021", 2024)
            doc["agency"] = report.agency
            last_year[unit_id] = from_canonical(doc)
        t = time.perf_counter()
        scanned = scan(roster, reports, 2025, last_year)
        stage("compare + copy detection", t)
    total = sum(s for _, s in timings)
    for name, seconds in timings:
        print(f"{name:<28} {seconds:8.2f} s")
    print(f"{'total':<28} {total:8.2f} s")
    print(
        f"reports matched: {len(reports)}/{args.units}; unreadable {len(corpus.unreadable)}; "
        f"unassigned {len(corpus.unassigned)}; findings {findings}; on time "
        f"{coverage.count(2025, 'on_time')}; roll-up over {len(rollup.included)} units; "
        f"signals {len(scanned.signals)}; copy clusters {len(scanned.clustering.clusters)}"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MiB (workers not included)")


if __name__ == "__main__":
    main()
