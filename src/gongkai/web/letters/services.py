"""Letters of a case: which exist (one per event that calls for a letter), and each one as a
DOCX filled from its template. Reads only; templates are edited through edit_template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from gongkai.procedure.outcomes import OUTCOMES
from gongkai.procedure.text import cn_date
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications.casefile import clock_of
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.selectors import events_of
from gongkai.web.errors import Forbidden, NotFound
from gongkai.web.letters import defaults
from gongkai.web.letters.context import LAPSE_OUTCOMES, fill, letter_context
from gongkai.web.letters.docx import build_docx
from gongkai.web.letters.models import LetterKind, LetterTemplate

# the event that calls for each kind of letter
LETTER_EVENTS = {
    "send_correction_notice": LetterKind.CORRECTION,
    "approve_extension": LetterKind.EXTENSION,
    "issue_fee_notice": LetterKind.FEE,
    "reply": LetterKind.REPLY,
    "correction_lapsed": LetterKind.REPLY,
    "fee_lapsed": LetterKind.REPLY,
    "withdraw": LetterKind.REPLY,
}


@dataclass(frozen=True)
class LetterRef:
    seq: int  # the event the letter belongs to
    kind: str
    outcome: str
    label: str
    filename: str


def _kind_for(row: CaseEvent) -> str | None:
    if row.kind == "start_consultation":
        if row.data.get("consultation") == "agency":
            return LetterKind.CONSULT_AGENCY
        return LetterKind.CONSULT_THIRD_PARTY
    kind = LETTER_EVENTS.get(row.kind)
    return str(kind) if kind else None


def _outcome_of(row: CaseEvent) -> str:
    return str(row.data.get("outcome") or LAPSE_OUTCOMES.get(row.kind, ""))


def letters_of(application: Application, rows: list[CaseEvent]) -> list[LetterRef]:
    refs = []
    for row in rows:
        kind = _kind_for(row)
        if kind is None:
            continue
        outcome = _outcome_of(row) if kind == LetterKind.REPLY else ""
        template = template_for(kind, outcome)
        label = template.title if kind != LetterKind.REPLY else (
            f"{template.title}（{OUTCOMES[outcome].label}）")
        filename = f"{application.tracking_number}-{row.seq:02d}-{template.title}.docx"
        refs.append(LetterRef(row.seq, kind, outcome, label, filename))
    return refs


def template_for(kind: str, outcome: str = "") -> LetterTemplate:
    """The stored template, created from the defaults the first time it is asked for."""
    found = LetterTemplate.objects.filter(kind=kind, outcome=outcome).first()
    if found is not None:
        return found
    for d_kind, d_outcome, title, body in defaults.defaults():
        if (d_kind, d_outcome) == (kind, outcome):
            template, _ = LetterTemplate.objects.get_or_create(
                kind=kind, outcome=outcome, defaults={"title": title, "body": body})
            return template
    raise NotFound("没有这种文书。")


def render_letter(application: Application, seq: int, today: date) -> tuple[str, bytes]:
    """(file name, DOCX bytes) of the letter for event ``seq`` of a case already authorized."""
    rows = events_of(application)
    refs = {ref.seq: ref for ref in letters_of(application, rows)}
    ref = refs.get(seq)
    if ref is None:
        raise NotFound("这一办理事项没有对应的文书。")
    row = next(r for r in rows if r.seq == seq)
    template = template_for(ref.kind, ref.outcome)
    context = letter_context(application, rows, row, clock_of(application, today))
    attached = tuple(str(f.get("name", "")) for f in row.data.get("extra", {}).get("attachments", []))
    body = fill(template.body, context)
    if not attached:  # a template kept from before {attachment_note}: promise nothing
        body = body.replace("（见附件）", "")
    content = build_docx(
        title=template.title,
        number=f"申请编号：{application.tracking_number}",
        body=body,
        signature=application.agency.name,
        dated=cn_date(row.occurred_on),
        attachments=attached,
    )
    return ref.filename, content


def ensure_templates() -> int:
    """Create every missing template from the defaults; returns how many were created."""
    created = 0
    for kind, outcome, title, body in defaults.defaults():
        _, made = LetterTemplate.objects.get_or_create(
            kind=kind, outcome=outcome, defaults={"title": title, "body": body})
        created += made
    return created


@transaction.atomic
def edit_template(actor: Actor, template_id: int, *, title: str, body: str,
                  restore: bool = False) -> LetterTemplate:
    if not actor.is_administrator:
        raise Forbidden("只有系统管理员可以修改文书模板。")
    template = LetterTemplate.objects.select_for_update().get(pk=template_id)
    if restore:
        for kind, outcome, d_title, d_body in defaults.defaults():
            if (kind, outcome) == (template.kind, template.outcome):
                title, body = d_title, d_body
    template.title, template.body, template.updated_by_id = title, body, actor.user_id
    template.save()
    return template
