"""Email: to the applicant when a letter addressed to them is issued (when the case has an
email address), and each day to the staff who handle cases, of their agency's open cases whose
reply is due within GONGKAI_REMIND_WORKDAYS working days or overdue. Every email is recorded
(models.SentMail) under a unique key, so none is sent twice. Django's email framework: by
default the file backend under the data directory (settings.py), nothing leaves the machine."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.procedure.errors import CalendarNotAvailable
from gongkai.procedure.text import cn_date
from gongkai.web.agencies.models import Role, StaffMember
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications import selectors
from gongkai.web.letters.models import IssuedLetter
from gongkai.web.letters.services import render_letter
from gongkai.web.notices.models import SentMail
from gongkai.web.portal.services import APPLICANT_LETTERS
from gongkai.web.workdays.selectors import current_calendar

log = logging.getLogger(__name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _send_once(
    key: str,
    kind: str,
    recipient: str,
    subject: str,
    body: str,
    cases: list[str],
    attachments: tuple[tuple[str, bytes, str], ...] = (),
) -> SentMail | None:
    """Send and record, or nothing when ``key`` was sent already. A failed send records
    nothing, so the next run tries again."""
    try:
        with transaction.atomic():
            row = SentMail.objects.create(
                key=key,
                kind=kind,
                recipient=recipient,
                subject=subject[:200],
                body=body,
                cases=cases,
            )
            message = EmailMessage(subject, body, to=[recipient])
            for name, content, mime in attachments:
                message.attach(name, content, mime)
            message.send()
    except IntegrityError:
        return None
    return row


def letter_issued(letter_id: int, today: date | None = None) -> SentMail | None:
    """Tell the applicant that a letter addressed to them was issued, with its frozen DOCX."""
    letter = (
        IssuedLetter.objects.select_related("event__application__agency")
        .defer("content")
        .filter(pk=letter_id)
        .first()
    )
    if letter is None or letter.kind not in APPLICANT_LETTERS:
        return None
    application = letter.event.application
    if not application.email:
        return None
    filename, content = render_letter(application, letter.event.seq, today or timezone.localdate())
    agency = application.agency.name
    subject = f"{agency}：{letter.title}（申请编号 {application.tracking_number}）"
    body = (
        f"{application.applicant_name}：\n\n"
        f"您向{agency}提出的政府信息公开申请（申请编号 {application.tracking_number}），"
        f"{agency}已于{letter.dated}出具《{letter.title}》，见附件。\n\n"
        f"您也可以在 {settings.GONGKAI_PUBLIC_URL}{reverse('public:lookup')} 输入申请编号和"
        "查询密码，查看办理进度、下载文书"
        + ("、提交补正" if letter.kind == "correction_notice" else "")
        + "。\n\n此邮件由系统自动发送，请勿直接回复。\n"
    )
    return _send_once(
        f"letter:{letter.pk}",
        SentMail.Kind.LETTER,
        application.email,
        subject,
        body,
        [application.tracking_number],
        ((filename, content, DOCX),),
    )


def after_commit_letter(letter_id: int) -> None:
    """Send the letter's email once the step that issued it is committed; a failure to send
    never undoes or blocks the step (it is logged)."""

    def send() -> None:
        try:
            letter_issued(letter_id)
        except Exception:  # the step stands whatever the mail server does
            log.exception("letter %s: the email to the applicant could not be sent", letter_id)

    transaction.on_commit(send)


def _remaining(today: date, due: date) -> int | None:
    """Working days left after ``today`` up to ``due`` (0: due today); None without calendar."""
    if due <= today:
        return 0
    try:
        return current_calendar().workdays_between(today + timedelta(days=1), due)
    except CalendarNotAvailable:
        return None


def due_lines(actor: Actor, today: date) -> list[tuple[str, str]]:
    """(tracking number, line) of the cases ``actor`` handles that are overdue or due within
    GONGKAI_REMIND_WORKDAYS working days, most urgent first."""
    within = settings.GONGKAI_REMIND_WORKDAYS
    lines = []
    for row in selectors.overdue_cases(actor, today):
        assert row.clock.reply is not None
        app = row.application
        lines.append(
            (
                app.tracking_number,
                f"{app.tracking_number} {app.applicant_name}："
                f"答复期限{cn_date(row.clock.reply.due)}，已逾期",
            )
        )
    for row in selectors.due_soon_cases(actor, today):
        assert row.clock.reply is not None
        app, due = row.application, row.clock.reply.due
        left = _remaining(today, due)
        if left is not None and left > within:
            continue
        when = {None: "即将届满", 0: "今日届满"}.get(left, f"还剩{left}个工作日")
        provisional = "（暂定）" if row.clock.reply.calendar_note else ""
        lines.append(
            (
                app.tracking_number,
                f"{app.tracking_number} {app.applicant_name}："
                f"答复期限{cn_date(due)}{provisional}，{when}",
            )
        )
    return lines


def send_reminders(today: date | None = None) -> list[SentMail]:
    """One email per clerk and approver with an address, listing their agency's cases due
    soon or overdue; nothing when there are none, and nothing twice on the same day."""
    today = today or timezone.localdate()
    staff = (
        StaffMember.objects.filter(role__in=[Role.CLERK, Role.APPROVER], user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "agency")
        .order_by("agency_id", "pk")
    )
    sent = []
    by_agency: dict[int, list[tuple[str, str]]] = {}
    for member in staff:
        key = f"remind:{today.isoformat()}:{member.user_id}"
        if SentMail.objects.filter(key=key).exists():
            continue
        if member.agency_id not in by_agency:
            actor = Actor(user_id=member.user_id, staff=member)
            by_agency[member.agency_id] = due_lines(actor, today)
        lines = by_agency[member.agency_id]
        if not lines:
            continue
        subject = f"{member.agency.name}：{len(lines)}件政府信息公开申请即将到期或已逾期"
        body = (
            f"{member.display_name}：\n\n截至{cn_date(today)}，{member.agency.name}以下申请已逾期，"
            f"或答复期限在{settings.GONGKAI_REMIND_WORKDAYS}个工作日内届满：\n\n"
            + "\n".join(f"- {line}" for _, line in lines)
            + f"\n\n请登录 {settings.GONGKAI_PUBLIC_URL}{reverse('cases:dashboard')} 办理。\n"
            "此邮件由系统每日自动发送。\n"
        )
        row = _send_once(
            key,
            SentMail.Kind.REMINDER,
            member.user.email,
            subject,
            body,
            [number for number, _ in lines],
        )
        if row is not None:
            sent.append(row)
    return sent
