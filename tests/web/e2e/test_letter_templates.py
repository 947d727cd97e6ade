"""In headless Chromium: the administrator edits a letter template; a placeholder the letter
cannot fill is refused on save, with the reason in Chinese beside the field, and nothing is
saved; the corrected template is saved as a new version."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from gongkai.web.agencies.services import create_agency, create_staff
from gongkai.web.letters.models import LetterTemplate
from gongkai.web.letters.services import ensure_templates
from tests.web.e2e.test_browser import login, shot, wait

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    gov = create_agency(name="临淄区人民政府", kind="government")
    create_staff(
        username="admin",
        password="pw-admin",
        agency=gov,
        role="administrator",
        display_name="赵立新",
    )
    ensure_templates()
    return LetterTemplate.objects.get(kind="correction_notice")


def test_unknown_placeholder_is_refused_beside_the_field(browser, live_server, admin):
    base = live_server.url
    login(browser, base, "admin")
    browser.get(base + "/letters/")
    browser.find_element(By.LINK_TEXT, "补正告知书").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "id_body")))
    body = browser.find_element(By.ID, "id_body")
    body.send_keys("\n联系人：{联系人}")
    browser.find_element(By.ID, "save").click()

    error = wait(browser).until(ec.presence_of_element_located((By.ID, "errors-body")))
    shot(browser, "letters-01-unknown-placeholder")
    assert "未知的占位符：{联系人}" in error.text
    # beside the field: the error list follows the body's textarea in the same form
    follows = browser.execute_script(
        "const b = document.getElementById('id_body'), e = document.getElementById('errors-body');"
        "return b.nextElementSibling === e;"
    )
    assert follows
    # what was typed is kept for correcting, and nothing was saved
    assert "{联系人}" in browser.find_element(By.ID, "id_body").get_attribute("value")
    admin.refresh_from_db()
    assert admin.version == 1 and "{联系人}" not in admin.body

    body = browser.find_element(By.ID, "id_body")
    text = body.get_attribute("value").replace("{联系人}", "{office_name}")
    browser.execute_script("arguments[0].value = arguments[1]", body, text)
    browser.find_element(By.ID, "save").click()
    message = wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".messages")))
    assert "模板已保存" in message.text and "已出具的文书不受影响" in message.text
    assert not browser.find_elements(By.ID, "errors-body")
    admin.refresh_from_db()
    assert admin.version == 2 and "联系人：{office_name}" in admin.body
