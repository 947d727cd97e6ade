"""Each step form, valid, gives the core event it records (``to_event``): the typed event with
the date, who, why and the step's own data, as the services record it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.procedure import events as ev
from gongkai.procedure.errors import FeeError
from gongkai.procedure.fees import assess_fee
from gongkai.procedure.state import CaseState, FeeNotice, Phase
from gongkai.web.applications import actions
from gongkai.web.applications import forms as f

D = date
CLERK = "李华"


def valid(form_class: type[f.StepForm], data: dict[str, object], **kwargs: object) -> f.StepForm:
    form = form_class(data, **kwargs)
    assert form.is_valid(), form.errors
    return form


def test_correction_notice() -> None:
    form = valid(
        f.CorrectionNoticeForm,
        {
            "on": "2025-10-09",
            "items": "请写明文件名称\n\n 请写明年份 ",
            "correction_due": "2025-10-24",
        },
    )
    assert form.to_event(CLERK) == ev.SendCorrectionNotice(
        on=D(2025, 10, 9),
        actor=CLERK,
        reason="",
        correction_due=D(2025, 10, 24),
        items=("请写明文件名称", "请写明年份"),
    )


def test_receive_correction_is_received_that_day() -> None:
    form = valid(f.ReceiveCorrectionForm, {"on": "2025-10-20", "reason": "补正了文件名称"})
    assert form.to_event(CLERK) == ev.ReceiveCorrection(
        on=D(2025, 10, 20), actor=CLERK, reason="补正了文件名称", received_on=D(2025, 10, 20)
    )


@pytest.mark.parametrize(
    ("form_class", "event_class"),
    [
        (f.CorrectionLapsedForm, ev.CorrectionLapsed),
        (f.FeeLapsedForm, ev.FeeLapsed),
        (f.WithdrawForm, ev.Withdraw),
    ],
)
def test_dated_steps(form_class: type[f.StepForm], event_class: type[ev.BaseEvent]) -> None:
    form = valid(form_class, {"on": "2025-11-03", "reason": "说明"})
    event = form.to_event(CLERK)
    assert type(event) is event_class
    assert event == event_class(on=D(2025, 11, 3), actor=CLERK, reason="说明")


def test_consultation() -> None:
    form = valid(
        f.ConsultationForm,
        {"consultation": "third_party", "party": "张某", "on": "2025-10-10", "reason": "涉及隐私"},
    )
    assert form.to_event(CLERK) == ev.StartConsultation(
        on=D(2025, 10, 10),
        actor=CLERK,
        reason="涉及隐私",
        consultation="third_party",
        party="张某",
        delivered_on=None,
    )


def test_end_consultation_without_answer() -> None:
    form = valid(
        f.EndConsultationForm,
        {"ref": "1", "on": "2025-10-30", "answered": "0"},
        refs=[("1", "1：张某")],
    )
    assert form.to_event(CLERK) == ev.EndConsultation(
        on=D(2025, 10, 30), actor=CLERK, reason="", ref="1", answered=False
    )


def test_extension_is_approved_by_who_takes_it() -> None:
    form = valid(
        f.ExtensionForm,
        {"on": "2025-10-28", "notified_on": "2025-10-29", "workdays": "15", "reason": "需调档"},
    )
    assert form.to_event("王主任") == ev.ApproveExtension(
        on=D(2025, 10, 28),
        actor="王主任",
        reason="需调档",
        approver="王主任",
        notified_on=D(2025, 10, 29),
        workdays=15,
    )


def test_fee_notice_amount_is_computed_not_typed() -> None:
    form = valid(
        f.FeeNoticeForm,
        {"method": "per_page", "quantity": "150", "on": "2025-10-15", "place_in_month": ""},
    )
    fee = assess_fee("per_page", 150)
    assert fee.total > 0
    assert form.to_event(CLERK) == ev.IssueFeeNotice(
        on=D(2025, 10, 15), actor=CLERK, reason="", method="per_page", amount=fee.total
    )
    assert form.extra() == {
        "quantity": 150,
        "place_in_month": 1,
        "breakdown": fee.text,
        "basis": fee.basis,
    }


def test_payment_is_the_amount_noticed() -> None:
    form = valid(f.PaymentForm, {"on": "2025-10-25"})
    notice = FeeNotice(
        issued_on=D(2025, 10, 15),
        delivered_on=D(2025, 10, 16),
        method="per_page",
        amount=Decimal("30.00"),
        pay_due=D(2025, 11, 3),
    )
    state = CaseState(phase=Phase.AWAITING_FEE, fee=notice)
    assert form.to_event(CLERK, state) == ev.ReceivePayment(
        on=D(2025, 10, 25), actor=CLERK, reason="", amount=Decimal("30.00")
    )


def test_payment_without_fee_notice_is_refused() -> None:
    form = valid(f.PaymentForm, {"on": "2025-10-25"})
    with pytest.raises(FeeError, match="没有发出收费通知"):
        form.to_event(CLERK, CaseState())


def test_partial_reply_cites_the_grounds_withheld() -> None:
    upload = SimpleUploadedFile("汇总表.pdf", b"%PDF-1.4\n")
    form = valid(
        f.ReplyForm,
        {
            "outcome": "partially_granted",
            "withheld_grounds": ["withheld_third_party"],
            "on": "2025-10-20",
            "reason": "涉及个人隐私的部分不予公开",
        },
        files={"files": upload},
    )
    event = form.to_event("王主任")
    assert isinstance(event, ev.Reply)
    assert (event.on, event.actor, event.outcome) == (
        D(2025, 10, 20),
        "王主任",
        "partially_granted",
    )
    assert event.withheld_grounds == ("withheld_third_party",)
    assert "不予公开部分" in event.legal_basis and "第三十二条" in event.legal_basis


def test_every_step_but_confirming_has_a_step_form() -> None:
    """Confirming an online application registers it from the application (services.intake)."""
    without = [a.name for a in actions.ACTIONS if not issubclass(a.form, f.StepForm)]
    assert without == ["confirm"]
