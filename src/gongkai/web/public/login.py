"""Staff login, throttled per account and per client address.

Every attempt is counted under the account's name and under the address before the password is
checked (ratelimit.hit, exact under concurrency); a good password takes its attempt back, so
what is counted is failures. Over ``GONGKAI_LOGIN_ACCOUNT_LIMIT`` failures for an account, or
``GONGKAI_LOGIN_ADDRESS_LIMIT`` from an address, within ``GONGKAI_LOGIN_WINDOW`` seconds,
every attempt is refused (429) without checking any password, until the window has passed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse

from gongkai.web.errors import RateLimited
from gongkai.web.public.ratelimit import client_address, hit, release

LOCKED = "登录失败次数过多，请{minutes}分钟后再试；如忘记密码，请与系统管理员联系。"
THROTTLED = "throttled"


class ThrottledLogin:
    """Mixin for an authentication form (before the form class)."""

    throttled = ""

    def clean(self) -> Any:
        form: AuthenticationForm = self  # type: ignore[assignment]
        username = str(form.cleaned_data.get("username") or "").strip().lower()[:64]
        window = settings.GONGKAI_LOGIN_WINDOW
        attempts: list[int] = []
        try:
            if username:
                attempts.append(
                    hit(
                        "login-account",
                        username,
                        window=window,
                        message=LOCKED,
                        limit=settings.GONGKAI_LOGIN_ACCOUNT_LIMIT,
                    )
                )
            attempts.append(
                hit(
                    "login-address",
                    client_address(form.request) if form.request is not None else "",
                    window=window,
                    message=LOCKED,
                    limit=settings.GONGKAI_LOGIN_ADDRESS_LIMIT,
                )
            )
        except RateLimited as error:
            release(*attempts)
            self.throttled = error.message
            raise ValidationError(error.message, code=THROTTLED) from error
        data = super().clean()  # type: ignore[misc]  # raises for a wrong password: it counts
        release(*attempts)
        return data


class LoginForm(ThrottledLogin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLogin, AdminAuthenticationForm):
    pass


class LoginView(auth_views.LoginView):
    form_class = LoginForm

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, THROTTLED):
            response.status_code = 429
        return response
