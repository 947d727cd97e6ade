"""The HTTP API (django-ninja): OpenAPI at /api/openapi.json, documentation at /api/docs."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from gongkai.procedure.errors import ProcedureError
from gongkai.web.agencies.selectors import actor_for
from gongkai.web.api.auth import SessionAuth, TokenAuth
from gongkai.web.api.reports import router as reports_router
from gongkai.web.api.routes import router
from gongkai.web.api.steps import router as steps_router
from gongkai.web.errors import WebError, as_web_error

UNAUTHORIZED = {
    "code": "UNAUTHORIZED",
    "message": "请先登录，或在 Authorization 头中提供令牌（Bearer）。",
    "fields": {},
}
DESCRIPTION = """与页面相同的服务和权限。认证：`Authorization: Bearer <令牌>`（令牌在“我的账户”页面或以
`gongkai-web apitoken 用户名` 生成），或员工页面的会话（写操作须带 CSRF 令牌）。

每个非 2xx 答复的正文都是 `{"code", "message", "fields"}`（程序拒绝时另有 `rule`）：

- 400 `INVALID`：请求不符合本说明（类型、取值、长度、格式），或日期不在允许的范围内
  （不早于2008-01-01，不晚于今天；补正期限可在一年内）；`fields` 指明字段；
- 401 `UNAUTHORIZED`：没有或无效的令牌（带 `WWW-Authenticate: Bearer`）；
- 403 `FORBIDDEN`：角色不允许（监督人员只读；答复、延期须审批人），在检查请求正文之前；
  会话请求缺少 CSRF 令牌时为 `CSRF`；
- 404 `NOT_FOUND`：不存在，或不在本人可见的机关；
- 409 `PROCEDURE`（办理程序不允许此事项，`rule` 为规则代码）或 `BUSY`（请重试）。"""


def _staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The documentation and the OpenAPI description are for staff: a session of a staff
    member, or a bearer token; others are sent to the login page (the JSON answers 401)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = getattr(request, "user", None)
        allowed = user is not None and user.is_authenticated and actor_for(user) is not None
        header = request.headers.get("Authorization", "")
        if not allowed and header[:7].lower() == "bearer ":
            allowed = TokenAuth().authenticate(request, header[7:].strip()) is not None
        if allowed:
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            response = JsonResponse(UNAUTHORIZED, status=401)
            response["WWW-Authenticate"] = 'Bearer realm="gongkai"'
            return response
        return redirect_to_login(request.get_full_path())

    return wrapper


class UTF8Renderer(JSONRenderer):
    """Chinese stays readable in the JSON (UTF-8), not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}  # noqa: RUF012


api = NinjaAPI(
    renderer=UTF8Renderer(),
    title="gongkai 政府信息公开申请办理接口",
    version="1",
    description=DESCRIPTION,
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs_decorator=_staff_only,
)
api.add_router("/", router)
api.add_router("/", steps_router)
api.add_router("/", reports_router)


def _error(request: HttpRequest, error: Exception) -> HttpResponse:
    web = as_web_error(error)
    if web is None:  # a database error that is not contention: a real fault
        raise error
    body: dict[str, Any] = {"code": web.code, "message": web.message, "fields": web.fields}
    rule = getattr(web, "rule", None)
    if rule:
        body["rule"] = rule
    return api.create_response(request, body, status=web.status)


def _invalid(request: HttpRequest, error: Exception) -> HttpResponse:
    """A body or parameter of the wrong shape (django-ninja's 422): 400, in our words."""
    fields: dict[str, Any] = {}
    for item in getattr(error, "errors", []) or []:
        location = [
            str(part)
            for part in item.get("loc", ())
            if part not in ("query", "body", "path", "filters", "payload")
        ]
        fields[".".join(location) or "request"] = item.get("msg", "")
    body = {
        "code": "INVALID",
        "message": "请求参数无效：" + "；".join(f"{k}：{v}" for k, v in fields.items()),
        "fields": fields,
    }
    return api.create_response(request, body, status=400)


def _http(request: HttpRequest, error: HttpError) -> HttpResponse:
    """django-ninja's own refusals in the one shape: 401 (no or a wrong token), 403 (a session
    without its CSRF token), 405 and the rest."""
    if error.status_code == 401:
        response = api.create_response(request, UNAUTHORIZED, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="gongkai"'
        return response
    if error.status_code == 403:
        body = {"code": "CSRF", "message": "会话请求缺少 CSRF 令牌：请刷新页面，或改用 Bearer 令牌。",
                "fields": {}}
    else:
        body = {"code": f"HTTP_{error.status_code}", "message": str(error.message), "fields": {}}
    return api.create_response(request, body, status=error.status_code)


# django-ninja's stubs type a handler's error as "the class or an instance"; ours take instances
api.add_exception_handler(WebError, _error)  # type: ignore[arg-type]
api.add_exception_handler(ValidationError, _invalid)  # type: ignore[arg-type]
api.add_exception_handler(HttpError, _http)  # type: ignore[arg-type]
api.add_exception_handler(ProcedureError, _error)  # type: ignore[arg-type]
api.add_exception_handler(OperationalError, _error)  # type: ignore[arg-type]
