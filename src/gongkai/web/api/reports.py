"""The annual-report endpoints: read only, with the same selectors and permissions as the pages.
A report is its canonical JSON (docs/report-json.md) as last saved or published, with
the validator's findings on that version."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from ninja import Field, Query, Router, Schema

from gongkai.web.agencies.selectors import Actor
from gongkai.web.api.schemas import ErrorOut
from gongkai.web.bounds import FIRST_YEAR, LAST_YEAR, MAX_ID
from gongkai.web.reports import selectors
from gongkai.web.reports.models import AnnualReport, Status

if TYPE_CHECKING:
    ReportStatus = str
else:
    ReportStatus = Literal[("", *Status.values)]

router = Router(tags=["reports"])


def _actor(request: Any) -> Actor:
    return request.auth  # type: ignore[no-any-return]


class FindingOut(Schema):
    code: str
    severity: str
    message: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: str | None = None
    expected: Any = None
    actual: Any = None


class ReportOut(Schema):
    id: int
    agency: str
    agency_id: int
    year: int
    status: str
    origin: str
    published_on: date | None
    errors: int
    warnings: int
    updated_at: datetime


class ReportDetailOut(ReportOut):
    document: dict[str, Any]
    findings: list[FindingOut]


class ReportFilter(Schema):
    agency_id: int | None = Field(None, ge=1, le=MAX_ID)
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    status: ReportStatus = Field("", description="draft 草稿、pending 待审批、published 已发布")


ERRORS = {status: ErrorOut for status in (400, 401, 403)}


def report_out(report: AnnualReport) -> dict[str, Any]:
    severities = [f.get("severity") for f in report.findings]
    return {
        "id": report.pk,
        "agency": report.agency.name,
        "agency_id": report.agency_id,
        "year": report.year,
        "status": report.status,
        "origin": report.origin,
        "published_on": report.published_on,
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
        "updated_at": report.updated_at,
    }


@router.get(
    "/reports",
    response={200: list[ReportOut], **ERRORS},
    operation_id="list_reports",
    openapi_extra={
        "responses": {
            "200": {
                "links": {
                    "ReadFirstReport": {
                        "operationId": "read_report",
                        "parameters": {"report_id": "$response.body#/0/id"},
                        "description": "读取列表中的第一份报告",
                    }
                }
            }
        }
    },
    summary="年度报告列表（本人可见的机关）",
)
def list_reports(request: Any, filters: Query[ReportFilter]) -> list[dict[str, Any]]:
    reports = selectors.reports_readable(_actor(request)).defer("document", "texts")
    if filters.agency_id is not None:
        reports = reports.filter(agency_id=filters.agency_id)
    if filters.year is not None:
        reports = reports.filter(year=filters.year)
    if filters.status:
        reports = reports.filter(status=filters.status)
    return [report_out(r) for r in reports.order_by("agency__path", "-year")]


@router.get(
    "/reports/{report_id}",
    response={200: ReportDetailOut, 404: ErrorOut, **ERRORS},
    operation_id="read_report",
    summary="一份年度报告：保存或发布的版本（规范 JSON）及其校验结果",
)
def read_report(request: Any, report_id: int) -> dict[str, Any]:
    report = selectors.report_for_read(_actor(request), report_id)
    return {**report_out(report), "document": report.document, "findings": report.findings}
