"""The supervision endpoints: read only, for supervisors and administrators, with the pages'
selectors and data (a supervisor reads its agency's subtree). Another role is refused (403)
before anything is read; a region outside the subtree, or a year without a roster, is 404.

The coverage is the board's (gongkai.web.supervision.board), the findings the findings list's
with the supervisor's review, the scores the assessment sheet's on the same findings (a
dismissed finding deducts nothing)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from gongkai.supervision.coverage import STATUS_LABEL, STATUSES
from gongkai.supervision.roster import UNIT_TYPES
from gongkai.supervision.scoring import UnitScore
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor
from gongkai.web.api.auth import SessionAuth, TokenAuth
from gongkai.web.api.fields import TEXT
from gongkai.web.api.schemas import ErrorOut
from gongkai.web.bounds import FIRST_YEAR, LAST_YEAR
from gongkai.web.errors import Forbidden, NotFound
from gongkai.web.supervision import board as boards
from gongkai.web.supervision import clearance, selectors
from gongkai.web.supervision.scores import region_scores

if TYPE_CHECKING:
    CoverageStatus = str
    UnitType = str
    UnitTypeFilter = str
    Severity = str
    ReviewDecision = str
else:
    CoverageStatus = Literal[STATUSES]
    UnitType = str  # a roster's type (one of UNIT_TYPES when it was loaded)
    UnitTypeFilter = Literal[("", *UNIT_TYPES)]
    Severity = Literal["error", "warning", "info"]
    ReviewDecision = Literal["confirmed", "dismissed"]

router = Router(tags=["supervision"])
REFUSED = "只有监督人员或系统管理员可以查看监督数据。"


def _supervisor(actor: Actor | None) -> Actor | None:
    if actor is not None and not selectors.supervises(actor):
        raise Forbidden(REFUSED)
    return actor


class SupervisorToken(TokenAuth):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return _supervisor(super().authenticate(request, token))


class SupervisorSession(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return _supervisor(super().authenticate(request, key))


AUTH = [SupervisorToken(), SupervisorSession()]
ERRORS = {status: ErrorOut for status in (400, 401, 403, 404)}


def _actor(request: Any) -> Actor:
    return request.auth  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------ shapes


class RegionOut(Schema):
    id: int
    name: str
    writable: bool = Field(description="本人可以操作（本机关的监督范围）")
    years: list[int] = Field(description="已导入名单的年度")
    requires_clearance: bool = Field(description="年度报告发布前须提交本机关审核")


class CellOut(Schema):
    year: int
    status: CoverageStatus
    status_label: str
    label: str = Field(description="如页面所示，如“逾期12天（按报告落款日期）”")
    deadline: date
    published_on: date | None
    days_late: int | None
    internal_deadline: date | None
    internal_days_late: int | None
    issues: int = Field(description="待处理问题数（错误和警告，已排除的不计）")
    sources: list[str]


class CoverageRowOut(Schema):
    unit_id: str
    name: str
    type: UnitType
    parent_id: str | None
    parent_name: str
    cells: list[CellOut]


class YearCountsOut(Schema):
    year: int
    on_time: int
    late: int
    date_unknown: int
    missing: int
    unreadable: int
    wrong_year: int
    issues: int


class CoverageOut(Schema):
    region_id: int
    region: str
    years: list[int]
    counts: list[YearCountsOut] = Field(description="所列单位各状态的数量，按年度")
    units: list[CoverageRowOut]


class ReviewOut(Schema):
    decision: ReviewDecision
    decision_label: str
    reason: str
    actor: str
    at: datetime


class FindingRowOut(Schema):
    unit_id: str
    unit_name: str
    unit_type: UnitType
    year: int
    key: str = Field(description="问题标识（审核以此对应）")
    code: str
    severity: Severity
    severity_label: str
    place: str
    message: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: str | None = None
    expected: Any = None
    actual: Any = None
    counts: bool = Field(description="计入待处理问题（错误或警告，且未被排除）")
    review: ReviewOut | None


class DeductionOut(Schema):
    check: str
    points: str = Field(description="扣分（十进制文本）")
    code: str
    place: str
    evidence: str
    source: str


class ItemScoreOut(Schema):
    item_id: str
    title: str
    weight: str = Field(description="分值（十进制文本）")
    score: str = Field(description="得分（十进制文本）")
    deductions: list[DeductionOut]


class UnitScoreOut(Schema):
    unit_id: str
    name: str
    unit_type: UnitType
    status: CoverageStatus
    score: str = Field(description="总分（十进制文本）")
    band: str
    note: str
    items: list[ItemScoreOut] = Field(description="无报告可评时为空")


class ScoresOut(Schema):
    region_id: int
    region: str
    year: int
    sheet: str
    total: str = Field(description="满分（十进制文本）")
    units: list[UnitScoreOut]


class UnitFilter(Schema):
    model_config = ConfigDict(extra="forbid")

    type: UnitTypeFilter = Field("", description="单位类型")
    parent: str = Field("", max_length=200, pattern=TEXT, description="上级单位标识（含其本身）")
    unit: str = Field("", max_length=200, pattern=TEXT, description="单位标识")

    def filters(self, **more: Any) -> boards.Filters:
        return boards.Filters(unit_type=self.type, parent=self.parent, unit=self.unit, **more)


class CoverageFilter(UnitFilter):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="只列这一年度")


class FindingFilter(UnitFilter):
    issues: bool = Field(False, description="只列待处理问题（错误和警告，已排除的不计）")
    rule: str = Field("", max_length=40, pattern=TEXT, description="规则代码")


# ------------------------------------------------------------------------------ reads


def _region(request: Any, region_id: int) -> Agency:
    return selectors.region_for_read(_actor(request), region_id)


def _year_data(region: Agency, year: int) -> boards.Region:
    """What the findings page loads: the year, and the year before when it has a roster."""
    years = selectors.roster_years(region)
    if year not in years:
        raise NotFound(f"没有{year}年度的名单。")
    return boards.load(region, [y for y in (year - 1, year) if y in years])


REGION_LINKS = {
    name: {
        "operationId": operation,
        "parameters": {"region_id": "$response.body#/0/id", **extra},
        "description": description,
    }
    for name, operation, extra, description in (
        ("Coverage", "supervision_coverage", {}, "第一个监督范围的发布情况"),
        (
            "Findings",
            "supervision_findings",
            {"year": "$response.body#/0/years/0"},
            "第一个监督范围第一个年度的问题",
        ),
        (
            "Scores",
            "supervision_scores",
            {"year": "$response.body#/0/years/0"},
            "第一个监督范围第一个年度的评分",
        ),
    )
}


@router.get(
    "/supervision/regions",
    response={200: list[RegionOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=AUTH,
    operation_id="supervision_regions",
    summary="本人可查看的监督范围（本机关及下级机关）",
    openapi_extra={"responses": {"200": {"links": REGION_LINKS}}},
)
def regions(request: Any) -> list[dict[str, Any]]:
    actor = _actor(request)
    out = []
    for region in selectors.regions_readable(actor).order_by("path"):
        out.append(
            {
                "id": region.pk,
                "name": region.name,
                "writable": selectors.can_write(actor, region),
                "years": selectors.roster_years(region),
                "requires_clearance": clearance.requires_clearance(region),
            }
        )
    return out


@router.get(
    "/supervision/regions/{region_id}/coverage",
    response={200: CoverageOut, **ERRORS},
    auth=AUTH,
    operation_id="supervision_coverage",
    summary="发布情况：名单单位 × 年度（与“发布情况”页面相同）",
)
def coverage(request: Any, region_id: int, filters: Query[CoverageFilter]) -> dict[str, Any]:
    region = _region(request, region_id)
    rows, counts = boards.board(boards.load(region), filters.filters())
    wanted = [y for y in counts if filters.year is None or y == filters.year]
    return {
        "region_id": region.pk,
        "region": region.name,
        "years": wanted,
        "counts": [{"year": y, **counts[y]} for y in wanted],
        "units": [
            {
                "unit_id": r.unit.id,
                "name": r.unit.name,
                "type": r.unit.type,
                "parent_id": r.unit.parent,
                "parent_name": r.parent_name,
                "cells": [_cell(c) for c in r.cells if c.cell.year in wanted],
            }
            for r in rows
        ],
    }


def _cell(cell: boards.BoardCell) -> dict[str, Any]:
    c = cell.cell
    return {
        "year": c.year,
        "status": c.status,
        "status_label": STATUS_LABEL[c.status],
        "label": cell.label,
        "deadline": c.deadline,
        "published_on": c.published_on,
        "days_late": c.days_late,
        "internal_deadline": c.internal_deadline,
        "internal_days_late": c.internal_days_late,
        "issues": cell.issues,
        "sources": list(c.sources),
    }


@router.get(
    "/supervision/regions/{region_id}/{year}/findings",
    response={200: list[FindingRowOut], **ERRORS},
    auth=AUTH,
    operation_id="supervision_findings",
    summary="一个年度的问题及审核结论（与“年度问题”页面相同）",
)
def findings(
    request: Any, region_id: int, year: int, filters: Query[FindingFilter]
) -> list[dict[str, Any]]:
    region = _region(request, region_id)
    data = _year_data(region, year)
    chosen = filters.filters(issues_only=filters.issues, rule=filters.rule)
    return [_finding(r) for r in boards.filtered_findings(data, year, chosen)]


def _finding(row: boards.FindingRow) -> dict[str, Any]:
    found = row.item.finding.to_dict()
    review = row.review
    return {
        "unit_id": row.unit.id,
        "unit_name": row.unit.name,
        "unit_type": row.unit.type,
        "year": row.item.year,
        "key": row.item.key,
        "place": row.place,
        "severity_label": row.severity_label,
        **{k: found.get(k) for k in ("table", "row", "column", "section", "expected", "actual")},
        "code": found["code"],
        "severity": found["severity"],
        "message": found["message"],
        "counts": row.counts,
        "review": {
            "decision": review.decision,
            "decision_label": review.get_decision_display(),
            "reason": review.reason,
            "actor": review.actor_name,
            "at": review.at,
        }
        if review
        else None,
    }


@router.get(
    "/supervision/regions/{region_id}/{year}/scores",
    response={200: ScoresOut, **ERRORS},
    auth=AUTH,
    operation_id="supervision_scores",
    summary="一个年度按评分表的得分，每项扣分及其依据（已排除的问题不扣分）",
)
def scores(request: Any, region_id: int, year: int, filters: Query[UnitFilter]) -> dict[str, Any]:
    region = _region(request, region_id)
    data = _year_data(region, year)
    sheet, scored = region_scores(data, year)
    units = data.units
    keep = filters.filters()
    return {
        "region_id": region.pk,
        "region": region.name,
        "year": year,
        "sheet": sheet.name,
        "total": _decimal(sheet.total),
        "units": [_score(s) for s in scored if keep.keeps(units[s.unit_id])],
    }


def _decimal(value: Any) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _score(unit: UnitScore) -> dict[str, Any]:
    return {
        "unit_id": unit.unit_id,
        "name": unit.name,
        "unit_type": unit.unit_type,
        "status": unit.status,
        "score": _decimal(unit.score),
        "band": unit.band,
        "note": unit.note,
        "items": [
            {
                "item_id": i.item.id,
                "title": i.item.title,
                "weight": _decimal(i.item.weight),
                "score": _decimal(i.score),
                "deductions": [
                    {
                        "check": d.check,
                        "points": _decimal(d.points),
                        "code": d.code,
                        "place": d.place,
                        "evidence": d.evidence,
                        "source": d.source,
                    }
                    for d in i.deductions
                ],
            }
            for i in unit.items
        ],
    }
