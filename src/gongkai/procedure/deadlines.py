"""Deadlines derived from a case's state: the reply period and its sub-deadlines, and whether a
case is overdue on a given day. Nothing here is stored; everything is computed when asked.

The reply period (art. 33 para. 2) runs from the receipt date, or restarts from the receipt of
the corrected application (art. 30). Consultation time is left out (art. 33 para. 3) from the
day the letter is sent to the day the answer arrives, at most to the end of the party's 15
working days (arts. 32, 34). An approved extension adds its working days after the ordinary
period. Under the default policy the fee payment window is left out too (docs/law.md#reply-period, open).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gongkai.procedure.law import (
    CONSULT_AGENCY,
    CONSULT_PAUSE_ARTICLE,
    CONSULT_THIRD_PARTY,
    CORRECTION_NOTICE,
    EXTENSION_MAX,
    FEE_PAYMENT,
    REPLY,
)
from gongkai.procedure.state import (
    DEFAULT_POLICY,
    CaseState,
    Consultation,
    FeeNotice,
    Phase,
    Policy,
)
from gongkai.procedure.text import cn_date, cn_date_wd
from gongkai.procedure.workdays import Calendar, Deadline, Extension, Pause, add_workdays

CONSULTATION_LABELS = {"third_party": "第三方", "agency": "其他机关"}
FEE_PAUSE_ARTICLE = "本机关规则：缴费期间不计入答复期限，参照国办函〔2020〕109号"


def _consultation_pause(c: Consultation, as_of: date | None) -> Pause:
    who = f"征求{CONSULTATION_LABELS[c.kind]}意见（{c.party}）"
    if c.ended_on is not None:
        if c.ended_on > c.window_due:
            note = f"，{cn_date(c.ended_on)}结束；意见期限已于{cn_date(c.window_due)}届满，其后不计入中止"
            return Pause(c.sent_on, c.window_due, who + note, CONSULT_PAUSE_ARTICLE)
        return Pause(c.sent_on, c.ended_on, who, CONSULT_PAUSE_ARTICLE)
    if as_of is not None:
        return Pause(c.sent_on, min(as_of, c.window_due), f"{who}，尚未结束", CONSULT_PAUSE_ARTICLE)
    note = f"，尚未结束，暂计至意见期限届满日{cn_date(c.window_due)}"
    return Pause(c.sent_on, c.window_due, who + note, CONSULT_PAUSE_ARTICLE)


def _fee_pause(fee: FeeNotice, as_of: date | None) -> Pause:
    who = "缴纳信息处理费（自发出收费通知至收到费用）"
    if fee.paid_on is not None:
        return Pause(fee.issued_on, fee.paid_on, who, FEE_PAUSE_ARTICLE)
    if as_of is not None:
        return Pause(fee.issued_on, min(as_of, fee.pay_due), f"{who}，尚未缴费", FEE_PAUSE_ARTICLE)
    note = f"，尚未缴费，暂计至缴费期限届满日{cn_date(fee.pay_due)}"
    return Pause(fee.issued_on, fee.pay_due, who + note, FEE_PAUSE_ARTICLE)


def reply_deadline(
    state: CaseState,
    calendar: Calendar,
    policy: Policy = DEFAULT_POLICY,
    *,
    as_of: date | None = None,
    with_extension: bool = True,
) -> Deadline | None:
    """The reply due date and how it was reached; None while the period does not run.

    ``as_of``: count what is still going on (a consultation, an unpaid fee) as lasting up to that
    day, as the overdue check does. Without it, it counts as lasting to its longest lawful end,
    and the deadline is marked provisional.
    """
    start = state.clock_start
    if start is None:
        return None
    if as_of is None and state.phase == Phase.CLOSED:
        as_of = state.closed_on
    pauses = [_consultation_pause(c, as_of) for c in state.consultations]
    fee = state.fee
    fee_open = False
    if fee is not None and policy.fee_window_excluded:
        pauses.append(_fee_pause(fee, as_of))
        fee_open = fee.paid_on is None and state.phase == Phase.AWAITING_FEE
    provisional = as_of is None and (bool(state.open_consultations) or fee_open)
    extension = None
    grant = state.extension
    if with_extension and grant is not None:
        told = (
            "并告知申请人"
            if grant.notified_on == grant.approved_on
            else f"，{cn_date(grant.notified_on)}告知申请人"
        )
        note = f"{cn_date(grant.approved_on)}经政府信息公开工作机构负责人{grant.approver}批准{told}"
        extension = Extension(grant.workdays, note, EXTENSION_MAX.article)
    correction = state.correction
    event = "收到申请" if correction is None else "收到补正后的申请"
    deadline = add_workdays(
        calendar,
        start,
        REPLY.count,
        event=event,
        pauses=pauses,
        extension=extension,
        rest_day_rule=policy.receipt_on_rest_day,
    )
    if correction is not None and state.received_on is not None:
        deadline = deadline.with_steps_before(
            f"{cn_date(state.received_on)}收到申请，{cn_date(correction.noticed_on)}一次性告知补正；"
            f"答复期限自收到补正后的申请之日起重新计算（{CORRECTION_NOTICE.article}）"
        )
    tail = f"答复期限届满日为{cn_date_wd(deadline.due)}（{REPLY.article}）"
    if provisional:
        tail += "；征求意见或缴费尚未结束，届满日为暂计，将随其实际结束日确定"
    deadline = deadline.with_steps_after(tail)
    if provisional:
        deadline = replace(deadline, provisional=True)
    return deadline


def is_overdue(
    state: CaseState, on: date, calendar: Calendar, policy: Policy = DEFAULT_POLICY
) -> bool:
    """Whether the case is past its reply deadline on ``on`` and still open. A case awaiting
    correction, consulting within the consultation period, awaiting a fee (when the fee window
    is excluded) or within its extension is not overdue."""
    if state.phase in (Phase.NEW, Phase.AWAITING_CORRECTION, Phase.CLOSED):
        return False
    deadline = reply_deadline(state, calendar, policy, as_of=on)
    return deadline is not None and on > deadline.due


def replied_late(
    state: CaseState, calendar: Calendar, policy: Policy = DEFAULT_POLICY
) -> bool | None:
    """For a case closed by a reply: whether the reply came after the deadline."""
    if state.closed_by != "reply" or state.closed_on is None:
        return None
    deadline = reply_deadline(state, calendar, policy, as_of=state.closed_on)
    return deadline is not None and state.closed_on > deadline.due


def correction_notice_deadline(
    state: CaseState, calendar: Calendar, policy: Policy = DEFAULT_POLICY
) -> Deadline | None:
    """The last day for the one correction notice: 7 working days from receipt (art. 30)."""
    if state.received_on is None:
        return None
    deadline = add_workdays(
        calendar,
        state.received_on,
        CORRECTION_NOTICE.count,
        rest_day_rule=policy.receipt_on_rest_day,
    )
    return deadline.with_steps_after(
        f"补正告知书最迟应于{cn_date_wd(deadline.due)}一次性发出（{CORRECTION_NOTICE.article}）"
    )


def consultation_deadline(consultation: Consultation, calendar: Calendar) -> Deadline:
    """The consulted party's 15 working days from receiving the letter (arts. 32, 34)."""
    period = CONSULT_THIRD_PARTY if consultation.kind == "third_party" else CONSULT_AGENCY
    deadline = add_workdays(
        calendar,
        consultation.delivered_on,
        period.count,
        event=f"{consultation.party}收到征求意见书",
    )
    return deadline.with_steps_after(
        f"{period.label}届满日为{cn_date_wd(deadline.due)}（{period.article}）"
    )


def fee_payment_deadline(fee: FeeNotice, calendar: Calendar) -> Deadline:
    """20 working days from the day after the applicant received the fee notice."""
    deadline = add_workdays(
        calendar, fee.delivered_on, FEE_PAYMENT.count, event="申请人收到收费通知"
    )
    return deadline.with_steps_after(f"逾期未缴纳的，视为放弃申请（{FEE_PAYMENT.article}）")
