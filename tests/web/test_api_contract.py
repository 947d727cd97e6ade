"""The API's contract: one error shape for every refusal, 401 with its challenge, the role
checked before the body, and an OpenAPI description that names every status it answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.test_api import api
from tests.web.test_permissions import client_for

pytestmark = pytest.mark.django_db


def _shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.content)
    body = response.json()
    assert set(body) - {"rule"} == {"code", "message", "fields"}, body
    return body  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/api/cases"),
        ("post", "/api/cases"),
        ("get", "/api/reports"),
        ("post", "/api/cases/1/steps/withdraw"),
        ("get", "/api/openapi.json"),
    ],
)
@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic eDp5"])
def test_no_or_a_wrong_token_is_401_with_a_bearer_challenge(
    tree: Any, method: str, url: str, header: str | None
) -> None:
    client = Client(HTTP_AUTHORIZATION=header) if header else Client()
    response = (
        getattr(client, method)(url, {}, content_type="application/json")
        if method == "post"
        else client.get(url)
    )
    body = _shape(response, 401)
    assert body["code"] == "UNAUTHORIZED"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_session_without_csrf_is_403_in_the_same_shape(people: Any, case: Any) -> None:
    from django.contrib.auth import get_user_model

    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(pk=people["clerk"].user_id))
    body = _shape(
        client.post(
            f"/api/cases/{case.pk}/steps/withdraw",
            {"on": "2025-10-02"},
            content_type="application/json",
        ),
        403,
    )
    assert body["code"] == "CSRF"


@pytest.mark.parametrize(
    "url, body",
    [
        ("/api/cases", {"nonsense": 1}),
        ("/api/cases/{id}/steps/withdraw", {"on": 5}),
        ("/api/cases/{id}/steps/reply", {}),
    ],
)
def test_a_read_only_supervisor_is_refused_before_the_body(
    people: Any, case: Any, url: str, body: dict[str, Any]
) -> None:
    response = api(people["supervisor"]).post(
        url.format(id=case.pk), body, content_type="application/json"
    )
    assert _shape(response, 403)["code"] == "FORBIDDEN"


def test_a_clerk_is_refused_the_approvers_step_before_the_body(people: Any, case: Any) -> None:
    response = api(people["clerk"]).post(
        f"/api/cases/{case.pk}/steps/reply", {"x": 1}, content_type="application/json"
    )
    assert _shape(response, 403)["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    "url, body, field",
    [
        ("/api/cases", {"channel": "pigeon"}, "channel"),
        (
            "/api/cases/{id}/steps/consult",
            {"on": "2025-10-10", "consultation": "x", "party": "某"},
            "consultation",
        ),
        ("/api/cases/{id}/steps/withdraw", {"on": "2025-10-02", "unknown": 1}, "unknown"),
        (
            "/api/cases/{id}/steps/extend",
            {"on": "2025-10-02", "notified_on": "2025-10-02", "workdays": 21, "reason": "x"},
            "workdays",
        ),
    ],
)
def test_schema_errors_are_400_naming_the_field(
    people: Any, case: Any, url: str, body: dict[str, Any], field: str
) -> None:
    client = api(people["approver"])
    response = client.post(url.format(id=case.pk), body, content_type="application/json")
    assert field in _shape(response, 400)["fields"]


@pytest.mark.parametrize("url", ["/api/deadlines/later", "/api/cases/abc", "/api/reports/x"])
def test_path_parameters_of_the_wrong_kind_are_400(people: Any, url: str) -> None:
    assert _shape(api(people["clerk"]).get(url), 400)["code"] == "INVALID"


def test_every_operation_documents_its_refusals_in_the_error_shape(people: Any) -> None:
    schema = client_for(people["clerk"]).get("/api/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorOut"}
    operations = [
        (path, method, op) for path, item in schema["paths"].items() for method, op in item.items()
    ]
    # list, read, create, deadlines; steps; reports; supervision (regions, coverage, findings, scores)
    assert len(operations) == 4 + 12 + 2 + 4
    for path, method, op in operations:
        codes = {c for c in op["responses"] if not c.startswith("2")}
        expected = (
            {"400", "401", "403"}
            | ({"404"} if "_id}" in path else set())
            | ({"409"} if method == "post" else set())
        )
        assert expected <= codes, (path, method, codes)
        for code in codes:
            content = op["responses"][code]["content"]["application/json"]["schema"]
            assert content == error, (path, code, content)
    steps = {
        p.rsplit("/", 1)[1]: schema["paths"][p]["post"] for p in schema["paths"] if "/steps/" in p
    }
    assert steps["reply"]["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ReplyIn"
    )
    created = schema["paths"]["/api/cases"]["post"]["responses"]["201"]
    assert created["links"]["ReadCase"]["operationId"] == "read_case"
    case_in = schema["components"]["schemas"]["CaseIn"]
    assert case_in["properties"]["channel"]["enum"][0] == "in_person"
    assert len(case_in["anyOf"]) == 3  # a phone, an email or an address


@pytest.mark.parametrize(
    "body, field, words",
    [
        ({"on": "2025-10-02", "reason": "\x01"}, "reason", "控制字符"),
        ({"on": 5}, "on", "日期格式"),
        ({"on": "2025-10-02", "unknown": 1}, "unknown", "不是本接口的字段"),
        ({}, "on", "必须填写"),
    ],
)
def test_schema_refusals_are_said_in_chinese(
    people: Any, case: Any, body: dict[str, Any], field: str, words: str
) -> None:
    response = api(people["clerk"]).post(
        f"/api/cases/{case.pk}/steps/withdraw", body, content_type="application/json"
    )
    assert words in _shape(response, 400)["fields"][field]
