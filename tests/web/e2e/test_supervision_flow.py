"""The whole supervision flow in Chromium, with a real worker process: the supervisor imports the
roster and a zip of the region (a damaged PDF, an empty DOCX, a report signed with a name not
in the roster); the run is read in the background to 100 %, the two bad files listed with
their problem; the name is assigned from the roster's list; the board shows the missing and
the late unit; one finding is confirmed, another dismissed with a reason; the confirmed one
becomes a rectification item, which the town's own clerk answers and the supervisor passes.

With GONGKAI_SCREENSHOTS=docs/images the key pages are saved as the figures of
docs/supervision.md (1280×800, the top of the page)."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from gongkai.report.canonical import from_canonical
from gongkai.report.render import render
from tests.web.e2e.test_browser import login, wait
from tests.web.supervision.region import ROSTER_CSV, YEAR, documents

pytestmark = pytest.mark.django_db(transaction=True)

TOWN = "临淄区齐都镇人民政府"
GOV = "临淄区人民政府"
DUPLICATE = "与“第五部分没有实际内容”为同一问题，已确认该条"
ANSWER = "已在第五部分补写本镇存在的三个问题和对应的改进措施，更正后的报告已在镇政府网站重新发布。"


@pytest.fixture
def town_clerk(supervisor):
    """The town uses gongkai: its agency (named as on the roster, so linked when the roster is
    imported) and its clerk."""
    from gongkai.web.agencies.services import create_agency, create_staff

    town = create_agency(name=TOWN, kind="town", parent=supervisor, review_body=GOV)
    create_staff(
        username="town", password="pw-town", agency=town, role="clerk", display_name="陈静"
    )
    return town


def _region_zip() -> bytes:
    """The region's reports as written by gongkai's renderers (see region.documents), in a
    folder per kind, with two files that cannot be read."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, doc in documents().items():
            fmt = name.rsplit(".", 1)[1]
            archive.writestr(f"临淄区/{fmt}/{name}", render(from_canonical(doc), fmt))
        archive.writestr("临淄区/pdf/损坏.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF")
        archive.writestr("临淄区/docx/空白.docx", b"")
    return out.getvalue()


def _figure(browser, name, css):
    """A figure for the docs, only when asked for: the page at 1280×800, from its top or, when
    the element lies lower, scrolled just far enough to show it."""
    if not os.environ.get("GONGKAI_SCREENSHOTS"):
        return
    metrics = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    browser.execute_script(
        "window.scrollTo(0, 0); arguments[0].scrollIntoView({block: 'nearest'})",
        browser.find_element(By.CSS_SELECTOR, css),
    )
    browser.save_screenshot(str(browser.shots / f"supervision-{name}.png"))
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _finding(code, unit):
    return f"tr.finding[data-code='{code}'][data-unit='{unit}']"


def _review(browser, code, unit, decision, reason=""):
    row = browser.find_element(By.CSS_SELECTOR, _finding(code, unit))
    if reason:
        row.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys(reason)
    row.find_element(By.CSS_SELECTOR, f"button.{decision}").click()
    wait(browser).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f"{_finding(code, unit)} .decision-{decision}ed")
    )


