"""The task worker (`gongkai-web worker`, scripts/worker): the daily reminders at the set time
on working days; a failed run is reported and does not stop it."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from gongkai.procedure.workdays import official_calendar
from gongkai.web.notices import schedule
from tests.web.conftest import today_is
from tests.web.test_notices import staff_emails  # noqa: F401  (a fixture)

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_the_next_run_is_today_before_the_time_and_tomorrow_after_it():
    at = time(7, 30)
    assert schedule.next_run(datetime(2025, 11, 3, 6, 0, tzinfo=TZ), at) == datetime(
        2025, 11, 3, 7, 30, tzinfo=TZ
    )
    assert schedule.next_run(datetime(2025, 11, 3, 7, 30, tzinfo=TZ), at) == datetime(
        2025, 11, 4, 7, 30, tzinfo=TZ
    )
    assert schedule.next_run(datetime(2025, 12, 31, 23, 59, tzinfo=TZ), at) == datetime(
        2026, 1, 1, 7, 30, tzinfo=TZ
    )


def test_the_time_must_be_hours_and_minutes():
    assert schedule.parse_at(" 18:05 ") == time(18, 5)
    for bad in ("7点半", "25:00", "07:30:00", ""):
        with pytest.raises(ValueError, match="HH:MM"):
            schedule.parse_at(bad)


def test_reminders_follow_the_official_calendar_with_its_makeup_days():
    calendar = official_calendar()
    assert schedule.reminds_on(calendar, date(2025, 11, 3))  # a Monday
    assert not schedule.reminds_on(calendar, date(2025, 10, 1))  # 国庆
    assert schedule.reminds_on(calendar, date(2025, 9, 28))  # a Sunday worked (调休)
    assert not schedule.reminds_on(calendar, date(2025, 11, 8))  # a Saturday
    far = date(max(calendar.years) + 5, 3, 6)
    assert schedule.reminds_on(calendar, far) == (far.weekday() < 5)  # a year not known yet


def test_once_sends_todays_reminders_on_a_working_day(
    monkeypatch,
    make_case,
    staff_emails,  # noqa: F811
):
    make_case(date(2025, 9, 30))  # reply due 2025-11-04
    today_is(monkeypatch, date(2025, 11, 3))
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    assert "已发送提醒邮件2封" in out.getvalue() and len(mail.outbox) == 2


def test_once_sends_nothing_on_a_rest_day(monkeypatch, make_case, staff_emails):  # noqa: F811
    make_case(date(2025, 9, 30))
    today_is(monkeypatch, date(2025, 11, 1))  # a Saturday
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    assert "不是工作日" in out.getvalue() and mail.outbox == []


def test_a_failed_run_is_reported_and_the_worker_goes_on(monkeypatch, make_case, staff_emails):  # noqa: F811
    from gongkai.web.notices.management.commands import worker

    def broken(today):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(worker, "send_reminders", broken)
    today_is(monkeypatch, date(2025, 11, 3))
    err = io.StringIO()
    call_command("worker", "--once", stdout=io.StringIO(), stderr=err)
    assert "发送失败" in err.getvalue()


def test_a_bad_time_setting_stops_the_worker_with_its_name(settings):
    settings.GONGKAI_REMIND_AT = "七点半"
    with pytest.raises(CommandError, match="GONGKAI_REMIND_AT"):
        call_command("worker", "--once", stdout=io.StringIO())


def test_the_worker_gives_sqlite_its_planner_statistics(monkeypatch, make_case):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its own statistics (autovacuum)")

    def analysed() -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchall():
                return set()
            cursor.execute("SELECT tbl FROM sqlite_stat1")
            return {row[0] for row in cursor.fetchall()}

    make_case(date(2025, 9, 30))  # a table without rows gets no statistics
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    assert "applications_application" not in analysed()
    today_is(monkeypatch, date(2025, 11, 1))  # a rest day: no reminders, the statistics still
    call_command("worker", "--once", stdout=io.StringIO())
    assert "applications_application" in analysed()


@pytest.mark.django_db
def test_on_postgresql_the_statistics_are_left_to_it(monkeypatch):
    from gongkai.web import dbstats

    monkeypatch.setattr(dbstats.connection, "vendor", "postgresql")
    assert dbstats.refresh_planner_statistics() is False
