"""Other matters the office records through the year for sections 一 and 六 of the report:
NPC suggestions and CPPCC proposals handled, training, policy interpretation, press events,
platform work."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongkai.web import footprints
from gongkai.web.agencies.selectors import Actor
from gongkai.web.registers.models import OtherMatter
from gongkai.web.registers.services import records
from gongkai.web.registers.services.records import Checker, Context

FIELDS = ("kind", "on", "title", "count", "note")


def _clean(data: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    c = Checker(OtherMatter, data, ctx.today)
    values = {
        "kind": c.choice("kind"),
        "on": c.day("on", required=True),
        "title": c.text("title", required=True),
        "count": c.integer("count", minimum=1, default=1),
        "note": c.text("note"),
    }
    c.done()
    return values


MATTERS = records.Register(
    model=OtherMatter,
    noun="事项",
    carries=False,
    clean=_clean,
    dates=lambda m: (m.on,),
    counts=footprints.matter,
)


def create_matter(
    actor: Actor, data: Mapping[str, Any], *, correction_reason: str = ""
) -> OtherMatter:
    return records.create(actor, MATTERS, data, correction_reason=correction_reason)


def update_matter(
    actor: Actor, matter_id: int, data: Mapping[str, Any], *, correction_reason: str = ""
) -> OtherMatter:
    return records.update(actor, MATTERS, matter_id, data, correction_reason=correction_reason)


def delete_matter(actor: Actor, matter_id: int, *, correction_reason: str = "") -> None:
    records.delete(actor, MATTERS, matter_id, correction_reason=correction_reason)