def test_import_to_rectification_passed(
    browser, live_server, supervisor, town_clerk, worker, tmp_path
):
    base = live_server.url
    region = supervisor.pk
    login(browser, base, "supervisor")

    # the roster; the town is linked to its agency by its name
    roster = tmp_path / "名单.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    browser.get(f"{base}/supervision/{region}/roster/{YEAR}/")
    browser.find_element(By.ID, "id_file").send_keys(str(roster))
    browser.find_element(By.ID, "roster-submit").click()
    wait(browser).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "共5个单位")
    )

    # the zip, read by the worker in the background: the progress bar runs to 100 %
    archive = tmp_path / "临淄区2025年度报告.zip"
    archive.write_bytes(_region_zip())
    browser.find_element(By.LINK_TEXT, "导入报告").click()
    browser.find_element(By.ID, "id_reports").send_keys(str(archive))
    browser.find_element(By.ID, "run-submit").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "run-progress")))
    wait(browser, 90).until(ec.text_to_be_present_in_element((By.ID, "run-status"), "已完成"))
    wait(browser).until(ec.presence_of_element_located((By.ID, "run-files")))
    bar = browser.find_element(By.CSS_SELECTOR, "#run-progress [role=progressbar]")
    assert bar.get_attribute("aria-valuenow") == "100"
    assert browser.find_element(By.ID, "run-done").text == "6"
    assert "已对应单位：3" in browser.find_element(By.CSS_SELECTOR, ".counts").text
    assert "无法读取：2" in browser.find_element(By.CSS_SELECTOR, ".counts").text
    unreadable = {
        row.find_elements(By.TAG_NAME, "td")[0].text.rsplit("/", 1)[1]: row.text
        for row in browser.find_elements(By.CSS_SELECTOR, "#run-files tr.file-unreadable")
    }
    assert sorted(unreadable) == ["损坏.pdf", "空白.docx"]
    assert unreadable["空白.docx"].endswith("无法读取 空文件")
    assert "无法读取 PDF 文件已损坏或不是 PDF，无法打开" in unreadable["损坏.pdf"]
    _figure(browser, "run", "#run-files")

    # the name not in the roster, assigned from the roster's list
    unassigned = browser.find_element(By.ID, "unassigned")
    assert "待人工指定单位（1）" in unassigned.text
    assert "报告中的机关名称“临淄区文化和旅游局”不是名单中任何单位的全称或别名" in unassigned.text
    form = unassigned.find_element(By.TAG_NAME, "form")
    Select(form.find_element(By.TAG_NAME, "select")).select_by_visible_text(
        "临淄区文化旅游局（政府部门）"
    )
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(browser).until(
        ec.text_to_be_present_in_element(
            (By.CSS_SELECTOR, ".messages"), "wenlv.html”指定为临淄区文化旅游局（政府部门）的报告。"
        )
    )
    assert not browser.find_elements(By.ID, "unassigned")
    assert "已对应单位：4" in browser.find_element(By.CSS_SELECTOR, ".counts").text

    # the board: the finance bureau published nothing, the government signed 10 days late
    browser.find_element(By.LINK_TEXT, "发布情况").click()
    board = wait(browser).until(ec.presence_of_element_located((By.ID, "board")))
    counts = browser.find_element(By.ID, "board-counts")
    assert counts.find_element(By.CSS_SELECTOR, ".count-on_time").text == "按时发布 3"
    assert counts.find_element(By.CSS_SELECTOR, ".count-late").text == "逾期发布 1"
    assert counts.find_element(By.CSS_SELECTOR, ".count-missing").text == "未发布 1"
    assert counts.find_element(By.CSS_SELECTOR, ".count-issues").text == "5"
    cells = {
        row.get_attribute("data-unit"): row.find_element(By.CSS_SELECTOR, "a.st")
        for row in board.find_elements(By.CSS_SELECTOR, "tbody tr")
    }
    assert len(cells) == 5
    missing, late = cells["临淄区财政局"], cells[GOV]
    assert missing.text == "未发布"
    assert {"red", "status-missing"} <= set(missing.get_attribute("class").split())
    assert late.text == "逾期10天（按报告落款日期）"
    assert {"amber", "status-late"} <= set(late.get_attribute("class").split())
    assert cells["临淄区文化旅游局"].text == "按时发布（按报告落款日期）"
    assert "green" in cells[TOWN].get_attribute("class").split()
    _figure(browser, "board", "#board")

    # the findings: the town's empty section 五 confirmed; the same gap counted again as
    # "too short" dismissed, with the reason
    browser.find_element(By.CSS_SELECTOR, "#board-counts a[href*='findings']").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "findings")))
    assert browser.find_element(By.ID, "open-count").text == "5"
    _review(browser, "SUP-PROBLEMS-EMPTY", TOWN, "confirm")
    _review(browser, "PROBLEMS-THIN", TOWN, "dismiss", DUPLICATE)
    dismissed = browser.find_element(By.CSS_SELECTOR, _finding("PROBLEMS-THIN", TOWN))
    decision = dismissed.find_element(By.CSS_SELECTOR, ".reviewed").text
    assert decision.startswith(f"排除：{DUPLICATE} （李红梅，")
    _figure(browser, "findings", _finding("PROBLEMS-THIN", TOWN))
    browser.refresh()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "open-count"), "4"))
    assert not browser.find_elements(By.CSS_SELECTOR, _finding("PROBLEMS-THIN", TOWN))
    confirmed = browser.find_element(By.CSS_SELECTOR, _finding("SUP-PROBLEMS-EMPTY", TOWN))
    decision = confirmed.find_element(By.CSS_SELECTOR, ".reviewed.decision-confirmed").text
    assert decision.startswith("确认 （李红梅，")

    # the confirmed finding becomes a rectification item for the town
    confirmed.find_element(By.CSS_SELECTOR, "a.to-rectify").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "rectify-new-form")))
    problem = browser.find_element(By.ID, "id_problem").get_attribute("value")
    assert problem.startswith("五、存在的主要问题及改进情况") and "SUP-PROBLEMS-EMPTY" in problem
    deadline = timezone.localdate() + timedelta(days=20)
    field = browser.find_element(By.ID, "id_deadline")
    browser.execute_script("arguments[0].value = arguments[1]", field, deadline.isoformat())
    browser.find_element(By.ID, "rectify-new-submit").click()
    wait(browser).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "已下达整改事项")
    )
    assert browser.find_element(By.ID, "rectify-status").text == "待整改"
    assert f"单位：{TOWN}" in browser.find_element(By.ID, "rectify-item").text
    item_url = browser.current_url

    # the town's clerk finds it through the navigation and answers with a note
    login(browser, base, "town")
    browser.find_element(By.ID, "nav-unit-rectify").click()
    items = wait(browser).until(ec.presence_of_element_located((By.ID, "unit-items")))
    assert "待整改" in items.text
    items.find_element(By.PARTIAL_LINK_TEXT, "号").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "rectify-answer")))
    assert "SUP-PROBLEMS-EMPTY" in browser.find_element(By.ID, "rectify-problem").text
    browser.find_element(By.ID, "id_note").send_keys(ANSWER)
    browser.find_element(By.ID, "rectify-answer-submit").click()
    wait(browser).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "已提交整改答复")
    )
    assert browser.find_element(By.ID, "rectify-status").text == "已答复待审核"

    # the supervisor reads the answer and passes the item
    login(browser, base, "supervisor")
    browser.get(item_url)
    assert ANSWER in browser.find_element(By.ID, "rectify-log").text
    browser.find_element(By.ID, "id_note").send_keys("整改到位")
    browser.find_element(By.ID, "rectify-pass").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "rectify-status"), "已通过"))
    log = [
        [cell.text for cell in row.find_elements(By.TAG_NAME, "td")[1:]]
        for row in browser.find_elements(By.CSS_SELECTOR, "#rectify-log tr.event")
    ]
    assert log == [
        ["李红梅\n临淄区人民政府", "下达整改", f"整改期限：{deadline.isoformat()}"],
        ["陈静\n" + TOWN, "单位答复", ANSWER],
        ["李红梅\n临淄区人民政府", "审核通过", "整改到位"],
    ]
    assert not browser.find_elements(By.ID, "rectify-decide")
    _figure(browser, "rectify", "#rectify-log")
