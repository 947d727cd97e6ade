"""How much of one text repeats another: shared character shingles, fast on long reports."""

from __future__ import annotations

from ..normalize import label_key

SHINGLE = 8


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    key = label_key(text)
    if len(key) < size:
        return {key} if key else set()
    return {key[i : i + size] for i in range(len(key) - size + 1)}


def shared_share(text: str, previous: str) -> float:
    """The share of ``text``'s shingles that also stand in ``previous`` (0.0 to 1.0)."""
    mine = shingles(text)
    if not mine:
        return 0.0
    return len(mine & shingles(previous)) / len(mine)
