"""``gongkai-web remind``: today's reminders to staff of cases due soon or overdue. Run it once
a day from cron or the worker; running it again the same day sends nothing twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.dateparse import parse_date

from gongkai.web.notices.mail import send_reminders


class Command(BaseCommand):
    help = "向经办人、审批人发送本机关即将到期或已逾期申请的提醒邮件（每人每天一封）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按这一天计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_date(options["date"]) if options.get("date") else None
        sent = send_reminders(today)
        for row in sent:
            self.stdout.write(f"{row.recipient}: {len(row.cases)}件")
        self.stdout.write(f"已发送提醒邮件{len(sent)}封。")
