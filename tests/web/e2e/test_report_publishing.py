"""The annual report's approval in Chromium: publishing within the year is refused beside the
form; the clerk submits, the approver returns it with a comment from the 待审批 queue, the clerk
submits again, the approver's date ahead of today is refused, and publishing goes through the
confirmation of what becomes public; an import naming another agency is refused on the page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from tests.web.e2e.test_browser import click, gone, login, set_value, wait
from tests.web.e2e.test_refusals import TODAY, _actor, shows
from tests.web.reports.test_approval import PROBLEMS, _report_of

pytestmark = pytest.mark.django_db(transaction=True)

LAST_YEAR = TODAY.year - 1


def _draft(year: int):
    from gongkai.web.reports import services

    clerk = _actor("clerk")
    report = services.open_draft(clerk, clerk.staff.agency_id, year)
    assert not services.save(clerk, report.pk, PROBLEMS).errors
    return report


def _reload_after(browser, element_id):
    """Click ``element_id`` and wait for the page it leads to."""
    old = browser.find_element(By.TAG_NAME, "main")
    click(browser, element_id)
    wait(browser).until(gone(old))
    wait(browser).until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_publishing_within_the_year_is_refused_beside_the_form(browser, live_server, office):
    report = _draft(TODAY.year)
    login(browser, live_server.url, "approver")
    browser.get(f"{live_server.url}/reports/{report.pk}/")
    button = wait(browser).until(ec.presence_of_element_located((By.ID, "publish-report")))
    assert not button.is_enabled()
    assert f"{TODAY.year}年度尚未结束" in browser.find_element(By.ID, "publish-blocked").text
    # the server refuses it too: the button enabled by hand, the form posted by htmx
    browser.execute_script("arguments[0].disabled = false", button)
    set_value(browser, "id_published_on", TODAY.isoformat())
    click(browser, "publish-report")
    shows(browser, f"{TODAY.year}年度尚未结束")
    assert browser.find_elements(By.ID, "publish-form")  # still on the report's page
    report.refresh_from_db()
    assert report.status == "draft"


def test_submit_return_resubmit_confirm_and_publish(browser, live_server, office):
    report = _draft(LAST_YEAR)
    base = live_server.url
    page = f"{base}/reports/{report.pk}/"

    login(browser, base, "clerk")
    browser.get(page)
    browser.find_element(By.ID, "id_note").send_keys("第五部分已按要求修改，请审批")
    _reload_after(browser, "submit-report")
    wait(browser).until(ec.presence_of_element_located((By.ID, "pending-card")))
    assert "待审批" in browser.find_element(By.ID, "status").text

    login(browser, base, "approver")
    queue = wait(browser).until(ec.presence_of_element_located((By.ID, "reports-waiting")))
    queue.find_element(By.PARTIAL_LINK_TEXT, f"{LAST_YEAR}年度报告").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "return-form")))
    browser.find_element(By.ID, "id_comment").send_keys("请写明改进措施的完成时限")
    _reload_after(browser, "return-report")
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "status"), "草稿"))

    login(browser, base, "clerk")
    returned = wait(browser).until(ec.presence_of_element_located((By.ID, "reports-returned")))
    assert "请写明改进措施的完成时限" in returned.text and "王建国" in returned.text
    browser.get(page)
    assert "王建国退回：请写明改进措施的完成时限" in browser.find_element(By.ID, "returned").text
    _reload_after(browser, "submit-report")
    wait(browser).until(ec.presence_of_element_located((By.ID, "pending-card")))

    login(browser, base, "approver")
    browser.get(page)
    wait(browser).until(ec.presence_of_element_located((By.ID, "publish-form")))
    set_value(browser, "id_published_on", (TODAY + timedelta(days=1)).isoformat())
    click(browser, "publish-report")
    shows(browser, f"发布日期不能晚于今天（{TODAY.isoformat()}）")
    set_value(browser, "id_published_on", TODAY.isoformat())
    _reload_after(browser, "publish-report")
    publishing = wait(browser).until(ec.presence_of_element_located((By.ID, "publishing"))).text
    assert TODAY.isoformat() in publishing
    assert f"临淄区民政局{LAST_YEAR}年度的登记记录" in publishing and "即被锁定" in publishing
    assert "PDF" in publishing and "表三 本年新收申请" in publishing
    report.refresh_from_db()
    assert report.status == "pending"  # nothing published by showing it
    _reload_after(browser, "confirm-publish")
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "status"), "已发布"))
    history = browser.find_element(By.ID, "history").text
    for label in ("提交审批", "退回", "请写明改进措施的完成时限", "发布", "批准发布"):
        assert label in history
    report.refresh_from_db()
    assert (report.status, report.published_on) == ("published", TODAY)


def test_an_import_of_another_agency_is_refused_on_the_page(browser, live_server, office, tmp_path):
    from gongkai.web.reports.models import AnnualReport

    other = tmp_path / "台儿庄区民政局年度报告.md"
    other.write_bytes(_report_of("台儿庄区民政局", LAST_YEAR))
    login(browser, live_server.url, "clerk")
    browser.get(f"{live_server.url}/reports/")
    browser.find_element(By.ID, "id_file").send_keys(str(other))
    browser.find_element(By.ID, "import-report").click()
    shows(browser, "文件中的机关名称“台儿庄区民政局”与本机关“临淄区民政局”不一致")
    assert not AnnualReport.objects.exists()
