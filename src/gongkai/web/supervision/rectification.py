"""整改 (rectification, 条例 art. 47): a supervisor orders a unit to put a problem right by a
deadline; the unit answers (a note, and perhaps a corrected report, read and checked by the
report core); the supervisor passes the answer or returns it with a reason, and a returned item
waits for a new answer. Every step is a line of the item's append-only log.

Who: the region's writers (:func:`selectors.can_write`) open and decide; the staff of the
agency a roster unit is linked to (``RosterUnit.agency``) see and answer that unit's items and
nothing else; whoever reads a region (a supervisor above) reads its items."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from gongkai.report.canonical import from_canonical, to_canonical
from gongkai.report.errors import GongkaiError
from gongkai.report.isolate import parse_isolated
from gongkai.report.model import Report
from gongkai.report.render.layout import report_format
from gongkai.report.rules import RULES, check
from gongkai.web import bounds
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import Forbidden, InvalidInput, NotFound
from gongkai.web.reports.display import place
from gongkai.web.supervision import analysis, board, selectors
from gongkai.web.supervision.models import (
    Decision,
    RectificationAction,
    RectificationEvent,
    RectificationItem,
    RectificationSource,
    RectificationStatus,
    RosterUnit,
)

MAX_REPORT_BYTES = 64 * 1024 * 1024
MAX_PROBLEM = 2000
MAX_DAYS_AHEAD = 366
AWAITING = (RectificationStatus.OPEN, RectificationStatus.RETURNED)
ITEM_NOT_FOUND = "没有这个整改事项，或无权查看。"
NOT_UNIT = "只有被整改单位的工作人员可以答复整改事项。"


# ------------------------------------------------------------------------------ reads


def region_items(region: Agency) -> QuerySet[RectificationItem]:
    return RectificationItem.objects.filter(region=region)


def overdue(items: QuerySet[RectificationItem], day: date | None = None) -> QuerySet[Any]:
    return items.filter(status__in=AWAITING, deadline__lt=day or bounds.today())


def overdue_count(region: Agency) -> int:
    return overdue(region_items(region)).count()


def region_item(region: Agency, item_id: int) -> RectificationItem:
    item = region_items(region).filter(pk=item_id).first()
    if item is None:
        raise NotFound(ITEM_NOT_FOUND)
    return item


def linked_to_a_roster(actor: Actor) -> bool:
    """Whether any roster lists the actor's agency: without that it has no items (one simple
    query, asked on every staff page for the navigation bar)."""
    return actor.staff is not None and (
        RosterUnit.objects.filter(agency_id=actor.staff.agency_id).exists()
    )


def unit_items(actor: Actor) -> QuerySet[RectificationItem]:
    """The items of every roster unit linked to the actor's own agency, in any region."""
    if actor.staff is None:
        return RectificationItem.objects.none()
    linked = RosterUnit.objects.filter(
        region=OuterRef("region"),
        year=OuterRef("year"),
        unit_id=OuterRef("unit_id"),
        agency_id=actor.staff.agency_id,
    )
    return RectificationItem.objects.filter(Exists(linked)).select_related("region")


def unit_item(actor: Actor, item_id: int) -> RectificationItem:
    item = unit_items(actor).filter(pk=item_id).first()
    if item is None:
        raise NotFound(ITEM_NOT_FOUND)
    return item


def visible_item(actor: Actor, item_id: int) -> RectificationItem:
    """The item for its unit's staff or for whoever reads its region; else 404."""
    item = unit_items(actor).filter(pk=item_id).first()
    if item is None:
        item = RectificationItem.objects.filter(
            pk=item_id, region__in=selectors.regions_readable(actor)
        ).first()
    if item is None:
        raise NotFound(ITEM_NOT_FOUND)
    return item


