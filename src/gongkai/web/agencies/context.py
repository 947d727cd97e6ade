"""Template context: the acting staff member, for the navigation bar."""

from __future__ import annotations

from django.http import HttpRequest

from gongkai.web.agencies.selectors import actor_for


def staff(request: HttpRequest) -> dict[str, object]:
    """The actor a staff page was called with (staff_view), else the signed-in user's."""
    known = getattr(request, "actor", None)
    if known is not None:
        return {"actor": known}
    user = getattr(request, "user", None)
    return {"actor": actor_for(user) if user is not None else None}
