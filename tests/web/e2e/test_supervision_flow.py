"""The whole supervision flow in Chromium, with a real worker process: the supervisor imports the
roster and a zip of the region (a damaged PDF, an empty DOCX, a report signed with a name not
in the roster); the run is read in the background to 100 %, the two bad files listed with
their problem; the name is assigned from the roster's list; the board shows the missing and
the late unit; one finding is confirmed, another dismissed with a reason; the 通报 is drafted
from the confirmed one only, edited, and its DOCX downloaded and read back; the confirmed
finding becomes a rectification item, which the town's own clerk answers and the supervisor
passes.

With GONGKAI_SCREENSHOTS=docs/images the key pages are saved as the figures of
docs/supervision.md (1280×800)."""

from __future__ import annotations

import io
import os
import time
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document
from PIL import Image
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
EMPTY_FIVE = "第五部分没有实际内容“存在的主要问题及改进情况”，应如实查找问题并提出改进措施"
SALUTATION = "区政府各部门，各镇人民政府、街道办事处："
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
    the element lies lower, scrolled just far enough to show it; in 256 colours, to keep the
    repository small."""
    if not os.environ.get("GONGKAI_SCREENSHOTS"):
        return
    metrics = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    browser.execute_script(
        "window.scrollTo(0, 0); arguments[0].scrollIntoView({block: 'nearest'})",
        browser.find_element(By.CSS_SELECTOR, css),
    )
    picture = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    picture.quantize(colors=256).save(browser.shots / f"supervision-{name}.png", optimize=True)
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _download(folder):
    """The one file the browser downloaded, once it is complete."""
    end = time.monotonic() + 20
    while time.monotonic() < end:
        done = [p for p in folder.iterdir() if not p.name.endswith(".crdownload")]
        if done and len(done) == len(list(folder.iterdir())):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"downloads: {sorted(p.name for p in folder.iterdir())}")


def _set_date(browser, element_id, day):
    field = browser.find_element(By.ID, element_id)
    browser.execute_script("arguments[0].value = arguments[1]", field, day.isoformat())


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
    login(browser, base, "supervisor")
    _import(browser, base, supervisor.pk, tmp_path)
    _assign(browser)
    _board(browser)
    _review_findings(browser)
    _draft_notice(browser)
    deadline = timezone.localdate() + timedelta(days=20)
    item_url = _open_item(browser, deadline)
    login(browser, base, "town")
    _answer(browser)
    login(browser, base, "supervisor")
    browser.get(item_url)
    _pass(browser, deadline)


def _import(browser, base, region, tmp_path):
    """The roster (the town linked to its agency by its name), then the zip, read by the
    worker in the background: the progress bar runs to 100 %, the bad files are listed."""
    roster = tmp_path / "名单.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    browser.get(f"{base}/supervision/{region}/roster/{YEAR}/")
    browser.find_element(By.ID, "id_file").send_keys(str(roster))
    browser.find_element(By.ID, "roster-submit").click()
    wait(browser).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "共5个单位")
    )

    archive = tmp_path / "临淄区2025年度报告.zip"
    archive.write_bytes(_region_zip())
    browser.find_element(By.LINK_TEXT, "导入报告").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "id_reports")))
    browser.find_element(By.ID, "id_reports").send_keys(str(archive))
    browser.find_element(By.ID, "run-submit").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "run-progress")))
    # the page reloads itself when the run is done; only the reloaded page has the counts
    counts = wait(browser, 90).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".counts")))
    assert browser.find_element(By.ID, "run-status").text == "已完成"
    bar = browser.find_element(By.CSS_SELECTOR, "#run-progress [role=progressbar]")
    assert bar.get_attribute("aria-valuenow") == "100"
    assert browser.find_element(By.ID, "run-done").text == "6"
    assert "已对应单位：3" in counts.text and "无法读取：2" in counts.text
    unreadable = {
        row.find_elements(By.TAG_NAME, "td")[0].text.rsplit("/", 1)[1]: row.text
        for row in browser.find_elements(By.CSS_SELECTOR, "#run-files tr.file-unreadable")
    }
    assert sorted(unreadable) == ["损坏.pdf", "空白.docx"]
    assert unreadable["空白.docx"].endswith("无法读取 空文件")
    assert "无法读取 PDF 文件已损坏或不是 PDF，无法打开" in unreadable["损坏.pdf"]
    _figure(browser, "run", "#run-files")


def _assign(browser):
    """The name not in the roster, assigned from the roster's list."""
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


def _board(browser):
    """The finance bureau published nothing, the government signed 10 days late."""
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


def _review_findings(browser):
    """The town's empty section 五 confirmed; the same gap counted again as "too short"
    dismissed, with the reason: no longer among the open ones."""
    browser.find_element(By.CSS_SELECTOR, "#board-counts a[href*='findings']").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "findings")))
    assert browser.find_element(By.ID, "open-count").text == "5"
    _review(browser, "SUP-PROBLEMS-EMPTY", TOWN, "confirm")
    _review(browser, "PROBLEMS-THIN", TOWN, "dismiss", DUPLICATE)
    dismissed = browser.find_element(By.CSS_SELECTOR, _finding("PROBLEMS-THIN", TOWN))
    decision = dismissed.find_element(By.CSS_SELECTOR, ".reviewed").text
    assert decision.startswith(f"排除：{DUPLICATE} （李红梅，")
    _figure(browser, "findings", _finding("SUP-PROBLEMS-EMPTY", TOWN))
    browser.refresh()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "open-count"), "4"))
    assert not browser.find_elements(By.CSS_SELECTOR, _finding("PROBLEMS-THIN", TOWN))
    confirmed = browser.find_element(By.CSS_SELECTOR, _finding("SUP-PROBLEMS-EMPTY", TOWN))
    decision = confirmed.find_element(By.CSS_SELECTOR, ".reviewed.decision-confirmed").text
    assert decision.startswith("确认 （李红梅，")