@dataclass(frozen=True)
class Filters:
    status: str = ""
    unit: str = ""
    year: int | None = None
    overdue_only: bool = False

    @classmethod
    def of(cls, query: Mapping[str, str]) -> Filters:
        status = query.get("status", "")
        return cls(
            status=status if status in RectificationStatus.values else "",
            unit=query.get("unit", ""),
            year=bounds.year_param(query.get("year")),
            overdue_only=query.get("overdue") == "1",
        )

    def apply(self, items: QuerySet[RectificationItem]) -> QuerySet[RectificationItem]:
        if self.status:
            items = items.filter(status=self.status)
        if self.unit:
            items = items.filter(unit_id=self.unit)
        if self.year is not None:
            items = items.filter(year=self.year)
        if self.overdue_only:
            items = overdue(items)
        return items


def events(item: RectificationItem) -> list[RectificationEvent]:
    return list(item.events.all())


def days_late(item: RectificationItem, log: Sequence[RectificationEvent]) -> dict[int, int]:
    """The answers given after the deadline: event id → days past it."""
    out = {}
    for e in log:
        days = (timezone.localdate(e.at) - item.deadline).days
        if e.action == RectificationAction.ANSWERED and days > 0:
            out[e.pk] = days
    return out


# ------------------------------------------------------------------------------ opening


def _writable(actor: Actor, region: Agency) -> None:
    if not selectors.can_write(actor, region):
        raise Forbidden(selectors.READ_ONLY)


def _deadline_problem(deadline: date) -> str:
    today = bounds.today()
    if deadline <= today:
        return "整改期限须晚于今天。"
    latest = today + timedelta(days=MAX_DAYS_AHEAD)
    if deadline > latest:
        return f"整改期限不能晚于{latest.year}年{latest.month}月{latest.day}日。"
    return ""


def _log(
    item: RectificationItem, action: str, actor: Actor, note: str, **extra: Any
) -> RectificationEvent:
    return RectificationEvent.objects.create(
        item=item,
        action=action,
        status=item.status,
        note=note,
        actor_id=actor.user_id,
        actor_name=actor.name,
        actor_agency=actor.staff.agency.name if actor.staff else "",
        **extra,
    )


def open_item(
    region: Agency,
    year: int,
    unit_id: str,
    problem: str,
    deadline: date,
    source: str,
    actor: Actor,
    *,
    source_ref: str = "",
    finding_key: str = "",
    finding: Mapping[str, Any] | None = None,
) -> RectificationItem:
    """Order ``unit_id`` of ``year``'s roster to rectify ``problem`` by ``deadline``; ``source``
    says where it came from (a confirmed finding, a person, a 通报 with ``source_ref``)."""
    _writable(actor, region)
    if source not in RectificationSource.values:
        raise InvalidInput("整改事项的来源无效。")
    unit = RosterUnit.objects.filter(region=region, year=year, unit_id=unit_id).first()
    if unit is None:
        message = f"{year}年度名单中没有这个单位。"
        raise InvalidInput(message, fields={"unit": message})
    problem = problem.strip()
    problems: dict[str, str] = {}
    if not problem:
        problems["problem"] = "请写明需要整改的问题。"
    elif len(problem) > MAX_PROBLEM:
        problems["problem"] = f"问题描述不能超过{MAX_PROBLEM}字。"
    if when := _deadline_problem(deadline):
        problems["deadline"] = when
    if problems:
        raise InvalidInput("".join(problems.values()), fields=problems)
    try:
        with transaction.atomic():
            if finding_key:
                taken = region_items(region).filter(
                    year=year, unit_id=unit_id, finding_key=finding_key
                )
                if first := taken.first():
                    raise InvalidInput(f"该问题已有整改事项（第{first.pk}号）。")
            item = RectificationItem.objects.create(
                region=region,
                year=year,
                unit_id=unit_id,
                unit_name=unit.name,
                source=source,
                source_ref=source_ref[:200],
                finding_key=finding_key,
                finding=dict(finding or {}),
                problem=problem,
                deadline=deadline,
                created_by_id=actor.user_id,
                created_by_name=actor.name,
            )
            _log(item, RectificationAction.OPENED, actor, f"整改期限：{deadline.isoformat()}")
    except IntegrityError as error:  # the same finding made an item a moment ago
        raise InvalidInput("该问题已有整改事项，请刷新页面。") from error
    return item


