"""整改 in Chromium: the supervisor confirms a finding and turns it into an item (a deadline in
the past refused beside the field); the unit's clerk finds it through the navigation and answers
with a note and a corrected report, whose check is shown; the supervisor returns it (refused
without a reason, beside the form, then with one); the clerk answers again; the supervisor
passes it, and the log shows every step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from gongkai.report.canonical import from_canonical
from gongkai.report.render import render
from tests.supervision.region import unit_document
from tests.web.e2e.test_browser import login, shot, wait
from tests.web.e2e.test_refusals import shows
from tests.web.supervision.region import ROSTER_CSV, YEAR, region_zip

pytestmark = pytest.mark.django_db(transaction=True)

TOWN = "临淄区齐都镇人民政府"
PROBLEMS = (
    "本镇存在的主要问题是政策解读不够深入，回应关切不够及时。"
    "下一步将加强解读材料的编写，建立舆情收集和回应机制，提升公开工作质量。"
) * 2


@pytest.fixture
def region(settings, tmp_path):
    """A region with its roster and reports already read (the import has its own browser test):
    the town is linked to its agency, whose clerk answers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path / "data"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.web.agencies.selectors import actor_for
    from gongkai.web.agencies.services import create_agency, create_staff
    from gongkai.web.supervision import services

    gov = create_agency(name="临淄区人民政府", kind="government")
    town = create_agency(name=TOWN, kind="town", parent=gov, review_body="临淄区人民政府")
    boss = create_staff(
        username="supervisor",
        password="pw-supervisor",
        agency=gov,
        role="supervisor",
        display_name="李红梅",
    )
    create_staff(
        username="town", password="pw-town", agency=town, role="clerk", display_name="陈静"
    )
    actor = actor_for(boss.user)
    roster = SimpleUploadedFile("名单.csv", ROSTER_CSV.encode("utf-8"))
    services.import_roster(actor, gov, YEAR, roster)
    services.start_run(actor, gov, YEAR, [SimpleUploadedFile("区.zip", region_zip())])
    return gov


def _set_date(browser, element_id, day):
    field = browser.find_element(By.ID, element_id)
    browser.execute_script("arguments[0].value = arguments[1]", field, day.isoformat())


def _answer(browser, base, note, report):
    browser.get(f"{base}/")  # the link in the navigation, on the clerk's home page
    browser.find_element(By.ID, "nav-unit-rectify").click()
    table = wait(browser).until(ec.presence_of_element_located((By.ID, "unit-items")))
    table.find_element(By.PARTIAL_LINK_TEXT, "号").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "rectify-answer")))
    browser.find_element(By.ID, "id_note").send_keys(note)
    browser.find_element(By.ID, "id_report").send_keys(str(report))
    browser.find_element(By.ID, "rectify-answer-submit").click()
    wait(browser, 60).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "已提交整改答复")
    )
    assert browser.find_element(By.ID, "rectify-status").text == "已答复待审核"


def _report(tmp_path, name, problems):
    doc = unit_document("齐都镇政府", "2026-01-10", problems=problems)
    path = tmp_path / name
    path.write_bytes(render(from_canonical(doc), "md"))
    return path


def test_item_from_finding_answered_returned_answered_again_and_passed(
    browser, live_server, region, tmp_path
):
    base = live_server.url
    login(browser, base, "supervisor")

    # confirm the town's finding, then turn it into an item
    browser.get(f"{base}/supervision/{region.pk}/{YEAR}/findings/?issues=1")
    row_css = f"tr.finding[data-code='PROBLEMS-THIN'][data-unit='{TOWN}']"
    row = wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, row_css)))
    row.find_element(By.CSS_SELECTOR, "button.confirm").click()
    link = wait(browser).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, row_css + " a.to-rectify"))
    )
    link.click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "rectify-new-form")))
    problem = browser.find_element(By.ID, "id_problem").get_attribute("value")
    assert problem.startswith("五、存在的主要问题及改进情况") and "PROBLEMS-THIN" in problem
    _set_date(browser, "id_deadline", timezone.localdate())
    browser.find_element(By.ID, "rectify-new-submit").click()
    shows(browser, "整改期限须晚于今天")
    _set_date(browser, "id_deadline", timezone.localdate() + timedelta(days=20))
    browser.find_element(By.ID, "rectify-new-submit").click()
    wait(browser).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "已下达整改事项")
    )
    assert browser.find_element(By.ID, "rectify-status").text == "待整改"
    item_url = browser.current_url
    shot(browser, "rectify-opened")

    # the unit answers with a note and a report in which 五 is still empty
    login(browser, base, "town")
    _answer(browser, base, "已修改第五部分", _report(tmp_path, "更正1.md", ""))
    assert "更正后的报告中原问题仍然存在" in browser.find_element(By.ID, "rectify-log").text

    # the supervisor returns it: first without a reason
    login(browser, base, "supervisor")
    browser.get(item_url)
    browser.find_element(By.ID, "rectify-return").click()
    shows(browser, "退回须写明理由")
    browser.find_element(By.ID, "id_note").send_keys("第五部分仍为空，请补充问题和改进措施")
    browser.find_element(By.ID, "rectify-return").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "rectify-status"), "已退回重改"))

    # the unit sees the reason and answers again with a corrected report
    login(browser, base, "town")
    _answer(browser, base, "已补充问题和改进措施", _report(tmp_path, "更正2.md", PROBLEMS))
    log = browser.find_element(By.ID, "rectify-log").text
    assert "第五部分仍为空" in log and "更正后的报告中已不再出现原问题" in log
    shot(browser, "rectify-answered")

    # the supervisor passes it; the log has every step
    login(browser, base, "supervisor")
    browser.get(item_url)
    browser.find_element(By.ID, "id_note").send_keys("整改到位")
    browser.find_element(By.ID, "rectify-pass").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "rectify-status"), "已通过"))
    actions = [
        e.find_elements(By.TAG_NAME, "td")[2].text
        for e in browser.find_elements(By.CSS_SELECTOR, "#rectify-log tr.event")
    ]
    assert actions == ["下达整改", "单位答复", "退回重改", "单位答复", "审核通过"]
    assert not browser.find_elements(By.ID, "rectify-decide")
    shot(browser, "rectify-passed")
    browser.get(f"{base}/supervision/{region.pk}/rectify/?status=passed")
    listed = browser.find_element(By.ID, "rectify-items").text
    assert TOWN in listed and "已通过" in listed
    shot(browser, "rectify-list")
