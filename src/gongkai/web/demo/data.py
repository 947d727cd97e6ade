"""Demo data: the agencies of the seed reports, staff with every role, and a few hundred
applications over the last two years in every phase and with every outcome code; then the
registers (demo/registers.py) and the annual reports counted from them (demo/reports.py).

Every application goes through the real services (intake and steps), so its events are exactly
what the procedure allows; dates come from the official calendar.
"""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from gongkai.procedure.errors import ProcedureError
from gongkai.procedure.outcomes import OUTCOMES, REPLY_OUTCOMES, WITHHELD_OUTCOMES
from gongkai.procedure.workdays import Calendar, add_workdays
from gongkai.report.spec import APPLICANT_TYPES, OUTCOME_KEYS
from gongkai.web.agencies.models import Agency, AgencyKind, Role
from gongkai.web.agencies.selectors import Actor, actor_for
from gongkai.web.agencies.services import create_agency, create_staff
from gongkai.web.applications.services import intake, steps
from gongkai.web.applications.tracking import hash_secret
from gongkai.web.demo import people, registers, reports
from gongkai.web.letters.services import ensure_templates
from gongkai.web.workdays.selectors import current_calendar

PASSWORD = "gongkai-demo"
DEMO_SECRET = "DEMO2026"
TZ = ZoneInfo("Asia/Shanghai")

AGENCIES: tuple[tuple[str, str, str | None, dict[str, str]], ...] = (
    (
        "临淄区人民政府",
        AgencyKind.GOVERNMENT,
        None,
        {
            "office_name": "临淄区人民政府办公室",
            "address": "临淄区广场路1号",
            "postcode": "255400",
            "phone": "0533-7212036",
            "email": "lzqzfzwgkb@zb.shandong.cn",
        },
    ),
    (
        "临淄区人民政府办公室",
        AgencyKind.OFFICE,
        "临淄区人民政府",
        {
            "office_name": "临淄区人民政府办公室",
            "address": "临淄区广场路1号",
            "postcode": "255400",
            "phone": "0533-7212036",
            "email": "lzqzfzwgkb@zb.shandong.cn",
        },
    ),
    (
        "临淄区民政局",
        AgencyKind.DEPARTMENT,
        "临淄区人民政府",
        {
            "office_name": "临淄区民政局办公室",
            "address": "临淄区齐兴路101号",
            "postcode": "255400",
            "phone": "0533-7220364",
            "email": "lzqmzjbgs@zb.shandong.cn",
        },
    ),
    (
        "临淄区齐都镇人民政府",
        AgencyKind.TOWN,
        "临淄区人民政府",
        {
            "office_name": "齐都镇人民政府党政办公室",
            "address": "临淄区齐都路232号",
            "postcode": "255422",
            "phone": "0533-7830243",
            "email": "lzqqdzdzb@zb.shandong.cn",
        },
    ),
    ("台儿庄区人民政府", AgencyKind.GOVERNMENT, None, {"office_name": "台儿庄区人民政府办公室"}),
    (
        "台儿庄区民政局",
        AgencyKind.DEPARTMENT,
        "台儿庄区人民政府",
        {
            "office_name": "台儿庄区民政局办公室",
            "address": "台儿庄区兴中路86号",
            "postcode": "277400",
            "phone": "0632-6611794",
            "email": "tezmzjbgs@zz.shandong.cn",
        },
    ),
)

# (username, agency, role, name)
STAFF: tuple[tuple[str, str, Role, str], ...] = (
    ("clerk", "临淄区民政局", Role.CLERK, "张敏"),
    ("approver", "临淄区民政局", Role.APPROVER, "王建国"),
    ("supervisor", "临淄区人民政府", Role.SUPERVISOR, "李红梅"),
    ("admin", "临淄区人民政府办公室", Role.ADMINISTRATOR, "赵立新"),
    ("clerk_office", "临淄区人民政府办公室", Role.CLERK, "刘洋"),
    ("approver_office", "临淄区人民政府办公室", Role.APPROVER, "孙志强"),
    ("clerk_qidu", "临淄区齐都镇人民政府", Role.CLERK, "陈静"),
    ("approver_qidu", "临淄区齐都镇人民政府", Role.APPROVER, "周德明"),
    ("clerk_tez", "台儿庄区民政局", Role.CLERK, "杨丽"),
    ("approver_tez", "台儿庄区民政局", Role.APPROVER, "吴海燕"),
)
# which agencies receive how many of the applications
WEIGHTS = {
    "临淄区民政局": 5,
    "临淄区人民政府办公室": 3,
    "临淄区齐都镇人民政府": 2,
    "台儿庄区民政局": 2,
}


