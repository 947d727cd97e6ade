"""The report endpoints of the API: the readable list, one report's canonical JSON and findings."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.test_api import api

pytestmark = pytest.mark.django_db


def test_list_and_read_reports(registers: dict[str, Any], people: dict[str, Any]) -> None:
    from gongkai.web.reports import services

    report = services.open_draft(people["clerk"], registers["agency"].pk, 2025)
    listed = api(people["supervisor"]).get("/api/reports").json()
    assert [(r["id"], r["agency"], r["year"], r["status"], r["origin"]) for r in listed] == [
        (report.pk, "临淄区民政局", 2025, "draft", "generated")
    ]
    # a fresh draft has no section 五 yet: the one error (PROBLEMS-THIN, empty)
    assert listed[0]["errors"] == 1 and listed[0]["warnings"] == len(report.findings) - 1
    assert api(people["supervisor"]).get("/api/reports?year=2024").json() == []
    assert api(people["tez_clerk"]).get("/api/reports").json() == []

    body = api(people["clerk"]).get(f"/api/reports/{report.pk}").json()
    assert body["document"] == report.document
    assert body["document"]["applications"]["partially_granted"]["business"] == 1
    assert {f["code"] for f in body["findings"]} == {f["code"] for f in report.findings}
    assert all({"code", "severity", "message"} <= set(f) for f in body["findings"])

    missing = api(people["tez_clerk"]).get(f"/api/reports/{report.pk}")
    assert missing.status_code == 404 and missing.json()["code"] == "NOT_FOUND"
    assert Client().get("/api/reports").status_code == 401
    assert Client().get("/api/openapi.json").status_code == 401
    paths = api(people["clerk"]).get("/api/openapi.json").json()["paths"]
    assert {"/api/reports", "/api/reports/{report_id}"} <= set(paths)
