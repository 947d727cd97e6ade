"""Cross-year identities X1–X3 (docs/law.md#cross-year) and copying from last year (E06)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding
from ..spec import APPLICANT_COLUMN_KEYS, SECTIONS
from .base import Context, cells, finding, fmt_number, known, known_prev, rule, where
from .similarity import shared_share


@rule(
    "PREVIOUS-MISMATCH",
    "warning",
    "用作上年报告的文件不是同一机关的上一年度报告",
    (),
    needs_previous=True,
)
def previous_mismatch(ctx: Context) -> Iterator[Finding]:
    report, previous = ctx.report, ctx.previous
    assert previous is not None
    problems = []
    if report.year and previous.year and previous.year != report.year - 1:
        problems.append(f"年度为{previous.year}，应为{report.year - 1}")
    if report.agency and previous.agency and report.agency != previous.agency:
        problems.append(f"机关为“{previous.agency}”，本报告为“{report.agency}”")
    if problems:
        yield finding(
            "PREVIOUS-MISMATCH", "上年报告" + "；".join(problems) + "，跨年核对结果请谨慎看待"
        )


@rule(
    "XYEAR-CARRY",
    "error",
    "本年“上年结转”等于上年“结转下年度继续办理”",
    ("X1", "E04"),
    needs_previous=True,
)
def carry_over(ctx: Context) -> Iterator[Finding]:
    for column in APPLICANT_COLUMN_KEYS:
        now = known(ctx, "applications", "carried_in", column)
        before = known_prev(ctx, "applications", "carried_out", column)
        if now is None or before is None or now == before:
            continue
        yield finding(
            "XYEAR-CARRY",
            f"{where(ctx.spec, 'applications', 'carried_in', column)}：应为 {fmt_number(before)}"
            f"（上年报告“结转下年度继续办理”），实为 {fmt_number(now)}；如因机构调整等原因不一致，应在报告中说明",
            table="applications",
            row="carried_in",
            column=column,
            expected=before,
            actual=now,
            detail={"cells": cells("applications", [("carried_in", column)])},
        )


@rule(
    "XYEAR-IN-FORCE",
    "warning",
    "现行有效件数 ≈ 上年现行有效 + 本年制发 − 本年废止",
    ("X3",),
    needs_previous=True,
)
def in_force(ctx: Context) -> Iterator[Finding]:
    if ctx.spec.key != "2021" or (ctx.previous and ctx.previous.format == "2019"):
        return
    for row in ("gov_rules", "normative_docs"):
        now = known(ctx, "proactive", row, "in_force")
        before = known_prev(ctx, "proactive", row, "in_force")
        issued = known(ctx, "proactive", row, "issued")
        repealed = known(ctx, "proactive", row, "repealed")
        if None in (now, before, issued, repealed):
            continue
        expected = before + issued - repealed  # type: ignore[operator]
        if expected != now:
            yield finding(
                "XYEAR-IN-FORCE",
                f"{where(ctx.spec, 'proactive', row, 'in_force')}：按上年现行有效 {fmt_number(before)} + 本年制发 "
                f"{fmt_number(issued)} − 本年废止 {fmt_number(repealed)} 应为 {fmt_number(expected)}，实为 "
                f"{fmt_number(now)}；文件到期失效或修订可以造成差异，请核实",
                table="proactive",
                row=row,
                column="in_force",
                expected=expected,
                actual=now,
                detail={
                    "cells": cells(
                        "proactive", [(row, "in_force"), (row, "issued"), (row, "repealed")]
                    )
                },
            )


@rule(
    "XYEAR-PENDING",
    "warning",
    "上年尚未审结的复议、诉讼案件应在本年表四中出现",
    ("X2",),
    needs_previous=True,
)
def pending_cases(ctx: Context) -> Iterator[Finding]:
    for group in ctx.spec.disputes.row_keys:
        pending = known_prev(ctx, "disputes", group, "pending")
        now = known(ctx, "disputes", group, "total")
        if pending is None or now is None or now >= pending:
            continue
        yield finding(
            "XYEAR-PENDING",
            f"{where(ctx.spec, 'disputes', group, 'total')}：本年共 {fmt_number(now)} 件，少于上年尚未审结的 "
            f"{fmt_number(pending)} 件；上年未结案件本年应审结或仍未审结，请核实",
            table="disputes",
            row=group,
            column="total",
            expected=pending,
            actual=now,
        )


@rule("TEXT-COPY", "warning", "报告文字与上年报告大量雷同", ("E06", "E13"), needs_previous=True)
def copied_text(ctx: Context) -> Iterator[Finding]:
    assert ctx.previous is not None
    for section in SECTIONS:
        now = ctx.report.sections.get(section.key) or ""
        before = ctx.previous.sections.get(section.key) or ""
        if len(now) < 80 or len(before) < 80:
            continue
        share = shared_share(now, before)
        if share >= ctx.config.copy_threshold:
            yield finding(
                "TEXT-COPY",
                f"第{section.number}部分“{section.title[2:]}”与上年报告的文字重复 {share:.0%}，"
                "内容雷同是年度报告的常见问题，请据实撰写",
                section=section.key,
                actual=round(share, 3),
                expected=ctx.config.copy_threshold,
            )
