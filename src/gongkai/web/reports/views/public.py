"""The public pages, no login: the published annual reports by agency, each in the official
layout with its downloads. Only published versions are reachable; a draft is "not found"."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.report.canonical import from_canonical
from gongkai.web.bounds import int_param
from gongkai.web.reports import downloads, pages, selectors
from gongkai.web.reports.display import report_blocks


def public_list(request: HttpRequest) -> HttpResponse:
    agency = request.GET.get("agency", "")
    agency_id = int_param(agency, "agency")
    reports = selectors.published_reports(agency_id).defer("document", "texts", "findings")
    page = Paginator(reports, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/public_list.html",
        {
            "page": page,
            "agencies": pages.agencies_with_published(),
            "agency": agency,
            "formats": downloads.links(downloads.PUBLIC_FORMATS),
        },
    )


def public_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = selectors.published_report(report_id)
    model = from_canonical(report.document, source=str(report))
    return render(
        request,
        "reports/public_detail.html",
        {
            "report": report,
            "blocks": report_blocks(model),
            "formats": downloads.links(downloads.PUBLIC_FORMATS),
        },
    )


def public_download(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    return downloads.download(selectors.published_report(report_id), fmt, downloads.PUBLIC_FORMATS)
