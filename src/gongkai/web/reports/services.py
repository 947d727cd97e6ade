"""Writes of the annual report: open a draft, save the prose, reopen, import (approval and
publishing: approval.py, re-exported here).

A draft is regenerated from the registers on every save and checked; what is stored is the
version saved (canonical JSON with its findings) and a revision for each step. Errors block
publishing; a published report is frozen until it is reopened with a recorded reason. An
imported report waits for the approver like a generated one, and one naming another agency is
refused unless the approver imports it with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from django.db import IntegrityError, transaction

from gongkai.report.canonical import to_canonical
from gongkai.report.errors import GongkaiError
from gongkai.report.isolate import parse_isolated
from gongkai.report.model import Report
from gongkai.report.rules import check
from gongkai.report.spec import format_for_year
from gongkai.web import bounds
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import Forbidden, InvalidInput
from gongkai.web.reports import lock
from gongkai.web.reports.access import locked_report, store, writable_agency
from gongkai.web.reports.agency_names import names_match
from gongkai.web.reports.approval import (
    check_year_over,
    preview,
    publish,
    return_report,
    submit,
    withdraw,
)
from gongkai.web.reports.generate import CARRY_NOTE, Generated, generate, previous_of
from gongkai.web.reports.models import Action, AnnualReport, Origin, Status
from gongkai.web.reports.narrative import EDITABLE_SECTIONS

TEXT_KEYS = (*EDITABLE_SECTIONS, CARRY_NOTE)


def open_draft(actor: Actor, agency_id: int, year: int) -> AnnualReport:
    """The agency-year's report, created as a draft generated from the registers if new."""
    writable_agency(actor, agency_id)
    _year_in_range(year)
    agency = Agency.objects.get(pk=agency_id)
    with transaction.atomic():
        existing = AnnualReport.objects.filter(agency=agency, year=year).first()
        if existing is not None:
            return existing
        report = AnnualReport(agency=agency, year=year, origin=Origin.GENERATED)
        store(report, generate(agency, year, {}))
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:  # opened by someone else a moment ago
            return AnnualReport.objects.get(agency=agency, year=year)
        lock.add_revision(report, Action.SAVED, actor, reason="由登记数据生成初稿")
    return report


def save(actor: Actor, report_id: int, texts: Mapping[str, str]) -> Generated:
    """Save the office's prose; the tables are regenerated and the validator runs."""
    with transaction.atomic():
        report = locked_report(actor, report_id)
        _draft_only(report)
        merged = {**report.texts, **{k: v for k, v in texts.items() if k in TEXT_KEYS}}
        generated = generate(report.agency, report.year, merged)  # refuses unknown fields
        report.texts = merged
        store(report, generated)
        report.save()
        lock.add_revision(report, Action.SAVED, actor)
    return generated


def reopen(actor: Actor, report_id: int, reason: str) -> AnnualReport:
    """Reopen a published report to correct it; the reason is kept with the revision."""
    if not actor.approves:
        raise Forbidden("重新打开已发布的报告须由审批人操作。")
    if not reason.strip():
        raise InvalidInput("请填写重新打开的理由。", fields={"reason": "请填写理由"})
    with transaction.atomic():
        report = locked_report(actor, report_id)
        if report.status != Status.PUBLISHED:
            raise InvalidInput("报告尚未发布，无需重新打开。")
        if report.origin == Origin.IMPORTED:
            raise InvalidInput("导入的报告按原文保存，不能修改；如需更正请删除后重新导入。")
        lock.reopen(report, actor, reason.strip())
    return report


def _year_in_range(year: int, file_name: str = "") -> None:
    """A report is of a year from 2008 (the Regulation) up to this year."""
    last = bounds.today().year
    if not bounds.FIRST_YEAR <= year <= last:
        prefix = f"{file_name}：" if file_name else ""
        raise InvalidInput(
            f"{prefix}报告年度{year}不在{bounds.FIRST_YEAR}年至{last}年之间。",
            fields={"year": f"年度应在{bounds.FIRST_YEAR}至{last}之间"},
        )


def _draft_only(report: AnnualReport) -> None:
    if report.origin == Origin.IMPORTED:
        raise InvalidInput("导入的报告按原文保存，不能编辑。")
    if report.status == Status.PENDING:
        raise InvalidInput("报告正在审批中，不能修改；如需修改，请先撤回审批。")
    if report.status == Status.PUBLISHED:
        raise InvalidInput("报告已发布。如需更正，请先由审批人填写理由重新打开。")


