"""The approval workflow (呈批): a clerk drafts a step that only the head of the disclosure
office may take (an extension, a reply), the approver approves it (the step then takes
effect, recorded through the same service as a step taken directly) or returns it with a
comment. A draft changes nothing in the procedure: deadlines keep running while it waits.

Dates: a reply takes effect on the day it is issued, which is the day it is approved (the
head of the office signs it); an extension on the day it is approved, the applicant told on
that day or the day the approver gives. The core checks the draft when it is submitted (as if
taken that day) and again when it is approved.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from gongkai.procedure.events import Event
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications import selectors
from gongkai.web.applications.drafting import OPEN_DRAFT, DraftStatus
from gongkai.web.applications.models import Application, CaseEvent, CaseFile, Draft, DraftEntry
from gongkai.web.applications.services import files, steps
from gongkai.web.applications.services.record import check
from gongkai.web.errors import Forbidden, InvalidInput, NotFound

# the steps that go through approval, and what a draft of each keeps
DRAFT_KEYS: dict[str, tuple[str, ...]] = {
    "extend": ("workdays", "reason"),
    "reply": ("outcome", "withheld_grounds", "reason"),
}
LABELS = {"extend": "延长答复期限", "reply": "答复"}


def open_draft(application: Application, action: str) -> Draft | None:
    return application.drafts.filter(action=action, status__in=OPEN_DRAFT).first()


def _event(
    actor: Actor, action: str, data: dict[str, Any], on: date, notified_on: date | None = None
) -> Event:
    if action == "reply":
        return steps.reply_event(
            actor,
            on=on,
            outcome=str(data.get("outcome", "")),
            withheld_grounds=list(data.get("withheld_grounds") or []),
            reason=str(data.get("reason", "")),
        )
    return steps.extension_event(
        actor,
        on=on,
        notified_on=notified_on or on,
        workdays=int(data.get("workdays") or 0),
        reason=str(data.get("reason", "")),
    )


def _entry(draft: Draft, kind: str, actor: Actor, comment: str = "") -> DraftEntry:
    return DraftEntry.objects.create(
        draft=draft, kind=kind, actor_id=actor.user_id, actor_name=actor.name, comment=comment
    )


def submit(
    actor: Actor,
    case_id: int,
    action: str,
    data: dict[str, Any],
    *,
    uploads: Sequence[UploadedFile] = (),
    remove: Sequence[int] = (),
) -> Draft:
    """Submit (or, after it was returned, resubmit) a draft for approval."""
    if action not in DRAFT_KEYS:
        raise InvalidInput("这一事项无需审批。")
    if not actor.handles_cases:
        raise Forbidden("只有经办人或审批人可以提交审批。")
    content = {k: data.get(k) for k in DRAFT_KEYS[action]}
    if action == "reply":
        content["withheld_grounds"] = list(content.get("withheld_grounds") or [])
    saved: list[CaseFile] = []
    dropped: list[CaseFile] = []
    try:
        with transaction.atomic():
            application = selectors.case_for_write(actor, case_id, lock=True)
            draft = (
                application.drafts.select_for_update()
                .filter(action=action, status__in=OPEN_DRAFT)
                .first()
            )
            if draft is not None and draft.status == DraftStatus.PENDING:
                raise InvalidInput(f"本件已有待审批的{LABELS[action]}，请等待审批人审批。")
            kept = list(draft.files.all()) if draft is not None else []
            dropped = [f for f in kept if f.pk in set(remove)]
            files.check_uploads(uploads, kept=len(kept) - len(dropped))
            # the core's guards, as if the step were taken today
            check(application, _event(actor, action, content, timezone.localdate()))
            now = timezone.now()
            if draft is None:
                draft = Draft.objects.create(
                    application=application,
                    action=action,
                    data=content,
                    drafted_by_id=actor.user_id,
                    drafted_by_name=actor.name,
                    submitted_at=now,
                )
                _entry(draft, DraftEntry.Kind.SUBMITTED, actor)
            else:
                draft.data, draft.status, draft.submitted_at = content, DraftStatus.PENDING, now
                draft.drafted_by_id, draft.drafted_by_name = actor.user_id, actor.name
                draft.save()
                _entry(draft, DraftEntry.Kind.RESUBMITTED, actor)
            CaseFile.objects.filter(pk__in=[f.pk for f in dropped]).delete()
            saved = files.save_uploads(application, uploads, actor, draft=draft)
    except BaseException:
        files.discard(saved)
        raise
    files.discard(dropped)
    return draft


def _draft_for(actor: Actor, draft_id: int, *, approval: bool) -> Draft:
    """The draft, locked, once its case may be changed by ``actor``."""
    found = Draft.objects.filter(pk=draft_id).values_list("application_id", flat=True).first()
    if found is None:
        raise NotFound("没有这份呈批件。")
    selectors.case_for_write(actor, found, approval=approval, lock=True)
    return Draft.objects.select_for_update().get(pk=draft_id)


def approve(actor: Actor, draft_id: int, *, on: date, notified_on: date | None = None) -> CaseEvent:
    """The head of the office approves: the step is recorded as of ``on`` (the day the reply
    is issued, the day the extension is approved) and the draft closes."""
    if on > timezone.localdate():
        raise InvalidInput("批准日期不能晚于今天。", fields={"on": "批准日期不能晚于今天"})
    with transaction.atomic():
        draft = _draft_for(actor, draft_id, approval=True)
        if draft.status != DraftStatus.PENDING:
            raise InvalidInput(f"这份呈批件{draft.get_status_display()}，不能批准。")
        data, case_id = draft.data, draft.application_id
        extra = {"draft": draft.pk, "drafted_by": draft.drafted_by_name}
        _entry(draft, DraftEntry.Kind.APPROVED, actor)  # before the step it lets take effect
        if draft.action == "reply":
            row = steps.reply(
                actor,
                case_id,
                on=on,
                outcome=data["outcome"],
                withheld_grounds=data.get("withheld_grounds") or [],
                reason=data.get("reason") or "",
                attachments=list(draft.files.all()),
                extra=extra,
            )
        else:
            row = steps.approve_extension(
                actor,
                case_id,
                on=on,
                notified_on=notified_on or on,
                workdays=int(data["workdays"]),
                reason=data.get("reason") or "",
                extra=extra,
            )
        draft.status, draft.event = DraftStatus.APPROVED, row
        draft.decided_by_name, draft.decided_at = actor.name, timezone.now()
        draft.save()
    return row


def return_draft(actor: Actor, draft_id: int, *, comment: str) -> Draft:
    comment = comment.strip()
    if not comment:
        raise InvalidInput("退回须写明意见。", fields={"comment": "请写明退回意见"})
    with transaction.atomic():
        draft = _draft_for(actor, draft_id, approval=True)
        if draft.status != DraftStatus.PENDING:
            raise InvalidInput(f"这份呈批件{draft.get_status_display()}，不能退回。")
        draft.status, draft.comment = DraftStatus.RETURNED, comment
        draft.decided_by_name, draft.decided_at = actor.name, timezone.now()
        draft.save()
        _entry(draft, DraftEntry.Kind.RETURNED, actor, comment)
    return draft


def withdraw_draft(actor: Actor, draft_id: int) -> Draft:
    """The office takes a draft back (no longer needed): its files were never released and go."""
    with transaction.atomic():
        draft = _draft_for(actor, draft_id, approval=False)
        if draft.status not in OPEN_DRAFT:
            raise InvalidInput(f"这份呈批件{draft.get_status_display()}，不能撤回。")
        draft.status = DraftStatus.WITHDRAWN
        draft.save()
        _entry(draft, DraftEntry.Kind.WITHDRAWN, actor)
        gone = list(draft.files.all())
        CaseFile.objects.filter(pk__in=[f.pk for f in gone]).delete()
    files.discard(gone)
    return draft
