"""The 通报 in Chromium: a draft refused without a deadline (beside the field), then made; a
paragraph edited (its figures shown as chips as it is typed, an unknown one in red), the unknown
field refused beside that paragraph on saving; the DOCX downloaded and read back with the edited
words and the figures from the data; issued, after which there is nothing left to edit."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from tests.supervision.region import unit_document
from tests.web.e2e.test_browser import login, shot, wait
from tests.web.e2e.test_refusals import shows
from tests.web.supervision.region import ROSTER_CSV, YEAR, region_zip

pytestmark = pytest.mark.django_db(transaction=True)

RECEIVED = 3 * unit_document("某单位", None)["applications"]["received"]["total"]


@pytest.fixture
def region(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path / "data"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from gongkai.web.agencies.selectors import actor_for
    from gongkai.web.agencies.services import create_agency, create_staff
    from gongkai.web.supervision import services

    gov = create_agency(name="临淄区人民政府", kind="government")
    staff = create_staff(
        username="supervisor",
        password="pw-supervisor",
        agency=gov,
        role="supervisor",
        display_name="李红梅",
    )
    actor = actor_for(staff.user)
    services.import_roster(actor, gov, YEAR, SimpleUploadedFile("名单.csv", ROSTER_CSV.encode()))
    services.start_run(actor, gov, YEAR, [SimpleUploadedFile("区.zip", region_zip())])
    return gov


def _set_date(browser, element_id: str, value: str) -> None:
    field = browser.find_element(By.ID, element_id)
    browser.execute_script("arguments[0].value = arguments[1]", field, value)


def _docx(folder: Path) -> Path:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        done = sorted(folder.glob("*.docx"))
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"downloads: {sorted(p.name for p in folder.iterdir())}")


def test_draft_edit_download_issue(browser, live_server, region):
    base = live_server.url
    login(browser, base, "supervisor")
    browser.get(f"{base}/supervision/{region.pk}/notices/")
    browser.find_element(By.ID, "notice-new").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "notice-new-form")))

    # no deadline: refused beside the field
    browser.find_element(By.ID, "notice-create").click()
    shows(browser, "请填写整改期限")
    deadline = timezone.localdate() + timedelta(days=30)
    _set_date(browser, "id_deadline", deadline.isoformat())
    browser.find_element(By.ID, "notice-create").click()
    editor = wait(browser).until(ec.presence_of_element_located((By.ID, "notice-form")))
    assert "条问题尚未审核" in browser.find_element(By.ID, "pending").text

    # the paragraph with the units counted: its figure is a field, shown as a chip
    paragraph = next(
        p
        for p in editor.find_elements(By.CSS_SELECTOR, ".para.paragraph")
        if "{应发布单位数}" in p.find_element(By.TAG_NAME, "textarea").get_attribute("value")
    )
    para_id = paragraph.get_attribute("id")
    chip = paragraph.find_element(By.CSS_SELECTOR, ".chip[data-field='应发布单位数']")
    assert chip.text == "5"
    box = paragraph.find_element(By.TAG_NAME, "textarea")
    box.clear()
    box.send_keys("经统计，全区共有{应发布单位}个单位。")
    live = paragraph.find_element(By.CSS_SELECTOR, ".shown .chip.unknown")  # as it is typed
    assert live.text == "{应发布单位}"
    browser.find_element(By.ID, "notice-save").click()
    refused = wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, f"#{para_id} .errorlist"))
    )
    assert "没有这个数据项：{应发布单位}" in refused.text
    shot(browser, "notice-edit-refused")

    # a field inserted from the list of figures
    box = browser.find_element(By.ID, para_id).find_element(By.TAG_NAME, "textarea")
    box.clear()
    box.send_keys("经统计，全区共有")
    browser.find_element(By.CSS_SELECTOR, "#figures button[data-field='应发布单位数']").click()
    box.send_keys("个单位；全年收到申请{本年新收申请}件。")
    shown = browser.find_element(By.ID, para_id).find_elements(By.CSS_SELECTOR, ".shown .chip")
    assert [c.text for c in shown] == ["5", str(RECEIVED)]  # before saving
    browser.find_element(By.ID, "notice-save").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "已保存"))
    chips = browser.find_element(By.ID, para_id).find_elements(By.CSS_SELECTOR, ".chip")
    assert [c.text for c in chips] == ["5", str(RECEIVED)]

    # preview, download the DOCX and read it back
    browser.find_element(By.ID, "notice-preview").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "notice-text")))
    assert f"全年收到申请{RECEIVED}件" in browser.find_element(By.ID, "notice-text").text
    shot(browser, "notice-preview")
    browser.find_element(By.ID, "download-docx").click()
    text = "\n".join(p.text for p in Document(str(_docx(browser.downloads))).paragraphs)
    assert f"经统计，全区共有5个单位；全年收到申请{RECEIVED}件。" in text
    assert "草稿——未印发" in text and "临淄区财政局" in text

    # issue: frozen, nothing to edit any more
    browser.find_element(By.ID, "notice-issue").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "notice-status"), "已印发"))
    assert not browser.find_elements(By.ID, "notice-edit")
    assert not browser.find_elements(By.ID, "notice-issue")
    browser.get(f"{base}/supervision/{region.pk}/notices/")
    assert "已印发" in browser.find_element(By.ID, "notices").text

    # the issued notice orders its named units to rectify; refused, beside the button, while the
    # deadline it sets has passed, and then done once, on the rectification list
    from gongkai.web.supervision.models import Notice, RectificationItem

    notice = Notice.objects.get(region=region)
    deadline = notice.deadline
    Notice.objects.filter(pk=notice.pk).update(deadline=timezone.localdate())
    browser.get(f"{base}/supervision/{region.pk}/notices/{notice.pk}/")
    browser.find_element(By.ID, "notice-rectify").click()
    shows(browser, "整改期限须晚于今天")
    assert not RectificationItem.objects.exists()
    Notice.objects.filter(pk=notice.pk).update(deadline=deadline)
    browser.get(f"{base}/supervision/{region.pk}/notices/{notice.pk}/")
    browser.find_element(By.ID, "notice-rectify").click()
    wait(browser).until(ec.url_contains("/rectify/"))
    wait(browser).until(ec.text_to_be_present_in_element((By.TAG_NAME, "body"), "项整改事项"))
    named = RectificationItem.objects.count()
    assert named and f"已下达{named}项整改事项" in browser.find_element(By.TAG_NAME, "body").text
    assert "/rectify/" in browser.current_url
