"""Cell-by-cell scoring of a read report against a hand-made golden.

A cell is *correct* when it equals the golden, *missing* when the golden has a number and the
reader left the cell null, and *wrong* when the reader gave a number the golden does not have:
a different number, or a number where the source has a blank. Missing is a defect; wrong is the
worst defect this product can have, so the two are counted apart and ``assert_no_wrong_number``
fails on any wrong cell whatever the share of missing ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

TABLES = ("proactive", "applications", "disputes")


def cells(document: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every leaf cell of the three tables: ((table, row[, column]), value)."""
    for table in TABLES:
        rows = document.get(table)
        if not rows:
            continue
        for row, value in rows.items():
            if isinstance(value, Mapping):
                for column, cell in value.items():
                    yield (table, row, column), cell
            else:
                yield (table, row), value


@dataclass
class Score:
    correct: int = 0
    missing: list[tuple[str, ...]] = field(default_factory=list)
    wrong: list[tuple[tuple[str, ...], Any, Any]] = field(default_factory=list)
    blank_kept: int = 0  # golden blank, read blank

    @property
    def numbers(self) -> int:
        """Cells the golden has a number in."""
        return (
            self.correct
            + len(self.missing)
            + sum(1 for _, want, _ in self.wrong if want is not None)
        )

    @property
    def recall(self) -> float:
        return self.correct / self.numbers if self.numbers else 1.0

    def add(self, other: Score) -> Score:
        return Score(
            self.correct + other.correct,
            self.missing + other.missing,
            self.wrong + other.wrong,
            self.blank_kept + other.blank_kept,
        )


def score(expected: Mapping[str, Any], actual: Mapping[str, Any]) -> Score:
    """Score ``actual`` (canonical JSON) against ``expected`` (canonical JSON, hand-made)."""
    result = Score()
    got = dict(cells(actual))
    for place, want in cells(expected):
        have = got.get(place)
        if have is None:
            if want is None:
                result.blank_kept += 1
            else:
                result.missing.append(place)
        elif want is not None and _same(want, have):
            result.correct += 1
        else:
            result.wrong.append((place, want, have))
    return result


def _same(want: Any, have: Any) -> bool:
    if isinstance(want, float) or isinstance(have, float):
        return abs(float(want) - float(have)) < 1e-9
    return bool(want == have)


def assert_no_wrong_number(expected: Mapping[str, Any], actual: Mapping[str, Any]) -> Score:
    """Fail on any number that differs from the golden; return the score for further checks."""
    result = score(expected, actual)
    assert not result.wrong, "wrong numbers (place, golden, read): " + "; ".join(
        f"{'/'.join(place)}: {want!r} → {have!r}" for place, want, have in result.wrong
    )
    return result
