"""Registers with known contents over 2024–2025 for 临淄区民政局 (hand-counted in the tests).

Cases (received → closed):
  A  natural_person  2024-12-20 → granted 2025-01-10          (carried 2024 → 2025)
  B  business        2025-03-03 → partially_granted 2025-03-20 (withholding two grounds)
  C  natural_person  2025-06-02 → unavailable_not_held 2025-06-10
  D  research        2025-12-22 → open                          (carried 2025 → 2026)
  E  natural_person  2025-11-03 → withdrawn 2025-11-20 (closed_other)
  F  legal_service   2025-04-01 → correction, corrected 2025-04-10 → granted 2025-04-20
  G  natural_person  2024-03-04 → granted 2024-03-15
Documents (行政规范性文件): N1 2023-05-01; N2 2025-02-01; N3 2022-01-01 repealed 2025-06-30;
  N4 2024-01-01 expires 2025-12-31; N5 2025-03-01 expires 2026-03-01.  规章: R1 2020-01-01.
Decisions 2025: licensing 2 entries + a total of 10; penalty total 5. Fees 2025: 1.2345 + 0.5 万元.
Disputes: V1 review 2024-11-01 → upheld 2025-02-01; V2 review 2025-05-01 → corrected 2025-07-01;
  S1 suit after V1 2025-03-01 pending; S2 direct suit 2025-08-01 → other 2025-10-01.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest


@pytest.fixture
def registers(people: dict[str, Any], make_case: Any) -> dict[str, Any]:
    from gongkai.web.applications.services import steps
    from gongkai.web.registers.models import Decision, Dispute, FeeIncome, RegisteredDocument

    clerk, approver = people["clerk"], people["approver"]
    civil = clerk.staff.agency
    cases: dict[str, Any] = {}

    def reply(key: str, on: date, outcome: str, **kw: Any) -> None:
        steps.reply(approver, cases[key].pk, on=on, outcome=outcome, **kw)

    cases["G"] = make_case(date(2024, 3, 4))
    reply("G", date(2024, 3, 15), "granted")
    cases["A"] = make_case(date(2024, 12, 20))
    reply("A", date(2025, 1, 10), "granted")
    cases["B"] = make_case(date(2025, 3, 3), applicant_type="business", applicant_name="某公司")
    reply(
        "B",
        date(2025, 3, 20),
        "partially_granted",
        withheld_grounds=["withheld_third_party", "withheld_internal"],
        reason="涉及个人隐私和内部事务的部分不予公开",
    )
    cases["C"] = make_case(date(2025, 6, 2))
    reply("C", date(2025, 6, 10), "unavailable_not_held")
    cases["D"] = make_case(date(2025, 12, 22), applicant_type="research", applicant_name="某研究所")
    cases["E"] = make_case(date(2025, 11, 3))
    steps.withdraw(clerk, cases["E"].pk, on=date(2025, 11, 20), reason="申请人书面撤回")
    cases["F"] = make_case(
        date(2025, 4, 1), applicant_type="legal_service", applicant_name="某律师事务所"
    )
    steps.send_correction_notice(
        clerk,
        cases["F"].pk,
        on=date(2025, 4, 2),
        items=["请写明所需信息的文号"],
        correction_due=date(2025, 4, 16),
    )
    steps.receive_correction(clerk, cases["F"].pk, on=date(2025, 4, 10))
    reply("F", date(2025, 4, 20), "granted")

    def doc(title: str, issued: date, kind: str = "normative_docs", **kw: Any) -> Any:
        return RegisteredDocument.objects.create(
            agency=civil, kind=kind, title=title, issued_on=issued, **kw
        )

    docs = {
        "N1": doc("N1", date(2023, 5, 1)),
        "N2": doc("N2", date(2025, 2, 1)),
        "N3": doc("N3", date(2022, 1, 1), repealed_on=date(2025, 6, 30)),
        "N4": doc("N4", date(2024, 1, 1), expires_on=date(2025, 12, 31)),
        "N5": doc("N5", date(2025, 3, 1), expires_on=date(2026, 3, 1)),
        "R1": doc("R1", date(2020, 1, 1), kind="gov_rules"),
    }
    for day in (date(2025, 5, 6), date(2025, 9, 9)):
        Decision.objects.create(
            agency=civil, kind="licensing", year=2025, decided_on=day, reference=f"许可{day:%m%d}"
        )
    Decision.objects.create(agency=civil, kind="licensing", year=2025, count=10, source="total")
    Decision.objects.create(agency=civil, kind="penalty", year=2025, count=5, source="total")
    Decision.objects.create(agency=civil, kind="penalty", year=2024, count=7, source="total")
    FeeIncome.objects.create(agency=civil, year=2025, item="证照工本费", amount=Decimal("1.2345"))
    FeeIncome.objects.create(agency=civil, year=2025, item="其他", amount=Decimal("0.5"))

    def dispute(path: str, filed: date, **kw: Any) -> Any:
        return Dispute.objects.create(agency=civil, path=path, filed_on=filed, **kw)

    v1 = dispute(
        "review",
        date(2024, 11, 1),
        application=cases["G"],
        outcome="upheld",
        concluded_on=date(2025, 2, 1),
    )
    disputes = {
        "V1": v1,
        "V2": dispute(
            "review",
            date(2025, 5, 1),
            application=cases["B"],
            outcome="corrected",
            concluded_on=date(2025, 7, 1),
        ),
        "S1": dispute("lit_after_review", date(2025, 3, 1), follows=v1, application=cases["G"]),
        "S2": dispute(
            "lit_direct",
            date(2025, 8, 1),
            application=cases["C"],
            outcome="other_outcome",
            concluded_on=date(2025, 10, 1),
        ),
    }
    return {"agency": civil, "cases": cases, "docs": docs, "disputes": disputes}


@pytest.fixture
def town_approver(people: dict[str, Any], tree: dict[str, Any]) -> Any:
    """The head of the town's disclosure office: approves the town's imported reports."""
    from gongkai.web.agencies.selectors import actor_for
    from gongkai.web.agencies.services import create_staff

    staff = create_staff(
        username="town_approver",
        password="pw-town_approver",
        agency=tree["town"],
        role="approver",
        display_name="周强",
    )
    return actor_for(staff.user)


def import_and_approve(
    clerk: Any, approver: Any, agency_id: int, name: str, data: bytes, **kwargs: Any
) -> Any:
    """Import a published report and have the approver publish it (the date of the file, or
    25 January of the next year when the file has none)."""
    from gongkai.web.reports import services

    report = services.import_published(clerk, agency_id, name, data, **kwargs)
    services.publish(approver, report.pk, report.published_on or date(report.year + 1, 1, 25))
    report.refresh_from_db()
    return report
