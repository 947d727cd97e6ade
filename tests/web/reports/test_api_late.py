"""A late entry through the API: a step dated in a published year carries its 更正理由 as the
page does (it used to be dropped, so every late entry through the API was refused)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.web.reports.test_lifecycle import _publish
from tests.web.test_api import api

pytestmark = pytest.mark.django_db


def test_a_late_reply_through_the_api_needs_and_takes_a_reason(
    registers: dict[str, Any], people: dict[str, Any]
) -> None:
    from gongkai.web.reports.models import Correction

    report = _publish(people, registers["agency"], 2025, date(2026, 1, 20))
    case_d = registers["cases"]["D"]
    client = api(people["approver"])
    url = f"/api/cases/{case_d.pk}/steps/reply"
    data = {"on": "2025-12-30", "outcome": "granted"}
    refused = client.post(url, data, content_type="application/json")
    assert refused.status_code == 409 and refused.json()["code"] == "YEAR_LOCKED"
    assert "correction_reason" in refused.json()["fields"]
    answered = client.post(
        url,
        {**data, "correction_reason": "答复书已于12月30日送达，漏登记"},
        content_type="application/json",
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["outcome"] == "granted"
    report.refresh_from_db()
    assert report.status == "draft"
    assert Correction.objects.get().reason == "答复书已于12月30日送达，漏登记"
    bad = client.post(
        f"/api/cases/{registers['cases']['E'].pk}/steps/reply",
        {**data, "correction_reason": "理由\u0001"},
        content_type="application/json",
    )
    assert bad.status_code in (400, 409)
