"""Demo annual reports for 临淄区民政局, after the applications and the registers are loaded:

- the year before last came in as a published report (a DOCX, as the office would upload it):
  the office used gongkai only from its last weeks, so table 三 adds the year's earlier cases to
  what the register holds, while its 结转下年度 is the register's (the cases still open on 31
  December), and tables 二 and 四 are the registers' own counts;
- last year's report is generated from the registers, written, checked and published when it
  has no errors (with an explanation of 上年结转 if XYEAR-CARRY asks for one);
- this year's report is a draft, generated with the default prose.

Everything goes through the report services, as on the pages.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from gongkai.report.canonical import from_canonical, to_canonical
from gongkai.report.model import Report
from gongkai.report.render import render
from gongkai.report.spec import APPLICANT_COLUMN_KEYS, APPLICANT_TYPES, FORMAT_2021
from gongkai.web.agencies.models import Agency, Role, StaffMember
from gongkai.web.agencies.selectors import Actor, actor_for
from gongkai.web.reports import cells, services, tables
from gongkai.web.reports.generate import FIRST_YEAR, Generated

MAIN_AGENCY = "临淄区民政局"
CARRY_RULE = "XYEAR-CARRY"

# the applications of the imported year that the register does not hold (received before the
# office used gongkai), and those carried in from the year before
EARLIER = {
    "natural_person": 38,
    "business": 5,
    "research": 1,
    "nonprofit": 1,
    "legal_service": 3,
    "other_org": 2,
}
CARRIED_IN = {"natural_person": 2, "business": 1}

IMPORTED_OVERVIEW = (
    "{year}年，{agency}深入贯彻落实《中华人民共和国政府信息公开条例》，围绕民生保障重点领域"
    "推进政府信息公开。\n"
    "（一）主动公开。及时公开最低生活保障、特困人员救助供养、临时救助等政策文件和资金发放情况。\n"
    "（二）依申请公开。本年度新收政府信息公开申请{received}件，均在法定期限内答复。\n"
    "（三）政府信息管理。落实公开前保密审查，动态更新政府信息公开目录。\n"
    "（四）监督保障。将政府信息公开工作纳入年度考核，开展业务培训2次。"
)
IMPORTED_PROBLEMS = (
    "一是政策解读形式较为单一，图解、视频解读较少；二是依申请公开答复文书说理有待加强。"
    "下一步，将丰富政策解读形式，规范答复文书格式，定期开展案例研讨。"
)
IMPORTED_OTHER = "本年度未收取信息处理费。无其他需要报告的事项。"

PROBLEMS = (
    "一是部分救助类信息公开不够及时，个别公开目录条目超过二十个工作日才公开；二是依申请公开"
    "登记环节仍有纸质台账与系统记录并行的情况。改进措施：建立公开目录每月自查制度，"
    "对超期公开的条目逐条说明原因；全部申请统一在系统中登记办理，纸质材料只作归档。"
)
CARRY_NOTE = (
    "上年报告统计结转数时，部分已在12月底前办结的申请未及时登记办结日期，本年按登记记录更正。"
)


def load(today: date) -> dict[int, str]:
    """The three reports of the main demo agency; returns the status of each year's report."""
    agency = Agency.objects.filter(name=MAIN_AGENCY).first()
    if agency is None:
        return {}
    clerk, approver = _actor(agency, Role.CLERK), _actor(agency, Role.APPROVER)
    imported_year, published_year = today.year - 2, today.year - 1
    done: dict[int, str] = {}
    if imported_year >= FIRST_YEAR:
        name = f"{agency.name}{imported_year}年政府信息公开工作年度报告.docx"
        data = render(from_canonical(imported_document(agency, imported_year)), "docx")
        report = services.import_published(clerk, agency.pk, name, data)
        # imported reports wait for the approver like generated ones
        services.publish(approver, report.pk, report.published_on or date(today.year - 1, 1, 22))
        report.refresh_from_db()
        done[report.year] = report.status
    if published_year >= FIRST_YEAR:
        report = services.open_draft(clerk, agency.pk, published_year)
        generated = services.save(clerk, report.pk, {"problems_section": PROBLEMS})
        if _fires(generated, CARRY_RULE):
            generated = services.save(clerk, report.pk, {"carry_note": CARRY_NOTE})
        if not generated.errors:
            published_on = min(date(today.year, 1, 20), today)
            services.publish(approver, report.pk, published_on)
        report.refresh_from_db()
        done[report.year] = report.status
    draft = services.open_draft(clerk, agency.pk, today.year)
    done[draft.year] = draft.status
    return done


