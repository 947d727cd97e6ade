"""A saved report as a file: rendered by gongkai.report from the stored canonical JSON, with the
official file name (``临淄区民政局2025年政府信息公开工作年度报告.pdf``) in the download header.

A report that is not published (a draft, or one waiting for approval) is marked 草稿 on every
page or view of every download (:data:`DRAFT_MARK`; JSON is data and carries the status in no
field of its own); a published one carries no mark.

A stored version never changes, so each rendering is cached under the hash of its document.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.cache import cache
from django.http import HttpResponse

from gongkai.report.canonical import from_canonical
from gongkai.report.errors import GongkaiError
from gongkai.report.render import SUFFIXES, render
from gongkai.web.attachments import attachment
from gongkai.web.errors import NotFound, WebError
from gongkai.web.reports.models import AnnualReport, Status

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
LABELS = {
    "pdf": "PDF",
    "docx": "Word（DOCX）",
    "html": "网页（HTML）",
    "md": "Markdown",
    "xlsx": "Excel（XLSX）",
    "json": "数据（JSON）",
}
STAFF_FORMATS = ("pdf", "docx", "html", "md", "xlsx", "json")
PUBLIC_FORMATS = ("pdf", "docx", "html", "json")
CACHE_SECONDS = 24 * 3600
DRAFT_MARK = "草稿——未发布，不得作为正式报告使用"


class RenderFailed(WebError):
    status = 500
    code = "RENDER_FAILED"


def file_name(report: AnnualReport, fmt: str) -> str:
    draft = "" if report.status == Status.PUBLISHED else "（草稿）"
    return f"{report.agency.name}{report.year}年政府信息公开工作年度报告{draft}{SUFFIXES[fmt]}"


def rendered(document: dict[str, Any], fmt: str, *, watermark: str = "") -> bytes:
    digest = hashlib.sha256(
        json.dumps(document, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    key = f"gongkai:report:{fmt}:{digest}" + (":draft" if watermark else "")
    data: bytes | None = cache.get(key)
    if data is None:
        try:
            data = render(from_canonical(document), fmt, watermark=watermark)
        except GongkaiError as error:  # e.g. no font for the PDF on this server
            raise RenderFailed(f"无法生成{LABELS[fmt]}文件：{error}") from error
        cache.set(key, data, CACHE_SECONDS)
    return data


def download(report: AnnualReport, fmt: str, allowed: tuple[str, ...]) -> HttpResponse:
    if fmt not in allowed:
        raise NotFound(f"没有这种格式：{fmt}")
    if not report.document:
        raise NotFound("这份报告还没有保存过。")
    mark = "" if report.status == Status.PUBLISHED else DRAFT_MARK
    return attachment(
        rendered(report.document, fmt, watermark=mark),
        CONTENT_TYPES[fmt],
        file_name(report, fmt),
        f"annual-report-{report.year}{SUFFIXES[fmt]}",
    )


def links(fmt_list: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(fmt, LABELS[fmt]) for fmt in fmt_list]


__all__ = ["PUBLIC_FORMATS", "STAFF_FORMATS", "download", "file_name", "links"]
