"""What every step uses: the refusal naming the rule broken, closing a case, the current
reply deadline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gongkai.procedure.deadlines import reply_deadline
from gongkai.procedure.errors import TransitionError
from gongkai.procedure.events import Event
from gongkai.procedure.law import CORRECTION_NOTICE, EXTENSION_MAX
from gongkai.procedure.state import CaseState, Phase, Policy
from gongkai.procedure.workdays import Calendar, Deadline

ART_30 = CORRECTION_NOTICE.article
ART_33_2 = EXTENSION_MAX.article

# what a step returns: the new state, a summary in Chinese, the warnings for the record
Applied = tuple[CaseState, str, list[str]]


def error(
    state: CaseState, event: Event, rule: str, message: str, article: str = "", field: str = ""
) -> TransitionError:
    return TransitionError(
        message, rule=rule, article=article, phase=state.phase.value, event=event.kind, field=field
    )


def close(state: CaseState, outcome: str, basis: str, event: Event) -> CaseState:
    return replace(
        state,
        phase=Phase.CLOSED,
        outcome=outcome,
        legal_basis=basis,
        closed_on=event.on,
        closed_by=event.kind,
    )


def current_due(
    state: CaseState,
    calendar: Calendar,
    policy: Policy,
    on: date,
    *,
    with_extension: bool = True,
) -> Deadline:
    deadline = reply_deadline(state, calendar, policy, as_of=on, with_extension=with_extension)
    assert deadline is not None  # the phases that call this have a running period
    return deadline
