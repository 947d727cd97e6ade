"""End to end in headless Chromium: the public applies; a clerk confirms receipt and sends a
correction notice; the corrected application is registered; the approver extends; the clerk
drafts a 部分公开 reply with its grounds, reasons and the released document and submits it for
approval; the approver approves it from the 待审批 queue; the case page shows its events and
the approval trail, and its DOCX letters download and open, the reply listing the attachment. Then the
annual report of that year: the case is counted in its cell of table 三 and listed behind it,
the office writes section 五, the approver publishes, and the public page offers the PDF."""

from __future__ import annotations

import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from docx import Document
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from gongkai.web.applications.models import Application
from tests.web.conftest import today_is

pytestmark = pytest.mark.django_db(transaction=True)


def wait(driver, seconds=10):
    return WebDriverWait(driver, seconds)


def shot(driver, name):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1360, min(max(height + 120, 1000), 5000))
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(driver.shots / f"{name}.png"))
    driver.set_window_size(1360, 1000)


def login(driver, base, username):
    driver.delete_all_cookies()
    driver.get(base + "/login/")
    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys("pw-" + username)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver).until(ec.presence_of_element_located((By.CSS_SELECTOR, "header nav")))


def click(driver, element_id):
    """Click the element once it is there and clickable. htmx may still be swapping the part of
    the page it sits in: a reference taken a moment earlier can belong to the replaced nodes, so
    the element is looked up afresh on every try."""

    def attempt(d):
        element = d.find_element(By.ID, element_id)
        if not (element.is_displayed() and element.is_enabled()):
            return False
        element.click()
        return True

    WebDriverWait(
        driver, 10, ignored_exceptions=(StaleElementReferenceException, WebDriverException)
    ).until(attempt)


def gone(element):
    """The page holding ``element`` was replaced. Chromium may answer a lookup on a node of the
    old document with a generic inspector error rather than a stale-element one: both mean gone."""

    def check(_driver):
        try:
            element.is_enabled()
        except WebDriverException:  # StaleElementReferenceException is one of these
            return True
        return False

    return check


def step(driver, name, fill=None, shot_name=None):
    """Click a step's button (htmx loads its form), fill it, submit; wait for the new page."""
    click(driver, f"step-{name}")
    wait(driver).until(ec.element_to_be_clickable((By.ID, f"submit-{name}")))
    if fill:
        fill(driver)
    if shot_name:
        shot(driver, shot_name)
    old = driver.find_element(By.ID, "events")
    click(driver, f"submit-{name}")
    wait(driver).until(gone(old))
    # the step ends in a redirect to the case page: read it only once it has loaded
    settled = WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,))
    settled.until(
        lambda d: (
            d.execute_script("return document.readyState") == "complete"
            and d.find_elements(By.ID, "events")
        )
    )
    errors = settled.until(lambda d: (d.find_elements(By.CSS_SELECTOR, ".errorlist"),))[0]
    assert not errors, errors[0].text


def set_value(driver, element_id, value):
    element = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].value = arguments[1]", element, value)


