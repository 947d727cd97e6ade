"""``pipe_stream``: every cell followed by " |", as seed 002."""

from __future__ import annotations

from typing import Any

from gongkai.report.spec import APPLICANT_COLUMNS, DISPUTE_COLUMNS

from .style import (
    APPLICANT_HEAD,
    ITEM,
    LIT_GROUPS,
    LITIGATION,
    NOTE,
    ORG_GROUP,
    OWN,
    REVIEW,
    Block,
    Doc,
    Style,
    application_labels,
    number,
    proactive_groups,
    row_values,
    spec_of,
    with_extra_rows,
)


def _pipe_values(values: list[Any], style: Style, key: str) -> list[str]:
    cells = [number(v, style) for v in values]
    if key == "declined_reissue" or (style.wrap and style.rng("split" + key).random() < 0.1):
        # seed 002, row 5.要求行政机关…: "0" and "|" on separate lines
        return [line for cell in cells for line in ((cell, "|") if cell else (" |",))]
    return [f"{cell} |" for cell in cells]


def pipe_proactive(doc: Doc, style: Style) -> list[Block]:
    spec = spec_of(doc).proactive
    table = doc["proactive"]
    grid = 1 + max(len(r.columns) for r in spec.rows)
    rows: list[tuple[Block, int]] = []  # the lines of a row, and the slots its merged cells cover
    for group, block_rows in proactive_groups(spec):
        covered = grid - 1 - len(block_rows[0].columns)  # the last header or value cell spans
        rows.append(([f"{group} |"], grid - 1))
        rows.append(([f"{ITEM} |", *(f"{c.label} |" for c in block_rows[0].columns)], covered))
        for row, name, values in with_extra_rows(block_rows, table, style):
            rows.append(([f"{name} |", *_pipe_values(values, style, row.key)], covered))
    return _pipe_rows(rows)


def _pipe_rows(rows: list[tuple[Block, int]]) -> list[Block]:
    """Seed 002 ends a row with one line of bare pipes, one for each grid slot its merged cells
    cover (a label spanning three columns: "||"); the last row of a table has none."""
    last = len(rows) - 1
    return [
        lines + (["|" * covered] if covered and i < last else [])
        for i, (lines, covered) in enumerate(rows)
    ]


def pipe_applications(doc: Doc, style: Style) -> list[Block]:
    spec = spec_of(doc).applications
    table = doc["applications"]
    head = (
        [
            f"{NOTE} |",
            f"{APPLICANT_HEAD} |",
            "||||||||",
            "自然人 |",
            f"{ORG_GROUP} |",
            "总计 |",
            "|||||||",
        ]
        + [f"{c.label} |" for c in APPLICANT_COLUMNS[1:6]]
        + ["|||||"]
    )
    labels = application_labels(spec, style)
    rows: list[tuple[Block, int]] = []
    for row in spec.rows:
        lines = [f"{text} |" for text, kind in labels[row.key] if kind == OWN]
        lines += _pipe_values(row_values(table, row), style, row.key)
        rows.append((lines, sum(kind != OWN for _, kind in labels[row.key])))
    return [head, *_pipe_rows(rows)]


def pipe_disputes(doc: Doc, style: Style) -> list[Block]:
    heads = [f"{c.label} |" for c in DISPUTE_COLUMNS]
    head = [f"{REVIEW} |", f"{LITIGATION} |", "|" * 13, *heads]
    head += [f"{g} |" for g in LIT_GROUPS] + ["|" * 8, *heads, *heads, "|||||"]
    values = [v for group in doc["disputes"].values() for v in group.values()]
    return [head, _pipe_values(values, style, "disputes")]
