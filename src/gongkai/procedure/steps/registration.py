"""Registration and correction (补正): 条例 art. 30 — one notice listing everything, a period to
answer, the period of reply restarting from the corrected application."""

from __future__ import annotations

from dataclasses import replace

from gongkai.procedure.deadlines import correction_notice_deadline
from gongkai.procedure.events import (
    CorrectionLapsed,
    ReceiveCorrection,
    Register,
    SendCorrectionNotice,
)
from gongkai.procedure.law import CORRECTION_NOTICE
from gongkai.procedure.outcomes import OUTCOMES
from gongkai.procedure.receipt import CHANNEL_LABELS, CHANNELS
from gongkai.procedure.state import CaseState, Correction, Phase, Policy
from gongkai.procedure.steps.common import ART_30, Applied, close, error
from gongkai.procedure.text import cn_date
from gongkai.procedure.workdays import Calendar
from gongkai.report.spec import APPLICANT_TYPES


def register(state: CaseState, e: Register, calendar: Calendar, policy: Policy) -> Applied:
    if e.received_on > e.on:
        raise error(state, e, "REGISTER-DATE", "收到申请之日晚于登记之日")
    if e.applicant_type not in APPLICANT_TYPES:
        raise error(
            state,
            e,
            "REGISTER-APPLICANT",
            f"未知的申请人类型：{e.applicant_type}（应为{'、'.join(APPLICANT_TYPES)}之一）",
        )
    if e.channel not in CHANNELS:
        raise error(state, e, "REGISTER-CHANNEL", f"未知的提交渠道：{e.channel}")
    new = replace(
        state,
        phase=Phase.REGISTERED,
        received_on=e.received_on,
        channel=e.channel,
        applicant_type=e.applicant_type,
    )
    summary = (
        f"{cn_date(e.received_on)}收到申请（{CHANNEL_LABELS[e.channel]}），{cn_date(e.on)}登记"
    )
    return new, summary, []


def send_correction_notice(
    state: CaseState, e: SendCorrectionNotice, calendar: Calendar, policy: Policy
) -> Applied:
    if state.correction is not None:
        raise error(state, e, "CORRECTION-ONCE", "补正只能一次性告知，已告知过一次", ART_30)
    if state.extension is not None or state.fee is not None:
        raise error(
            state,
            e,
            "CORRECTION-TOO-LATE-IN-PROCEDURE",
            "已延长答复期限或已发出收费通知的申请，不能再要求补正",
            ART_30,
        )
    if not e.items or any(not item.strip() for item in e.items):
        raise error(
            state, e, "CORRECTION-ITEMS", "补正告知书须一次性列明需要补正的全部事项", ART_30
        )
    if e.correction_due <= e.on:
        raise error(state, e, "CORRECTION-PERIOD", "补正期限须晚于告知之日", ART_30)
    warnings = []
    limit = correction_notice_deadline(state, calendar, policy)
    assert limit is not None
    if e.on > limit.due:
        message = (
            f"补正告知应自收到申请之日起{CORRECTION_NOTICE.text}内发出，"
            f"即不迟于{cn_date(limit.due)}，实为{cn_date(e.on)}"
        )
        if policy.late_correction_notice == "forbid":
            raise error(state, e, "CORRECTION-NOTICE-LATE", message, ART_30)
        warnings.append(f"{message}（{ART_30}）")
    new = replace(
        state,
        phase=Phase.AWAITING_CORRECTION,
        correction=Correction(e.on, e.correction_due, tuple(e.items)),
    )
    summary = f"一次性告知补正{len(e.items)}项，补正期限至{cn_date(e.correction_due)}"
    return new, summary, warnings


def receive_correction(
    state: CaseState, e: ReceiveCorrection, calendar: Calendar, policy: Policy
) -> Applied:
    correction = state.correction
    assert correction is not None  # awaiting_correction
    if e.received_on < correction.noticed_on or e.received_on > e.on:
        raise error(
            state,
            e,
            "CORRECTION-DATE",
            "收到补正后的申请之日须不早于告知补正之日、不晚于记录之日",
        )
    warnings = []
    if e.received_on > correction.due:
        if not e.reason.strip():
            raise error(
                state,
                e,
                "CORRECTION-LATE",
                f"补正期限已于{cn_date(correction.due)}届满；逾期补正须记录申请人的正当理由",
                ART_30,
            )
        warnings.append(f"逾期补正，正当理由：{e.reason}")
    new = replace(
        state,
        phase=Phase.IN_PROGRESS,
        correction=replace(correction, received_on=e.received_on),
    )
    summary = f"{cn_date(e.received_on)}收到补正后的申请，答复期限重新计算"
    return new, summary, warnings


def correction_lapsed(
    state: CaseState, e: CorrectionLapsed, calendar: Calendar, policy: Policy
) -> Applied:
    correction = state.correction
    assert correction is not None
    if e.on <= correction.due:
        raise error(
            state,
            e,
            "CORRECTION-NOT-LAPSED",
            f"补正期限至{cn_date(correction.due)}，尚未届满",
            ART_30,
        )
    outcome = OUTCOMES["closed_no_correction"]
    new = close(state, outcome.code, outcome.basis, e)
    return new, "申请人无正当理由逾期不补正，视为放弃申请", []
