"""Mutation tests: change any single cell of a consistent report and a rule fires at that cell.

Every cell of tables 三 and 四 stands in at least one identity (H1–H3, H5–H7), so any change to
one of them must be caught. In table 二 only the document rows have an identity, across years
(X3, with last year's report); the decision counts and the fee amount have none in the national
format, so a plausible wrong number there cannot be detected from the report alone (a negative
one is, by H8) — that is stated here rather than tested as if it were possible.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.rules import check
from gongkai.report.spec import FORMAT_2021

from ..factories import clean_document, previous_document, report, with_cell

CELLS = [
    ("applications", row.key, column.key)
    for row in FORMAT_2021.applications.rows
    for column in row.columns
] + [
    ("disputes", row.key, column.key) for row in FORMAT_2021.disputes.rows for column in row.columns
]
CROSS_YEAR_CELLS = [
    ("proactive", row, column)
    for row in ("gov_rules", "normative_docs")
    for column in ("issued", "repealed", "in_force")
]


def _points_at(findings: list, table: str, row: str, column: str | None) -> bool:
    for f in findings:
        if (f.table, f.row, f.column) == (table, row, column):
            return True
        if [table, row, column] in f.detail.get("cells", []):
            return True
    return False


def test_all_175_plus_15_cells_are_covered() -> None:
    assert len(CELLS) == 25 * 7 + 3 * 5


@settings(max_examples=400, deadline=None)
@given(
    cell=st.sampled_from(CELLS), delta=st.integers(min_value=1, max_value=500), down=st.booleans()
)
def test_changing_any_cell_of_tables_3_and_4_is_caught_there(
    cell: tuple[str, str, str], delta: int, down: bool
) -> None:
    doc = clean_document()
    table, row, column = cell
    original = doc[table][row][column]
    value = original - delta if down and original - delta >= 0 else original + delta
    changed = report(with_cell(doc, table, row, column, value))
    findings = [f for f in check(changed) if f.severity == "error"]
    assert _points_at(findings, table, row, column), (cell, value, [f.code for f in findings])


def test_every_cell_of_tables_3_and_4_exhaustively() -> None:
    doc = clean_document()
    for table, row, column in CELLS:
        changed = report(with_cell(doc, table, row, column, doc[table][row][column] + 1))
        findings = [f for f in check(changed) if f.severity == "error"]
        assert _points_at(findings, table, row, column), (table, row, column)


def test_document_rows_of_table_2_are_caught_across_years() -> None:
    previous = report(previous_document())
    doc = clean_document()
    for table, row, column in CROSS_YEAR_CELLS:
        changed = report(with_cell(doc, table, row, column, doc[table][row][column] + 1))
        assert _points_at(check(changed, previous), table, row, column), (row, column)


def test_negative_decision_count_is_caught() -> None:
    changed = report(with_cell(clean_document(), "proactive", "licensing", None, -3))
    assert _points_at(check(changed), "proactive", "licensing", None)
