"""Table labels read by OCR, matched to the labels of the national formats.

A misread character in a row label ("(一也以公开" for "（一）予以公开") loses the whole row, and
with it every identity that row is part of, so every number of its columns goes unconfirmed. A
cell whose text is close to exactly one label of the formats (rows, groups, headings, column
headers) is read as that label. Only labels: a number is never changed, and a label put on the
wrong row would still have to pass every identity of its numbers (gongkai.report.ocrcheck).
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from ..normalize import label_key
from ..spec import FORMATS

MIN_RATIO = 0.75  # the share of characters two labels have in common, in order
MARGIN = 0.1  # the best label must beat the next best by this much


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """Every label of the formats (and a row's other names), by its key (punctuation and
    numbering forms aside): the label to read it as."""
    out: dict[str, str] = {}
    for spec in FORMATS.values():
        for table in spec.tables:
            pairs = [(h, h) for h in table.headings]
            for row in table.rows:
                pairs += [(row.label, row.label), (row.group or "", row.group or "")]
                pairs += [(alias, row.label) for alias in row.aliases]
                pairs += [(c.label, c.label) for c in row.columns]
            for text, target in pairs:
                if text and len(label_key(text)) >= 2:
                    out.setdefault(label_key(text), target)
    return out


def snap(text: str) -> str:
    """``text``, or the one format label it is a misreading of."""
    key = label_key(text)
    labels = _labels()
    if len(key) < 3 or key in labels:
        return text
    scored = sorted(
        ((SequenceMatcher(None, key, other, autojunk=False).ratio(), other) for other in labels),
        reverse=True,
    )
    best = scored[0]
    target = labels[best[1]]
    runner_up = next((r for r, other in scored if labels[other] != target), 0.0)
    if best[0] >= MIN_RATIO and best[0] - runner_up >= MARGIN:
        return target
    return text
