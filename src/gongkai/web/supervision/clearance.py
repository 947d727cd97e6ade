"""Submission before publication (审核后发布), where a region asks for it.

A region's supervisor may require (:class:`RegionPolicy`) that its units that use gongkai
(a roster unit linked to an agency) submit their draft annual report before publishing it.
The unit submits the report as it would be published now (checked, without errors); the
supervisor reads that version, marked as a draft, with the validator's findings, then clears
it or sends it back with comments, which the unit reads beside its report. The unit publishes
only a report whose content (:func:`gongkai.web.reports.clearance.content_digest`, without the
publication date) is the one cleared: a change after the clearance needs clearance again.
Every step is a :class:`ClearanceStep`, with who and when.

The region that clears a report is the nearest one (deepest in the agency tree) whose roster of
the report's year lists the agency and whose latest policy asks for clearance; when none
does, the report is published without waiting. The reports app asks through the gate
registered in ``SupervisionConfig.ready`` (:class:`SupervisionGate`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.report.canonical import to_canonical
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor, writable_agency_ids
from gongkai.web.errors import InvalidInput, NotFound, WebError
from gongkai.web.reports import clearance as gate
from gongkai.web.reports.access import locked_report
from gongkai.web.reports.generate import generate
from gongkai.web.reports.models import AnnualReport, Origin, Status
from gongkai.web.supervision.models import ClearanceAction, ClearanceStep, RegionPolicy, RosterUnit
from gongkai.web.supervision.selectors import region_for_write

CARD = "supervision/_clearance_card.html"


class ClearanceConflict(WebError):
    """The supervisor decided on a version that is no longer the one waiting."""

    status = 409
    code = "CLEARANCE_CONFLICT"


# ------------------------------------------------------------------------------ reads


def policy_of(region: Agency) -> RegionPolicy | None:
    return RegionPolicy.objects.filter(region=region).order_by("-at", "-pk").first()


def requires_clearance(region: Agency) -> bool:
    policy = policy_of(region)
    return policy is not None and policy.requires_clearance


def policy_history(region: Agency) -> list[RegionPolicy]:
    return list(RegionPolicy.objects.filter(region=region).order_by("-at", "-pk")[:20])


def region_of(report: AnnualReport) -> Agency | None:
    """The region that clears ``report``, or None when no region asks for clearance."""
    ids = RosterUnit.objects.filter(agency_id=report.agency_id, year=report.year).values_list(
        "region_id", flat=True
    )
    regions = Agency.objects.filter(pk__in=list(ids))
    asking = [r for r in regions if requires_clearance(r)]
    return max(asking, key=lambda r: len(r.path), default=None)


@dataclass(frozen=True)
class State:
    report: AnnualReport
    region: Agency
    steps: tuple[ClearanceStep, ...]  # oldest first

    @property
    def last(self) -> ClearanceStep | None:
        return self.steps[-1] if self.steps else None

    @property
    def submission(self) -> ClearanceStep | None:
        """The latest version the unit submitted."""
        return next(
            (s for s in reversed(self.steps) if s.action == ClearanceAction.SUBMITTED), None
        )

    @property
    def waiting(self) -> bool:
        return self.last is not None and self.last.action == ClearanceAction.SUBMITTED

    def cleared(self, digest: str) -> bool:
        last = self.last
        return last is not None and last.action == ClearanceAction.CLEARED and last.digest == digest

    def refusal(self, digest: str) -> str:
        """Why the report with content ``digest`` may not be published now ("" if it may)."""
        name, last = self.region.name, self.last
        if last is None:
            return f"{name}要求年度报告发布前先提交审核：请先“提交{name}审核”，审核通过后才能发布。"
        if last.action == ClearanceAction.SUBMITTED:
            return f"报告已于{_when(last)}提交{name}审核，审核通过后才能发布。"
        if last.action == ClearanceAction.RETURNED:
            return f"{name}已退回报告（意见：{last.comment}），请修改后重新提交审核，审核通过后才能发布。"
        if last.digest != digest:
            return (
                f"报告在{name}审核通过后有变化（正文或登记数据已更新），"
                "须重新提交审核，审核通过后才能发布。"
            )
        return ""


def _when(step: ClearanceStep) -> str:
    return timezone.localtime(step.at).strftime("%Y-%m-%d %H:%M")


def state_of(report: AnnualReport, region: Agency) -> State:
    steps = ClearanceStep.objects.filter(report=report, region=region).defer("document")
    return State(report, region, tuple(steps.order_by("at", "pk")))


def queue(region: Agency) -> tuple[list[State], list[State]]:
    """The reports waiting for ``region``'s decision (oldest submission first), and the
    others that were submitted to it (latest step first)."""
    steps = ClearanceStep.objects.filter(region=region).defer("document", "findings")
    by_report: dict[int, list[ClearanceStep]] = {}
    for step in steps.select_related("report__agency").order_by("at", "pk"):
        by_report.setdefault(step.report_id, []).append(step)
    states = [State(s[0].report, region, tuple(s)) for s in by_report.values()]
    waiting = sorted((s for s in states if s.waiting), key=lambda s: _at(s.last))
    decided = sorted((s for s in states if not s.waiting), key=lambda s: _at(s.last), reverse=True)
    return waiting, decided


def _at(step: ClearanceStep | None) -> Any:
    assert step is not None
    return (step.at, step.pk)


def submitted_report(region: Agency, report_id: int) -> State:
    """A report submitted to ``region``, with its steps; 404 for any other."""
    report = AnnualReport.objects.select_related("agency").filter(pk=report_id).first()
    if report is None or not ClearanceStep.objects.filter(report=report, region=region).exists():
        raise NotFound("没有提交本监督机关审核的这份报告。")
    return state_of(report, region)


def submitted_version(step: ClearanceStep) -> ClearanceStep:
    """The step with its document (the lists leave it out)."""
    return ClearanceStep.objects.get(pk=step.pk)


# ------------------------------------------------------------------------------ writes


def set_policy(actor: Actor, region_id: int, requires: bool) -> RegionPolicy | None:
    """The region's supervisor turns the rule on or off; a change is recorded, with who."""
    region = region_for_write(actor, region_id)
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=region.pk).first()
        if requires_clearance(region) == requires:
            return None
        return RegionPolicy.objects.create(
            region=region,
            requires_clearance=requires,
            actor_id=actor.user_id,
            actor_name=actor.name,
        )


