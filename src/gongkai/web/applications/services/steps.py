"""One service per step of the procedure. Each builds the core event and records it through
:func:`gongkai.web.applications.services.record.record` (one transaction, one event)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gongkai.procedure import events as ev
from gongkai.procedure.errors import FeeError
from gongkai.procedure.fees import assess_fee
from gongkai.procedure.outcomes import OUTCOMES
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications import selectors
from gongkai.web.applications.models import CaseEvent, CaseFile
from gongkai.web.applications.services import files
from gongkai.web.applications.services.record import record


def send_correction_notice(
    actor: Actor,
    case_id: int,
    *,
    on: date,
    items: list[str],
    correction_due: date,
    reason: str = "",
    correction_reason: str = "",
) -> CaseEvent:
    event = ev.SendCorrectionNotice(
        on=on, actor=actor.name, reason=reason, correction_due=correction_due, items=tuple(items)
    )
    return record(actor, case_id, event, correction_reason=correction_reason)


def receive_correction(
    actor: Actor,
    case_id: int,
    *,
    on: date,
    received_on: date | None = None,
    reason: str = "",
    correction_reason: str = "",
) -> CaseEvent:
    event = ev.ReceiveCorrection(
        on=on, actor=actor.name, reason=reason, received_on=received_on or on
    )
    return record(actor, case_id, event, correction_reason=correction_reason)


def correction_lapsed(
    actor: Actor, case_id: int, *, on: date, reason: str = "", correction_reason: str = ""
) -> CaseEvent:
    return record(
        actor,
        case_id,
        ev.CorrectionLapsed(on=on, actor=actor.name, reason=reason),
        correction_reason=correction_reason,
    )


def start_consultation(
    actor: Actor,
    case_id: int,
    *,
    on: date,
    consultation: str,
    party: str,
    delivered_on: date | None = None,
    reason: str = "",
    correction_reason: str = "",
) -> CaseEvent:
    event = ev.StartConsultation(
        on=on,
        actor=actor.name,
        reason=reason,
        consultation=consultation,  # type: ignore[arg-type]
        party=party,
        delivered_on=delivered_on,
    )
    return record(actor, case_id, event, correction_reason=correction_reason)


def end_consultation(
    actor: Actor,
    case_id: int,
    *,
    on: date,
    ref: str = "",
    answered: bool = True,
    reason: str = "",
    correction_reason: str = "",
) -> CaseEvent:
    event = ev.EndConsultation(on=on, actor=actor.name, reason=reason, ref=ref, answered=answered)
    return record(actor, case_id, event, correction_reason=correction_reason)


def extension_event(
    actor: Actor, *, on: date, notified_on: date, workdays: int, reason: str
) -> ev.ApproveExtension:
    return ev.ApproveExtension(
        on=on,
        actor=actor.name,
        reason=reason,
        approver=actor.name,
        notified_on=notified_on,
        workdays=workdays,
    )


def approve_extension(
    actor: Actor,
    case_id: int,
    *,
    on: date,
    notified_on: date,
    workdays: int,
    reason: str,
    correction_reason: str = "",
    extra: dict[str, Any] | None = None,
) -> CaseEvent:
    """Only the head of the disclosure office (an approver) approves, and the applicant is told
    (art. 33 para. 2); the approval is recorded with the approver's name."""
    event = extension_event(actor, on=on, notified_on=notified_on, workdays=workdays, reason=reason)
    return record(
        actor, case_id, event, approval=True, extra=extra, correction_reason=correction_reason
    )


def issue_fee_notice(
    actor: Actor,
    case_id: int,
    *,
    on: date,
    method: str,
    quantity: int,
    place_in_month: int = 1,
    delivered_on: date | None = None,
    reason: str = "",
    correction_reason: str = "",
) -> CaseEvent:
    """The amount is computed by the fee rules, never typed in."""
    fee = assess_fee(method, quantity, place_in_month)  # type: ignore[arg-type]
    event = ev.IssueFeeNotice(
        on=on,
        actor=actor.name,
        reason=reason,
        method=fee.method,
        amount=fee.total,
        delivered_on=delivered_on,
    )
    extra = {
        "quantity": quantity,
        "place_in_month": place_in_month,
        "breakdown": fee.text,
        "basis": fee.basis,
    }
    return record(actor, case_id, event, extra=extra, correction_reason=correction_reason)


def receive_payment(
    actor: Actor,
    case_id: int,
    *,
    on: date,
    amount: Decimal | None,
    reason: str = "",
    correction_reason: str = "",
) -> CaseEvent:
    if amount is None:  # no fee notice: nothing is due, and no amount may be made up
        raise FeeError(
            "本申请没有发出收费通知，不能登记收到信息处理费。", rule="PAYMENT-WITHOUT-FEE-NOTICE"
        )
    event = ev.ReceivePayment(on=on, actor=actor.name, reason=reason, amount=Decimal(str(amount)))
    return record(actor, case_id, event, correction_reason=correction_reason)


