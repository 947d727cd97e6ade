"""The steps a person can take on a case page or through the API: a form for the input, a
service for the write. Which ones are offered follows the core
(``gongkai.procedure.state.available_events``) and the actor's role; the service checks again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from gongkai.procedure import law
from gongkai.procedure.state import ALLOWED, CaseState, Phase, available_events
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications import forms as f
from gongkai.web.applications.services import intake, steps


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    event: str  # the core event kind it records
    form: type[forms.Form]  # a StepForm (its to_event), but for confirming an online application
    approval: bool = False  # only the head of the disclosure office; others draft it (呈批)
    help: str = ""
    draft_label: str = ""  # the button for a clerk, who submits it for approval


def _cite(article: str) -> str:
    """An article as the pages cite it: 条例第三十条 for the Regulation's."""
    return article.replace(law.REGULATION, "条例")


ACTIONS: tuple[Action, ...] = (
    Action(
        "confirm",
        "确认收到",
        "register",
        f.DatedReasonForm,
        help="网上提交的申请，与申请人确认之日为收到申请之日（条例第三十一条第（三）项）。",
    ),
    Action(
        "correction_notice",
        "告知补正",
        "send_correction_notice",
        f.CorrectionNoticeForm,
        help=f"申请内容不明确的，自收到申请之日起{law.CORRECTION_NOTICE.text}内一次性告知补正"
        f"（{_cite(law.CORRECTION_NOTICE.article)}）。",
    ),
    Action(
        "receive_correction",
        "收到补正",
        "receive_correction",
        f.ReceiveCorrectionForm,
        help="答复期限自收到补正后的申请之日起重新计算。",
    ),
    Action(
        "correction_lapsed",
        "逾期未补正",
        "correction_lapsed",
        f.CorrectionLapsedForm,
        help="无正当理由逾期不补正的，视为放弃申请，不再处理。",
    ),
    Action(
        "consult",
        "征求意见",
        "start_consultation",
        f.ConsultationForm,
        help=f"征求第三方或其他机关意见所需时间不计入答复期限（{_cite(law.CONSULT_PAUSE_ARTICLE)}）。",
    ),
    Action("end_consult", "征求意见结束", "end_consultation", f.EndConsultationForm),
    Action(
        "extend",
        "批准延期",
        "approve_extension",
        f.ExtensionForm,
        approval=True,
        draft_label="拟延期（呈批）",
        help=f"经政府信息公开工作机构负责人同意并告知申请人，延长不超过{law.EXTENSION_MAX.text}"
        f"（{_cite(law.EXTENSION_MAX.article)}）。",
    ),
    Action(
        "fee",
        "收费通知",
        "issue_fee_notice",
        f.FeeNoticeForm,
        help=f"金额按《政府信息公开信息处理费管理办法》计算；申请人自收到次日起{law.FEE_PAYMENT.text}内缴纳。",
    ),
    Action("payment", "收到费用", "receive_payment", f.PaymentForm),
    Action("fee_lapsed", "逾期未缴费", "fee_lapsed", f.FeeLapsedForm),
    Action(
        "reply",
        "作出答复",
        "reply",
        f.ReplyForm,
        approval=True,
        draft_label="拟答复（呈批）",
        help="每件申请只有一个办理结果；部分公开的，只计部分公开。",
    ),
    Action("withdraw", "申请人撤回", "withdraw", f.WithdrawForm),
)
BY_NAME = {a.name: a for a in ACTIONS}


def take(actor: Actor, case_id: int, form: forms.Form, state: CaseState | None) -> object:
    """Record a step from its valid form: ``event = form.to_event(…)``, then the service.
    Confirming an online application registers it, from the application (services.intake)."""
    data = form.cleaned_data
    if not isinstance(form, f.StepForm):
        return intake.confirm_online(actor, case_id, confirmed_on=data["on"], reason=data["reason"])
    event = form.to_event(actor.name, state)
    return steps.take(
        actor,
        case_id,
        event,
        extra=form.extra(),
        uploads=data.get("files") or [],
        # a step dated in a year whose annual report is published (reports.lock)
        correction_reason=str(data.get("correction_reason") or ""),
    )


def drafts(actor: Actor, action: Action) -> bool:
    """Whether ``actor`` drafts this step for approval rather than taking it."""
    return action.approval and not actor.approves


def offered(
    actor: Actor,
    state: CaseState | None,
    phase: str,
    writable: bool,
    waiting: frozenset[str] = frozenset(),
) -> list[Action]:
    """The steps to show: allowed in the phase by the core, and allowed to this actor (a clerk
    drafts the approver's steps). ``waiting``: steps with a draft waiting for approval, shown
    as the draft instead."""
    if not writable:
        return []
    available = available_events(state) if state is not None else ALLOWED[Phase(phase)]
    return [a for a in ACTIONS if a.event in available and a.name not in waiting]


def form_for(
    action: Action,
    state: CaseState | None,
    data: Any = None,
    initial: dict[str, Any] | None = None,
    files: Any = None,
    drafting: bool = False,
) -> forms.Form:
    """The step's form. ``drafting``: a clerk's draft for approval, without the dates, which
    the approval sets (a reply is dated the day it is issued)."""
    if action.form is f.EndConsultationForm:
        refs = [(c.ref, f"{c.ref}：{c.party}") for c in (state.open_consultations if state else ())]
        return f.EndConsultationForm(data, initial=initial, refs=refs)
    form = action.form(data, files, initial=initial)
    if drafting:
        for name in ("on", "notified_on"):
            form.fields.pop(name, None)
    return form
