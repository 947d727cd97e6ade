"""Text people type is checked for control characters where it comes in.

A vertical tab or U+0001 in an applicant's name is invisible on a page but cannot be written
into a DOCX or XLSX part (XML 1.0 forbids it): every letter of that case would fail. Forms (the
pages and the API, which validates with the same forms) and the register services refuse such
text with a message in Chinese; the writers drop what was stored before (letters.docx,
gongkai.report.render.ooxml). Tab, line feed and carriage return are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
MESSAGE = "含有不可见的控制字符（如从其他软件复制时带入的），请删除后重新填写。"


def has_control(value: Any) -> bool:
    """Does ``value`` (a text, or a list of texts) hold a character that must not be stored?"""
    texts: Iterable[Any] = value if isinstance(value, list | tuple) else (value,)
    return any(isinstance(t, str) and CONTROL.search(t) for t in texts)


def strip_control(text: str) -> str:
    return CONTROL.sub("", text)


class NoControlCharacters:
    """Form mixin (put it before the form class): every text field is refused when it holds a
    control character, with the field's label in the message."""

    def clean(self) -> Any:
        data = super().clean()  # type: ignore[misc]
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name, value in list(form.cleaned_data.items()):
            if has_control(value):
                label = form.fields[name].label if name in form.fields else name
                form.add_error(name, f"{label or ''}{MESSAGE}")
        return data
