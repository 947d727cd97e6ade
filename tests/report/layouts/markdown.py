"""``markdown``: GitHub tables, merged cells written empty, omitted or repeated."""

from __future__ import annotations

from gongkai.report.spec import APPLICANT_COLUMNS, DISPUTE_COLUMNS

from .style import (
    APPLICANT_HEAD,
    COLSPAN,
    ITEM,
    LIT_GROUPS,
    LITIGATION,
    NOTE,
    ORG_GROUP,
    OWN,
    REVIEW,
    ROWSPAN,
    Block,
    Doc,
    LabelCell,
    Style,
    application_labels,
    number,
    proactive_groups,
    row_values,
    spec_of,
    with_extra_rows,
)


def _md_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_row(labels: list[LabelCell], values: list[str], width: int, style: Style) -> str:
    cells: list[str] = []
    for text, kind in labels:
        if kind == OWN:
            cells.append(text)
        elif style.span == "empty" or (style.span == "repeat" and kind == COLSPAN):
            cells.append("")
        elif style.span == "repeat":
            cells.append(text)
    cells += values
    if style.span != "omit":
        cells += [""] * (width - len(cells))
    return _md_line(cells)


def _md_separator(width: int) -> str:
    return "|" + "|".join(["---"] * width) + "|"


def markdown_proactive(doc: Doc, style: Style) -> list[Block]:
    spec = spec_of(doc).proactive
    table = doc["proactive"]
    width = 1 + max(len(r.columns) for r in spec.rows)
    blocks: list[Block] = [[""]]
    for index, (group, rows) in enumerate(proactive_groups(spec)):
        block = [_md_row([(group, OWN)], [], width, style)]
        if index == 0:
            block.append(_md_separator(width if style.span != "omit" else 1))
        block.append(_md_row([(ITEM, OWN)], [c.label for c in rows[0].columns], width, style))
        blocks.append(block)
        for _row, name, values in with_extra_rows(rows, table, style):
            cells = [number(v, style) for v in values]
            blocks.append([_md_row([(name, OWN)], cells, width, style)])
    blocks.append([""])
    return blocks


def markdown_applications(doc: Doc, style: Style) -> list[Block]:
    spec = spec_of(doc).applications
    table = doc["applications"]
    width = 3 + len(APPLICANT_COLUMNS)
    span = [("", COLSPAN)] * 2
    head = [
        _md_row(
            [(NOTE, OWN), *span, (APPLICANT_HEAD, OWN), *[("", COLSPAN)] * 6], [], width, style
        ),
        _md_separator(width if style.span != "omit" else 2),
        _md_row(
            [
                (NOTE, ROWSPAN),
                *span,
                ("自然人", OWN),
                (ORG_GROUP, OWN),
                *[("", COLSPAN)] * 4,
                ("总计", OWN),
            ],
            [],
            width,
            style,
        ),
        _md_row(
            [
                (NOTE, ROWSPAN),
                *span,
                ("自然人", ROWSPAN),
                *[(c.label, OWN) for c in APPLICANT_COLUMNS[1:6]],
                ("总计", ROWSPAN),
            ],
            [],
            width,
            style,
        ),
    ]
    blocks: list[Block] = [[""], head]
    labels = application_labels(spec, style)
    for row in spec.rows:
        values = [number(v, style) for v in row_values(table, row)]
        blocks.append([_md_row(labels[row.key], values, width, style)])
    blocks.append([""])
    return blocks


def markdown_disputes(doc: Doc, style: Style) -> list[Block]:
    width = 15
    heads = [(c.label, OWN) for c in DISPUTE_COLUMNS]
    merged = [("", COLSPAN)] * 4
    rows = [
        _md_row(
            [(REVIEW, OWN), *merged, (LITIGATION, OWN), *[("", COLSPAN)] * 9], [], width, style
        ),
        _md_separator(width if style.span != "omit" else 2),
        _md_row(
            [*heads, (LIT_GROUPS[0], OWN), *merged, (LIT_GROUPS[1], OWN), *merged], [], width, style
        ),
        _md_row([*[(c.label, ROWSPAN) for c in DISPUTE_COLUMNS], *heads, *heads], [], width, style),
    ]
    values = [number(v, style) for group in doc["disputes"].values() for v in group.values()]
    return [[""], rows, [_md_line(values)], [""]]