def confirmed_finding(region: Agency, year: int, unit_id: str, key: str) -> board.FindingRow:
    """The finding as the findings page shows it, which the supervisor must have confirmed."""
    years = [y for y in (year - 1, year) if y in selectors.roster_years(region)]
    if year not in years:
        raise NotFound("没有这一年度的名单。")
    data = board.load(region, years)
    row = next(
        (r for r in data.findings[year] if r.item.unit_id == unit_id and r.item.key == key), None
    )
    if row is None:
        raise NotFound("没有这个问题，报告可能已更新，请刷新问题列表。")
    if row.review is None or row.review.decision != Decision.CONFIRMED:
        raise InvalidInput("只有已确认的问题可以转为整改事项，请先在问题列表中确认。")
    return row


def finding_problem(row: board.FindingRow) -> str:
    """The problem in words: where, what the rule says, what was expected and found."""
    f = row.item.finding
    text = f"{row.place}：{f.message}"
    if f.expected is not None or f.actual is not None:
        text += f"（应为{_shown(f.expected)}，实为{_shown(f.actual)}）"
    return f"{text}［{f.code}］"


def _shown(value: Any) -> str:
    return "（空）" if value is None else str(value)


def open_from_finding(
    actor: Actor,
    region: Agency,
    year: int,
    unit_id: str,
    key: str,
    deadline: date,
    problem: str | None = None,
) -> RectificationItem:
    _writable(actor, region)
    row = confirmed_finding(region, year, unit_id, key)
    return open_item(
        region,
        year,
        unit_id,
        problem if problem is not None else finding_problem(row),
        deadline,
        RectificationSource.FINDING,
        actor,
        finding_key=key,
        finding={**row.item.finding.to_dict(), "place": row.place},
    )


# ------------------------------------------------------------------------------ answering


@dataclass(frozen=True)
class Corrected:
    """A corrected report as read by the report core, with the validator's findings."""

    file_name: str
    data: bytes
    report: Report
    findings: list[dict[str, Any]]


def _file_name(upload: Any) -> str:
    name = re.sub(r"[\\/\x00-\x1f]+", "_", Path(str(upload.name or "report")).name)
    return name[:150] or "report"


def read_corrected(item: RectificationItem, upload: Any) -> Corrected:
    """Read the file in a child process (time- and memory-bound) and check it against the
    unit's report of the year before, when the region has one."""
    name = _file_name(upload)
    if (getattr(upload, "size", 0) or 0) > MAX_REPORT_BYTES:
        raise InvalidInput(f"文件“{name}”超过64 MB。", fields={"report": "文件超过64 MB。"})
    data = b"".join(upload.chunks())
    try:
        report = parse_isolated(data, name)
    except GongkaiError as error:
        text = str(error)
        message = text if name in text else f"{name}：{text}"
        raise InvalidInput(message, fields={"report": message}) from error
    if report.year is not None and report.year != item.year:
        message = f"{name}是{report.year}年度的报告，整改事项针对{item.year}年度报告。"
        raise InvalidInput(message, fields={"report": message})
    fmt = report_format(report)
    found = [
        {**f.to_dict(), "place": place(fmt, f.to_dict())}
        for f in check(report, _last_year_report(item))
    ]
    return Corrected(name, data, report, found)


def _last_year_report(item: RectificationItem) -> Report | None:
    year = item.year - 1
    if year not in selectors.roster_years(item.region):
        return None
    units = analysis.roster(item.region, year)
    return analysis.corpus(item.region, year, units).reports(year).get(item.unit_id)


def rechecked(item: RectificationItem, event: RectificationEvent) -> str:
    """What the corrected report says about the item's finding: '' when nothing can be said
    (no report, a finding that is not the validator's), else still there or gone."""
    code = item.finding.get("code")
    if not event.file_name or not code:
        return ""
    if code not in RULES:
        return "原问题由监督比对得出，须人工核对更正后的报告。"
    same = [
        f
        for f in event.findings
        if f.get("code") == code
        and all(f.get(k) == item.finding.get(k) for k in ("table", "row", "column", "section"))
    ]
    return "更正后的报告中原问题仍然存在。" if same else "更正后的报告中已不再出现原问题。"


