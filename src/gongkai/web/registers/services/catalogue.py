"""The disclosure catalogue (art. 12) with the 保密审查 before release (art. 17).

An entry is published only after a recorded review (who, when, with which conclusion) that did
not withhold it, on or before the day of publication. Whether it met the 20-working-day limit
of art. 26 is derived when read (timeliness.py), never stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongkai.web import footprints
from gongkai.web.agencies.selectors import Actor
from gongkai.web.registers.models import CatalogueEntry, ReviewConclusion
from gongkai.web.registers.services import records
from gongkai.web.registers.services.records import Checker, Context

FIELDS = (
    "index_no",
    "title",
    "summary",
    "doc_number",
    "category",
    "created_on",
    "published_on",
    "reviewer",
    "reviewed_on",
    "review_conclusion",
    "review_note",
)
REVIEW = ("reviewer", "reviewed_on", "review_conclusion")


def _clean(data: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    c = Checker(CatalogueEntry, data, ctx.today)
    values: dict[str, Any] = {
        "index_no": c.text("index_no", required=True),
        "title": c.text("title", required=True),
        "summary": c.text("summary"),
        "doc_number": c.text("doc_number"),
        "category": c.text("category"),
        "created_on": c.day("created_on", required=True, earliest=records.OLDEST_DOCUMENT),
        "published_on": c.day("published_on"),
        "reviewer": c.text("reviewer"),
        "reviewed_on": c.day("reviewed_on"),
        "review_conclusion": c.choice("review_conclusion", required=False),
        "review_note": c.text("review_note"),
    }
    created, published = values["created_on"], values["published_on"]
    if created and published and published < created:
        c.error("published_on", "公开日期不能早于生成或变更日期")
    given = [name for name in REVIEW if values[name]]
    if given and len(given) < len(REVIEW):
        for name in REVIEW:
            if not values[name]:
                c.error(name, "保密审查须写明审查人、审查日期和审查结论")
    if published and c.ok("published_on", *REVIEW):
        if not given:
            c.error(
                "published_on",
                "公开前须经保密审查（条例第十七条）：请先登记审查人、审查日期和审查结论",
            )
        elif values["review_conclusion"] == ReviewConclusion.WITHHOLD:
            c.error("review_conclusion", "审查结论为不予公开的，不能公开")
        elif values["reviewed_on"] > published:
            c.error("reviewed_on", "审查日期不能晚于公开日期：须先审查，后公开")
    if values["index_no"] and c.ok("index_no"):
        same = CatalogueEntry.objects.filter(agency_id=ctx.agency_id, index_no=values["index_no"])
        if ctx.instance is not None:
            same = same.exclude(pk=ctx.instance.pk)
        if same.exists():
            c.error("index_no", f"索引号“{values['index_no']}”已经使用")
    c.done()
    return values


CATALOGUE = records.Register(
    model=CatalogueEntry,
    noun="目录条目",
    carries=False,
    clean=_clean,
    dates=lambda e: (e.created_on, e.published_on),
    counts=footprints.catalogue_entry,
)


def create_entry(
    actor: Actor, data: Mapping[str, Any], *, correction_reason: str = ""
) -> CatalogueEntry:
    return records.create(actor, CATALOGUE, data, correction_reason=correction_reason)


def update_entry(
    actor: Actor, entry_id: int, data: Mapping[str, Any], *, correction_reason: str = ""
) -> CatalogueEntry:
    return records.update(actor, CATALOGUE, entry_id, data, correction_reason=correction_reason)


def delete_entry(actor: Actor, entry_id: int, *, correction_reason: str = "") -> None:
    records.delete(actor, CATALOGUE, entry_id, correction_reason=correction_reason)
