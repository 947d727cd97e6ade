"""Forms validate the shape of input only; services decide and write (no form.save())."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar, cast

from django import forms

from gongkai.procedure import events as ev
from gongkai.procedure.errors import FeeError
from gongkai.procedure.fees import FEE_METHODS, METHOD_LABELS, FeeAssessment, assess_fee
from gongkai.procedure.outcomes import OUTCOMES, REPLY_OUTCOMES, WITHHELD_OUTCOMES
from gongkai.procedure.state import CaseState
from gongkai.web.applications.labels import OUTCOME_LABELS
from gongkai.web.applications.models import Application
from gongkai.web.applications.services.steps import reply_basis
from gongkai.web.bounds import DatesInWindow
from gongkai.web.textcheck import NoControlCharacters

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

APPLICANT_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "form_wanted",
    "delivery",
)


class ApplicantForm(NoControlCharacters, DatesInWindow, forms.ModelForm):
    """Art. 29 para. 2: who (name, identity, contact), what, in which form."""

    class Meta:
        model = Application
        fields: tuple[str, ...] = APPLICANT_FIELDS
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "description": forms.Textarea(attrs={"rows": 4})
        }

    # how the pages group the fields
    def _group(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    @property
    def applicant_group(self) -> list[forms.BoundField]:
        return self._group(APPLICANT_FIELDS[:9])

    @property
    def request_group(self) -> list[forms.BoundField]:
        return self._group(APPLICANT_FIELDS[9:])

    @property
    def receipt_group(self) -> list[forms.BoundField]:
        return self._group(("channel", "submitted_at", "signed_on", "arrived_on", "confirmed_on"))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not (data.get("phone") or data.get("email") or data.get("address")):
            raise forms.ValidationError("请至少填写一种联系方式（电话、电子邮箱或通信地址）。")
        return data


class IntakeForm(ApplicantForm):
    """Registration by staff: the channel and the dates art. 31 needs for it."""

    class Meta(ApplicantForm.Meta):
        fields = (
            "channel",
            "submitted_at",
            "signed_on",
            "arrived_on",
            "confirmed_on",
            *APPLICANT_FIELDS,
        )
        widgets: ClassVar[dict[str, forms.Widget]] = {
            **ApplicantForm.Meta.widgets,
            "submitted_at": DATETIME,
            "signed_on": DATE,
            "arrived_on": DATE,
            "confirmed_on": DATE,
        }
        help_texts = {  # noqa: RUF012
            "submitted_at": "申请人当面提交、寄出或在网上提交的时间",
            "signed_on": "以需签收的邮寄方式提交的：本机关签收之日",
            "arrived_on": "平常信函：信件到达之日",
            "confirmed_on": "平常信函、传真、电子邮件、网上提交：与申请人双方确认之日",
        }


class LookupForm(NoControlCharacters, forms.Form):
    tracking_number = forms.CharField(label="申请编号", max_length=20)
    secret = forms.CharField(label="查询密码", max_length=40, widget=forms.PasswordInput)


class StepForm(NoControlCharacters, DatesInWindow, forms.Form):
    """The form of a step of the procedure. Once valid, :meth:`to_event` is the core event it
    records (``actor``: who takes the step; ``state``: the case as the core sees it), and
    :meth:`extra` what the event log keeps beside it."""

    def to_event(self, actor: str, state: CaseState | None = None) -> ev.Event:
        raise NotImplementedError

    def extra(self) -> dict[str, Any] | None:
        return None

    def _said(self, actor: str) -> dict[str, Any]:
        """What every event has: its date, who, why."""
        data = self.cleaned_data
        return {"on": data["on"], "actor": actor, "reason": data.get("reason") or ""}


class CorrectionNoticeForm(StepForm):
    ahead_days: ClassVar[dict[str, int]] = {"correction_due": 366}  # a deadline lies ahead
    on = forms.DateField(label="告知日期", widget=DATE)
    items = forms.CharField(
        label="需要补正的事项（每行一项，一次性列明）", widget=forms.Textarea(attrs={"rows": 4})
    )
    correction_due = forms.DateField(label="补正期限（截止日期）", widget=DATE)
    reason = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_items(self) -> list[str]:
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not items:
            raise forms.ValidationError("请至少列明一项需要补正的事项。")
        return items

    def to_event(self, actor: str, state: CaseState | None = None) -> ev.SendCorrectionNotice:
        data = self.cleaned_data
        return ev.SendCorrectionNotice(
            **self._said(actor), correction_due=data["correction_due"], items=tuple(data["items"])
        )


class ReceiveCorrectionForm(StepForm):
    on = forms.DateField(label="收到补正后的申请之日", widget=DATE)
    reason = forms.CharField(
        label="补正内容摘要", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def to_event(self, actor: str, state: CaseState | None = None) -> ev.ReceiveCorrection:
        # the corrected application is received the day it arrives (art. 31)
        return ev.ReceiveCorrection(**self._said(actor), received_on=self.cleaned_data["on"])


class DatedReasonForm(NoControlCharacters, DatesInWindow, forms.Form):
    """A date and a reason: the online application confirmed with the applicant (which the
    intake service records as the registration, from the application itself)."""

    on = forms.DateField(label="日期", widget=DATE)
    reason = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CorrectionLapsedForm(DatedReasonForm, StepForm):
    def to_event(self, actor: str, state: CaseState | None = None) -> ev.CorrectionLapsed:
        return ev.CorrectionLapsed(**self._said(actor))


class PaymentForm(DatedReasonForm, StepForm):
    def to_event(self, actor: str, state: CaseState | None = None) -> ev.ReceivePayment:
        """The amount is the one the fee notice asked for, never typed in."""
        if state is None or state.fee is None:  # nothing is due, and no amount may be made up
            raise FeeError(
                "本申请没有发出收费通知，不能登记收到信息处理费。",
                rule="PAYMENT-WITHOUT-FEE-NOTICE",
            )
        return ev.ReceivePayment(**self._said(actor), amount=Decimal(str(state.fee.amount)))


class FeeLapsedForm(DatedReasonForm, StepForm):
    def to_event(self, actor: str, state: CaseState | None = None) -> ev.FeeLapsed:
        return ev.FeeLapsed(**self._said(actor))


class WithdrawForm(DatedReasonForm, StepForm):
    def to_event(self, actor: str, state: CaseState | None = None) -> ev.Withdraw:
        return ev.Withdraw(**self._said(actor))


class ConsultationForm(StepForm):
    consultation = forms.ChoiceField(
        label="征求对象",
        choices=[
            ("third_party", "第三方（条例第三十二条）"),
            ("agency", "其他机关（条例第三十四条）"),
        ],
    )
    party = forms.CharField(label="名称", max_length=200)
    on = forms.DateField(label="发出征求意见书之日", widget=DATE)
    delivered_on = forms.DateField(label="对方收到之日（已知时填写）", required=False, widget=DATE)
    reason = forms.CharField(
        label="征求理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def to_event(self, actor: str, state: CaseState | None = None) -> ev.StartConsultation:
        data = self.cleaned_data
        return ev.StartConsultation(
            **self._said(actor),
            consultation=data["consultation"],
            party=data["party"],
            delivered_on=data.get("delivered_on"),
        )


class EndConsultationForm(StepForm):
    ref = forms.ChoiceField(label="征求意见", choices=())
    on = forms.DateField(label="收到意见之日（或期限届满日）", widget=DATE)
    answered = forms.TypedChoiceField(
        label="结果",
        coerce=lambda v: v == "1",
        choices=[("1", "已提出意见"), ("0", "期限内未提出意见")],
    )
    reason = forms.CharField(
        label="意见摘要", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, refs: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["ref"]).choices = list(refs)

    def to_event(self, actor: str, state: CaseState | None = None) -> ev.EndConsultation:
        data = self.cleaned_data
        return ev.EndConsultation(**self._said(actor), ref=data["ref"], answered=data["answered"])


class ExtensionForm(StepForm):
    on = forms.DateField(label="批准日期", widget=DATE)
    notified_on = forms.DateField(label="告知申请人之日", widget=DATE)
    workdays = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))

    def to_event(self, actor: str, state: CaseState | None = None) -> ev.ApproveExtension:
        """Approved by the one who takes the step: the head of the disclosure office."""
        data = self.cleaned_data
        return ev.ApproveExtension(
            **self._said(actor),
            approver=actor,
            notified_on=data["notified_on"],
            workdays=data["workdays"],
        )


class FeeNoticeForm(StepForm):
    method = forms.ChoiceField(
        label="计收方式", choices=[(m, METHOD_LABELS[m]) for m in FEE_METHODS]
    )
    quantity = forms.IntegerField(label="页数（按量）或件数（按件）", min_value=1)
    place_in_month = forms.IntegerField(
        label="本月第几件申请（仅按件计收）", min_value=1, initial=1, required=False
    )
    on = forms.DateField(label="发出收费通知之日", widget=DATE)
    delivered_on = forms.DateField(
        label="申请人收到之日（已知时填写）", required=False, widget=DATE
    )
    reason = forms.CharField(
        label="收费理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def assessment(self) -> FeeAssessment:
        """The fee by the rules of the 办法, never typed in."""
        data = self.cleaned_data
        return assess_fee(data["method"], data["quantity"], self._place_in_month())

    def _place_in_month(self) -> int:
        return int(self.cleaned_data.get("place_in_month") or 1)

    def to_event(self, actor: str, state: CaseState | None = None) -> ev.IssueFeeNotice:
        fee = self.assessment()
        return ev.IssueFeeNotice(
            **self._said(actor),
            method=fee.method,
            amount=fee.total,
            delivered_on=self.cleaned_data.get("delivered_on"),
        )

    def extra(self) -> dict[str, Any]:
        fee = self.assessment()
        return {
            "quantity": self.cleaned_data["quantity"],
            "place_in_month": self._place_in_month(),
            "breakdown": fee.text,
            "basis": fee.basis,
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; services/files.py checks their number, size and kind."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ReplyForm(StepForm):
    outcome = forms.ChoiceField(
        label="办理结果（只能选择一项）",
        choices=[(code, OUTCOME_LABELS[code]) for code in REPLY_OUTCOMES],
    )
    withheld_grounds = forms.MultipleChoiceField(
        label="部分公开时，不予公开部分的理由",
        required=False,
        choices=[(code, OUTCOMES[code].label) for code in WITHHELD_OUTCOMES],
        widget=forms.CheckboxSelectMultiple,
    )
    on = forms.DateField(label="答复日期", widget=DATE)
    reason = forms.CharField(
        label="答复理由（写入答复书）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="部分公开、不予公开的，须说明理由（条例第三十六条第（三）项、第三十七条）",
    )
    # a form's field named like BaseForm.files: the metaclass moves it to base_fields
    files = MultipleFileField(  # type: ignore[assignment]
        label="提供的政府信息（附件）",
        help_text="予以公开、部分公开时向申请人提供的文件，随答复书列明；每个不超过20 MB",
    )

    def to_event(self, actor: str, state: CaseState | None = None) -> ev.Reply:
        """Exactly one outcome, with its legal basis (and the grounds of a part withheld)."""
        data = self.cleaned_data
        grounds = tuple(data.get("withheld_grounds") or ())
        return ev.Reply(
            **self._said(actor),
            outcome=data["outcome"],
            legal_basis=reply_basis(data["outcome"], grounds),
            withheld_grounds=grounds,
        )


class ApproveForm(NoControlCharacters, DatesInWindow, forms.Form):
    """The head of the office approves a draft: the day it takes effect."""

    on = forms.DateField(label="批准（签发）日期", widget=DATE)
    notified_on = forms.DateField(
        label="告知申请人之日", widget=DATE, required=False, help_text="延期：不填则为批准之日"
    )


class ReturnForm(NoControlCharacters, forms.Form):
    comment = forms.CharField(
        label="退回意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
