"""Cross-unit copy detection (MinHash LSH) on generated region-years: seconds and peak memory.

    .venv/bin/python benchmarks/copies.py [--sizes 1000,4000] [--seed 7]

Each region-year is generated from the five seed reports' narratives (tests/report/cases): a
word list is cut from their text, and

- about 80 % of the units get a distinct narrative: about 1,500 characters of words drawn at
  random from that list (unrelated units of one region share vocabulary, not passages);
- about 20 % belong to shared-template groups of 2 to 12 units: one generated base text per
  group, each member with its own name and figures and about one sentence in ten rewritten.

For each size it prints the seconds (wall and CPU: the machine is shared, so CPU time is the
figure to compare) of ``cluster_narratives`` (normalisation, template removal,
shingling, MinHash, LSH and exact verification), the peak memory it allocated (tracemalloc, a
second run), the candidate and verified pair counts, how many injected groups were found whole
(a member rewritten past the threshold is rightly left out), how many pairs inside the groups
reach the threshold exactly and how many of those ended in one cluster (LSH recall), and how
many units with a distinct text were put in a cluster (false alarms). Growth from the first to the last size is printed as
seconds per report, which stays flat when the method is near-linear.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tracemalloc
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gongkai.report.canonical import from_canonical  # noqa: E402
from gongkai.report.model import Report  # noqa: E402
from gongkai.supervision.copies_cluster import (  # noqa: E402
    Cluster,
    ClusterSettings,
    cluster_narratives,
    jaccard,
    narrative,
    shingle_hashes,
)
from gongkai.supervision.signals_base import UnitReport  # noqa: E402
from gongkai.supervision.templatetext import content  # noqa: E402

CASES = ROOT / "tests" / "report" / "cases"
_PUNCTUATION = "，。；、"


def vocabulary() -> list[str]:
    words: list[str] = []
    for path in sorted(CASES.glob("seed-*/expected.json")):
        report = from_canonical(json.loads(path.read_text(encoding="utf-8")))
        text = "".join(t or "" for t in report.sections.values())
        chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
        for i in range(0, len(chars) - 4, 3):
            words.append("".join(chars[i : i + 2 + i % 3]))
    return sorted(set(words))


def sentence(rng: random.Random, words: list[str]) -> str:
    return "".join(rng.choice(words) for _ in range(rng.randint(8, 16))) + rng.choice(_PUNCTUATION)


def text(rng: random.Random, words: list[str], size: int = 1500) -> list[str]:
    out: list[str] = []
    while sum(map(len, out)) < size:
        out.append(sentence(rng, words))
    return out


def region(size: int, seed: int) -> tuple[list[UnitReport], list[tuple[str, ...]]]:
    rng = random.Random(seed)
    words = vocabulary()
    units: list[UnitReport] = []
    groups: list[tuple[str, ...]] = []

    def add(name: str, narrative: str) -> str:
        unit_id = f"u{len(units):05}"
        report = Report(format="2021", agency=name, year=2024, sections={"overview": narrative})
        units.append(UnitReport(unit_id, name, 2024, report))
        return unit_id

    grouped = size // 5
    while sum(map(len, groups)) < grouped:
        members = min(rng.randint(2, 12), grouped - sum(map(len, groups)))
        if members < 2:
            break
        base = text(rng, words)
        ids = []
        for _ in range(members):
            name = f"第{len(units)}号单位"
            body = [sentence(rng, words) if rng.random() < 0.1 else s for s in base]
            body.insert(0, f"{name}本年度共收到申请{rng.randint(0, 99)}件。")
            ids.append(add(name, "".join(body)))
        groups.append(tuple(ids))
    while len(units) < size:
        add(f"第{len(units)}号单位", "".join(text(rng, words)))
    return units, groups


def recall(
    units: list[UnitReport], groups: list[tuple[str, ...]], clusters: tuple[Cluster, ...]
) -> tuple[int, int]:
    """Pairs inside an injected group whose exact similarity reaches the threshold, and how
    many of them the clustering put in one cluster (what LSH may miss)."""
    by_id = {u.unit_id: u for u in units}
    where = {u: i for i, c in enumerate(clusters) for u in c.units}
    settings = ClusterSettings()
    similar = joined = 0
    for group in groups:
        hashes = {
            i: shingle_hashes(content(narrative(by_id[i]), by_id[i].names).text, 5) for i in group
        }
        for a, b in combinations(group, 2):
            if jaccard(hashes[a], hashes[b]) >= settings.threshold:
                similar += 1
                joined += a in where and where.get(a) == where.get(b)
    return similar, joined


def measure(size: int, seed: int) -> dict[str, float]:
    units, groups = region(size, seed)
    start, cpu_start = time.perf_counter(), time.process_time()
    found = cluster_narratives(units)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    tracemalloc.start()
    cluster_narratives(units)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    clusters = {c.units for c in found.clusters}
    exact = sum(1 for g in groups if tuple(sorted(g)) in clusters)
    similar, joined = recall(units, groups, found.clusters)
    grouped = {u for g in groups for u in g}
    stray = sum(1 for c in found.clusters for u in c.units if u not in grouped)
    print(
        f"{size:>6} reports: {seconds:6.2f} s wall, {cpu:6.2f} s CPU "
        f"({1000 * cpu / size:.2f} ms/report), "
        f"peak {peak / 2**20:6.1f} MiB; candidates {found.candidates}, verified "
        f"{found.verified}; injected groups found whole {exact}/{len(groups)}; pairs of one "
        f"group at or above the threshold (exact) {similar}, put in one cluster {joined}; "
        f"distinct texts put in a cluster {stray}"
    )
    return {"size": size, "seconds": seconds, "cpu": cpu, "peak": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    results = [measure(int(s), args.seed) for s in args.sizes.split(",")]
    first, last = results[0], results[-1]
    print(
        f"{last['size'] / first['size']:.0f}× the reports: "
        f"{last['cpu'] / first['cpu']:.1f}× the CPU time "
        f"({last['seconds'] / first['seconds']:.1f}× the wall time on a shared machine), "
        f"{last['peak'] / first['peak']:.1f}× the peak memory"
    )


if __name__ == "__main__":
    main()
