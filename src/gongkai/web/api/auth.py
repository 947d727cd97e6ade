"""API authentication: a bearer token, or the browser session (with CSRF).

Without either the answer is 401 with ``WWW-Authenticate: Bearer`` (api.py), also for a POST:
the session's CSRF check applies only to a request that carries a session. The operations
that write refuse a role that cannot write (a supervisor, an administrator; a clerk for the
approver's steps) with 403 here, before the body is read, so that a read-only caller learns
that it may not, not what it sent wrong."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from gongkai.web.agencies.selectors import Actor, actor_for
from gongkai.web.agencies.services import user_for_token
from gongkai.web.errors import Forbidden


def _allowed(actor: Actor | None, writes: bool, approval: bool) -> Actor | None:
    if actor is None or not writes:
        return actor
    if not actor.handles_cases:
        raise Forbidden("您的账户只能查看，不能登记或办理申请。")
    if approval and not actor.approves:
        raise Forbidden("此事项须由政府信息公开工作机构负责人（审批人）办理。")
    return actor


class TokenAuth(HttpBearer):
    def __init__(self, *, writes: bool = False, approval: bool = False) -> None:
        self.writes, self.approval = writes, approval
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            return None
        actor = actor_for(user)
        if actor is not None:
            request.user = user
        return _allowed(actor, self.writes, self.approval)


class SessionAuth(APIKeyCookie):
    """The staff pages' session; unsafe methods need the CSRF token, as on the pages."""

    param_name = "sessionid"

    def __init__(self, *, writes: bool = False, approval: bool = False) -> None:
        self.writes, self.approval = writes, approval
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # no session: 401, not a CSRF failure
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return _allowed(actor_for(user), self.writes, self.approval)


def writer_auth(*, approval: bool = False) -> list[Any]:
    """The authentication of an operation that writes."""
    return [TokenAuth(writes=True, approval=approval), SessionAuth(writes=True, approval=approval)]
