"""What every register's writes share: who may write, checking the input field by field, and
the year-end lock.

Each register describes itself once as a :class:`Register` (its model, the dates the annual
report counts it by, how its input is checked); :func:`create`, :func:`update` and
:func:`delete` then write it the same way: check everything first and report every problem at
once (:class:`InvalidInput` with a message per field), write inside one transaction, and call
:func:`gongkai.web.reports.lock.guard` in it with the old and the new dates, so a record of a
year whose report is published changes only with a correction reason, which reopens the report.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from gongkai.web import yearlock
from gongkai.web.agencies.selectors import Actor
from gongkai.web.bounds import FIRST_DAY, date_problem
from gongkai.web.errors import Forbidden, InvalidInput
from gongkai.web.registers import selectors
from gongkai.web.textcheck import MESSAGE as CONTROL_MESSAGE
from gongkai.web.textcheck import has_control

OLDEST_DOCUMENT = date(1949, 10, 1)  # a document or catalogue entry may predate the Regulation
FUTURE_DAYS = 30 * 366


@dataclass(frozen=True)
class Context:
    """What a check may need besides the input: whose record, which one, which day it is."""

    agency_id: int
    instance: Any | None  # the record being changed; None on create
    today: date


R = TypeVar("R", bound=models.Model)
T = TypeVar("T")


@dataclass(frozen=True)
class Register(Generic[R]):
    model: type[R]
    noun: str  # 文件, 决定, 收费, 目录条目, 复议诉讼案件, 事项: names the record in corrections
    carries: bool  # counted in later years too (a document in force, a pending dispute)
    dates: Callable[[R], Iterable[date | None]]  # the dates the annual report counts it by
    clean: Callable[[Mapping[str, Any], Context], dict[str, Any]]  # input → field values
    # how a record counts in a year's report (gongkai.web.footprints): a change that leaves it
    # the same in a published year needs no reason there; None: every change counts
    counts: Callable[[Any, int], Hashable] | None = None

    def alters(self, before: Any | None, after: Any | None) -> Callable[[int], bool] | None:
        """Does going from ``before`` to ``after`` (None: no record) alter a year's figures?"""
        counts = self.counts
        if counts is None:
            return None

        def alters(year: int) -> bool:
            old = counts(before, year) if before is not None else None
            new = counts(after, year) if after is not None else None
            return bool(old != new)

        return alters


class Checker:
    """Reads input for a model field by field, collecting a message per bad field."""

    def __init__(self, model: type[models.Model], data: Mapping[str, Any], today: date) -> None:
        self.model, self.data, self.today = model, data, today
        self.problems: dict[str, str] = {}

    def field(self, name: str) -> models.Field[Any, Any]:
        found = self.model._meta.get_field(name)
        assert isinstance(found, models.Field), name  # the registers' own columns, no relations
        return found

    def label(self, name: str) -> str:
        return str(self.field(name).verbose_name)

    def error(self, name: str, message: str) -> None:
        self.problems.setdefault(name, message)

    def ok(self, *names: str) -> bool:
        return not any(n in self.problems for n in names)

    def text(self, name: str, *, required: bool = False) -> str:
        value = str(self.data.get(name) or "").strip()
        limit = self.field(name).max_length
        if required and not value:
            self.error(name, f"请填写{self.label(name)}")
        elif has_control(value):
            self.error(name, f"{self.label(name)}{CONTROL_MESSAGE}")
        elif limit and len(value) > limit:
            self.error(name, f"{self.label(name)}不能超过{limit}字")
        return value

    def choice(self, name: str, *, required: bool = True) -> str:
        value = str(self.data.get(name) or "").strip()
        choices = dict(self.field(name).choices or ())
        if not value:
            if required:
                self.error(name, f"请选择{self.label(name)}")
        elif value not in choices:
            self.error(name, f"{self.label(name)}“{value}”不是可选项")
        return value

    def day(
        self, name: str, *, required: bool = False, future: bool = False, earliest: date = FIRST_DAY
    ) -> date | None:
        """A date from 2008 (``earliest``: older records such as a document still in force)
        up to today, or (``future``) up to 30 years ahead: a document's expiry."""
        value = self.data.get(name)
        if value in (None, ""):
            if required:
                self.error(name, f"请填写{self.label(name)}")
            return None
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                self.error(name, f"{self.label(name)}不是有效的日期")
                return None
        if not isinstance(value, date):
            self.error(name, f"{self.label(name)}不是有效的日期")
            return None
        problem = date_problem(
            value, earliest=earliest, now=self.today, ahead_days=FUTURE_DAYS if future else 0
        )
        if problem:
            self.error(name, f"{self.label(name)}{problem}")
        return value

    def integer(self, name: str, *, minimum: int = 0, default: int | None = None) -> int | None:
        value = self.data.get(name)
        if value in (None, ""):
            if default is None:
                self.error(name, f"请填写{self.label(name)}")
            return default
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or number < minimum or str(value).strip() != str(number):
            self.error(name, f"{self.label(name)}应为不小于{minimum}的整数")
            return None
        return number

    def decimal(self, name: str) -> Decimal | None:
        field = self.model._meta.get_field(name)
        try:
            value = Decimal(str(self.data.get(name, "")).strip())
        except InvalidOperation:
            self.error(name, f"请填写{self.label(name)}（数字）")
            return None
        places = getattr(field, "decimal_places", 4)
        if not value.is_finite() or value < 0:
            self.error(name, f"{self.label(name)}应为不小于0的数")
            return None
        if value != value.quantize(Decimal(1).scaleb(-places)):
            self.error(name, f"{self.label(name)}最多保留{places}位小数")
            return None
        if value.adjusted() >= getattr(field, "max_digits", 14) - places:
            self.error(name, f"{self.label(name)}过大")
            return None
        return value

    def year(self, name: str = "year") -> int | None:
        value = self.integer(name, minimum=selectors.FIRST_YEAR)
        if value is not None and value > self.today.year:
            self.error(name, f"{self.label(name)}不能晚于今年")
        return value

    def done(self) -> None:
        if self.problems:
            raise InvalidInput("；".join(self.problems.values()) + "。", fields=dict(self.problems))


