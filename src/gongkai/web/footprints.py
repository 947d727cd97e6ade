"""How one record counts in one year's report: its footprint.

The year-end lock (gongkai.web.yearlock) asks for a 更正理由 only when a change alters the figures of
a published year. A change alters year Y's figures exactly when the record's footprint in Y
before the change differs from its footprint after it (a report's figures are sums over
records); ``None`` means the record does not count in Y at all. The rules are those of
:mod:`gongkai.web.reports.cells` (docs/law.md#counting) for one record, and a test checks
them against the tables; when in doubt a footprint says more (a change of a date that counts
in a timeliness figure alters it), never less.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any


def _last(year: int) -> date:
    return date(year, 12, 31)


def document(d: Any, year: int) -> Hashable:
    """Table 二: issued, ended (repealed or expired) in the year, in force at its end."""
    ends = [x for x in (d.repealed_on, d.expires_on) if x is not None]
    ended = min(ends) if ends else None
    issued = d.issued_on is not None and d.issued_on.year == year
    repealed = ended is not None and ended.year == year
    in_force = (
        d.issued_on is not None
        and d.issued_on <= _last(year)
        and (ended is None or ended > _last(year))
    )
    return (d.kind, issued, repealed, in_force) if issued or repealed or in_force else None


def decision(d: Any, year: int) -> Hashable:
    return (d.kind, d.count) if d.year == year else None


def fee(f: Any, year: int) -> Hashable:
    return f.amount if f.year == year else None


def catalogue_entry(e: Any, year: int) -> Hashable:
    """Section 一's figures: created, published in the year, and (by both dates) late."""
    created = e.created_on is not None and e.created_on.year == year
    published = e.published_on is not None and e.published_on.year == year
    if not (created or published):
        return None
    return created, (e.created_on, e.published_on) if published else None


def dispute(d: Any, year: int) -> Hashable:
    """Table 四: concluded in the year with its outcome, or pending at its end."""
    if d.concluded_on is not None and d.concluded_on.year == year:
        return "concluded", d.path, d.outcome
    if (
        d.filed_on is not None
        and d.filed_on <= _last(year)
        and (d.concluded_on is None or d.concluded_on > _last(year))
    ):
        return "pending", d.path
    return None


def matter(m: Any, year: int) -> Hashable:
    return (m.kind, m.count) if m.on is not None and m.on.year == year else None


def application(
    received_on: date | None, closed_on: date | None, outcome: str, applicant_type: str, year: int
) -> Hashable:
    """Table 三: received in the year, carried in, concluded with its outcome, carried out."""

    def open_at(day: date) -> bool:
        return (
            received_on is not None
            and received_on <= day
            and (closed_on is None or closed_on > day)
        )

    received = received_on is not None and received_on.year == year
    concluded = outcome if closed_on is not None and closed_on.year == year else None
    carried_in, carried_out = open_at(_last(year - 1)), open_at(_last(year))
    if not (received or concluded or carried_in or carried_out):
        return None
    return applicant_type, received, carried_in, concluded, carried_out
