"""In Chromium: a refused case-list filter shows its Chinese reason beside the filter, a saved
filter applies with one click, and the token page shows a new token once and revokes it
(issue 11 items 14 and 16)."""

from __future__ import annotations

import urllib.request
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from gongkai.web.agencies.selectors import actor_for
from gongkai.web.applications.services import intake
from tests.web.conftest import TZ, intake_data
from tests.web.e2e.test_browser import login, wait

pytestmark = pytest.mark.django_db(transaction=True)


def _case() -> Any:
    from django.contrib.auth import get_user_model

    day = timezone.localdate() - timedelta(days=2)
    data = intake_data(submitted_at=datetime(day.year, day.month, day.day, 10, tzinfo=TZ))
    clerk = actor_for(get_user_model().objects.get(username="clerk"))
    return intake.register(clerk, data, registered_on=day).application


def _set(driver: Any, element_id: str, value: str) -> None:
    driver.execute_script(
        "document.getElementById(arguments[0]).value = arguments[1];", element_id, value
    )


def test_case_list_filter_refused_beside_it_and_saved(browser, live_server, office):
    case = _case()
    base = live_server.url
    login(browser, base, "clerk")
    browser.get(base + "/cases/")
    assert case.tracking_number in browser.page_source
    _set(browser, "id_received_from", "2025-10-31")
    _set(browser, "id_received_to", "2025-10-01")
    browser.find_element(By.CSS_SELECTOR, "#case-filters button[type=submit]").click()
    error = wait(browser).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, ".filter-received_to .errorlist"))
    )
    assert "截止日期不能早于起始日期" in error.text
    assert case.tracking_number not in browser.find_element(By.ID, "rows").text

    # a valid filter, saved under a name, applies again with one click
    browser.get(base + f"/cases/?received_from={timezone.localdate() - timedelta(days=5)}")
    assert case.tracking_number in browser.find_element(By.ID, "rows").text
    browser.find_element(By.NAME, "name").send_keys("近五天")
    browser.find_element(By.XPATH, "//button[text()='保存筛选条件']").click()
    wait(browser).until(ec.presence_of_element_located((By.LINK_TEXT, "近五天")))
    browser.get(base + "/cases/?phase=closed")
    assert case.tracking_number not in browser.find_element(By.ID, "rows").text
    browser.find_element(By.LINK_TEXT, "近五天").click()
    wait(browser).until(lambda d: "received_from" in d.current_url)
    assert case.tracking_number in browser.find_element(By.ID, "rows").text


def test_token_page_shows_once_and_revokes(browser, live_server, office):
    _case()
    base = live_server.url
    login(browser, base, "clerk")
    browser.get(base + "/account/")
    browser.find_element(By.ID, "id_label").send_keys("报表系统")
    browser.find_element(By.ID, "create-token").click()
    key = wait(browser).until(ec.visibility_of_element_located((By.ID, "new-token"))).text
    assert len(key) > 30
    request = urllib.request.Request(
        base + "/api/cases", headers={"Authorization": f"Bearer {key}"}
    )
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 200
    browser.get(base + "/account/")
    assert key not in browser.page_source
    row = browser.find_element(By.CSS_SELECTOR, "tr.token-row")
    assert "报表系统" in row.text and "从未使用" not in row.text  # the call above used it
    row.find_element(By.CSS_SELECTOR, "button.revoke").click()
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "ul.messages")))
    assert not browser.find_elements(By.CSS_SELECTOR, "tr.token-row")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 401
