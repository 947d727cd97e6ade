"""An issued 通报 becomes rectification (整改) items: one for each problem it names, for the
unit it names, with the notice's deadline. A problem that already has an item (made from the
same finding, or from this notice before) is not made twice; all the new items are made in one
transaction, so a refusal leaves none behind."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import InvalidInput
from gongkai.web.supervision import rectification
from gongkai.web.supervision.models import Notice, RectificationItem, RectificationSource
from gongkai.web.supervision.notices import NoticeItem, notice_items


@dataclass(frozen=True)
class Opened:
    created: list[RectificationItem]
    existing: list[NoticeItem]  # named problems that already had an item


def source_ref(notice: Notice) -> str:
    return f"{notice.year}年度通报第{notice.number}稿"


def problem_text(named: NoticeItem) -> str:
    return f"{named.category}：{named.problem}"


def _has_item(notice: Notice, named: NoticeItem) -> bool:
    items = rectification.region_items(notice.region).filter(
        year=notice.year, unit_id=named.unit_id
    )
    if named.finding_key:
        return items.filter(finding_key=named.finding_key).exists()
    return items.filter(
        source=RectificationSource.NOTICE,
        source_ref=source_ref(notice),
        problem=problem_text(named),
    ).exists()


def open_from_notice(notice: Notice, actor: Actor) -> Opened:
    """Order every unit the issued ``notice`` names to rectify what it names."""
    if not notice.issued:
        raise InvalidInput("通报印发后才能下达整改事项。")
    created: list[RectificationItem] = []
    existing: list[NoticeItem] = []
    with transaction.atomic():
        for named in notice_items(notice):
            if _has_item(notice, named):
                existing.append(named)
                continue
            created.append(
                rectification.open_item(
                    notice.region,
                    notice.year,
                    named.unit_id,
                    problem_text(named),
                    named.deadline,
                    RectificationSource.NOTICE,
                    actor,
                    source_ref=source_ref(notice),
                    finding_key=named.finding_key,
                )
            )
    return Opened(created, existing)
