"""Token stream → table: find each row by its normalized label, place its values, settle.

Rows are recognised by label, never by position (docs/law.md#reading): the row whose alias occurs
last in the text between two runs of values owns the second run. Generic aliases ("总计", "其他")
count only as a whole cell, and only after the table's first row has been seen, so that column
headers of the same words are not taken for rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any

from .cellnotes import noted_cells
from .colmajor import place_columns
from .colrows import certain_claims, plain_text
from .fit import Fit, Identity, Vector, agreed, fit_run, settle
from .loose import extra_row_notes, loose_rows
from .model import Cell, CellKey, ExtraRow, Finding, Number, Severity, TableData
from .normalize import is_digit_run, label_key, strip_numbering
from .read.base import RawLine
from .spec import APPLICANT_TYPES, Format, Row, Table, TableKey, table_title
from .tokens import Token, tokenize
from .wrapped import by_columns, claim_rows, closes_label

_NUMBERING_CHARS = set("0123456789一二三四五六七八九十")
_text = attrgetter("text")
_line = attrgetter("line")


@dataclass
class Run:
    context: list[Token]
    values: list[Token] = field(default_factory=list)

    @property
    def has_number(self) -> bool:
        return any(t.kind == "number" for t in self.values)


def runs_of(tokens: Sequence[Token]) -> list[Run]:
    runs: list[Run] = []
    context: list[Token] = []
    current: Run | None = None
    for token in tokens:
        if token.kind != "text":
            if current is None:
                current = Run(context)
                runs.append(current)
                context = []
            current.values.append(token)
        else:
            current = None
            context.append(token)
    return runs


def _tail(tokens: Sequence[Token]) -> list[Token]:
    """The text after the last value."""
    end = len(tokens)
    while end and tokens[end - 1].kind == "text":
        end -= 1
    return list(tokens[end:])


_UNKNOWN = object()


def match_row(context: Sequence[Token], table: Table, allow_short: bool) -> Row | None:
    """The row whose alias ends last in the context (the longest one, at equal ends).
    Row labels repeat from report to report: what was decided is remembered with the table."""
    texts = tuple(map(_text, context))
    lookups = table.lookups
    memo = (allow_short, texts)
    known = lookups.matches.get(memo, _UNKNOWN)
    if known is not _UNKNOWN:
        return known  # type: ignore[return-value]
    # "" starts a markdown row; a group's heading ("（六）其他处理") may sit inside a row's
    # label where a converter put the group's cell: neither is part of a label
    headings = lookups.heading_keys
    row = _match_row(
        tuple(t for t in texts if t and label_key(t) not in headings), table, allow_short
    )
    lookups.remember(memo, row)
    return row


def _match_row(texts: tuple[str, ...], table: Table, allow_short: bool) -> Row | None:
    keys = list(map(label_key, texts))
    joined = "".join(keys)
    lookups = table.lookups
    pattern, owners, generic = lookups.reversed_pattern, lookups.owners, lookups.generic
    found: Row | None = None
    best = -1
    match = pattern.search(joined[::-1])
    if match:
        best = len(joined) - match.start()
        found = owners[match.group(0)[::-1]]
        if best < len(joined) and _closed_after(texts, keys, best):
            found = None  # the label is another row's, or a column's header
    if allow_short and keys and len(joined) > best:
        # a generic alias counts only as the whole last cell, or after its item number
        # ("3.其他", "（七）总计"), and then only with the row's own item number: "2.其他" under
        # （三）不予公开 is a local row, not （六） 3.其他
        last = keys[-1]
        bare = strip_numbering(last)
        for alias, row, own in generic:
            if not last.endswith(alias):
                continue
            head = last[: -len(alias)]
            if not head or (
                (bare == alias or head[-1] in _NUMBERING_CHARS) and _numbered(head, own)
            ):
                return row
    return found


_ITEM_NUMBER = re.compile(r"(?:[0-9]+|[一二三四五六七八九十]+)[项条部分]?$")


_NUMERALS = {c: str(i) for i, c in enumerate("一二三四五六七八九十", 1)}


def _numbered(head: str, own: str) -> bool:
    """``head`` ends with the item number ``own``, 七 and 7 alike (any number when the row
    has none)."""
    if not own:
        return True
    match = _ITEM_NUMBER.search(head)
    if match is None:
        return False
    number = match.group(0).rstrip("项条部分")
    return _NUMERALS.get(number, number) == _NUMERALS.get(own, own)


def _closed_after(texts: tuple[str, ...], keys: list[str], end: int) -> bool:
    """Whether a cell after the one where a label ends (at ``end`` of the joined keys) starts
    another numbered label or is a column header: the numbers that follow are not that
    label's (a label wrapped below its numbers, or a converter that reads by columns)."""
    length = 0
    for index, key in enumerate(keys):
        length += len(key)
        if length >= end:
            return any(map(closes_label, texts[index + 1 :]))
    return False


