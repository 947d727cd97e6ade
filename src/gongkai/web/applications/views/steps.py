"""A step on a case: GET shows its form (a fragment for htmx, a page otherwise); POST runs the
service. Refusals of the law come back as form errors, with the article. A clerk drafts the
steps of the head of the office (extension, reply) and submits them for approval (呈批)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.procedure.errors import ProcedureError
from gongkai.web.agencies.access import Actor, is_htmx, staff_view
from gongkai.web.applications import actions, selectors
from gongkai.web.applications.casefile import clock_for
from gongkai.web.applications.drafting import DraftStatus
from gongkai.web.applications.services import drafts
from gongkai.web.errors import InvalidInput, NotFound, WebError
from gongkai.web.refusals import bind_refusal
from gongkai.web.yearlock import YearLocked


def _ask_correction_reason(form: forms.Form) -> None:
    """A step dated in a year whose annual report is published needs a reason (reports.lock)."""
    if "correction_reason" not in form.fields:
        form.fields["correction_reason"] = forms.CharField(
            label="更正理由（补记已发布年度的事项）",
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )


def done(request: HttpRequest, case_id: int, message: str) -> HttpResponse:
    """Back to the case page after a write: htmx is told to go there, a plain form redirected."""
    messages.success(request, message)
    url = reverse("cases:detail", args=[case_id])
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@staff_view
def step(request: HttpRequest, actor: Actor, case_id: int, name: str) -> HttpResponse:
    action = actions.BY_NAME.get(name)
    if action is None:
        raise NotFound("没有这个办理事项。")
    drafting = actions.drafts(actor, action)
    application = selectors.case_for_write(
        actor, case_id, approval=action.approval and not drafting
    )
    today = timezone.localdate()
    clock = clock_for(application.agency, selectors.events_of(application), today)
    state = clock.state
    initial: dict[str, Any] = {"on": today, "notified_on": today}
    draft = drafts.open_draft(application, action.name) if action.approval else None
    if draft is not None:
        initial.update(draft.data)
    posted = request.method == "POST"
    form = actions.form_for(
        action,
        state,
        request.POST if posted else None,
        initial=initial,
        files=request.FILES if posted else None,
        drafting=drafting,
    )
    if "correction_reason" in request.POST:
        _ask_correction_reason(form)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            if drafting:
                drafts.submit(
                    actor,
                    application.pk,
                    action.name,
                    data,
                    uploads=data.get("files") or [],
                    remove=[int(v) for v in request.POST.getlist("remove_files") if v.isdigit()],
                )
            elif draft is not None and draft.status == DraftStatus.PENDING:
                raise InvalidInput("本件已有待审批的呈批件：请批准或退回。")
            else:
                actions.take(actor, application.pk, form, state)
                if draft is not None:  # a returned draft the approver has now acted on himself
                    drafts.withdraw_draft(actor, draft.pk)
        except (WebError, ProcedureError) as error:
            if isinstance(error, YearLocked):
                _ask_correction_reason(form)
                form.add_error("correction_reason", error.message)
            else:
                bind_refusal(form, error, {"confirmed_on": "on"})
        else:
            said = f"已提交审批：{action.draft_label}" if drafting else f"已记录：{action.label}"
            return done(request, application.pk, said)
    template = "applications/_step_form.html" if is_htmx(request) else "applications/step.html"
    return render(
        request,
        template,
        {
            "case": application,
            "action": action,
            "form": form,
            "clock": clock,
            "drafting": drafting,
            "draft": draft,
        },
        status=422 if posted else 200,
    )
