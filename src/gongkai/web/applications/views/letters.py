"""Download a case's letter as DOCX."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.applications import selectors
from gongkai.web.attachments import attachment
from gongkai.web.letters.services import render_letter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@staff_view
def letter(request: HttpRequest, actor: Actor, case_id: int, seq: int) -> HttpResponse:
    application = selectors.case_for_read(actor, case_id)
    filename, content = render_letter(application, seq, timezone.localdate())
    return attachment(content, DOCX, filename, f"letter-{seq}.docx")
