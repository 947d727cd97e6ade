"""The conclusion of a case: the reply and its content (条例 arts. 36 and 37) or the withdrawal."""

from __future__ import annotations

from gongkai.procedure.events import Event, Reply, Withdraw
from gongkai.procedure.law import REGULATION, REPLY
from gongkai.procedure.outcomes import OUTCOMES, WITHHELD_OUTCOMES
from gongkai.procedure.state import CaseState, Policy
from gongkai.procedure.steps.common import ART_30, Applied, close, current_due, error
from gongkai.procedure.text import cn_date
from gongkai.procedure.workdays import Calendar
from gongkai.report.spec import OUTCOME_KEYS


def reply(state: CaseState, e: Reply, calendar: Calendar, policy: Policy) -> Applied:
    if e.outcome not in OUTCOME_KEYS:
        raise error(
            state,
            e,
            "OUTCOME-UNKNOWN",
            f"未知的办理结果：{e.outcome}（须为年度报告表三的21种办理结果之一）",
        )
    outcome = OUTCOMES[e.outcome]
    if not outcome.by_reply:
        event = "逾期未补正" if e.outcome == "closed_no_correction" else "逾期未缴费"
        raise error(
            state, e, "OUTCOME-BY-LAPSE", f"“{outcome.label}”由“{event}”事件办结，不能作为答复"
        )
    corrected = state.correction is not None and state.correction.received_on is not None
    if e.outcome == "unavailable_unclear" and not corrected:
        raise error(
            state,
            e,
            "OUTCOME-UNCLEAR-NEEDS-CORRECTION",
            "“补正后申请内容仍不明确”须先一次性告知补正并收到补正后的申请",
            ART_30,
        )
    if not e.legal_basis.strip():
        raise error(state, e, "REPLY-BASIS", "答复须写明依据", f"{REGULATION}第三十六条")
    if e.withheld_grounds:
        if e.outcome != "partially_granted":
            raise error(
                state,
                e,
                "OUTCOME-EXCLUSIVE",
                "每件申请只有一个办理结果；只有“部分公开”可以列明不予公开部分的理由",
            )
        wrong = [g for g in e.withheld_grounds if g not in WITHHELD_OUTCOMES]
        if wrong:
            raise error(
                state,
                e,
                "PARTIAL-GROUNDS",
                f"不予公开部分的理由须为不予公开的八种情形之一，实为{'、'.join(wrong)}",
            )
    warnings = []
    due = current_due(state, calendar, policy, e.on)
    if e.on > due.due:
        warnings.append(f"逾期答复：答复期限已于{cn_date(due.due)}届满（{REPLY.article}）")
    new = close(state, e.outcome, e.legal_basis, e)
    return new, f"作出答复：{outcome.label}", warnings


def missing_content(event: Event) -> list[tuple[str, str, str, str]]:
    """What a reply must say and does not: (rule, message, article, field) for each gap."""
    if not isinstance(event, Reply) or event.outcome not in OUTCOMES:
        return []
    outcome = OUTCOMES[event.outcome]
    gaps = []
    if event.outcome == "partially_granted" and not event.withheld_grounds:
        gaps.append(
            (
                "PARTIAL-GROUNDS-MISSING",
                "部分公开的，须列明不予公开部分的理由属于条例第十四条至第十六条的哪一种情形",
                f"{REGULATION}第三十七条",
                "withheld_grounds",
            )
        )
    if outcome.reasons_required and not event.reason.strip():
        gaps.append(
            (
                "REPLY-REASONS",
                outcome.reasons_required,
                f"{REGULATION}{outcome.reasons_article}",
                "reason",
            )
        )
    return gaps


def withdraw(state: CaseState, e: Withdraw, calendar: Calendar, policy: Policy) -> Applied:
    basis = e.reason.strip() or "申请人撤回申请"
    new = close(state, "closed_other", basis, e)
    return new, "申请人撤回申请，终止办理", []
