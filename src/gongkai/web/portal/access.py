"""Who may see an applicant's pages: the session that just passed the status lookup with the
tracking number and the secret, for a short while, for that one application only. Nothing in a
URL names the case, so no address can be guessed or shared; looking up another application
replaces the grant, and a changed secret ends it."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.http import HttpRequest

from gongkai.web.applications.models import Application
from gongkai.web.errors import WebError

SESSION_KEY = "gongkai_portal"


class PortalExpired(WebError):
    status = 403
    code = "PORTAL_EXPIRED"


def _bind(application: Application) -> str:
    return hashlib.sha256(f"{application.pk}:{application.secret_hash}".encode()).hexdigest()


def grant(request: HttpRequest, application: Application) -> None:
    """Called after a successful lookup: a new session key (no fixation), bound to the case."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "case": application.pk,
        "until": int(time.time()) + settings.GONGKAI_PORTAL_SESSION_SECONDS,
        "bind": _bind(application),
    }


def revoke(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def authorised(request: HttpRequest) -> Application:
    """The application this session may see, or :class:`PortalExpired`."""
    held = request.session.get(SESSION_KEY)
    expired = PortalExpired("查询已过期，请重新输入申请编号和查询密码。")
    if not isinstance(held, dict) or int(held.get("until", 0)) < time.time():
        revoke(request)
        raise expired
    case = held.get("case")
    application = (
        Application.objects.select_related("agency").filter(pk=case).first()
        if isinstance(case, int)
        else None
    )
    if application is None or not application.secret_hash or held.get("bind") != _bind(application):
        revoke(request)
        raise expired
    return application
