"""Generate an agency-year's annual report from the registers and check it.

The tables are counted (tables.py), the prose is the office's text with its figure fields
filled in (narrative.py), and the validator of gongkai.report runs on the result with last
year's report, so 上年结转 is reconciled with last year's 结转下年度 (rule XYEAR-CARRY).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from gongkai.report.canonical import from_canonical
from gongkai.report.model import SEVERITIES, Contact, Finding, Period, Report
from gongkai.report.rules import check
from gongkai.web.agencies.models import Agency
from gongkai.web.errors import InvalidInput
from gongkai.web.reports import tables
from gongkai.web.reports.cells import Year
from gongkai.web.reports.models import AnnualReport, Origin, Status
from gongkai.web.reports.narrative import DRAFTS, Figure, figures, fill

FIRST_YEAR = 2021  # the 2021 format; earlier years are imported, not generated
EMPTY_CHARS = 2  # section 五 of at most this many characters ("无。", "暂无") says nothing
CARRY_NOTE = "carry_note"  # the office's explanation when 上年结转 differs from last year


@dataclass(frozen=True)
class Generated:
    report: Report
    findings: tuple[Finding, ...]
    figures: Mapping[str, Figure]
    previous: Report | None
    previous_origin: str | None  # how last year's report came in: generated or imported

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")


def texts_with_drafts(texts: Mapping[str, str]) -> dict[str, str]:
    """The office's prose, with the draft for each section it has not written yet."""
    out = {key: texts.get(key, draft) for key, draft in DRAFTS.items()}
    out[CARRY_NOTE] = texts.get(CARRY_NOTE, "")
    return out


def previous_of(agency_id: int, year: int) -> tuple[Report | None, str | None]:
    """Last year's report as published (or imported), for the cross-year checks."""
    row = (
        AnnualReport.objects.filter(agency_id=agency_id, year=year - 1, status=Status.PUBLISHED)
        .values("document", "origin")
        .first()
    )
    if not row or not row["document"]:
        return None, None
    return from_canonical(row["document"], source=f"{year - 1}年度报告"), row["origin"]


def generate(
    agency: Agency, year: int, texts: Mapping[str, str], *, published_on: date | None = None
) -> Generated:
    if year < FIRST_YEAR:
        raise InvalidInput(
            f"按2021年格式生成的报告从{FIRST_YEAR}年度开始；更早年度请导入已发布的报告。"
        )
    proactive = tables.proactive_table(agency.pk, year)
    applications = tables.applications_table(agency.pk, year)
    disputes = tables.disputes_table(agency.pk, year)
    known = figures(agency.name, agency.pk, year, proactive, applications, disputes)
    prose = texts_with_drafts(texts)
    y = Year(year)
    report = Report(
        format="2021",
        agency=agency.name,
        year=year,
        published_on=published_on,
        contact=Contact(
            agency.address or None,
            agency.postcode or None,
            agency.phone or None,
            agency.email or None,
        ),
        period=Period(y.first, y.last),
        title=f"{agency.name}{year}年政府信息公开工作年度报告",
        sections={
            "overview": fill(prose["overview"], known),
            "proactive_section": "",
            "applications_section": fill(prose[CARRY_NOTE], known),
            "disputes_section": "",
            "problems_section": fill(prose["problems_section"], known),
            "other_section": fill(prose["other_section"], known),
        },
        proactive=proactive,
        applications=applications,
        disputes=disputes,
        source=f"gongkai:{agency.pk}/{year}",
        reader="gongkai",
    )
    previous, origin = previous_of(agency.pk, year)
    findings = check(report, previous)
    findings = [_blocking(_explained(f, prose[CARRY_NOTE], origin)) for f in findings]
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))  # stable: catalogue order kept
    return Generated(report, tuple(findings), known, previous, origin)


def _explained(finding: Finding, note: str, origin: str | None) -> Finding:
    """XYEAR-CARRY names where last year's figure came from; an explanation in the report
    (docs/law.md#cross-year: an error unless the agency explains it) makes it a warning."""
    if finding.code != "XYEAR-CARRY":
        return finding
    source = "导入的已发布报告" if origin == Origin.IMPORTED else "已发布的上年报告"
    detail = {**finding.detail, "previous_origin": origin or ""}
    message = f"{finding.message}（上年数据来自{source}）"
    if note.strip():
        return replace(
            finding,
            severity="warning",
            detail={**detail, "explained": True},
            message=message + "；报告已说明原因",
        )
    return replace(finding, detail=detail, message=message)


def _blocking(finding: Finding) -> Finding:
    """What the validator only hints at in a report read from a file is an error in a report
    gongkai writes, so it blocks publishing: prose whose figure contradicts table 三 (the office
    typed a number where a figure field fills the table's), and an empty section 五 (the
    Regulation's art. 50 asks for the main problems and how they are being remedied)."""
    if finding.code == "NARR-MISMATCH":
        return replace(
            finding,
            severity="error",
            detail={**finding.detail, "blocking": True},
            message=f"{finding.message}；生成的报告中正文数字须与表三一致，"
            "请改用数据项（如{本年新收申请}）",
        )
    if (
        finding.code == "PROBLEMS-THIN"
        and isinstance(finding.actual, int)
        and finding.actual <= EMPTY_CHARS
    ):
        return replace(
            finding,
            severity="error",
            detail={**finding.detail, "blocking": True},
            message="第五部分“存在的主要问题及改进情况”没有内容：须写明本年度工作"
            "存在的主要问题和改进情况",
        )
    return finding
