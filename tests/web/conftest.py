"""Fixtures for the web application's tests: an agency tree, staff of every role, cases.

Runs on SQLite by default and on PostgreSQL when DATABASE_URL points at one (scripts/test runs
both). Dates are fixed (2025–2026, the official calendar of docs/law.md#calendar) so due dates are exact.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import django
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
django.setup()  # pytest-django reads the settings lazily; the test modules import models

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.GONGKAI_SECRET_HASH_ITERATIONS = 1


@pytest.fixture
def tree(db: Any) -> dict[str, Any]:
    from gongkai.web.agencies.services import create_agency

    gov = create_agency(name="临淄区人民政府", kind="government")
    office = create_agency(name="临淄区人民政府办公室", kind="office", parent=gov)
    civil = create_agency(
        name="临淄区民政局",
        kind="department",
        parent=gov,
        phone="0533-7220364",
        address="临淄区齐兴路101号",
        review_body="临淄区人民政府",
    )
    town = create_agency(
        name="临淄区齐都镇人民政府", kind="town", parent=gov, review_body="临淄区人民政府"
    )
    tez_gov = create_agency(name="台儿庄区人民政府", kind="government")
    tez = create_agency(
        name="台儿庄区民政局", kind="department", parent=tez_gov, review_body="台儿庄区人民政府"
    )
    return {
        "gov": gov,
        "office": office,
        "civil": civil,
        "town": town,
        "tez_gov": tez_gov,
        "tez": tez,
    }


@pytest.fixture
def people(tree: dict[str, Any]) -> dict[str, Any]:
    """Actors by name: clerk/approver of 民政局, a clerk of 台儿庄, supervisors, an admin."""
    from gongkai.web.agencies.selectors import actor_for
    from gongkai.web.agencies.services import create_staff

    spec = {
        "clerk": ("civil", "clerk", "张敏"),
        "approver": ("civil", "approver", "王建国"),
        "town_clerk": ("town", "clerk", "陈静"),
        "tez_clerk": ("tez", "clerk", "杨丽"),
        "supervisor": ("gov", "supervisor", "李红梅"),
        "tez_supervisor": ("tez_gov", "supervisor", "吴海燕"),
        "admin": ("office", "administrator", "赵立新"),
    }
    result = {}
    for username, (agency, role, name) in spec.items():
        staff = create_staff(
            username=username,
            password="pw-" + username,
            agency=tree[agency],
            role=role,
            display_name=name,
        )
        result[username] = actor_for(staff.user)
    return result


def today_is(monkeypatch: Any, day: date) -> None:
    """The test's today: steps and receipt dates after today are refused, so a test that works
    on dates ahead of the real today sets its own."""
    from django.utils import timezone

    real = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, *a: real(value, *a) if value is not None else day
    )


def intake_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "channel": "in_person",
        "submitted_at": datetime(2025, 9, 30, 10, 0, tzinfo=TZ),
        "applicant_type": "natural_person",
        "applicant_name": "林国娟",
        "id_type": "居民身份证",
        "id_number": "370305198001010012",
        "phone": "13900000000",
        "description": "2024年度城乡居民最低生活保障资金发放情况",
        "form_wanted": "electronic",
        "delivery": "email",
    }
    data.update(overrides)
    return data


@pytest.fixture
def case(people: dict[str, Any]) -> Any:
    """A case of 民政局 received in person on 2025-09-30 (reply due 2025-11-04)."""
    from gongkai.web.applications.services import intake

    return intake.register(
        people["clerk"], intake_data(), registered_on=date(2025, 9, 30)
    ).application


@pytest.fixture
def make_case(people: dict[str, Any]) -> Any:
    from gongkai.web.applications.services import intake

    def make(received: date, actor: str = "clerk", **overrides: Any) -> Any:
        data = intake_data(
            submitted_at=datetime(received.year, received.month, received.day, 10, tzinfo=TZ),
            **overrides,
        )
        return intake.register(people[actor], data, registered_on=received).application

    return make