def imported_document(agency: Agency, year: int) -> dict[str, Any]:
    """The report the office published for ``year`` before it used gongkai, consistent in
    itself (every identity of docs/law.md#identities holds) and with the registers."""
    carried_out = _by_type(cells.carried_out(agency.pk, cells.Year(year)))
    in_register = _by_type(cells.received(agency.pk, cells.Year(year)))
    rows: dict[str, dict[str, int]] = {
        row: dict.fromkeys(APPLICANT_TYPES, 0) for row in FORMAT_2021.applications.row_keys
    }
    for kind in APPLICANT_TYPES:
        received = EARLIER.get(kind, 0) + in_register[kind]
        carried_in = CARRIED_IN.get(kind, 0)
        concluded = received + carried_in - carried_out[kind]
        rows["received"][kind] = received
        rows["carried_in"][kind] = carried_in
        rows["carried_out"][kind] = carried_out[kind]
        rows["concluded_total"][kind] = concluded
        shares = {
            "partially_granted": concluded // 6,
            "unavailable_not_held": concluded // 7,
            "withheld_third_party": concluded // 15,
            "declined_repeat": concluded // 20,
            "closed_other": concluded // 25,
        }
        for row, n in shares.items():
            rows[row][kind] = n
        rows["granted"][kind] = concluded - sum(shares.values())
    applications = {row: {**values, "total": sum(values.values())} for row, values in rows.items()}
    assert list(applications["received"]) == list(APPLICANT_COLUMN_KEYS)
    received_total = applications["received"]["total"]
    generated = to_canonical(_tables_only(agency, year))
    return {
        "format": "2021",
        "agency": agency.name,
        "year": year,
        "published_on": date(year + 1, 1, 22).isoformat(),
        "contact": {
            "address": agency.address,
            "postcode": agency.postcode,
            "phone": agency.phone,
            "email": agency.email,
        },
        "period": {"start": date(year, 1, 1).isoformat(), "end": date(year, 12, 31).isoformat()},
        "sections": {
            "overview": IMPORTED_OVERVIEW.format(
                year=year, agency=agency.name, received=received_total
            ),
            "proactive_section": "",
            "applications_section": "",
            "disputes_section": "",
            "problems_section": IMPORTED_PROBLEMS,
            "other_section": IMPORTED_OTHER,
        },
        "proactive": generated["proactive"],
        "applications": applications,
        "disputes": generated["disputes"],
    }


def _tables_only(agency: Agency, year: int) -> Report:
    return Report(
        format="2021",
        agency=agency.name,
        year=year,
        proactive=tables.proactive_table(agency.pk, year),
        applications=tables.applications_table(agency.pk, year),
        disputes=tables.disputes_table(agency.pk, year),
    )


def _by_type(qs: Any) -> Counter[str]:
    return Counter(qs.values_list("applicant_type", flat=True))


def _fires(generated: Generated, code: str) -> bool:
    return any(f.code == code and f.severity == "error" for f in generated.findings)


def _actor(agency: Agency, role: str) -> Actor:
    staff = StaffMember.objects.filter(agency=agency, role=role).order_by("pk").first()
    assert staff is not None, f"the demo has a {role} at {agency.name}"
    actor = actor_for(get_user_model().objects.get(pk=staff.user_id))
    assert actor is not None
    return actor
