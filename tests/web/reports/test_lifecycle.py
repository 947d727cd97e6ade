"""Saving, publishing, the year-end lock, reopening and importing last year's report."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

PROBLEMS = {
    "problems_section": "一是公开目录更新不够及时；二是答复文书说理不够充分。"
    "下一步将加强培训，规范答复文书，按季度检查公开目录。"
}


def _publish(people: dict[str, Any], agency: Any, year: int, on: date) -> Any:
    from gongkai.web.reports import services

    report = services.open_draft(people["clerk"], agency.pk, year)
    services.save(people["clerk"], report.pk, PROBLEMS)
    services.publish(people["approver"], report.pk, on)
    report.refresh_from_db()
    return report


def test_publish_freezes_the_saved_version(
    registers: dict[str, Any], people: dict[str, Any]
) -> None:
    from gongkai.web.reports import services
    from gongkai.web.reports.models import Action

    report = _publish(people, registers["agency"], 2024, date(2025, 1, 20))
    assert report.status == "published" and report.published_on == date(2025, 1, 20)
    assert report.document["applications"]["carried_out"]["natural_person"] == 1
    assert [r.action for r in report.revisions.all()] == [
        Action.SAVED,
        Action.SAVED,
        Action.PUBLISHED,
    ]
    with pytest.raises(Exception, match="已发布"):
        services.save(people["clerk"], report.pk, {"overview": "改一改"})


def test_only_the_approver_publishes(registers: dict[str, Any], people: dict[str, Any]) -> None:
    from gongkai.web.errors import Forbidden
    from gongkai.web.reports import services

    report = services.open_draft(people["clerk"], registers["agency"].pk, 2025)
    with pytest.raises(Forbidden):
        services.publish(people["clerk"], report.pk, date(2026, 1, 20))
    with pytest.raises(Forbidden):
        services.open_draft(people["supervisor"], registers["agency"].pk, 2025)
    with pytest.raises(Forbidden):
        services.open_draft(people["tez_clerk"], registers["agency"].pk, 2025)


def test_errors_block_publishing(registers: dict[str, Any], people: dict[str, Any]) -> None:
    from gongkai.web.reports import services
    from gongkai.web.reports.errors import PublishRefused

    report = services.open_draft(people["clerk"], registers["agency"].pk, 2025)
    # a section 六 without any statement on fees is an error (OTHER-FEE)
    generated = services.save(
        people["clerk"], report.pk, {"other_section": "无其他需要报告的事项。", **PROBLEMS}
    )
    assert [f.code for f in generated.errors] == ["OTHER-FEE"]
    with pytest.raises(PublishRefused, match="信息处理费"):
        services.publish(people["approver"], report.pk, date(2026, 1, 20))
    report.refresh_from_db()
    assert report.status == "draft"


def test_carry_over_across_two_years(registers: dict[str, Any], people: dict[str, Any]) -> None:
    from gongkai.web.reports import services

    _publish(people, registers["agency"], 2024, date(2025, 1, 20))
    report = _publish(people, registers["agency"], 2025, date(2026, 1, 20))
    assert report.document["applications"]["carried_in"]["natural_person"] == 1
    assert not [f for f in report.findings if f["code"] == "XYEAR-CARRY"]
    draft = services.open_draft(people["clerk"], registers["agency"].pk, 2026)
    assert draft.document["applications"]["carried_in"]["research"] == 1  # D
    assert draft.document["applications"]["carried_in"]["total"] == 1


def test_a_late_entry_into_a_published_year_reopens_it(
    registers: dict[str, Any], people: dict[str, Any]
) -> None:
    """Case D was open at the end of 2025 as published; its reply, dated 2025-12-30, is entered
    late. Without a reason it is refused; with one, the 2025 report reopens and D moves from
    结转下年度 to 予以公开, while the published version stays in the history."""
    from gongkai.web.applications.models import CaseEvent
    from gongkai.web.applications.services import steps
    from gongkai.web.reports import services
    from gongkai.web.reports.generate import generate
    from gongkai.web.reports.models import Action, Correction
    from gongkai.web.yearlock import YearLocked

    agency, case_d = registers["agency"], registers["cases"]["D"]
    report = _publish(people, agency, 2025, date(2026, 1, 20))
    events = CaseEvent.objects.filter(application=case_d).count()
    with pytest.raises(YearLocked, match="2025年度"):
        steps.reply(people["approver"], case_d.pk, on=date(2025, 12, 30), outcome="granted")
    assert CaseEvent.objects.filter(application=case_d).count() == events  # nothing written
    report.refresh_from_db()
    assert report.status == "published"

    steps.reply(
        people["approver"],
        case_d.pk,
        on=date(2025, 12, 30),
        outcome="granted",
        correction_reason="答复书已于12月30日送达，漏登记",
    )
    report.refresh_from_db()
    assert report.status == "draft"
    reopened = report.revisions.order_by("-seq").first()
    assert reopened.action == Action.REOPENED and "漏登记" in reopened.reason
    published = report.revisions.get(action=Action.PUBLISHED)
    assert published.document["applications"]["carried_out"]["research"] == 1
    correction = Correction.objects.get()
    assert correction.years == [2025] and correction.record.startswith("申请")

    tables = generate(agency, 2025, report.texts).report.applications
    assert tables.value("carried_out", "research") == 0
    assert tables.value("granted", "research") == 1
    services.publish(people["approver"], report.pk, date(2026, 2, 3))
    report.refresh_from_db()
    assert report.status == "published"
    assert report.document["applications"]["granted"]["research"] == 1


def test_events_of_an_open_year_are_not_locked(
    registers: dict[str, Any], people: dict[str, Any]
) -> None:
    from gongkai.web.applications.services import steps

    _publish(people, registers["agency"], 2025, date(2026, 1, 20))
    case_d = registers["cases"]["D"]
    steps.reply(people["approver"], case_d.pk, on=date(2026, 1, 6), outcome="granted")
    case_d.refresh_from_db()
    assert case_d.outcome == "granted"


def test_reopen_needs_an_approver_and_a_reason(
    registers: dict[str, Any], people: dict[str, Any]
) -> None:
    from gongkai.web.errors import Forbidden, InvalidInput
    from gongkai.web.reports import services

    report = _publish(people, registers["agency"], 2025, date(2026, 1, 20))
    with pytest.raises(Forbidden):
        services.reopen(people["clerk"], report.pk, "更正")
    with pytest.raises(InvalidInput):
        services.reopen(people["approver"], report.pk, "  ")
    services.reopen(people["approver"], report.pk, "表二行政许可数量漏计")
    report.refresh_from_db()
    assert report.status == "draft"


IMPORTED_2024 = """临淄区齐都镇人民政府2024年政府信息公开工作年度报告
一、总体情况
2024年，本镇收到政府信息公开申请3件。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
{table}
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def _imported_text() -> bytes:
    from gongkai.report.canonical import from_canonical
    from gongkai.report.render import render

    apps: dict[str, dict[str, int]] = {}
    from gongkai.report.spec import APPLICANT_COLUMN_KEYS, FORMAT_2021

    for row in FORMAT_2021.applications.row_keys:
        apps[row] = dict.fromkeys(APPLICANT_COLUMN_KEYS, 0)
    for row, n in (("received", 3), ("granted", 1), ("concluded_total", 1), ("carried_out", 2)):
        apps[row]["natural_person"] = n
        apps[row]["total"] = n
    document = {
        "format": "2021",
        "agency": "临淄区齐都镇人民政府",
        "year": 2024,
        "sections": {
            "overview": "2024年，本镇收到政府信息公开申请3件。",
            "other_section": "本年度未收取信息处理费。",
        },
        "applications": apps,
    }
    return render(from_canonical(document), "md")