def test_public_to_partially_granted(browser, live_server, office, monkeypatch):
    base = live_server.url
    today = timezone.localdate()

    # a member of the public applies
    browser.get(base + "/apply/")
    Select(browser.find_element(By.ID, "id_agency")).select_by_visible_text("临淄区民政局")
    Select(browser.find_element(By.ID, "id_applicant_type")).select_by_value("natural_person")
    browser.find_element(By.ID, "id_applicant_name").send_keys("林国娟")
    Select(browser.find_element(By.ID, "id_id_type")).select_by_value("居民身份证")
    browser.find_element(By.ID, "id_id_number").send_keys("370305198001010015")
    browser.find_element(By.ID, "id_phone").send_keys("13900000000")
    browser.find_element(By.ID, "id_description").send_keys("低保资金发放情况")
    shot(browser, "01-public-form")
    browser.find_element(By.ID, "submit-application").click()
    number = wait(browser).until(ec.presence_of_element_located((By.ID, "tracking-number"))).text
    secret = browser.find_element(By.ID, "secret").text
    shot(browser, "02-public-submitted")
    case = Application.objects.get(tracking_number=number)
    assert case.phase == "new" and secret

    # the clerk confirms receipt, then sends a correction notice in one go
    login(browser, base, "clerk")
    browser.get(base + f"/cases/?q={number}")
    browser.find_element(By.LINK_TEXT, number).click()
    step(browser, "confirm")
    items = "请写明所需信息的年度和发放范围\n请提供身份证明复印件"
    step(
        browser,
        "correction_notice",
        lambda d: (
            d.find_element(By.ID, "id_items").send_keys(items),
            set_value(d, "id_correction_due", (today + timedelta(days=10)).isoformat()),
        ),
        shot_name="03-correction-form",
    )
    assert "待补正" in browser.page_source

    # the corrected application is registered
    step(
        browser,
        "receive_correction",
        lambda d: d.find_element(By.ID, "id_reason").send_keys(
            "申请人补正为2024年度全区低保资金发放汇总"
        ),
    )
    assert "收到补正后的申请" in browser.page_source

    # the approver extends the period
    login(browser, base, "approver")
    browser.get(base + f"/cases/{case.pk}/")
    step(
        browser,
        "extend",
        lambda d: d.find_element(By.ID, "id_reason").send_keys("需要汇总全区各镇街的发放数据"),
    )
    assert "已延期" in browser.page_source
    shot(browser, "04-extended")

    # the clerk drafts the 部分公开 reply, with its grounds, reasons and the released document
    released = browser.downloads.parent / "低保资金发放汇总表（可公开部分）.pdf"
    released.write_bytes(b"%PDF-1.4\n% released part\n")
    login(browser, base, "clerk")
    browser.get(base + f"/cases/{case.pk}/")

    def reply(d):
        Select(d.find_element(By.ID, "id_outcome")).select_by_value("partially_granted")
        d.find_element(By.CSS_SELECTOR, "input[value=withheld_third_party]").click()
        d.find_element(By.ID, "id_reason").send_keys(
            "汇总表中的个人身份信息属于个人隐私，不予公开。"
        )
        d.find_element(By.ID, "id_files").send_keys(str(released))

    assert browser.find_element(By.ID, "step-reply").text == "拟答复（呈批）"
    step(browser, "reply", reply, shot_name="05-reply-draft-form")
    assert "待审批：答复" in browser.page_source
    case.refresh_from_db()
    assert case.phase != "closed"  # nothing takes effect before approval

    # the approver finds it in the 待审批 queue and approves: the reply is issued that day
    login(browser, base, "approver")
    queue = browser.find_element(By.ID, "waiting")
    assert number in queue.text and "张敏" in queue.text
    shot(browser, "06-approval-queue")
    queue.find_element(By.LINK_TEXT, number).click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "approve-reply")))
    assert (
        "低保资金发放汇总表（可公开部分）.pdf"
        in browser.find_element(By.CSS_SELECTOR, ".draft").text
    )
    old = browser.find_element(By.ID, "events")
    click(browser, "approve-reply")
    wait(browser).until(gone(old))
    wait(browser).until(ec.presence_of_element_located((By.ID, "case-files")))
    shot(browser, "07-closed-case")

    case.refresh_from_db()
    assert (case.phase, case.outcome) == ("closed", "partially_granted")
    events = browser.find_element(By.ID, "events").text
    for label in (
        "登记申请",
        "发出补正告知书",
        "收到补正后的申请",
        "批准延长答复期限",
        "提交审批（答复）",
        "批准（答复）",
        "作出答复",
    ):
        assert label in events
    assert case.closed_on == timezone.localdate()  # the reply is dated the day it is issued
    assert "部分公开" in browser.page_source

    # the letters download and open
    links = browser.find_elements(By.CSS_SELECTOR, "#letters a")
    assert [a.text.split("（")[0] for a in links] == [
        "补正告知书",
        "延期答复告知书",
        "政府信息公开申请答复书",
    ]
    for link in links:
        link.click()
    files = _downloaded(browser.downloads, 3)
    assert released.name not in [f.name for f in files]
    texts = ["\n".join(p.text for p in Document(str(f)).paragraphs) for f in files]
    joined = "\n".join(texts)
    assert "请提供身份证明复印件" in joined and "延长20个工作日" in joined
    assert "第三十七条" in joined and "行政复议" in joined and "林国娟" in joined
    assert "附件：1. 低保资金发放汇总表（可公开部分）.pdf" in joined
    assert "个人身份信息属于个人隐私" in joined

    # the applicant sees the result with the number and the secret
    browser.delete_all_cookies()
    browser.get(base + "/apply/track/")
    browser.find_element(By.ID, "id_tracking_number").send_keys(number)
    browser.find_element(By.ID, "id_secret").send_keys(secret)
    browser.find_element(By.CSS_SELECTOR, "form button").click()
    status = wait(browser).until(ec.presence_of_element_located((By.ID, "status"))).text
    assert "已办结" in status and "部分公开" in status
    shot(browser, "08-public-lookup")

    _annual_report(browser, base, case, number, monkeypatch)


