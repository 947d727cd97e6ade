"""Submission before publication (审核后发布): where 临淄区人民政府 asks for it, 临淄区民政局
publishes its 2025 report only once the supervisor cleared the content it publishes; a return
needs comments, which the unit reads beside its report; a change after the clearance needs it
again; each refusal reaches the person, in Chinese, beside what they did."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.web.errors import InvalidInput, NotFound
from gongkai.web.reports import services as reports
from gongkai.web.reports.errors import PublishRefused
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision import clearance, services
from gongkai.web.supervision.models import ClearanceStep, RegionPolicy
from tests.web.reports.conftest import registers  # noqa: F401  (the fixture)
from tests.web.reports.test_approval import PROBLEMS
from tests.web.supervision.region import ROSTER_CSV

pytestmark = pytest.mark.django_db
ON = date(2026, 1, 20)


@pytest.fixture
def written(registers: dict[str, Any], people: dict[str, Any], tree: dict[str, Any]) -> Any:  # noqa: F811
    """The 2025 draft of 临淄区民政局 without errors; 临淄区人民政府's 2025 roster links it."""
    services.import_roster(
        people["supervisor"],
        tree["gov"],
        2025,
        SimpleUploadedFile("名单.csv", ROSTER_CSV.encode()),
    )
    report = reports.open_draft(people["clerk"], registers["agency"].pk, 2025)
    assert not reports.save(people["clerk"], report.pk, PROBLEMS).errors
    return report


@pytest.fixture
def required(written: Any, people: dict[str, Any], tree: dict[str, Any]) -> Any:
    assert clearance.set_policy(people["supervisor"], tree["gov"].pk, True) is not None
    return written


def _more(sentence: str) -> dict[str, str]:
    return {"problems_section": PROBLEMS["problems_section"] + sentence}


def _client(actor: Any) -> Client:
    client = Client()
    client.force_login(actor.staff.user)
    return client


def _decide(
    people: dict[str, Any], tree: dict[str, Any], report: Any, action: str, text: str = ""
) -> Any:
    waiting = clearance.state_of(report, tree["gov"]).last
    return clearance.decide(
        people["supervisor"], tree["gov"].pk, report.pk, waiting.pk, action, text
    )


def test_without_the_rule_a_unit_publishes_as_before(written, people):
    assert clearance.region_of(written) is None
    with pytest.raises(InvalidInput, match=r"不要求.*提交审核"):
        clearance.submit(people["clerk"], written.pk)
    reports.publish(people["approver"], written.pk, ON)
    assert AnnualReport.objects.get(pk=written.pk).status == "published"


def test_submit_return_resubmit_clear_publish(required, people, tree):
    report = required
    with pytest.raises(PublishRefused, match="临淄区人民政府要求年度报告发布前先提交审核"):
        reports.preview(people["approver"], report.pk, ON)
    clearance.submit(people["clerk"], report.pk, "请审核")
    with pytest.raises(PublishRefused, match="提交临淄区人民政府审核，审核通过后才能发布"):
        reports.publish(people["approver"], report.pk, ON)
    with pytest.raises(InvalidInput, match="已提交临淄区人民政府审核，请等待"):
        clearance.submit(people["approver"], report.pk)  # the same version again
    with pytest.raises(InvalidInput, match="退回须填写意见"):
        _decide(people, tree, report, "returned", "  ")
    _decide(people, tree, report, "returned", "第五部分请写明整改时限。")
    with pytest.raises(PublishRefused, match="已退回报告（意见：第五部分请写明整改时限。）"):
        reports.preview(people["approver"], report.pk, ON)

    reports.save(
        people["clerk"],
        report.pk,
        {"problems_section": PROBLEMS["problems_section"] + "2026年6月底前完成整改。"},
    )
    first = clearance.submit(people["clerk"], report.pk)
    _decide(people, tree, report, "cleared")
    assert reports.preview(people["approver"], report.pk, ON).report.pk == report.pk
    reports.publish(people["approver"], report.pk, ON)
    report.refresh_from_db()
    assert report.status == "published"
    steps = list(ClearanceStep.objects.filter(report=report).order_by("at", "pk"))
    assert [(s.action, s.actor_name) for s in steps] == [
        ("submitted", "张敏"),
        ("returned", "李红梅"),
        ("submitted", "张敏"),
        ("cleared", "李红梅"),
    ]
    assert steps[3].digest == first.digest and first.document["sections"]
    assert "2026年6月底前完成整改" in str(first.document)
    policy = RegionPolicy.objects.get(region=tree["gov"])
    assert (policy.requires_clearance, policy.actor_name) == (True, "李红梅")


