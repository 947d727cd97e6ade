"""The rectification pages' forms; :mod:`.rectification` decides, these only read the input."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from gongkai.web.supervision.models import RectificationStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FindingItemForm(forms.Form):
    """A confirmed finding made an item: the problem in words (prefilled) and the deadline."""

    year = forms.IntegerField(widget=forms.HiddenInput)
    unit = forms.CharField(widget=forms.HiddenInput, max_length=200)
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    problem = forms.CharField(
        label="需要整改的问题", max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    deadline = forms.DateField(label="整改期限", widget=DATE)


class ManualItemForm(forms.Form):
    """An item entered by hand for a unit of a year's roster."""

    year = forms.TypedChoiceField(label="年度", coerce=int)
    unit = forms.ChoiceField(label="单位")
    problem = forms.CharField(
        label="需要整改的问题", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateField(label="整改期限", widget=DATE)

    def __init__(
        self, *args: Any, years: list[int], units: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            (y, f"{y}年度") for y in sorted(years, reverse=True)
        ]
        cast(forms.ChoiceField, self.fields["unit"]).choices = [("", "请选择单位"), *units]


class AnswerForm(forms.Form):
    note = forms.CharField(
        label="整改情况", max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    report = forms.FileField(
        label="更正后的报告（可选）",
        required=False,
        help_text="PDF、DOCX、HTML、TXT、Markdown、XLSX均可；上传后即读取并校验。",
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核结论",
        choices=[
            (RectificationStatus.PASSED.value, "通过"),
            (RectificationStatus.RETURNED.value, "退回"),
        ],
    )
    note = forms.CharField(
        label="意见",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "退回时必填"}),
    )
