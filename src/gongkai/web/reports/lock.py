"""The year-end lock: once a year's report is published, its records change only openly.

Every service that writes a record the annual report counts calls :func:`guard` inside its
transaction, with the dates the change touches. When a published report counts those dates,
the write is refused unless a reason is given; with a reason the change is recorded as a
:class:`~gongkai.web.reports.models.Correction` and each affected report is reopened (back to
draft, with a revision that keeps the reason), so it must be checked and published again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import WebError
from gongkai.web.reports.models import Action, AnnualReport, Correction, Revision, Status


class YearLocked(WebError):
    status = 409
    code = "YEAR_LOCKED"

    def __init__(self, years: list[int]) -> None:
        self.years = years
        names = "、".join(f"{y}年度" for y in years)
        super().__init__(
            f"{names}报告已经发布，修改这些年度的记录须填写更正理由；"
            f"保存后报告将重新打开，须重新校验、发布。",
            fields={"correction_reason": "请填写更正理由"},
        )


def affected_reports(agency_id: int, dates: Iterable[date | None], *,
                     carries: bool) -> list[AnnualReport]:
    """The published reports of ``agency_id`` that count a record dated ``dates``.

    ``carries``: the record counts in later years too (an open case or dispute is carried
    over, a document stays in force), so every published year from the earliest date on is
    affected; otherwise only the years of the dates themselves.
    """
    years = {d.year for d in dates if d is not None}
    if not years:
        return []
    published = AnnualReport.objects.filter(agency_id=agency_id, status=Status.PUBLISHED)
    if carries:
        published = published.filter(year__gte=min(years))
    else:
        published = published.filter(year__in=years)
    return list(published.select_for_update().order_by("year"))


def guard(actor: Actor | None, agency_id: int, dates: Iterable[date | None], *, carries: bool,
          record: str, change: str, reason: str = "") -> list[int]:
    """Refuse, or record and reopen; returns the years reopened. Call inside the write's
    ``transaction.atomic()`` so a refused or failed write leaves nothing behind."""
    reports = affected_reports(agency_id, dates, carries=carries)
    if not reports:
        return []
    years = [r.year for r in reports]
    reason = reason.strip()
    if not reason:
        raise YearLocked(years)
    Correction.objects.create(
        agency_id=agency_id, record=record, years=years, change=change, reason=reason,
        actor_id=actor.user_id if actor else None, actor_name=actor.name if actor else "",
    )
    for report in reports:
        reopen(report, actor, f"更正{record}：{reason}")
    return years


def reopen(report: AnnualReport, actor: Actor | None, reason: str) -> Revision:
    report.status = Status.DRAFT
    report.save(update_fields=["status", "updated_at"])
    return add_revision(report, Action.REOPENED, actor, reason=reason)


def add_revision(report: AnnualReport, action: str, actor: Actor | None, *,
                 reason: str = "") -> Revision:
    last = report.revisions.order_by("-seq").values_list("seq", flat=True).first() or 0
    return Revision.objects.create(
        report=report, seq=last + 1, action=action, reason=reason,
        document=report.document, findings=report.findings,
        actor_id=actor.user_id if actor else None, actor_name=actor.name if actor else "",
    )
