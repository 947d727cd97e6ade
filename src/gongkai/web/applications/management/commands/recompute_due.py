"""``gongkai-web recompute_due``: recompute the next-due index (applications/due_index.py) of
every case from its events on the calendar in force, or only of the cases not indexed yet
(``--missing``: after loading cases around the write path)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.web.applications.due_refresh import recompute, recompute_all
from gongkai.web.applications.models import Application


class Command(BaseCommand):
    help = "重新计算全部申请的答复期限索引（由办理记录和现行节假日安排推算）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--missing", action="store_true", help="只计算尚未建立索引的申请")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["missing"]:
            ids = Application.objects.filter(next_due__isnull=True).values_list("pk", flat=True)
            count = recompute(list(ids))
        else:
            count = recompute_all()
        took = time.perf_counter() - started
        self.stdout.write(f"已重新计算 {count} 件申请的答复期限索引，用时 {took:.1f} 秒。")