def _version(report: AnnualReport) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What publishing would make public now (without its date), with its findings."""
    if report.origin == Origin.IMPORTED:
        return dict(report.document), list(report.findings)
    generated = generate(report.agency, report.year, report.texts)
    if generated.errors:
        raise InvalidInput(
            f"报告有 {len(generated.errors)} 个错误，改正后才能提交审核："
            + "；".join(f.message for f in generated.errors[:5])
        )
    document = json.loads(json.dumps(to_canonical(generated.report), default=str))
    return document, [f.to_dict() for f in generated.findings]


def submit(actor: Actor, report_id: int, note: str = "") -> ClearanceStep:
    """The unit (its clerk or approver) submits its report as it would be published now."""
    with transaction.atomic():
        report = locked_report(actor, report_id)
        if report.status == Status.PUBLISHED:
            raise InvalidInput("报告已发布，不需要提交审核。")
        region = region_of(report)
        if region is None:
            raise InvalidInput("本机关所在的监督范围不要求年度报告发布前提交审核，可直接发布。")
        document, findings = _version(report)
        digest = gate.content_digest(document)
        state = state_of(report, region)
        if state.cleared(digest):
            raise InvalidInput(f"{region.name}已审核通过这一版本，可以发布，不需要再次提交。")
        if state.waiting and state.last is not None and state.last.digest == digest:
            raise InvalidInput(f"这一版本已提交{region.name}审核，请等待审核结果。")
        return ClearanceStep.objects.create(
            report=report,
            region=region,
            action=ClearanceAction.SUBMITTED,
            digest=digest,
            document=document,
            findings=findings,
            comment=note.strip(),
            actor_id=actor.user_id,
            actor_name=actor.name,
        )


def decide(
    actor: Actor, region_id: int, report_id: int, step_id: int, action: str, comment: str
) -> ClearanceStep:
    """The region's supervisor clears the submitted version ``step_id`` or returns it with
    comments (required); refused when the unit has submitted again meanwhile."""
    region = region_for_write(actor, region_id)
    if action not in (ClearanceAction.CLEARED, ClearanceAction.RETURNED):
        raise InvalidInput("请选择审核通过或退回修改。", fields={"action": "请选择"})
    comment = comment.strip()
    if action == ClearanceAction.RETURNED and not comment:
        raise InvalidInput(
            "退回须填写意见，单位将看到这些意见。", fields={"comment": "请填写退回意见"}
        )
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().filter(pk=report_id).first()
        if report is None:
            raise NotFound("没有这份报告。")
        state = submitted_report(region, report.pk)
        last = state.last
        if report.status == Status.PUBLISHED:
            raise InvalidInput("报告已发布，不能再审核。")
        if last is None or not state.waiting:
            raise InvalidInput("报告不在待审核状态：已审核，或单位尚未提交。")
        if last.pk != step_id:
            raise ClearanceConflict(
                f"{report.agency.name}在您查看之后重新提交了报告，请查看最新提交的版本后再审核。"
            )
        return ClearanceStep.objects.create(
            report=report,
            region=region,
            action=action,
            digest=last.digest,
            comment=comment,
            actor_id=actor.user_id,
            actor_name=actor.name,
        )


# ------------------------------------------------------------------------------ the gate


class SupervisionGate:
    """This module as the reports app's :class:`gongkai.web.reports.clearance.Gate`."""

    def refusal(self, report: AnnualReport, digest: str) -> str:
        region = region_of(report)
        return "" if region is None else state_of(report, region).refusal(digest)

    def card(self, actor: Actor, report: AnnualReport, digest: str) -> gate.Card | None:
        region = region_of(report)
        if region is None:
            return None
        state = state_of(report, region)
        refusal = state.refusal(digest)
        last = state.last
        submittable = (
            report.agency_id in writable_agency_ids(actor)
            and actor.handles_cases
            and not state.cleared(digest)
            and not (state.waiting and last is not None and last.digest == digest)
        )
        context = {
            "region": region,
            "steps": list(reversed(state.steps)),
            "last": last,
            "waiting": state.waiting,
            "cleared": state.cleared(digest),
            "changed": last is not None and last.digest != digest,
            "refusal": refusal,
            "submittable": submittable,
            "submit_url": reverse("supervision:clearance_submit", args=[report.pk]),
        }
        return gate.Card(CARD, context, refusal)
