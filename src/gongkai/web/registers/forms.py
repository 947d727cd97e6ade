"""Forms check the shape of input only; the services check the rules and write (no form.save()).

Every form that writes offers 更正理由 (``correction_reason``): a record counted by a published
annual report changes only with a reason (reports.lock); the pages show the field once the
service has asked for it.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.urls import reverse

from gongkai.web.applications.forms import DATE
from gongkai.web.registers.models import (
    CatalogueEntry,
    Decision,
    Dispute,
    FeeIncome,
    OtherMatter,
    RegisteredDocument,
)
from gongkai.web.textcheck import NoControlCharacters

REASON_HELP = "所改记录已计入已发布的年度报告时填写；保存后该年度报告将重新打开，须重新校验、发布。"


class ReasonForm(NoControlCharacters, forms.Form):
    correction_reason = forms.CharField(
        label="更正理由",
        required=False,
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @property
    def record_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name != "correction_reason"]

    @property
    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [("", self.record_fields)]


class RecordForm(NoControlCharacters, forms.ModelForm):
    """A ModelForm for the labels, lengths and choices of the model; never saved."""

    correction_reason = ReasonForm.base_fields["correction_reason"]

    @property
    def record_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name != "correction_reason"]

    @property
    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(legend, fields) as the pages show them."""
        return [("", self.record_fields)]


class DocumentForm(RecordForm):
    class Meta:
        model = RegisteredDocument
        fields = ("kind", "number", "title", "issued_on", "repealed_on", "expires_on", "note")
        widgets = {"issued_on": DATE, "repealed_on": DATE, "expires_on": DATE}  # noqa: RUF012
        help_texts = {  # noqa: RUF012
            "repealed_on": "被废止的，填写废止之日",
            "expires_on": "规定了有效期的，填写有效期届满之日",
        }


class DecisionEntryForm(RecordForm):
    class Meta:
        model = Decision
        fields = ("kind", "decided_on", "count", "reference", "subject")
        widgets = {"decided_on": DATE}  # noqa: RUF012
        help_texts = {"count": "一份决定书为1件"}  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].required = True


class DecisionTotalForm(RecordForm):
    class Meta:
        model = Decision
        fields = ("kind", "year", "count", "subject")
        labels = {"count": "全年决定件数", "subject": "说明"}  # noqa: RUF012
        help_texts = {  # noqa: RUF012
            "count": "决定在其他系统办理、不逐件登记的，登记全年合计件数",
            "subject": "如：数据来源于某某审批系统",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["count"].initial = None


class ImportForm(ReasonForm):
    file = forms.FileField(
        label="CSV文件",
        help_text="表头：类别、决定日期、决定书文号、事项或当事人，可选件数；UTF-8或GBK编码均可。",
    )

    field_order = ("file", "correction_reason")


class FeeIncomeForm(RecordForm):
    class Meta:
        model = FeeIncome
        fields = ("year", "item", "amount", "note")
        help_texts = {"amount": "单位：万元，可保留四位小数（如12,345元填1.2345）"}  # noqa: RUF012


class CatalogueForm(RecordForm):
    class Meta:
        model = CatalogueEntry
        fields = (
            "index_no",
            "title",
            "summary",
            "doc_number",
            "category",
            "created_on",
            "published_on",
            "reviewer",
            "reviewed_on",
            "review_conclusion",
            "review_note",
        )
        widgets = {  # noqa: RUF012
            "created_on": DATE,
            "published_on": DATE,
            "reviewed_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {  # noqa: RUF012
            "created_on": "信息形成或者变更之日：自次日起20个工作日内公开（条例第二十六条）",
            "published_on": "尚未公开的留空；公开前须经保密审查",
        }

    ENTRY = ("index_no", "title", "summary", "doc_number", "category", "created_on", "published_on")
    REVIEW = ("reviewer", "reviewed_on", "review_conclusion", "review_note")

    @property
    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            ("目录条目", [self[n] for n in self.ENTRY]),
            ("保密审查（条例第十七条）", [self[n] for n in self.REVIEW]),
        ]


class DisputeForm(RecordForm):
    application_number = forms.CharField(
        label="所涉申请编号",
        max_length=20,
        required=False,
        help_text="本机关的申请编号，如 GK2025-7K3M9QX2；输入编号或申请人可查找",
        widget=forms.TextInput(attrs={"list": "application-options", "autocomplete": "off"}),
    )

    class Meta:
        model = Dispute
        fields = (
            "path",
            "application_number",
            "follows",
            "case_number",
            "body",
            "claimant",
            "filed_on",
            "outcome",
            "concluded_on",
            "detail",
            "note",
        )
        widgets = {"filed_on": DATE, "concluded_on": DATE}  # noqa: RUF012
        help_texts = {  # noqa: RUF012
            "follows": "仅复议后起诉：选择本机关登记的复议案件",
            "claimant": "留空时取所涉申请的申请人",
            "outcome": "尚未审结的留空",
        }

    def __init__(self, *args, reviews=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["application_number"].widget.attrs.update(
            {
                "hx-get": reverse("registers:application_options"),
                "hx-trigger": "keyup changed delay:300ms",
                "hx-target": "#application-options",
            }
        )
        field = cast(forms.ModelChoiceField, self.fields["follows"])
        field.queryset = reviews if reviews is not None else Dispute.objects.none()
        field.label_from_instance = _review_label  # type: ignore[method-assign,assignment]


def _review_label(review: Dispute) -> str:
    return (
        f"{review.case_number or '未填案号'}（{review.filed_on:%Y-%m-%d}受理，{review.claimant}）"
    )


class MatterForm(RecordForm):
    class Meta:
        model = OtherMatter
        fields = ("kind", "on", "title", "count", "note")
        widgets = {"on": DATE}  # noqa: RUF012


class DeleteForm(ReasonForm):
    pass