def _draft_notice(browser):
    """The 通报 drafted from the confirmed finding only (and the unit that published nothing),
    its salutation edited, its DOCX downloaded and read back."""
    browser.find_element(By.LINK_TEXT, "通报").click()
    wait(browser).until(ec.element_to_be_clickable((By.ID, "notice-new"))).click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "notice-new-form")))
    deadline = timezone.localdate() + timedelta(days=30)
    _set_date(browser, "id_deadline", deadline)
    browser.find_element(By.ID, "notice-create").click()
    editor = wait(browser).until(ec.presence_of_element_located((By.ID, "notice-form")))
    pending = browser.find_element(By.ID, "pending").text
    assert pending.startswith("3 条问题尚未审核，未计入本通报。")
    shown = {
        chip.get_attribute("data-field"): chip.text
        for chip in editor.find_elements(By.CSS_SELECTOR, ".shown .chip")
    }
    assert shown["应发布单位数"] == "5" and shown["未发布年度报告单位数"] == "1"
    assert shown["确认问题数"] == "1" and shown["涉及单位数"] == "2"
    assert shown["未发布年度报告明细"] == "临淄区财政局：未发布2025年度政府信息公开工作年度报告。"
    assert shown["敷衍塞责明细"] == f"{TOWN}：{EMPTY_FIVE}。"
    assert shown["整改单位"] == f"临淄区财政局、{TOWN}"
    assert "第五部分只有" not in editor.text  # the dismissed finding is not in the notice
    salutation = editor.find_element(By.CSS_SELECTOR, "#para-0 textarea")
    assert salutation.get_attribute("value") == "各有关单位："
    salutation.clear()
    salutation.send_keys(SALUTATION)
    browser.find_element(By.ID, "notice-save").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "已保存"))
    _figure(browser, "notice", ".para.paragraph:has([data-field='敷衍塞责明细'])")

    browser.find_element(By.ID, "notice-preview").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "notice-text")))
    browser.find_element(By.ID, "download-docx").click()
    docx = _download(browser.downloads)
    assert docx.name == "临淄区人民政府2025年度年报工作通报（第1稿 草稿）.docx"
    text = [p.text for p in Document(str(docx)).paragraphs]
    assert "关于临淄区人民政府2025年度政府信息公开工作年度报告发布情况的通报" in text
    assert "草稿——未印发，不得作为正式通报使用" in text and SALUTATION in text
    assert f"{TOWN}：{EMPTY_FIVE}。" in text
    by = f"{deadline.year}年{deadline.month}月{deadline.day}日"
    assert any(p.startswith(f"请临淄区财政局、{TOWN}于{by}前完成整改") for p in text)
    assert not any("第五部分只有" in p for p in text)


def _open_item(browser, deadline):
    """The confirmed finding made a rectification item for the town; its address."""
    browser.find_element(By.LINK_TEXT, f"{YEAR}年度问题").click()
    confirmed = wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, _finding("SUP-PROBLEMS-EMPTY", TOWN)))
    )
    confirmed.find_element(By.CSS_SELECTOR, "a.to-rectify").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "rectify-new-form")))
    problem = browser.find_element(By.ID, "id_problem").get_attribute("value")
    assert problem.startswith("五、存在的主要问题及改进情况：") and EMPTY_FIVE in problem
    _set_date(browser, "id_deadline", deadline)
    browser.find_element(By.ID, "rectify-new-submit").click()
    wait(browser).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "已下达整改事项")
    )
    assert browser.find_element(By.ID, "rectify-status").text == "待整改"
    assert f"单位：{TOWN}" in browser.find_element(By.ID, "rectify-item").text
    return browser.current_url


def _answer(browser):
    """The town's clerk finds the item through the navigation and answers with a note."""
    browser.find_element(By.ID, "nav-unit-rectify").click()
    items = wait(browser).until(ec.presence_of_element_located((By.ID, "unit-items")))
    assert "待整改" in items.text
    items.find_element(By.PARTIAL_LINK_TEXT, "号").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "rectify-answer")))
    assert EMPTY_FIVE in browser.find_element(By.ID, "rectify-problem").text
    browser.find_element(By.ID, "id_note").send_keys(ANSWER)
    browser.find_element(By.ID, "rectify-answer-submit").click()
    wait(browser).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "已提交整改答复")
    )
    assert browser.find_element(By.ID, "rectify-status").text == "已答复待审核"


def _pass(browser, deadline):
    """The supervisor reads the answer and passes the item; the log has the three steps."""
    wait(browser).until(ec.presence_of_element_located((By.ID, "rectify-decide")))
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
