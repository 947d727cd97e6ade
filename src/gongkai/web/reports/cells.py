"""Which records stand behind each cell of a generated report: the counting rules of
docs/law.md#counting written once, as querysets.

The tables are counted from these querysets (gongkai.web.reports.tables) and a cell's
drill-down lists the same queryset, so the list behind a cell always has as many records as
the cell says.

- 本年新收: the legal receipt date (art. 31) falls in the year; the receipt date stays the
  first one when a corrected application restarts the clock, so it is counted once.
- 上年结转: received before the year and still open on its first day.
- outcome rows: closed in the year, whatever the year of receipt; one outcome per case, so a
  partial grant is counted only as 部分公开.
- 结转下年度: received by 31 December and still open at its end.
- Table 二: documents by issue and end date (repeal, or expiry of a fixed term: the day it
  ceases to be in force), decisions and fee income by year.
- Table 四: concluded in the year by outcome; pending = filed by 31 December and not concluded
  by then (cases carry across years until they conclude).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce, Least

from gongkai.report.spec import APPLICANT_TYPES, OUTCOME_KEYS
from gongkai.web.applications.models import Application
from gongkai.web.registers.models import Decision, Dispute, FeeIncome, RegisteredDocument
from gongkai.web.reports.errors import NoSuchCell

DECISION_ROWS = ("licensing", "penalty", "coercion")
DOCUMENT_ROWS = ("gov_rules", "normative_docs")
DISPUTE_OUTCOMES = ("upheld", "corrected", "other_outcome")


@dataclass(frozen=True)
class Year:
    year: int

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)


def open_at(day: date) -> Q:
    """Cases received by ``day`` and not closed by its end."""
    return Q(received_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def applications(agency_id: int) -> QuerySet[Application]:
    return Application.objects.filter(agency_id=agency_id)


def received(agency_id: int, y: Year) -> QuerySet[Application]:
    return applications(agency_id).filter(received_on__range=(y.first, y.last))


def carried_in(agency_id: int, y: Year) -> QuerySet[Application]:
    # open at the end of the last day of the year before
    return applications(agency_id).filter(open_at(date(y.year - 1, 12, 31)))


def concluded(agency_id: int, y: Year) -> QuerySet[Application]:
    return applications(agency_id).filter(closed_on__range=(y.first, y.last))


def carried_out(agency_id: int, y: Year) -> QuerySet[Application]:
    return applications(agency_id).filter(open_at(y.last))


def documents(agency_id: int) -> QuerySet[RegisteredDocument]:
    return RegisteredDocument.objects.filter(agency_id=agency_id).annotate(
        ended_on=Least(Coalesce("repealed_on", "expires_on"), Coalesce("expires_on", "repealed_on"))
    )


def documents_issued(agency_id: int, y: Year) -> QuerySet[RegisteredDocument]:
    return documents(agency_id).filter(issued_on__range=(y.first, y.last))


def documents_repealed(agency_id: int, y: Year) -> QuerySet[RegisteredDocument]:
    # ended_on is documents()' annotation, which the type plugin does not see
    return documents(agency_id).filter(ended_on__range=(y.first, y.last))  # type: ignore[misc]


def documents_in_force(agency_id: int, y: Year) -> QuerySet[RegisteredDocument]:
    return documents(agency_id).filter(
        Q(issued_on__lte=y.last) & (Q(ended_on__isnull=True) | Q(ended_on__gt=y.last))
    )


def decisions(agency_id: int, y: Year) -> QuerySet[Decision]:
    return Decision.objects.filter(agency_id=agency_id, year=y.year)


def fee_income(agency_id: int, y: Year) -> QuerySet[FeeIncome]:
    return FeeIncome.objects.filter(agency_id=agency_id, year=y.year)


def disputes_concluded(agency_id: int, y: Year) -> QuerySet[Dispute]:
    return Dispute.objects.filter(agency_id=agency_id, concluded_on__range=(y.first, y.last))


def disputes_pending(agency_id: int, y: Year) -> QuerySet[Dispute]:
    return Dispute.objects.filter(agency_id=agency_id, filed_on__lte=y.last).filter(
        Q(concluded_on__isnull=True) | Q(concluded_on__gt=y.last)
    )


_APPLICATION_ROWS = {
    "received": received,
    "carried_in": carried_in,
    "concluded_total": concluded,
    "carried_out": carried_out,
}
_DOCUMENT_COLUMNS = {
    "issued": documents_issued,
    "repealed": documents_repealed,
    "in_force": documents_in_force,
}


def behind(agency_id: int, year: int, table: str, row: str, column: str | None) -> QuerySet:
    """The records counted in one cell, for its drill-down list."""
    y = Year(year)
    if table == "applications":
        if row in _APPLICATION_ROWS:
            qs = _APPLICATION_ROWS[row](agency_id, y)
        elif row in OUTCOME_KEYS:
            qs = concluded(agency_id, y).filter(outcome=row)
        else:
            raise NoSuchCell(table, row, column)
        if column == "total":
            return qs
        if column not in APPLICANT_TYPES:
            raise NoSuchCell(table, row, column)
        return qs.filter(applicant_type=column)
    if table == "proactive":
        if row in DOCUMENT_ROWS and column in _DOCUMENT_COLUMNS:
            return _DOCUMENT_COLUMNS[column](agency_id, y).filter(kind=row)
        if row in DECISION_ROWS and column is None:
            return decisions(agency_id, y).filter(kind=row)
        if row == "admin_fees" and column is None:
            return fee_income(agency_id, y)
        raise NoSuchCell(table, row, column)
    if table == "disputes" and row in ("review", "lit_direct", "lit_after_review"):
        if column in DISPUTE_OUTCOMES:
            return disputes_concluded(agency_id, y).filter(path=row, outcome=column)
        if column == "pending":
            return disputes_pending(agency_id, y).filter(path=row)
        if column == "total":
            done = disputes_concluded(agency_id, y).filter(path=row)
            return (done | disputes_pending(agency_id, y).filter(path=row)).distinct()
        raise NoSuchCell(table, row, column)
    raise NoSuchCell(table, row, column)