PROBLEMS = (
    "一是部分申请答复前的征求意见用时较长；二是答复文书对部分公开的理由说明还不够具体。"
    "下一步将建立征求意见时限提醒，规范部分公开答复的说理。"
)


def _annual_report(browser, base, case, number, monkeypatch):
    """The report of the case's year: counted, drilled into, written, published once the year
    is over (the test moves today to 20 January of the next year), public."""
    case.refresh_from_db()
    year = case.closed_on.year
    login(browser, base, "clerk")
    browser.find_element(By.LINK_TEXT, "年度报告").click()
    Select(wait(browser).until(ec.presence_of_element_located((By.ID, "id_year")))).select_by_value(
        str(year)
    )
    browser.find_element(By.ID, "open-report").click()
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#report table")))
    report_url = browser.current_url

    # the case is counted as 部分公开 of a natural person, and listed behind that cell
    selector = (
        'a.cell[data-table="applications"][data-row="partially_granted"]'
        '[data-column="natural_person"]'
    )
    assert int(browser.find_element(By.CSS_SELECTOR, selector).text) >= 1
    received = browser.find_element(
        By.CSS_SELECTOR,
        'a.cell[data-table="applications"][data-row="received"][data-column="natural_person"]',
    )
    assert int(received.text) >= 1
    browser.find_element(By.CSS_SELECTOR, selector).click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "records"), number))
    records = browser.find_element(By.ID, "records")
    assert "部分公开" in records.text and "自然人" in records.text
    assert (
        records.find_element(By.LINK_TEXT, number)
        .get_attribute("href")
        .endswith(f"/cases/{case.pk}/")
    )
    shot(browser, "08-report-cell-records")

    # the office writes section 五; saving counts and checks again
    problems = browser.find_element(By.ID, "id_problems_section")
    problems.clear()
    problems.send_keys(PROBLEMS + "本年共收到申请")
    # a figure field goes in where the caret is, from the list beside the editor
    browser.find_element(By.CSS_SELECTOR, 'button[data-field="本年新收申请"]').click()
    problems.send_keys("件。")
    assert problems.get_attribute("value").endswith("本年共收到申请{本年新收申请}件。")
    old = browser.find_element(By.ID, "report")
    click(browser, "save-report")
    wait(browser).until(gone(old))
    wait(browser).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "已保存"))
    section = browser.find_element(By.ID, "section-problems_section").find_element(
        By.XPATH, "following-sibling::p"
    )
    assert section.text.startswith(PROBLEMS) and section.text.endswith("本年共收到申请1件。")

    # the approver publishes it once the year is over: no errors stand in the way
    today_is(monkeypatch, date(year + 1, 1, 20))
    login(browser, base, "approver")
    browser.get(report_url)
    wait(browser).until(ec.presence_of_element_located((By.ID, "publish-form")))
    blocked = browser.find_elements(By.ID, "publish-blocked")
    assert not blocked, browser.find_element(By.ID, "findings").text
    set_value(browser, "id_published_on", f"{year + 1}-01-20")
    shot(browser, "09-report-before-publishing")
    old = browser.find_element(By.ID, "report")
    click(browser, "publish-report")
    wait(browser).until(gone(old))
    # the confirmation says what becomes public; publishing is the second click
    wait(browser).until(ec.presence_of_element_located((By.ID, "confirm-publish")))
    assert "即被锁定" in browser.find_element(By.ID, "publishing").text
    old = browser.find_element(By.ID, "report")
    click(browser, "confirm-publish")
    wait(browser).until(gone(old))
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "status"), "已发布"))
    assert browser.find_elements(By.ID, "reopen-form")

    # the public finds it, without logging in, and gets the PDF
    browser.delete_all_cookies()
    browser.get(base + "/apply/reports/")
    row = wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#public-reports tr[data-report]"))
    )
    assert "临淄区民政局" in row.text and f"{year}年政府信息公开工作年度报告" in row.text
    pdf = row.find_element(By.CSS_SELECTOR, "a[data-format=pdf]").get_attribute("href")
    shot(browser, "10-public-reports")
    with urllib.request.urlopen(pdf, timeout=30) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read().startswith(b"%PDF")
    row.find_element(By.PARTIAL_LINK_TEXT, f"{year}年").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "report"), PROBLEMS[:10]))
    assert not browser.find_elements(By.CSS_SELECTOR, "a.cell")
    shot(browser, "11-public-report")


def _downloaded(folder: Path, count: int) -> list[Path]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        done = sorted(folder.glob("*.docx"))
        if len(done) >= count and not list(folder.glob("*.crdownload")):
            return done
        time.sleep(0.2)
    raise AssertionError(f"downloads: {sorted(p.name for p in folder.iterdir())}")