def _folder(item: RectificationItem) -> Path:
    return Path(settings.DATA_DIR) / "supervision" / "rectification" / f"item-{item.pk}"


def stored_file(event: RectificationEvent) -> Path | None:
    if not event.file_path:
        return None
    path = Path(settings.DATA_DIR) / event.file_path
    return path if path.is_file() else None


def corrected_report(event: RectificationEvent) -> Report | None:
    return from_canonical(event.document, source=event.file_name) if event.document else None


def answer(actor: Actor, item_id: int, note: str, upload: Any | None = None) -> RectificationItem:
    """The unit's answer: a note, perhaps a corrected report (kept, read and checked)."""
    item = unit_items(actor).filter(pk=item_id).first()
    if item is None:
        visible_item(actor, item_id)  # 404 unless the actor reads the item's region
        raise Forbidden(NOT_UNIT)
    _can_answer(item)
    note = note.strip()
    if not note:
        raise InvalidInput("请写明整改情况。", fields={"note": "请写明整改情况。"})
    corrected = read_corrected(item, upload) if upload else None
    with transaction.atomic():
        item = RectificationItem.objects.select_for_update().get(pk=item.pk)
        _can_answer(item)
        extra: dict[str, Any] = {}
        if corrected is not None:
            folder = _folder(item)
            folder.mkdir(parents=True, exist_ok=True)
            number = item.events.count() + 1
            path = folder / f"{number}-{corrected.file_name}"
            path.write_bytes(corrected.data)
            extra = {
                "file_name": corrected.file_name,
                "file_path": str(path.relative_to(Path(settings.DATA_DIR))),
                "report_year": corrected.report.year,
                "name_found": (corrected.report.agency or "")[:200],
                "document": to_canonical(corrected.report),
                "findings": corrected.findings,
            }
        item.status = RectificationStatus.ANSWERED
        item.save(update_fields=["status", "updated_at"])
        _log(item, RectificationAction.ANSWERED, actor, note, **extra)
    return item


def _can_answer(item: RectificationItem) -> None:
    if item.status == RectificationStatus.ANSWERED:
        raise InvalidInput("该事项已答复，正在等待监督机关审核，不能重复答复。")
    if item.status == RectificationStatus.PASSED:
        raise InvalidInput("该事项已审核通过，无需再答复。")


# ------------------------------------------------------------------------------ deciding


def decide(
    actor: Actor, region: Agency, item_id: int, decision: str, note: str
) -> RectificationItem:
    """Pass the unit's answer, or return it (with the reason) for a new answer."""
    _writable(actor, region)
    if decision not in (RectificationStatus.PASSED, RectificationStatus.RETURNED):
        raise InvalidInput("请选择通过或退回。")
    note = note.strip()
    if decision == RectificationStatus.RETURNED and not note:
        raise InvalidInput("退回须写明理由。", fields={"note": "退回须写明理由。"})
    with transaction.atomic():
        item = region_items(region).select_for_update().filter(pk=item_id).first()
        if item is None:
            raise NotFound(ITEM_NOT_FOUND)
        if item.status in AWAITING:
            raise InvalidInput("单位尚未答复，还不能审核。")
        if item.status == RectificationStatus.PASSED:
            raise InvalidInput("该事项已审核通过，不能再次审核。")
        item.status = decision
        item.save(update_fields=["status", "updated_at"])
        action = (
            RectificationAction.PASSED
            if decision == RectificationStatus.PASSED
            else RectificationAction.RETURNED
        )
        _log(item, action, actor, note)
    return item


def pass_item(actor: Actor, region: Agency, item_id: int, note: str = "") -> RectificationItem:
    return decide(actor, region, item_id, RectificationStatus.PASSED, note)


def return_item(actor: Actor, region: Agency, item_id: int, reason: str) -> RectificationItem:
    return decide(actor, region, item_id, RectificationStatus.RETURNED, reason)
