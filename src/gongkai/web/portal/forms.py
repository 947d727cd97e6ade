from __future__ import annotations

from django import forms

from gongkai.web.applications.forms import MultipleFileField
from gongkai.web.portal.services import TEXT_LIMIT


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label="补正内容",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="逐项说明补正的内容；也可以只上传补正材料。",
    )
    # a form's field named like BaseForm.files: the metaclass moves it to base_fields
    files = MultipleFileField(  # type: ignore[assignment]
        label="补正材料",
        help_text="可上传PDF、OFD、Word、WPS、文本文件或图片（JPG、PNG、TIFF），最多10个，每个不超过10 MB。",
    )
