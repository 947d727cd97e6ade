"""API authentication: the browser session (with CSRF) or a bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from gongkai.web.agencies.models import ApiToken
from gongkai.web.agencies.selectors import actor_for
from gongkai.web.agencies.services import token_hash, touch_api_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.select_related("user").filter(key_hash=token_hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        touch_api_token(found)
        actor = actor_for(found.user)
        if actor is not None:
            request.user = found.user
        return actor


class SessionAuth(APIKeyCookie):
    """The staff pages' session; unsafe methods need the CSRF token, as on the pages."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return actor_for(user)