def test_imported_last_year_is_reconciled(
    people: dict[str, Any], tree: dict[str, Any], town_approver: Any
) -> None:
    """The town used gongkai from 2025 on: last year's published report says 2 applications
    were carried over, the register has none open. XYEAR-CARRY says so, per column, until the
    report explains it. The import counts as last year's report once the approver publishes it."""
    from gongkai.web.reports import services

    town, clerk = tree["town"], people["town_clerk"]
    imported = services.import_published(clerk, town.pk, "2024年度报告.md", _imported_text())
    assert imported.origin == "imported" and imported.status == "pending"
    assert imported.year == 2024
    assert imported.document["applications"]["carried_out"]["natural_person"] == 2
    waiting = services.open_draft(clerk, town.pk, 2025)
    assert not [f for f in waiting.findings if f["code"] == "XYEAR-CARRY"]  # not yet published
    waiting.delete()
    services.publish(town_approver, imported.pk, date(2025, 1, 25))

    draft = services.open_draft(clerk, town.pk, 2025)
    carry = [f for f in draft.findings if f["code"] == "XYEAR-CARRY"]
    assert {(f["column"], f["expected"], f["actual"], f["severity"]) for f in carry} == {
        ("natural_person", 2, 0, "error"),
        ("total", 2, 0, "error"),
    }
    assert all("导入" in f["message"] for f in carry)

    generated = services.save(
        clerk, draft.pk, {"carry_note": "2024年结转的2件申请已于2024年底前办结，原报告统计有误。"}
    )
    carry = [f for f in generated.findings if f.code == "XYEAR-CARRY"]
    assert {f.severity for f in carry} == {"warning"}
    assert "原报告统计有误" in generated.report.sections["applications_section"]


