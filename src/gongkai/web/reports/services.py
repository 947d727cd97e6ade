"""Writes of the annual report: open a draft, save the prose, publish, reopen, import.

A draft is regenerated from the registers on every save and checked; what is stored is the
version saved (canonical JSON with its findings) and a revision for each step. Errors block
publishing; a published report is frozen until it is reopened with a recorded reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from django.db import IntegrityError, transaction

from gongkai.report.canonical import to_canonical
from gongkai.report.errors import GongkaiError
from gongkai.report.isolate import parse_isolated
from gongkai.report.rules import check
from gongkai.report.spec import format_for_year
from gongkai.web import bounds
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import Forbidden, InvalidInput
from gongkai.web.reports import lock
from gongkai.web.reports.errors import PublishRefused
from gongkai.web.reports.generate import CARRY_NOTE, Generated, generate, previous_of
from gongkai.web.reports.models import Action, AnnualReport, Origin, Status
from gongkai.web.reports.narrative import EDITABLE_SECTIONS

TEXT_KEYS = (*EDITABLE_SECTIONS, CARRY_NOTE)


def _writable_agency(actor: Actor, agency_id: int) -> None:
    if not actor.handles_cases or actor.staff is None or actor.staff.agency_id != agency_id:
        raise Forbidden("只有本机关的经办人或审批人可以编写年度报告。")


def _locked_report(actor: Actor, report_id: int) -> AnnualReport:
    report = (
        AnnualReport.objects.select_for_update()
        .select_related("agency")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise InvalidInput("没有这份报告。")
    _writable_agency(actor, report.agency_id)
    return report


def _store(report: AnnualReport, generated: Generated) -> None:
    report.document = to_canonical(generated.report)
    report.findings = [f.to_dict() for f in generated.findings]


def open_draft(actor: Actor, agency_id: int, year: int) -> AnnualReport:
    """The agency-year's report, created as a draft generated from the registers if new."""
    _writable_agency(actor, agency_id)
    _year_in_range(year)
    agency = Agency.objects.get(pk=agency_id)
    with transaction.atomic():
        existing = AnnualReport.objects.filter(agency=agency, year=year).first()
        if existing is not None:
            return existing
        report = AnnualReport(agency=agency, year=year, origin=Origin.GENERATED)
        _store(report, generate(agency, year, {}))
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
        report = _locked_report(actor, report_id)
        _draft_only(report)
        merged = {**report.texts, **{k: v for k, v in texts.items() if k in TEXT_KEYS}}
        generated = generate(report.agency, report.year, merged)  # refuses unknown fields
        report.texts = merged
        _store(report, generated)
        report.save()
        lock.add_revision(report, Action.SAVED, actor)
    return generated


def publish(actor: Actor, report_id: int, published_on: date) -> Generated:
    """The head of the disclosure office publishes a report with no errors."""
    if not actor.approves:
        raise Forbidden("年度报告由政府信息公开工作机构负责人（审批人）发布。")
    with transaction.atomic():
        # the agency-year first: a write of that year under way finishes before the count
        # below, and one that comes later waits and then finds the report published
        key = AnnualReport.objects.filter(pk=report_id).values("agency_id", "year").first()
        if key is not None:
            lock.lock_years(key["agency_id"], [key["year"]])
        report = _locked_report(actor, report_id)
        _draft_only(report)
        if published_on.year <= report.year:
            raise InvalidInput(
                f"发布日期应在{report.year}年度结束之后。",
                fields={"published_on": "发布日期应在报告年度结束之后"},
            )
        latest = max(bounds.today(), date(report.year + 1, 12, 31))
        if published_on > latest:  # a date ahead only for the report of the year now ending
            raise InvalidInput(
                f"发布日期不能晚于{latest.isoformat()}。",
                fields={"published_on": f"不能晚于{latest.isoformat()}"},
            )
        generated = generate(report.agency, report.year, report.texts, published_on=published_on)
        if generated.errors:
            raise PublishRefused(
                f"报告有 {len(generated.errors)} 个错误，改正后才能发布："
                + "；".join(f.message for f in generated.errors[:5])
            )
        _store(report, generated)
        report.status = Status.PUBLISHED
        report.published_on = published_on
        report.save()
        lock.add_revision(report, Action.PUBLISHED, actor)
    return generated


def reopen(actor: Actor, report_id: int, reason: str) -> AnnualReport:
    """Reopen a published report to correct it; the reason is kept with the revision."""
    if not actor.approves:
        raise Forbidden("重新打开已发布的报告须由审批人操作。")
    if not reason.strip():
        raise InvalidInput("请填写重新打开的理由。", fields={"reason": "请填写理由"})
    with transaction.atomic():
        report = _locked_report(actor, report_id)
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
    if report.status == Status.PUBLISHED:
        raise InvalidInput("报告已发布。如需更正，请先由审批人填写理由重新打开。")


def import_published(
    actor: Actor, agency_id: int, file_name: str, data: bytes, *, year: int | None = None
) -> AnnualReport:
    """Keep a report published before the agency used gongkai, exactly as it reads, so that
    last year's 结转 and comparisons are there. The numbers are never changed."""
    _writable_agency(actor, agency_id)
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
    if parsed.applications is None:
        raise InvalidInput(
            f"{file_name}：没有找到表三（收到和处理政府信息公开申请情况），"
            "可能是扫描件或图片，无法导入。"
        )
    note = ""
    if parsed.format is None:  # e.g. no table 二 to tell the formats apart: the year decides
        parsed = replace(parsed, format=format_for_year(year))
        if parsed.format is None:
            raise InvalidInput(f"{file_name}：无法判断报告采用的格式（{year}年度早于2019年格式）。")
        note = f"；未能从文件判断格式，按年度采用{parsed.format}年格式"
    with transaction.atomic():
        lock.lock_years(agency_id, [year])  # it is published as it comes in: as publish does
        if AnnualReport.objects.filter(agency_id=agency_id, year=year).exists():
            raise InvalidInput(f"本机关已有{year}年度报告，不能重复导入。")
        previous, _ = previous_of(agency_id, year)
        findings = check(parsed, previous)
        report = AnnualReport.objects.create(
            agency_id=agency_id,
            year=year,
            origin=Origin.IMPORTED,
            status=Status.PUBLISHED,
            texts={k: v for k, v in parsed.sections.items() if v},
            document=to_canonical(parsed),
            findings=[f.to_dict() for f in findings],
            published_on=parsed.published_on,
            source_name=file_name[:200],
        )
        lock.add_revision(report, Action.IMPORTED, actor, reason=f"导入 {file_name}{note}")
    return report
