"""Forms of the annual-report pages: they check the shape of input; services decide and write."""

from __future__ import annotations

from datetime import date

from django import forms

from gongkai.web.reports.generate import CARRY_NOTE, FIRST_YEAR
from gongkai.web.textcheck import NoControlCharacters

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UPLOAD = 30 * 1024 * 1024  # a scanned PDF of a report is rarely larger
IMPORT_SUFFIXES = (
    ".txt",
    ".md",
    ".html",
    ".htm",
    ".mht",
    ".mhtml",
    ".docx",
    ".pdf",
    ".xlsx",
    ".xls",
)


def year_choices(today: date, first: int = FIRST_YEAR) -> list[tuple[int, str]]:
    return [(y, f"{y}年度") for y in range(today.year, first - 1, -1)]


class OpenForm(forms.Form):
    """Open (and, the first time, generate) the draft of one year."""

    year = forms.TypedChoiceField(label="年度", coerce=int)

    def __init__(self, *args: object, today: date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = year_choices(today)  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    """A report published before the agency used gongkai, in any format the readers take."""

    file = forms.FileField(
        label="已发布的年度报告文件",
        allow_empty_file=True,
        help_text="支持 .txt、.html、.docx、.pdf、.xlsx 等格式；扫描件无法读取。",
    )
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2008,
        max_value=2100,
        help_text="不填则按文件内容确定。",
    )

    reason = forms.CharField(
        label="导入理由（文件中的机关名称与本机关不一致时）",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="仅审批人可填写：如机关更名、合并，说明这份报告为何属于本机关。理由记入修订记录。",
    )

    def __init__(self, *args: object, approver: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not approver:
            del self.fields["reason"]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                f"{upload.name}：文件过大（{upload.size // 1024 // 1024} MB），"
                f"不能超过 {MAX_UPLOAD // 1024 // 1024} MB。"
            )
        if upload.size == 0:
            raise forms.ValidationError(f"{upload.name}：文件是空的。")
        return upload


class EditorForm(NoControlCharacters, forms.Form):
    """The office's prose: sections 一, 五, 六 and the explanation of a carry-over difference."""

    overview = forms.CharField(
        label="一、总体情况", required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    problems_section = forms.CharField(
        label="五、存在的主要问题及改进情况",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    other_section = forms.CharField(
        label="六、其他需要报告的事项", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    carry_note = forms.CharField(
        label="上年结转数与上年报告不一致的说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="写入第三部分；有说明时，“上年结转”与上年报告不符降为提示。",
    )

    def __init__(self, *args: object, carry: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not carry:
            del self.fields[CARRY_NOTE]

    def texts(self) -> dict[str, str]:
        # Textareas post CRLF line ends; the report keeps LF.
        return {k: v.replace("\r\n", "\n") for k, v in self.cleaned_data.items()}


class PublishForm(forms.Form):
    published_on = forms.DateField(
        label="发布日期", widget=DATE, help_text="报告年度结束后、不晚于今天；确认发布时即公开。"
    )


class ConfirmForm(forms.Form):
    """The confirmation of what was shown: the date and the digest of the report as shown."""

    published_on = forms.DateField(widget=forms.HiddenInput)
    digest = forms.CharField(max_length=64, widget=forms.HiddenInput)


class SubmitForm(NoControlCharacters, forms.Form):
    note = forms.CharField(
        label="呈批说明（可不填）",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(NoControlCharacters, forms.Form):
    comment = forms.CharField(
        label="退回意见", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(NoControlCharacters, forms.Form):
    reason = forms.CharField(
        label="重新打开的理由", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
