"""``word_cells``: Word saved as text, one cell per line after a tab."""

from __future__ import annotations

import re

from gongkai.report.spec import APPLICANT_COLUMNS, DISPUTE_COLUMNS

from .style import (
    APPLICANT_HEAD,
    ITEM,
    LIT_GROUPS,
    LITIGATION,
    NOTE,
    NOTE_BROKEN,
    ORG_GROUP,
    OWN,
    REVIEW,
    ROWSPAN,
    Block,
    Doc,
    Style,
    application_labels,
    label,
    number,
    proactive_groups,
    row_values,
    spec_of,
    with_extra_rows,
)


def _word_value(value: int | float | None, style: Style) -> str:
    text = number(value, style)
    if style.ideographic and text:
        text = "\u3000" + text
    if style.spaced and text and style.rng(f"tab{text}").random() < 0.2:
        return " \t" + text  # seed 004: " \t16"
    return "\t" + text


def _word_label(text: str, style: Style, key: str) -> list[str]:
    """A label cell; long labels are sometimes broken over two lines (no tab on the second)."""
    if key == "declined_reissue" and style.broken and "确认或重新" in text:
        head, tail = text.split("确认或重新")
        return [f"\t{head}确认或重新", tail]  # seeds 000 and 001
    rng = style.rng("break" + key)
    plain = re.sub(r"^\[bookmark:[^\]]*\]", "", text)
    if style.wrap and len(plain) > 12 and rng.random() < 0.15:
        at = len(text) - len(plain) + rng.randint(4, len(plain) - 3)
        return [f"\t{text[:at]}", text[at:]]
    return [f"\t{text}"]


def word_proactive(doc: Doc, style: Style) -> list[Block]:
    spec = spec_of(doc).proactive
    table = doc["proactive"]
    blocks: list[Block] = []
    for group, rows in proactive_groups(spec):
        heading = group
        if style.seed003:
            heading = group.replace("第二十条第", "第二十条\t第 ").replace("）项", "） 项")
        blocks.append([f"\t{heading}", ""])
        headers = [ITEM] + [c.label for c in rows[0].columns]
        if style.seed003:
            headers = [h.replace("（单位：万元）", "  （单位 ：万元）") for h in headers]
        blocks.append([f"\t{h}" for h in headers] + [""])
        for row, name, values in with_extra_rows(rows, table, style):
            lines = _word_label(name, style, row.key)
            lines += [_word_value(v, style) for v in values]
            blocks.append([*lines, ""])
    blocks.append([""])
    return blocks


def word_applications(doc: Doc, style: Style) -> list[Block]:
    spec = spec_of(doc).applications
    table = doc["applications"]
    head = [""] if style.seed % 2 else []
    head += [f"\t{NOTE_BROKEN[0]}", NOTE_BROKEN[1]] if style.broken else [f"\t{NOTE}"]
    head += [f"\t{APPLICANT_HEAD}", ""]
    head += ["\t", "\t自然人", f"\t{ORG_GROUP}", "\t总计", ""]
    head += ["\t", "\t"] + [f"\t{c.label}" for c in APPLICANT_COLUMNS[1:6]] + ["\t", ""]
    blocks: list[Block] = [head]
    labels = application_labels(spec, style)
    for row in spec.rows:
        lines: list[str] = []
        for text, kind in labels[row.key]:
            if kind == ROWSPAN:
                lines.append("\t")
            elif kind == OWN and text == label(row, style):
                lines += _word_label(text, style, row.key)
            elif kind == OWN:
                lines.append(f"\t{text}")
        lines += [_word_value(v, style) for v in row_values(table, row)]
        blocks.append([*lines, ""])
    blocks.append([""])
    return blocks


def word_disputes(doc: Doc, style: Style) -> list[Block]:
    gap = [""] if style.broken == 2 else []
    if style.broken:
        review_heads = [
            "\t结果",
            *gap,
            "维持",
            "\t结果纠正",
            "\t其他结果",
            "\t尚未",
            *gap,
            "审结",
            "\t总",
            *gap,
            "计",
        ]
        lit_heads = [
            "\t结果维持",
            "\t结果纠正",
            "\t其他",
            *gap,
            "结果",
            "\t尚未",
            *gap,
            "审结",
            "\t总计",
            "\t结果维持",
            "\t结果",
            *gap,
            "纠正",
            "\t其他",
            *gap,
            "结果",
            "\t尚未审结",
            "\t总计",
        ]
    else:
        review_heads = [f"\t{c.label}" for c in DISPUTE_COLUMNS]
        lit_heads = review_heads * 2
    head = [f"\t{REVIEW}", f"\t{LITIGATION}", "", *review_heads]
    head += [f"\t{g}" for g in LIT_GROUPS] + ["", *(["\t"] * 5), *lit_heads, ""]
    values = [v for group in doc["disputes"].values() for v in group.values()]
    return [head, [*(_word_value(v, style) for v in values), "", ""]]
