"""Every parameter and date is bounded: a number that does not fit, a year out of range, a
negative offset, a superscript digit, a date in 9999 get 400 or 404 with a message, never a
500 and its debug page; a case cannot be registered or answered on a date in the future."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.test_api import api
from tests.web.test_permissions import client_for

pytestmark = pytest.mark.django_db

HUGE = "9" * 25
SUPERSCRIPT = "\u00b2"  # "²": str.isdigit() says yes, int() says no

CASE = {
    "channel": "in_person",
    "submitted_at": "2025-09-30T10:00:00+08:00",
    "applicant_type": "natural_person",
    "applicant_name": "林国娟",
    "phone": "13900000000",
    "description": "2024年度低保资金发放情况",
}


@pytest.mark.parametrize(
    "url",
    [
        "/registers/documents/?year=99999",
        "/registers/decisions/?year=99999",
        f"/registers/documents/?agency={HUGE}",
        f"/registers/catalogue/?agency={SUPERSCRIPT}",
        f"/registers/disputes/?year={SUPERSCRIPT}",
        "/registers/matters/?year=-1",
        f"/cases/?agency={SUPERSCRIPT}",
        f"/cases/?agency={HUGE}",
        f"/reports/?agency={SUPERSCRIPT}",
        f"/reports/?agency={HUGE}",
    ],
)
def test_staff_pages_answer_400_to_a_parameter_out_of_bounds(
    people: dict[str, Any], url: str
) -> None:
    response = client_for(people["supervisor"]).get(url)
    assert response.status_code == 400, (url, response.status_code)
    body = response.content.decode()
    # the case list's filter form says so beside the filter (applications/filters.py)
    assert "参数" in body or "不是可选的值" in body


@pytest.mark.parametrize(
    "url",
    [
        f"/registers/documents/{HUGE}/",
        f"/registers/decisions/{HUGE}/delete/",
        f"/cases/{HUGE}/",
        f"/reports/{HUGE}/",
    ],
)
def test_an_id_too_large_is_not_found(people: dict[str, Any], url: str) -> None:
    assert client_for(people["clerk"]).get(url).status_code == 404


@pytest.mark.parametrize(
    "url", [f"/apply/reports/?agency={SUPERSCRIPT}", f"/apply/reports/?agency={HUGE}"]
)
def test_the_public_list_answers_400(tree: dict[str, Any], url: str) -> None:
    assert Client().get(url).status_code == 400


def test_admin_delete_of_a_calendar_entry_that_is_no_number(people: dict[str, Any]) -> None:
    client = client_for(people["admin"])
    assert client.post("/calendar/", {"delete": "abc"}).status_code == 400
    assert client.post("/calendar/", {"delete": HUGE}).status_code == 400
    assert client.post("/calendar/", {"delete": "12345"}).status_code == 404  # no such entry


@pytest.mark.parametrize(
    "query", ["offset=-1", "limit=-5", f"offset={HUGE}", f"agency={SUPERSCRIPT}", f"agency={HUGE}"]
)
def test_api_list_parameters_are_bounded(people: dict[str, Any], query: str) -> None:
    response = api(people["clerk"]).get(f"/api/cases?{query}")
    assert response.status_code == 400, (query, response.content)
    assert response.json()["code"] == "INVALID"


@pytest.mark.parametrize("url", [f"/api/cases/{HUGE}", f"/api/reports/{HUGE}"])
def test_api_ids_too_large_are_not_found(people: dict[str, Any], url: str) -> None:
    assert api(people["clerk"]).get(url).status_code == 404


@pytest.mark.parametrize("query", ["year=99999", f"agency_id={HUGE}", "year=-1"])
def test_api_report_filters_are_bounded(people: dict[str, Any], query: str) -> None:
    response = api(people["clerk"]).get(f"/api/reports?{query}")
    assert response.status_code == 400, (query, response.content)


@pytest.mark.parametrize(
    "field, value",
    [
        ("registered_on", "9999-12-31"),
        ("registered_on", "2099-01-01"),
        ("registered_on", "2001-01-01"),
        ("submitted_at", "2099-01-01T10:00:00+08:00"),
        ("submitted_at", "1999-01-01T10:00:00+08:00"),
        ("signed_on", "9999-12-31"),
    ],
)
def test_the_api_refuses_a_registration_date_out_of_the_window(
    people: dict[str, Any], field: str, value: str
) -> None:
    from gongkai.web.applications.models import Application

    response = api(people["clerk"]).post(
        "/api/cases", {**CASE, field: value}, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "step, data, field",
    [
        ("reply", {"on": "2099-01-01", "outcome": "granted"}, "on"),
        ("reply", {"on": "2007-12-31", "outcome": "granted"}, "on"),
        (
            "correction_notice",
            {"on": "2025-10-09", "items": ["x"], "correction_due": "9999-12-31"},
            "correction_due",
        ),
        (
            "consult",
            {
                "on": "2025-10-09",
                "consultation": "third_party",
                "party": "某公司",
                "delivered_on": "2099-01-01",
            },
            "delivered_on",
        ),
    ],
)
def test_a_step_dated_out_of_the_window_is_refused(
    people: dict[str, Any], case: Any, step: str, data: dict[str, Any], field: str
) -> None:
    response = api(people["approver"]).post(
        f"/api/cases/{case.pk}/steps/{step}", data, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert case.events.count() == 1


def test_the_step_page_refuses_a_reply_in_the_future(people: dict[str, Any], case: Any) -> None:
    response = client_for(people["approver"]).post(
        f"/cases/{case.pk}/steps/reply/", {"on": "2099-01-01", "outcome": "granted", "reason": ""}
    )
    assert response.status_code == 422 and "不能晚于今天" in response.content.decode()
    assert case.events.count() == 1


def test_the_services_refuse_dates_out_of_the_window_too(people: dict[str, Any], case: Any) -> None:
    from datetime import date

    from gongkai.web.applications.services import intake, steps
    from gongkai.web.errors import InvalidInput
    from tests.web.conftest import intake_data

    with pytest.raises(InvalidInput):
        intake.register(people["clerk"], intake_data(), registered_on=date(9999, 12, 31))
    with pytest.raises(InvalidInput):
        steps.reply(people["approver"], case.pk, on=date(2099, 1, 1), outcome="granted")
    assert case.events.count() == 1


def test_register_dates_are_bounded(people: dict[str, Any]) -> None:
    from datetime import date

    from gongkai.web.errors import InvalidInput
    from gongkai.web.registers.services import decisions, disputes, documents

    clerk = people["clerk"]
    with pytest.raises(InvalidInput, match="废止日期不能晚于"):
        documents.create_document(
            clerk,
            {
                "kind": "normative_docs",
                "title": "某细则",
                "issued_on": date(2020, 3, 1),
                "repealed_on": date(9999, 12, 31),
            },
        )
    with pytest.raises(InvalidInput, match="印发日期不能早于1949年"):
        documents.create_document(
            clerk, {"kind": "normative_docs", "title": "某细则", "issued_on": date(1, 1, 1)}
        )
    documents.create_document(
        clerk,
        {
            "kind": "gov_rules",
            "title": "某办法",  # old, in force
            "issued_on": date(1998, 3, 1),
        },
    )
    with pytest.raises(InvalidInput, match="决定日期不能早于2008年"):
        decisions.create_entry(
            clerk, {"kind": "licensing", "decided_on": date(2001, 5, 6), "subject": "某"}
        )
    with pytest.raises(InvalidInput, match="立案（受理）日期不能早于2008年"):
        disputes.create_dispute(clerk, {"path": "review", "filed_on": date(1990, 1, 1)})


def test_report_years_and_publishing_dates_are_bounded(
    people: dict[str, Any], tree: dict[str, Any]
) -> None:
    from datetime import date

    from gongkai.web.errors import InvalidInput
    from gongkai.web.reports import services
    from tests.web.reports.test_lifecycle import PROBLEMS, _imported_text

    clerk, approver = people["clerk"], people["approver"]
    with pytest.raises(InvalidInput, match="不在"):
        services.open_draft(clerk, tree["civil"].pk, 9999)
    text = _imported_text().decode().replace("2024", "2099").encode()
    with pytest.raises(InvalidInput, match="报告年度2099"):
        services.import_published(people["town_clerk"], tree["town"].pk, "2099.md", text)
    report = services.open_draft(clerk, tree["civil"].pk, 2025)
    services.save(clerk, report.pk, PROBLEMS)
    with pytest.raises(InvalidInput, match="发布日期不能晚于"):
        services.publish(approver, report.pk, date(2099, 1, 20))
    response = client_for(approver).post(
        f"/reports/{report.pk}/publish/", {"published_on": "9999-12-31"}
    )
    assert response.status_code == 422  # the form again, with its error
    report.refresh_from_db()
    assert report.status == "draft"
