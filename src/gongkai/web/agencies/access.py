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


def _bearer_user(request: HttpRequest) -> Any:
    """The active user of an API token in ``Authorization: Bearer …``, for reading a page the
    API links to (a letter's DOCX); None without a valid one."""
    from gongkai.web.agencies.services import user_for_token

    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return None
    return user_for_token(key.strip())


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view, called with the signed-in staff member's :class:`Actor` after the request. A
    GET may also carry an API token (``Authorization: Bearer``), so that what the API links to
    (letters) can be fetched with it; an invalid token is answered 401."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (
            not request.user.is_authenticated
            and request.method in ("GET", "HEAD")
            and "Authorization" in request.headers
        ):
            user = _bearer_user(request)
            if user is None:
                refused = HttpResponse(
                    "API令牌无效或已撤销。", status=401, content_type="text/plain; charset=utf-8"
                )
                refused["WWW-Authenticate"] = "Bearer"
                return refused
            request.user = user
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        actor = actor_for(request.user)
        if actor is None:
            raise Forbidden("此账号不是任何机关的工作人员。")
        request.actor = actor  # type: ignore[attr-defined]  # for the page's navigation bar
        return view(request, actor, *args, **kwargs)

    return wrapper


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


__all__ = ["Actor", "is_htmx", "staff_view"]
