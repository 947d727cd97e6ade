"""The region's roll-up (gongkai.supervision.rollup): its totals as a report, in every format
gongkai.report renders, marked as computed from the units' reports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from gongkai.report.errors import GongkaiError
from gongkai.report.render import FORMATS as RENDER_FORMATS
from gongkai.report.render import SUFFIXES, render
from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.attachments import attachment
from gongkai.web.errors import NotFound
from gongkai.web.reports.downloads import CONTENT_TYPES, LABELS, RenderFailed
from gongkai.web.supervision import notices
from gongkai.web.supervision.views.common import base_context

ROLLUP_FORMATS = tuple(
    f for f in ("html", "docx", "pdf", "md", "xlsx", "json") if f in RENDER_FORMATS
)


def links() -> list[tuple[str, str]]:
    return [(fmt, LABELS[fmt]) for fmt in ROLLUP_FORMATS]


@staff_view
def rollup(request: HttpRequest, actor: Actor, region: int, year: int, fmt: str) -> HttpResponse:
    ctx = base_context(actor, region)
    if fmt not in ROLLUP_FORMATS:
        raise NotFound(f"没有这种格式：{fmt}")
    report = notices.roll_up_report(ctx["region"], year).report
    try:
        data = render(report, fmt)
    except GongkaiError as error:  # e.g. no font for the PDF on this server
        raise RenderFailed(f"无法生成{LABELS[fmt]}文件：{error}") from error
    return attachment(
        data,
        CONTENT_TYPES[fmt],
        f"{ctx['region'].name}{year}年度政府信息公开工作年度报告数据汇总{SUFFIXES[fmt]}",
        f"rollup-{year}{SUFFIXES[fmt]}",
    )
