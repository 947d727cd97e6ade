"""A double-clicked import: the same file sent twice at the same moment, on two connections (as
two server processes would). It is stored once; the second import adds nothing and says so."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 300


def _file(blank_references: bool) -> bytes:
    lines = ["类别,决定日期,决定书文号,事项或当事人"]
    for n in range(1, ROWS + 1):
        reference = "" if blank_references else f"临民许〔2025〕{n}号"
        lines.append(f"行政许可,2025-{n % 12 + 1:02d}-{n % 28 + 1:02d},{reference},某事项{n}")
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("blank_references", [False, True])
def test_a_double_clicked_import_is_stored_once(
    people: dict[str, Any], blank_references: bool
) -> None:
    from gongkai.web.registers.models import Decision, ImportBatch
    from gongkai.web.registers.services import imports

    data = _file(blank_references)
    results = at_once(
        *(lambda: imports.import_decisions(people["clerk"], "台账.csv", data) for _ in range(2))
    )
    for result in results:
        assert not isinstance(result, Exception), repr(result)
    assert sorted(r.added for r in results) == [0, ROWS]
    assert "没有新增" in next(r for r in results if not r.added).message
    assert Decision.objects.count() == ROWS
    assert ImportBatch.objects.count() == 1


def test_one_reference_entered_twice_at_once_is_one_decision(people: dict[str, Any]) -> None:
    from datetime import date

    from gongkai.web.errors import InvalidInput
    from gongkai.web.registers.models import Decision
    from gongkai.web.registers.services import decisions

    entry = {"kind": "licensing", "decided_on": date(2025, 5, 6), "reference": "临民许〔2025〕9号"}
    for _ in range(5):
        results = at_once(
            *(lambda: decisions.create_entry(people["clerk"], entry) for _ in range(2))
        )
        assert Decision.objects.count() == 1
        refused = [r for r in results if isinstance(r, Exception)]
        assert len(refused) == 1 and isinstance(refused[0], InvalidInput), repr(refused)
        assert "已经登记" in refused[0].message
        Decision.objects.all().delete()


def test_the_migration_marks_numbers_stored_twice_before_it_makes_them_unique(
    tree: dict[str, Any],
) -> None:
    """A database where a file was imported twice: the first decision of each number stays as
    it is, the others keep their counts and are marked 重复 for the office to undo."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from gongkai.web.registers.models import Decision

    before = [("registers", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("registers", "Decision")
    made = [
        old.objects.create(
            agency_id=tree["civil"].pk,
            kind="licensing",
            year=2025,
            reference=reference,
            count=count,
        )
        for reference, count in (("甲1号", 1), ("甲1号", 2), ("乙2号", 1), ("甲1号", 1))
    ]
    old.objects.create(agency_id=tree["tez"].pk, kind="licensing", year=2025, reference="甲1号")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    stored = {d.pk: (d.reference, d.count) for d in Decision.objects.all()}
    assert stored[made[0].pk] == ("甲1号", 1)
    assert stored[made[1].pk] == (f"甲1号（重复#{made[1].pk}）", 2)
    assert stored[made[2].pk] == ("乙2号", 1)
    assert stored[made[3].pk] == (f"甲1号（重复#{made[3].pk}）", 1)
    assert sum(count for _, count in stored.values()) == 6
