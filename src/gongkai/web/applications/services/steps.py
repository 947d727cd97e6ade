"""One service per step of the procedure. Each builds the core event and records it through
:func:`gongkai.web.applications.services.record.record` (one transaction, one event)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.procedure import events as ev
from gongkai.procedure.fees import assess_fee
from gongkai.procedure.outcomes import OUTCOMES
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications.models import CaseEvent
from gongkai.web.applications.services.record import record


def send_correction_notice(actor: Actor, case_id: int, *, on: date, items: list[str],
                           correction_due: date, reason: str = "", correction_reason: str = "") -> CaseEvent:
    event = ev.SendCorrectionNotice(on=on, actor=actor.name, reason=reason,
                                    correction_due=correction_due, items=tuple(items))
    return record(actor, case_id, event,
                  correction_reason=correction_reason)


def receive_correction(actor: Actor, case_id: int, *, on: date, received_on: date | None = None,
                       reason: str = "", correction_reason: str = "") -> CaseEvent:
    event = ev.ReceiveCorrection(on=on, actor=actor.name, reason=reason,
                                 received_on=received_on or on)
    return record(actor, case_id, event,
                  correction_reason=correction_reason)


def correction_lapsed(actor: Actor, case_id: int, *, on: date, reason: str = "", correction_reason: str = "") -> CaseEvent:
    return record(actor, case_id, ev.CorrectionLapsed(on=on, actor=actor.name, reason=reason),
                  correction_reason=correction_reason)


def start_consultation(actor: Actor, case_id: int, *, on: date, consultation: str, party: str,
                       delivered_on: date | None = None, reason: str = "", correction_reason: str = "") -> CaseEvent:
    event = ev.StartConsultation(on=on, actor=actor.name, reason=reason,
                                 consultation=consultation,  # type: ignore[arg-type]
                                 party=party, delivered_on=delivered_on)
    return record(actor, case_id, event,
                  correction_reason=correction_reason)


def end_consultation(actor: Actor, case_id: int, *, on: date, ref: str = "",
                     answered: bool = True, reason: str = "", correction_reason: str = "") -> CaseEvent:
    event = ev.EndConsultation(on=on, actor=actor.name, reason=reason, ref=ref,
                               answered=answered)
    return record(actor, case_id, event,
                  correction_reason=correction_reason)


def approve_extension(actor: Actor, case_id: int, *, on: date, notified_on: date,
                      workdays: int, reason: str, correction_reason: str = "") -> CaseEvent:
    """Only the head of the disclosure office (an approver) approves, and the applicant is told
    (art. 33 para. 2); the approval is recorded with the approver's name."""
    event = ev.ApproveExtension(on=on, actor=actor.name, reason=reason, approver=actor.name,
                                notified_on=notified_on, workdays=workdays)
    return record(actor, case_id, event, approval=True,
                  correction_reason=correction_reason)


def issue_fee_notice(actor: Actor, case_id: int, *, on: date, method: str, quantity: int,
                     place_in_month: int = 1, delivered_on: date | None = None,
                     reason: str = "", correction_reason: str = "") -> CaseEvent:
    """The amount is computed by the fee rules, never typed in."""
    fee = assess_fee(method, quantity, place_in_month)  # type: ignore[arg-type]
    event = ev.IssueFeeNotice(on=on, actor=actor.name, reason=reason,
                              method=fee.method, amount=fee.total, delivered_on=delivered_on)
    extra = {"quantity": quantity, "place_in_month": place_in_month, "breakdown": fee.text,
             "basis": fee.basis}
    return record(actor, case_id, event, extra=extra,
                  correction_reason=correction_reason)


def receive_payment(actor: Actor, case_id: int, *, on: date, amount: Decimal,
                    reason: str = "", correction_reason: str = "") -> CaseEvent:
    event = ev.ReceivePayment(on=on, actor=actor.name, reason=reason, amount=Decimal(str(amount)))
    return record(actor, case_id, event,
                  correction_reason=correction_reason)


def fee_lapsed(actor: Actor, case_id: int, *, on: date, reason: str = "", correction_reason: str = "") -> CaseEvent:
    return record(actor, case_id, ev.FeeLapsed(on=on, actor=actor.name, reason=reason),
                  correction_reason=correction_reason)


def reply(actor: Actor, case_id: int, *, on: date, outcome: str,
          withheld_grounds: list[str] | None = None, reason: str = "", correction_reason: str = "") -> CaseEvent:
    """The reply closes the case with exactly one outcome and its legal basis; the head of the
    disclosure office signs it off."""
    basis = OUTCOMES[outcome].basis if outcome in OUTCOMES else ""
    grounds = tuple(withheld_grounds or ())
    if outcome == "partially_granted" and grounds:
        extra = "、".join(dict.fromkeys(a for g in grounds for a in OUTCOMES[g].articles))
        basis = f"{basis}；不予公开部分：《中华人民共和国政府信息公开条例》{extra}"
    event = ev.Reply(on=on, actor=actor.name, reason=reason, outcome=outcome,
                     legal_basis=basis, withheld_grounds=grounds)
    return record(actor, case_id, event, approval=True,
                  correction_reason=correction_reason)


def withdraw(actor: Actor, case_id: int, *, on: date, reason: str = "", correction_reason: str = "") -> CaseEvent:
    return record(actor, case_id, ev.Withdraw(on=on, actor=actor.name, reason=reason),
                  correction_reason=correction_reason)
