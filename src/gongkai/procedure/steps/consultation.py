"""Consultations (征求意见) of a third party or another agency: 条例 arts. 32 and 34; the time
they take is not counted in the period of reply."""

from __future__ import annotations

from dataclasses import replace

from gongkai.procedure.deadlines import CONSULTATION_LABELS
from gongkai.procedure.events import EndConsultation, StartConsultation
from gongkai.procedure.law import CONSULT_AGENCY, CONSULT_THIRD_PARTY
from gongkai.procedure.state import CaseState, Consultation, Phase, Policy
from gongkai.procedure.steps.common import Applied, current_due, error
from gongkai.procedure.text import cn_date
from gongkai.procedure.workdays import Calendar, add_workdays


def start_consultation(
    state: CaseState, e: StartConsultation, calendar: Calendar, policy: Policy
) -> Applied:
    if e.consultation not in CONSULTATION_LABELS:
        raise error(state, e, "CONSULT-KIND", f"未知的征求意见类型：{e.consultation}")
    if not e.party.strip():
        raise error(state, e, "CONSULT-PARTY", "须写明被征求意见的第三方或机关")
    delivered = e.delivered_on or e.on
    if delivered < e.on:
        raise error(state, e, "CONSULT-DATE", "对方收到征求意见书之日早于发出之日")
    ref = e.ref or str(len(state.consultations) + 1)
    if any(c.ref == ref for c in state.consultations):
        raise error(state, e, "CONSULT-REF", f"征求意见编号“{ref}”已被使用")
    period = CONSULT_THIRD_PARTY if e.consultation == "third_party" else CONSULT_AGENCY
    window = add_workdays(calendar, delivered, period.count, event="收到征求意见书").due
    warnings = []
    if state.phase != Phase.CONSULTING:
        due = current_due(state, calendar, policy, e.on)
        if e.on > due.due:
            warnings.append(
                f"答复期限已于{cn_date(due.due)}届满，此后征求意见不能使已届满的期限中止"
            )
    consultation = Consultation(ref, e.consultation, e.party, e.on, delivered, window)
    new = replace(state, phase=Phase.CONSULTING, consultations=(*state.consultations, consultation))
    who = CONSULTATION_LABELS[e.consultation]
    summary = (
        f"征求{who}意见（{e.party}，编号{ref}），意见期限至{cn_date(window)}（{period.article}）"
    )
    return new, summary, warnings


def end_consultation(
    state: CaseState, e: EndConsultation, calendar: Calendar, policy: Policy
) -> Applied:
    open_ = state.open_consultations
    if e.ref:
        found = [c for c in state.consultations if c.ref == e.ref]
        if not found:
            raise error(state, e, "CONSULT-REF", f"没有编号为“{e.ref}”的征求意见")
        if found[0].ended_on is not None:
            raise error(state, e, "CONSULT-ENDED", f"编号为“{e.ref}”的征求意见已经结束")
        target = found[0]
    elif len(open_) == 1:
        target = open_[0]
    else:
        refs = "、".join(c.ref for c in open_)
        raise error(state, e, "CONSULT-REF", f"有多项征求意见未结束（{refs}），请指明编号")
    warnings = []
    period = CONSULT_THIRD_PARTY if target.kind == "third_party" else CONSULT_AGENCY
    if e.on > target.window_due:
        warnings.append(
            f"意见期限已于{cn_date(target.window_due)}届满，其后的时间不计入中止（{period.article}）"
        )
    if not e.answered:
        if target.kind == "agency":
            warnings.append(
                f"被征求意见机关逾期未提出意见，视为同意公开（{CONSULT_AGENCY.article}）"
            )
        else:
            warnings.append(
                f"第三方逾期未提出意见，由本机关依照条例决定（{CONSULT_THIRD_PARTY.article}）"
            )
    ended = replace(target, ended_on=e.on, answered=e.answered)
    consultations = tuple(ended if c.ref == target.ref else c for c in state.consultations)
    still_open = any(c.ended_on is None for c in consultations)
    phase = Phase.CONSULTING if still_open else Phase.IN_PROGRESS
    new = replace(state, phase=phase, consultations=consultations)
    summary = f"征求意见（{target.party}，编号{target.ref}）结束" + (
        "" if e.answered else "，未答复"
    )
    return new, summary, warnings
