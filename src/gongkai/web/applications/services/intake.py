"""Registering applications: by staff (any channel) and from the public form (online)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.procedure.events import Register
from gongkai.procedure.receipt import Receipt, Submission, receipt_date
from gongkai.procedure.state import Phase
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications import selectors
from gongkai.web.applications.due_index import DueKind, NextDue
from gongkai.web.applications.due_refresh import case_fields
from gongkai.web.applications.models import Application
from gongkai.web.applications.services.record import append
from gongkai.web.applications.tracking import (
    hash_secret,
    is_current,
    new_secret,
    new_tracking_number,
)
from gongkai.web.bounds import check_dates
from gongkai.web.errors import Forbidden, InvalidInput

APPLICANT_KEYS = (
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "form_wanted",
    "delivery",
)


LABELS = {
    "submitted_at": "提交时间",
    "registered_on": "登记日期",
    "signed_on": "签收日期",
    "arrived_on": "信件到达日期",
    "confirmed_on": "确认日期",
}


@dataclass(frozen=True)
class Registered:
    application: Application
    secret: str  # shown once to the applicant, stored only as a hash


def _create(
    agency: Agency, fields: dict[str, Any], *, secret_hash: str | None = None
) -> tuple[Application, str]:
    secret = new_secret()
    year = timezone.localdate().year
    for _ in range(5):
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    agency=agency,
                    tracking_number=new_tracking_number(year),
                    secret_hash=secret_hash or hash_secret(secret),
                    phase=Phase.NEW.value,
                    **fields,
                )
                NextDue.objects.create(  # no reply period runs before it is registered
                    application=application,
                    kind=DueKind.NONE.value,
                    rest_day_rule=agency.receipt_on_rest_day,
                    **case_fields(application),
                )
            return application, secret
        except IntegrityError:  # a tracking number drawn twice: draw again
            continue
    raise InvalidInput("无法生成申请编号，请重试。")


def _summary(description: str) -> str:
    text = " ".join(description.split())
    return text if len(text) <= 60 else text[:59] + "…"


def receipt_of(submission: Submission) -> Receipt:
    """The legal receipt date, refusing what cannot have happened (a date after today, signed
    or confirmed before it was sent): one rule for staff registration and online confirmation."""
    return receipt_date(submission, today=timezone.localdate())


def register(
    actor: Actor,
    data: dict[str, Any],
    *,
    registered_on: date | None = None,
    secret_hash: str | None = None,
) -> Registered:
    """A clerk or approver registers an application received by any channel. The legal receipt
    date follows from the channel and its dates (art. 31)."""
    if not actor.handles_cases or actor.staff is None:
        raise Forbidden("只有经办人或审批人可以登记申请。")
    agency = actor.staff.agency
    # the dates of delivery (signed, arrived, confirmed) are the receipt rule's (receipt_of):
    # not after today, not before the application was sent, the same for online confirmation
    check_dates({"submitted_at": data["submitted_at"], "registered_on": registered_on}, LABELS)
    submitted_at: datetime = data["submitted_at"]
    submitted_on = (
        timezone.localdate(submitted_at) if timezone.is_aware(submitted_at) else submitted_at.date()
    )
    receipt = receipt_of(
        Submission(
            channel=data["channel"],
            submitted_on=submitted_on,
            signed_on=data.get("signed_on"),
            arrived_on=data.get("arrived_on"),
            confirmed_on=data.get("confirmed_on"),
        )
    )
    registered_on = registered_on or max(timezone.localdate(), receipt.received_on)
    fields = {k: data.get(k) or "" for k in APPLICANT_KEYS}
    fields.update(
        channel=data["channel"],
        submitted_at=submitted_at,
        signed_on=data.get("signed_on"),
        arrived_on=data.get("arrived_on"),
        confirmed_on=data.get("confirmed_on"),
    )
    with transaction.atomic():
        application, secret = _create(agency, fields, secret_hash=secret_hash)
        event = Register(
            on=registered_on,
            actor=actor.name,
            reason="；".join(receipt.warnings),
            received_on=receipt.received_on,
            channel=receipt.channel,
            applicant_type=application.applicant_type,
            submitted_on=submitted_on,
            summary=_summary(application.description),
        )
        append(application, event, actor=actor, extra={"receipt_basis": receipt.basis})
    return Registered(application, secret)


def submit_public(
    agency: Agency, data: dict[str, Any], *, now: datetime | None = None
) -> Registered:
    """An application from the public form. It is not received in law until the disclosure
    office confirms it with the applicant (art. 31 item 3): it waits as "未登记"."""
    now = now or timezone.now()
    fields = {k: data.get(k) or "" for k in APPLICANT_KEYS}
    fields.update(channel="online", submitted_at=now, from_public_form=True)
    with transaction.atomic():
        application, secret = _create(agency, fields)
    return Registered(application, secret)


def confirm_online(
    actor: Actor, case_id: int, *, confirmed_on: date, reason: str = ""
) -> Application:
    """The office confirmed an online application with the applicant: it is received that day."""
    with transaction.atomic():
        application = selectors.case_for_write(actor, case_id, lock=True)
        submitted_on = timezone.localdate(application.submitted_at)
        receipt = receipt_of(
            Submission(
                channel=application.channel,  # type: ignore[arg-type]
                submitted_on=submitted_on,
                confirmed_on=confirmed_on,
            )
        )
        application.confirmed_on = confirmed_on
        application.save(update_fields=["confirmed_on"])
        event = Register(
            on=confirmed_on,
            actor=actor.name,
            reason=reason,
            received_on=receipt.received_on,
            channel=receipt.channel,
            applicant_type=application.applicant_type,
            submitted_on=submitted_on,
            summary=_summary(application.description),
        )
        append(application, event, actor=actor, extra={"receipt_basis": receipt.basis})
    return application


def renew_secret_hash(application: Application, secret: str) -> None:
    """Replace a secret's hash made by an earlier version (Django's password hasher, about
    0.4 s a check) once the applicant has given the secret; a hash already current is left."""
    if is_current(application.secret_hash):
        return
    renewed = hash_secret(secret)
    Application.objects.filter(pk=application.pk, secret_hash=application.secret_hash).update(
        secret_hash=renewed
    )
    application.secret_hash = renewed