@dataclass(frozen=True)
class TableResult:
    data: TableData | None
    notes: tuple[Finding, ...]
    by_columns: bool = False  # the converter wrote the table column by column


def assemble_table(
    fmt: Format,
    key: TableKey,
    lines: Sequence[RawLine],
    vanishing: bool = False,
    by_columns_text: bool = False,
) -> TableResult:
    """``vanishing``: the lines come from a page dump, where an empty cell leaves no trace
    between run-together digits (see :func:`gongkai.report.fit.fit_run`). ``by_columns_text``:
    another table of the document was written column by column (table 二 is then read as
    :mod:`gongkai.report.colrows` says)."""
    table = fmt.table(key)
    tokens = tokenize(lines, fmt.label_test)
    runs = runs_of(tokens)
    columns = by_columns(runs, table)
    column_text = columns and plain_text(lines)  # no cells, no pipes: written by columns
    notes: list[Finding] = []
    fits: dict[str, Fit] = {}
    labels: dict[str, str] = {}
    extras: list[ExtraRow] = []
    close: dict[int, tuple[Row, ...]] = {}  # extra row → the rows its label is close to
    if key == "disputes":
        flat = _flattened_disputes(runs, vanishing)
        if flat is not None:
            fits.update(flat)
            labels.update((spec_row.key, spec_row.label) for spec_row in table.rows)
    if not fits:
        has_total = _has_total(key)
        claims = claim_rows(runs, _tail(tokens), table, match_row)
        if key == "proactive" and (column_text or (by_columns_text and plain_text(lines))):
            claims, doubts = certain_claims(runs, claims, table, lines, match_row)
            notes.extend(doubts)
        matches = [claim[0] for claim in claims]
        loose = loose_rows(table, _loose_labels(runs, matches), matches)
        notes.extend(loose.notes)
        for index, (run, (claimed, wrapped_label)) in enumerate(zip(runs, claims, strict=True)):
            matched = claimed or loose.rows.get(index)
            if matched is None:
                extra = _extra_row(run)
                if extra:
                    extras.append(extra)
                    if index in loose.candidates:
                        close[len(extras) - 1] = loose.candidates[index]
                continue
            row = matched
            fit = fit_run(run.values, len(row.columns), has_total, vanishing=vanishing)
            if row.key in fits:
                if not run.has_number or fits[row.key].candidates == fit.candidates:
                    continue
                if any(c.value is not None for v in fits[row.key].candidates for c in v):
                    notes.append(_duplicate(table, row, run))
                    continue
            fits[row.key] = fit
            labels[row.key] = (
                wrapped_label or _source_label(run.context, row)
                if claimed is not None
                else run.context[-1].text.strip()  # the label matched loosely, as written
            )
        if key == "applications" and columns:
            notes.extend(place_columns(tokens, table, match_row, fits, labels))
    if not fits:
        return TableResult(None, tuple(notes), column_text)
    survivors = settle(fits, _identities(table), blank_zero=vanishing)
    cells: dict[CellKey, Cell] = {}
    for row, cell_keys in table.lookups.cell_keys:
        placed = fits.get(row.key)
        if placed is None:
            continue
        vector, unsure = agreed(survivors[row.key], len(cell_keys), placed.line)
        if not "".join(placed.raw).isdigit():  # a cell with a unit or a note, a blank…
            vector, found = noted_cells(table, row, cell_keys, vector)
            notes.extend(found)
        cells.update(zip(cell_keys, vector, strict=True))
        if placed.how != "exact" and placed.how != "padded":
            notes.extend(_fit_notes(table, row, placed, survivors[row.key], unsure))
    first_line = min(filter(None, map(_line, cells.values())), default=None)
    notes.extend(extra_row_notes(table, extras, close))
    data = TableData(key, cells, tuple(extras), first_line, labels)
    return TableResult(data, tuple(notes), column_text)


