"""The HTTP API: same services, selectors and permissions as the pages; token or session."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from gongkai.web.agencies.services import create_api_token


def api(actor) -> Client:
    token = create_api_token(get_user_model().objects.get(pk=actor.user_id), label="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_openapi_description_lists_the_endpoints(people):
    from tests.web.test_permissions import client_for

    staff = client_for(people["clerk"])
    schema = staff.get("/api/openapi.json").json()
    paths = schema["paths"]
    assert {
        "/api/cases",
        "/api/cases/{case_id}",
        "/api/cases/{case_id}/steps/correction_notice",
        "/api/cases/{case_id}/steps/reply",
        "/api/deadlines/{which}",
    } <= set(paths)
    docs = staff.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn." not in docs


def test_pages_fetch_nothing_from_elsewhere(db):
    for url in ("/login/", "/apply/", "/apply/track/"):
        page = Client().get(url).content.decode()
        assert "http://" not in page.replace("http://www.w3.org", "")
        assert "https://" not in page


def test_create_read_and_step_through_a_case(people):
    clerk, approver = api(people["clerk"]), api(people["approver"])
    created = clerk.post(
        "/api/cases",
        {
            "channel": "in_person",
            "submitted_at": "2025-09-30T10:00:00+08:00",
            "applicant_type": "natural_person",
            "applicant_name": "林国娟",
            "phone": "13900000000",
            "description": "2024年度低保资金发放情况",
            "registered_on": "2025-09-30",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    case_id, secret = body["case"]["id"], body["secret"]
    assert body["case"]["received_on"] == "2025-09-30" and len(secret) == 10
    assert body["case"]["deadline"]["due"] == "2025-11-04"
    assert body["case"]["deadline"]["steps"][0].startswith("2025年9月30日收到申请")

    notice = clerk.post(
        f"/api/cases/{case_id}/steps/correction_notice",
        {
            "on": "2025-10-09",
            "items": ["请写明文件名称", "请提供身份证明"],
            "correction_due": "2025-10-24",
        },
        content_type="application/json",
    )
    assert notice.status_code == 200, notice.content
    assert notice.json()["phase"] == "awaiting_correction"
    assert notice.json()["events"][-1]["data"]["items"] == ["请写明文件名称", "请提供身份证明"]

    refused = clerk.post(
        f"/api/cases/{case_id}/steps/reply",
        {"on": "2025-10-10", "outcome": "granted"},
        content_type="application/json",
    )
    assert refused.status_code == 403  # only the approver replies

    clerk.post(
        f"/api/cases/{case_id}/steps/receive_correction",
        {"on": "2025-10-13"},
        content_type="application/json",
    )
    replied = approver.post(
        f"/api/cases/{case_id}/steps/reply",
        {
            "on": "2025-10-20",
            "outcome": "partially_granted",
            "withheld_grounds": ["withheld_third_party"],
            "reason": "涉及个人隐私的部分不予公开",
        },
        content_type="application/json",
    )
    assert replied.status_code == 200, replied.content
    detail = clerk.get(f"/api/cases/{case_id}").json()
    assert (detail["phase"], detail["outcome"]) == ("closed", "partially_granted")
    assert [e["kind"] for e in detail["events"]] == [
        "register",
        "send_correction_notice",
        "receive_correction",
        "reply",
    ]
    assert all(letter["issued"] and not letter["missing"] for letter in detail["letters"])
    assert [letter["url"] for letter in detail["letters"]] == [
        f"/cases/{case_id}/letters/2.docx",
        f"/cases/{case_id}/letters/4.docx",
    ]
    # the letters the API links to are fetched with the same token
    letter = clerk.get(detail["letters"][1]["url"])
    assert letter.status_code == 200 and letter.content.startswith(b"PK")
    assert (
        Client(HTTP_AUTHORIZATION="Bearer wrong").get(detail["letters"][1]["url"]).status_code
        == 401
    )
    assert Client().get(detail["letters"][1]["url"]).status_code == 302  # a browser: the login
    listed = clerk.get("/api/cases?outcome=partially_granted").json()
    assert [c["id"] for c in listed] == [case_id]


def test_refusals_carry_the_rule(people, case):
    response = api(people["clerk"]).post(
        f"/api/cases/{case.pk}/steps/correction_notice",
        {"on": "2025-10-20", "items": ["x"], "correction_due": "2025-11-01"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["rule"] == "CORRECTION-NOTICE-LATE"
    invalid = api(people["clerk"]).post(
        f"/api/cases/{case.pk}/steps/correction_notice", {}, content_type="application/json"
    )
    assert invalid.status_code == 400 and "items" in invalid.json()["fields"]


def test_deadline_lists(people, case):
    overdue = api(people["clerk"]).get("/api/deadlines/overdue").json()
    assert [row["case"]["id"] for row in overdue] == [case.pk]  # due 2025-11-04, long past
    assert overdue[0]["due"] == "2025-11-04"


def test_session_auth_needs_csrf_for_writes(people, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(pk=people["clerk"].user_id))
    assert client.get(f"/api/cases/{case.pk}").status_code == 200
    response = client.post(
        f"/api/cases/{case.pk}/steps/withdraw",
        {"on": "2025-10-02"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert case.events.count() == 1


def test_apitoken_command_prints_a_working_token(people, case, capsys):
    from django.core.management import call_command

    call_command("apitoken", "clerk", "--label", "报表系统")
    token = capsys.readouterr().out.strip()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [c["id"] for c in client.get("/api/cases").json()] == [case.pk]
    assert Client(HTTP_AUTHORIZATION="Bearer wrong").get("/api/cases").status_code == 401