def test_a_cleared_report_changed_afterwards_needs_clearance_again(required, people, tree):
    report = required
    clearance.submit(people["clerk"], report.pk)
    _decide(people, tree, report, "cleared", "同意发布")
    with pytest.raises(InvalidInput, match="已审核通过这一版本"):
        clearance.submit(people["clerk"], report.pk)
    reports.save(people["clerk"], report.pk, _more("另将按月检查公开目录。"))
    with pytest.raises(PublishRefused, match="审核通过后有变化"):
        reports.preview(people["approver"], report.pk, ON)
    clearance.submit(people["clerk"], report.pk)
    _decide(people, tree, report, "cleared")
    reports.publish(people["approver"], report.pk, ON)


def test_the_registers_changing_after_clearance_also_needs_it_again(
    required, people, tree, make_case
):
    report = required
    clearance.submit(people["clerk"], report.pk)
    _decide(people, tree, report, "cleared")
    make_case(date(2025, 12, 29))  # one more request received in 2025: table 三 changes
    with pytest.raises(PublishRefused, match="审核通过后有变化"):
        reports.publish(people["approver"], report.pk, ON)


def test_who_may_do_what(required, people, tree):
    report = required
    for name in ("tez_supervisor", "clerk", "tez_clerk"):  # not this region's supervisor: 404
        with pytest.raises(NotFound):
            clearance.set_policy(people[name], tree["gov"].pk, False)
    with pytest.raises(Exception, match="只有本机关的经办人或审批人"):
        clearance.submit(people["supervisor"], report.pk)
    step = clearance.submit(people["clerk"], report.pk)
    with pytest.raises(NotFound):
        clearance.decide(
            people["tez_supervisor"], tree["gov"].pk, report.pk, step.pk, "cleared", ""
        )
    with pytest.raises(NotFound):  # a region the report was not submitted to
        clearance.decide(people["admin"], tree["civil"].pk, report.pk, step.pk, "cleared", "")


def test_a_decision_on_a_version_replaced_meanwhile_is_refused(required, people, tree):
    report = required
    seen = clearance.submit(people["clerk"], report.pk)
    reports.save(people["clerk"], report.pk, _more("补充一句。"))
    clearance.submit(people["clerk"], report.pk)
    with pytest.raises(clearance.ClearanceConflict, match="重新提交了报告"):
        clearance.decide(people["supervisor"], tree["gov"].pk, report.pk, seen.pk, "cleared", "")


def test_a_report_with_errors_is_not_submitted(written, people, tree):
    clearance.set_policy(people["supervisor"], tree["gov"].pk, True)
    reports.save(people["clerk"], written.pk, {"problems_section": ""})  # 五 empty: an error
    with pytest.raises(InvalidInput, match="个错误，改正后才能提交审核"):
        clearance.submit(people["clerk"], written.pk)
    assert not ClearanceStep.objects.exists()


def test_turning_the_rule_off_lets_a_waiting_unit_publish(required, people, tree):
    clearance.submit(people["clerk"], required.pk)
    clearance.set_policy(people["supervisor"], tree["gov"].pk, False)
    reports.publish(people["approver"], required.pk, ON)
    assert [p.requires_clearance for p in clearance.policy_history(tree["gov"])] == [False, True]


# ------------------------------------------------------------------------------ pages


