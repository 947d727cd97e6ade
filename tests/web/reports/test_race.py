"""The year-end lock under real concurrency: publishing a report while a clerk enters a record
of that year, at the same moment, on separate connections (as two server processes do).

On PostgreSQL the agency-year's lock row decides the order; on SQLite the write lock taken at
BEGIN IMMEDIATE does. Whatever the order, the published report and the registers agree, or the record was refused,
or it came with a correction that reopened the report. Without the lock a published report
says 行政许可 N while the registers hold N + 1 and no correction is recorded.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.web.concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)

TRIALS = 12
PROSE = {
    "problems_section": "一是公开目录更新不够及时；二是答复文书说理不够充分。"
    "下一步将加强培训，规范答复文书，按季度检查公开目录。"
}


def _licensing(year: int, agency_id: int) -> int:
    from django.db.models import Sum

    from gongkai.web.registers.models import Decision

    total = Decision.objects.filter(agency_id=agency_id, year=year, kind="licensing").aggregate(
        n=Sum("count")
    )["n"]
    return total or 0


def test_publishing_and_a_late_entry_at_once_never_disagree(people: dict[str, Any]) -> None:
    from gongkai.web.registers.services import decisions
    from gongkai.web.reports import lock, services
    from gongkai.web.reports.models import AnnualReport, Correction
    from gongkai.web.yearlock import YearLocked

    clerk, approver = people["clerk"], people["approver"]
    agency_id = clerk.staff.agency_id
    report = services.open_draft(clerk, agency_id, 2025)
    services.save(clerk, report.pk, PROSE)
    violations, refused, counted = 0, 0, 0
    for trial in range(TRIALS):
        entry = {
            "kind": "licensing",
            "decided_on": date(2025, 5, 6),
            "reference": f"临民许〔2025〕{trial + 1}号",
        }
        results = at_once(
            lambda: services.publish(approver, report.pk, date(2026, 1, 20)),
            lambda entry=entry: decisions.create_entry(clerk, entry),
        )
        for result in results:
            assert (
                result is None
                or not isinstance(result, Exception)
                or isinstance(result, YearLocked)
            ), repr(result)
        report.refresh_from_db()
        published = report.document["proactive"]["licensing"]
        if isinstance(results[1], YearLocked):
            refused += 1
        elif report.status == "published":
            if published == _licensing(2025, agency_id):
                counted += 1
            else:
                violations += 1
        if report.status == "published":  # open it again for the next trial
            lock.reopen(report, approver, "再试一次")
    print(f"race trials: {TRIALS}, refused {refused}, counted {counted}, violations {violations}")
    assert not Correction.objects.exists()
    assert violations == 0, f"{violations} of {TRIALS}: published ≠ registers"
    assert refused + counted == TRIALS
    assert AnnualReport.objects.get(pk=report.pk).status == "draft"
