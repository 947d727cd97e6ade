"""A step on a case: GET shows its form (a fragment for htmx, a page otherwise); POST runs the
service. Refusals of the law come back as form errors, with the article."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.procedure.errors import ProcedureError
from gongkai.web.applications import actions, selectors
from gongkai.web.applications.casefile import clock_for
from gongkai.web.applications.views.common import Actor, bind_refusal, is_htmx, staff_view
from gongkai.web.errors import NotFound, WebError
from gongkai.web.reports.lock import YearLocked


def _ask_correction_reason(form: forms.Form) -> None:
    """A step dated in a year whose annual report is published needs a reason (reports.lock)."""
    if "correction_reason" not in form.fields:
        form.fields["correction_reason"] = forms.CharField(
            label="更正理由（补记已发布年度的事项）", required=False,
            widget=forms.Textarea(attrs={"rows": 2}))


@staff_view
def step(request: HttpRequest, actor: Actor, case_id: int, name: str) -> HttpResponse:
    action = actions.BY_NAME.get(name)
    if action is None:
        raise NotFound("没有这个办理事项。")
    application = selectors.case_for_write(actor, case_id, approval=action.approval)
    today = timezone.localdate()
    clock = clock_for(application.agency, selectors.events_of(application), today)
    state = clock.state
    initial = {"on": today, "notified_on": today}
    form = actions.form_for(action, state, request.POST or None, initial=initial)
    if "correction_reason" in request.POST:
        _ask_correction_reason(form)
    if request.method == "POST" and form.is_valid():
        try:
            action.run(actor, application.pk, form.cleaned_data, state)
        except (WebError, ProcedureError) as error:
            if isinstance(error, YearLocked):
                _ask_correction_reason(form)
                form.add_error("correction_reason", error.message)
            else:
                bind_refusal(form, error, {"confirmed_on": "on"})
        else:
            messages.success(request, f"已记录：{action.label}。")
            url = reverse("cases:detail", args=[application.pk])
            if is_htmx(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return redirect(url)
    template = "applications/_step_form.html" if is_htmx(request) else "applications/step.html"
    status = 422 if request.method == "POST" else 200
    return render(request, template, {
        "case": application, "action": action, "form": form, "clock": clock,
    }, status=status)
