"""Rows whose label the aliases miss, matched only when nothing else is possible.

Two shapes are recognised after the exact matching of :mod:`gongkai.report.assemble`, for runs
of values that no alias claimed:

* **the older template's row** (:class:`gongkai.report.spec.OldRow`): a 2021-format table
  written with the 2019 trial template's single （六）其他处理 row (docs/law.md#formats). Its values
  go to （六） 3.其他 only when the label says just 其他处理, the row directly after it is
  （七）总计, the row before it comes before the （六） group, and none of the three rows it
  stands for is in the table; the two other sub-rows stay null, and a note says so.
* **a label with a typo** ("2.其他法律行政止公开", 法规禁 missing): matched to a row when the
  label has the row's item number, the row belongs to the group of a neighbouring row (the
  nearest rows matched by label before or after it), most of the label's characters appear in
  order in the row's label and most of the row's label is there, and the row is not matched
  elsewhere. A label close to two rows matches neither, and the extra row's note names both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .model import ExtraRow, Finding
from .normalize import label_key, strip_numbering
from .spec import OldRow, Row, Table, table_title

# how close a label must be to a row's label (longest common subsequence of the two keys,
# item numbers aside): most of the written label, and most of the row's label
_OF_WRITTEN = 0.8
_OF_OFFICIAL = 0.7
_SHORTEST = 4  # a shorter label says too little to be matched approximately
_LONGEST = 60  # and a longer one is a sentence, not a label


@dataclass
class LooseMatches:
    rows: dict[int, Row] = field(default_factory=dict)  # run index → row
    notes: list[Finding] = field(default_factory=list)
    # run index → the rows an unmatched label is close to, when it is close to several
    candidates: dict[int, tuple[Row, ...]] = field(default_factory=dict)


def loose_rows(
    table: Table, labels: Sequence[str | None], matched: Sequence[Row | None]
) -> LooseMatches:
    """Rows for the runs that no alias claimed. ``labels[i]`` is the label written before run
    ``i`` when that run has numbers and no row; ``matched[i]`` the row matched by alias."""
    out = LooseMatches()
    if not any(labels):
        return out
    order = {row.key: index for index, row in enumerate(table.rows)}
    taken = {row.key for row in matched if row is not None}
    for index, label in enumerate(labels):
        if label is None:
            continue
        key = label_key(label)
        before = _neighbour(matched, index, -1)
        after = _neighbour(matched, index, 1)
        old = _old_row(table, key, before, after, taken, order)
        if old is not None:
            row = table.row(old.row)
            out.rows[index] = row
            taken.add(row.key)
            out.notes.append(_old_note(table, old, label))
            continue
        named, close = _close_rows(table, key)
        if len(close) > 1:
            out.candidates[index] = close
            continue
        if not close:
            continue
        row = close[0]
        groups = {named} if named else {n.group for n in (before, after) if n is not None}
        if row.key in taken or row.group not in groups:
            continue
        out.rows[index] = row
        taken.add(row.key)
        out.notes.append(_typo_note(table, row, label))
    return out


def _neighbour(matched: Sequence[Row | None], index: int, step: int) -> Row | None:
    index += step
    while 0 <= index < len(matched):
        if matched[index] is not None:
            return matched[index]
        index += step
    return None


def _old_row(
    table: Table,
    key: str,
    before: Row | None,
    after: Row | None,
    taken: set[str],
    order: dict[str, int],
) -> OldRow | None:
    bare = strip_numbering(key)
    for old in table.old_rows:
        if bare != old.label or after is None or after.key != old.before:
            continue
        if any(replaced in taken for replaced in old.replaces):
            continue  # the table has the newer rows: this is not the older template's row
        first = min(order[replaced] for replaced in old.replaces)
        if before is not None and order[before.key] >= first:
            continue
        return old
    return None


def _close_rows(table: Table, key: str) -> tuple[str | None, tuple[Row, ...]]:
    """The group the label names, if it starts with one ("（三）不予公开 2.…"), and the rows
    (of that group) whose label is close to the rest, with the same item number."""
    named = None
    for group, group_key in _group_keys(table):
        if key.startswith(group_key) and len(key) > len(group_key):
            named, key = group, key[len(group_key) :]
            break
    body = strip_numbering(key)
    numbering = key[: len(key) - len(body)]
    if not numbering or not _SHORTEST <= len(body) <= _LONGEST:
        return named, ()
    found = []
    for row in table.rows:
        if named is not None and row.group != named:
            continue
        official = label_key(row.label)
        official_body = strip_numbering(official)
        if official[: len(official) - len(official_body)] != numbering:
            continue
        if len(official_body) >= _SHORTEST and _close(body, official_body):
            found.append(row)
    return named, tuple(found)


def _group_keys(table: Table) -> tuple[tuple[str, str], ...]:
    groups = dict.fromkeys(row.group for row in table.rows if row.group)
    return tuple((group, label_key(group)) for group in groups)


@lru_cache(maxsize=1 << 10)
def _close(written: str, official: str) -> bool:
    if written == official:
        return True
    common = _common_subsequence(written, official)
    return common >= _OF_WRITTEN * len(written) and common >= _OF_OFFICIAL * len(official)


def _common_subsequence(a: str, b: str) -> int:
    """Length of the longest common subsequence (both strings are short: at most 60 × 60)."""
    previous = [0] * (len(b) + 1)
    for char in a:
        current = [0]
        for j, other in enumerate(b):
            if char == other:
                current.append(previous[j] + 1)
            else:
                current.append(max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def _old_note(table: Table, old: OldRow, label: str) -> Finding:
    empty = "、".join(f"“{table.row(key).display}”" for key in old.replaces if key != old.row)
    return Finding(
        "TABLE-OLD-ROW",
        "warning",
        f"{table_title(table.key)}写作单行“{label}”（2019年试行格式的写法），其数值按"
        f"“{table.row(old.row).display}”读取；2021年格式的{empty}报告中没有，为空",
        table=table.key,
        row=old.row,
        detail={"label": label, "empty_rows": [k for k in old.replaces if k != old.row]},
    )


def _typo_note(table: Table, row: Row, label: str) -> Finding:
    return Finding(
        "ROW-LABEL-TYPO",
        "info",
        f"{table_title(table.key)} “{row.display}” 行：报告写作“{label}”，编号相同、"
        f"文字大部分一致，按该行读取",
        table=table.key,
        row=row.key,
        detail={"label": label, "expected": row.label},
    )


def extra_row_notes(
    table: Table, extras: list[ExtraRow], close: Mapping[int, tuple[Row, ...]]
) -> list[Finding]:
    """TABLE-EXTRA-ROW for each row the format does not have; ``close`` names, by the extra
    row's index, the rows its label was close to (several: it matched none of them)."""
    notes = []
    for index, e in enumerate(extras):
        rows = close.get(index, ())
        maybe = (
            "，与" + "、".join(f"“{r.display}”" for r in rows) + "都相近，无法确定是哪一行"
            if rows
            else ""
        )
        detail: dict[str, object] = {"label": e.label, "cells": list(e.cells)}
        if rows:
            detail["candidates"] = [r.key for r in rows]
        notes.append(
            Finding(
                "TABLE-EXTRA-ROW",
                "warning",
                f"{table_title(table.key)}有国家格式之外的行“{e.label}”（{' '.join(e.cells)}）"
                f"{maybe}，已原样保留，未计入",
                table=table.key,
                line=e.line,
                detail=detail,
            )
        )
    return notes
