"""Importing decisions from a CSV file: all rows or none, in one batch that can be undone."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.errors import Forbidden, NotFound
from gongkai.web.registers.models import Decision, ImportBatch
from gongkai.web.registers.services import decisions, imports
from gongkai.web.registers.services.imports import ImportRefused
from gongkai.web.reports.models import Revision
from gongkai.web.yearlock import YearLocked
from tests.web.registers.conftest import sample


@pytest.mark.parametrize("name", ["decisions-utf8-bom.csv", "decisions-gbk.csv"])
def test_a_good_file_is_imported_in_one_batch(people, tree, name):
    batch = imports.import_decisions(people["clerk"], name, sample(name)).batch
    assert (batch.rows, batch.file_name, batch.actor_name, batch.agency) == (
        3,
        name,
        "张敏",
        tree["civil"],
    )
    rows = Decision.objects.filter(batch=batch).order_by("decided_on")
    assert [(d.kind, d.decided_on, d.year, d.source) for d in rows] == [
        ("licensing", date(2025, 3, 4), 2025, "import"),
        ("penalty", date(2025, 3, 18), 2025, "import"),
        ("coercion", date(2025, 4, 1), 2025, "import"),
    ]
    assert rows[0].reference == "临民许〔2025〕12号"
    assert rows[0].subject == "社会团体成立登记：淄博某某协会"


def test_a_file_with_two_bad_rows_is_refused_naming_both_and_writes_nothing(people):
    with pytest.raises(ImportRefused) as caught:
        imports.import_decisions(people["clerk"], "台账.csv", sample("decisions-two-bad-rows.csv"))
    error = caught.value
    assert [p.line for p in error.problems] == [3, 5]
    assert error.message.splitlines() == [
        "文件“台账.csv”未导入，没有写入任何记录：2行不符合要求。",
        "第3行：类别“行政许口”无法识别（应为行政许可、行政处罚或行政强制）",
        "第5行：决定日期“2025-02-30”无效（应如2025-03-04、2025/3/4或2025年3月4日）",
    ]
    assert not Decision.objects.exists() and not ImportBatch.objects.exists()


def test_rows_are_checked_against_the_register_too(people):
    clerk = people["clerk"]
    decisions.create_total(clerk, {"kind": "penalty", "year": 2025, "count": 4})
    decisions.create_entry(
        clerk,
        {"kind": "licensing", "decided_on": date(2025, 1, 6), "reference": "临民许〔2025〕12号"},
    )
    with pytest.raises(ImportRefused) as caught:
        imports.import_decisions(clerk, "a.csv", sample("decisions-utf8-bom.csv"))
    assert [str(p) for p in caught.value.problems] == [
        "第2行：决定书文号“临民许〔2025〕12号”已经登记，登记的内容与本行不同",
        "第3行：2025年行政处罚已按年度合计登记，不能再导入逐件的决定",
    ]
    assert Decision.objects.count() == 2


def test_importing_the_same_file_again_adds_nothing_and_says_so(people):
    first = imports.import_decisions(people["clerk"], "a.csv", sample("decisions-gbk.csv"))
    assert (first.added, first.skipped) == (3, 0)
    again = imports.import_decisions(people["clerk"], "a.csv", sample("decisions-gbk.csv"))
    assert (again.batch, again.added) == (None, 0)
    assert "没有新增" in again.message and "已于" in again.message
    # the same rows in another file (here another encoding): each found by its 决定书文号
    utf8 = sample("decisions-gbk.csv").decode("gb18030").encode()
    other = imports.import_decisions(people["clerk"], "b.csv", utf8)
    assert (other.batch, other.added, other.skipped) == (None, 0, 3)
    assert "没有新增" in other.message and "3条" in other.message
    assert Decision.objects.count() == 3 and ImportBatch.objects.count() == 1


def test_rows_already_registered_are_skipped_and_the_rest_imported(people):
    clerk = people["clerk"]
    imports.import_decisions(clerk, "a.csv", sample("decisions-gbk.csv"))
    more = (
        sample("decisions-gbk.csv").decode("gb18030")
        + "4,许可,2025-05-06,临民许〔2025〕13号,某\r\n"
    )
    result = imports.import_decisions(clerk, "b.csv", more.encode())
    assert (result.added, result.skipped) == (1, 3)
    assert result.batch.rows == 1 and "已经登记的3条" in result.message
    assert Decision.objects.count() == 4


def test_a_file_without_references_imported_twice_is_stored_once(people):
    data = "类别,决定日期,事项\n许可,2025-05-06,甲\n许可,2025-05-06,甲\n".encode()
    assert imports.import_decisions(people["clerk"], "a.csv", data).added == 2  # two decisions
    again = imports.import_decisions(people["clerk"], "a.csv", data)
    assert again.added == 0 and "没有新增" in again.message
    assert Decision.objects.count() == 2


def test_a_reference_is_unique_per_agency_in_the_database(people, tree):
    from django.db import IntegrityError, transaction

    civil, tez = tree["civil"], tree["tez"]
    Decision.objects.create(agency=civil, kind="licensing", year=2025, reference="甲1号")
    Decision.objects.create(agency=tez, kind="licensing", year=2025, reference="甲1号")
    for _ in range(2):  # blank references are not numbers: any number of them
        Decision.objects.create(agency=civil, kind="licensing", year=2025, subject="某")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(agency=civil, kind="penalty", year=2024, reference="甲1号")


def test_a_batch_is_undone_with_its_rows(people):
    clerk = people["clerk"]
    batch = imports.import_decisions(clerk, "a.csv", sample("decisions-utf8-bom.csv")).batch
    other = imports.import_decisions(
        clerk, "b.csv", "类别,决定日期,文号\n许可,2024-05-06,乙1号\n".encode()
    ).batch
    with pytest.raises(NotFound):
        imports.undo_import(people["tez_clerk"], batch.pk)
    with pytest.raises(Forbidden):
        imports.undo_import(people["supervisor"], batch.pk)
    assert imports.undo_import(clerk, batch.pk) == 3
    assert not ImportBatch.objects.filter(pk=batch.pk).exists()
    assert list(Decision.objects.values_list("batch", flat=True)) == [other.pk]


def test_import_and_undo_in_a_published_year(people, publish):
    clerk = people["clerk"]
    report = publish(2025)
    with pytest.raises(YearLocked):
        imports.import_decisions(clerk, "a.csv", sample("decisions-gbk.csv"))
    assert not ImportBatch.objects.exists() and not Decision.objects.exists()
    batch = imports.import_decisions(
        clerk, "a.csv", sample("decisions-gbk.csv"), correction_reason="补录审批系统数据"
    ).batch
    report.refresh_from_db()
    assert report.status == "draft"
    report.status = "published"
    report.save()
    with pytest.raises(YearLocked):
        imports.undo_import(clerk, batch.pk)
    assert Decision.objects.count() == 3
    imports.undo_import(clerk, batch.pk, correction_reason="导入了错误的文件")
    assert not Decision.objects.exists()
    assert Revision.objects.filter(report=report, action="reopened").count() == 2


def test_only_staff_who_handle_cases_import(people):
    with pytest.raises(Forbidden):
        imports.import_decisions(people["supervisor"], "a.csv", sample("decisions-gbk.csv"))
