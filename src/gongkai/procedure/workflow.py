"""The statutory procedure as a pure transition function over an event log.

``transition(state, event, calendar)`` either returns the new state and the record to append to
the case's event log, or raises :class:`TransitionError` naming the rule broken (a stable code,
the article, a message in Chinese). It reads no clock, no settings and no database: the web
app's services load the events, call it, and store the record.

Which events a phase allows is data (:data:`gongkai.procedure.state.ALLOWED`); the guards below
check what depends on dates and on the case's history. :func:`gongkai.procedure.history.derive`
replays an event history into the current state and every deadline derived from it; "overdue"
is :func:`gongkai.procedure.deadlines.is_overdue`, computed on demand, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from gongkai.procedure.deadlines import (
    CONSULTATION_LABELS,
    correction_notice_deadline,
    reply_deadline,
)
from gongkai.procedure.errors import TransitionError
from gongkai.procedure.events import (
    ApproveExtension,
    CorrectionLapsed,
    EndConsultation,
    Event,
    FeeLapsed,
    IssueFeeNotice,
    ReceiveCorrection,
    ReceivePayment,
    Register,
    Reply,
    SendCorrectionNotice,
    StartConsultation,
    Withdraw,
)
from gongkai.procedure.fees import FEE_METHODS
from gongkai.procedure.law import (
    CONSULT_AGENCY,
    CONSULT_THIRD_PARTY,
    CORRECTION_NOTICE,
    EXTENSION_MAX,
    FEE_MEASURES,
    FEE_PAYMENT,
    REGULATION,
    REPLY,
)
from gongkai.procedure.outcomes import OUTCOMES, WITHHELD_OUTCOMES
from gongkai.procedure.receipt import CHANNEL_LABELS, CHANNELS
from gongkai.procedure.state import (
    ALLOWED,
    DEFAULT_POLICY,
    HINTS,
    PHASE_LABELS,
    CaseState,
    Consultation,
    Correction,
    ExtensionGrant,
    FeeNotice,
    Phase,
    Policy,
)
from gongkai.procedure.text import cn_date
from gongkai.procedure.workdays import Calendar, Deadline, add_workdays
from gongkai.report.spec import APPLICANT_TYPES, OUTCOME_KEYS

ART_30 = CORRECTION_NOTICE.article
ART_33_2 = EXTENSION_MAX.article


@dataclass(frozen=True)
class EventRecord:
    """One entry of the case's event log: the event (who, when, why, data) and what it did."""

    seq: int
    event: Event
    summary: str  # one line in Chinese
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Transition:
    state: CaseState
    record: EventRecord


Outcome = tuple[CaseState, str, list[str]]


def transition(
    state: CaseState,
    event: Event,
    calendar: Calendar,
    policy: Policy = DEFAULT_POLICY,
    *,
    history: bool = False,
) -> Transition:
    """Apply ``event`` to ``state``. Pure: same arguments, same answer; nothing is mutated.

    ``history=True`` replays an event already on record: a rule about what an event must say
    (a reply's grounds and reasons) that it was recorded without becomes a warning on its
    record, so a case closed before the rule stays readable; rules about dates and the order
    of the procedure hold for history too."""
    kind = event.kind
    if kind not in ALLOWED[state.phase]:
        raise _not_allowed(state, event)
    if state.last_event_on is not None and event.on < state.last_event_on:
        raise _error(
            state,
            event,
            "EVENT-DATE-ORDER",
            f"{event.label}的日期{cn_date(event.on)}早于上一事件的日期{cn_date(state.last_event_on)}",
        )
    new, summary, warnings = _apply(state, event, calendar, policy)
    for rule, message, article, field in _missing_content(event):
        if not history:
            raise _error(state, event, rule, message, article, field)
        warnings.append(f"{message}（{article}；此记录早于该项要求）")
    new = replace(new, last_event_on=event.on, event_count=state.event_count + 1)
    record = EventRecord(state.event_count + 1, event, summary, tuple(warnings))
    return Transition(new, record)


def _error(
    state: CaseState, event: Event, rule: str, message: str, article: str = "", field: str = ""
) -> TransitionError:
    return TransitionError(
        message, rule=rule, article=article, phase=state.phase.value, event=event.kind, field=field
    )


def _not_allowed(state: CaseState, event: Event) -> TransitionError:
    phase = PHASE_LABELS[state.phase]
    if state.phase == Phase.CLOSED:
        outcome = OUTCOMES[state.outcome].label if state.outcome else ""
        message = f"案件已办结（{outcome}），不能再{event.label}"
    else:
        message = f"案件处于“{phase}”状态，不能{event.label}"
        hint = HINTS.get((state.phase, event.kind))
        if hint:
            message += f"：{hint}"
    return _error(state, event, "EVENT-NOT-ALLOWED", message)


