"""The public application form: what the applicant types is checked before anything is stored,
every refusal in Chinese beside its field (identity.py for the numbers)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from gongkai.web.applications.forms import ApplicantForm
from gongkai.web.bounds import today
from gongkai.web.identity import CREDIT_CODE, ID_TYPES, document_number_problem, phone_problem

DESCRIPTION_MAX = 2000  # characters, line breaks counted as one


class PublicApplicationForm(ApplicantForm):
    agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label="向哪个机关申请", empty_label=None
    )
    # a field people do not see: bots fill it in
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(ApplicantForm.Meta):
        fields = ("agency", *ApplicantForm.Meta.fields)

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies
        self.fields["id_type"] = forms.ChoiceField(
            label=self.fields["id_type"].label,
            choices=[(name, name) for name in ID_TYPES],
            initial=ID_TYPES[0],
            help_text="法人或其他组织选择“统一社会信用代码”",
        )
        self.fields["id_number"].required = True
        self.fields["id_number"].help_text = "居民身份证号码为18位，最后一位可能是X"
        self.fields["phone"].help_text = "手机号码，或带区号的固定电话（如0533-7212036）"
        description = self.fields["description"]
        description.help_text = f"不超过{DESCRIPTION_MAX}字；所需信息较多的，可分别提出申请"
        # no maxlength in the page: a longer text pasted in is refused with its length, never
        # cut off without a word
        description.widget.attrs.pop("maxlength", None)

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交无效。")
        return ""

    def clean_description(self) -> str:
        text = str(self.cleaned_data.get("description", "")).replace("\r\n", "\n").strip()
        if len(text) < 4:
            raise forms.ValidationError(
                "请具体描述所需政府信息的名称、文号或者便于查询的其他特征。"
            )
        if len(text) > DESCRIPTION_MAX:
            raise forms.ValidationError(
                f"所需政府信息的描述不能超过{DESCRIPTION_MAX}字，您填写了{len(text)}字，"
                "请精简；所需信息较多的，可分别提出申请。"
            )
        return text

    def clean_phone(self) -> str:
        text = str(self.cleaned_data.get("phone") or "").strip()
        if not text:
            return ""
        number, problem = phone_problem(text)
        if problem:
            raise forms.ValidationError(problem)
        return number

    def clean(self) -> dict[str, object]:
        try:
            data = super().clean()
        except forms.ValidationError as error:  # no contact given: unless one was refused
            data = self.cleaned_data
            if not any(name in self.errors for name in ("phone", "email", "address")):
                self.add_error(None, error)
        id_type, typed = data.get("id_type"), data.get("id_number")
        if id_type and typed:
            number, problem = document_number_problem(str(id_type), str(typed), today())
            if problem:
                self.add_error("id_number", problem)
            else:
                data["id_number"] = number
        if id_type == CREDIT_CODE and data.get("applicant_type") == "natural_person":
            self.add_error("id_type", "自然人请选择身份证件的类型（如居民身份证、护照）。")
        return data