def _loose_labels(runs: Sequence[Run], matches: Sequence[Row | None]) -> list[str | None]:
    """The label of each run with numbers that no alias claimed (see :mod:`.loose`)."""
    return [
        run.context[-1].text.strip() if row is None and run.context and run.has_number else None
        for run, row in zip(runs, matches, strict=True)
    ]


def _has_total(key: TableKey) -> bool:
    return key in ("applications", "disputes")


def _source_label(context: Sequence[Token], row: Row) -> str:
    """The row's label as the source wrote it, joined again if it was broken over cells."""
    if context and _names_row(context[-1].text.strip(), row.aliases):
        return context[-1].text.strip()  # the usual case: the label is the last cell
    pieces: list[str] = []
    for token in reversed(context):
        pieces.insert(0, token.text.strip())
        key = label_key("".join(pieces))
        if any(alias in key for alias in row.aliases):
            break
    return "".join(pieces)


@lru_cache(maxsize=1 << 12)
def _names_row(text: str, aliases: tuple[str, ...]) -> bool:
    key = label_key(text)
    return any(alias in key for alias in aliases)


def _flattened_disputes(runs: list[Run], vanishing: bool = False) -> dict[str, Fit] | None:
    """Table 四 is one data row of 15 cells under a two-level header."""
    headed = [
        i for i, run in enumerate(runs) if run.has_number and _after_column_headers(run.context)
    ]
    if headed:  # every value after the whole header belongs to the one data row
        values = [token for run in runs[headed[0] :] for token in run.values]
        return _by_group(fit_run(values, 15, True, group=5, vanishing=vanishing))
    for run in reversed(runs):
        if not run.has_number:
            continue
        values = list(run.values)
        numbers = [t for t in values if t.kind == "number"]
        glued = (
            len(numbers) == 1
            and is_digit_run(numbers[0].text)
            and len(label_key(numbers[0].text)) >= 15
        )
        if len(values) > 5 or glued:
            return _by_group(fit_run(values, 15, True, group=5, vanishing=vanishing))
        return None
    return None


def _by_group(fit: Fit) -> dict[str, Fit]:
    out: dict[str, Fit] = {}
    for index, key in enumerate(("review", "lit_direct", "lit_after_review")):
        part = tuple(v[index * 5 : index * 5 + 5] for v in fit.candidates)
        unique = tuple(dict.fromkeys(part))
        out[key] = Fit(unique, fit.how, fit.raw, fit.line)
    return out


def _after_column_headers(context: Sequence[Token]) -> bool:
    """The values follow the whole two-level header (…复议后起诉 结果维持 … 总计): they are the
    one data row of all 15 cells, however few of them are written (a page dump drops empty
    cells), not the row of the last group named."""
    key = "".join(label_key(t.text) for t in context[-12:])
    return "复议后起诉" in key and key.endswith(("总计", "尚未审结", "合计"))


_TOTALS = ("received", "carried_in", "concluded_total", "carried_out")


def _identities(table: Table) -> list[Identity]:
    """H1 and H2 over rows whose placement is open, for settling; cells still unknown pass, and
    so does H2 while an outcome row was not read at all (its cells are unknown too)."""
    if table.key != "applications":
        return []
    columns = range(len(APPLICANT_TYPES) + 1)
    outcome_rows = [row.key for row in table.rows if row.key not in _TOTALS]

    def balance(t: Mapping[str, Sequence[Number | None]]) -> bool:
        if not all(k in t for k in _TOTALS):
            return True
        for c in columns:
            n, b, total, out = (t[k][c] for k in _TOTALS)
            if None not in (n, b, total, out) and n + b != total + out:  # type: ignore[operator]
                return False
        return True

    def outcomes(t: Mapping[str, Sequence[Number | None]]) -> bool:
        if "concluded_total" not in t or not all(k in t for k in outcome_rows):
            return True
        for c in columns:
            parts = [t[k][c] for k in outcome_rows]
            total = t["concluded_total"][c]
            if total is not None and None not in parts and sum(parts) != total:  # type: ignore[arg-type]
                return False
        return True

    return [balance, outcomes]


def _extra_row(run: Run) -> ExtraRow | None:
    if not run.has_number or not run.context:
        return None
    label = run.context[-1].text.strip()
    if not label or len(label) > 40 or any(p in label for p in "。；"):
        return None
    return ExtraRow(label, tuple(t.text for t in run.values), run.values[0].line)


def _where(table: Table, row: Row) -> str:
    return f"{table_title(table.key)} “{row.display}” 行"


