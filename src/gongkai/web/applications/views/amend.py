"""Correcting the registered applicant (type or name), with a reason that is kept."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.applications import selectors
from gongkai.web.applications.models import APPLICANT_TYPE_CHOICES
from gongkai.web.applications.services.amend import amend_registration
from gongkai.web.errors import WebError
from gongkai.web.textcheck import NoControlCharacters


class AmendForm(NoControlCharacters, forms.Form):
    applicant_type = forms.ChoiceField(label="申请人类型", choices=APPLICANT_TYPE_CHOICES)
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=200)
    reason = forms.CharField(label="更正理由", widget=forms.Textarea(attrs={"rows": 2}))


@staff_view
def amend(request: HttpRequest, actor: Actor, case_id: int) -> HttpResponse:
    application = selectors.case_for_write(actor, case_id)
    form = AmendForm(
        request.POST or None,
        initial={
            "applicant_type": application.applicant_type,
            "applicant_name": application.applicant_name,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            amend_registration(
                actor,
                case_id,
                reason=data["reason"],
                applicant_type=data["applicant_type"],
                applicant_name=data["applicant_name"],
            )
        except WebError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "已更正申请人信息，更正理由已记录。")
            return redirect("cases:detail", case_id=case_id)
    return render(
        request,
        "applications/amend.html",
        {"case": application, "form": form},
        status=422 if request.method == "POST" else 200,
    )
