"""Letters of a case: which exist (one per event that calls for a letter), and each as issued.

A letter is issued when the event that calls for it is recorded (:func:`issue_letter`, called
by the one write path of the procedure): its text is filled from its template and the case and
frozen in an :class:`IssuedLetter` with the template's version. Its DOCX is built from that text
when first downloaded and stored; from then on the same bytes are served, whatever happens to
the template. A letter that could not be issued with its event — one recorded before letters
were frozen, or one that needs the review body while the agency has none — is issued at its
first download (``frozen_late``), or refused with :class:`LetterNotReady` saying what is missing.
Templates are edited through :func:`edit_template`, which refuses unknown placeholders.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from gongkai.procedure.outcomes import OUTCOMES
from gongkai.procedure.text import cn_date
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications.casefile import clock_of
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.selectors import events_of
from gongkai.web.errors import Forbidden, InvalidInput, NotFound, WebError
from gongkai.web.letters import defaults, placeholders
from gongkai.web.letters.context import LAPSE_OUTCOMES, fill, letter_context
from gongkai.web.letters.docx import build_docx
from gongkai.web.letters.models import IssuedLetter, LetterKind, LetterTemplate

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


class LetterNotReady(WebError):
    """The letter cannot be issued yet: something it must state is not set (the review body)."""

    status = 409
    code = "LETTER_NOT_READY"


@dataclass(frozen=True)
class LetterRef:
    seq: int  # the event the letter belongs to
    kind: str
    outcome: str
    label: str
    filename: str
    issued: bool = False  # frozen already
    missing: str = ""  # why it cannot be issued yet


def _kind_for(row: CaseEvent) -> str | None:
    if row.kind == "start_consultation":
        if row.data.get("consultation") == "agency":
            return LetterKind.CONSULT_AGENCY
        return LetterKind.CONSULT_THIRD_PARTY
    kind = LETTER_EVENTS.get(row.kind)
    return str(kind) if kind else None


def _outcome_of(row: CaseEvent) -> str:
    return str(row.data.get("outcome") or LAPSE_OUTCOMES.get(row.kind, ""))


def _label(kind: str, outcome: str, title: str) -> str:
    return f"{title}（{OUTCOMES[outcome].label}）" if kind == LetterKind.REPLY else title


def _filename(application: Application, seq: int, title: str) -> str:
    return f"{application.tracking_number}-{seq:02d}-{title}.docx"


def missing_for(agency: Agency, template: LetterTemplate) -> str:
    """What the agency must set before a letter from ``template`` can be issued ("" if none)."""
    try:
        names = set(placeholders.used(template.title + template.body))
    except ValueError:  # a stray brace in a template saved before templates were checked
        names = {n for n in placeholders.NEEDS_REVIEW_BODY if "{" + n + "}" in template.body}
    if names & placeholders.NEEDS_REVIEW_BODY and not agency.review_body.strip():
        return (
            f"{agency.name}尚未设置行政复议机关：{template.title}须告知申请人向哪一机关申请"
            "行政复议，暂不能出具。请系统管理员在“文书模板 → 行政复议机关”中填写后再下载。"
        )
    return ""


def letters_of(application: Application, rows: list[CaseEvent]) -> list[LetterRef]:
    issued = {
        letter.event_id: letter
        for letter in IssuedLetter.objects.filter(event__in=[r.pk for r in rows]).defer(
            "content", "body"
        )
    }
    refs = []
    for row in rows:
        kind = _kind_for(row)
        if kind is None:
            continue
        outcome = _outcome_of(row) if kind == LetterKind.REPLY else ""
        letter = issued.get(row.pk)
        if letter is not None:
            title, missing = letter.title, ""
        else:
            template = template_for(kind, outcome)
            title, missing = template.title, missing_for(application.agency, template)
        refs.append(
            LetterRef(
                row.seq,
                kind,
                outcome,
                _label(kind, outcome, title),
                _filename(application, row.seq, title),
                letter is not None,
                missing,
            )
        )
    return refs


def template_for(kind: str, outcome: str = "") -> LetterTemplate:
    """The stored template, created from the defaults the first time it is asked for."""
    found = LetterTemplate.objects.filter(kind=kind, outcome=outcome).first()
    if found is not None:
        return found
    for d_kind, d_outcome, title, body in defaults.defaults():
        if (d_kind, d_outcome) == (kind, outcome):
            template, _ = LetterTemplate.objects.get_or_create(
                kind=kind, outcome=outcome, defaults={"title": title, "body": body}
            )
            return template
    raise NotFound("没有这种文书。")


def _freeze(
    application: Application, rows: list[CaseEvent], row: CaseEvent, *, today: date, late: bool
) -> IssuedLetter:
    kind = _kind_for(row)
    assert kind is not None
    outcome = _outcome_of(row) if kind == LetterKind.REPLY else ""
    template = template_for(kind, outcome)
    missing = missing_for(application.agency, template)
    if missing:
        raise LetterNotReady(missing)
    context = letter_context(application, rows, row, clock_of(application, today))
    body = fill(template.body, context)
    if not _attachments_of(row):  # a template kept from before {attachment_note}: promise nothing
        body = body.replace("（见附件）", "")
    letter = IssuedLetter(
        event=row,
        kind=kind,
        outcome=outcome,
        title=fill(template.title, context),
        number=f"申请编号：{application.tracking_number}",
        body=body,
        signature=application.agency.name,
        dated=cn_date(row.occurred_on),
        template=template,
        template_version=template.version,
        frozen_late=late,
    )
    try:
        with transaction.atomic():
            letter.save()
    except IntegrityError:  # issued meanwhile by a concurrent request: that one stands
        return IssuedLetter.objects.get(event=row)
    return letter


def _attachments_of(row: CaseEvent) -> tuple[str, ...]:
    """The documents released with the step (its event, which never changes), by name."""
    extra = row.data.get("extra", {}) if isinstance(row.data, dict) else {}
    return tuple(str(f.get("name", "")) for f in extra.get("attachments", []))


def issue_letter(application: Application, row: CaseEvent, today: date) -> IssuedLetter | None:
    """Freeze the letter of the event ``row`` just recorded, if it calls for one. A letter that
    is not ready (:class:`LetterNotReady`) does not stop the step: it is issued at its first
    download once what it lacks is set, and the case page says what that is."""
    if _kind_for(row) is None:
        return None
    try:
        return _freeze(application, events_of(application), row, today=today, late=False)
    except LetterNotReady:
        return None


def issued_letter(application: Application, seq: int, today: date) -> IssuedLetter:
    """The letter of event ``seq`` as issued, with its DOCX bytes (built and stored on the
    first download). The case must already be authorized for reading."""
    rows = events_of(application)
    row = next((r for r in rows if r.seq == seq), None)
    if row is None or _kind_for(row) is None:
        raise NotFound("这一办理事项没有对应的文书。")
    letter = IssuedLetter.objects.filter(event=row).first()
    if letter is None:
        letter = _freeze(application, rows, row, today=today, late=True)
    if letter.content is None:
        content = build_docx(
            title=letter.title,
            number=letter.number,
            body=letter.body,
            signature=letter.signature,
            dated=letter.dated,
            attachments=_attachments_of(letter.event),
        )
        IssuedLetter.objects.filter(pk=letter.pk, content__isnull=True).update(
            content=content, sha256=hashlib.sha256(content).hexdigest()
        )
        letter = IssuedLetter.objects.get(pk=letter.pk)
    return letter


def render_letter(application: Application, seq: int, today: date) -> tuple[str, bytes]:
    """(file name, DOCX bytes) of the letter of event ``seq``, as issued."""
    letter = issued_letter(application, seq, today)
    assert letter.content is not None
    return _filename(application, seq, letter.title), bytes(letter.content)


def ensure_templates() -> int:
    """Create every missing template from the defaults; returns how many were created."""
    created = 0
    for kind, outcome, title, body in defaults.defaults():
        _, made = LetterTemplate.objects.get_or_create(
            kind=kind, outcome=outcome, defaults={"title": title, "body": body}
        )
        created += made
    return created


def template_problems(kind: str, *, title: str, body: str) -> dict[str, str]:
    """Field → why it cannot be saved, in Chinese (empty when the template is fine)."""
    found = {}
    if issues := placeholders.problems(kind, title, check_required=False):
        found["title"] = " ".join(issues)
    if issues := placeholders.problems(kind, body):
        found["body"] = " ".join(issues)
    return found


@transaction.atomic
def edit_template(
    actor: Actor, template_id: int, *, title: str, body: str, restore: bool = False
) -> LetterTemplate:
    """Save a template (a new version; letters issued before keep their text). A template with
    a placeholder its letter cannot fill is refused with :class:`InvalidInput`."""
    if not actor.is_administrator:
        raise Forbidden("只有系统管理员可以修改文书模板。")
    template = LetterTemplate.objects.select_for_update().get(pk=template_id)
    if restore:
        for kind, outcome, d_title, d_body in defaults.defaults():
            if (kind, outcome) == (template.kind, template.outcome):
                title, body = d_title, d_body
    if found := template_problems(template.kind, title=title, body=body):
        raise InvalidInput("模板未保存：" + " ".join(found.values()), fields=found)
    if (title, body) != (template.title, template.body):
        template.version += 1
    template.title, template.body, template.updated_by_id = title, body, actor.user_id
    template.save()
    return template
