"""Publishing a year's report: only after the year, dated from 1 January of the next year up to
today; a clerk submits, the approver publishes or returns with a comment; a report confirmed
and then changed is not published; imports wait for approval and must name the importing
agency; in a generated report an empty section 五 and prose contradicting table 三 block
publishing (in an imported one they stay hints)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.web.conftest import today_is
from tests.web.reports.test_lifecycle import _imported_text

pytestmark = pytest.mark.django_db

PROBLEMS = {
    "problems_section": "一是公开目录更新不够及时；二是答复文书说理不够充分。"
    "下一步将加强培训，规范答复文书，按季度检查公开目录。"
}


@pytest.fixture
def written(registers: dict[str, Any], people: dict[str, Any]) -> Any:
    """The 2025 draft of 临淄区民政局 with section 五 written: no errors."""
    from gongkai.web.reports import services

    report = services.open_draft(people["clerk"], registers["agency"].pk, 2025)
    assert not services.save(people["clerk"], report.pk, PROBLEMS).errors
    return report


# ------------------------------------------------------------------ the year and the date


def test_a_report_is_not_published_before_its_year_is_over(
    written: Any, people: dict[str, Any], monkeypatch: Any
) -> None:
    from gongkai.web.errors import InvalidInput
    from gongkai.web.reports import services

    today_is(monkeypatch, date(2025, 12, 31))
    for attempt in (services.preview, services.publish):
        with pytest.raises(
            InvalidInput, match=r"2025年度尚未结束（今天是2025-12-31）.*2026-01-01以后"
        ):
            attempt(people["approver"], written.pk, date(2026, 1, 20))
    with pytest.raises(InvalidInput, match="2025年度尚未结束"):
        services.submit(people["clerk"], written.pk)
    written.refresh_from_db()
    assert written.status == "draft" and written.published_on is None

    today_is(monkeypatch, date(2026, 1, 1))  # the first day it may be published
    services.publish(people["approver"], written.pk, date(2026, 1, 1))
    written.refresh_from_db()
    assert (written.status, written.published_on) == ("published", date(2026, 1, 1))


@pytest.mark.parametrize(
    ("on", "field_says"),
    [
        (date(2025, 12, 31), "发布日期应在2025年度结束之后（2026-01-01或以后）"),
        (date(2026, 1, 11), "发布日期不能晚于今天（2026-01-10）"),
        (date(2027, 1, 20), "发布日期不能晚于今天（2026-01-10）"),
    ],
)
def test_the_date_is_after_the_year_and_not_after_today(
    written: Any, people: dict[str, Any], monkeypatch: Any, on: date, field_says: str
) -> None:
    from gongkai.web.errors import InvalidInput
    from gongkai.web.reports import services

    today_is(monkeypatch, date(2026, 1, 10))
    with pytest.raises(InvalidInput) as refused:
        services.publish(people["approver"], written.pk, on)
    assert refused.value.fields == {"published_on": field_says}
    written.refresh_from_db()
    assert written.status == "draft"


def test_today_is_a_valid_date_and_a_late_one_is_told(
    written: Any, people: dict[str, Any], monkeypatch: Any
) -> None:
    from gongkai.web.reports import services

    today_is(monkeypatch, date(2026, 1, 10))
    assert not services.preview(people["approver"], written.pk, date(2026, 1, 10)).late
    today_is(monkeypatch, date(2026, 3, 2))
    assert services.preview(people["approver"], written.pk, date(2026, 2, 1)).late
    assert not services.preview(people["approver"], written.pk, date(2026, 1, 31)).late


# ------------------------------------------------------------------ approval


def test_submit_return_resubmit_and_publish(written: Any, people: dict[str, Any]) -> None:
    from gongkai.web.errors import Forbidden, InvalidInput
    from gongkai.web.reports import selectors, services
    from gongkai.web.reports.models import Action

    clerk, approver = people["clerk"], people["approver"]
    with pytest.raises(Forbidden):
        services.publish(clerk, written.pk, date(2026, 1, 20))
    assert selectors.waiting_for_approval(approver) == []

    services.submit(clerk, written.pk, "请审批")
    written.refresh_from_db()
    assert written.status == "pending"
    assert selectors.waiting_for_approval(approver) == [written]
    assert selectors.waiting_for_approval(clerk) == []  # the queue is the approver's
    with pytest.raises(InvalidInput, match="正在审批中"):
        services.save(clerk, written.pk, {"overview": "改一改"})
    with pytest.raises(InvalidInput, match="只有草稿可以提交审批"):
        services.submit(clerk, written.pk)

    with pytest.raises(Forbidden):
        services.return_report(clerk, written.pk, "自己退回")
    with pytest.raises(InvalidInput) as no_comment:
        services.return_report(approver, written.pk, "  ")
    assert no_comment.value.fields == {"comment": "请填写退回意见"}
    services.return_report(approver, written.pk, "第五部分请写明改进措施的完成时限")
    written.refresh_from_db()
    assert written.status == "draft"
    [(report, step)] = selectors.returned_to_office(clerk)
    assert report == written and step.reason == "第五部分请写明改进措施的完成时限"
    assert step.actor_name == "王建国"

    services.save(clerk, written.pk, PROBLEMS)
    assert selectors.returned_to_office(clerk) == []  # saved since: no longer "returned"
    services.submit(clerk, written.pk)
    services.withdraw(clerk, written.pk)
    written.refresh_from_db()
    assert written.status == "draft"
    with pytest.raises(InvalidInput, match="不在审批中"):
        services.withdraw(clerk, written.pk)
    services.submit(clerk, written.pk)
    services.publish(approver, written.pk, date(2026, 1, 20))
    written.refresh_from_db()
    assert written.status == "published"
    steps = [(r.action, r.actor_name) for r in written.revisions.order_by("seq")]
    assert steps == [
        (Action.SAVED, "张敏"),
        (Action.SAVED, "张敏"),
        (Action.SUBMITTED, "张敏"),
        (Action.RETURNED, "王建国"),
        (Action.SAVED, "张敏"),
        (Action.SUBMITTED, "张敏"),
        (Action.WITHDRAWN, "张敏"),
        (Action.SUBMITTED, "张敏"),
        (Action.PUBLISHED, "王建国"),
    ]
    assert written.revisions.get(seq=3).reason == "请审批"
    assert written.revisions.get(seq=9).reason == "批准发布，发布日期2026-01-20"


def test_a_report_with_errors_is_not_submitted(
    registers: dict[str, Any], people: dict[str, Any]
) -> None:
    from gongkai.web.reports import services
    from gongkai.web.reports.errors import PublishRefused

    report = services.open_draft(people["clerk"], registers["agency"].pk, 2025)  # no section 五
    with pytest.raises(PublishRefused, match="改正后才能提交审批"):
        services.submit(people["clerk"], report.pk)
    report.refresh_from_db()
    assert report.status == "draft"


def test_what_was_confirmed_is_what_is_published(
    written: Any, people: dict[str, Any], make_case: Any
) -> None:
    """A case of 2025 registered between the confirmation and the click: the report shown is
    no longer the report that would be published, so it is not."""
    from gongkai.web.reports import services
    from gongkai.web.reports.errors import PublishRefused

    approver = people["approver"]
    shown = services.preview(approver, written.pk, date(2026, 1, 20))
    assert shown.document["applications"]["received"]["total"] == 5
    make_case(date(2025, 12, 29), applicant_type="nonprofit", applicant_name="某公益组织")
    with pytest.raises(PublishRefused, match="确认之后有变化"):
        services.publish(approver, written.pk, date(2026, 1, 20), digest=shown.digest)
    written.refresh_from_db()
    assert written.status == "draft"
    again = services.preview(approver, written.pk, date(2026, 1, 20))
    assert again.digest != shown.digest
    services.publish(approver, written.pk, date(2026, 1, 20), digest=again.digest)
    written.refresh_from_db()
    assert written.document["applications"]["received"]["total"] == 6


# ------------------------------------------------------------------ imports


def _report_of(agency: str, year: int = 2024) -> bytes:
    text = _imported_text().decode().replace("临淄区齐都镇人民政府", agency)
    return text.replace("2024", str(year)).encode()


def test_an_import_naming_another_agency_is_refused(
    people: dict[str, Any], tree: dict[str, Any]
) -> None:
    from gongkai.web.errors import InvalidInput
    from gongkai.web.reports import services
    from gongkai.web.reports.models import AnnualReport

    with pytest.raises(InvalidInput) as refused:
        services.import_published(
            people["town_clerk"], tree["town"].pk, "别人的.md", _report_of("台儿庄区民政局")
        )
    message = refused.value.message
    assert "别人的.md" in message and "“台儿庄区民政局”" in message
    assert "“临淄区齐都镇人民政府”" in message and "审批人填写理由" in message
    assert not AnnualReport.objects.exists()


def test_an_approver_imports_another_name_with_a_reason(
    people: dict[str, Any], tree: dict[str, Any], town_approver: Any
) -> None:
    from gongkai.web.errors import InvalidInput
    from gongkai.web.reports import services
    from gongkai.web.reports.models import AnnualReport

    data = _report_of("临淄区齐都镇政府（原齐都镇人民政府办事处）")  # read as another name
    with pytest.raises(InvalidInput) as no_reason:
        services.import_published(town_approver, tree["town"].pk, "更名前.md", data)
    assert set(no_reason.value.fields) == {"reason"}
    assert not AnnualReport.objects.exists()
    report = services.import_published(
        town_approver,
        tree["town"].pk,
        "更名前.md",
        data,
        reason="2024年机构改革后更名，原报告以旧名称发布",
    )
    assert report.status == "pending"
    kept = report.revisions.get().reason
    assert "机关名称不一致" in kept and "2024年机构改革后更名" in kept


@pytest.mark.parametrize(
    "name",
    [
        "临淄区齐都镇人民政府",
        "淄博市临淄区齐都镇人民政府",
        "临淄区齐都镇政府",
        "临淄区 齐都镇人民政府",
    ],
)
def test_the_same_agency_under_its_usual_forms_is_imported(
    people: dict[str, Any], tree: dict[str, Any], name: str
) -> None:
    from gongkai.web.reports import services

    report = services.import_published(
        people["town_clerk"], tree["town"].pk, "本镇.md", _report_of(name)
    )
    assert report.status == "pending" and "不一致" not in report.revisions.get().reason


@pytest.mark.parametrize(
    ("in_file", "agency", "same"),
    [
        ("临淄区民政局", "临淄区民政局", True),
        ("淄博市临淄区民政局", "临淄区民政局", True),  # the higher levels in front
        ("临淄区民政局", "淄博市临淄区民政局", False),  # shorter: could be another city's
        ("临淄区政府办公室", "临淄区人民政府办公室", True),  # 区政府 is short for 区人民政府
        ("临淄区人民政府办公室", "临淄区政府办公室", True),
        ("临淄区人民政府办公室", "临淄区人民政府", False),  # the office is another agency
        ("临淄区人民政府", "临淄区人民政府办公室", False),
        ("民政局", "临淄区民政局", False),
        ("临淄区　民政局", "临淄区民政局", True),  # a full-width space
        ("（临淄区民政局）", "临淄区民政局", True),
        ("ＡＢＣ县民政局", "ABC县民政局", True),  # full-width letters
        ("台儿庄区民政局", "临淄区民政局", False),
        (None, "临淄区民政局", False),
        ("", "临淄区民政局", False),
    ],
)
def test_agency_names(in_file: str | None, agency: str, same: bool) -> None:
    from gongkai.web.reports.agency_names import names_match

    assert names_match(in_file, agency) is same


def test_a_report_of_a_year_not_over_is_not_imported(
    people: dict[str, Any], tree: dict[str, Any], monkeypatch: Any
) -> None:
    from gongkai.web.errors import InvalidInput
    from gongkai.web.reports import services

    today_is(monkeypatch, date(2024, 12, 20))
    with pytest.raises(InvalidInput, match="2024年度尚未结束"):
        services.import_published(
            people["town_clerk"], tree["town"].pk, "本年.md", _report_of("临淄区齐都镇人民政府")
        )
    today_is(monkeypatch, date(2025, 1, 2))
    services.import_published(
        people["town_clerk"], tree["town"].pk, "本年.md", _report_of("临淄区齐都镇人民政府")
    )


def test_an_import_is_public_only_once_approved(
    people: dict[str, Any], tree: dict[str, Any], town_approver: Any
) -> None:
    from django.test import Client

    from gongkai.web.errors import Forbidden
    from gongkai.web.reports import services

    report = services.import_published(
        people["town_clerk"], tree["town"].pk, "2024.md", _imported_text()
    )
    public = Client()
    assert public.get(f"/apply/reports/{report.pk}/").status_code == 404
    assert f"/apply/reports/{report.pk}/" not in public.get("/apply/reports/").content.decode()
    with pytest.raises(Forbidden):
        services.publish(people["town_clerk"], report.pk, date(2025, 1, 25))
    services.publish(town_approver, report.pk, date(2025, 1, 25))
    assert public.get(f"/apply/reports/{report.pk}/").status_code == 200
    report.refresh_from_db()
    assert report.published_on == date(2025, 1, 25)
    assert report.revisions.order_by("-seq").first().reason == "批准发布，发布日期2025-01-25"


# ------------------------------------------------------------------ checks that block


def test_prose_contradicting_table_three_blocks_a_generated_report(
    written: Any, people: dict[str, Any]
) -> None:
    from gongkai.web.reports import services
    from gongkai.web.reports.errors import PublishRefused

    typed = services.save(
        people["clerk"], written.pk, {"overview": "本年度新收政府信息公开申请9件，均已按期答复。"}
    )
    [mismatch] = [f for f in typed.findings if f.code == "NARR-MISMATCH"]
    assert mismatch.severity == "error" and (mismatch.expected, mismatch.actual) == (5, 9)
    assert "请改用数据项" in mismatch.message
    with pytest.raises(PublishRefused, match="正文写“新收政府信息公开申请9件”"):
        services.publish(people["approver"], written.pk, date(2026, 1, 20))

    right = services.save(
        people["clerk"], written.pk, {"overview": "本年度新收政府信息公开申请5件，均已按期答复。"}
    )
    assert not [f for f in right.findings if f.code == "NARR-MISMATCH"]
    assert not right.errors


@pytest.mark.parametrize("text", ["", "无。", "暂无", "  \n"])
def test_an_empty_section_five_blocks_a_generated_report(
    written: Any, people: dict[str, Any], text: str
) -> None:
    from gongkai.web.reports import services
    from gongkai.web.reports.errors import PublishRefused

    generated = services.save(people["clerk"], written.pk, {"problems_section": text})
    assert [(f.code, f.severity) for f in generated.errors] == [("PROBLEMS-THIN", "error")]
    assert "第五部分“存在的主要问题及改进情况”没有内容" in generated.errors[0].message
    with pytest.raises(PublishRefused, match="第五部分"):
        services.publish(people["approver"], written.pk, date(2026, 1, 20))


def test_a_short_section_five_stays_a_hint(written: Any, people: dict[str, Any]) -> None:
    from gongkai.web.reports import services

    generated = services.save(
        people["clerk"], written.pk, {"problems_section": "个别答复超期，已加强督办。"}
    )
    thin = [f for f in generated.findings if f.code == "PROBLEMS-THIN"]
    assert [f.severity for f in thin] == ["warning"] and not generated.errors


def test_in_an_imported_report_the_same_findings_stay_hints(
    people: dict[str, Any], tree: dict[str, Any], town_approver: Any
) -> None:
    """The town's 2024 report says 9 applications where its table 三 says 3, and its section 五
    is "无。": both are hints, and the approver can publish it as it reads."""
    from gongkai.web.reports import services

    data = _imported_text().decode().replace("收到政府信息公开申请3件", "收到政府信息公开申请9件")
    data = data.replace("五、存在的主要问题及改进情况\n", "五、存在的主要问题及改进情况\n\n无。\n")
    report = services.import_published(
        people["town_clerk"], tree["town"].pk, "2024.md", data.encode()
    )
    found = {f["code"]: f["severity"] for f in report.findings}
    assert found["NARR-MISMATCH"] == "warning" and found["PROBLEMS-THIN"] == "warning"
    services.publish(town_approver, report.pk, date(2025, 1, 25))
    report.refresh_from_db()
    assert report.status == "published"
