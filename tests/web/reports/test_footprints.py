"""The lock asks for a reason only when a change alters a published year's figures, deciding
by each record's footprint (how it counts in a year); footprints must count as the tables do."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_footprints_count_as_the_tables_do(registers: dict[str, Any]) -> None:
    """The per-record rule the lock uses (footprints.py) agrees with the tables' querysets."""
    from collections import Counter

    from gongkai.web.registers.models import Dispute, RegisteredDocument
    from gongkai.web.registers.services.disputes import DISPUTES
    from gongkai.web.registers.services.documents import DOCUMENTS
    from gongkai.web.reports import tables

    agency = registers["agency"]
    for year in range(2022, 2027):
        table = tables.proactive_table(agency.pk, year)
        seen = Counter()
        for doc in RegisteredDocument.objects.filter(agency=agency):
            footprint = DOCUMENTS.counts(doc, year)
            if footprint:
                kind, issued, repealed, in_force = footprint
                seen[(kind, "issued")] += issued
                seen[(kind, "repealed")] += repealed
                seen[(kind, "in_force")] += in_force
        for kind in ("gov_rules", "normative_docs"):
            for column in ("issued", "repealed", "in_force"):
                assert table.value(kind, column) == seen[(kind, column)], (year, kind, column)
        table = tables.disputes_table(agency.pk, year)
        seen = Counter()
        for dispute in Dispute.objects.filter(agency=agency):
            footprint = DISPUTES.counts(dispute, year)
            if footprint and footprint[0] == "pending":
                seen[(footprint[1], "pending")] += 1
            elif footprint:
                seen[(footprint[1], footprint[2])] += 1
        for path in ("review", "lit_direct", "lit_after_review"):
            for column in ("upheld", "corrected", "other_outcome", "pending"):
                assert table.value(path, column) == seen[(path, column)], (year, path, column)
