"""The year-end lock: a record counted by a published annual report changes only with a
correction reason, which is recorded and reopens the report; other years are not affected."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.registers.models import (
    CatalogueEntry,
    Decision,
    Dispute,
    FeeIncome,
    OtherMatter,
    RegisteredDocument,
)
from gongkai.web.registers.services import (
    catalogue,
    decisions,
    disputes,
    documents,
    fees,
    matters,
)
from gongkai.web.reports.models import Correction, Revision
from gongkai.web.yearlock import YearLocked

DOC = {
    "kind": "normative_docs",
    "number": "临民发〔2025〕3号",
    "title": "临淄区临时救助实施细则",
    "issued_on": date(2025, 3, 1),
}


def assert_reopened(report, reason: str) -> None:
    report.refresh_from_db()
    assert report.status == "draft"
    revision = Revision.objects.get(report=report, action="reopened")
    assert reason in revision.reason
    assert Correction.objects.get(reason=reason).years == [report.year]


def test_a_write_into_a_published_year_needs_a_reason_and_reopens_the_report(people, publish):
    report = publish(2025)
    clerk = people["clerk"]
    with pytest.raises(YearLocked) as caught:
        documents.create_document(clerk, DOC)
    assert caught.value.years == [2025] and caught.value.status == 409
    assert "correction_reason" in caught.value.fields
    assert not RegisteredDocument.objects.exists()  # refused: nothing written
    report.refresh_from_db()
    assert report.status == "published"

    doc = documents.create_document(clerk, DOC, correction_reason="补登漏登的规范性文件")
    assert_reopened(report, "补登漏登的规范性文件")
    correction = Correction.objects.get()
    assert correction.record == f"文件 #{doc.pk}" and correction.actor_name == "张敏"
    assert "新增文件" in correction.change and "临淄区临时救助实施细则" in correction.change


def test_a_write_into_another_year_is_not_affected(people, publish):
    report = publish(2025)
    clerk = people["clerk"]
    documents.create_document(clerk, {**DOC, "issued_on": date(2026, 1, 5)})  # later year
    decisions.create_entry(
        clerk, {"kind": "licensing", "decided_on": date(2024, 5, 6), "subject": "某登记"}
    )  # earlier year, not carried
    fees.create_fee_income(clerk, {"year": 2024, "item": "某费", "amount": "1"})
    publish(2024, agency="tez")  # another agency's report locks only that agency's records
    matters.create_matter(clerk, {"kind": "press", "on": date(2024, 6, 3), "title": "发布会"})
    documents.create_document(people["town_clerk"], DOC)
    report.refresh_from_db()
    assert report.status == "published" and not Correction.objects.filter(agency=report.agency)


def test_carried_records_reach_later_published_years(people, publish):
    """A document in force or a pending dispute from 2024 counts in 2025's report too."""
    report = publish(2025)
    clerk = people["clerk"]
    with pytest.raises(YearLocked):
        documents.create_document(clerk, {**DOC, "issued_on": date(2024, 3, 1)})
    with pytest.raises(YearLocked):
        disputes.create_dispute(clerk, {"path": "review", "filed_on": date(2024, 11, 5)})
    decisions.create_entry(
        clerk, {"kind": "penalty", "decided_on": date(2024, 3, 1), "subject": "某处罚"}
    )
    report.refresh_from_db()
    assert report.status == "published"


@pytest.mark.parametrize(
    "create, data, model",
    [
        (
            decisions.create_entry,
            {"kind": "licensing", "decided_on": date(2025, 5, 6), "subject": "某登记"},
            Decision,
        ),
        (decisions.create_total, {"kind": "licensing", "year": 2025, "count": 40}, Decision),
        (fees.create_fee_income, {"year": 2025, "item": "某费", "amount": "2.5"}, FeeIncome),
        (
            catalogue.create_entry,
            {"index_no": "1", "title": "某条目", "created_on": date(2025, 6, 2)},
            CatalogueEntry,
        ),
        (
            matters.create_matter,
            {"kind": "press", "on": date(2025, 6, 2), "title": "新闻发布会"},
            OtherMatter,
        ),
        (disputes.create_dispute, {"path": "lit_direct", "filed_on": date(2025, 6, 2)}, Dispute),
    ],
)
def test_every_register_is_guarded(people, publish, create, data, model):
    report = publish(2025)
    with pytest.raises(YearLocked):
        create(people["clerk"], data)
    assert not model.objects.exists()
    create(people["clerk"], data, correction_reason="年度报告发布后补登")
    assert_reopened(report, "年度报告发布后补登")


