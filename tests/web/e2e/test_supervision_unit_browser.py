"""The unit page in Chromium: the supervisor opens it from the coverage board and sees the two
years side by side (the changed cell highlighted, the null cell blank), the copy of its own
previous year and of a peer with the passages, a township's rates said to rest on too small a
sample; the unit's own clerk opens their unit and is refused another, in Chinese."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from tests.web.e2e.test_browser import login, shot, wait
from tests.web.supervision.unitregion import CIVIL, FINANCE, TOWN, build

pytestmark = pytest.mark.django_db(transaction=True)


def _cells(browser, table, row, column):
    return browser.find_elements(By.CSS_SELECTOR, f"td[data-cell='{table}:{row}:{column}']")


def test_unit_page_from_the_board_and_for_the_units_own_staff(browser, live_server, people, tree):
    region = tree["gov"]
    build(people["supervisor"], region)
    base = live_server.url
    login(browser, base, "supervisor")
    browser.get(f"{base}/supervision/{region.pk}/")
    board = wait(browser).until(ec.presence_of_element_located((By.ID, "board")))
    board.find_element(By.CSS_SELECTOR, f"tr[data-unit='{CIVIL}'] a.unit-link").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "unit-name"), CIVIL))

    # the years side by side: 0 then null (blank, highlighted as a change), unchanged cells plain
    zero, null = _cells(browser, "proactive", "gov_rules", "issued")
    assert zero.text == "0" and null.text == ""
    assert (
        "changed" in null.get_attribute("class")
        and null.get_attribute("title") == "报告中此处为空；上年为0"
    )
    assert null.value_of_css_property("background-color") == "rgba(255, 224, 163, 1)"
    same = _cells(browser, "applications", "received", "total")
    assert [c.text for c in same] == ["45", "45"]
    assert "changed" not in same[1].get_attribute("class")

    # copy detection: its own 2024 report and the finance bureau's, passages side by side
    copies = browser.find_element(By.CSS_SELECTOR, "#unit-copies section[data-year='2025']")
    assert "与本单位2024年度报告" in copies.text and "疑似照抄上年" in copies.text
    peer = copies.find_element(By.CSS_SELECTOR, f".copy-peer[data-unit='{FINANCE}']")
    first = peer.find_elements(By.CSS_SELECTOR, "td.passage")
    assert CIVIL in first[0].text and FINANCE in first[1].text
    assert "疑似套用同一文本" in peer.text
    shot(browser, "supervision-unit")

    # a township with 3 applications: the sample is too small, no rate
    browser.get(f"{base}/supervision/{region.pk}/unit/{quote(TOWN)}/")
    rate = wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#unit-rates tr[data-rate='实质公开率']"))
    )
    assert "样本太小" in rate.text and "%" not in rate.find_element(By.CSS_SELECTOR, ".value").text

    # the civil affairs bureau's clerk: their own unit, read-only; another unit is refused
    login(browser, base, "clerk")
    browser.get(f"{base}/supervision/{region.pk}/unit/{quote(CIVIL)}/")
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "unit-name"), CIVIL))
    assert "本页只读" in browser.find_element(By.ID, "unit-summary").text
    assert not browser.find_elements(By.CSS_SELECTOR, ".crumbs")  # no supervision menu
    browser.get(f"{base}/supervision/{region.pk}/unit/{quote(FINANCE)}/")
    heading = wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
    assert heading.text == "未找到"
    assert "没有这个单位，或无权查看。" in browser.find_element(By.TAG_NAME, "main").text
    assert FINANCE not in browser.find_element(By.TAG_NAME, "main").text
