"""Demo data for the registers: every register of the four demo agencies that handle cases,
over the years the demo applications span, written through the register services (so every
record passes the same checks as one typed in) with a seeded random generator.

- documents issued since 2019, some repealed, some with a fixed term that has ended;
- decisions one by one (民政局), as yearly totals for past years (齐都镇), imported from a
  GBK-encoded CSV export (台儿庄区民政局), none where an office makes none;
- fee income for the agencies that collect fees;
- catalogue entries, mostly published in time, a few late, a few awaiting publication (one of
  them overdue), a few withheld after review;
- reviews and lawsuits on demo applications: every path and outcome, pending ones, a suit after
  review, one carried over from last year;
- training, policy interpretation, press events, NPC suggestions and CPPCC proposals.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Min
from django.utils import timezone

from gongkai.procedure.errors import CalendarNotAvailable
from gongkai.procedure.workdays import Calendar
from gongkai.web.agencies.models import Role, StaffMember
from gongkai.web.agencies.selectors import Actor, actor_for
from gongkai.web.applications.models import Application
from gongkai.web.demo import people
from gongkai.web.registers.services import (
    catalogue,
    decisions,
    disputes,
    documents,
    fees,
    imports,
    matters,
)
from gongkai.web.workdays.selectors import current_calendar

# agency → (document number prefix, court code, index-number code)
CODES = {
    "临淄区民政局": ("临民发", "鲁0305", "113703050042581X1K"),
    "临淄区人民政府办公室": ("临政办发", "鲁0305", "11370305004257873J"),
    "临淄区齐都镇人民政府": ("齐政发", "鲁0305", "11370305004260262U"),
    "台儿庄区民政局": ("台民发", "鲁0405", "113704050049731R2M"),
}
DOCUMENT_TITLES = {
    "临淄区民政局": (
        "临淄区最低生活保障审核确认办法",
        "临淄区临时救助实施细则",
        "临淄区养老服务机构运营补贴管理办法",
        "临淄区困难残疾人生活补贴发放管理办法",
        "临淄区特困人员认定办法",
        "临淄区经营性公墓管理办法",
    ),
    "临淄区人民政府办公室": (
        "临淄区政府信息公开工作规定",
        "临淄区行政规范性文件管理办法",
        "临淄区重大行政决策程序规定",
        "临淄区政务服务“一网通办”实施办法",
        "临淄区老旧小区改造实施方案",
        "临淄区公共资源交易管理办法",
    ),
    "临淄区齐都镇人民政府": (
        "齐都镇村级财务管理办法",
        "齐都镇农村宅基地审批管理办法",
        "齐都镇人居环境整治长效管护办法",
        "齐都镇村级公益事业一事一议办法",
    ),
    "台儿庄区民政局": (
        "台儿庄区最低生活保障审核确认办法",
        "台儿庄区社会组织管理办法",
        "台儿庄区孤儿和事实无人抚养儿童保障办法",
        "台儿庄区殡葬管理办法",
    ),
}
LICENSING = ("社会团体成立登记", "民办非企业单位成立登记", "殡葬设施建设审批", "社会团体变更登记")
PENALTIES = ("违规经营殡葬用品", "社会组织未按规定年检", "违规建设公墓")
COERCION = ("查封违规殡葬设施",)
FEES = {
    "临淄区齐都镇人民政府": ("城镇垃圾处理费",),
    "台儿庄区民政局": ("公墓维护管理费",),
    "临淄区民政局": ("殡葬设施使用收费",),
}
CATEGORIES = (
    "社会救助",
    "养老服务",
    "社会组织",
    "政策文件",
    "财政预决算",
    "人事信息",
    "规划计划",
    "政策解读",
)
CATALOGUE_TITLES = (
    "关于公布{y}年第{n}批{c}事项的通知",
    "{y}年{c}工作情况通报",
    "关于做好{y}年{c}工作的通知",
    "{c}资金发放情况公示（{y}年第{n}期）",
    "关于{c}有关事项的公告",
)
MATTERS = (
    ("training", "政府信息公开业务培训", (20, 80)),
    ("interpretation", "《{doc}》政策解读", (1, 1)),
    ("press", "{c}新闻发布会", (1, 1)),
    ("platform", "政府网站信息公开专栏栏目调整", (1, 1)),
)


def _clerks() -> dict[str, Actor]:
    users = {u.pk: u for u in get_user_model().objects.all()}
    found: dict[str, Actor] = {}
    for staff in StaffMember.objects.select_related("agency").filter(role=Role.CLERK):
        if staff.agency.name in CODES and staff.agency.name not in found:
            actor = actor_for(users[staff.user_id])
            if actor is not None:
                found[staff.agency.name] = actor
    return found


class Days:
    """Working days on the official calendar, never after ``today``; weekdays where the
    calendar has no data (a year whose arrangement is not entered yet)."""

    def __init__(self, calendar: Calendar, today: date, rng: random.Random) -> None:
        self.cal, self.today, self.rng = calendar, today, rng

    def is_workday(self, day: date) -> bool:
        try:
            return self.cal.is_workday(day)
        except CalendarNotAvailable:
            return day.weekday() < 5

    def on_or_before(self, day: date) -> date:
        day = min(day, self.today)
        while not self.is_workday(day):
            day -= timedelta(days=1)
        return day

    def after(self, day: date, workdays: int) -> date:
        """The ``workdays``-th working day after ``day`` (may lie after today)."""
        while workdays > 0:
            day += timedelta(days=1)
            workdays -= self.is_workday(day)
        return day

    def in_year(self, year: int, first: date | None = None) -> date:
        start = max(first or date(year, 1, 1), date(year, 1, 1))
        end = min(date(year, 12, 31), self.today)
        day = self.on_or_before(start + timedelta(days=self.rng.randint(0, (end - start).days)))
        while day < start:  # a holiday at the start of the year
            day = self.after(day, 1)
        return min(day, self.today)


def load(today: date, *, seed: int = 20261124) -> dict[str, int]:
    """Fill every register for the demo agencies; returns how many records each got."""
    today = min(today, timezone.localdate())  # the services refuse dates after the real today
    rng = random.Random(seed)
    days = Days(current_calendar(), today, rng)
    first = Application.objects.aggregate(first=Min("received_on"))["first"]
    years = list(range(min(first.year if first else today.year, today.year - 1), today.year + 1))
    made: dict[str, int] = {}
    for name, actor in _clerks().items():
        counts = {
            "documents": _documents(actor, name, days, rng),
            "decisions": _decisions(actor, name, years, days, rng),
            "fees": _fees(actor, name, years, today, rng),
            "catalogue": _catalogue(actor, name, years, days, rng),
            "disputes": _disputes(actor, name, days, rng),
            "matters": _matters(actor, name, years, days, rng),
        }
        for key, n in counts.items():
            made[key] = made.get(key, 0) + n
    return made


def _documents(actor: Actor, agency: str, days: Days, rng: random.Random) -> int:
    prefix = CODES[agency][0]
    titles = DOCUMENT_TITLES[agency]
    years = range(2019, days.today.year + 1)
    n = 0
    for index, title in enumerate(titles):
        year = years[index * len(years) // len(titles)]
        issued = days.in_year(year)
        data = {
            "kind": "normative_docs",
            "number": f"{prefix}〔{year}〕{rng.randint(1, 40)}号",
            "title": title,
            "issued_on": issued,
        }
        if index % 3 == 0:  # a fixed term of five years (ended for the oldest)
            data["expires_on"] = issued.replace(
                year=issued.year + 5, day=min(issued.day, 28)
            ) - timedelta(days=1)
        if index == 1 and issued.year < days.today.year - 1:  # replaced by a newer document
            data["repealed_on"] = days.in_year(issued.year + 2)
            data["note"] = "已被新修订的文件替代"
        documents.create_document(actor, data)
        n += 1
    return n


def _decisions(actor: Actor, agency: str, years: list[int], days: Days, rng: random.Random) -> int:
    if agency == "临淄区人民政府办公室":
        return 0  # the office makes no licensing, penalty or coercion decisions
    n = 0
    for year in years:
        if agency == "临淄区齐都镇人民政府" and year < days.today.year:
            for kind, count in (("licensing", rng.randint(30, 80)), ("penalty", rng.randint(2, 9))):
                decisions.create_total(
                    actor,
                    {
                        "kind": kind,
                        "year": year,
                        "count": count,
                        "subject": "数据来源于镇便民服务中心审批台账",
                    },
                )
                n += 1
            continue
        rows = []
        for kind, subjects, many in (
            ("licensing", LICENSING, 12),
            ("penalty", PENALTIES, 3),
            ("coercion", COERCION, 1),
        ):
            letter = {"licensing": "许", "penalty": "罚", "coercion": "强"}[kind]
            for seq in range(1, rng.randint(max(1, many // 2), many) + 1):
                party = people.organisation(rng.choice(["business", "nonprofit"]), rng)
                rows.append(
                    (
                        kind,
                        days.in_year(year),
                        f"{CODES[agency][0][:2]}{letter}〔{year}〕{seq}号",
                        f"{rng.choice(subjects)}：{party}",
                    )
                )
        if agency == "台儿庄区民政局":  # exported from the approval system, imported as CSV
            imports.import_decisions(actor, f"台儿庄区民政局{year}年决定台账.csv", _csv(rows, rng))
        else:
            for kind, on, reference, subject in rows:
                decisions.create_entry(
                    actor,
                    {"kind": kind, "decided_on": on, "reference": reference, "subject": subject},
                )
        n += len(rows)
    return n


def _csv(rows: list[tuple[str, date, str, str]], rng: random.Random) -> bytes:
    labels = {"licensing": "行政许可", "penalty": "行政处罚", "coercion": "行政强制"}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("序号", "决定类别", "决定日期", "文号", "当事人", "件数"))
    for seq, (kind, on, reference, subject) in enumerate(rows, 1):
        writer.writerow(
            (seq, labels[kind], f"{on.year}年{on.month}月{on.day}日", reference, subject, 1)
        )
    return out.getvalue().encode("gbk")


def _fees(actor: Actor, agency: str, years: list[int], today: date, rng: random.Random) -> int:
    n = 0
    for year in years:
        for item in FEES.get(agency, ()):
            amount = round(rng.uniform(3, 60), 4) * (0.8 if year == today.year else 1)
            fees.create_fee_income(
                actor,
                {
                    "year": year,
                    "item": item,
                    "amount": f"{amount:.4f}",
                    "note": "截至目前" if year == today.year else "",
                },
            )
            n += 1
    return n


def _catalogue(actor: Actor, agency: str, years: list[int], days: Days, rng: random.Random) -> int:
    code = CODES[agency][2]
    reviewer = people.person(rng)
    n = 0
    for year in years:
        for seq in range(1, 13):
            created = days.in_year(year)
            recent = year == days.today.year and seq > 9
            if recent:  # awaiting publication: two within their limit, one overdue
                created = days.on_or_before(days.today - timedelta(days=(4, 9, 45)[seq - 10]))
            category = rng.choice(CATEGORIES)
            data = {
                "index_no": f"{code}/{year}-{seq:05d}",
                "title": rng.choice(CATALOGUE_TITLES).format(y=year, n=seq, c=category),
                "summary": f"{agency}{category}方面的信息。",
                "category": category,
                "doc_number": f"{CODES[agency][0]}〔{year}〕{seq + 40}号" if seq % 3 == 0 else "",
                "created_on": created,
            }
            late = seq == 5 or (seq == 7 and year % 2 == 0)
            used = rng.randint(22, 30) if late else rng.randint(1, 15)
            published = days.after(created, used)
            withheld = seq == 8 and year < days.today.year
            if not recent and published <= days.today:
                reviewed = max(
                    created, days.on_or_before(published - timedelta(days=rng.randint(0, 2)))
                )
                data.update(
                    {
                        "reviewer": reviewer,
                        "reviewed_on": reviewed,
                        "review_conclusion": "withhold"
                        if withheld
                        else rng.choice(["release"] * 5 + ["partial"]),
                    }
                )
                if withheld:
                    data["review_note"] = "涉及个人隐私，不予公开"
                else:
                    data["published_on"] = published
            catalogue.create_entry(actor, data)
            n += 1
    return n


def _disputes(actor: Actor, agency: str, days: Days, rng: random.Random) -> int:
    """Every path and outcome on applications that were refused in some way."""
    if agency not in ("临淄区民政局", "临淄区人民政府办公室"):
        return 0
    candidates = list(
        Application.objects.filter(agency__name=agency, closed_on__isnull=False)
        .exclude(outcome__in=["granted", "closed_other"])
        .order_by("closed_on", "pk")
    )
    # (path, outcome or "" for pending, days after the reply it was filed, the suit after it)
    plans = (
        ("review", "upheld", 20, "corrected"),
        ("review", "corrected", 35, None),
        ("review", "other_outcome", 15, "upheld"),
        ("review", "upheld", 25, "other_outcome"),
        ("lit_direct", "upheld", 60, None),
        ("lit_direct", "corrected", 70, None),
        ("lit_direct", "other_outcome", 40, None),
        ("review", "", 10, None),
        ("lit_direct", "", 12, None),
    )
    n = 0
    for index, (path, outcome, after, suit) in enumerate(plans):
        if outcome:
            pool = [a for a in candidates if _closed(a) + timedelta(days=after + 150) <= days.today]
        else:  # pending: filed lately
            pool = [a for a in candidates if _closed(a) + timedelta(days=after) <= days.today][-3:]
        if not pool:
            continue
        application = pool[index % len(pool)] if outcome else pool[-1]
        candidates.remove(application)
        filed = days.on_or_before(_closed(application) + timedelta(days=after))
        n += _dispute(actor, path, application, filed, outcome, agency, days, rng, suit)
    # filed late last year, concluded this year (pending at last year's end), then sued
    year = days.today.year
    pool = [a for a in candidates if _closed(a) <= date(year - 1, 11, 15)]
    if pool and days.today >= date(year, 3, 1):
        filed = days.on_or_before(date(year - 1, 12, 10))
        n += _dispute(
            actor,
            "review",
            pool[-1],
            filed,
            "upheld",
            agency,
            days,
            rng,
            "",
            concluded=days.on_or_before(date(year, 2, 6)),
            note="上年度结转",
        )
    return n


def _dispute(
    actor: Actor,
    path: str,
    application: Application,
    filed: date,
    outcome: str,
    agency: str,
    days: Days,
    rng: random.Random,
    suit: str | None,
    *,
    concluded: date | None = None,
    note: str = "",
) -> int:
    """A review or suit; ``suit``: the applicant then sued with this outcome ("" pending)."""
    data = _dispute_data(path, application, filed, agency, rng)
    data["note"] = note
    if outcome:
        concluded = concluded or days.on_or_before(filed + timedelta(days=rng.randint(45, 60)))
        data.update(outcome=outcome, concluded_on=concluded, detail=_detail(path, outcome))
    first = disputes.create_dispute(actor, data)
    if suit is None or first.concluded_on is None:
        return 1
    suit_filed = days.on_or_before(first.concluded_on + timedelta(days=12))
    later = _dispute_data("lit_after_review", application, suit_filed, agency, rng)
    later["follows"] = first.pk
    ends = days.on_or_before(suit_filed + timedelta(days=75))
    if suit and ends < days.today - timedelta(days=5):
        later.update(outcome=suit, concluded_on=ends, detail=_detail("lit_after_review", suit))
    disputes.create_dispute(actor, later)
    return 2


def _dispute_data(
    path: str, application: Application, filed: date, agency: str, rng: random.Random
) -> dict[str, object]:
    if path == "review":
        number = f"临政复〔{filed.year}〕{rng.randint(1, 90)}号"
        body = "临淄区人民政府"
    else:
        number = f"（{filed.year}）{CODES[agency][1]}行初{rng.randint(1, 200)}号"
        body = "淄博市临淄区人民法院"
    return {
        "path": path,
        "application_number": application.tracking_number,
        "case_number": number,
        "body": body,
        "filed_on": filed,
    }


def _detail(path: str, outcome: str) -> str:
    if outcome == "upheld":
        return "维持原政府信息公开答复" if path == "review" else "判决驳回原告诉讼请求"
    if outcome == "corrected":
        return "撤销原答复，责令重新答复" if path == "review" else "判决撤销被诉答复并责令重新答复"
    return "申请人撤回复议申请，复议终止" if path == "review" else "原告撤诉，裁定准许"


def _matters(actor: Actor, agency: str, years: list[int], days: Days, rng: random.Random) -> int:
    n = 0
    doc = DOCUMENT_TITLES[agency][0]
    for year in years:
        for kind, title, (low, high) in MATTERS:
            for _ in range(rng.randint(1, 2)):
                matters.create_matter(
                    actor,
                    {
                        "kind": kind,
                        "on": days.in_year(year),
                        "title": title.format(doc=doc, c=rng.choice(CATEGORIES)),
                        "count": rng.randint(low, high),
                    },
                )
                n += 1
        if agency == "临淄区人民政府办公室":  # the government's office reports these
            for kind, label in (("npc_suggestion", "人大代表建议"), ("cppcc_proposal", "政协提案")):
                matters.create_matter(
                    actor,
                    {
                        "kind": kind,
                        "on": days.in_year(year, date(year, 9, 1)),
                        "title": f"{year}年承办的{label}办理复文公开",
                        "count": rng.randint(8, 30),
                        "note": "办理复文已全部在政府网站公开",
                    },
                )
                n += 1
    return n


def _closed(application: Application) -> date:
    """The closing day of a case chosen among the closed ones."""
    assert application.closed_on is not None
    return application.closed_on
