"""Notifications (issue 11 item 13): the applicant's email when a letter addressed to them is
issued, and the daily reminders to staff of their agency's cases due within 3 working days or
overdue, sent once per person and day (`gongkai-web remind`)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from docx import Document

from gongkai.web.applications.services import intake, steps
from gongkai.web.letters.models import IssuedLetter
from gongkai.web.notices.mail import send_reminders
from gongkai.web.notices.models import SentMail
from tests.web.conftest import intake_data

D = date


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def notice(people, case):
    steps.send_correction_notice(
        people["clerk"],
        case.pk,
        on=D(2025, 10, 9),
        items=["请写明文件名称"],
        correction_due=D(2025, 10, 24),
    )


def test_the_applicant_is_emailed_the_issued_letter(people, django_capture_on_commit_callbacks):
    case = intake.register(
        people["clerk"], intake_data(email="lin@example.cn"), registered_on=D(2025, 9, 30)
    ).application
    with django_capture_on_commit_callbacks(execute=True):
        notice(people, case)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lin@example.cn"] and case.tracking_number in message.subject
    assert "补正告知书" in message.subject and "/apply/track/" in message.body
    assert "提交补正" in message.body
    (name, content, mime) = message.attachments[0]
    letter = IssuedLetter.objects.get(event__application=case)
    assert (
        content == bytes(letter.content) and name.endswith(".docx") and "wordprocessingml" in mime
    )
    assert "请写明文件名称" in "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    sent = SentMail.objects.get()
    assert (sent.kind, sent.recipient, sent.key) == (
        "letter",
        "lin@example.cn",
        f"letter:{letter.pk}",
    )
    # once only, however often it is asked for
    from gongkai.web.notices.mail import letter_issued

    assert letter_issued(letter.pk) is None and len(mail.outbox) == 1


def test_no_email_without_an_address_or_for_a_third_partys_letter(
    people, django_capture_on_commit_callbacks
):
    without = intake.register(people["clerk"], intake_data(), registered_on=D(2025, 9, 30))
    with_email = intake.register(
        people["clerk"], intake_data(email="lin@example.cn"), registered_on=D(2025, 9, 30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        notice(people, without.application)
        steps.start_consultation(
            people["clerk"],
            with_email.application.pk,
            on=D(2025, 10, 9),
            consultation="third_party",
            party="齐鲁置业有限公司",
        )
    assert mail.outbox == [] and not SentMail.objects.exists()


def test_a_refused_step_sends_nothing(people, django_capture_on_commit_callbacks):
    case = intake.register(
        people["clerk"], intake_data(email="lin@example.cn"), registered_on=D(2025, 9, 30)
    ).application
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception):  # noqa: B017
        steps.receive_correction(people["clerk"], case.pk, on=D(2025, 10, 9))
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_step(
    people, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.web.test_notices.Broken"
    case = intake.register(
        people["clerk"], intake_data(email="lin@example.cn"), registered_on=D(2025, 9, 30)
    ).application
    with django_capture_on_commit_callbacks(execute=True):
        notice(people, case)
    assert case.events.filter(kind="send_correction_notice").exists()
    assert not SentMail.objects.exists()  # not recorded as sent: it can be sent again


class Broken:
    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")


@pytest.fixture
def staff_emails(people):
    from django.contrib.auth import get_user_model

    for name in ("clerk", "approver", "tez_clerk", "supervisor"):
        get_user_model().objects.filter(pk=people[name].user_id).update(email=f"{name}@gov.cn")


def test_reminders_list_the_agencys_cases_due_within_3_working_days(make_case, staff_emails):
    soon = make_case(D(2025, 9, 30))  # reply due 2025-11-04
    make_case(D(2025, 10, 20), applicant_name="王小明")  # due later
    make_case(D(2025, 9, 30), actor="tez_clerk", applicant_name="台儿庄的申请人")

    assert send_reminders(D(2025, 10, 28)) == []  # 10-29..11-04: 5 working days left

    sent = send_reminders(D(2025, 10, 31))  # 11-03, 11-04: 2 working days left
    civil = {m.to[0]: m for m in mail.outbox if soon.tracking_number in m.body}
    assert set(civil) == {"clerk@gov.cn", "approver@gov.cn"}  # not the supervisor
    body = civil["clerk@gov.cn"].body
    assert "还剩2个工作日" in body and "2025年11月4日" in body and "王小明" not in body
    assert "台儿庄的申请人" not in body
    tez = [m for m in mail.outbox if m.to == ["tez_clerk@gov.cn"]]
    assert (
        len(tez) == 1
        and "台儿庄的申请人" in tez[0].body
        and soon.tracking_number not in tez[0].body
    )
    assert len(sent) == 3 and SentMail.objects.filter(kind="reminder").count() == 3
    assert SentMail.objects.get(recipient="clerk@gov.cn").cases == [soon.tracking_number]

    # a second run the same day sends nothing; the next day sends again, overdue cases too
    assert send_reminders(D(2025, 10, 31)) == [] and len(mail.outbox) == 3
    call_command("remind", "--date", "2025-11-05", stdout=io.StringIO())
    assert len(mail.outbox) == 6
    assert "已逾期" in next(m.body for m in mail.outbox[3:] if m.to == ["clerk@gov.cn"])


def test_remind_command_is_idempotent_per_day(make_case, staff_emails):
    make_case(D(2025, 9, 30))
    out = io.StringIO()
    call_command("remind", "--date", "2025-11-03", stdout=out)
    assert "已发送提醒邮件2封" in out.getvalue()
    again = io.StringIO()
    call_command("remind", "--date", "2025-11-03", stdout=again)
    assert "已发送提醒邮件0封" in again.getvalue() and len(mail.outbox) == 2


def test_the_file_backend_is_the_default(monkeypatch, tmp_path):
    """Nothing leaves the machine unless the environment configures a mail server."""
    from importlib import reload

    import gongkai.web.settings as gongkai_settings

    for name in ("GONGKAI_EMAIL_HOST", "GONGKAI_EMAIL_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(tmp_path))
    try:
        reloaded = reload(gongkai_settings)
        assert reloaded.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
        assert Path(reloaded.EMAIL_FILE_PATH) == tmp_path / "mail"
        monkeypatch.setenv("GONGKAI_EMAIL_HOST", "mail.example.cn")
        assert reload(gongkai_settings).EMAIL_BACKEND.endswith("smtp.EmailBackend")
    finally:
        monkeypatch.undo()
        reload(gongkai_settings)
