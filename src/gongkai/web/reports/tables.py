"""Count the registers into the three tables of the 2021 format, a few grouped queries each.

The querysets come from :mod:`gongkai.web.reports.cells`, so every count equals the length of
the drill-down list of its cell. Registers with no entry for a row count 0: a generated report
states what the office recorded, and a blank would only mean "not recorded".
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from gongkai.report.model import Cell, CellKey, Number, TableData
from gongkai.report.spec import APPLICANT_TYPES, DISPUTE_COLUMN_KEYS, OUTCOME_KEYS
from gongkai.web.reports import cells
from gongkai.web.reports.cells import DECISION_ROWS, DISPUTE_OUTCOMES, DOCUMENT_ROWS, Year


def _by(qs: QuerySet, *fields: str) -> Counter[tuple[str, ...]]:
    rows = qs.order_by().values(*fields).annotate(n=Count("id"))
    return Counter({tuple(r[f] for f in fields): r["n"] for r in rows})


def _table(key: str, values: dict[CellKey, Number]) -> TableData:
    return TableData(key, {k: Cell(v) for k, v in values.items()})  # type: ignore[arg-type]


def applications_table(agency_id: int, year: int) -> TableData:
    y = Year(year)
    values: dict[CellKey, Number] = {}

    def put_row(row: str, counts: Counter[str]) -> None:
        for column in APPLICANT_TYPES:
            values[(row, column)] = counts[column]
        values[(row, "total")] = sum(counts[c] for c in APPLICANT_TYPES)

    for row, qs in (
        ("received", cells.received(agency_id, y)),
        ("carried_in", cells.carried_in(agency_id, y)),
        ("carried_out", cells.carried_out(agency_id, y)),
    ):
        put_row(row, Counter({k[0]: n for k, n in _by(qs, "applicant_type").items()}))
    closed = _by(cells.concluded(agency_id, y), "outcome", "applicant_type")
    total: Counter[str] = Counter()
    for outcome in OUTCOME_KEYS:
        counts = Counter({t: n for (o, t), n in closed.items() if o == outcome})
        put_row(outcome, counts)
        total.update(counts)
    put_row("concluded_total", total)
    return _table("applications", values)


def proactive_table(agency_id: int, year: int) -> TableData:
    y = Year(year)
    values: dict[CellKey, Number] = {}
    for column, query in (
        ("issued", cells.documents_issued),
        ("repealed", cells.documents_repealed),
        ("in_force", cells.documents_in_force),
    ):
        counts = _by(query(agency_id, y), "kind")
        for row in DOCUMENT_ROWS:
            values[(row, column)] = counts[(row,)]
    sums = {
        r["kind"]: r["n"]
        for r in cells.decisions(agency_id, y).order_by().values("kind").annotate(n=Sum("count"))
    }
    for row in DECISION_ROWS:
        values[(row, None)] = sums.get(row) or 0
    fees = cells.fee_income(agency_id, y).aggregate(n=Sum("amount"))["n"]
    values[("admin_fees", None)] = plain_amount(fees or Decimal(0))
    return _table("proactive", values)


def disputes_table(agency_id: int, year: int) -> TableData:
    y = Year(year)
    done = _by(cells.disputes_concluded(agency_id, y), "path", "outcome")
    pending = _by(cells.disputes_pending(agency_id, y), "path")
    values: dict[CellKey, Number] = {}
    for row in ("review", "lit_direct", "lit_after_review"):
        for column in DISPUTE_OUTCOMES:
            values[(row, column)] = done[(row, column)]
        values[(row, "pending")] = pending[(row,)]
        values[(row, "total")] = sum(values[(row, c)] for c in DISPUTE_COLUMN_KEYS[:-1])
    return _table("disputes", values)


def plain_amount(amount: Decimal) -> Number:
    """万元 as the table prints it: an integer when whole, else its significant decimals."""
    if amount == amount.to_integral_value():
        return int(amount)
    return amount.normalize()
