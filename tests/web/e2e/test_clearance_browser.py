"""Submission before publication in Chromium: the supervisor of 临淄区人民政府 turns the rule on;
the approver of 临淄区民政局 cannot publish (the reason beside the button, and the server refuses
a forced click); the clerk submits; the supervisor returns it (without comments: refused beside
the form), the clerk reads the comments beside the report, changes it and submits again; the
supervisor clears it; the approver publishes."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from tests.web.e2e.test_browser import click, login, set_value, shot, wait
from tests.web.e2e.test_refusals import TODAY, shows
from tests.web.e2e.test_report_publishing import LAST_YEAR, _draft, _reload_after

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def region(office):
    from gongkai.web.agencies.services import create_staff
    from gongkai.web.supervision.models import RosterUnit

    gov = office.parent
    create_staff(
        username="supervisor",
        password="pw-supervisor",
        agency=gov,
        role="supervisor",
        display_name="李红梅",
    )
    RosterUnit.objects.create(
        region=gov,
        year=LAST_YEAR,
        unit_id="临淄区民政局",
        name="临淄区民政局",
        type="政府部门",
        agency=office,
    )
    return gov


def test_submit_return_resubmit_clear_publish(browser, live_server, region):
    report = _draft(LAST_YEAR)
    base = live_server.url
    page = f"{base}/reports/{report.pk}/"
    queue = f"{base}/supervision/{region.pk}/clearance/"

    login(browser, base, "supervisor")
    browser.get(queue)
    browser.find_element(By.ID, "requires-clearance").click()
    _reload_after(browser, "save-policy")
    assert "发布前须提交本机关审核" in browser.find_element(By.ID, "policy-state").text

    login(browser, base, "approver")
    browser.get(page)
    button = wait(browser).until(ec.presence_of_element_located((By.ID, "publish-report")))
    assert not button.is_enabled()
    blocked = browser.find_element(By.ID, "publish-blocked").text
    assert "临淄区人民政府要求年度报告发布前先提交审核" in blocked
    browser.execute_script("arguments[0].disabled = false", button)  # the server refuses too
    set_value(browser, "id_published_on", TODAY.isoformat())
    click(browser, "publish-report")
    shows(browser, "临淄区人民政府要求年度报告发布前先提交审核")

    login(browser, base, "clerk")
    browser.get(page)
    browser.find_element(By.ID, "clearance-note").send_keys("第五部分已写明问题和改进措施")
    _reload_after(browser, "submit-clearance")
    assert "等待审核结果" in browser.find_element(By.ID, "clearance-state").text

    login(browser, base, "supervisor")
    browser.get(queue)
    browser.find_element(By.CSS_SELECTOR, "#clearance-waiting a.open-submission").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "clearance-form")))
    assert "草稿——未发布" in browser.find_element(By.ID, "report").text
    assert browser.find_element(By.ID, "findings").text.startswith("校验结果")
    assert "第五部分已写明问题和改进措施" in browser.find_element(By.ID, "submission-note").text
    browser.find_element(By.ID, "id_action_1").click()  # 退回修改, with no comments
    _reload_after(browser, "decide-clearance")
    assert "请填写退回意见" in browser.find_element(By.ID, "clearance-form").text
    shot(browser, "clearance-review-refused")
    browser.find_element(By.ID, "id_comment").send_keys("请写明各项改进措施的完成时限")
    browser.find_element(By.ID, "id_action_1").click()
    _reload_after(browser, "decide-clearance")
    assert "没有待审核的报告" in browser.find_element(By.ID, "clearance-waiting").text

    login(browser, base, "clerk")
    browser.get(page)
    comment = browser.find_element(By.ID, "clearance-comment").text
    assert comment == "请写明各项改进措施的完成时限"
    assert "临淄区人民政府退回修改" in browser.find_element(By.ID, "clearance-state").text
    shot(browser, "clearance-returned-unit")
    browser.find_element(By.ID, "id_problems_section").send_keys("以上措施于2026年6月底前完成。")
    _reload_after(browser, "save-report")
    assert "报告已有修改，可以重新提交审核" in browser.find_element(By.ID, "clearance-state").text
    _reload_after(browser, "submit-clearance")

    login(browser, base, "supervisor")
    browser.get(queue)
    browser.find_element(By.CSS_SELECTOR, "#clearance-waiting a.open-submission").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "clearance-form")))
    assert "2026年6月底前完成" in browser.find_element(By.ID, "report").text
    browser.find_element(By.ID, "id_action_0").click()  # 审核通过
    _reload_after(browser, "decide-clearance")
    assert "审核通过" in browser.find_element(By.ID, "clearance-decided").text

    login(browser, base, "approver")
    browser.get(page)
    assert "已审核通过当前版本" in browser.find_element(By.ID, "clearance-state").text
    set_value(browser, "id_published_on", TODAY.isoformat())
    _reload_after(browser, "publish-report")
    wait(browser).until(ec.presence_of_element_located((By.ID, "confirm-publish")))
    _reload_after(browser, "confirm-publish")
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "status"), "已发布"))
    report.refresh_from_db()
    assert (report.status, report.published_on) == ("published", TODAY)
