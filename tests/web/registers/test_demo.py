"""The demo fills every register, with every path and outcome of table 四, deterministically."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from gongkai.web.demo import data, registers
from gongkai.web.registers import selectors
from gongkai.web.registers.models import (
    CatalogueEntry,
    Decision,
    Dispute,
    FeeIncome,
    ImportBatch,
    OtherMatter,
    RegisteredDocument,
)
from gongkai.web.registers.timeliness import timeliness
from gongkai.web.reports.models import AnnualReport
from gongkai.web.workdays.selectors import current_calendar

TODAY = date(2026, 11, 20)


def fingerprint() -> list[tuple[object, ...]]:
    return [
        *RegisteredDocument.objects.values_list(
            "agency_id", "number", "issued_on", "repealed_on", "expires_on"
        ).order_by("pk"),
        *Decision.objects.values_list(
            "agency_id", "kind", "year", "decided_on", "count", "reference", "source"
        ).order_by("pk"),
        *FeeIncome.objects.values_list("agency_id", "year", "item", "amount").order_by("pk"),
        *CatalogueEntry.objects.values_list(
            "index_no", "created_on", "published_on", "review_conclusion"
        ).order_by("pk"),
        *Dispute.objects.values_list(
            "application_id", "path", "filed_on", "outcome", "concluded_on", "follows__filed_on"
        ).order_by("pk"),
        *OtherMatter.objects.values_list("agency_id", "kind", "on", "count").order_by("pk"),
    ]


def test_demo_fills_every_register(db):
    data.load(140, today=TODAY)
    assert RegisteredDocument.objects.filter(repealed_on__isnull=False).exists()
    assert RegisteredDocument.objects.filter(expires_on__lt=TODAY).exists()
    assert RegisteredDocument.objects.filter(issued_on__year__lt=2024).exists()
    assert set(Decision.objects.values_list("source", flat=True)) == {"entry", "total", "import"}
    assert set(Decision.objects.values_list("kind", flat=True)) == {
        "licensing",
        "penalty",
        "coercion",
    }
    assert ImportBatch.objects.count() >= 2 and FeeIncome.objects.exists()
    years = set(Decision.objects.values_list("year", flat=True))
    assert {2025, 2026} <= years
    assert set(OtherMatter.objects.values_list("kind", flat=True)) >= {
        "npc_suggestion",
        "cppcc_proposal",
        "training",
        "interpretation",
        "press",
        "platform",
    }

    calendar = current_calendar()
    timings = [
        timeliness(
            calendar,
            e.created_on,
            e.published_on,
            TODAY,
            withheld=e.review_conclusion == "withhold",
        )
        for e in CatalogueEntry.objects.all()
    ]
    assert sum(t.late for t in timings) >= 4
    assert any(t.overdue for t in timings)
    assert sum(not t.published and not t.overdue and not t.withheld for t in timings) >= 2
    assert any(t.withheld for t in timings)

    counted = {(d.path, d.outcome or "pending") for d in Dispute.objects.all()}
    assert counted == {
        (p, o)
        for p in ("review", "lit_direct", "lit_after_review")
        for o in ("upheld", "corrected", "other_outcome", "pending")
    }
    assert Dispute.objects.filter(path="lit_after_review", follows__path="review").exists()
    carried = Dispute.objects.filter(filed_on__year=2025).filter(
        Q(concluded_on__year=2026) | Q(concluded_on__isnull=True)
    )
    assert carried.exists()
    for dispute in Dispute.objects.exclude(application=None).select_related("application"):
        assert dispute.application.agency_id == dispute.agency_id
        assert dispute.filed_on >= dispute.application.received_on

    for agency_id in CatalogueEntry.objects.values_list("agency_id", flat=True).distinct():
        summary = selectors.catalogue_summary(agency_id, 2025)
        assert summary.published and summary.on_time + summary.late == summary.published


def test_demo_registers_are_deterministic(db):
    data.load(60, today=TODAY)
    first = fingerprint()
    AnnualReport.objects.all().delete()  # the demo publishes reports, which lock their years
    Dispute.objects.filter(follows__isnull=False).delete()
    for model in (
        Dispute,
        OtherMatter,
        CatalogueEntry,
        FeeIncome,
        Decision,
        ImportBatch,
        RegisteredDocument,
    ):
        model.objects.all().delete()
    registers.load(TODAY)
    assert fingerprint() == first
