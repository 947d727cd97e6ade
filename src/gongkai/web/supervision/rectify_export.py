"""The rectification list as a spreadsheet: the rows of the page with its filters applied, and
each item's last answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gongkai.web import bounds
from gongkai.web.supervision.models import (
    RectificationAction,
    RectificationEvent,
    RectificationItem,
)

HEADERS = (
    "编号",
    "年度",
    "单位名称",
    "来源",
    "问题",
    "整改期限",
    "状态",
    "是否逾期",
    "最近一次答复",
    "答复时间",
    "下达人",
    "下达时间",
)


def table(items: Sequence[RectificationItem]) -> list[list[Any]]:
    today = bounds.today()
    answers: dict[int, RectificationEvent] = {}
    for e in RectificationEvent.objects.filter(
        item__in=[i.pk for i in items], action=RectificationAction.ANSWERED
    ):
        answers[e.item_id] = e  # ordered by time: the last one stays
    rows = []
    for i in items:
        last = answers.get(i.pk)
        rows.append(
            [
                i.pk,
                i.year,
                i.unit_name,
                i.get_source_display() + (f"（{i.source_ref}）" if i.source_ref else ""),
                i.problem,
                i.deadline,
                i.get_status_display(),
                i.overdue_on(today),
                last.note if last else "",
                last.at if last else None,
                i.created_by_name,
                i.created_at,
            ]
        )
    return rows
