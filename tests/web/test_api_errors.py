"""The six server errors of issue 17, each answered with a refusal in the API's error shape
(400 for input out of range, 409 for a step the procedure does not allow), never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.test_api import api
from tests.web.test_bounds import CASE
from tests.web.test_permissions import client_for

pytestmark = pytest.mark.django_db

BIGINT_PLUS_ONE = str(2**63)  # 9223372036854775808: one more than a database bigint
SUPERSCRIPT = "%C2%B2"  # "²" url-encoded: str.isdigit() says yes, int() says no


def _refused(response: Any, status: int = 400) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.content)
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    assert body["message"], body
    return body  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "query",
    [
        "offset=-1",
        f"offset={BIGINT_PLUS_ONE}",
        "limit=0",
        "limit=-1",
        "limit=abc",
        f"agency={SUPERSCRIPT}",
        f"agency={BIGINT_PLUS_ONE}",
        "agency=abc",
        "agency=-3",
        "phase=nonsense",
        "outcome=nonsense",
    ],
)
def test_case_list_parameters_out_of_range_are_refused(people: dict[str, Any], query: str) -> None:
    _refused(api(people["clerk"]).get(f"/api/cases?{query}"))


@pytest.mark.parametrize("agency", [SUPERSCRIPT, BIGINT_PLUS_ONE, "abc"])
def test_staff_case_list_refuses_a_bad_agency(people: dict[str, Any], agency: str) -> None:
    response = client_for(people["clerk"]).get(f"/cases/?agency={agency}")
    assert response.status_code == 400, response.status_code
    body = response.content.decode()
    assert "参数" in body or "不是可选的值" in body


@pytest.mark.parametrize(
    "query", [f"agency_id={BIGINT_PLUS_ONE}", "agency_id=0", "year=abc", "status=nonsense"]
)
def test_report_list_filters_out_of_range_are_refused(people: dict[str, Any], query: str) -> None:
    _refused(api(people["clerk"]).get(f"/api/reports?{query}"))


@pytest.mark.parametrize("on", [5, True, None, [], {}])
def test_a_step_date_of_the_wrong_type_is_refused(
    people: dict[str, Any], case: Any, on: Any
) -> None:
    response = api(people["clerk"]).post(
        f"/api/cases/{case.pk}/steps/correction_notice",
        {"on": on, "items": ["请写明文件名称"], "correction_due": "2025-10-24"},
        content_type="application/json",
    )
    body = _refused(response)
    assert "on" in body["fields"], body
    assert case.events.count() == 1


@pytest.mark.parametrize("item", ["x" * 501, "", "   "])
def test_a_correction_item_outside_its_schema_is_refused(
    people: dict[str, Any], case: Any, item: str
) -> None:
    """The schema says 1–500 characters, not blank, for each item; the server holds to it
    (schemathesis found a 501-character item accepted)."""
    response = api(people["clerk"]).post(
        f"/api/cases/{case.pk}/steps/correction_notice",
        {"on": "2025-10-09", "items": [item], "correction_due": "2025-10-24"},
        content_type="application/json",
    )
    _refused(response)
    assert case.events.count() == 1


def test_payment_without_a_fee_notice_is_a_procedure_refusal(
    people: dict[str, Any], case: Any
) -> None:
    response = api(people["clerk"]).post(
        f"/api/cases/{case.pk}/steps/payment",
        {"on": "2025-10-09"},
        content_type="application/json",
    )
    body = _refused(response, 409)
    assert body["code"] and body["code"] != "INVALID"
    assert case.events.count() == 1


@pytest.mark.parametrize("submitted_at", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"])
def test_a_submission_time_at_the_edge_of_the_calendar_is_refused(
    people: dict[str, Any], submitted_at: str
) -> None:
    from gongkai.web.applications.models import Application

    response = api(people["clerk"]).post(
        "/api/cases", {**CASE, "submitted_at": submitted_at}, content_type="application/json"
    )
    body = _refused(response)
    assert "submitted_at" in body["fields"], body
    assert not Application.objects.exists()


def test_ending_a_consultation_that_is_not_open_is_a_procedure_refusal(
    people: dict[str, Any], case: Any
) -> None:
    response = api(people["clerk"]).post(
        f"/api/cases/{case.pk}/steps/end_consult",
        {"on": "2025-10-24", "ref": "C1", "answered": True},
        content_type="application/json",
    )
    assert _refused(response, 409)["rule"] == "CONSULTATION-NOT-OPEN"