@dataclass
class Handlers:
    clerk: Actor
    approver: Actor


def _actors() -> dict[str, Handlers]:
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.all()}
    result = {}
    for agency in WEIGHTS:
        clerk = next(s[0] for s in STAFF if s[1] == agency and s[2] == Role.CLERK)
        approver = next(s[0] for s in STAFF if s[1] == agency and s[2] == Role.APPROVER)
        clerk_actor, approver_actor = actor_for(users[clerk]), actor_for(users[approver])
        assert clerk_actor is not None and approver_actor is not None  # staff of the agency
        result[agency] = Handlers(clerk_actor, approver_actor)
    return result


# each agency's 行政复议机关, as the administrator enters it (letters name it)
REVIEW_BODIES = {
    "临淄区人民政府": "淄博市人民政府",
    "临淄区人民政府办公室": "临淄区人民政府",
    "临淄区民政局": "临淄区人民政府",
    "临淄区齐都镇人民政府": "临淄区人民政府",
    "台儿庄区人民政府": "枣庄市人民政府",
    "台儿庄区民政局": "台儿庄区人民政府",
}


def create_people() -> None:
    made: dict[str, Agency] = {}
    for name, kind, parent, contact in AGENCIES:
        made[name] = create_agency(
            name=name,
            kind=kind,
            parent=made.get(parent or ""),
            review_body=REVIEW_BODIES[name],
            **contact,
        )
    for username, agency, role, display in STAFF:
        create_staff(
            username=username,
            password=PASSWORD,
            agency=made[agency],
            role=role,
            display_name=display,
        )


