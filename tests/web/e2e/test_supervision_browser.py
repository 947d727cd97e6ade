"""Supervision in Chromium, with a real worker process reading the run: a bad roster is refused
row by row beside the form; a zip of the region (a damaged file, a name not in the roster) is
read in the background with a live progress bar; the supervisor assigns the name from the
roster's list; the board shows the missing and the late unit; one finding is confirmed and
another dismissed (refused without a reason, beside the finding, then kept with the reason)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from tests.web.e2e.test_browser import login, shot, wait
from tests.web.e2e.test_refusals import shows
from tests.web.supervision.region import BAD_ROSTER_CSV, ROSTER_CSV, YEAR, region_zip

pytestmark = pytest.mark.django_db(transaction=True)


def _row(code, unit):
    return f"tr.finding[data-code='{code}'][data-unit='{unit}']"


def _review(browser, code, unit, reason, decision):
    row = browser.find_element(By.CSS_SELECTOR, _row(code, unit))
    box = row.find_element(By.CSS_SELECTOR, "input[name=reason]")
    box.clear()
    if reason:
        box.send_keys(reason)
    row.find_element(By.CSS_SELECTOR, f"button.{decision}").click()


def test_import_assign_board_and_review(browser, live_server, supervisor, worker, tmp_path):
    base = live_server.url
    region = supervisor.pk
    login(browser, base, "supervisor")
    browser.find_element(By.LINK_TEXT, "监督").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "board-filters")))

    # the roster: a bad file is refused with every bad row listed; then the good one
    bad, good = tmp_path / "bad.csv", tmp_path / "roster.csv"
    bad.write_text(BAD_ROSTER_CSV, encoding="utf-8")
    good.write_text(ROSTER_CSV, encoding="utf-8")
    browser.get(f"{base}/supervision/{region}/roster/{YEAR}/")
    browser.find_element(By.ID, "id_file").send_keys(str(bad))
    browser.find_element(By.ID, "roster-submit").click()
    problems = wait(browser).until(ec.presence_of_element_located((By.ID, "roster-problems")))
    assert "第3行：单位类型“政府机关”" in problems.text and "第4行" in problems.text
    shows(browser, "名单有2处问题")
    browser.find_element(By.ID, "id_file").send_keys(str(good))
    browser.find_element(By.ID, "roster-submit").click()
    wait(browser).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "共5个单位")
    )

    # the run: a zip read by the worker, the progress bar live until done
    archive = tmp_path / "临淄区.zip"
    archive.write_bytes(region_zip())
    browser.get(f"{base}/supervision/{region}/runs/")
    browser.find_element(By.ID, "id_reports").send_keys(str(archive))
    browser.find_element(By.ID, "run-submit").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "run-progress")))
    wait(browser, 60).until(ec.presence_of_element_located((By.ID, "unassigned")))
    assert browser.find_element(By.ID, "run-status").text == "已完成"
    files = browser.find_element(By.ID, "run-files").text
    assert "broken.pdf" in files and "无法读取" in files
    shot(browser, "supervision-run")

    # the unmatched name, assigned from the roster's list
    form = browser.find_element(By.CSS_SELECTOR, "#unassigned form")
    assert "临淄区文化和旅游局" in browser.find_element(By.ID, "unassigned").text
    Select(
        form.find_element(By.NAME, form.find_element(By.TAG_NAME, "select").get_attribute("name"))
    ).select_by_visible_text("临淄区文化旅游局（政府部门）")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(browser).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "临淄区文化旅游局")
    )

    # the board: the missing and the late unit
    browser.get(f"{base}/supervision/{region}/")
    board = wait(browser).until(ec.presence_of_element_located((By.ID, "board")))
    row = board.find_element(By.CSS_SELECTOR, "tr[data-unit='临淄区财政局']")
    assert row.find_element(By.CSS_SELECTOR, "a.st").text == "未发布"
    assert "red" in row.find_element(By.CSS_SELECTOR, "a.st").get_attribute("class")
    late = board.find_element(By.CSS_SELECTOR, "tr[data-unit='临淄区人民政府'] a.st")
    assert late.text.startswith("逾期10天") and "amber" in late.get_attribute("class")
    culture = board.find_element(By.CSS_SELECTOR, "tr[data-unit='临淄区文化旅游局'] a.st")
    assert culture.text.startswith("按时发布")
    shot(browser, "supervision-board")

    # findings: confirm one, dismiss another (a reason is required)
    browser.get(f"{base}/supervision/{region}/{YEAR}/findings/?issues=1")
    wait(browser).until(ec.presence_of_element_located((By.ID, "findings")))
    town, gov = "临淄区齐都镇人民政府", "临淄区人民政府"
    assert browser.find_elements(By.CSS_SELECTOR, _row("SUP-PROBLEMS-EMPTY", town))
    _review(browser, "PUB-LATE", gov, "", "confirm")
    wait(browser).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, _row("PUB-LATE", gov) + " .decision-confirmed")
    )
    _review(browser, "SUP-PROBLEMS-EMPTY", town, "", "dismiss")
    shows(browser, "排除问题须写明理由")
    _review(browser, "SUP-PROBLEMS-EMPTY", town, "该镇已另行公开问题清单", "dismiss")
    wait(browser).until(
        lambda d: d.find_elements(
            By.CSS_SELECTOR, _row("SUP-PROBLEMS-EMPTY", town) + " .decision-dismissed"
        )
    )
    browser.get(f"{base}/supervision/{region}/{YEAR}/findings/?issues=1")
    wait(browser).until(ec.presence_of_element_located((By.ID, "findings")))
    assert not browser.find_elements(By.CSS_SELECTOR, _row("SUP-PROBLEMS-EMPTY", town))
    assert "确认" in browser.find_element(By.CSS_SELECTOR, _row("PUB-LATE", gov)).text
    shot(browser, "supervision-findings")
