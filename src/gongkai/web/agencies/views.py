"""The account pages: one's API tokens and password; for administrators, the staff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from gongkai.web.agencies import accounts
from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.agencies.forms import PasswordResetForm, StaffForm, TokenForm
from gongkai.web.agencies.models import ApiToken
from gongkai.web.agencies.services import create_api_token, revoke_api_token
from gongkai.web.errors import InvalidInput, WebError
from gongkai.web.refusals import bind_refusal


def _settings_page(
    request: HttpRequest, actor: Actor, form: TokenForm, *, new_key: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "agencies/settings.html",
        {
            "nav": "account",
            "form": form,
            "new_key": new_key,
            "tokens": ApiToken.objects.filter(user_id=actor.user_id).order_by("-created_at"),
        },
        status=status,
    )


@staff_view
def account(request: HttpRequest, actor: Actor) -> HttpResponse:
    return _settings_page(request, actor, TokenForm())


@staff_view
def create_token(request: HttpRequest, actor: Actor) -> HttpResponse:
    if request.method != "POST":
        return redirect("account:settings")
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, actor, form, status=422)
    key = create_api_token(request.user, form.cleaned_data["label"])
    # shown on this answer only: only the hash is kept, a reload does not show it again
    return _settings_page(request, actor, TokenForm(), new_key=key)


@staff_view
def revoke_token(request: HttpRequest, actor: Actor, token_id: int) -> HttpResponse:
    if request.method == "POST":
        token = revoke_api_token(actor.user_id, token_id)
        messages.success(request, f"已吊销令牌“{token.label or token.pk}”。")
    return redirect("account:settings")


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "agencies/password_change.html"
    success_url = reverse_lazy("account:settings")
    extra_context = {"nav": "account"}  # noqa: RUF012

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, "密码已修改。")
        return super().form_valid(form)


def _users_page(
    request: HttpRequest, actor: Actor, form: StaffForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "agencies/users.html",
        {
            "nav": "users",
            "form": form,
            "staff": accounts.staff_administered(actor),
            "reset_form": PasswordResetForm(),
        },
        status=status,
    )


@staff_view
def users(request: HttpRequest, actor: Actor) -> HttpResponse:
    agencies = accounts.agencies_administered(actor)
    form = StaffForm(request.POST or None, agencies=agencies)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                added = accounts.add_staff(
                    actor,
                    username=data["username"],
                    password=data["password"],
                    agency_id=int(data["agency"]),
                    role=data["role"],
                    display_name=data["display_name"],
                )
            except WebError as error:
                bind_refusal(form, error)
            else:
                messages.success(request, f"已添加用户 {added.user.username}（{added}）。")
                return redirect("account:users")
        return _users_page(request, actor, form, status=422)
    return _users_page(request, actor, form)


@staff_view
def reset_password(request: HttpRequest, actor: Actor, staff_id: int) -> HttpResponse:
    if request.method == "POST":
        form = PasswordResetForm(request.POST)
        password = request.POST.get("password", "")
        try:
            if not form.is_valid():
                raise InvalidInput("请填写新密码。")
            staff = accounts.reset_password(actor, staff_id, password)
        except WebError as error:
            if not isinstance(error, InvalidInput):
                raise
            messages.error(request, f"未重设密码：{error.message}")
        else:
            messages.success(request, f"已重设 {staff.display_name} 的密码。")
    return redirect("account:users")


@staff_view
def set_active(request: HttpRequest, actor: Actor, staff_id: int) -> HttpResponse:
    if request.method == "POST":
        active = request.POST.get("active") == "1"
        try:
            staff = accounts.set_active(actor, staff_id, active)
        except InvalidInput as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"已{'启用' if active else '停用'} {staff.display_name} 的账号。"
            )
    return redirect("account:users")
