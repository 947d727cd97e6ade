"""Who may see a staff page: the actor, resolved once, or a redirect to the login page.

Below every web app (they all import it), beside :mod:`gongkai.web.agencies.selectors`, which
says who an actor is and what they may read and write.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from gongkai.web.agencies.selectors import Actor, actor_for
from gongkai.web.errors import Forbidden


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view, called with the signed-in staff member's :class:`Actor` after the request."""

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


__all__ = ["Actor", "is_htmx", "staff_view"]
