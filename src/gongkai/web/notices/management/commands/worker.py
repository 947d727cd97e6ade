"""``gongkai-web worker``: the installation's scheduled jobs, until stopped (SIGTERM, Ctrl-C).

The daily reminders to staff (``gongkai-web remind``) at GONGKAI_REMIND_AT (default 07:30,
local time) on working days; on SQLite, the query planner's statistics (``dbstats``) at start and
every day before the reminders. A job that fails is logged and tried again at its
next time; it never stops the worker. Sending is idempotent per person and day, so a second
worker or a manual ``remind`` never sends twice.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.web.dbstats import refresh_planner_statistics
from gongkai.web.notices.mail import send_reminders
from gongkai.web.notices.schedule import next_run, parse_at, reminds_on
from gongkai.web.workdays.selectors import current_calendar

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "运行定时任务（每个工作日向经办人、审批人发送到期提醒），直到停止"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="立即运行今天应运行的任务后退出")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            at = parse_at(settings.GONGKAI_REMIND_AT)
        except ValueError as error:
            raise CommandError(f"GONGKAI_REMIND_AT：{error}") from error
        self._statistics()
        if options["once"]:
            self._remind()
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"定时任务已启动：每个工作日 {at:%H:%M} 发送到期提醒。")
        while not stop.is_set():
            now = timezone.localtime()
            wake = next_run(now, at)
            if stop.wait((wake - now).total_seconds()):
                break
            self._statistics()
            self._remind()
        self.stdout.write("定时任务已停止。")

    def _statistics(self) -> None:
        try:
            refresh_planner_statistics()
        except Exception:  # a busy database: tomorrow again
            log.exception("refreshing the planner statistics failed")

    def _remind(self) -> None:
        today = timezone.localdate()
        try:
            if not reminds_on(current_calendar(), today):
                self.stdout.write(f"{today}不是工作日：不发送提醒。")
                return
            sent = send_reminders(today)
        except Exception:  # the worker outlives one failed run; the next one tries again
            log.exception("reminders of %s failed", today)
            self.stderr.write(f"{today}的到期提醒发送失败（详见日志），将在下次运行时重试。")
            return
        self.stdout.write(f"{today}：已发送提醒邮件{len(sent)}封。")
