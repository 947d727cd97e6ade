"""What the applicant sees and hands in. Only what was issued or released to the applicant is
shown: the letters addressed to them once frozen (never a consultation letter to a third party,
never a draft), the 补正 asked for, and the documents released with the reply (never a file of a
draft awaiting approval). Staff-only content (names, reasons, warnings, approvals) stays out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date

from gongkai.procedure.state import Phase
from gongkai.web.applications.models import Application, CaseEvent, CaseFile
from gongkai.web.errors import InvalidInput, NotFound
from gongkai.web.letters.models import IssuedLetter, LetterKind
from gongkai.web.letters.services import render_letter
from gongkai.web.portal import uploads
from gongkai.web.portal.models import Correction, CorrectionFile

# letters addressed to the applicant (consultation letters go to third parties and agencies)
APPLICANT_LETTERS = (LetterKind.CORRECTION, LetterKind.EXTENSION, LetterKind.FEE, LetterKind.REPLY)
TEXT_LIMIT = 5000
PENDING_LIMIT = 10  # corrections handed in per 补正告知书


@dataclass(frozen=True)
class PublicLetter:
    seq: int
    title: str
    dated: str


@dataclass(frozen=True)
class Notice:
    """The latest 补正告知书: what it asks for and by when."""

    seq: int
    on: date
    items: list[str]
    due: date | None


@dataclass
class Submitted:
    correction: Correction
    files: list[CorrectionFile] = field(default_factory=list)
    confirmed: CaseEvent | None = None  # the clerk's 收到补正后的申请
    waiting: bool = False  # still waiting for the clerk's confirmation

    @property
    def status(self) -> str:
        if self.confirmed is not None:
            return f"已确认（收到补正后的申请之日：{self.confirmed.data.get('received_on', '')}）"
        return "已收到，待工作人员确认" if self.waiting else "未确认"


def public_letters(application: Application) -> list[PublicLetter]:
    letters = (
        IssuedLetter.objects.filter(event__application=application, kind__in=APPLICANT_LETTERS)
        .select_related("event")
        .defer("content", "body")
        .order_by("event__seq")
    )
    return [PublicLetter(letter.event.seq, letter.title, letter.dated) for letter in letters]


def letter_download(application: Application, seq: int, today: date) -> tuple[str, bytes]:
    """The frozen DOCX of a letter issued to the applicant; anything else is not found."""
    if seq not in {letter.seq for letter in public_letters(application)}:
        raise NotFound("没有这份文书。")
    return render_letter(application, seq, today)


def released_files(application: Application) -> list[CaseFile]:
    """Documents released with the reply (linked to the reply event once it is recorded)."""
    return list(
        CaseFile.objects.filter(application=application, event__kind="reply").order_by("pk")
    )


def released_file(application: Application, file_id: int) -> CaseFile:
    found = next((f for f in released_files(application) if f.pk == file_id), None)
    if found is None:
        raise NotFound("没有这个文件。")
    return found


def latest_notice(rows: Sequence[CaseEvent]) -> Notice | None:
    notices = [r for r in rows if r.kind == "send_correction_notice"]
    if not notices:
        return None
    row = notices[-1]
    due = parse_date(str(row.data.get("correction_due") or ""))
    return Notice(row.seq, row.occurred_on, [str(i) for i in row.data.get("items") or []], due)


def awaiting_correction(application: Application) -> bool:
    return application.phase == Phase.AWAITING_CORRECTION.value


def corrections_of(application: Application, rows: Sequence[CaseEvent]) -> list[Submitted]:
    """The corrections handed in online, each with whether the clerk has confirmed it (the
    first 收到补正后的申请 recorded after it) or it is still waiting."""
    receipts = [r for r in rows if r.kind == "receive_correction"]
    found = []
    for c in application.portal_corrections.prefetch_related("files"):
        confirmed = next((r for r in receipts if r.recorded_at >= c.submitted_at), None)
        waiting = confirmed is None and awaiting_correction(application)
        found.append(Submitted(c, list(c.files.all()), confirmed, waiting))
    return found


def submit_correction(
    application: Application,
    *,
    text: str,
    files: Sequence[UploadedFile],
    client: str = "",
    now: datetime | None = None,
) -> Correction:
    """Hand in a correction: it waits for the clerk, and changes no deadline until confirmed."""
    text = (text or "").strip()
    if not text and not files:
        message = "请填写补正内容或上传补正材料。"
        raise InvalidInput(message, fields={"text": message})
    if len(text) > TEXT_LIMIT:
        raise InvalidInput(f"补正内容不能超过{TEXT_LIMIT}字。", fields={"text": "内容过长"})
    uploads.check(files)
    saved: list[CorrectionFile] = []
    try:
        with transaction.atomic():
            locked = Application.objects.select_for_update().get(pk=application.pk)
            if not awaiting_correction(locked):
                raise InvalidInput(
                    "本申请当前无需补正（未发出补正告知书，或补正已确认、申请已办结）。"
                )
            notice = locked.events.filter(kind="send_correction_notice").order_by("-seq").first()
            if (
                Correction.objects.filter(application=locked, notice=notice).count()
                >= PENDING_LIMIT
            ):
                raise InvalidInput(f"同一补正告知书最多网上提交{PENDING_LIMIT}次补正。")
            correction = Correction.objects.create(
                application=locked,
                notice=notice,
                text=text,
                submitted_at=now or timezone.now(),
                client=client[:64],
            )
            saved = uploads.save(correction, files)
            return correction
    except BaseException:
        uploads.discard(saved)
        raise


def correction_file(application: Application, file_id: int) -> CorrectionFile:
    found = CorrectionFile.objects.filter(pk=file_id, correction__application=application).first()
    if found is None:
        raise NotFound("没有这个文件。")
    return found
