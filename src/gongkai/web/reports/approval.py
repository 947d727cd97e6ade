"""Approval and publishing of an annual report (the 呈批 of the office, applied to the report).

A clerk submits a report with no errors for approval (待审批); the approver (the head of the
disclosure office, the same role that approves a reply) publishes it or returns it with a
comment; the clerk may withdraw it while it waits. An approver may publish a draft himself, as
he takes a step himself rather than drafting it. An imported report comes in waiting for
approval and becomes public only when the approver publishes it. Every step is a revision of
the report, with its comment: the report's event log.

Publishing is two steps on the pages: :func:`preview` checks everything and says what will
become public (with a digest of it); :func:`publish` does it, refusing when the report is no
longer what was confirmed. A report is published only after its year is over (by the server's
date), dated from 1 January of the next year up to today: never ahead of the day it becomes
public. Publishing locks the year's records (reports.lock).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from gongkai.report.canonical import to_canonical
from gongkai.web import bounds
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import Forbidden, InvalidInput
from gongkai.web.reports import clearance, lock
from gongkai.web.reports.access import locked_report, store
from gongkai.web.reports.errors import PublishRefused
from gongkai.web.reports.generate import generate
from gongkai.web.reports.models import Action, AnnualReport, Origin, Status

DEADLINE = (1, 31)  # 条例第五十条: the report of a year is published by 31 January


def year_over(year: int, today: date) -> bool:
    return today > date(year, 12, 31)


def first_day(year: int) -> date:
    """The first day a report of ``year`` may be published: 1 January of the next year."""
    return date(year + 1, 1, 1)


def check_year_over(year: int, today: date, doing: str = "发布") -> None:
    if not year_over(year, today):
        raise InvalidInput(
            f"{year}年度尚未结束（今天是{today.isoformat()}），年度报告须在"
            f"{first_day(year).isoformat()}以后才能{doing}。"
        )


def check_publish_date(year: int, published_on: date, today: date) -> None:
    """The year is over, and the date is neither before 1 January of the next year nor after
    today (the report becomes public when it is published)."""
    check_year_over(year, today)
    first = first_day(year)
    if published_on < first:
        raise InvalidInput(
            f"发布日期应在{year}年度结束之后（{first.isoformat()}或以后）。",
            fields={"published_on": f"发布日期应在{year}年度结束之后（{first.isoformat()}或以后）"},
        )
    if published_on > today:
        raise InvalidInput(
            f"发布日期不能晚于今天（{today.isoformat()}）：报告在确认发布时即公开。",
            fields={"published_on": f"发布日期不能晚于今天（{today.isoformat()}）"},
        )


@dataclass(frozen=True)
class Preview:
    """What publishing ``report`` on ``published_on`` makes public, as checked just now."""

    report: AnnualReport
    published_on: date
    document: dict[str, Any]
    findings: list[dict[str, Any]]
    digest: str

    @property
    def late(self) -> bool:
        """Published after 31 January of the next year (条例第五十条)."""
        return self.published_on > date(self.report.year + 1, *DEADLINE)

    @property
    def counts(self) -> dict[str, int]:
        severities = [f.get("severity") for f in self.findings]
        return {"error": severities.count("error"), "warning": severities.count("warning")}


def _digest(document: dict[str, Any], published_on: date) -> str:
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(f"{published_on.isoformat()}\n{text}".encode()).hexdigest()


def _prepare(report: AnnualReport, published_on: date) -> Preview:
    if report.status == Status.PUBLISHED:
        raise InvalidInput("报告已发布。如需更正，请先由审批人填写理由重新打开。")
    check_publish_date(report.year, published_on, bounds.today())
    if report.origin == Origin.IMPORTED:  # kept as it reads: its findings stay as they are
        document, findings = dict(report.document), list(report.findings)
    else:
        generated = generate(report.agency, report.year, report.texts, published_on=published_on)
        if generated.errors:
            raise PublishRefused(
                f"报告有 {len(generated.errors)} 个错误，改正后才能发布："
                + "；".join(f.message for f in generated.errors[:5])
            )
        document = json.loads(json.dumps(to_canonical(generated.report), default=str))
        findings = [f.to_dict() for f in generated.findings]
    refused = clearance.refusal(report, document)  # a region may ask for clearance first
    if refused:
        raise PublishRefused(refused)
    return Preview(report, published_on, document, findings, _digest(document, published_on))


def _may_publish(actor: Actor) -> None:
    if not actor.approves:
        raise Forbidden("年度报告由政府信息公开工作机构负责人（审批人）批准发布。")


def preview(actor: Actor, report_id: int, published_on: date) -> Preview:
    """Everything :func:`publish` checks, without writing: for the confirmation page."""
    _may_publish(actor)
    with transaction.atomic():
        return _prepare(locked_report(actor, report_id), published_on)


def publish(actor: Actor, report_id: int, published_on: date, *, digest: str = "") -> Preview:
    """The approver publishes a draft or a report waiting for approval. ``digest``: the one the
    confirmation showed; the report is refused when it is no longer what was confirmed."""
    _may_publish(actor)
    with transaction.atomic():
        # the agency-year first: a write of that year under way finishes before the count
        # below, and one that comes later waits and then finds the report published
        key = AnnualReport.objects.filter(pk=report_id).values("agency_id", "year").first()
        if key is not None:
            lock.lock_years(key["agency_id"], [key["year"]])
        report = locked_report(actor, report_id)
        prepared = _prepare(report, published_on)
        if digest and digest != prepared.digest:
            raise PublishRefused(
                "报告内容在您确认之后有变化（正文或登记数据已更新），没有发布。请重新核对后再确认发布。"
            )
        waited = report.status == Status.PENDING
        report.document, report.findings = prepared.document, prepared.findings
        report.status = Status.PUBLISHED
        report.published_on = published_on
        report.save()
        reason = (
            f"批准发布，发布日期{published_on.isoformat()}"
            if waited
            else (f"发布，发布日期{published_on.isoformat()}")
        )
        lock.add_revision(report, Action.PUBLISHED, actor, reason=reason)
    return prepared


def submit(actor: Actor, report_id: int, note: str = "") -> AnnualReport:
    """The office submits a report with no errors for approval; it is checked again as it
    stands now and that version is kept."""
    with transaction.atomic():
        report = locked_report(actor, report_id)
        if report.status != Status.DRAFT:
            raise InvalidInput("只有草稿可以提交审批：报告已在审批中或已发布。")
        check_year_over(report.year, bounds.today(), "提交审批和发布")
        if report.origin == Origin.GENERATED:
            generated = generate(report.agency, report.year, report.texts)
            if generated.errors:
                raise PublishRefused(
                    f"报告有 {len(generated.errors)} 个错误，改正后才能提交审批："
                    + "；".join(f.message for f in generated.errors[:5])
                )
            store(report, generated)
        report.status = Status.PENDING
        report.save()
        lock.add_revision(report, Action.SUBMITTED, actor, reason=note.strip())
    return report


def withdraw(actor: Actor, report_id: int) -> AnnualReport:
    """The office takes back a report waiting for approval, to change it."""
    with transaction.atomic():
        report = locked_report(actor, report_id)
        if report.status != Status.PENDING:
            raise InvalidInput("报告不在审批中，无需撤回。")
        report.status = Status.DRAFT
        report.save(update_fields=["status", "updated_at"])
        lock.add_revision(report, Action.WITHDRAWN, actor)
    return report


def return_report(actor: Actor, report_id: int, comment: str) -> AnnualReport:
    """The approver returns a report waiting for approval, with a comment for the office."""
    if not actor.approves:
        raise Forbidden("退回须由审批人操作。")
    if not comment.strip():
        raise InvalidInput("请填写退回意见。", fields={"comment": "请填写退回意见"})
    with transaction.atomic():
        report = locked_report(actor, report_id)
        if report.status != Status.PENDING:
            raise InvalidInput("报告不在审批中，不能退回。")
        report.status = Status.DRAFT
        report.save(update_fields=["status", "updated_at"])
        lock.add_revision(report, Action.RETURNED, actor, reason=comment.strip())
    return report


def returned_comment(report: AnnualReport) -> str:
    """The approver's comment when the report's last step was a return, else ""."""
    last = report.revisions.order_by("-seq").values("action", "reason", "actor_name").first()
    if last and last["action"] == Action.RETURNED:
        return f"{last['actor_name']}退回：{last['reason']}"
    return ""