# ---------------------------------------------------------------- writing


def agency_for_create(actor: Actor) -> int:
    agency = selectors.write_agency(actor)
    if agency is None:
        raise Forbidden("只有本机关的经办人或审批人可以登记；您可以查看，但无权登记。")
    return agency.pk


def today() -> date:
    return timezone.localdate()


def create(
    actor: Actor,
    register: Register[R],
    data: Mapping[str, Any],
    *,
    correction_reason: str = "",
    agency_id: int | None = None,
) -> R:
    """Check ``data`` and create the record in ``actor``'s agency."""
    own = agency_for_create(actor)
    if agency_id is not None and agency_id != own:
        raise Forbidden("只能登记本机关的记录。")

    def write() -> R:
        with transaction.atomic():
            values = register.clean(data, Context(own, None, today()))
            record = register.model._default_manager.create(agency_id=own, **values)
            yearlock.guard(
                actor,
                own,
                register.dates(record),
                carries=register.carries,
                record=record_name(register, record),
                change=f"新增{register.noun}：{describe(record)}",
                reason=correction_reason,
                alters=register.alters(None, record),
            )
        return record

    return unique(write)


def update(
    actor: Actor,
    register: Register[R],
    pk: int,
    data: Mapping[str, Any],
    *,
    correction_reason: str = "",
) -> R:
    def write() -> R:
        with transaction.atomic():
            record = selectors.record_for_write(actor, register.model, pk, lock=True)
            agency_id = selectors.agency_id_of(record)
            old_dates = list(register.dates(record))
            before = copy.copy(record)
            values = register.clean(data, Context(agency_id, record, today()))
            change = changes(record, values)
            for name, value in values.items():
                setattr(record, name, value)
            record.save()
            if change:
                yearlock.guard(
                    actor,
                    agency_id,
                    [*old_dates, *register.dates(record)],
                    carries=register.carries,
                    record=record_name(register, record),
                    change=f"修改{register.noun}：{change}",
                    reason=correction_reason,
                    alters=register.alters(before, record),
                )
        return record

    return unique(write)


def unique(write: Callable[[], T]) -> T:
    """Run ``write``; when a unique number (决定书文号, 索引号) was taken by another writer
    between its check and its insert, run it once more: the check then sees that record and
    says so as it would have a moment later."""
    try:
        return write()
    except IntegrityError:
        try:
            return write()
        except IntegrityError as error:
            raise InvalidInput("与已有的记录重复，请刷新后核对。") from error


def delete(
    actor: Actor,
    register: Register[R],
    pk: int,
    *,
    correction_reason: str = "",
    check: Callable[[R], None] | None = None,
) -> None:
    """Delete; ``check`` may refuse first (a review that a suit still follows)."""
    with transaction.atomic():
        record = selectors.record_for_write(actor, register.model, pk, lock=True)
        if check is not None:
            check(record)
        yearlock.guard(
            actor,
            selectors.agency_id_of(record),
            register.dates(record),
            carries=register.carries,
            record=record_name(register, record),
            change=f"删除{register.noun}：{describe(record)}",
            reason=correction_reason,
            alters=register.alters(record, None),
        )
        record.delete()


def record_name(register: Register, record: Any) -> str:
    return f"{register.noun} #{record.pk}"


def _shown(record: Any, name: str, value: Any) -> str:
    if value in (None, ""):
        return "（空）"
    field = record._meta.get_field(name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if isinstance(value, models.Model):
        return str(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def describe(record: Any) -> str:
    """The record's fields in Chinese, for the correction log."""
    parts = []
    for field in record._meta.concrete_fields:
        if field.primary_key or field.name in ("agency",):
            continue
        value = getattr(record, field.attname)
        if value not in (None, ""):
            shown = _shown(record, field.name, getattr(record, field.name))
            parts.append(f"{field.verbose_name}：{shown}")
    return "；".join(parts)


def changes(record: Any, values: Mapping[str, Any]) -> str:
    """``印发日期：2025-01-02→2025-02-03；标题：…→…`` for the fields that change."""
    parts = []
    for name, new in values.items():
        field = record._meta.get_field(name)
        old = getattr(record, field.attname if field.is_relation else name)
        new_raw = new.pk if isinstance(new, models.Model) else new
        if old == new_raw or (old in (None, "") and new_raw in (None, "")):
            continue
        old_shown = _shown(record, name, getattr(record, name))
        parts.append(f"{field.verbose_name}：{old_shown}→{_shown(record, name, new)}")
    return "；".join(parts)
