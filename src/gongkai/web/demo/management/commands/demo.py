"""``gongkai-web demo``: migrate, load the demo data once, print the logins, serve."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from gongkai.web.agencies.models import Agency
from gongkai.web.demo import data


class Command(BaseCommand):
    help = "Migrate, load demo agencies, staff and applications, print the logins, run the server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=300, help="applications to create")
        parser.add_argument("--no-serve", action="store_true", help="load only, do not serve")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0)
        if Agency.objects.exists():
            self.stdout.write(
                "演示数据已存在，未重复载入（删除数据目录中的 gongkai.sqlite3 可重来）。"
            )
        else:
            self.stdout.write(f"载入演示数据：{options['count']} 件申请……")
            phases = data.load(options["count"], today=timezone.localdate())
            self.stdout.write(
                "各阶段件数：" + "，".join(f"{k} {v}" for k, v in sorted(phases.items()))
            )
        self.stdout.write("")
        self.stdout.write(f"演示账号（密码均为 {data.PASSWORD}）：")
        for username, agency, role, name in data.STAFF:
            self.stdout.write(f"  {username:<16} {role.label}，{agency}，{name}")
        self.stdout.write(
            f"演示申请的查询密码均为 {data.DEMO_SECRET}（公众查询页：/apply/track/）。"
        )
        if options["no_serve"]:
            return
        self.stdout.write(
            f"打开 http://{options['addrport']}/ 登录；网上申请：http://{options['addrport']}/apply/"
        )
        # the background jobs (supervision import runs) need a worker beside the server
        worker = subprocess.Popen(
            [sys.executable, "-m", "gongkai.web.cli", "db_worker", "--queue-name", "*"]
        )
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
