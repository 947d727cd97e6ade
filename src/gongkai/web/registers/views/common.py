"""The pages every register shares: a list with filters and a form to add, an edit page and a
delete page. Each register describes itself once as a :class:`Page` (pages.py); the views are
thin: read the request, call a selector or a service, render. Refusals come back as form
errors; a refusal of the year-end lock asks for the 更正理由.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.web import exports
from gongkai.web.agencies.access import is_htmx
from gongkai.web.agencies.selectors import Actor, agencies_readable
from gongkai.web.bounds import int_param, year_param
from gongkai.web.errors import Forbidden, NotFound, WebError
from gongkai.web.refusals import bind_refusal
from gongkai.web.registers import selectors
from gongkai.web.registers.forms import DeleteForm
from gongkai.web.registers.models import CatalogueEntry
from gongkai.web.registers.services.records import Register
from gongkai.web.yearlock import YearLocked

PER_PAGE = 50


@dataclass(frozen=True)
class Filter:
    name: str
    label: str
    choices: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Page:
    slug: str  # url names: <slug>, <slug>_edit, <slug>_delete; template _<slug>_rows.html
    title: str
    register: Register[Any]  # the model, its noun, how it is checked and locked (services)
    form: Callable[[Any], type[forms.Form | forms.ModelForm]]  # record (None: new) → form class
    rows: Callable[[Actor, dict[str, Any], date], Any]  # the list's selector
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    year_field: str
    filters: tuple[Filter, ...] = ()
    help: str = ""
    initial: Callable[[Any], dict[str, Any]] = model_to_dict
    form_kwargs: Callable[[Actor, Any], dict[str, Any]] = lambda actor, record: {}
    extra: Callable[[Actor, dict[str, Any], Any], dict[str, Any]] = lambda a, p, rows: {}
    detail: Callable[[Any, date], dict[str, Any]] | None = None  # more for the edit page

    @property
    def model(self) -> type[Model]:
        return self.register.model

    @property
    def noun(self) -> str:
        return self.register.noun

    @property
    def rows_template(self) -> str:
        return f"registers/_{self.slug}_rows.html"

    @property
    def detail_template(self) -> str:
        return f"registers/_{self.slug}_detail.html" if self.detail else ""

    @property
    def list_name(self) -> str:
        return f"registers:{self.slug}"

    @property
    def edit_name(self) -> str:
        return f"registers:{self.slug}_edit"

    @property
    def delete_name(self) -> str:
        return f"registers:{self.slug}_delete"


def list_params(request: HttpRequest, page: Page) -> dict[str, Any]:
    """The filters of a list from the query string: year and agency as numbers, others as text."""
    get = request.GET
    params: dict[str, Any] = {
        "year": year_param(get.get("year")),
        "agency": int_param(get.get("agency"), "agency"),
        "q": get.get("q", "").strip(),
    }
    for f in page.filters:
        value = get.get(f.name, "")
        params[f.name] = value if value in dict(f.choices) else ""
    return params


def query_string(params: Mapping[str, Any]) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def show_error(form: forms.BaseForm, error: WebError) -> None:
    """A refusal as form errors (:func:`gongkai.web.refusals.bind_refusal`); a change to a
    published year also opens the correction-reason field."""
    if isinstance(error, YearLocked):  # the reason for asking, above the form, too
        form.ask_reason = True  # type: ignore[attr-defined]
        form.add_error(None, error.message)
    bind_refusal(form, error)


def posted(request: HttpRequest) -> tuple[Any, Any]:
    """The data and files of a POST (bound even when empty), or nothing for a GET."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def reason_of(form: forms.BaseForm) -> str:
    return str(form.cleaned_data.get("correction_reason") or "")


def payload(form: forms.BaseForm) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "correction_reason"}


