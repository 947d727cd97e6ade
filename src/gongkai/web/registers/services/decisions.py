"""Licensing, penalty and coercion decisions (art. 20 items 5, 6).

A decision is registered on its own (with its date; ``count`` is usually 1), as a yearly total
(``count`` N, no date: what an office that keeps its decisions elsewhere reports), or imported
from a CSV file (imports.py). A kind is recorded for a year either as a total or decision by
decision, never both, so nothing is counted twice; a 决定书文号 is registered once per agency.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from gongkai.web import footprints
from gongkai.web.agencies.selectors import Actor
from gongkai.web.registers.models import Decision, DecisionKind, DecisionSource
from gongkai.web.registers.services import records
from gongkai.web.registers.services.records import Checker, Context

ENTRY_FIELDS = ("kind", "decided_on", "count", "reference", "subject")
TOTAL_FIELDS = ("kind", "year", "count", "subject")


def decision_date(decision: Decision) -> date:
    """The date the report counts a decision by: its own, or the last day of its year."""
    return decision.decided_on or date(decision.year, 12, 31)


def _others(ctx: Context, kind: str, year: int) -> Any:
    qs = Decision.objects.filter(agency_id=ctx.agency_id, kind=kind, year=year)
    return qs.exclude(pk=ctx.instance.pk) if ctx.instance is not None else qs


def _kind_label(kind: str) -> str:
    return str(dict(DecisionKind.choices).get(kind, kind))


def _clean_entry(c: Checker, ctx: Context, source: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": c.choice("kind"),
        "decided_on": c.day("decided_on", required=True),
        "count": c.integer("count", minimum=1, default=1),
        "reference": c.text("reference"),
        "subject": c.text("subject"),
        "source": source,
    }
    if c.ok("reference", "subject") and not (values["reference"] or values["subject"]):
        c.error("reference", "决定书文号和事项或当事人至少填写一项")
    decided_on = values["decided_on"]
    values["year"] = decided_on.year if decided_on else None
    if decided_on and c.ok("kind"):
        total = _others(ctx, values["kind"], decided_on.year).filter(source=DecisionSource.TOTAL)
        if total.exists():
            c.error(
                "kind",
                f"{decided_on.year}年{_kind_label(values['kind'])}已按年度合计登记，"
                "不能再逐件登记；如需逐件登记，请先删除年度合计",
            )
    if values["reference"]:
        same = Decision.objects.filter(agency_id=ctx.agency_id, reference=values["reference"])
        if ctx.instance is not None:
            same = same.exclude(pk=ctx.instance.pk)
        if same.exists():
            c.error("reference", f"决定书文号“{values['reference']}”已经登记")
    return values


def _clean_total(c: Checker, ctx: Context) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": c.choice("kind"),
        "year": c.year(),
        "count": c.integer("count", minimum=1),
        "subject": c.text("subject"),
        "decided_on": None,
        "reference": "",
        "source": DecisionSource.TOTAL,
        "batch": None,
    }
    kind, year = values["kind"], values["year"]
    if year and c.ok("kind", "year"):
        others = _others(ctx, kind, year)
        if others.filter(source=DecisionSource.TOTAL).exists():
            c.error("year", f"{year}年{_kind_label(kind)}已有年度合计，请修改那一条")
        elif others.exists():
            c.error(
                "year",
                f"{year}年{_kind_label(kind)}已逐件登记或导入了决定，"
                "不能再登记年度合计（否则会重复统计）",
            )
    return values


def _clean(data: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    source = ctx.instance.source if ctx.instance is not None else data.get("source")
    c = Checker(Decision, data, ctx.today)
    if source == DecisionSource.TOTAL:
        values = _clean_total(c, ctx)
    else:
        values = _clean_entry(c, ctx, source or DecisionSource.ENTRY)
    c.done()
    return values


DECISIONS = records.Register(
    model=Decision,
    noun="决定",
    carries=False,
    clean=_clean,
    dates=lambda d: (decision_date(d),),
    counts=footprints.decision,
)


def create_entry(actor: Actor, data: Mapping[str, Any], *, correction_reason: str = "") -> Decision:
    """One decision with its date (``count`` defaults to 1)."""
    return records.create(
        actor,
        DECISIONS,
        {**data, "source": DecisionSource.ENTRY},
        correction_reason=correction_reason,
    )


def create_total(actor: Actor, data: Mapping[str, Any], *, correction_reason: str = "") -> Decision:
    """The number of decisions of a kind in a year, without dates."""
    return records.create(
        actor,
        DECISIONS,
        {**data, "source": DecisionSource.TOTAL},
        correction_reason=correction_reason,
    )


def update_decision(
    actor: Actor, decision_id: int, data: Mapping[str, Any], *, correction_reason: str = ""
) -> Decision:
    """A total stays a total; an entry or an imported decision stays dated."""
    return records.update(actor, DECISIONS, decision_id, data, correction_reason=correction_reason)


def delete_decision(actor: Actor, decision_id: int, *, correction_reason: str = "") -> None:
    records.delete(actor, DECISIONS, decision_id, correction_reason=correction_reason)