def test_a_bad_import_names_the_file_and_writes_nothing(
    people: dict[str, Any], tree: dict[str, Any]
) -> None:
    from gongkai.web.errors import InvalidInput
    from gongkai.web.reports import services
    from gongkai.web.reports.models import AnnualReport

    with pytest.raises(InvalidInput, match=r"损坏\.docx"):
        services.import_published(
            people["town_clerk"], tree["town"].pk, "损坏.docx", b"PK\x03\x04 not really a zip"
        )
    with pytest.raises(InvalidInput, match=r"^通知\.txt: 没有找到年度报告的内容"):
        services.import_published(
            people["town_clerk"],
            tree["town"].pk,
            "通知.txt",
            "关于做好政府信息公开工作的通知".encode(),
        )
    no_tables = IMPORTED_2024.format(table="（表格为图片，无法复制）").encode()
    with pytest.raises(InvalidInput, match=r"^无表\.txt：没有找到表三"):
        services.import_published(people["town_clerk"], tree["town"].pk, "无表.txt", no_tables)
    with pytest.raises(InvalidInput, match="与所填年度2023不符"):
        services.import_published(
            people["town_clerk"], tree["town"].pk, "2024.md", _imported_text(), year=2023
        )
    assert not AnnualReport.objects.exists()


def test_correcting_an_applicant_type_reopens_the_year(
    registers: dict[str, Any], people: dict[str, Any]
) -> None:
    """Case C was registered as a natural person but came from a nonprofit: the correction
    moves it in the 2025 report, reopened with the reason; a case of no published year is
    corrected with the same audit record and no reopening."""
    from gongkai.web.applications.services.amend import amend_registration
    from gongkai.web.reports.generate import generate
    from gongkai.web.reports.models import Correction

    agency, cases = registers["agency"], registers["cases"]
    report = _publish(people, agency, 2025, date(2026, 1, 20))
    with pytest.raises(Exception, match="更正理由"):
        amend_registration(people["clerk"], cases["C"].pk, reason=" ", applicant_type="nonprofit")
    amend_registration(
        people["clerk"],
        cases["C"].pk,
        reason="申请人为社会组织，登记有误",
        applicant_type="nonprofit",
    )
    report.refresh_from_db()
    assert report.status == "draft"
    correction = Correction.objects.get()
    assert correction.change == "申请人类型：自然人 → 社会公益组织" and correction.years == [2025]
    table = generate(agency, 2025, {}).report.applications
    assert table.value("unavailable_not_held", "nonprofit") == 1
    assert table.value("unavailable_not_held", "natural_person") == 0
    assert table.value("received", "nonprofit") == 1

    amend_registration(people["clerk"], cases["D"].pk, reason="名称写错", applicant_name="某研究院")
    report.refresh_from_db()
    assert report.revisions.filter(action="reopened").count() == 1  # D: 2025 already reopened
    assert Correction.objects.count() == 2


def test_an_import_whose_format_cannot_be_told_takes_the_years(
    people: dict[str, Any], tree: dict[str, Any], monkeypatch: Any
) -> None:
    """A spreadsheet with only table 三 does not show which format it is: the year decides,
    and the tables are kept (not dropped as null)."""
    from dataclasses import replace

    from gongkai.report.parse import parse_bytes
    from gongkai.web.reports import services

    data = _imported_text()
    unknown = replace(parse_bytes(data, source="x.md"), format=None)
    monkeypatch.setattr(services, "parse_isolated", lambda *_a, **_k: unknown)
    report = services.import_published(people["town_clerk"], tree["town"].pk, "表三.xlsx", data)
    assert report.document["format"] == "2021"
    assert report.document["applications"]["carried_out"]["natural_person"] == 2
    assert "按年度采用2021年格式" in report.revisions.get().reason


