"""One error hierarchy for the web layer, mapped to HTTP answers at the edge.

Services and selectors raise these (or the procedure core's ``ProcedureError``); views, the
API and :class:`ErrorMiddleware` turn them into pages and JSON with the right status.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.procedure.errors import ProcedureError


class WebError(Exception):
    """Base of every error the web application raises on purpose."""

    status = 400
    code = "ERROR"

    def __init__(self, message: str, *, fields: dict[str, str] | None = None) -> None:
        self.message = message
        self.fields = fields or {}
        super().__init__(message)


class NotFound(WebError):
    """Missing, or not visible to this user: the two are indistinguishable on purpose."""

    status = 404
    code = "NOT_FOUND"


class Forbidden(WebError):
    """Visible, but this user's role may not do it (a supervisor writing, a clerk approving)."""

    status = 403
    code = "FORBIDDEN"


class InvalidInput(WebError):
    status = 400
    code = "INVALID"


class RateLimited(WebError):
    status = 429
    code = "RATE_LIMITED"


class ProcedureRefused(WebError):
    """The procedure core refused a step (a guard failed, a deadline cannot be computed)."""

    status = 409
    code = "PROCEDURE"

    def __init__(self, error: ProcedureError) -> None:
        self.rule = error.rule
        super().__init__(str(error))


class Busy(WebError):
    """The database could not take the write now (SQLite still locked after its busy timeout,
    a PostgreSQL deadlock or serialization failure): nothing was written, the same request may
    simply be sent again."""

    status = 409
    code = "BUSY"

    def __init__(self) -> None:
        super().__init__("系统繁忙，本次操作没有保存，请重试。")


# what the databases say when a write lost to another one at the same moment
BUSY_MESSAGES = (
    "database is locked",
    "database table is locked",
    "deadlock detected",
    "could not serialize access",
)


def is_busy(error: Exception) -> bool:
    return isinstance(error, OperationalError) and any(m in str(error) for m in BUSY_MESSAGES)


def as_web_error(error: Exception) -> WebError | None:
    if isinstance(error, WebError):
        return error
    if isinstance(error, ProcedureError):
        return ProcedureRefused(error)
    if is_busy(error):
        return Busy()
    return None


class ErrorMiddleware:
    """Render our errors as a page with the matching status; leave everything else alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        error = as_web_error(exception)
        if error is None:
            return None
        # htmx swaps a 4xx answer into the part of the page that asked (static/gongkai/forms.js)
        if request.headers.get("HX-Request") == "true":
            return render(request, "_error.html", {"error": error}, status=error.status)
        return render(request, error_template(request), {"error": error}, status=error.status)


# ---------------------------------------------------------------- Django's own error pages
# handler400/403/404/500 in urls.py: Chinese pages, the public ones (/apply/…) without the
# staff header, never a technical detail.

PUBLIC_PREFIX = "/apply/"
PAGE_MESSAGES = {
    400: "请求无法识别，请检查网址或重新提交。",
    403: "您无权访问此页面；如果刚才提交了表单，请刷新页面后重试。",
    404: "您要访问的页面不存在，或者已经删除。",
    500: "系统发生错误，未能完成您的请求。请稍后再试；问题持续存在时请联系管理员。",
}


def error_template(request: HttpRequest) -> str:
    return "public_error.html" if request.path.startswith(PUBLIC_PREFIX) else "error.html"


def _page(request: HttpRequest, status: int) -> HttpResponse:
    error = WebError(PAGE_MESSAGES[status])
    error.status = status
    try:
        return render(request, error_template(request), {"error": error}, status=status)
    except Exception:  # the page itself failed (a 500 with the database gone): plain text
        return HttpResponse(
            PAGE_MESSAGES[status], status=status, content_type="text/plain; charset=utf-8"
        )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(request, 403)
