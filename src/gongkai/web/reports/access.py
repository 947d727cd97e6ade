"""Who may write an agency-year's report, the report row locked for a write, and storing a
generated version: shared by the report's services (services.py) and its approval
(approval.py)."""

from __future__ import annotations

from gongkai.report.canonical import to_canonical
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import Forbidden, InvalidInput
from gongkai.web.reports.generate import Generated
from gongkai.web.reports.models import AnnualReport


def writable_agency(actor: Actor, agency_id: int) -> None:
    if not actor.handles_cases or actor.staff is None or actor.staff.agency_id != agency_id:
        raise Forbidden("只有本机关的经办人或审批人可以编写年度报告。")


def locked_report(actor: Actor, report_id: int) -> AnnualReport:
    report = (
        AnnualReport.objects.select_for_update()
        .select_related("agency")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise InvalidInput("没有这份报告。")
    writable_agency(actor, report.agency_id)
    return report


def store(report: AnnualReport, generated: Generated) -> None:
    report.document = to_canonical(generated.report)
    report.findings = [f.to_dict() for f in generated.findings]