def test_the_step_page_asks_for_a_reason_for_a_published_year(
    registers: dict[str, Any], people: dict[str, Any], client: Any
) -> None:
    from django.urls import reverse

    from gongkai.web.reports.models import AnnualReport

    report = _publish(people, registers["agency"], 2025, date(2026, 1, 20))
    case_d = registers["cases"]["D"]
    client.login(username="approver", password="pw-approver")
    url = reverse("cases:step", args=[case_d.pk, "reply"])
    data = {"on": "2025-12-30", "outcome": "granted", "reason": ""}
    page = client.post(url, data)
    assert page.status_code == 422
    body = page.content.decode()
    assert 'name="correction_reason"' in body and "2025年度报告已经发布" in body
    answered = client.post(url, {**data, "correction_reason": "答复已于12月30日送达，漏登记"})
    assert answered.status_code == 302
    assert AnnualReport.objects.get(pk=report.pk).status == "draft"
    case_d.refresh_from_db()
    assert case_d.outcome == "granted"


def test_the_amend_page_corrects_with_a_reason(
    registers: dict[str, Any], people: dict[str, Any], client: Any
) -> None:
    from django.urls import reverse

    case_c = registers["cases"]["C"]
    client.login(username="clerk", password="pw-clerk")
    assert (
        "更正申请人信息" in client.get(reverse("cases:detail", args=[case_c.pk])).content.decode()
    )
    url = reverse("cases:amend", args=[case_c.pk])
    assert client.get(url).status_code == 200
    data = {"applicant_type": "nonprofit", "applicant_name": "某协会"}
    assert client.post(url, data).status_code == 422  # no reason
    assert client.post(url, {**data, "reason": "登记有误"}).status_code == 302
    case_c.refresh_from_db()
    assert (case_c.applicant_type, case_c.applicant_name) == ("nonprofit", "某协会")
    client.login(username="supervisor", password="pw-supervisor")
    assert client.get(url).status_code == 403


def test_an_import_is_read_in_a_bounded_child_process(
    people: dict[str, Any], tree: dict[str, Any], monkeypatch: Any
) -> None:
    """The upload is parsed in a child process: a file that outlasts its time is refused with
    the file's name and nothing is written (here the time is shorter than the child's start)."""
    from gongkai.report import isolate
    from gongkai.web.errors import InvalidInput
    from gongkai.web.reports import services
    from gongkai.web.reports.models import AnnualReport

    monkeypatch.setattr(
        services,
        "parse_isolated",
        lambda data, source: isolate.parse_isolated(data, source, seconds=0.01),
    )
    with pytest.raises(InvalidInput) as caught:
        services.import_published(people["town_clerk"], tree["town"].pk, "慢.txt", _imported_text())
    assert "慢.txt" in str(caught.value) and "已中止" in str(caught.value)
    assert not AnnualReport.objects.filter(agency=tree["town"]).exists()


def test_a_late_step_that_leaves_the_figures_needs_no_reason(
    registers: dict[str, Any], people: dict[str, Any]
) -> None:
    """Case D stayed open at the end of 2025 as published: a consultation on 2025-12-29
    entered late changes none of 2025's figures (D is still carried over), so it needs no
    reason and the report stays published; a fee notice of 2025 changes the year's fee
    figures, so it does."""
    from gongkai.web.applications.services import steps
    from gongkai.web.yearlock import YearLocked

    report = _publish(people, registers["agency"], 2025, date(2026, 1, 20))
    case_d = registers["cases"]["D"]
    steps.start_consultation(
        people["clerk"],
        case_d.pk,
        on=date(2025, 12, 29),
        consultation="third_party",
        party="某公司",
    )
    steps.end_consultation(people["clerk"], case_d.pk, on=date(2025, 12, 30))
    report.refresh_from_db()
    assert report.status == "published"
    with pytest.raises(YearLocked):
        steps.issue_fee_notice(
            people["clerk"], case_d.pk, on=date(2025, 12, 31), method="per_page", quantity=200
        )


def test_correcting_an_applicants_name_leaves_the_published_year(
    registers: dict[str, Any], people: dict[str, Any]
) -> None:
    """A name is no figure: the correction is kept with its reason, the report stays as
    published."""
    from gongkai.web.applications.services.amend import amend_registration
    from gongkai.web.reports.models import Correction

    report = _publish(people, registers["agency"], 2025, date(2026, 1, 20))
    amend_registration(
        people["clerk"],
        registers["cases"]["C"].pk,
        reason="姓名写错",
        applicant_name="林国娟（更正）",
    )
    report.refresh_from_db()
    assert report.status == "published"
    assert Correction.objects.get().years == []
