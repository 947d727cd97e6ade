"""The case list's filters: GET parameters validated by a form, so a bad value comes back as a
Chinese message beside the filter and never as a server error."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from gongkai.procedure.state import PHASE_LABELS
from gongkai.web.applications.labels import OUTCOME_LABELS
from gongkai.web.applications.models import APPLICANT_TYPE_CHOICES, CHANNEL_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DUE_CHOICES = [("", "全部"), ("overdue", "已逾期"), ("within", "N个工作日内到期")]
MAX_DUE_DAYS = 60
FILTER_NAMES = (
    "phase",
    "outcome",
    "agency",
    "applicant_type",
    "channel",
    "received_from",
    "received_to",
    "due",
    "due_days",
    "q",
)


def _all(choices: Any) -> list[tuple[str, str]]:
    return [("", "全部"), *((str(v), str(label)) for v, label in choices)]


class CaseFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label="办理阶段",
        required=False,
        choices=[
            ("", "全部"),
            ("open", "在办"),
            *((p.value, label) for p, label in PHASE_LABELS.items()),
        ],
    )
    outcome = forms.ChoiceField(
        label="办理结果", required=False, choices=_all(OUTCOME_LABELS.items())
    )
    agency = forms.ChoiceField(label="机关", required=False)
    applicant_type = forms.ChoiceField(
        label="申请人类型", required=False, choices=_all(APPLICANT_TYPE_CHOICES)
    )
    channel = forms.ChoiceField(label="提交方式", required=False, choices=_all(CHANNEL_CHOICES))
    received_from = forms.DateField(label="收到日期自", required=False, widget=DATE)
    received_to = forms.DateField(label="至", required=False, widget=DATE)
    due = forms.ChoiceField(label="答复期限", required=False, choices=DUE_CHOICES)
    due_days = forms.IntegerField(
        label="工作日数",
        required=False,
        min_value=1,
        max_value=MAX_DUE_DAYS,
        widget=forms.NumberInput(attrs={"style": "width:5em"}),
    )
    q = forms.CharField(label="编号、申请人或内容", required=False, max_length=100)

    error_messages = {"invalid_choice": "不是可选的值。"}  # noqa: RUF012

    def __init__(self, data: Any, agencies: Any) -> None:
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["agency"]).choices = [
            ("", "全部"),
            *((str(a.pk), a.name) for a in agencies),
        ]
        for field in self.fields.values():
            field.error_messages.update(
                {
                    "invalid_choice": "不是可选的值，请从列表中选择。",
                    "invalid": "格式不正确（日期如 2025-09-30，工作日数为整数）。",
                    "min_value": "至少为 %(limit_value)s。",
                    "max_value": "最多为 %(limit_value)s。",
                    "max_length": "最多 %(limit_value)d 个字。",
                }
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", "截止日期不能早于起始日期。")
        if (
            data.get("due") == "within"
            and not data.get("due_days")
            and "due_days" not in self.errors
        ):
            self.add_error("due_days", "请填写工作日数（1至60）。")
        return data

    def params(self) -> dict[str, Any]:
        """The valid filters, with empty values for the refused ones (nothing filters by them)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {name: data.get(name) or None for name in FILTER_NAMES}
