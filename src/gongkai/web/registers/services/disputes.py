"""Administrative reviews and lawsuits over the agency's disclosure work (table 四).

A case is pending until it is concluded with an outcome; it counts as pending in every year
end it passes, so a change reaches every later published report (``carries=True``). It may
concern an application of the same agency (chosen by its 申请编号); a suit after review may
name the review it follows, a review of the same agency.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongkai.web import footprints
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications.models import Application
from gongkai.web.errors import InvalidInput
from gongkai.web.registers.models import Dispute, DisputePath
from gongkai.web.registers.services import records
from gongkai.web.registers.services.records import Checker, Context

FIELDS = (
    "path",
    "application_number",
    "follows",
    "case_number",
    "body",
    "claimant",
    "filed_on",
    "outcome",
    "concluded_on",
    "detail",
    "note",
)


def _application(c: Checker, ctx: Context, number: str) -> Application | None:
    if not number:
        return None
    found = Application.objects.filter(
        agency_id=ctx.agency_id, tracking_number=number.strip().upper()
    ).first()
    if found is None:
        c.error("application_number", f"本机关没有申请编号为“{number}”的申请")
    return found


def _follows(c: Checker, ctx: Context, value: Any) -> Dispute | None:
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, Dispute) else value
    review = (
        Dispute.objects.filter(pk=pk, agency_id=ctx.agency_id, path=DisputePath.REVIEW).first()
        if str(pk).isdigit()
        else None
    )
    if review is None or (ctx.instance is not None and review.pk == ctx.instance.pk):
        c.error("follows", "前置复议案件须是本机关登记的行政复议案件")
    return review


def _clean(data: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    c = Checker(Dispute, data, ctx.today)
    number = str(data.get("application_number") or "").strip()
    values: dict[str, Any] = {
        "path": c.choice("path"),
        "application": _application(c, ctx, number),
        "follows": _follows(c, ctx, data.get("follows")),
        "case_number": c.text("case_number"),
        "body": c.text("body"),
        "claimant": c.text("claimant"),
        "filed_on": c.day("filed_on", required=True),
        "outcome": c.choice("outcome", required=False),
        "concluded_on": c.day("concluded_on"),
        "detail": c.text("detail"),
        "note": c.text("note"),
    }
    path, filed = values["path"], values["filed_on"]
    review, application = values["follows"], values["application"]
    concluded, outcome = values["concluded_on"], values["outcome"]
    if filed and concluded and concluded < filed:
        c.error("concluded_on", "审结日期不能早于立案（受理）日期")
    if concluded and not outcome and c.ok("outcome"):
        c.error("outcome", "已审结的，请选择结果")
    if outcome and not concluded and c.ok("concluded_on", "outcome"):
        c.error("concluded_on", "有结果的，请填写审结日期；尚未审结的，结果留空")
    if review is not None and path and path != DisputePath.LIT_AFTER_REVIEW:
        c.error("follows", "只有复议后起诉的案件才有前置复议案件")
    elif review is not None and filed and filed < review.filed_on:
        c.error(
            "filed_on",
            f"复议后起诉的立案日期不能早于前置复议案件的受理日期（{review.filed_on.isoformat()}）",
        )
    if application is not None:
        if filed and application.received_on and filed < application.received_on:
            c.error(
                "filed_on",
                f"立案（受理）日期不能早于所涉申请的收到日期"
                f"（{application.received_on.isoformat()}）",
            )
        if not values["claimant"]:
            values["claimant"] = application.applicant_name[:200]
    instance = ctx.instance
    if (
        instance is not None
        and instance.path == DisputePath.REVIEW
        and path
        and path != DisputePath.REVIEW
        and instance.suits.exists()
    ):
        c.error("path", "已有复议后起诉的案件以此为前置复议案件，不能改为其他类别")
    c.done()
    return values


def _deletable(dispute: Dispute) -> None:
    if dispute.suits.exists():
        raise InvalidInput("已有复议后起诉的案件以此为前置复议案件，请先修改或删除那些案件。")


DISPUTES = records.Register(
    model=Dispute,
    noun="复议诉讼案件",
    carries=True,
    clean=_clean,
    dates=lambda d: (d.filed_on, d.concluded_on),
    counts=footprints.dispute,
)


def create_dispute(
    actor: Actor, data: Mapping[str, Any], *, correction_reason: str = ""
) -> Dispute:
    """``data["application_number"]``: the 申请编号 of an application of the same agency."""
    return records.create(actor, DISPUTES, data, correction_reason=correction_reason)


def update_dispute(
    actor: Actor, dispute_id: int, data: Mapping[str, Any], *, correction_reason: str = ""
) -> Dispute:
    return records.update(actor, DISPUTES, dispute_id, data, correction_reason=correction_reason)


def delete_dispute(actor: Actor, dispute_id: int, *, correction_reason: str = "") -> None:
    records.delete(
        actor, DISPUTES, dispute_id, correction_reason=correction_reason, check=_deletable
    )
