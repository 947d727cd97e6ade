"""The layouts with a whole row on one line: spaces, tabs, or values run together."""

from __future__ import annotations

from collections.abc import Callable
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


def row_layout(sep: str, glue: bool = False) -> dict[str, Callable[..., list[Block]]]:
    """Writers for the layouts with a whole row on one line. ``glue``: the values of table 三
    and 四 run together and stick to the label (table 二 keeps its separators). A blank cell is
    an empty field only between tabs; with spaces it needs a marker."""

    def cell(value: Any, style: Style) -> str:
        return number(value, style, style.blank if style.blank or sep == "\t" else "/")

    def line(cells: list[str]) -> str:
        return sep.join(cells)

    def proactive(doc: Doc, style: Style) -> list[Block]:
        spec = spec_of(doc).proactive
        table = doc["proactive"]
        blocks: list[Block] = []
        for group, rows in proactive_groups(spec):
            blocks.append([group, line([ITEM] + [c.label for c in rows[0].columns])])
            for _row, name, values in with_extra_rows(rows, table, style):
                blocks.append([line([name, *(cell(v, style) for v in values)])])
        return blocks

    def applications(doc: Doc, style: Style) -> list[Block]:
        spec = spec_of(doc).applications
        table = doc["applications"]
        joiner = "" if glue else sep
        blocks: list[Block] = [
            [
                joiner.join((NOTE, APPLICANT_HEAD)),
                joiner.join(("自然人", ORG_GROUP, "总计")),
                joiner.join(c.label for c in APPLICANT_COLUMNS[1:6]),
            ]
        ]
        for row in spec.rows:
            own = [text for text, kind in application_labels(spec, style)[row.key] if kind == OWN]
            values = [cell(v, style) for v in row_values(table, row)]
            block: Block = []
            if not style.inline_groups:
                block += own[:-1]
                own = own[-1:]
            if glue:
                block.append("".join(own) + "".join(values))
            else:
                block.append(line([*own, *values]))
            blocks.append(block)
        return blocks

    def disputes(doc: Doc, style: Style) -> list[Block]:
        joiner = "" if glue else sep
        heads = [c.label for c in DISPUTE_COLUMNS]
        head = [
            joiner.join((REVIEW, LITIGATION)),
            joiner.join((*heads, *LIT_GROUPS)),
            joiner.join(heads * 2),
        ]
        values = [cell(v, style) for group in doc["disputes"].values() for v in group.values()]
        return [head, [("" if glue else sep).join(values)]]

    return {"proactive": proactive, "applications": applications, "disputes": disputes}
