"""Forms of the account pages: shape only; agencies/accounts.py decides."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from gongkai.web.agencies.models import Role


class TokenForm(forms.Form):
    label = forms.CharField(label="令牌名称（用途）", max_length=100)


class StaffForm(forms.Form):
    display_name = forms.CharField(label="姓名", max_length=50)
    username = forms.RegexField(
        label="用户名",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "只能包含字母、数字和 @.+-_"},
    )
    agency = forms.ChoiceField(label="所在机关")
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args: Any, agencies: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["agency"]).choices = [
            (str(a.pk), a.name) for a in agencies
        ]


class PasswordResetForm(forms.Form):
    password = forms.CharField(label="新密码", widget=forms.PasswordInput, strip=False)
