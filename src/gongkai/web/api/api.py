"""The HTTP API (django-ninja): OpenAPI at /api/openapi.json, documentation at /api/docs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from gongkai.procedure.errors import ProcedureError
from gongkai.web.api.auth import SessionAuth, TokenAuth
from gongkai.web.api.reports import router as reports_router
from gongkai.web.api.routes import router
from gongkai.web.errors import WebError, as_web_error


class UTF8Renderer(JSONRenderer):
    """Chinese stays readable in the JSON (UTF-8), not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}  # noqa: RUF012


api = NinjaAPI(
    renderer=UTF8Renderer(),
    title="gongkai 政府信息公开申请办理接口",
    version="1",
    description="与页面相同的服务和权限：每个请求以会话（需CSRF）或 Bearer 令牌认证。",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
api.add_router("/", router)
api.add_router("/", reports_router)


def _error(request: HttpRequest, error: Exception) -> HttpResponse:
    web = as_web_error(error)
    assert web is not None
    body: dict[str, Any] = {"code": web.code, "message": web.message, "fields": web.fields}
    rule = getattr(web, "rule", None)
    if rule:
        body["rule"] = rule
    return api.create_response(request, body, status=web.status)


api.add_exception_handler(WebError, _error)
api.add_exception_handler(ProcedureError, _error)
