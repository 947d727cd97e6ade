"""Hard identities H1–H8 (docs/law.md#identities) and the numeric soft checks S1, S4–S7."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from operator import attrgetter

from ..model import Finding
from ..spec import APPLICANT_COLUMN_KEYS, APPLICANT_TYPES, DISPUTE_COLUMN_KEYS, TABLE_KEYS
from .base import (
    Context,
    cell_places,
    cells,
    finding,
    fmt_number,
    has_blank,
    known,
    present_cells,
    rule,
    total,
    where,
)

_value = attrgetter("value")
_COUNT_TYPES = frozenset({int, type(None)})
_NOT_OUTCOMES = ("received", "carried_in", "concluded_total", "carried_out")


def _outcome_rows(ctx: Context) -> list[str]:
    return [r.key for r in ctx.spec.applications.rows if r.key not in _NOT_OUTCOMES]


@rule(
    "APP-BALANCE",
    "error",
    "表三各列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度",
    ("H1", "E02"),
)
def application_balance(ctx: Context) -> Iterator[Finding]:
    if ctx.report.applications is None:
        return
    get = ctx.values["applications"].get
    for column in APPLICANT_COLUMN_KEYS:
        n, b, t, c = [get((row, column)) for row in _NOT_OUTCOMES]
        if None in (n, b, t, c):
            continue
        left, right = n + b, t + c  # type: ignore[operator]
        if left == right:
            continue
        expected = left - c  # type: ignore[operator]
        delta = left - right
        side = "多" if delta > 0 else "少"
        yield finding(
            "APP-BALANCE",
            f"{where(ctx.spec, 'applications', 'concluded_total', column)}：应为 {fmt_number(expected)}，"
            f"实为 {fmt_number(t)}（本年新收 {fmt_number(n)} + 上年结转 {fmt_number(b)} = {fmt_number(left)}，"
            f"办理结果总计 {fmt_number(t)} + 结转下年度 {fmt_number(c)} = {fmt_number(right)}，"
            f"前者{side} {fmt_number(abs(delta))}）",
            table="applications",
            row="concluded_total",
            column=column,
            expected=expected,
            actual=t,
            detail={
                "delta": delta,
                "cells": cells("applications", [(r, column) for r in _NOT_OUTCOMES]),
            },
        )


@rule("APP-OUTCOME-SUM", "error", "表三“（七）总计”等于各项办理结果之和", ("H2", "H4", "E03"))
def application_outcome_sum(ctx: Context) -> Iterator[Finding]:
    if ctx.report.applications is None:
        return
    rows = _outcome_rows(ctx)
    get = ctx.values["applications"].get
    for column in APPLICANT_COLUMN_KEYS:
        actual = get(("concluded_total", column))
        expected = total([get((row, column)) for row in rows])
        if actual is None or expected is None or actual == expected:
            continue
        yield finding(
            "APP-OUTCOME-SUM",
            f"{where(ctx.spec, 'applications', 'concluded_total', column)}：应为 {fmt_number(expected)}"
            f"（（一）至（六）各项之和），实为 {fmt_number(actual)}",
            table="applications",
            row="concluded_total",
            column=column,
            expected=expected,
            actual=actual,
            detail={
                "cells": cells("applications", [(r, column) for r in [*rows, "concluded_total"]])
            },
        )


@rule("APP-ROW-TOTAL", "error", "表三每行“总计”列等于六类申请人之和", ("H3", "E03"))
def application_row_total(ctx: Context) -> Iterator[Finding]:
    if ctx.report.applications is None:
        return
    get = ctx.values["applications"].get
    for row in ctx.spec.applications.row_keys:
        actual = get((row, "total"))
        expected = total([get((row, c)) for c in APPLICANT_TYPES])
        if actual is None or expected is None or actual == expected:
            continue
        yield finding(
            "APP-ROW-TOTAL",
            f"{where(ctx.spec, 'applications', row, 'total')}：应为 {fmt_number(expected)}"
            f"（自然人与五类法人或其他组织之和），实为 {fmt_number(actual)}",
            table="applications",
            row=row,
            column="total",
            expected=expected,
            actual=actual,
            detail={"cells": cells("applications", [(row, c) for c in APPLICANT_COLUMN_KEYS])},
        )


@rule(
    "DSP-TOTAL",
    "error",
    "表四各组“总计”等于结果维持、结果纠正、其他结果、尚未审结之和",
    ("H5", "H6", "H7", "E03"),
)
def dispute_total(ctx: Context) -> Iterator[Finding]:
    if ctx.report.disputes is None:
        return
    for group in ctx.spec.disputes.row_keys:
        actual = known(ctx, "disputes", group, "total")
        expected = total(known(ctx, "disputes", group, c) for c in DISPUTE_COLUMN_KEYS[:-1])
        if actual is None or expected is None or actual == expected:
            continue
        yield finding(
            "DSP-TOTAL",
            f"{where(ctx.spec, 'disputes', group, 'total')}：应为 {fmt_number(expected)}，实为 {fmt_number(actual)}",
            table="disputes",
            row=group,
            column="total",
            expected=expected,
            actual=actual,
            detail={"cells": cells("disputes", [(group, c) for c in DISPUTE_COLUMN_KEYS])},
        )


@rule("VALUE-RANGE", "error", "件数为非负整数，收费金额为非负数", ("H8",))
def value_range(ctx: Context) -> Iterator[Finding]:
    places = cell_places(ctx.spec)
    for table in TABLE_KEYS:
        data = ctx.report.table(table)
        if data is None:
            continue
        values = list(map(_value, data.cells.values()))
        if set(map(type, values)) <= _COUNT_TYPES and min(filter(None, values), default=0) >= 0:
            continue  # only counts of zero or more (or nothing): seen without a Python loop
        for (row_key, column_key), cell in data.cells.items():
            value = cell.value
            if value is None or (value.__class__ is int and value >= 0):
                continue  # a count of zero or more, the usual case
            place = places.get((table, row_key, column_key))
            if place is None:
                continue
            row, column = place
            problem = None
            if value < 0 and not column.signed:
                problem = "不应为负数"
            elif (
                isinstance(value, Decimal)
                and not column.decimal
                and value != value.to_integral_value()
            ):
                problem = "件数应为整数"
            if problem:
                yield finding(
                    "VALUE-RANGE",
                    f"{where(ctx.spec, table, row.key, column.key)}：{problem}，实为 {fmt_number(value)}",
                    table=table,
                    row=row.key,
                    column=column.key,
                    actual=value,
                    line=cell.line,
                )


@rule("CELL-BLANK", "warning", "应填数字的单元格为空白（按0计算）", ("S6",))
def blank_cells(ctx: Context) -> Iterator[Finding]:
    if not any(map(has_blank, map(ctx.report.table, TABLE_KEYS))):
        return
    for table, row, column, cell in present_cells(ctx):
        if cell.status == "blank":
            shown = f"“{cell.raw}”" if cell.raw else "空白"
            yield finding(
                "CELL-BLANK",
                f"{where(ctx.spec, table, row.key, column.key)}：为{shown}，未填数字，核对时按0计算",
                table=table,
                row=row.key,
                column=column.key,
                line=cell.line,
            )


@rule("APP-CARRY-LARGE", "warning", "结转下年度的申请数明显多于本年新收", ("S1",))
def carry_large(ctx: Context) -> Iterator[Finding]:
    carried = known(ctx, "applications", "carried_out", "total")
    received = known(ctx, "applications", "received", "total")
    if carried is None or received is None:
        return
    limit = max(ctx.config.carry_min, ctx.config.carry_ratio * float(received))
    if carried > limit:
        yield finding(
            "APP-CARRY-LARGE",
            f"{where(ctx.spec, 'applications', 'carried_out', 'total')}：结转 {fmt_number(carried)} 件，"
            f"本年新收仅 {fmt_number(received)} 件；按法定答复期限，结转的应只是年末约两个月内收到的申请，请核实",
            table="applications",
            row="carried_out",
            column="total",
            actual=carried,
        )


@rule("APP-OTHER-HIGH", "warning", "“其他处理”占办理结果的比例过高", ("S4",))
def other_high(ctx: Context) -> Iterator[Finding]:
    concluded = known(ctx, "applications", "concluded_total", "total")
    rows = [
        r
        for r in ("closed_no_correction", "closed_fee_unpaid", "closed_other")
        if r in ctx.spec.applications.row_keys
    ]
    other = total(known(ctx, "applications", r, "total") or 0 for r in rows)
    if concluded is None or other is None or concluded < ctx.config.other_min:
        return
    if other > ctx.config.other_ratio * float(concluded):
        yield finding(
            "APP-OTHER-HIGH",
            f"{where(ctx.spec, 'applications', 'closed_other', 'total')}：“（六）其他处理”共 {fmt_number(other)} 件，"
            f"占办理结果总计 {fmt_number(concluded)} 件的 {float(other) / float(concluded):.0%}；"
            "该项只用于极少数特殊情形，请核实归类",
            table="applications",
            row="closed_other",
            column="total",
            actual=other,
        )


@rule("DSP-VOLUME", "warning", "复议、诉讼案件数远多于申请数", ("S5",))
def dispute_volume(ctx: Context) -> Iterator[Finding]:
    disputes = total(known(ctx, "disputes", g, "total") for g in ctx.spec.disputes.row_keys)
    received = known(ctx, "applications", "received", "total")
    carried = known(ctx, "applications", "carried_in", "total")
    if disputes is None or received is None or carried is None:
        return
    if disputes >= 3 and disputes > received + carried:
        yield finding(
            "DSP-VOLUME",
            f"表四：复议和诉讼共 {fmt_number(disputes)} 件，多于表三本年新收与上年结转之和 "
            f"{fmt_number(received + carried)} 件；跨年案件可以如此，请核实",
            table="disputes",
            actual=disputes,
        )


@rule("PRO-FEE-UNIT", "warning", "行政事业性收费金额疑似以元填入万元栏", ("S7", "E15"))
def fee_unit(ctx: Context) -> Iterator[Finding]:
    if ctx.spec.key != "2021":
        return
    value = known(ctx, "proactive", "admin_fees", None)
    if value is not None and value > ctx.config.fee_unit_limit:
        yield finding(
            "PRO-FEE-UNIT",
            f"{where(ctx.spec, 'proactive', 'admin_fees')}：{fmt_number(value)} 万元，数额异常，疑似把“元”填入了“万元”栏",
            table="proactive",
            row="admin_fees",
            actual=value,
        )
