"""Intake: the legal receipt date by channel (art. 31), the register event, public forms."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.services import intake
from gongkai.web.applications.tracking import secret_matches
from gongkai.web.errors import Forbidden
from tests.web.conftest import TZ, intake_data


def test_in_person_receipt_is_the_day_handed_in(case):
    assert case.received_on == date(2025, 9, 30)
    assert case.phase == "registered"
    event = case.events.get()
    assert (event.seq, event.kind, event.actor_name) == (1, "register", "张敏")
    assert event.data["received_on"] == "2025-09-30"
    assert "第三十一条" in event.data["extra"]["receipt_basis"]


def test_registered_post_is_received_when_signed_for(people):
    data = intake_data(
        channel="registered_post",
        signed_on=date(2025, 10, 9),
        submitted_at=datetime(2025, 9, 28, 9, tzinfo=TZ),
    )
    app = intake.register(people["clerk"], data, registered_on=date(2025, 10, 9)).application
    assert (app.received_on, app.channel) == (date(2025, 10, 9), "registered_post")
    assert app.submitted_at.date() == date(2025, 9, 28)  # what the applicant did, kept apart


def test_ordinary_letter_is_received_on_confirmation_and_warns_when_late(people):
    data = intake_data(
        channel="ordinary_post", arrived_on=date(2025, 10, 9), confirmed_on=date(2025, 10, 10)
    )
    app = intake.register(people["clerk"], data, registered_on=date(2025, 10, 10)).application
    assert app.received_on == date(2025, 10, 10)
    assert "当日确认" in app.events.get().reason


def test_unconfirmed_email_is_refused_and_nothing_is_written(people):
    from gongkai.procedure.errors import ReceiptError

    with pytest.raises(ReceiptError):
        intake.register(people["clerk"], intake_data(channel="email"))
    assert not Application.objects.exists() and not CaseEvent.objects.exists()


def test_supervisor_cannot_register(people):
    with pytest.raises(Forbidden):
        intake.register(people["supervisor"], intake_data())


def test_public_submission_waits_for_confirmation_then_registers(people, tree):
    done = intake.submit_public(
        tree["civil"], intake_data(), now=datetime(2025, 9, 29, 22, tzinfo=TZ)
    )
    app = done.application
    assert (app.phase, app.received_on, app.channel, app.from_public_form) == (
        "new",
        None,
        "online",
        True,
    )
    assert not app.events.exists()
    assert done.secret not in app.secret_hash and secret_matches(done.secret, app.secret_hash)
    assert not secret_matches("WRONG", app.secret_hash)
    intake.confirm_online(people["clerk"], app.pk, confirmed_on=date(2025, 9, 30))
    app.refresh_from_db()
    assert (app.phase, app.received_on, app.confirmed_on) == (
        "registered",
        date(2025, 9, 30),
        date(2025, 9, 30),
    )


def test_tracking_numbers_are_unique_and_readable(case, make_case):
    other = make_case(date(2025, 9, 30))
    assert case.tracking_number != other.tracking_number
    assert case.tracking_number.startswith("GK") and len(case.tracking_number) == 15


def test_staff_registration_refuses_a_receipt_date_in_the_future(people, settings):
    from django.utils import timezone

    from gongkai.procedure.errors import ReceiptError

    tomorrow = timezone.localdate() + timedelta(days=1)
    data = intake_data(channel="registered_post", signed_on=tomorrow)
    with pytest.raises(ReceiptError) as info:
        intake.register(people["clerk"], data)
    assert info.value.field == "signed_on" and "晚于今天" in info.value.message
    assert not Application.objects.exists()


def test_staff_registration_refuses_signed_before_sent(people):
    from gongkai.procedure.errors import ReceiptError

    data = intake_data(
        channel="registered_post",
        signed_on=date(2025, 9, 29),
        submitted_at=datetime(2025, 9, 30, 9, tzinfo=TZ),
    )
    with pytest.raises(ReceiptError) as info:
        intake.register(people["clerk"], data)
    assert info.value.field == "signed_on" and "早于提交之日" in info.value.message
    assert not Application.objects.exists()


def test_online_confirmation_follows_the_same_rule(people, tree):
    from django.utils import timezone

    from gongkai.procedure.errors import ReceiptError

    app = intake.submit_public(
        tree["civil"], intake_data(), now=datetime(2025, 9, 29, 22, tzinfo=TZ)
    ).application
    for day, words in (
        (timezone.localdate() + timedelta(days=1), "晚于今天"),
        (date(2025, 9, 28), "早于提交之日"),
    ):
        with pytest.raises(ReceiptError) as info:
            intake.confirm_online(people["clerk"], app.pk, confirmed_on=day)
        assert info.value.field == "confirmed_on" and words in info.value.message
    assert not app.events.exists()


def test_the_register_page_shows_the_date_refusal_beside_the_field(people):
    from django.utils import timezone

    from tests.web.test_permissions import client_for

    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(people["clerk"]).post(
        "/cases/new/",
        {
            "channel": "registered_post",
            "submitted_at": "2025-09-28T09:00",
            "signed_on": tomorrow,
            "applicant_type": "natural_person",
            "applicant_name": "林国娟",
            "phone": "13900000000",
            "description": "低保资金发放情况",
            "form_wanted": "electronic",
            "delivery": "email",
        },
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "晚于今天" in form.errors["signed_on"][0] and not form.non_field_errors()
    assert not Application.objects.exists()