def fee_lapsed(
    actor: Actor, case_id: int, *, on: date, reason: str = "", correction_reason: str = ""
) -> CaseEvent:
    return record(
        actor,
        case_id,
        ev.FeeLapsed(on=on, actor=actor.name, reason=reason),
        correction_reason=correction_reason,
    )


def reply_event(
    actor: Actor,
    *,
    on: date,
    outcome: str,
    withheld_grounds: list[str] | None = None,
    reason: str = "",
) -> ev.Reply:
    grounds = tuple(withheld_grounds or ())
    basis = reply_basis(outcome, grounds)
    return ev.Reply(
        on=on,
        actor=actor.name,
        reason=reason,
        outcome=outcome,
        legal_basis=basis,
        withheld_grounds=grounds,
    )


def reply_basis(outcome: str, withheld_grounds: tuple[str, ...]) -> str:
    """The legal basis of a reply: the outcome's, and for a part withheld the articles of its
    grounds."""
    basis = OUTCOMES[outcome].basis if outcome in OUTCOMES else ""
    if outcome == "partially_granted" and withheld_grounds:
        known = [g for g in withheld_grounds if g in OUTCOMES]
        extra = "、".join(dict.fromkeys(a for g in known for a in OUTCOMES[g].articles))
        basis = f"{basis}；不予公开部分：《中华人民共和国政府信息公开条例》{extra}"
    return basis


def reply(
    actor: Actor,
    case_id: int,
    *,
    on: date,
    outcome: str,
    withheld_grounds: list[str] | None = None,
    reason: str = "",
    correction_reason: str = "",
    attachments: Sequence[CaseFile] = (),
    extra: dict[str, Any] | None = None,
) -> CaseEvent:
    """The reply closes the case with exactly one outcome and its legal basis; the head of the
    disclosure office signs it off. ``attachments``: the documents released with it, already
    stored (services.files); the event lists them and they are linked to it."""
    event = reply_event(
        actor, on=on, outcome=outcome, withheld_grounds=withheld_grounds, reason=reason
    )
    return _record_reply(actor, case_id, event, attachments, extra, correction_reason)


def _record_reply(
    actor: Actor,
    case_id: int,
    event: ev.Reply,
    attachments: Sequence[CaseFile],
    extra: dict[str, Any] | None,
    correction_reason: str,
) -> CaseEvent:
    extra = dict(extra or {})
    if attachments:
        extra["attachments"] = files.listing(attachments)
    with transaction.atomic():
        row = record(
            actor,
            case_id,
            event,
            approval=True,
            extra=extra or None,
            correction_reason=correction_reason,
        )
        CaseFile.objects.filter(pk__in=[f.pk for f in attachments]).update(event=row)
    return row


def reply_with_files(
    actor: Actor,
    case_id: int,
    *,
    uploads: Sequence[UploadedFile] = (),
    correction_reason: str = "",
    extra: dict[str, Any] | None = None,
    **kwargs: Any,
) -> CaseEvent:
    """A reply by the head of the office with the documents it releases, uploaded with it."""
    event = reply_event(actor, **kwargs)
    return take(
        actor, case_id, event, uploads=uploads, extra=extra, correction_reason=correction_reason
    )


def take(
    actor: Actor,
    case_id: int,
    event: ev.Event,
    *,
    extra: dict[str, Any] | None = None,
    uploads: Sequence[UploadedFile] = (),
    correction_reason: str = "",
) -> CaseEvent:
    """Record a step given as its core event (a step form's ``to_event``). The extension and
    the reply are the head of the disclosure office's to approve; a reply stores the documents
    it releases (``uploads``) with it, and a refused reply keeps no file."""
    if not isinstance(event, ev.Reply):
        approval = isinstance(event, ev.ApproveExtension)
        return record(
            actor,
            case_id,
            event,
            approval=approval,
            extra=extra,
            correction_reason=correction_reason,
        )
    files.check_uploads(uploads)
    saved: list[CaseFile] = []
    try:
        with transaction.atomic():
            application = selectors.case_for_write(actor, case_id, approval=True, lock=True)
            saved = files.save_uploads(application, uploads, actor)
            return _record_reply(actor, case_id, event, saved, extra, correction_reason)
    except BaseException:
        files.discard(saved)
        raise


def withdraw(
    actor: Actor, case_id: int, *, on: date, reason: str = "", correction_reason: str = ""
) -> CaseEvent:
    return record(
        actor,
        case_id,
        ev.Withdraw(on=on, actor=actor.name, reason=reason),
        correction_reason=correction_reason,
    )
