"""Table 二 in a document written column by column: a row's numbers only where nothing else can
own them.

pdftotext's default mode and pdfminer.six write a table's cells as text blocks in an order of
their own: a row label is often followed by its own numbers, but a blank cell leaves no trace,
and the number that follows may then be another row's (pdfminer: 规章 行政规范性文件 4519 60 0,
where 4519 and 0 are the second row's and 60 the first's) or one printed after the page footer
(pdftotext: 行政事业性收费 — 2 — 7, where 7 is the 现行有效件数 of 行政规范性文件 at the top of the
next page). Table 二 has no identity to check a reading by, so in such a document a row label
owns the numbers after it only when

* the table holds exactly as many values as cells: with a blank cell anywhere, a number may
  have moved into any row (规章 0, –, 983 and 行政规范性文件 2849, 16, 704 written
  规章 … 0 行政规范性文件 983 2849 16 … — 2 — 704);

* the label is the last text before them (no column header, group heading or other word in
  between);
* the text before the label is not another row's label (a block of stacked labels: the
  numbers after it may be any of them);
* no line was dropped between the label and the numbers (a page footer or running header: the
  numbers are the next page's, not necessarily the label's);

Otherwise the row stays empty with a
CELL-AMBIGUOUS finding that says why. A row whose count of numbers does not fit its columns is
left empty by the fitting (:func:`gongkai.report.fit.fit_run`) as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .model import Finding
from .read.base import RawLine
from .spec import Row, Table, table_title
from .tokens import Token
from .wrapped import Claim

if TYPE_CHECKING:
    from .assemble import Run

Match = Callable[[Sequence[Token], Table, bool], "Row | None"]
_NONE = Claim(None, None)


def plain_text(lines: Sequence[RawLine]) -> bool:
    """Text with no table structure at all (no cells, no markdown pipes): the only kind a
    converter writes column by column. A markdown row that runs long is no column."""
    return all(line.cells is None and "|" not in line.text for line in lines)


def doubt(run: Run, row: Row, table: Table, lines: Sequence[RawLine], match: Match) -> str | None:
    """Why the numbers of ``run`` may not be ``row``'s in a column-by-column text (None: they
    can only be its own)."""
    first = run.values[0]
    texts = [t for t in run.context if t.text.strip()]
    if not texts:
        return None
    last = texts[-1]
    if match([last], table, True) is not row:
        return f"行名“{row.display}”与其后的数字之间隔有“{last.text.strip()}”"
    if len(texts) > 1:
        before = match([texts[-2]], table, True)
        if before is not None and before is not row:
            return f"行名“{before.display}”“{row.display}”连续排列，其后的数字属于哪一行无法确定"
    if _dropped_between(lines, last.line, first.line):
        return f"行名“{row.display}”之后是分页（页脚或页眉），其后的数字可能属于另一行"
    return None


def _blank_cells(runs: Sequence[Run], table: Table) -> str | None:
    """Why no row can be read when the table's values are fewer (or more) than its cells: a
    blank cell leaves no trace in such a text, and a number beside it may be any row's."""
    values = sum(len(run.values) for run in runs)
    cells = sum(len(row.columns) for row in table.rows)
    if values == cells:
        return None
    return (
        f"表中共有{values}个数字，应有{cells}个单元格（有空白单元格或多余的数字），"
        "空白单元格在这种文字中不留痕迹，数字可能移到了别的行"
    )


def _dropped_between(lines: Sequence[RawLine], start: int, end: int) -> bool:
    """Whether a line between ``start`` and ``end`` (line numbers) was dropped as page
    furniture or chrome: the lines kept run without a gap otherwise."""
    kept = {line.number for line in lines if start <= line.number <= end}
    return any(number not in kept for number in range(start + 1, end))


def certain_claims(
    runs: Sequence[Run],
    claims: Sequence[Claim],
    table: Table,
    lines: Sequence[RawLine],
    match: Match,
) -> tuple[list[Claim], list[Finding]]:
    """The claims of a column-by-column table 二 whose numbers can only be the row's; the others
    are dropped, with a finding each."""
    kept: list[Claim] = []
    notes: list[Finding] = []
    blanks = _blank_cells(runs, table)
    for run, claim in zip(runs, claims, strict=True):
        row = claim.row
        why = None
        if row is not None and run.has_number:
            why = blanks or doubt(run, row, table, lines, match)
        if why is None:
            kept.append(claim)
            continue
        kept.append(_NONE)
        notes.append(_ambiguous(table, row, run.values, why))  # type: ignore[arg-type]
    return kept, notes


def _ambiguous(table: Table, row: Row, values: Sequence[Token], why: str) -> Finding:
    shown = " ".join(t.text for t in values[:10])
    return Finding(
        "CELL-AMBIGUOUS",
        "error",
        f"{table_title(table.key)} “{row.display}” 行：转换工具按列逐列写出表格，{why}，"
        f"该行未填入（其后的数字：{shown}）",
        table=table.key,
        row=row.key,
        line=values[0].line,
        detail={"raw": [t.text for t in values[:50]]},
    )
