"""The fee notice, the payment and the lapse of the payment period (信息处理费, 国办函〔2020〕109号)."""

from __future__ import annotations

from dataclasses import replace

from gongkai.procedure.events import FeeLapsed, IssueFeeNotice, ReceivePayment
from gongkai.procedure.fees import FEE_METHODS
from gongkai.procedure.law import FEE_MEASURES, FEE_PAYMENT
from gongkai.procedure.outcomes import OUTCOMES
from gongkai.procedure.state import CaseState, FeeNotice, Phase, Policy
from gongkai.procedure.steps.common import Applied, close, current_due, error
from gongkai.procedure.text import cn_date
from gongkai.procedure.workdays import Calendar, add_workdays


def issue_fee_notice(
    state: CaseState, e: IssueFeeNotice, calendar: Calendar, policy: Policy
) -> Applied:
    if state.fee is not None:
        raise error(state, e, "FEE-ONCE", "本申请已发出过收费通知", FEE_MEASURES)
    if e.method not in FEE_METHODS:
        raise error(state, e, "FEE-METHOD", f"未知的计收方式：{e.method}", FEE_MEASURES)
    if e.amount <= 0:
        raise error(state, e, "FEE-AMOUNT", "收费金额须大于零；不收费的无需发出收费通知")
    delivered = e.delivered_on or e.on
    if delivered < e.on:
        raise error(state, e, "FEE-DATE", "申请人收到收费通知之日早于发出之日")
    due = current_due(state, calendar, policy, e.on)
    if e.on > due.due:
        raise error(
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


def receive_payment(
    state: CaseState, e: ReceivePayment, calendar: Calendar, policy: Policy
) -> Applied:
    fee = state.fee
    assert fee is not None
    if e.on > fee.pay_due:
        raise error(
            state,
            e,
            "FEE-PAYMENT-LATE",
            f"缴费期限已于{cn_date(fee.pay_due)}届满，申请视为放弃；请记录逾期未缴费",
            FEE_MEASURES,
        )
    if e.amount != fee.amount:
        raise error(
            state,
            e,
            "FEE-AMOUNT-MISMATCH",
            f"收到的金额{e.amount}元与收费通知的金额{fee.amount}元不符",
        )
    new = replace(state, phase=Phase.IN_PROGRESS, fee=replace(fee, paid_on=e.on))
    return new, f"收到信息处理费{e.amount}元", []


def fee_lapsed(state: CaseState, e: FeeLapsed, calendar: Calendar, policy: Policy) -> Applied:
    fee = state.fee
    assert fee is not None
    if e.on <= fee.pay_due:
        raise error(
            state,
            e,
            "FEE-NOT-LAPSED",
            f"缴费期限至{cn_date(fee.pay_due)}，尚未届满",
            FEE_MEASURES,
        )
    outcome = OUTCOMES["closed_fee_unpaid"]
    new = close(state, outcome.code, outcome.basis, e)
    return new, "申请人逾期未缴纳信息处理费，视为放弃申请", []
