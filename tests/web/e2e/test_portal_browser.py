"""End to end in headless Chromium (issue 11 item 12): the applicant looks up the case, sees the
补正告知书 and what it asks, uploads a correction; the clerk sees it waiting and confirms it
through the correction step; after the reply the applicant downloads the released document."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from gongkai.web.applications.models import Application
from gongkai.web.portal.models import Correction
from tests.web.e2e.test_browser import login, set_value, shot, step, wait

pytestmark = pytest.mark.django_db(transaction=True)

ITEMS = ["请写明所需信息的年度和发放范围", "请提供身份证明复印件"]


def apply(browser, base):
    browser.get(base + "/apply/")
    Select(browser.find_element(By.ID, "id_agency")).select_by_visible_text("临淄区民政局")
    Select(browser.find_element(By.ID, "id_applicant_type")).select_by_value("natural_person")
    browser.find_element(By.ID, "id_applicant_name").send_keys("林国娟")
    Select(browser.find_element(By.ID, "id_id_type")).select_by_value("居民身份证")
    browser.find_element(By.ID, "id_id_number").send_keys("370305198001010015")
    browser.find_element(By.ID, "id_phone").send_keys("13900000000")
    browser.find_element(By.ID, "id_email").send_keys("lin@example.cn")
    browser.find_element(By.ID, "id_description").send_keys("低保资金发放情况")
    browser.find_element(By.ID, "submit-application").click()
    number = wait(browser).until(ec.presence_of_element_located((By.ID, "tracking-number"))).text
    return number, browser.find_element(By.ID, "secret").text


def open_portal(browser, base, number, secret):
    browser.delete_all_cookies()
    browser.get(base + "/apply/track/")
    browser.find_element(By.ID, "id_tracking_number").send_keys(number)
    browser.find_element(By.ID, "id_secret").send_keys(secret)
    browser.find_element(By.CSS_SELECTOR, "form button").click()
    wait(browser).until(ec.element_to_be_clickable((By.ID, "open-portal"))).click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "portal-letters")))


def downloaded(folder: Path, name: str) -> Path:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = folder / name
        if found.exists() and not list(folder.glob("*.crdownload")):
            return found
        time.sleep(0.2)
    raise AssertionError(f"downloads: {sorted(p.name for p in folder.iterdir())}")


def test_applicant_portal_correction_and_released_document(browser, live_server, office):
    base = live_server.url
    today = timezone.localdate()
    number, secret = apply(browser, base)
    case = Application.objects.get(tracking_number=number)

    # the clerk confirms receipt and sends a correction notice
    login(browser, base, "clerk")
    browser.get(base + f"/cases/{case.pk}/")
    step(browser, "confirm")
    step(
        browser,
        "correction_notice",
        lambda d: (
            d.find_element(By.ID, "id_items").send_keys("\n".join(ITEMS)),
            set_value(d, "id_correction_due", (today + timedelta(days=10)).isoformat()),
        ),
    )
    assert any("补正告知书" in m.subject for m in mail.outbox)  # the applicant is told by email

    # the applicant looks the case up and sees the notice and what it asks
    open_portal(browser, base, number, secret)
    notice = browser.find_element(By.ID, "correction-notice").text
    for item in ITEMS:
        assert item in notice
    assert (today + timedelta(days=10)).strftime("%Y年%-m月%-d日") in notice
    letters = browser.find_element(By.ID, "portal-letters")
    assert "补正告知书" in letters.text
    shot(browser, "portal-01-correction-notice")
    letters.find_element(By.TAG_NAME, "a").click()
    assert downloaded(browser.downloads, f"{number}-02-补正告知书.docx").stat().st_size > 0

    # and hands in the correction: a text and a scanned ID
    scan = browser.downloads.parent / "身份证明.pdf"
    scan.write_bytes(b"%PDF-1.4\n% scan of the ID card\n")
    browser.find_element(By.ID, "id_text").send_keys("所需信息为2024年度全区低保资金发放汇总")
    browser.find_element(By.ID, "id_files").send_keys(str(scan))
    browser.find_element(By.ID, "submit-correction").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "corrections"), "待工作人员确认"))
    shot(browser, "portal-02-correction-sent")
    case.refresh_from_db()
    assert (
        case.phase == "awaiting_correction" and Correction.objects.filter(application=case).exists()
    )

    # the clerk sees it waiting and confirms it through the correction step
    login(browser, base, "clerk")
    browser.get(base + f"/cases/{case.pk}/")
    waiting = browser.find_element(By.ID, "portal-corrections").text
    assert "待确认" in waiting and "身份证明.pdf" in waiting and "2024年度全区" in waiting
    shot(browser, "portal-03-clerk-sees-correction")
    step(
        browser,
        "receive_correction",
        lambda d: d.find_element(By.ID, "id_reason").send_keys(
            "申请人网上补正：2024年度全区低保资金发放汇总"
        ),
    )
    assert "已确认" in browser.find_element(By.ID, "portal-corrections").text
    case.refresh_from_db()
    assert case.phase != "awaiting_correction"

    # the approver replies with the released document
    released = browser.downloads.parent / "低保资金发放汇总表.pdf"
    released.write_bytes(b"%PDF-1.4\n% released\n")
    login(browser, base, "approver")
    browser.get(base + f"/cases/{case.pk}/")

    def reply(d):
        Select(d.find_element(By.ID, "id_outcome")).select_by_value("granted")
        d.find_element(By.ID, "id_files").send_keys(str(released))

    step(browser, "reply", reply)
    case.refresh_from_db()
    assert case.outcome == "granted"

    # the applicant downloads the released document
    open_portal(browser, base, number, secret)
    assert "已确认" in browser.find_element(By.ID, "corrections").text
    assert "政府信息公开申请答复书" in browser.find_element(By.ID, "portal-letters").text
    files = browser.find_element(By.ID, "portal-files")
    shot(browser, "portal-04-released")
    files.find_element(By.LINK_TEXT, released.name).click()
    got = downloaded(browser.downloads, released.name)
    assert got.read_bytes() == released.read_bytes()