def test_a_change_is_guarded_by_its_old_and_its_new_dates(people, publish):
    clerk = people["clerk"]
    decision = decisions.create_entry(
        clerk, {"kind": "licensing", "decided_on": date(2024, 5, 6), "subject": "某登记"}
    )
    report = publish(2025)
    moved = {"kind": "licensing", "decided_on": date(2025, 1, 6), "subject": "某登记"}
    with pytest.raises(YearLocked):  # moved into the published year
        decisions.update_decision(clerk, decision.pk, moved)
    assert Decision.objects.get(pk=decision.pk).year == 2024
    decisions.update_decision(clerk, decision.pk, moved, correction_reason="决定日期登记错误")
    assert Decision.objects.get(pk=decision.pk).year == 2025
    assert_reopened(report, "决定日期登记错误")
    correction = Correction.objects.get()
    assert "决定日期：2024-05-06→2025-01-06" in correction.change
    assert "年度：2024→2025" in correction.change

    report.status = "published"
    report.save()
    back = {**moved, "decided_on": date(2024, 5, 6)}
    with pytest.raises(YearLocked):  # moved out of it: the old date counts too
        decisions.update_decision(clerk, decision.pk, back)
    # saving without a change needs no reason
    decisions.update_decision(clerk, decision.pk, moved)


def test_a_delete_is_guarded(people, publish):
    clerk = people["clerk"]
    dispute = disputes.create_dispute(clerk, {"path": "review", "filed_on": date(2024, 11, 5)})
    report = publish(2025)
    with pytest.raises(YearLocked):
        disputes.delete_dispute(clerk, dispute.pk)
    assert Dispute.objects.filter(pk=dispute.pk).exists()
    disputes.delete_dispute(clerk, dispute.pk, correction_reason="重复登记")
    assert not Dispute.objects.filter(pk=dispute.pk).exists()
    assert_reopened(report, "重复登记")
    assert Correction.objects.get().change.startswith("删除复议诉讼案件")


def test_only_a_change_that_alters_a_published_years_figures_needs_a_reason(people, publish):
    """Concluding in 2026 a dispute filed in 2025 leaves 2025's figures as they are (it was
    pending at the end of 2025 and still was): no reason, no reopening. Concluding it on a
    day of 2025 moves it from 尚未审结 to 结果维持 in 2025: that needs the reason."""
    clerk = people["clerk"]
    dispute = disputes.create_dispute(clerk, {"path": "review", "filed_on": date(2025, 6, 2)})
    document = documents.create_document(clerk, {**DOC, "issued_on": date(2020, 3, 1)})
    decision = decisions.create_entry(
        clerk, {"kind": "licensing", "decided_on": date(2025, 5, 6), "subject": "某登记"}
    )
    fee = fees.create_fee_income(clerk, {"year": 2025, "item": "某费", "amount": "2.5"})
    matter = matters.create_matter(
        clerk, {"kind": "press", "on": date(2025, 6, 2), "title": "新闻发布会"}
    )
    report = publish(2025)

    concluded = {
        "path": "review",
        "filed_on": date(2025, 6, 2),
        "outcome": "upheld",
        "concluded_on": date(2026, 3, 1),
        "case_number": "临复〔2025〕1号",
    }
    disputes.update_dispute(clerk, dispute.pk, concluded)
    documents.update_document(
        clerk,
        document.pk,
        {
            **DOC,
            "issued_on": date(2020, 3, 1),
            "title": "临淄区临时救助实施办法",
            "repealed_on": date(2026, 6, 30),
        },
    )
    decisions.update_decision(
        clerk,
        decision.pk,
        {"kind": "licensing", "subject": "某某登记", "decided_on": date(2025, 5, 6)},
    )
    fees.update_fee_income(
        clerk, fee.pk, {"year": 2025, "item": "某费", "amount": "2.50", "note": "按票据"}
    )
    matters.update_matter(
        clerk, matter.pk, {"kind": "press", "on": date(2025, 6, 3), "title": "年中新闻发布会"}
    )
    report.refresh_from_db()
    assert report.status == "published" and not Correction.objects.exists()

    for change in (
        lambda: disputes.update_dispute(
            clerk, dispute.pk, {**concluded, "concluded_on": date(2025, 12, 20)}
        ),
        lambda: documents.update_document(
            clerk,
            document.pk,
            {**DOC, "issued_on": date(2020, 3, 1), "repealed_on": date(2025, 10, 1)},
        ),
        lambda: decisions.update_decision(
            clerk,
            decision.pk,
            {
                "kind": "licensing",
                "subject": "某某登记",
                "decided_on": date(2025, 5, 6),
                "count": 2,
            },
        ),
        lambda: fees.update_fee_income(
            clerk, fee.pk, {"year": 2025, "item": "某费", "amount": "3"}
        ),
        lambda: matters.update_matter(
            clerk, matter.pk, {"kind": "training", "on": date(2025, 6, 3), "title": "培训"}
        ),
        lambda: matters.delete_matter(clerk, matter.pk),
    ):
        with pytest.raises(YearLocked):
            change()
    report.refresh_from_db()
    assert report.status == "published"


def test_the_years_locked_are_those_a_report_can_have(people, publish):
    """From 2008 (no report is older) to this year or the last report's: an old document in
    force locks twenty-odd agency-years, not eighty."""
    from django.utils import timezone

    from gongkai.web.reports.lock import years_touched

    agency = people["clerk"].staff.agency_id
    this_year = timezone.localdate().year
    assert years_touched(agency, [date(1998, 3, 1)], carries=True) == list(
        range(2008, this_year + 1)
    )
    assert years_touched(agency, [date(2001, 5, 6)], carries=False) == []
    assert years_touched(agency, [date(2024, 5, 6), None], carries=False) == [2024]
