"""The values a letter's ``{placeholders}`` are filled with, from the case and its events.

The review body (复议机关) is the agency's setting, never guessed: :func:`suggested_review_body`
only proposes one to the administrator. A date that rests on a provisional calendar year (no
调休 published yet) says so in the letter, since the letter is frozen once issued.
"""

from __future__ import annotations

from gongkai.procedure.events import (
    ApproveExtension,
    Event,
    IssueFeeNotice,
    ReceiveCorrection,
    Reply,
    SendCorrectionNotice,
    StartConsultation,
    event_from_data,
)
from gongkai.procedure.fees import METHOD_LABELS, PAYMENT_WORKDAYS
from gongkai.procedure.law import CONSULT_AGENCY, CONSULT_THIRD_PARTY
from gongkai.procedure.outcomes import OUTCOMES, remedies
from gongkai.procedure.text import cn_date, yuan
from gongkai.procedure.workdays import Deadline
from gongkai.web.agencies.models import Agency, AgencyKind
from gongkai.web.applications.casefile import Clock
from gongkai.web.applications.models import Application, CaseEvent

LAPSE_OUTCOMES = {
    "correction_lapsed": "closed_no_correction",
    "fee_lapsed": "closed_fee_unpaid",
    "withdraw": "closed_other",
}


PROVISIONAL_DATE = "（该日期按法定节假日暂定，以国务院办公厅公布的节假日安排为准）"


def suggested_review_body(agency: Agency) -> str:
    """A proposal for the administrator, not a value for letters (docs/law.md#remedies marks the rule
    as recalled): under the 行政复议法 of 2023 a department's review body is the people's
    government at its level (art. 24), a government's the government above; vertically managed
    departments differ (art. 27)."""
    parent = agency.parent
    if agency.kind == AgencyKind.GOVERNMENT:
        return parent.name if parent else "上一级人民政府（请写明其名称）"
    while parent is not None and parent.kind != AgencyKind.GOVERNMENT:
        parent = parent.parent
    return parent.name if parent else "本级人民政府"


def _history(events: list[Event]) -> str:
    parts = []
    for e in events:
        if isinstance(e, SendCorrectionNotice):
            parts.append(f"本机关于{cn_date(e.on)}向您发出补正告知书")
        elif isinstance(e, ReceiveCorrection):
            parts.append(f"于{cn_date(e.received_on)}收到您补正后的申请")
        elif isinstance(e, StartConsultation):
            parts.append(f"于{cn_date(e.on)}依法征求了意见（征求意见时间不计入答复期限）")
        elif isinstance(e, ApproveExtension):
            parts.append(f"于{cn_date(e.notified_on)}告知您延长答复期限{e.workdays}个工作日")
    return ("，".join(parts) + "。") if parts else ""


def _due(deadline: Deadline) -> str:
    return cn_date(deadline.due) + (PROVISIONAL_DATE if deadline.calendar_note else "")


def letter_context(
    application: Application, rows: list[CaseEvent], row: CaseEvent, clock: Clock
) -> dict[str, str]:
    agency = application.agency
    events = [event_from_data(r.data) for r in rows]
    event = event_from_data(row.data)
    extra = row.data.get("extra", {})
    received = application.received_on
    context = {
        "agency_name": agency.name,
        "office_name": agency.office_name or agency.name,
        "agency_address": agency.address or "（未填写）",
        "agency_phone": agency.phone or "（未填写）",
        "tracking_number": application.tracking_number,
        "applicant_name": application.applicant_name,
        "received_on": cn_date(received) if received else "（未确认）",
        "request_summary": " ".join(application.description.split()),
        "issued_on": cn_date(row.occurred_on),
        "reasons": event.reason or "",
        "review_body": agency.review_body,
        "history": _history(events[: row.seq - 1]),
        "reply_due": "",
        "due_explanation": "",
        "legal_basis": "",
        "remedies": "",
        "attachment_note": "（见附件）" if extra.get("attachments") else "",
    }
    if clock.reply is not None:
        context["reply_due"] = _due(clock.reply)
        context["due_explanation"] = clock.reply.explanation
    if isinstance(event, SendCorrectionNotice):
        context["correction_items"] = "\n".join(
            f"{i}. {item}" for i, item in enumerate(event.items, 1)
        )
        context["correction_due"] = cn_date(event.correction_due)
    elif isinstance(event, ApproveExtension):
        context.update(
            extension_reason=event.reason or "需要进一步检索、审查",
            extension_days=str(event.workdays),
            approver_name=event.approver,
        )
    elif isinstance(event, StartConsultation):
        period = CONSULT_THIRD_PARTY if event.consultation == "third_party" else CONSULT_AGENCY
        windows = [
            d
            for c, d in (clock.view.consultations if clock.view else ())
            if (c.sent_on, c.party) == (event.on, event.party)
        ]
        due = _due(windows[0]) if windows else f"收到本函之日起{period.text}"
        context.update(consultee=event.party, consultation_due=due)
    elif isinstance(event, IssueFeeNotice):
        context.update(
            fee_method=METHOD_LABELS[event.method],
            fee_breakdown=str(extra.get("breakdown", "")),
            fee_amount=yuan(event.amount),
            payment_due_rule=f"请您自收到本通知书之日的次日起{PAYMENT_WORKDAYS}个工作日内缴纳。",
            legal_basis=str(extra.get("basis", "")),
        )
    elif isinstance(event, Reply) or event.kind in LAPSE_OUTCOMES:
        outcome = event.outcome if isinstance(event, Reply) else LAPSE_OUTCOMES[event.kind]
        basis = event.legal_basis if isinstance(event, Reply) else OUTCOMES[outcome].basis
        if agency.review_body:  # without it the letter is not issued (letters.services)
            context["remedies"] = remedies(outcome, row.occurred_on, agency.review_body)
        context["legal_basis"] = basis
    return context


def fill(text: str, context: dict[str, str]) -> str:
    """Replace the known ``{name}`` placeholders; leave anything else exactly as typed."""

    class Keep(dict[str, str]):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    try:
        return text.format_map(Keep(context))
    except (ValueError, IndexError):  # a stray brace typed by an editor: fill by hand
        for key, value in context.items():
            text = text.replace("{" + key + "}", value)
        return text