def _apply(state: CaseState, event: Event, calendar: Calendar, policy: Policy) -> Outcome:
    if isinstance(event, Register):
        return _register(state, event)
    if isinstance(event, SendCorrectionNotice):
        return _send_correction_notice(state, event, calendar, policy)
    if isinstance(event, ReceiveCorrection):
        return _receive_correction(state, event)
    if isinstance(event, CorrectionLapsed):
        return _correction_lapsed(state, event)
    if isinstance(event, StartConsultation):
        return _start_consultation(state, event, calendar, policy)
    if isinstance(event, EndConsultation):
        return _end_consultation(state, event)
    if isinstance(event, ApproveExtension):
        return _approve_extension(state, event, calendar, policy)
    if isinstance(event, IssueFeeNotice):
        return _issue_fee_notice(state, event, calendar, policy)
    if isinstance(event, ReceivePayment):
        return _receive_payment(state, event)
    if isinstance(event, FeeLapsed):
        return _fee_lapsed(state, event)
    if isinstance(event, Reply):
        return _reply(state, event, calendar, policy)
    return _withdraw(state, event)


def _close(state: CaseState, outcome: str, basis: str, event: Event) -> CaseState:
    return replace(
        state,
        phase=Phase.CLOSED,
        outcome=outcome,
        legal_basis=basis,
        closed_on=event.on,
        closed_by=event.kind,
    )


def _current_due(
    state: CaseState,
    calendar: Calendar,
    policy: Policy,
    on: date,
    *,
    with_extension: bool = True,
) -> Deadline:
    deadline = reply_deadline(state, calendar, policy, as_of=on, with_extension=with_extension)
    assert deadline is not None  # the phases that call this have a running period
    return deadline


# ---------------------------------------------------------------- registration and correction


def _register(state: CaseState, e: Register) -> Outcome:
    if e.received_on > e.on:
        raise _error(state, e, "REGISTER-DATE", "收到申请之日晚于登记之日")
    if e.applicant_type not in APPLICANT_TYPES:
        raise _error(
            state,
            e,
            "REGISTER-APPLICANT",
            f"未知的申请人类型：{e.applicant_type}（应为{'、'.join(APPLICANT_TYPES)}之一）",
        )
    if e.channel not in CHANNELS:
        raise _error(state, e, "REGISTER-CHANNEL", f"未知的提交渠道：{e.channel}")
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


def _send_correction_notice(
    state: CaseState, e: SendCorrectionNotice, calendar: Calendar, policy: Policy
) -> Outcome:
    if state.correction is not None:
        raise _error(state, e, "CORRECTION-ONCE", "补正只能一次性告知，已告知过一次", ART_30)
    if state.extension is not None or state.fee is not None:
        raise _error(
            state,
            e,
            "CORRECTION-TOO-LATE-IN-PROCEDURE",
            "已延长答复期限或已发出收费通知的申请，不能再要求补正",
            ART_30,
        )
    if not e.items or any(not item.strip() for item in e.items):
        raise _error(
            state, e, "CORRECTION-ITEMS", "补正告知书须一次性列明需要补正的全部事项", ART_30
        )
    if e.correction_due <= e.on:
        raise _error(state, e, "CORRECTION-PERIOD", "补正期限须晚于告知之日", ART_30)
    warnings = []
    limit = correction_notice_deadline(state, calendar, policy)
    assert limit is not None
    if e.on > limit.due:
        message = (
            f"补正告知应自收到申请之日起{CORRECTION_NOTICE.text}内发出，"
            f"即不迟于{cn_date(limit.due)}，实为{cn_date(e.on)}"
        )
        if policy.late_correction_notice == "forbid":
            raise _error(state, e, "CORRECTION-NOTICE-LATE", message, ART_30)
        warnings.append(f"{message}（{ART_30}）")
    new = replace(
        state,
        phase=Phase.AWAITING_CORRECTION,
        correction=Correction(e.on, e.correction_due, tuple(e.items)),
    )
    summary = f"一次性告知补正{len(e.items)}项，补正期限至{cn_date(e.correction_due)}"
    return new, summary, warnings


