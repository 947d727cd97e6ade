"""The size of a request body, checked before anything reads it.

Django bounds a form's fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not a multipart upload as a
whole, which it streams to a temporary file however large; and when a body is over its limit it
answers with an English "Bad Request" (or the debug page). :class:`RequestSizeLimit` looks at
Content-Length first: a multipart body over ``GONGKAI_MAX_UPLOAD_BYTES``, any other body (a
form, the API's JSON) over DATA_UPLOAD_MAX_MEMORY_SIZE is refused with 413 and a message in
Chinese, a page or the API's JSON. Uploads are then read in chunks by what takes them
(registers.services.imports.read_upload, the report import form's size check).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongkai.web.errors import WebError

MIB = 1024 * 1024


class TooLarge(WebError):
    status = 413
    code = "TOO_LARGE"


def shown(size: int) -> str:
    if size >= MIB:
        return f"{size // MIB}MB" if size % MIB == 0 else f"{size / MIB:.1f}MB"
    return f"{max(1, size // 1024)}KB"


class RequestSizeLimit:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0  # Django reads no body without a valid length
        multipart = str(request.META.get("CONTENT_TYPE", "")).startswith("multipart/")
        limit = (
            settings.GONGKAI_MAX_UPLOAD_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        if size <= limit:
            return self.get_response(request)
        what = "上传的文件" if multipart else "提交的内容"
        error = TooLarge(
            f"{what}过大（{shown(size)}），不能超过{shown(limit)}，请缩小或分批后重试。"
        )
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"code": error.code, "message": error.message, "fields": {}}, status=error.status
            )
        return render(request, "error.html", {"error": error}, status=error.status)
