"""The 登记簿 overview, and the lookup of an application by its 申请编号 for the dispute form."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.applications.selectors import cases_readable
from gongkai.web.errors import NotFound
from gongkai.web.registers import selectors
from gongkai.web.registers.views import common
from gongkai.web.registers.views.pages import PAGES


@staff_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    today = timezone.localdate()
    cards = [(page, selectors.readable(actor, page.model).count()) for page in PAGES]
    overdue = [
        r for r in selectors.catalogue(actor, today=today, status="awaiting") if r.timing.overdue
    ]
    pending = selectors.disputes(actor, state="pending").count()
    return render(
        request,
        "registers/index.html",
        {
            "nav": "registers",
            "cards": cards,
            "overdue": overdue,
            "pending": pending,
            "today": today,
            "can_write": selectors.can_write(actor),
        },
    )


@staff_view
def application_options(request: HttpRequest, actor: Actor) -> HttpResponse:
    """``<option>`` elements for the 申请编号 field: the actor's own agency's applications."""
    q = request.GET.get("application_number", request.GET.get("q", "")).strip()
    agency = selectors.write_agency(actor)
    found = []
    if agency is not None and len(q) >= 2:
        found = list(
            cases_readable(actor)
            .filter(agency=agency)
            .filter(Q(tracking_number__icontains=q) | Q(applicant_name__icontains=q))
            .order_by("-received_on", "-pk")[:20]
        )
    return render(request, "registers/_application_options.html", {"found": found})


@staff_view
def export(request: HttpRequest, actor: Actor, slug: str, fmt: str) -> HttpResponse:
    """A register's list as CSV or XLSX, with the list's filters."""
    page = next((p for p in PAGES if p.slug == slug), None)
    if page is None:
        raise NotFound("没有这个登记簿。")
    return common.export_view(request, actor, page, fmt)