def _receive_correction(state: CaseState, e: ReceiveCorrection) -> Outcome:
    correction = state.correction
    assert correction is not None  # awaiting_correction
    if e.received_on < correction.noticed_on or e.received_on > e.on:
        raise _error(
            state,
            e,
            "CORRECTION-DATE",
            "收到补正后的申请之日须不早于告知补正之日、不晚于记录之日",
        )
    warnings = []
    if e.received_on > correction.due:
        if not e.reason.strip():
            raise _error(
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


def _correction_lapsed(state: CaseState, e: CorrectionLapsed) -> Outcome:
    correction = state.correction
    assert correction is not None
    if e.on <= correction.due:
        raise _error(
            state,
            e,
            "CORRECTION-NOT-LAPSED",
            f"补正期限至{cn_date(correction.due)}，尚未届满",
            ART_30,
        )
    outcome = OUTCOMES["closed_no_correction"]
    new = _close(state, outcome.code, outcome.basis, e)
    return new, "申请人无正当理由逾期不补正，视为放弃申请", []


# ---------------------------------------------------------------- consultations


def _start_consultation(
    state: CaseState, e: StartConsultation, calendar: Calendar, policy: Policy
) -> Outcome:
    if e.consultation not in CONSULTATION_LABELS:
        raise _error(state, e, "CONSULT-KIND", f"未知的征求意见类型：{e.consultation}")
    if not e.party.strip():
        raise _error(state, e, "CONSULT-PARTY", "须写明被征求意见的第三方或机关")
    delivered = e.delivered_on or e.on
    if delivered < e.on:
        raise _error(state, e, "CONSULT-DATE", "对方收到征求意见书之日早于发出之日")
    ref = e.ref or str(len(state.consultations) + 1)
    if any(c.ref == ref for c in state.consultations):
        raise _error(state, e, "CONSULT-REF", f"征求意见编号“{ref}”已被使用")
    period = CONSULT_THIRD_PARTY if e.consultation == "third_party" else CONSULT_AGENCY
    window = add_workdays(calendar, delivered, period.count, event="收到征求意见书").due
    warnings = []
    if state.phase != Phase.CONSULTING:
        due = _current_due(state, calendar, policy, e.on)
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


def _end_consultation(state: CaseState, e: EndConsultation) -> Outcome:
    open_ = state.open_consultations
    if e.ref:
        found = [c for c in state.consultations if c.ref == e.ref]
        if not found:
            raise _error(state, e, "CONSULT-REF", f"没有编号为“{e.ref}”的征求意见")
        if found[0].ended_on is not None:
            raise _error(state, e, "CONSULT-ENDED", f"编号为“{e.ref}”的征求意见已经结束")
        target = found[0]
    elif len(open_) == 1:
        target = open_[0]
    else:
        refs = "、".join(c.ref for c in open_)
        raise _error(state, e, "CONSULT-REF", f"有多项征求意见未结束（{refs}），请指明编号")
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


# ---------------------------------------------------------------- extension


def _approve_extension(
    state: CaseState, e: ApproveExtension, calendar: Calendar, policy: Policy
) -> Outcome:
    if state.extension is not None:
        raise _error(state, e, "EXTENSION-ONCE", "答复期限已经延长过一次，不能再次延长", ART_33_2)
    if not e.approver.strip():
        raise _error(
            state,
            e,
            "EXTENSION-APPROVAL",
            "延长答复期限须经政府信息公开工作机构负责人同意，请记录批准人",
            ART_33_2,
        )
    if e.notified_on < e.on:
        raise _error(
            state, e, "EXTENSION-NOTICE", "延长答复期限须告知申请人：告知之日早于批准之日", ART_33_2
        )
    if not 1 <= e.workdays <= EXTENSION_MAX.count:
        raise _error(
            state,
            e,
            "EXTENSION-LENGTH",
            f"延长的期限最长不得超过{EXTENSION_MAX.text}，实为{e.workdays}个工作日",
            ART_33_2,
        )
    due = _current_due(state, calendar, policy, e.notified_on, with_extension=False)
    if e.notified_on > due.due:
        raise _error(
            state,
            e,
            "EXTENSION-LATE",
            f"延长须在答复期限届满（{cn_date(due.due)}）前批准并告知申请人",
            ART_33_2,
        )
    grant = ExtensionGrant(e.on, e.approver, e.notified_on, e.workdays)
    phase = Phase.IN_PROGRESS if state.phase == Phase.REGISTERED else state.phase
    new = replace(state, phase=phase, extension=grant)
    summary = (
        f"经{e.approver}批准延长答复期限{e.workdays}个工作日，{cn_date(e.notified_on)}告知申请人"
    )
    return new, summary, []


# ---------------------------------------------------------------- fee


def _issue_fee_notice(
    state: CaseState, e: IssueFeeNotice, calendar: Calendar, policy: Policy
) -> Outcome:
    if state.fee is not None:
        raise _error(state, e, "FEE-ONCE", "本申请已发出过收费通知", FEE_MEASURES)
    if e.method not in FEE_METHODS:
        raise _error(state, e, "FEE-METHOD", f"未知的计收方式：{e.method}", FEE_MEASURES)
    if e.amount <= 0:
        raise _error(state, e, "FEE-AMOUNT", "收费金额须大于零；不收费的无需发出收费通知")
    delivered = e.delivered_on or e.on
    if delivered < e.on:
        raise _error(state, e, "FEE-DATE", "申请人收到收费通知之日早于发出之日")
    due = _current_due(state, calendar, policy, e.on)
    if e.on > due.due:
        raise _error(
            state,
            e,
            "FEE-NOTICE-LATE",
            f"收费通知应在答复期限内发出，答复期限已于{cn_date(due.due)}届满",
            FEE_MEASURES,
        )
    payment = add_workdays(calendar, delivered, FEE_PAYMENT.count, event="申请人收到收费通知").due
    fee = FeeNotice(e.on, delivered, e.method, e.amount, payment)
    new = replace(state, phase=Phase.AWAITING_FEE, fee=fee)
    summary = f"发出收费通知，金额{e.amount}元，缴费期限至{cn_date(payment)}"
    return new, summary, []


def _receive_payment(state: CaseState, e: ReceivePayment) -> Outcome:
    fee = state.fee
    assert fee is not None
    if e.on > fee.pay_due:
        raise _error(
            state,
            e,
            "FEE-PAYMENT-LATE",
            f"缴费期限已于{cn_date(fee.pay_due)}届满，申请视为放弃；请记录逾期未缴费",
            FEE_MEASURES,
        )
    if e.amount != fee.amount:
        raise _error(
            state,
            e,
            "FEE-AMOUNT-MISMATCH",
            f"收到的金额{e.amount}元与收费通知的金额{fee.amount}元不符",
        )
    new = replace(state, phase=Phase.IN_PROGRESS, fee=replace(fee, paid_on=e.on))
    return new, f"收到信息处理费{e.amount}元", []


def _fee_lapsed(state: CaseState, e: FeeLapsed) -> Outcome:
    fee = state.fee
    assert fee is not None
    if e.on <= fee.pay_due:
        raise _error(
            state,
            e,
            "FEE-NOT-LAPSED",
            f"缴费期限至{cn_date(fee.pay_due)}，尚未届满",
            FEE_MEASURES,
        )
    outcome = OUTCOMES["closed_fee_unpaid"]
    new = _close(state, outcome.code, outcome.basis, e)
    return new, "申请人逾期未缴纳信息处理费，视为放弃申请", []


# ---------------------------------------------------------------- conclusion


def _reply(state: CaseState, e: Reply, calendar: Calendar, policy: Policy) -> Outcome:
    if e.outcome not in OUTCOME_KEYS:
        raise _error(
            state,
            e,
            "OUTCOME-UNKNOWN",
            f"未知的办理结果：{e.outcome}（须为年度报告表三的21种办理结果之一）",
        )
    outcome = OUTCOMES[e.outcome]
    if not outcome.by_reply:
        event = "逾期未补正" if e.outcome == "closed_no_correction" else "逾期未缴费"
        raise _error(
            state, e, "OUTCOME-BY-LAPSE", f"“{outcome.label}”由“{event}”事件办结，不能作为答复"
        )
    corrected = state.correction is not None and state.correction.received_on is not None
    if e.outcome == "unavailable_unclear" and not corrected:
        raise _error(
            state,
            e,
            "OUTCOME-UNCLEAR-NEEDS-CORRECTION",
            "“补正后申请内容仍不明确”须先一次性告知补正并收到补正后的申请",
            ART_30,
        )
    if not e.legal_basis.strip():
        raise _error(state, e, "REPLY-BASIS", "答复须写明依据", f"{REGULATION}第三十六条")
    if e.withheld_grounds:
        if e.outcome != "partially_granted":
            raise _error(
                state,
                e,
                "OUTCOME-EXCLUSIVE",
                "每件申请只有一个办理结果；只有“部分公开”可以列明不予公开部分的理由",
            )
        wrong = [g for g in e.withheld_grounds if g not in WITHHELD_OUTCOMES]
        if wrong:
            raise _error(
                state,
                e,
                "PARTIAL-GROUNDS",
                f"不予公开部分的理由须为不予公开的八种情形之一，实为{'、'.join(wrong)}",
            )
    warnings = []
    due = _current_due(state, calendar, policy, e.on)
    if e.on > due.due:
        warnings.append(f"逾期答复：答复期限已于{cn_date(due.due)}届满（{REPLY.article}）")
    new = _close(state, e.outcome, e.legal_basis, e)
    return new, f"作出答复：{outcome.label}", warnings


def _missing_content(event: Event) -> list[tuple[str, str, str, str]]:
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


def _withdraw(state: CaseState, e: Withdraw) -> Outcome:
    basis = e.reason.strip() or "申请人撤回申请"
    new = _close(state, "closed_other", basis, e)
    return new, "申请人撤回申请，终止办理", []