class Story:
    """One application's life, told through the services; stops at today."""

    def __init__(self, handlers: Handlers, calendar: Calendar, today: date, rng: random.Random):
        self.h, self.cal, self.today, self.rng = handlers, calendar, today, rng
        self.case_id = 0

    def wd(self, start: date, n: int) -> date:
        return add_workdays(self.cal, start, n).due

    def ok(self, day: date) -> bool:
        return day <= self.today

    def register(self, received: date, applicant_type: str, secret_hash: str) -> None:
        rng = self.rng
        channel = rng.choice(
            [
                "in_person",
                "registered_post",
                "ordinary_post",
                "email",
                "online",
                "in_person",
                "fax",
                "oral",
            ]
        )
        submitted = received - timedelta(days=rng.choice([0, 0, 1, 2]) if "post" in channel else 0)
        dates: dict[str, Any] = {}
        if channel == "registered_post":
            dates["signed_on"] = received
        elif channel in ("ordinary_post", "fax", "email", "online"):
            dates["confirmed_on"] = received
            if channel == "ordinary_post":
                dates["arrived_on"] = received
        name = (
            people.person(rng)
            if applicant_type == "natural_person"
            else people.organisation(applicant_type, rng)
        )
        agency = self.h.clerk.staff.agency.name  # type: ignore[union-attr]
        data = {
            "channel": channel,
            "submitted_at": datetime.combine(
                submitted, time(9 + rng.randint(0, 7), rng.randint(0, 59)), TZ
            ),
            **dates,
            "applicant_type": applicant_type,
            "applicant_name": name,
            "id_type": people.ID_TYPES[applicant_type],
            "id_number": people.id_number(applicant_type, rng),
            "contact_person": people.person(rng) if applicant_type != "natural_person" else "",
            "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            "email": "",
            "address": f"{agency[:3]}{rng.choice(people.PLACES)}路{rng.randint(1, 300)}号",
            "postcode": "255400",
            "description": people.request_text(agency, received.year - rng.choice([0, 1]), rng),
            "form_wanted": rng.choice(["paper", "electronic", "electronic", "inspection"]),
            "delivery": rng.choice(["post", "email", "email", "pickup"]),
        }
        done = intake.register(self.h.clerk, data, registered_on=received, secret_hash=secret_hash)
        self.case_id = done.application.pk

    def correction(self, received: date) -> date | None:
        noticed = self.wd(received, self.rng.randint(1, 6))
        if not self.ok(noticed):
            return None
        steps.send_correction_notice(
            self.h.clerk,
            self.case_id,
            on=noticed,
            correction_due=noticed + timedelta(days=15),
            items=[
                "请明确所需政府信息的名称、文号或者便于查询的其他特征性描述",
                "请补充提供申请人身份证明",
            ][: self.rng.randint(1, 2)],
        )
        return noticed

    def leave_open(self, scenario: str, received: date) -> None:
        """A case still open today: registered, awaiting correction, consulting, …"""
        h, c, wd = self.h, self.case_id, self.wd
        try:
            if scenario in ("awaiting_correction", "corrected"):
                noticed = self.correction(received)
                if scenario == "corrected" and noticed and self.ok(noticed + timedelta(days=3)):
                    steps.receive_correction(h.clerk, c, on=noticed + timedelta(days=3))
            elif scenario == "consulting" and self.ok(wd(received, 1)):
                steps.start_consultation(
                    h.clerk,
                    c,
                    on=wd(received, 1),
                    consultation="agency",
                    party="临淄区财政局",
                    reason="该信息由两机关共同制作",
                )
            elif scenario == "awaiting_fee" and self.ok(wd(received, 2)):
                steps.issue_fee_notice(
                    h.clerk,
                    c,
                    on=wd(received, 2),
                    method="per_application",
                    quantity=1,
                    place_in_month=self.rng.randint(11, 35),
                    reason="本月申请数量明显超过合理范围",
                )
            elif scenario == "extended" and self.ok(wd(received, 14)):
                steps.approve_extension(
                    h.approver,
                    c,
                    on=wd(received, 14),
                    notified_on=wd(received, 14),
                    workdays=20,
                    reason="需要征求多个内设机构意见并汇总",
                )
        except ProcedureError:  # e.g. a deadline in a year not in the calendar yet
            pass

    def tell(self, outcome: str | None, received: date) -> None:
        """Play the story for ``outcome`` (None: leave the case open, as found today)."""
        rng, h, c = self.rng, self.h, self.case_id
        day = received
        if outcome == "closed_no_correction":
            noticed = self.correction(received)
            lapse = noticed + timedelta(days=16 + rng.randint(0, 5)) if noticed else None
            if lapse and self.ok(lapse):
                steps.correction_lapsed(h.clerk, c, on=lapse, reason="补正期限届满，申请人未补正")
            return
        if outcome == "unavailable_unclear" or (outcome and rng.random() < 0.12):
            noticed = self.correction(received)
            if noticed is None:
                return
            back = noticed + timedelta(days=rng.randint(2, 12))
            if not self.ok(back):
                return
            steps.receive_correction(h.clerk, c, on=back, reason="申请人补正了申请内容")
            day = back
        if outcome == "closed_fee_unpaid" or (outcome == "granted" and rng.random() < 0.1):
            issued = self.wd(day, rng.randint(3, 8))
            if not self.ok(issued):
                return
            steps.issue_fee_notice(
                h.clerk,
                c,
                on=issued,
                method="per_page",
                quantity=rng.randint(60, 400),
                reason="申请数量明显超过合理范围",
            )
            pay_due = self.wd(issued, 20)
            if outcome == "closed_fee_unpaid":
                if self.ok(pay_due + timedelta(days=2)):
                    steps.fee_lapsed(h.clerk, c, on=pay_due + timedelta(days=2))
                return
            paid = issued + timedelta(days=rng.randint(3, 10))
            if not self.ok(paid):
                return
            from gongkai.web.applications.models import CaseEvent

            amount = CaseEvent.objects.filter(application_id=c, kind="issue_fee_notice").get()
            steps.receive_payment(h.clerk, c, on=paid, amount=amount.data["amount"])
            day = paid
        if outcome == "withheld_third_party" or (outcome and rng.random() < 0.12):
            sent = self.wd(day, rng.randint(2, 6))
            if not self.ok(sent):
                return
            party = people.organisation("business", rng)
            kind = (
                "third_party"
                if outcome == "withheld_third_party" or rng.random() < 0.6
                else "agency"
            )
            if kind == "agency":
                party = rng.choice(["临淄区财政局", "临淄区自然资源局", "淄博市民政局"])
            steps.start_consultation(
                h.clerk,
                c,
                on=sent,
                consultation=kind,
                party=party,
                reason="申请公开的信息涉及第三方或者其他机关",
            )
            ended = self.wd(sent, rng.randint(5, 15))
            if not self.ok(ended):
                return
            steps.end_consultation(
                h.clerk, c, on=ended, answered=rng.random() < 0.8, reason="对方书面提出了意见"
            )
            day = ended
        if outcome is None:
            return
        if rng.random() < 0.15 and outcome != "closed_other":
            approved = self.wd(day, rng.randint(12, 18))
            if not self.ok(approved):
                return
            # when the ordinary period had already ended, reply without extension
            with contextlib.suppress(ProcedureError):
                steps.approve_extension(
                    h.approver,
                    c,
                    on=approved,
                    notified_on=approved,
                    workdays=20,
                    reason="申请公开的信息数量较多，需要检索、汇总",
                )
            day = approved
        replied = self.wd(day, rng.randint(2, 14))
        if not self.ok(replied):
            return
        if outcome == "closed_other":
            steps.withdraw(h.clerk, c, on=replied, reason="申请人书面撤回申请")
            return
        grounds = (
            rng.sample(WITHHELD_OUTCOMES, rng.randint(1, 2))
            if outcome == "partially_granted"
            else []
        )
        steps.reply(
            h.approver,
            c,
            on=replied,
            outcome=outcome,
            withheld_grounds=grounds,
            reason="经审查，依法作出上述答复。",
        )


