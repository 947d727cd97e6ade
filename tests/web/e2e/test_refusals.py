"""Every refusal shows its reason on the page, in Chromium: each step form (posted by htmx,
which leaves 4xx answers out unless told otherwise: static/gongkai/forms.js), the approval of a
draft, the registration forms, the registers and the annual report's actions. Each case submits
something the server refuses (not something the browser's own checks stop) and looks for the
Chinese reason beside the form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from gongkai.web.agencies.selectors import actor_for
from gongkai.web.applications.services import drafts, intake, steps
from tests.web.conftest import TZ, intake_data
from tests.web.e2e.test_browser import click, login, wait

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = timezone.localdate()
ISO = date.isoformat


def _actor(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return actor_for(get_user_model().objects.get(username=username))


def received(days_ago: int = 2) -> Any:
    day = TODAY - timedelta(days=days_ago)
    data = intake_data(submitted_at=datetime(day.year, day.month, day.day, 10, tzinfo=TZ))
    return intake.register(_actor("clerk"), data, registered_on=day).application


def noticed() -> Any:
    case = received()
    steps.send_correction_notice(
        _actor("clerk"),
        case.pk,
        on=TODAY,
        items=["写明文号"],
        correction_due=TODAY + timedelta(days=10),
    )
    return case


def consulting() -> Any:
    case = received()
    steps.start_consultation(
        _actor("clerk"), case.pk, on=TODAY, consultation="third_party", party="某公司"
    )
    return case


def fee_noticed() -> Any:
    case = received()
    steps.issue_fee_notice(_actor("clerk"), case.pk, on=TODAY, method="per_page", quantity=300)
    return case


def online() -> Any:
    office_agency = _actor("clerk").staff.agency
    return intake.submit_public(office_agency, intake_data()).application


def fill(values: dict[str, str]) -> Callable[[Any], None]:
    """Set each field by id: a select by value, a checkbox by clicking, anything else typed."""

    def run(driver: Any) -> None:
        for element_id, value in values.items():
            if element_id.startswith("css:"):
                driver.find_element(By.CSS_SELECTOR, element_id[4:]).click()
                continue
            element = driver.find_element(By.ID, element_id)
            if element.tag_name == "select":
                Select(element).select_by_value(value)
            else:
                driver.execute_script("arguments[0].value = arguments[1]", element, value)

    return run


FUTURE = ISO(TODAY + timedelta(days=3))
YESTERDAY = ISO(TODAY - timedelta(days=1))
STEPS = [
    # (step, who, case, fields, the reason shown)
    ("confirm", "clerk", online, {"id_on": FUTURE}, "晚于今天"),
    (
        "correction_notice",
        "clerk",
        received,
        {"id_items": "写明文号", "id_correction_due": ISO(TODAY)},
        "补正期限须晚于告知之日",
    ),
    ("receive_correction", "clerk", noticed, {"id_on": YESTERDAY}, "早于"),
    ("correction_lapsed", "clerk", noticed, {}, "尚未届满"),
    (
        "consult",
        "clerk",
        received,
        {"id_party": "某公司", "id_delivered_on": YESTERDAY},
        "对方收到征求意见书之日早于发出之日",
    ),
    (
        "consult",
        "clerk",
        received,
        {"id_party": "某公司", "id_on": "2031-03-03"},
        "不能晚于今天",  # a date in an unknown calendar year is a future date: refused as such
    ),
    ("end_consult", "clerk", consulting, {"id_on": YESTERDAY}, "早于上一事件的日期"),
    (
        "extend",
        "approver",
        received,
        {"id_notified_on": YESTERDAY, "id_reason": "数据多"},
        "告知之日早于批准之日",
    ),
    ("extend", "clerk", lambda: received(70), {"id_reason": "数据多"}, "延长须在答复期限届满"),
    ("fee", "clerk", lambda: received(70), {"id_quantity": "300"}, "收费通知应在答复期限内发出"),
    ("payment", "clerk", fee_noticed, {"id_on": YESTERDAY}, "早于上一事件的日期"),
    ("fee_lapsed", "clerk", fee_noticed, {}, "尚未届满"),
    (
        "reply",
        "approver",
        received,
        {"id_outcome": "partially_granted", "id_reason": "涉及个人隐私"},
        "第十四条至第十六条",
    ),
    (
        "reply",
        "clerk",
        received,
        {"id_outcome": "withheld_internal"},
        "须在答复中说明不予公开的理由",
    ),
    (
        "withdraw",
        "clerk",
        received,
        {"id_on": ISO(TODAY - timedelta(days=5))},
        "早于上一事件的日期",
    ),
]


def shows(driver: Any, text: str) -> None:
    """The reason appears in an error list on the page (and the page did not go elsewhere)."""

    def found(d: Any) -> bool:
        return any(text in e.text for e in d.find_elements(By.CSS_SELECTOR, ".errorlist"))

    try:
        WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(found)
    except Exception as error:  # the assertion says what the page shows instead
        errors = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".errorlist")]
        raise AssertionError(f"“{text}” not shown; error lists: {errors}") from error


@pytest.mark.parametrize(
    "name,who,make,values,reason", STEPS, ids=[f"{s[0]}-{s[1]}-{i}" for i, s in enumerate(STEPS)]
)
def test_a_refused_step_shows_its_reason(
    browser, live_server, office, name, who, make, values, reason
):
    case = make()
    before = case.events.count()
    login(browser, live_server.url, who)
    browser.get(f"{live_server.url}/cases/{case.pk}/")
    click(browser, f"step-{name}")
    wait(browser).until(lambda d: d.find_elements(By.ID, f"submit-{name}"))
    fill(values)(browser)
    click(browser, f"submit-{name}")
    shows(browser, reason)
    assert browser.find_elements(By.ID, f"submit-{name}")  # the form stays, to be corrected
    assert case.events.count() == before  # nothing was written


@pytest.mark.parametrize(
    "button,values,reason",
    [
        ("approve-reply", {"id_on": FUTURE}, "日期不能晚于今天"),
        ("return-reply", {}, "请写明退回意见"),
    ],
)
def test_a_refused_approval_shows_its_reason(browser, live_server, office, button, values, reason):
    case = received()
    drafts.submit(
        _actor("clerk"),
        case.pk,
        "reply",
        {"outcome": "withheld_internal", "reason": "属于内部工作流程信息"},
    )
    login(browser, live_server.url, "approver")
    browser.get(f"{live_server.url}/cases/{case.pk}/")
    fill(values)(browser)
    click(browser, button)
    shows(browser, reason)


def _open_details(driver: Any) -> None:
    driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")


PAGES = [
    # (url or a function of the case giving it, who, fields, submit button css, reason)
    (
        "/cases/new/",
        "clerk",
        {
            "id_channel": "registered_post",
            "id_submitted_at": "2025-09-28T09:00",
            "id_signed_on": FUTURE,
            "id_applicant_type": "natural_person",
            "id_applicant_name": "林国娟",
            "id_phone": "13900000000",
            "id_description": "低保资金",
        },
        "form.card button[type=submit]",
        "签收日期不能晚于今天",
    ),
    (
        lambda case: f"/cases/{case.pk}/amend/",
        "clerk",
        {"id_reason": "核对身份证明"},
        "main form button[type=submit]",
        "没有需要更正的内容",
    ),
    (
        "/registers/documents/",
        "clerk",
        {"id_kind": "normative_docs", "id_title": "关于印发某办法的通知", "id_issued_on": FUTURE},
        "#new button[type=submit]",
        "不能晚于今天",
    ),
    (
        "/registers/decisions/",
        "clerk",
        {
            "entry_kind": "penalty",
            "entry_decided_on": FUTURE,
            "entry_reference": "临民罚〔2026〕1号",
        },
        "#new button[type=submit]",
        "不能晚于今天",
    ),
    (
        "/registers/matters/",
        "clerk",
        {"id_kind": "training", "id_on": FUTURE, "id_title": "政务公开培训"},
        "#new button[type=submit]",
        "不能晚于今天",
    ),
    (
        "/registers/catalogue/",
        "clerk",
        {"id_index_no": "001", "id_title": "某通知", "id_created_on": FUTURE},
        "#new button[type=submit]",
        "不能晚于今天",
    ),
    (
        "/registers/disputes/",
        "clerk",
        {
            "id_path": "review",
            "id_body": "临淄区人民政府",
            "id_claimant": "林国娟",
            "id_filed_on": FUTURE,
        },
        "#new button[type=submit]",
        "不能晚于今天",
    ),
]


@pytest.mark.parametrize(
    "url,who,values,submit,reason",
    PAGES,
    ids=["register", "amend", "documents", "decisions", "matters", "catalogue", "disputes"],
)
def test_a_refused_form_shows_its_reason(
    browser, live_server, office, url, who, values, submit, reason
):
    case = received()
    path = url(case) if callable(url) else url
    login(browser, live_server.url, who)
    browser.get(live_server.url + path)
    _open_details(browser)
    fill(values)(browser)
    browser.find_element(By.CSS_SELECTOR, submit).click()
    shows(browser, reason)


def test_refused_report_actions_show_their_reason(browser, live_server, office, tmp_path):
    from gongkai.web.reports import services as reports

    approver = _actor("approver")
    report = reports.open_draft(approver, approver.staff.agency_id, TODAY.year)
    login(browser, live_server.url, "approver")

    # publishing within the year it reports on (the form posted as it stands)
    browser.get(f"{live_server.url}/reports/{report.pk}/")
    fill({"id_published_on": ISO(TODAY)})(browser)
    browser.execute_script("document.getElementById('publish-form').submit()")
    shows(browser, f"{TODAY.year}年度尚未结束")

    # importing a file that is no annual report
    junk = tmp_path / "会议纪要.txt"
    junk.write_text("本周例会纪要：讨论了办公用品采购。\n", encoding="utf-8")
    browser.get(f"{live_server.url}/reports/")
    browser.find_element(By.ID, "id_file").send_keys(str(junk))
    browser.find_element(By.ID, "import-report").click()
    shows(browser, "会议纪要.txt")
