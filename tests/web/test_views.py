"""The staff pages: dashboard, list, case page with its explanation, steps (htmx and plain),
registration, letters, and the administrator's calendar and template pages."""

from __future__ import annotations

import io
from datetime import date

from django.utils import timezone
from docx import Document

from gongkai.web.applications.services import steps
from tests.web.test_permissions import client_for


def test_dashboard_and_lists_render(people, case):
    client = client_for(people["clerk"])
    page = client.get("/").content.decode()
    assert "工作台" in page and "已逾期" in page and case.tracking_number in page
    assert case.tracking_number in client.get("/deadlines/overdue/").content.decode()
    assert client.get("/deadlines/soon/").status_code == 200
    listing = client.get("/cases/?phase=open&q=林国娟").content.decode()
    assert case.tracking_number in listing
    refused = client.get("/cases/?agency=x&phase=nonsense")  # refused beside the filter
    assert refused.status_code == 400 and "不是可选的值" in refused.content.decode()
    fragment = client.get("/cases/?phase=closed", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and case.tracking_number not in fragment


def test_case_page_shows_due_date_explanation_events_and_steps(people, case):
    page = client_for(people["clerk"]).get(f"/cases/{case.pk}/").content.decode()
    assert "2025-11-04" in page and "国庆节、中秋节放假" in page
    assert "登记申请" in page and "告知补正" in page and "作出答复" not in page  # clerk
    assert "拟答复（呈批）" in page and "拟延期（呈批）" in page  # drafts for approval
    approver_page = client_for(people["approver"]).get(f"/cases/{case.pk}/").content.decode()
    assert "作出答复" in approver_page and "批准延期" in approver_page


def test_step_through_htmx_records_and_redirects(people, case):
    client = client_for(people["clerk"])
    form = client.get(f"/cases/{case.pk}/steps/correction_notice/", HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<html" not in form.content.decode()
    response = client.post(
        f"/cases/{case.pk}/steps/correction_notice/",
        {
            "on": "2025-10-09",
            "items": "请写明文件名称\n请提供身份证明",
            "correction_due": "2025-10-24",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204 and response["HX-Redirect"] == f"/cases/{case.pk}/"
    assert case.events.count() == 2


def test_refused_step_shows_the_rule_as_a_form_error(people, case):
    client = client_for(people["clerk"])
    response = client.post(
        f"/cases/{case.pk}/steps/correction_notice/",
        {"on": "2025-10-20", "items": "x", "correction_due": "2025-11-01"},
    )
    assert response.status_code == 422
    assert "第三十条" in response.content.decode()
    assert case.events.count() == 1


def test_clerk_drafts_the_approvers_step_for_approval(people, case):
    page = client_for(people["clerk"]).get(f"/cases/{case.pk}/steps/extend/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "提交审批" in text and "确定批准延期" not in text and 'name="on"' not in text
    assert (
        client_for(people["supervisor"]).get(f"/cases/{case.pk}/steps/extend/").status_code == 403
    )


def test_register_page(people):
    client = client_for(people["clerk"])
    assert client.get("/cases/new/").status_code == 200
    response = client.post(
        "/cases/new/",
        {
            "channel": "registered_post",
            "submitted_at": "2025-09-28T09:00",
            "signed_on": "2025-09-30",
            "applicant_type": "business",
            "applicant_name": "淄博某商贸有限公司",
            "contact_person": "李四",
            "phone": "0533-1234567",
            "description": "某项目的立项批复",
            "form_wanted": "paper",
            "delivery": "post",
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200 and "查询密码" in page and "2025-09-30" in page


def test_register_page_requires_a_contact(people):
    response = client_for(people["clerk"]).post(
        "/cases/new/",
        {
            "channel": "in_person",
            "submitted_at": "2025-09-30T09:00",
            "applicant_type": "natural_person",
            "applicant_name": "张三",
            "description": "某文件",
            "form_wanted": "paper",
            "delivery": "post",
        },
    )
    assert "至少填写一种联系方式" in response.content.decode()


def test_letters_download_as_docx(people, case):
    steps.send_correction_notice(
        people["clerk"],
        case.pk,
        on=date(2025, 10, 9),
        items=["请写明文件名称"],
        correction_due=date(2025, 10, 24),
    )
    client = client_for(people["clerk"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/{case.pk}/letters/2.docx" in page
    response = client.get(f"/cases/{case.pk}/letters/2.docx")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "补正告知书" in text and "请写明文件名称" in text and "2025年10月24日" in text
    assert client.get(f"/cases/{case.pk}/letters/1.docx").status_code == 404  # no letter


def test_calendar_page_for_administrators(people):
    client = client_for(people["admin"])
    assert "2004年至2026年" in client.get("/calendar/").content.decode()
    response = client.post(
        "/calendar/",
        {
            "year": "2027",
            "source": "测试",
            "lines": "元旦 2027-01-01 至 2027-01-03\n上班 2027-02-13",
        },
        follow=True,
    )
    assert "2004年至2027年" in response.content.decode()
    assert client_for(people["clerk"]).get("/calendar/").status_code == 403


def test_letter_template_pages(people):
    client = client_for(people["admin"])
    assert "补正告知书" in client.get("/letters/").content.decode()
    from gongkai.web.letters.models import LetterTemplate

    template = LetterTemplate.objects.get(kind="correction_notice")
    body = "{applicant_name}：请补正：{correction_items}"
    client.post(f"/letters/{template.pk}/", {"title": "补正通知", "body": body})
    template.refresh_from_db()
    assert (template.title, template.body, template.version) == ("补正通知", body, 2)
    client.post(f"/letters/{template.pk}/", {"restore": "1"})
    template.refresh_from_db()
    assert template.title == "补正告知书"
    assert client_for(people["clerk"]).get("/letters/").status_code == 403


def test_today_is_local(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ
    assert timezone.localdate() is not None


def test_reply_form_shows_missing_grounds_and_reasons_beside_their_fields(people, case):
    client = client_for(people["approver"])
    response = client.post(
        f"/cases/{case.pk}/steps/reply/",
        {"on": "2025-10-28", "outcome": "partially_granted"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "第十四条至第十六条" in form.errors["withheld_grounds"][0]
    response = client.post(
        f"/cases/{case.pk}/steps/reply/",
        {
            "on": "2025-10-28",
            "outcome": "partially_granted",
            "withheld_grounds": ["withheld_third_party"],
        },
        HTTP_HX_REQUEST="true",
    )
    assert "须对不予公开的部分说明理由" in response.context["form"].errors["reason"][0]
    assert case.events.count() == 1


def test_the_deadline_list_is_paged_most_urgent_first(people, make_case, monkeypatch):
    from gongkai.web.applications.views import dashboard

    monkeypatch.setattr(dashboard, "DEADLINE_PAGE", 2)
    cases = [make_case(date(2025, 9, day)) for day in (1, 2, 3)]  # all long overdue
    client = client_for(people["clerk"])
    first = client.get("/deadlines/overdue/").content.decode()
    assert "（3 件，按答复期限排序" in first and "第 1/2 页" in first and "下一页" in first
    assert cases[0].tracking_number in first and cases[1].tracking_number in first
    assert cases[2].tracking_number not in first
    second = client.get("/deadlines/overdue/?page=2").content.decode()
    assert cases[2].tracking_number in second and cases[0].tracking_number not in second
    assert "上一页" in second
