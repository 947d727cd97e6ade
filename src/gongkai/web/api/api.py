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
from gongkai.web.api.supervision import router as supervision_router
from gongkai.web.errors import WebError, as_web_error
from gongkai.web.textcheck import MESSAGE, has_control

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
- 403 `FORBIDDEN`：角色不允许（监督人员只读；答复、延期须审批人；监督数据仅限监督人员和系统管理员），在检查请求正文之前；
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
api.add_router("/", supervision_router)


def _error(request: HttpRequest, error: Exception) -> HttpResponse:
    web = as_web_error(error)
    if web is None:  # a database error that is not contention: a real fault
        raise error
    body: dict[str, Any] = {"code": web.code, "message": web.message, "fields": web.fields}
    rule = getattr(web, "rule", None)
    if rule:
        body["rule"] = rule
    return api.create_response(request, body, status=web.status)


def _in_chinese(item: dict[str, Any]) -> str:
    """pydantic's message for one field, in Chinese (every refusal is said in Chinese)."""
    kind, ctx, value = item.get("type", ""), item.get("ctx") or {}, item.get("input")
    if kind == "string_pattern_mismatch":  # the input itself is not in ninja's errors
        if value is not None and has_control(value):
            return MESSAGE
        return "不能为空白，不能含有不可见的控制字符（如从其他软件复制时带入的）；电子邮箱应如 name@example.cn。"
    messages = {
        "missing": "必须填写。",
        "extra_forbidden": "不是本接口的字段。",
        "literal_error": f"不是可选的值（可选：{ctx.get('expected', '')}）。",
        "enum": f"不是可选的值（可选：{ctx.get('expected', '')}）。",
        "string_too_long": f"最多 {ctx.get('max_length')} 个字。",
        "string_too_short": "不能为空。",
        "too_long": f"最多 {ctx.get('max_length')} 项。",
        "too_short": f"至少 {ctx.get('min_length')} 项。",
        "greater_than_equal": f"至少为 {ctx.get('ge')}。",
        "less_than_equal": f"最多为 {ctx.get('le')}。",
        "int_parsing": "应为整数。",
        "int_type": "应为整数。",
        "bool_type": "应为 true 或 false。",
        "bool_parsing": "应为 true 或 false。",
        "string_type": "应为文本。",
        "list_type": "应为列表。",
        "date_from_datetime_parsing": "日期格式应为 2025-10-09。",
        "date_parsing": "日期格式应为 2025-10-09。",
        "date_type": "日期格式应为 2025-10-09。",
        "datetime_from_date_parsing": "时间格式应为 2025-09-30T10:00:00+08:00。",
        "datetime_parsing": "时间格式应为 2025-09-30T10:00:00+08:00。",
        "datetime_type": "时间格式应为 2025-09-30T10:00:00+08:00。",
        "model_attributes_type": "应为 JSON 对象。",
        "dict_type": "应为 JSON 对象。",
        "json_invalid": "不是有效的 JSON。",
    }
    if kind in messages:
        return messages[kind]
    message = str(item.get("msg", ""))
    return message.removeprefix("Value error, ") or "无效。"


def _invalid(request: HttpRequest, error: Exception) -> HttpResponse:
    """A body or parameter of the wrong shape (django-ninja's 422): 400, in our words."""
    fields: dict[str, Any] = {}
    for item in getattr(error, "errors", []) or []:
        location = [
            str(part)
            for part in item.get("loc", ())
            if part not in ("query", "body", "path", "filters", "payload")
        ]
        fields[".".join(location) or "request"] = _in_chinese(item)
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
        body = {
            "code": "CSRF",
            "message": "会话请求缺少 CSRF 令牌：请刷新页面，或改用 Bearer 令牌。",
            "fields": {},
        }
    else:
        body = {"code": f"HTTP_{error.status_code}", "message": str(error.message), "fields": {}}
    return api.create_response(request, body, status=error.status_code)


# django-ninja's stubs type a handler's error as "the class or an instance"; ours take instances
api.add_exception_handler(WebError, _error)  # type: ignore[arg-type]
api.add_exception_handler(ValidationError, _invalid)  # type: ignore[arg-type]
api.add_exception_handler(HttpError, _http)  # type: ignore[arg-type]
api.add_exception_handler(ProcedureError, _error)  # type: ignore[arg-type]
api.add_exception_handler(OperationalError, _error)  # type: ignore[arg-type]