OPEN_SCENARIOS = (
    "fresh",
    "neglected",
    "awaiting_correction",
    "corrected",
    "consulting",
    "awaiting_fee",
    "extended",
    "closed",
)
OPEN_AGES = {
    "fresh": (0, 30),
    "neglected": (32, 55),
    "awaiting_correction": (3, 8),
    "corrected": (15, 25),
    "consulting": (5, 15),
    "awaiting_fee": (5, 12),
    "extended": (20, 26),
    "closed": (20, 60),
}


def _received_day(cal: Calendar, today: date, days_ago: int) -> date:
    day = today - timedelta(days=days_ago)
    while not cal.is_workday(day):
        day -= timedelta(days=1)
    return day


@transaction.atomic
def load(count: int = 300, *, today: date, seed: int = 20261123) -> dict[str, int]:
    """Create agencies, staff and ``count`` applications; returns counts by phase."""
    rng = random.Random(seed)
    create_people()
    ensure_templates()
    calendar = current_calendar()
    handlers = _actors()
    secret_hash = hash_secret(DEMO_SECRET)
    closing = [o for o in OUTCOME_KEYS if o in REPLY_OUTCOMES or not OUTCOMES[o].by_reply]
    agencies = [a for a, w in WEIGHTS.items() for _ in range(w)]
    for index in range(count):
        h = handlers[rng.choice(agencies)]
        story = Story(h, calendar, today, rng)
        recent = count - min(60, count // 3)
        scenario = ""
        if index < min(len(closing) * 5, recent):  # every outcome, several times, over two years
            outcome: str | None = closing[index % len(closing)]
            days_ago = rng.randint(60, 720)
        elif index < recent:
            outcome, days_ago = rng.choice(closing), rng.randint(45, 720)
        else:  # the recent ones: open in every phase, some neglected (overdue)
            scenario = OPEN_SCENARIOS[index % len(OPEN_SCENARIOS)]
            outcome, days_ago = None, rng.randint(*OPEN_AGES[scenario])
        received = _received_day(calendar, today, days_ago)
        story.register(
            received, rng.choice(APPLICANT_TYPES[:1] * 6 + APPLICANT_TYPES[1:]), secret_hash
        )
        if scenario and scenario != "closed":
            story.leave_open(scenario, received)
        else:
            story.tell(outcome or rng.choice(closing), received)
    _public_submissions(rng, today)
    registers.load(today)
    reports.load(today)  # after the registers: the reports count them
    from django.db.models import Count

    from gongkai.web.applications.models import Application

    return dict(Application.objects.values_list("phase").annotate(n=Count("pk")).order_by())


def _public_submissions(rng: random.Random, today: date) -> None:
    for agency in Agency.objects.filter(name__in=list(WEIGHTS))[:3]:
        kind = rng.choice(APPLICANT_TYPES)
        name = people.person(rng) if kind == "natural_person" else people.organisation(kind, rng)
        intake.submit_public(
            agency,
            {
                "applicant_type": kind,
                "applicant_name": name,
                "id_type": people.ID_TYPES[kind],
                "id_number": people.id_number(kind, rng),
                "phone": "13800000000",
                "email": "applicant@example.com",
                "address": "",
                "postcode": "",
                "description": people.request_text(agency.name, today.year, rng),
                "form_wanted": "electronic",
                "delivery": "email",
                "contact_person": "",
            },
        )