def test_the_pages_of_each_path_and_refusal(required, people, tree):
    report, region = required, tree["gov"]
    unit, approver, supervisor = (
        _client(people["clerk"]),
        _client(people["approver"]),
        _client(people["supervisor"]),
    )
    page = approver.get(f"/reports/{report.pk}/").content.decode()
    assert 'id="clearance-card"' in page and 'id="publish-blocked"' in page
    assert "临淄区人民政府要求年度报告发布前先提交审核" in page
    refused = approver.post(f"/reports/{report.pk}/publish/", {"published_on": ON.isoformat()})
    assert refused.status_code == 409
    assert "临淄区人民政府要求年度报告发布前先提交审核" in refused.content.decode()

    own = unit.get(f"/reports/{report.pk}/").content.decode()  # the office's approval goes on
    assert 'id="submit-report"' in own and 'id="submit-blocked"' not in own
    done = unit.post(f"/supervision/clearance/report/{report.pk}/submit/", {"note": "请审核"})
    assert done.status_code == 302
    again = unit.post(f"/supervision/clearance/report/{report.pk}/submit/", {"note": ""})
    assert again.status_code == 422 and "请等待审核结果" in again.content.decode()
    assert (
        _client(people["tez_clerk"])
        .post(f"/supervision/clearance/report/{report.pk}/submit/")
        .status_code
        == 404
    )

    queue = supervisor.get(f"/supervision/{region.pk}/clearance/").content.decode()
    assert "临淄区民政局" in queue and "查看并审核" in queue
    assert (
        _client(people["tez_supervisor"]).get(f"/supervision/{region.pk}/clearance/").status_code
        == 404
    )
    review = supervisor.get(f"/supervision/{region.pk}/clearance/{report.pk}/")
    text = review.content.decode()
    assert review.status_code == 200 and "草稿——未发布" in text and 'id="findings"' in text
    assert "请审核" in text and 'id="clearance-form"' in text
    step = clearance.state_of(report, region).last.pk
    url = f"/supervision/{region.pk}/clearance/{report.pk}/decide/"
    bad = supervisor.post(url, {"step": step, "action": "returned", "comment": " "})
    assert bad.status_code == 422 and "请填写退回意见" in bad.content.decode()
    ok = supervisor.post(url, {"step": step, "action": "returned", "comment": "请补充整改时限。"})
    assert ok.status_code == 302

    page = unit.get(f"/reports/{report.pk}/").content.decode()
    assert 'id="clearance-comment"' in page and "请补充整改时限。" in page
    reports.save(people["clerk"], report.pk, _more("2026年6月底前完成整改。"))
    assert unit.post(f"/supervision/clearance/report/{report.pk}/submit/").status_code == 302
    step = clearance.state_of(report, region).last.pk
    assert (
        supervisor.post(url, {"step": step, "action": "cleared", "comment": ""}).status_code == 302
    )
    page = approver.get(f"/reports/{report.pk}/").content.decode()
    assert "已审核通过当前版本" in page and 'id="publish-blocked"' not in page
    assert (
        approver.post(
            f"/reports/{report.pk}/publish/", {"published_on": ON.isoformat()}
        ).status_code
        == 302
    )


def test_the_policy_page_is_the_supervisors(written, people, tree):
    region = tree["gov"]
    url = f"/supervision/{region.pk}/clearance/policy/"
    assert (
        _client(people["tez_supervisor"]).post(url, {"requires_clearance": "on"}).status_code == 404
    )
    assert _client(people["clerk"]).post(url, {"requires_clearance": "on"}).status_code == 404
    assert not RegionPolicy.objects.exists()
    assert _client(people["supervisor"]).post(url, {"requires_clearance": "on"}).status_code == 302
    assert clearance.requires_clearance(region)
    page = (
        _client(people["supervisor"]).get(f"/supervision/{region.pk}/clearance/").content.decode()
    )
    assert "发布前须提交本机关审核" in page and "李红梅" in page


def test_a_decision_on_a_replaced_version_comes_back_with_the_new_one(required, people, tree):
    report, region = required, tree["gov"]
    seen = clearance.submit(people["clerk"], report.pk)
    reports.save(people["clerk"], report.pk, _more("补充一句。"))
    latest = clearance.submit(people["clerk"], report.pk)
    url = f"/supervision/{region.pk}/clearance/{report.pk}/decide/"
    page = _client(people["supervisor"]).post(url, {"step": seen.pk, "action": "cleared"})
    text = page.content.decode()
    assert page.status_code == 409 and "重新提交了报告" in text
    assert f'name="step" value="{latest.pk}"' in text and "补充一句。" in text
    assert clearance.state_of(report, region).waiting


def test_the_offices_approval_and_the_clearance_run_side_by_side(required, people, tree):
    report = required
    reports.submit(people["clerk"], report.pk, "请审批")  # 待审批 inside the office
    with pytest.raises(PublishRefused, match="要求年度报告发布前先提交审核"):
        reports.publish(people["approver"], report.pk, ON)
    clearance.submit(people["approver"], report.pk)
    _decide(people, tree, report, "cleared")
    reports.publish(people["approver"], report.pk, ON)
    report.refresh_from_db()
    assert report.status == "published"
