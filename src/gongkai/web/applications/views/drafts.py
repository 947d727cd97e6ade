"""The approver's answer to a draft (批准 or 退回), the office taking a draft back, and the
documents of a case for download by staff."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.procedure.errors import ProcedureError
from gongkai.web.agencies.access import Actor, is_htmx, staff_view
from gongkai.web.applications import selectors
from gongkai.web.applications.forms import ApproveForm, ReturnForm
from gongkai.web.applications.models import CaseFile, Draft
from gongkai.web.applications.services import drafts, files
from gongkai.web.applications.views.steps import done
from gongkai.web.attachments import attachment
from gongkai.web.errors import NotFound, WebError
from gongkai.web.refusals import bind_refusal

APPROVED = {"reply": "已批准并签发答复", "extend": "已批准延长答复期限"}


def _draft(actor: Actor, case_id: int, draft_id: int) -> Draft:
    application = selectors.case_for_read(actor, case_id)
    draft = application.drafts.filter(pk=draft_id).first()
    if draft is None:
        raise NotFound("没有这份呈批件。")
    return draft


def _card(request: HttpRequest, draft: Draft, forms_: dict[str, forms.Form]) -> HttpResponse:
    """The draft's card with the refused form and its errors (a page without htmx)."""
    today = timezone.localdate()
    context = {
        "case": draft.application,
        "d": draft,
        "today": today,
        "approve_form": forms_.get("approve") or ApproveForm(initial={"on": today}),
        "return_form": forms_.get("return") or ReturnForm(),
        "withdraw_form": forms_.get("withdraw"),
    }
    template = "applications/_draft_card.html" if is_htmx(request) else "applications/draft.html"
    return render(request, template, context, status=422)


@staff_view
def approve(request: HttpRequest, actor: Actor, case_id: int, draft_id: int) -> HttpResponse:
    draft = _draft(actor, case_id, draft_id)
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            drafts.approve(
                actor,
                draft.pk,
                on=form.cleaned_data["on"],
                notified_on=form.cleaned_data.get("notified_on"),
            )
        except (WebError, ProcedureError) as error:
            bind_refusal(form, error)
        else:
            return done(request, case_id, APPROVED.get(draft.action, "已批准"))
    return _card(request, draft, {"approve": form})


@staff_view
def return_draft(request: HttpRequest, actor: Actor, case_id: int, draft_id: int) -> HttpResponse:
    draft = _draft(actor, case_id, draft_id)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            drafts.return_draft(actor, draft.pk, comment=form.cleaned_data["comment"])
        except WebError as error:
            bind_refusal(form, error)
        else:
            return done(request, case_id, "已退回，退回意见已告知经办人。")
    return _card(request, draft, {"return": form})


@staff_view
def withdraw(request: HttpRequest, actor: Actor, case_id: int, draft_id: int) -> HttpResponse:
    draft = _draft(actor, case_id, draft_id)
    form = forms.Form(request.POST or None)
    if request.method == "POST":
        try:
            drafts.withdraw_draft(actor, draft.pk)
        except WebError as error:
            bind_refusal(form, error)
        else:
            return done(request, case_id, "已撤回呈批件。")
    return _card(request, draft, {"withdraw": form})


@staff_view
def case_file(request: HttpRequest, actor: Actor, case_id: int, file_id: int) -> HttpResponse:
    application = selectors.case_for_read(actor, case_id)
    found = CaseFile.objects.filter(pk=file_id, application=application).first()
    if found is None:
        raise NotFound("没有这个附件。")
    try:
        content = files.path_of(found).read_bytes()
    except FileNotFoundError as error:
        raise NotFound("附件文件已不在存储目录中，请联系系统管理员。") from error
    return attachment(content, files.content_type(found), found.name, f"file-{found.pk}")
