"""Correcting what was registered about the applicant (a wrong applicant type puts the case in
the wrong column of table 三). The procedure's events are never rewritten: the correction is
kept as a correction with its reason (gongkai.web.yearlock), and when the change
moves the case in a published annual report (a new type; a name is no figure), that report is
reopened (gongkai.web.yearlock)."""

from __future__ import annotations

from django.db import transaction

from gongkai.web import footprints, yearlock
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications import selectors
from gongkai.web.applications.models import APPLICANT_TYPE_CHOICES, Application
from gongkai.web.errors import InvalidInput

AMENDABLE = ("applicant_type", "applicant_name")
_TYPE_LABELS = dict(APPLICANT_TYPE_CHOICES)


def amend_registration(actor: Actor, case_id: int, *, reason: str, **changes: str) -> Application:
    unknown = set(changes) - set(AMENDABLE)
    if unknown:
        raise InvalidInput(f"不能更正这些字段：{'、'.join(sorted(unknown))}")
    if "applicant_type" in changes and changes["applicant_type"] not in _TYPE_LABELS:
        raise InvalidInput("申请人类型不正确。", fields={"applicant_type": "请选择申请人类型"})
    reason = reason.strip()
    if not reason:
        raise InvalidInput("请填写更正理由。", fields={"reason": "请填写更正理由"})
    with transaction.atomic():
        application = selectors.case_for_write(actor, case_id, lock=True)
        old_type = application.applicant_type
        described = []
        for field, new in changes.items():
            old = getattr(application, field)
            if new != old:
                label = Application._meta.get_field(field).verbose_name  # type: ignore[union-attr]
                show = _TYPE_LABELS.get if field == "applicant_type" else str
                described.append(f"{label}：{show(old) or old} → {show(new) or new}")
                setattr(application, field, new)
        if not described:
            raise InvalidInput("没有需要更正的内容。")
        change = "；".join(described)
        record = f"申请 {application.tracking_number}"
        case = (application.received_on, application.closed_on, application.outcome or "")

        def alters(year: int) -> bool:  # only the type moves the case in table 三
            return bool(
                footprints.application(*case, old_type, year)
                != footprints.application(*case, application.applicant_type, year)
            )

        yearlock.guard(
            actor,
            application.agency_id,
            [application.received_on],
            carries=True,
            record=record,
            change=change,
            reason=reason,
            alters=alters,
            keep_always=True,  # no published report counts it: kept on record anyway
        )
        application.save(update_fields=list(changes))
    return application
