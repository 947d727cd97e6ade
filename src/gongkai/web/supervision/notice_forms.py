"""The 通报 pages' forms: a new draft (year, deadline, issuer) and the editor (one text box per
paragraph). Services decide; these only read the input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from gongkai.supervision.notice_draft import Paragraph

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NewNoticeForm(forms.Form):
    year = forms.TypedChoiceField(label="年度", coerce=int)
    deadline = forms.DateField(
        label="整改期限",
        required=False,  # the service refuses an empty one, in its own words
        widget=DATE,
        help_text="被点名单位完成整改的日期（应在今天之后）。",
    )
    issuer = forms.CharField(
        label="发文机关", required=False, max_length=200, help_text="不填则为本监督机关。"
    )

    def __init__(self, *args: Any, years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            (y, f"{y}年度") for y in sorted(years, reverse=True)
        ]


class NoticeEditForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300, required=False)
    deadline = forms.DateField(label="整改期限", required=False, widget=DATE)
    issuer = forms.CharField(label="发文机关", required=False, max_length=200)

    def __init__(self, *args: Any, paragraphs: Sequence[Paragraph], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paragraph_names: list[str] = []
        for index, paragraph in enumerate(paragraphs):
            name = f"p{index}"
            heading = paragraph.kind == "heading"
            self.fields[name] = forms.CharField(
                label="标题行" if heading else "段落",
                required=False,
                max_length=20000,
                initial=paragraph.text,
                widget=forms.TextInput() if heading else forms.Textarea(attrs={"rows": 3}),
            )
            self.paragraph_names.append(name)

    def texts(self) -> list[str]:
        return [str(self.cleaned_data.get(name) or "") for name in self.paragraph_names]
