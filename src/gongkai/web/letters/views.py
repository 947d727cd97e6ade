"""The administrator's letter templates (list, edit, restore the default) and each agency's
review body (行政复议机关), which decision letters name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.services import set_review_body
from gongkai.web.errors import Forbidden, InvalidInput
from gongkai.web.letters.context import suggested_review_body
from gongkai.web.letters.models import IssuedLetter, LetterTemplate
from gongkai.web.letters.placeholders import offered
from gongkai.web.letters.services import edit_template, ensure_templates, template_problems
from gongkai.web.textcheck import NoControlCharacters


class TemplateForm(NoControlCharacters, forms.Form):
    title = forms.CharField(label="标题", max_length=100)
    body = forms.CharField(label="正文（每行一段）", widget=forms.Textarea(attrs={"rows": 16}))

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "title" in data and "body" in data:
            found = template_problems(self.kind, title=data["title"], body=data["body"])
            for field, message in found.items():
                self.add_error(field, message)
        return data


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
        {
            "nav": "letters",
            "templates": LetterTemplate.objects.all(),
            "without_review_body": Agency.objects.filter(review_body="").count(),
        },
    )


@staff_view
def template_edit(request: HttpRequest, actor: Actor, template_id: int) -> HttpResponse:
    _admin(actor)
    template = get_object_or_404(LetterTemplate, pk=template_id)
    restore = request.method == "POST" and "restore" in request.POST
    form = TemplateForm(
        request.POST if request.method == "POST" and not restore else None,
        initial={"title": template.title, "body": template.body},
        kind=template.kind,
    )
    if restore or (request.method == "POST" and form.is_valid()):
        data = form.cleaned_data if form.is_bound else {}
        try:
            edit_template(
                actor,
                template.pk,
                title=data.get("title", template.title),
                body=data.get("body", template.body),
                restore=restore,
            )
        except InvalidInput as error:
            for field, message in error.fields.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, "模板已保存。已出具的文书不受影响。")
            return redirect("letters:edit", template_id=template.pk)
    issued = IssuedLetter.objects.filter(template=template).count()
    return render(
        request,
        "letters/template_edit.html",
        {
            "nav": "letters",
            "template": template,
            "form": form,
            "placeholders": offered(template.kind),
            "issued": issued,
        },
    )


@staff_view
def review_bodies(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Each agency's 行政复议机关, set by the administrator; the hierarchy only suggests one."""
    _admin(actor)
    if request.method == "POST" and str(request.POST.get("agency", "")).isdigit():
        agency = set_review_body(
            actor, int(request.POST["agency"]), str(request.POST.get("review_body", ""))
        )
        messages.success(request, f"已保存{agency.name}的行政复议机关。")
        return redirect("letters:review_bodies")
    agencies = [(a, suggested_review_body(a)) for a in Agency.objects.select_related("parent")]
    return render(request, "letters/review_bodies.html", {"nav": "letters", "agencies": agencies})
