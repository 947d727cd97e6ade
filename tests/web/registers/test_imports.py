"""Importing decisions from a CSV file: all rows or none, in one batch that can be undone."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.errors import Forbidden, NotFound
from gongkai.web.registers.models import Decision, ImportBatch
from gongkai.web.registers.services import decisions, imports
from gongkai.web.registers.services.imports import ImportRefused
from gongkai.web.reports.lock import YearLocked
from gongkai.web.reports.models import Revision
from tests.web.registers.conftest import sample


@pytest.mark.parametrize("name", ["decisions-utf8-bom.csv", "decisions-gbk.csv"])
def test_a_good_file_is_imported_in_one_batch(people, tree, name):
    batch = imports.import_decisions(people["clerk"], name, sample(name))
    assert (batch.rows, batch.file_name, batch.actor_name, batch.agency) == \
        (3, name, "张敏", tree["civil"])
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
    decisions.create_entry(clerk, {"kind": "licensing", "decided_on": date(2025, 1, 6),
                                   "reference": "临民许〔2025〕12号"})
    with pytest.raises(ImportRefused) as caught:
        imports.import_decisions(clerk, "a.csv", sample("decisions-utf8-bom.csv"))
    assert [str(p) for p in caught.value.problems] == [
        "第2行：决定书文号“临民许〔2025〕12号”已经登记",
        "第3行：2025年行政处罚已按年度合计登记，不能再导入逐件的决定",
    ]
    assert Decision.objects.count() == 2


def test_importing_the_same_file_twice_is_refused(people):
    imports.import_decisions(people["clerk"], "a.csv", sample("decisions-gbk.csv"))
    with pytest.raises(ImportRefused) as caught:
        imports.import_decisions(people["clerk"], "a.csv", sample("decisions-utf8-bom.csv"))
    assert [p.line for p in caught.value.problems] == [2, 3, 4]
    assert Decision.objects.count() == 3


def test_a_batch_is_undone_with_its_rows(people):
    clerk = people["clerk"]
    batch = imports.import_decisions(clerk, "a.csv", sample("decisions-utf8-bom.csv"))
    other = imports.import_decisions(clerk, "b.csv", "类别,决定日期,文号\n许可,2024-05-06,乙1号\n"
                                     .encode())
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
    batch = imports.import_decisions(clerk, "a.csv", sample("decisions-gbk.csv"),
                                     correction_reason="补录审批系统数据")
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