def list_page(
    request: HttpRequest,
    actor: Actor,
    page: Page,
    *,
    template: str = "registers/list.html",
    form: forms.BaseForm | None = None,
    context: Mapping[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render a register's list (only its rows for htmx) with the form to add a record."""
    today = timezone.localdate()
    params = list_params(request, page)
    rows = page.rows(actor, params, today)
    paged = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    agencies = agencies_readable(actor)
    many = agencies.count() > 1
    ctx = {
        "nav": "registers",
        "page_spec": page,
        "page": paged,
        "params": params,
        "query": query_string(params),
        "today": today,
        "show_agency": many,
        "can_write": selectors.can_write(actor),
        **page.extra(actor, params, rows),
    }
    if is_htmx(request) and request.method == "GET":
        return render(request, page.rows_template, ctx)
    ctx.update(
        {
            "form": form,
            "agencies": agencies if many else None,
            "years": selectors.year_choices(actor, page.model, page.year_field, today),
            **(context or {}),
        }
    )
    return render(request, template, ctx, status=status)


def list_view(request: HttpRequest, actor: Actor, page: Page) -> HttpResponse:
    """GET: the list and an empty form; POST: add a record, then back to the list."""
    form_class = page.form(None)
    kwargs = page.form_kwargs(actor, None)
    initial = {k: v for k, v in request.GET.items() if k in form_class.base_fields}
    form = (
        form_class(posted(request)[0], initial=initial, **kwargs)
        if selectors.can_write(actor)
        else None
    )
    if request.method == "POST":
        if form is None:
            raise Forbidden("只有本机关的经办人或审批人可以登记；您可以查看，但无权登记。")
        if form.is_valid():
            try:
                record = page.create(actor, payload(form), correction_reason=reason_of(form))
            except WebError as error:
                show_error(form, error)
            else:
                messages.success(request, f"已登记{page.noun}：{record}")
                return redirect(reverse(page.list_name))
        return list_page(request, actor, page, form=form, status=422)
    return list_page(request, actor, page, form=form)


def edit_view(request: HttpRequest, actor: Actor, page: Page, pk: int) -> HttpResponse:
    """The record in its form: to change for its own agency's staff, to read for others."""
    record = selectors.record_for_read(actor, page.model, pk)
    writable = selectors.can_write(actor, record.agency_id)  # type: ignore[attr-defined]
    form_class = page.form(record)
    form = form_class(
        posted(request)[0], initial=page.initial(record), **page.form_kwargs(actor, record)
    )
    if request.method == "POST":
        if not writable:
            raise Forbidden("您可以查看这条记录，但无权修改。")
        if form.is_valid():
            try:
                page.update(actor, pk, payload(form), correction_reason=reason_of(form))
            except WebError as error:
                show_error(form, error)
            else:
                messages.success(request, f"已保存{page.noun}。")
                return redirect(reverse(page.list_name))
    if not writable:
        for bound in form.fields.values():
            bound.disabled = True
    today = timezone.localdate()
    return render(
        request,
        "registers/edit.html",
        {
            "nav": "registers",
            "page_spec": page,
            "record": record,
            "form": form,
            "writable": writable,
            "today": today,
            **(page.detail(record, today) if page.detail else {}),
        },
        status=422 if request.method == "POST" else 200,
    )


def delete_view(request: HttpRequest, actor: Actor, page: Page, pk: int) -> HttpResponse:
    record = selectors.record_for_write(actor, page.model, pk)
    form = DeleteForm(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            page.delete(actor, pk, correction_reason=reason_of(form))
        except WebError as error:
            show_error(form, error)
        else:
            messages.success(request, f"已删除{page.noun}：{record}")
            return redirect(reverse(page.list_name))
    return render(
        request,
        "registers/delete.html",
        {
            "nav": "registers",
            "page_spec": page,
            "record": record,
            "form": form,
        },
        status=422 if request.method == "POST" else 200,
    )


# ---------------------------------------------------------------- export


SKIPPED_COLUMNS = frozenset({"id", "batch"})


def _columns(model: type[Model]) -> list[Any]:
    return [f for f in model._meta.fields if f.name not in SKIPPED_COLUMNS]


def _cell(record: Any, field: Any) -> Any:
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    if field.is_relation:
        related = getattr(record, field.name)
        return str(related) if related is not None else ""
    return getattr(record, field.attname)


def export_view(request: HttpRequest, actor: Actor, page: Page, fmt: str) -> HttpResponse:
    """The list with the page's filters, every page, as CSV or XLSX (exports.py)."""
    if fmt not in exports.FORMATS:
        raise NotFound("没有这种导出格式。")
    params = list_params(request, page)
    rows = page.rows(actor, params, timezone.localdate())
    columns = _columns(page.model)
    headers = [str(f.verbose_name) for f in columns]
    if page.model is CatalogueEntry:  # rows carry the entry and its 20-working-day limit
        headers.append("公开期限")
        return exports.respond(
            fmt,
            page.title,
            headers,
            ([*(_cell(r.entry, f) for f in columns), r.timing.limit] for r in rows),
        )
    return exports.respond(fmt, page.title, headers, ([_cell(r, f) for f in columns] for r in rows))
