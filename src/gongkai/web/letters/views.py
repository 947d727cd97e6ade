"""The administrator's letter templates: list, edit, restore the default."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.web.applications.views.common import Actor, staff_view
from gongkai.web.errors import Forbidden
from gongkai.web.letters.defaults import PLACEHOLDERS
from gongkai.web.letters.models import LetterTemplate
from gongkai.web.letters.services import edit_template, ensure_templates
from gongkai.web.textcheck import NoControlCharacters


class TemplateForm(NoControlCharacters, forms.Form):
    title = forms.CharField(label="标题", max_length=100)
    body = forms.CharField(label="正文（每行一段）", widget=forms.Textarea(attrs={"rows": 16}))


def _admin(actor: Actor) -> None:
    if not actor.is_administrator:
        raise Forbidden("只有系统管理员可以修改文书模板。")


@staff_view
def template_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    _admin(actor)
    ensure_templates()
    return render(
        request,
        "letters/template_list.html",
        {"nav": "letters", "templates": LetterTemplate.objects.all()},
    )


@staff_view
def template_edit(request: HttpRequest, actor: Actor, template_id: int) -> HttpResponse:
    _admin(actor)
    template = get_object_or_404(LetterTemplate, pk=template_id)
    form = TemplateForm(
        request.POST or None, initial={"title": template.title, "body": template.body}
    )
    if request.method == "POST" and ("restore" in request.POST or form.is_valid()):
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        edit_template(
            actor,
            template.pk,
            title=data.get("title", template.title),
            body=data.get("body", template.body),
            restore="restore" in request.POST,
        )
        messages.success(request, "模板已保存。")
        return redirect("letters:edit", template_id=template.pk)
    return render(
        request,
        "letters/template_edit.html",
        {"nav": "letters", "template": template, "form": form, "placeholders": PLACEHOLDERS},
    )
