from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from gongkai.web.agencies.access import staff_view
from gongkai.web.registers.views import common, decisions, index
from gongkai.web.registers.views.pages import PAGES, Page


def _bound(view: Callable[..., HttpResponse], page: Page) -> Callable[..., HttpResponse]:
    def bound(request: HttpRequest, actor: Any, **kwargs: Any) -> HttpResponse:
        return view(request, actor, page, **kwargs)

    bound.__name__ = f"{page.slug}_{view.__name__}"
    return staff_view(bound)


def _pages() -> list[URLPattern]:
    patterns = []
    for page in PAGES:
        if page.slug != "decisions":  # the decision list has two forms of its own
            patterns.append(path(f"{page.slug}/", _bound(common.list_view, page), name=page.slug))
        patterns += [
            path(
                f"{page.slug}/<int:pk>/", _bound(common.edit_view, page), name=f"{page.slug}_edit"
            ),
            path(
                f"{page.slug}/<int:pk>/delete/",
                _bound(common.delete_view, page),
                name=f"{page.slug}_delete",
            ),
        ]
    return patterns


app_name = "registers"
urlpatterns = [
    path("", index.index, name="index"),
    path("decisions/", decisions.decision_list, name="decisions"),
    path("decisions/import/", decisions.import_page, name="decisions_import"),
    path(
        "decisions/import/template.csv", decisions.import_template, name="decisions_import_template"
    ),
    path("decisions/batches/<int:pk>/undo/", decisions.undo_batch, name="decisions_undo"),
    path("disputes/applications/", index.application_options, name="application_options"),
    path("<slug:slug>/export.<str:fmt>", index.export, name="export"),
    *_pages(),
]
