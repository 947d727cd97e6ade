"""行政事业性收费 collected (art. 20 item 8), per year and item, in 万元 as table 二 reports."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from gongkai.web import footprints
from gongkai.web.agencies.selectors import Actor
from gongkai.web.registers.models import FeeIncome
from gongkai.web.registers.services import records
from gongkai.web.registers.services.records import Checker, Context

FIELDS = ("year", "item", "amount", "note")


def _clean(data: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    c = Checker(FeeIncome, data, ctx.today)
    year, item = c.year(), c.text("item", required=True)
    values = {
        "year": year,
        "item": item,
        "amount": c.decimal("amount"),
        "note": c.text("note"),
    }
    if year and item and c.ok("year", "item"):
        same = FeeIncome.objects.filter(agency_id=ctx.agency_id, year=year, item=item)
        if ctx.instance is not None:
            same = same.exclude(pk=ctx.instance.pk)
        if same.exists():
            c.error("item", f"{values['year']}年已登记收费项目“{values['item']}”，请修改那一条")
    c.done()
    return values


FEES = records.Register(
    model=FeeIncome,
    noun="收费",
    carries=False,
    clean=_clean,
    dates=lambda f: (date(f.year, 12, 31),),
    counts=footprints.fee,
)


def create_fee_income(
    actor: Actor, data: Mapping[str, Any], *, correction_reason: str = ""
) -> FeeIncome:
    return records.create(actor, FEES, data, correction_reason=correction_reason)


def update_fee_income(
    actor: Actor, fee_id: int, data: Mapping[str, Any], *, correction_reason: str = ""
) -> FeeIncome:
    return records.update(actor, FEES, fee_id, data, correction_reason=correction_reason)


def delete_fee_income(actor: Actor, fee_id: int, *, correction_reason: str = "") -> None:
    records.delete(actor, FEES, fee_id, correction_reason=correction_reason)
