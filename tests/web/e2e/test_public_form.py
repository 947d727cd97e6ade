"""The public form in headless Chromium (issue 11 item 10): a wrong 居民身份证号码 and a long
description are refused with the reason beside the field, what was typed stays in the form, and
a browser that asks for English still sees every message in Chinese."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from gongkai.web.applications.models import Application
from gongkai.web.public.models import PublicAttempt
from tests.web.e2e.test_browser import set_value, shot, wait

pytestmark = pytest.mark.django_db(transaction=True)


def fill_in(browser, base, id_number="370305198001010015", description="低保资金发放情况"):
    browser.get(base + "/apply/")
    Select(browser.find_element(By.ID, "id_agency")).select_by_visible_text("临淄区民政局")
    Select(browser.find_element(By.ID, "id_applicant_type")).select_by_value("natural_person")
    browser.find_element(By.ID, "id_applicant_name").send_keys("林国娟")
    Select(browser.find_element(By.ID, "id_id_type")).select_by_value("居民身份证")
    browser.find_element(By.ID, "id_id_number").send_keys(id_number)
    browser.find_element(By.ID, "id_phone").send_keys("0533 7212036")
    set_value(browser, "id_description", description)


def errors_beside(browser, field_id):
    """The error list in the same field block as the input ``field_id``."""
    block = browser.find_element(By.ID, field_id).find_element(By.XPATH, "..")
    return " ".join(e.text for e in block.find_elements(By.CSS_SELECTOR, ".errorlist li"))


def submit(browser):
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, "submit-application").click()
    wait(browser).until(ec.staleness_of(page))


def test_a_wrong_id_number_is_refused_beside_it_then_corrected(browser, live_server, office):
    base = live_server.url
    fill_in(browser, base, id_number="370305198001010012")  # the last digit should be 5
    submit(browser)
    shot(browser, "public-wrong-id")
    message = errors_beside(browser, "id_id_number")
    assert "校验位" in message and "请核对" in message, message
    assert errors_beside(browser, "id_phone") == ""
    assert browser.find_element(By.ID, "id_applicant_name").get_attribute("value") == "林国娟"
    assert not Application.objects.exists() and not PublicAttempt.objects.exists()

    number = browser.find_element(By.ID, "id_id_number")
    number.clear()
    number.send_keys("370305198001010015")
    submit(browser)
    wait(browser).until(ec.presence_of_element_located((By.ID, "tracking-number")))
    case = Application.objects.get()
    assert case.id_number == "370305198001010015" and case.phone == "0533-7212036"
    assert PublicAttempt.objects.count() == 1  # only the accepted submission counted


def test_a_long_description_is_refused_with_its_length(browser, live_server, office):
    text = "请公开2024年度城乡低保资金发放明细。" * 110  # 2,200 characters
    fill_in(browser, live_server.url, description=text)
    area = browser.find_element(By.ID, "id_description")
    assert area.get_attribute("maxlength") is None  # nothing cut off without a word
    assert len(area.get_attribute("value")) == 2200
    submit(browser)
    shot(browser, "public-long-description")
    message = errors_beside(browser, "id_description")
    assert "不能超过2000字" in message and "您填写了2200字" in message, message
    assert len(browser.find_element(By.ID, "id_description").get_attribute("value")) == 2200
    assert not Application.objects.exists()


def test_an_english_browser_still_reads_chinese(browser, live_server, office):
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.setExtraHTTPHeaders", {"headers": {"Accept-Language": "en-US,en;q=0.9"}}
    )
    browser.execute_cdp_cmd("Emulation.setLocaleOverride", {"locale": "en-US"})
    browser.get(live_server.url + "/apply/")
    assert browser.execute_script("return navigator.language") == "en-US"
    browser.find_element(By.ID, "id_email").send_keys("not-an-email")
    browser.find_element(By.ID, "id_phone").send_keys("12345")
    submit(browser)
    shot(browser, "public-english-browser")
    assert errors_beside(browser, "id_applicant_name") == "这个字段是必填项。"
    assert errors_beside(browser, "id_id_number") == "这个字段是必填项。"
    assert "有效的 Email 地址" in errors_beside(browser, "id_email")
    assert "固定电话须带区号" in errors_beside(browser, "id_phone")
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "required" not in page and "valid" not in page.lower()
