"""The supervision pages' forms; services decide, these only read the input."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from gongkai.web.supervision.models import Decision


class RosterImportForm(forms.Form):
    file = forms.FileField(label="名单文件（XLSX或CSV）")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class RunForm(forms.Form):
    year = forms.TypedChoiceField(label="年度", coerce=int)
    reports = MultipleFileField(
        label="报告文件或压缩包",
        help_text="可一次选择多个文件，或上传一个ZIP压缩包；PDF、DOCX、HTML、TXT、Markdown、XLSX均可。",
    )
    manifest = forms.FileField(
        label="清单（可选）",
        required=False,
        help_text="CSV或XLSX，列：文件、单位、网址、发布日期；有发布日期的以清单为准。",
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            (y, f"{y}年度") for y in sorted(years, reverse=True)
        ]


class AssignForm(forms.Form):
    unit = forms.ChoiceField(label="指定单位")

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = [("", "请选择名单中的单位"), *units]


class LinkForm(forms.Form):
    agency = forms.TypedChoiceField(
        label="本系统中的机关", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, agencies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["agency"]).choices = [("", "不关联"), *agencies]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="结论", choices=Decision.choices)
    reason = forms.CharField(
        label="理由",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": "排除时必填"}),
    )


class PolicyForm(forms.Form):
    requires_clearance = forms.BooleanField(
        label="本监督范围内使用本系统的单位，年度报告发布前须提交本机关审核", required=False
    )


class ClearanceSubmitForm(forms.Form):
    note = forms.CharField(
        label="说明（可选）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ClearanceDecisionForm(forms.Form):
    step = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    action = forms.ChoiceField(
        label="审核结论",
        choices=(("cleared", "审核通过"), ("returned", "退回修改")),
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="意见（退回时必填，单位将看到）",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
