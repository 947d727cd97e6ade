"""The list behind a cell as a table for the page: one column set per kind of record (cases,
documents, decisions, fee entries, disputes), each record linking to its own page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet, Sum
from django.urls import reverse

from gongkai.web.applications.labels import OUTCOME_LABELS
from gongkai.web.applications.models import Application
from gongkai.web.registers.models import Decision, Dispute, FeeIncome, RegisteredDocument


@dataclass(frozen=True)
class Value:
    text: str
    url: str = ""
    numeric: bool = False
    nowrap: bool = False  # numbers and dates stay on one line


def _day_value(value: date | None) -> Value:
    return Value(_day(value), nowrap=True)


@dataclass(frozen=True)
class RecordTable:
    noun: str  # 件申请, 份文件 …
    headers: tuple[str, ...]
    rows: list[tuple[Value, ...]]
    count: int  # records listed
    total: str  # what the cell counts: the number of records, or the sum of their counts
    page: Page[Any]


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _register_url(slug: str, pk: int) -> str:
    """The record's page in the registers."""
    return reverse(f"registers:{slug}_edit", args=[pk])


def _application(a: Application) -> tuple[Value, ...]:
    return (
        Value(a.tracking_number, reverse("cases:detail", args=[a.pk]), nowrap=True),
        Value(a.get_applicant_type_display()),
        _day_value(a.received_on),
        _day_value(a.closed_on),
        Value(OUTCOME_LABELS.get(a.outcome, "") or "办理中"),
    )


def _document(d: RegisteredDocument) -> tuple[Value, ...]:
    if d.repealed_on:
        ended = f"{_day(d.repealed_on)} 废止"
    elif d.expires_on:
        ended = f"{_day(d.expires_on)} 届满"
    else:
        ended = "—"
    return (
        Value(d.number or "—", nowrap=True),
        Value(d.title, _register_url("documents", d.pk)),
        Value(d.get_kind_display()),
        _day_value(d.issued_on),
        Value(ended),
    )


def _decision(d: Decision) -> tuple[Value, ...]:
    return (
        Value(d.get_kind_display()),
        Value(d.reference or d.subject or "—", _register_url("decisions", d.pk)),
        Value(_day(d.decided_on) if d.decided_on else f"{d.year}年", nowrap=True),
        Value(d.get_source_display()),
        Value(str(d.count), numeric=True),
    )


def _fee(f: FeeIncome) -> tuple[Value, ...]:
    return (
        Value(str(f.year)),
        Value(f.item, _register_url("fees", f.pk)),
        Value(_amount(f.amount), numeric=True),
        Value(f.note or ""),
    )


def _dispute(d: Dispute) -> tuple[Value, ...]:
    case = d.application
    return (
        Value(d.get_path_display()),
        Value(d.case_number or f"#{d.pk}", _register_url("disputes", d.pk), nowrap=True),
        Value(d.claimant or "—"),
        _day_value(d.filed_on),
        _day_value(d.concluded_on),
        Value(d.get_outcome_display() or "尚未审结"),
        Value(case.tracking_number, reverse("cases:detail", args=[case.pk]), nowrap=True)
        if case
        else Value("—"),
    )


def _amount(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class _Kind:
    noun: str
    headers: tuple[str, ...]
    row: Callable[[Any], tuple[Value, ...]]
    related: tuple[str, ...] = ()


KINDS: dict[type[Model], _Kind] = {
    Application: _Kind(
        "件申请", ("申请编号", "申请人类型", "收到日期", "办结日期", "办理结果"), _application
    ),
    RegisteredDocument: _Kind(
        "份文件", ("文号", "标题", "类别", "印发日期", "废止或届满"), _document
    ),
    Decision: _Kind("条决定登记", ("类别", "文号或事项", "决定日期", "来源", "件数"), _decision),
    FeeIncome: _Kind("条收费登记", ("年度", "收费项目", "金额（万元）", "备注"), _fee),
    Dispute: _Kind(
        "件复议诉讼案件",
        ("类别", "案号", "申请人（原告）", "立案日期", "审结日期", "结果", "所涉申请"),
        _dispute,
        ("application",),
    ),
}


def record_table(qs: QuerySet[Any], page: int | str | None = 1, per_page: int = 100) -> RecordTable:
    """One page of the records behind a cell, with what the cell counts over all of them."""
    kind = KINDS[qs.model]
    if kind.related:
        qs = qs.select_related(*kind.related)
    shown = Paginator(qs, per_page).get_page(page)
    count = shown.paginator.count
    if qs.model is Decision:
        total = str(qs.order_by().aggregate(n=Sum("count"))["n"] or 0)
    elif qs.model is FeeIncome:
        total = _amount(qs.order_by().aggregate(n=Sum("amount"))["n"] or Decimal(0)) + " 万元"
    else:
        total = str(count)
    return RecordTable(kind.noun, kind.headers, [kind.row(r) for r in shown], count, total, shown)