# what a finding says about a row that did not fit its cells one to one, by how it was fitted
# (a run-together row also by how many of its splits hold): (code, severity, message)
_FIT_MESSAGES: dict[str, tuple[str, Severity, str]] = {
    "subtotal_column": (
        "TABLE-EXTRA-COLUMN",
        "warning",
        "{where}：有8个数字，多出的“法人或其他组织”小计列不属于国家格式，已按其余7列读取",
    ),
    "long": (
        "CELL-AMBIGUOUS",
        "error",
        "{where}：有{count}个值，多于{cells}个单元格，无法确定对应关系（{raw}）",
    ),
    "run_together_open": (
        "CELL-AMBIGUOUS",
        "error",
        "{where}：数字连写为“{raw}”，空白单元格在网页转存中不留痕迹，可能的拆分过多，无法读取",
    ),
    "run_together/none": (
        "CELL-AMBIGUOUS",
        "error",
        "{where}：数字连写为“{raw}”，没有一种拆分符合勾稽关系，无法读取",
    ),
    "run_together/one": (
        "CELL-SPLIT",
        "info",
        "{where}：数字连写为“{raw}”，按勾稽关系唯一拆分为 {values}",
    ),
    "run_together/many": (
        "CELL-AMBIGUOUS",
        "error",
        "{where}：数字连写为“{raw}”，有{splits}种{readings}，{columns}无法确定，未填入",
    ),
    "short": (
        "CELL-AMBIGUOUS",
        "error",
        "{where}：只有{count}个数字（{raw}），应有{cells}个单元格，"
        "无法确定数字所在的列，{columns}未填入",
    ),
}
# the cases that leave cells open: the finding lists the readings and the columns
_OPEN_CELLS = frozenset({"run_together/many", "short"})


def _fit_case(fit: Fit, survivors: tuple[Vector, ...], unsure: list[int]) -> str | None:
    """The key of :data:`_FIT_MESSAGES` for a fitted row; None when there is nothing to say."""
    if fit.how == "short":
        return "short" if unsure else None
    if fit.how == "run_together":
        return f"run_together/{('none', 'one', 'many')[min(len(survivors), 2)]}"
    return fit.how if fit.how in _FIT_MESSAGES else None


def _fit_notes(
    table: Table, row: Row, fit: Fit, survivors: tuple[Vector, ...], unsure: list[int]
) -> list[Finding]:
    case = _fit_case(fit, survivors, unsure)
    if case is None:
        return []
    code, severity, template = _FIT_MESSAGES[case]
    raw = " ".join(fit.raw)
    shown = [r if len(r) <= 80 else f"{r[:60]}…" for r in fit.raw]
    if len(raw) > 80:  # a run of thousands of digits is named by its start
        raw = f"{raw[:60]}…（共{len(raw)}个字符）"
    message = template.format(
        where=_where(table, row),
        raw=raw,
        count=len(fit.raw),
        cells=len(row.columns),
        splits=len(survivors),
        readings=_readings(table) if case == "run_together/many" else "",
        values="、".join(str(c.value) for c in survivors[0]) if case == "run_together/one" else "",
        columns=_columns(row, unsure),
    )
    detail: dict[str, Any] = {"raw": shown}
    if case in _OPEN_CELLS:
        detail.update(candidates=_options(survivors), columns=_keys(row, unsure))
    return [
        Finding(code, severity, message, table=table.key, row=row.key, line=fit.line, detail=detail)
    ]


def _readings(table: Table) -> str:
    if table.key == "proactive":  # no identity: every reading is possible
        return "读法（表二没有可以核对的勾稽关系，空白单元格在连写中不留痕迹）"
    return "拆分都符合勾稽关系"


def _options(survivors: tuple[Vector, ...]) -> list[list[Number | None]]:
    return [[c.value for c in v] for v in survivors[:10]]


def _keys(row: Row, indexes: list[int]) -> list[str | None]:
    return [row.columns[i].key for i in indexes]


def _columns(row: Row, indexes: list[int]) -> str:
    if not indexes:
        return ""
    return "、".join(f"“{row.columns[i].label}”" for i in indexes) + "列"


def _duplicate(table: Table, row: Row, run: Run) -> Finding:
    return Finding(
        "TABLE-DUPLICATE-ROW",
        "warning",
        f"{_where(table, row)}出现两次，已采用第一次出现的数值",
        table=table.key,
        row=row.key,
        line=run.values[0].line if run.values else None,
        detail={"raw": [t.text for t in run.values]},
    )
