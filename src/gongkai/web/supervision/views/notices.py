"""The 通报 pages: the list, a new draft, the editor, the preview, issuing, downloads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from gongkai.supervision.notice_draft import FIELD, Figure, Paragraph
from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.attachments import attachment
from gongkai.web.errors import NotFound, WebError
from gongkai.web.exports import FORMATS as TABLE_FORMATS
from gongkai.web.exports import respond
from gongkai.web.refusals import bind_refusal
from gongkai.web.supervision import notices as service
from gongkai.web.supervision import selectors
from gongkai.web.supervision.models import Notice, NoticeStatus
from gongkai.web.supervision.notice_forms import NewNoticeForm, NoticeEditForm
from gongkai.web.supervision.notice_rectify import open_from_notice
from gongkai.web.supervision.notices import notice_items
from gongkai.web.supervision.views import rollup
from gongkai.web.supervision.views.common import base_context

LIST_HEADERS = (
    "年度",
    "稿次",
    "标题",
    "状态",
    "整改期限",
    "发文机关",
    "起草人",
    "起草时间",
    "最后修改",
    "印发人",
    "印发时间",
    "点名问题数",
    "未审核问题数（起草或印发时）",
)


def segments(text: str, known: Mapping[str, Figure]) -> list[tuple[str, str, bool]]:
    """``text`` cut into (words, "", True) and (figure, field name, whether the data know it):
    the page shows each figure as a chip, a field the data do not know as a red one."""
    out: list[tuple[str, str, bool]] = []
    last = 0
    for match in FIELD.finditer(text):
        out.append((text[last : match.start()], "", True))
        name = match.group(1)
        figure = known.get(name)
        out.append((figure.text if figure else match.group(0), name, figure is not None))
        last = match.end()
    out.append((text[last:], "", True))
    return [s for s in out if s[0] or s[1]]


def _list_rows(items: list[Notice]) -> list[list[Any]]:
    return [
        [
            n.year,
            n.number,
            n.title,
            n.get_status_display(),
            n.deadline,
            n.issuer,
            n.created_by,
            n.created_at,
            n.updated_at,
            n.issued_by,
            n.issued_at,
            len(n.items) if n.issued else "",
            n.pending,
        ]
        for n in items
    ]


@staff_view
def notice_list(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    ctx = base_context(actor, region)
    year_text, status = request.GET.get("year", ""), request.GET.get("status", "")
    found = service.notices(ctx["region"]).select_related("region")
    if year_text.isdigit():
        found = found.filter(year=int(year_text))
    if status in NoticeStatus.values:
        found = found.filter(status=status)
    items = list(found)
    fmt = request.GET.get("format")
    if fmt in TABLE_FORMATS:
        return respond(fmt, f"{ctx['region'].name}通报", LIST_HEADERS, _list_rows(items))
    return render(
        request,
        "supervision/notice_list.html",
        {
            **ctx,
            "notices": items,
            "year": year_text,
            "status": status,
            "statuses": NoticeStatus.choices,
            "query": request.GET.urlencode(),
            "rollup_formats": rollup.links(),
        },
    )


@staff_view
def notice_new(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    ctx = base_context(actor, region)
    agency = selectors.region_for_write(actor, region)
    initial = {"year": ctx["report_year"], "issuer": agency.name}
    form = NewNoticeForm(request.POST or None, years=ctx["years"], initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                notice = service.create_draft(
                    actor,
                    agency,
                    form.cleaned_data["year"],
                    form.cleaned_data["deadline"],
                    form.cleaned_data["issuer"],
                )
            except WebError as error:
                bind_refusal(form, error)
            else:
                messages.success(request, f"已起草第{notice.number}稿，请修改正文后预览、印发。")
                return redirect("supervision:notice_edit", region=region, pk=notice.pk)
        status = 422
    return render(request, "supervision/notice_new.html", {**ctx, "form": form}, status=status)


def _draft_context(ctx: dict[str, Any], notice: Notice) -> dict[str, Any]:
    data = service.region_year(notice.region, notice.year)
    known = data.figures(notice.deadline, notice.issuer)
    return {
        **ctx,
        "notice": notice,
        "known": known,
        "figures": list(known.values()),
        "changes": service.changes(notice, known) if not notice.issued else [],
        "pending": data.pending,
        "edits": list(notice.edits.all()),
    }


@staff_view
def notice_edit(request: HttpRequest, actor: Actor, region: int, pk: int) -> HttpResponse:
    ctx = base_context(actor, region)
    notice = service.notice_for(ctx["region"], pk)
    if request.method == "POST":
        selectors.region_for_write(actor, region)
    elif notice.issued:
        messages.info(request, service.FROZEN)
        return redirect("supervision:notice", region=region, pk=pk)
    paragraphs = service.paragraphs(notice)
    initial = {"title": notice.title, "deadline": notice.deadline, "issuer": notice.issuer}
    form = NoticeEditForm(request.POST or None, paragraphs=paragraphs, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                service.save_draft(
                    actor,
                    notice,
                    form.cleaned_data["title"],
                    form.texts(),
                    form.cleaned_data["deadline"],
                    form.cleaned_data["issuer"],
                )
            except WebError as error:
                bind_refusal(form, error)
            else:
                messages.success(request, "已保存。数字在预览和下载时按最新数据填入。")
                return redirect("supervision:notice_edit", region=region, pk=pk)
        status = 422
    ctx = _draft_context(ctx, notice)
    known = ctx["known"]
    rows = [
        (paragraph, form[name], segments(str(form[name].value() or ""), known))
        for paragraph, name in zip(paragraphs, form.paragraph_names, strict=True)
    ]
    return render(
        request,
        "supervision/notice_edit.html",
        {
            **ctx,
            "form": form,
            "rows": rows,
            "title_parts": segments(str(form["title"].value() or ""), known),
            "figure_values": {name: f.text for name, f in known.items()},
        },
        status=status,
    )


@staff_view
def notice_detail(request: HttpRequest, actor: Actor, region: int, pk: int) -> HttpResponse:
    """The preview: the text as it would be written, figures marked; issue from here."""
    ctx = base_context(actor, region)
    notice = service.notice_for(ctx["region"], pk)
    return _detail(request, ctx, notice)


def _detail(
    request: HttpRequest,
    ctx: dict[str, Any],
    notice: Notice,
    error: str = "",
    status: int = 200,
    rectify_error: str = "",
) -> HttpResponse:
    ctx = _draft_context(ctx, notice) if not notice.issued else {**ctx, "notice": notice}
    known = ctx.get("known", {})
    text = service.text_of(notice) if notice.issued else None
    if notice.issued and text is not None:
        blocks = [(Paragraph(b.kind, b.text, b.level), [(b.text, "", True)]) for b in text.blocks]
        ctx["edits"] = list(notice.edits.all())
    else:  # the draft's own paragraphs, with its fields shown as chips
        blocks = [(p, segments(p.text, known)) for p in service.paragraphs(notice)]
    return render(
        request,
        "supervision/notice_detail.html",
        {
            **ctx,
            "text": text,
            "blocks": blocks,
            "formats": [(k, v[2]) for k, v in service.FORMATS.items()],
            "issue_error": error,
            "rectify_error": rectify_error,
            "named_count": len(notice_items(notice)) if notice.issued else 0,
            "title_parts": segments(notice.title, known) if not notice.issued else [],
        },
        status=status,
    )


@staff_view
def notice_issue(request: HttpRequest, actor: Actor, region: int, pk: int) -> HttpResponse:
    ctx = base_context(actor, region)
    agency = selectors.region_for_write(actor, region)
    notice = service.notice_for(agency, pk)
    if request.method != "POST":
        return redirect("supervision:notice", region=region, pk=pk)
    try:
        service.issue(actor, notice)
    except WebError as error:
        if error.status != 400:
            raise
        return _detail(request, ctx, notice, error.message, status=422)
    messages.success(request, "通报已印发，内容已固定，不再随数据变化。")
    return redirect("supervision:notice", region=region, pk=pk)


@staff_view
def notice_rectify(request: HttpRequest, actor: Actor, region: int, pk: int) -> HttpResponse:
    """The issued notice's named problems become rectification items for the units named."""
    ctx = base_context(actor, region)
    agency = selectors.region_for_write(actor, region)
    notice = service.notice_for(agency, pk)
    if request.method != "POST":
        return redirect("supervision:notice", region=region, pk=pk)
    try:
        opened = open_from_notice(notice, actor)
    except WebError as error:
        if error.status != 400:
            raise
        return _detail(request, ctx, notice, rectify_error=error.message, status=422)
    done = f"已下达{len(opened.created)}项整改事项"
    if opened.existing:
        done += f"，另有{len(opened.existing)}项问题此前已有整改事项，未重复下达"
    messages.success(request, done + "。")
    return redirect(f"{reverse('supervision:rectify_list', args=[region])}?year={notice.year}")


@staff_view
def notice_download(
    request: HttpRequest, actor: Actor, region: int, pk: int, fmt: str
) -> HttpResponse:
    ctx = base_context(actor, region)
    notice = service.notice_for(ctx["region"], pk)
    if fmt not in service.FORMATS:
        raise NotFound(f"没有这种格式：{fmt}")
    return attachment(
        service.rendered(notice, fmt),
        service.FORMATS[fmt][0],
        service.file_name(notice, fmt),
        f"notice-{notice.year}-{notice.number}{service.FORMATS[fmt][1]}",
    )
