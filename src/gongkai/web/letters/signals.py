"""The letters app's news: :data:`letter_issued` (``letter``, an IssuedLetter), sent inside the
transaction that froze it; the notices app mails the applicant once that commits."""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

letter_issued = Signal()


def issue_for_event(sender: Any, *, application: Any, row: Any, today: Any, **_: Any) -> None:
    """Receiver of applications.signals.event_recorded: freeze the event's letter, if any."""
    from gongkai.web.letters.services import issue_letter

    letter = issue_letter(application, row, today)
    if letter is not None:
        letter_issued.send(sender=type(letter), letter=letter)
