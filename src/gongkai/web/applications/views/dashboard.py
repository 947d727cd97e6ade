"""The work overview: cases overdue, due soon, waiting for confirmation, paused."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.applications import selectors
from gongkai.web.applications.casefile import STATUS_LABELS
from gongkai.web.reports import selectors as reports


@staff_view
def dashboard(request: HttpRequest, actor: Actor) -> HttpResponse:
    today = timezone.localdate()
    board = selectors.dashboard(actor, today)
    return render(
        request,
        "applications/dashboard.html",
        {
            "nav": "dashboard",
            "board": board,
            "today": today,
            "status_labels": STATUS_LABELS,
            "reports_waiting": reports.waiting_for_approval(actor),
            "reports_returned": reports.returned_to_office(actor),
        },
    )


DEADLINE_PAGE = 50  # rows of the overdue / due-soon list on one page, most urgent first


@staff_view
def deadlines(request: HttpRequest, actor: Actor, which: str) -> HttpResponse:
    today = timezone.localdate()
    if which == "overdue":
        rows, title = selectors.overdue_cases(actor, today), "已逾期的申请"
    else:
        rows, title = selectors.due_soon_cases(actor, today), "即将到期的申请"
    page = Paginator(rows, DEADLINE_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/deadlines.html",
        {
            "nav": "dashboard",
            "rows": page.object_list,
            "page": page,
            "title": title,
            "today": today,
            "status_labels": STATUS_LABELS,
        },
    )
