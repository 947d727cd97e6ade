"""What every staff page needs: the actor, resolved once, or a redirect to the login page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from gongkai.procedure.errors import ProcedureError
from gongkai.web.agencies.selectors import Actor, actor_for
from gongkai.web.errors import Forbidden, InvalidInput, NotFound, as_web_error


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        actor = actor_for(request.user)
        if actor is None:
            raise Forbidden("此账号不是任何机关的工作人员。")
        return view(request, actor, *args, **kwargs)

    return wrapper


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def bind_refusal(form: forms.BaseForm, error: Exception,
                 aliases: dict[str, str] | None = None) -> None:
    """A service's or the core's refusal as the form's errors: beside the field it names when
    the form has that field (``aliases`` maps the service's name to the form's), otherwise at
    the top of the form. Not found and forbidden are not refusals of the input: re-raised."""
    if isinstance(error, NotFound | Forbidden):
        raise error
    aliases = aliases or {}
    fields: dict[str, str] = {}
    if isinstance(error, InvalidInput):
        fields = dict(error.fields)
    elif isinstance(error, ProcedureError) and (field := str(getattr(error, "field", ""))):
        fields = {field: str(error)}
    placed = False
    for name, message in fields.items():
        name = aliases.get(name, name)
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed:
        web = as_web_error(error)
        form.add_error(None, web.message if web is not None else str(error))


__all__ = ["Actor", "bind_refusal", "is_htmx", "staff_view"]
