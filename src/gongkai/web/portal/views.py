"""The applicant's pages, after a successful status lookup (access.py): the letters issued to
them, what a 补正告知书 asks for and the form to hand in the correction, and the documents
released with the reply. Staff download the correction files from the case page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.applications import selectors
from gongkai.web.applications.casefile import clock_of
from gongkai.web.applications.models import Application
from gongkai.web.applications.services import files as case_files
from gongkai.web.attachments import attachment
from gongkai.web.errors import NotFound, RateLimited, WebError
from gongkai.web.portal import access, services, uploads
from gongkai.web.portal.forms import CorrectionForm
from gongkai.web.public.ratelimit import client_address, hit
from gongkai.web.refusals import bind_refusal

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def applicant_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            application = access.authorised(request)
        except access.PortalExpired as error:
            return render(request, "portal/expired.html", {"error": error}, status=403)
        response = view(request, application, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        return response

    return wrapper


def _page(
    request: HttpRequest, application: Application, form: CorrectionForm, status: int = 200
) -> HttpResponse:
    rows = list(application.events.order_by("seq"))
    return render(
        request,
        "portal/case.html",
        {
            "case": application,
            "clock": clock_of(application, timezone.localdate()),
            "letters": services.public_letters(application),
            "notice": services.latest_notice(rows),
            "awaiting": services.awaiting_correction(application),
            "corrections": services.corrections_of(application, rows),
            "released": services.released_files(application),
            "form": form,
            "minutes": settings.GONGKAI_PORTAL_SESSION_SECONDS // 60,
        },
        status=status,
    )


@applicant_view
def case(request: HttpRequest, application: Application) -> HttpResponse:
    return _page(request, application, CorrectionForm())


@require_POST
@applicant_view
def correction(request: HttpRequest, application: Application) -> HttpResponse:
    form = CorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            hit("correction", client_address(request))
            services.submit_correction(
                application,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
                client=client_address(request),
            )
        except RateLimited as error:
            form.add_error(None, error.message)
            return _page(request, application, form, status=429)
        except WebError as error:
            bind_refusal(form, error)
        else:
            messages.success(
                request, "补正已提交，工作人员确认后，答复期限自收到补正后的申请之日起重新计算。"
            )
            return redirect("portal:case")
    return _page(request, application, form, status=422)


@applicant_view
def letter(request: HttpRequest, application: Application, seq: int) -> HttpResponse:
    try:
        filename, content = services.letter_download(application, seq, timezone.localdate())
    except NotFound as error:
        return render(request, "portal/expired.html", {"error": error, "missing": True}, status=404)
    return attachment(content, DOCX, filename, f"letter-{seq}.docx")


@applicant_view
def released(request: HttpRequest, application: Application, file_id: int) -> HttpResponse:
    try:
        found = services.released_file(application, file_id)
        content = case_files.path_of(found).read_bytes()
    except (NotFound, FileNotFoundError):
        error = NotFound("没有这个文件，请联系受理机关。")
        return render(request, "portal/expired.html", {"error": error, "missing": True}, status=404)
    return attachment(content, case_files.content_type(found), found.name, f"file-{found.pk}")


@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    access.revoke(request)
    return redirect("public:lookup")


@staff_view
def staff_correction_file(
    request: HttpRequest, actor: Actor, case_id: int, file_id: int
) -> HttpResponse:
    application = selectors.case_for_read(actor, case_id)
    found = services.correction_file(application, file_id)
    try:
        content = uploads.path_of(found).read_bytes()
    except FileNotFoundError as error:
        raise NotFound("补正材料已不在存储目录中，请联系系统管理员。") from error
    # served as a download, never displayed inline: the applicant's bytes are not trusted
    return attachment(content, "application/octet-stream", found.name, f"correction-{found.pk}")