def import_published(
    actor: Actor,
    agency_id: int,
    file_name: str,
    data: bytes,
    *,
    year: int | None = None,
    reason: str = "",
) -> AnnualReport:
    """Keep a report published before the agency used gongkai, exactly as it reads, so that
    last year's 结转 and comparisons are there. The numbers are never changed. It waits for the
    approver (like a generated report) before it is public and counts as published; an
    unpublished import of the same year is replaced. ``reason``: an approver's reason for
    importing a report that names another agency (renamed, merged)."""
    writable_agency(actor, agency_id)
    agency = Agency.objects.get(pk=agency_id)
    try:
        parsed = parse_isolated(data, file_name)  # a child process, time- and memory-bound
    except GongkaiError as error:
        text = str(error)
        raise InvalidInput(text if file_name in text else f"{file_name}：{text}") from error
    if year is not None and parsed.year is not None and parsed.year != year:
        raise InvalidInput(
            f"{file_name}：文件是{parsed.year}年度的报告，与所填年度{year}不符。",
            fields={"year": "与文件中的年度不符"},
        )
    year = year or parsed.year
    if year is None:
        raise InvalidInput(
            f"{file_name}：无法确定报告年度，请指定年度。", fields={"year": "请填写报告年度"}
        )
    _year_in_range(year, file_name)
    check_year_over(year, bounds.today(), "作为已发布的报告导入")
    if parsed.applications is None:
        raise InvalidInput(
            f"{file_name}：没有找到表三（收到和处理政府信息公开申请情况），"
            "可能是扫描件或图片，无法导入。"
        )
    note = _agency_note(actor, agency, parsed, file_name, reason)
    if parsed.format is None:  # e.g. no table 二 to tell the formats apart: the year decides
        parsed = replace(parsed, format=format_for_year(year))
        if parsed.format is None:
            raise InvalidInput(f"{file_name}：无法判断报告采用的格式（{year}年度早于2019年格式）。")
        note += f"；未能从文件判断格式，按年度采用{parsed.format}年格式"
    with transaction.atomic():
        lock.lock_years(agency_id, [year])  # two imports of one year: one after the other
        existing = (
            AnnualReport.objects.select_for_update().filter(agency_id=agency_id, year=year).first()
        )
        if existing is not None and (
            existing.origin != Origin.IMPORTED or existing.status == Status.PUBLISHED
        ):
            raise InvalidInput(f"本机关已有{year}年度报告，不能重复导入。")
        previous, _ = previous_of(agency_id, year)
        findings = check(parsed, previous)
        report = existing or AnnualReport(agency_id=agency_id, year=year, origin=Origin.IMPORTED)
        report.status = Status.PENDING
        report.texts = {k: v for k, v in parsed.sections.items() if v}
        report.document = to_canonical(parsed)
        report.findings = [f.to_dict() for f in findings]
        report.published_on = parsed.published_on
        report.source_name = file_name[:200]
        report.save()
        again = "重新导入" if existing is not None else "导入"
        lock.add_revision(
            report, Action.IMPORTED, actor, reason=f"{again} {file_name}{note}；待审批人批准后公开"
        )
    return report


def _agency_note(actor: Actor, agency: Agency, parsed: Report, file_name: str, reason: str) -> str:
    """Refuse a report of another agency, unless an approver gives a reason (then returned,
    for the revision)."""
    if names_match(parsed.agency, agency.name):
        return ""
    found = f"“{parsed.agency}”" if parsed.agency else "（文件中未能读出机关名称）"
    told = f"{file_name}：文件中的机关名称{found}与本机关“{agency.name}”不一致"
    if not actor.approves:
        raise InvalidInput(
            f"{told}，不能导入。如确为本机关的报告（如机关更名），请审批人填写理由后导入。"
        )
    if not reason.strip():
        raise InvalidInput(
            f"{told}。如确为本机关的报告，请填写导入理由。",
            fields={
                "reason": f"机关名称不一致（文件：{parsed.agency or '未读出'}），请填写导入理由"
            },
        )
    return (
        f"；机关名称不一致（文件：{parsed.agency or '未读出'}），审批人导入理由：{reason.strip()}"
    )


__all__ = [
    "import_published",
    "open_draft",
    "preview",
    "publish",
    "reopen",
    "return_report",
    "save",
    "submit",
    "withdraw",
]
