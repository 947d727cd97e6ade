"""规章 and 行政规范性文件 (art. 20 item 1): issued, and perhaps repealed or expired.

They are counted in every year they are in force, so a change reaches every later published
report (``carries=True``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongkai.web import footprints
from gongkai.web.agencies.selectors import Actor
from gongkai.web.registers.models import RegisteredDocument
from gongkai.web.registers.services import records
from gongkai.web.registers.services.records import Checker, Context

FIELDS = ("kind", "number", "title", "issued_on", "repealed_on", "expires_on", "note")


def _clean(data: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    c = Checker(RegisteredDocument, data, ctx.today)
    values: dict[str, Any] = {
        "kind": c.choice("kind"),
        "number": c.text("number"),
        "title": c.text("title", required=True),
        "issued_on": c.day("issued_on", required=True, earliest=records.OLDEST_DOCUMENT),
        "repealed_on": c.day("repealed_on", future=True),
        "expires_on": c.day("expires_on", future=True),
        "note": c.text("note"),
    }
    issued = values["issued_on"]
    for name in ("repealed_on", "expires_on"):
        if issued and values[name] and c.ok(name) and values[name] < issued:
            c.error(name, f"{c.label(name)}不能早于印发日期")
    if values["number"]:
        same = RegisteredDocument.objects.filter(agency_id=ctx.agency_id, number=values["number"])
        if ctx.instance is not None:
            same = same.exclude(pk=ctx.instance.pk)
        if same.exists():
            c.error("number", f"文号“{values['number']}”已经登记")
    c.done()
    return values


DOCUMENTS = records.Register(
    model=RegisteredDocument,
    noun="文件",
    carries=True,
    clean=_clean,
    dates=lambda d: (d.issued_on, d.repealed_on, d.expires_on),
    counts=footprints.document,
)


def create_document(
    actor: Actor, data: Mapping[str, Any], *, correction_reason: str = ""
) -> RegisteredDocument:
    return records.create(actor, DOCUMENTS, data, correction_reason=correction_reason)


def update_document(
    actor: Actor, document_id: int, data: Mapping[str, Any], *, correction_reason: str = ""
) -> RegisteredDocument:
    return records.update(actor, DOCUMENTS, document_id, data, correction_reason=correction_reason)


def delete_document(actor: Actor, document_id: int, *, correction_reason: str = "") -> None:
    records.delete(actor, DOCUMENTS, document_id, correction_reason=correction_reason)
