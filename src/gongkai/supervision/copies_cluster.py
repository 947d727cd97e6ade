"""内容雷同 across the units of one region-year: clusters of near-duplicate narratives.

Departments that fill in one shared template, or copy a neighbour's report and change the
names, produce narratives that are nearly the same. Comparing every pair of a region's reports
grows with the square of their number; this module stays near-linear:

1. each report's narrative (its six sections' text) is made comparable (:mod:`.templatetext`:
   normalised, digits as one ``0``, the format's own text removed, the unit's names replaced);
   a narrative with fewer than ``min_chars`` content characters is left out (a few lines of
   boilerplate are alike in every report and say nothing about copying);
2. its set of character ``shingle``-grams (5 by default) is hashed to 32-bit values with a fixed
   hash (the same figures on every run and machine) and summarised by a MinHash signature of
   ``num_perm`` affine permutations from a fixed seed, computed in one numpy step and held as a
   ``datasketch.MinHash``;
3. a MinHash LSH index (``datasketch.MinHashLSH``, threshold ``lsh_threshold``, a little below
   the verification threshold so that few true pairs are missed) returns, for each report, the
   reports likely to be similar;
4. each candidate pair is verified exactly: the Jaccard similarity of the two shingle sets. A
   pair at or above ``threshold`` joins the two reports' clusters (union–find). A candidate
   already in the same cluster is not verified again, so the exact work stays proportional to
   the number of reports, not to the square of a cluster's size.

A cluster is single-linkage: every member is verified similar to at least one other member; the
pairs that joined it are listed with their exact and estimated similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]
from numpy.typing import NDArray

from gongkai.report.model import Finding
from gongkai.report.spec import SECTIONS

from .signals_base import UnitFinding, UnitReport, signal
from .templatetext import BOUNDARY, DEFAULT_TEMPLATE, Template, content


@dataclass(frozen=True)
class ClusterSettings:
    shingle: int = 5
    num_perm: int = 128
    threshold: float = 0.5  # exact Jaccard similarity of the shingle sets to join a cluster
    lsh_threshold: float = 0.4
    min_chars: int = 200
    seed: int = 1


DEFAULT_CLUSTER_SETTINGS = ClusterSettings()


@dataclass(frozen=True)
class SimilarPair:
    first: str  # unit ids
    second: str
    similarity: float  # exact Jaccard similarity of the shingle sets
    estimated: float  # MinHash estimate


@dataclass(frozen=True)
class Cluster:
    units: tuple[str, ...]  # unit ids, sorted
    names: tuple[str, ...]  # the units' names, in the same order
    pairs: tuple[SimilarPair, ...]  # the verified pairs that joined the cluster

    @property
    def similarity(self) -> float:
        """The lowest exact similarity among the pairs that joined the cluster."""
        return min(p.similarity for p in self.pairs)

    @property
    def mean_similarity(self) -> float:
        return sum(p.similarity for p in self.pairs) / len(self.pairs)

    @property
    def estimated(self) -> float:
        return sum(p.estimated for p in self.pairs) / len(self.pairs)


@dataclass(frozen=True)
class Clustering:
    clusters: tuple[Cluster, ...]
    too_short: tuple[str, ...]  # unit ids whose narrative was too short to compare
    candidates: int  # candidate pairs the LSH index returned
    verified: int  # pairs whose exact similarity was computed


def narrative(unit: UnitReport) -> str:
    """The report's six sections' text, one after the other."""
    sections = unit.report.sections
    return "\n".join(sections.get(s.key) or "" for s in SECTIONS)


_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)
_BOUNDARY_CODE = ord(BOUNDARY)


def shingle_hashes(text: str, size: int) -> NDArray[np.uint32]:
    """The sorted distinct 32-bit hashes of the text's ``size``-character shingles; shingles
    across a boundary are skipped. A text shorter than one shingle is one shingle."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - size + 1
    if count <= 0:
        if not len(codes):
            return np.zeros(0, dtype=np.uint32)
        count, size = 1, len(codes)
    with np.errstate(over="ignore"):
        value = np.zeros(count, dtype=np.uint64)
        for offset in range(size):
            value = value * _MULTIPLIER + codes[offset : offset + count]
        value ^= value >> np.uint64(31)
        value *= _MIX
        value ^= value >> np.uint64(29)
    marks = np.concatenate(([0], np.cumsum(codes == _BOUNDARY_CODE)))
    clean = (marks[size : size + count] - marks[:count]) == 0
    hashed = (value[clean] >> np.uint64(32)).astype(np.uint32)
    return np.unique(hashed)


def jaccard(first: NDArray[np.uint32], second: NDArray[np.uint32]) -> float:
    if not len(first) and not len(second):
        return 0.0
    shared = len(np.intersect1d(first, second, assume_unique=True))
    return shared / (len(first) + len(second) - shared)


Permutations = tuple[NDArray[np.uint32], NDArray[np.uint32]]


def permutations(num_perm: int, seed: int) -> Permutations:
    """``num_perm`` permutations of the 32-bit hashes, x ↦ a·x + b mod 2³² with a odd (a
    bijection; the hashes are already well mixed), from a fixed seed."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**32, size=num_perm, dtype=np.uint32) | np.uint32(1)
    b = rng.integers(0, 2**32, size=num_perm, dtype=np.uint32)
    return a, b


def signature(hashes: NDArray[np.uint32], maps: Permutations, seed: int) -> MinHash:
    """The MinHash of a set of 32-bit hashes, computed in one vectorised step (datasketch's
    ``update_batch`` converts every value through Python)."""
    a, b = maps
    with np.errstate(over="ignore"):
        mapped = hashes[:, None] * a
        mapped += b
    values = mapped.min(axis=0)
    return MinHash(seed=seed, hashvalues=values, scheme="affine32")


class _Forest:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = key
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while key != root:  # path compression
            key, self.parent[key] = self.parent[key], root
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def cluster_narratives(
    units: Sequence[UnitReport],
    settings: ClusterSettings = DEFAULT_CLUSTER_SETTINGS,
    template: Template = DEFAULT_TEMPLATE,
) -> Clustering:
    """Clusters of near-duplicate narratives among ``units`` (one region-year)."""
    by_id = {u.unit_id: u for u in units}
    if len(by_id) != len(units):
        raise ValueError("unit ids must be distinct")
    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.num_perm)
    shingles: dict[str, NDArray[np.uint32]] = {}
    signatures: dict[str, MinHash] = {}
    forest = _Forest()
    pairs: list[SimilarPair] = []
    too_short: list[str] = []
    candidates = verified = 0
    maps = permutations(settings.num_perm, settings.seed)
    for unit_id in sorted(by_id):
        unit = by_id[unit_id]
        text = content(narrative(unit), unit.names, template)
        hashes = shingle_hashes(text.text, settings.shingle)
        if text.size < settings.min_chars or not len(hashes):
            too_short.append(unit_id)
            continue
        summary = signature(hashes, maps, settings.seed)
        for other in sorted(lsh.query(summary)):
            candidates += 1
            if forest.find(other) == forest.find(unit_id):
                continue
            verified += 1
            similarity = jaccard(hashes, shingles[other])
            if similarity >= settings.threshold:
                forest.union(other, unit_id)
                estimate = float(summary.jaccard(signatures[other]))
                pairs.append(SimilarPair(other, unit_id, similarity, estimate))
        lsh.insert(unit_id, summary)
        shingles[unit_id] = hashes
        signatures[unit_id] = summary
    groups: dict[str, list[SimilarPair]] = {}
    for pair in pairs:
        groups.setdefault(forest.find(pair.first), []).append(pair)
    clusters = []
    for members in groups.values():
        ids = tuple(sorted({p.first for p in members} | {p.second for p in members}))
        names = tuple(by_id[i].unit_name for i in ids)
        clusters.append(Cluster(ids, names, tuple(members)))
    clusters.sort(key=lambda c: (-len(c.units), c.units))
    return Clustering(tuple(clusters), tuple(too_short), candidates, verified)


def peer_copy_findings(clustering: Clustering, units: Sequence[UnitReport]) -> list[UnitFinding]:
    """SUP-COPY-PEER for every unit of every cluster, naming the others."""
    by_id = {u.unit_id: u for u in units}
    out: list[UnitFinding] = []
    for cluster in clustering.clusters:
        for unit_id in cluster.units:
            unit = by_id[unit_id]
            others = [n for i, n in zip(cluster.units, cluster.names, strict=True) if i != unit_id]
            shown = "、".join(others[:5]) + (f"等{len(others)}个单位" if len(others) > 5 else "")
            best = max(
                (p.similarity for p in cluster.pairs if unit_id in (p.first, p.second)),
                default=cluster.similarity,
            )
            finding: Finding = signal(
                "SUP-COPY-PEER",
                f"报告正文与{shown}的报告高度雷同（已除去格式规定的文字和单位名称后，"
                f"文字片段相似度 {best:.0%}），疑似套用同一文本，请据实撰写",
                actual=round(best, 3),
                evidence={
                    "cluster": list(cluster.units),
                    "names": list(cluster.names),
                    "pairs": [
                        {
                            "units": [p.first, p.second],
                            "similarity": round(p.similarity, 3),
                            "estimated": round(p.estimated, 3),
                        }
                        for p in cluster.pairs
                    ],
                },
            )
            out.append(UnitFinding(unit.unit_id, unit.unit_name, unit.year, finding))
    return out
