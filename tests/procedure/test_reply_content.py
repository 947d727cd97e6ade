"""What a reply must say (arts. 36(三), 36(七), 37): a 部分公开 reply names the grounds of the
part withheld, and every 部分公开 or 不予公开 reply gives its reasons. A history recorded
before the rule replays with a warning instead of a refusal."""

from __future__ import annotations

import pytest

from gongkai.procedure.errors import TransitionError
from gongkai.procedure.events import Event
from gongkai.procedure.history import derive, replay
from gongkai.procedure.outcomes import OUTCOMES, WITHHELD_OUTCOMES
from gongkai.procedure.workdays import Calendar
from gongkai.procedure.workflow import transition

from .helpers import register, reply

REASON = "所申请的汇总表含有申请人以外的个人身份信息，属于个人隐私。"


def _record(cal: Calendar, event: Event) -> TransitionError | None:
    state, _ = replay([register()], cal)
    try:
        transition(state, event, cal)
    except TransitionError as error:
        return error
    return None


def test_partial_disclosure_needs_its_grounds(cal: Calendar) -> None:
    error = _record(cal, reply("2025-03-05", "partially_granted", reason=REASON))
    assert error is not None and error.rule == "PARTIAL-GROUNDS-MISSING"
    assert "第十四条至第十六条" in error.message and "第三十七条" in error.article


def test_partial_disclosure_needs_its_reasons(cal: Calendar) -> None:
    event = reply("2025-03-05", "partially_granted", withheld_grounds=("withheld_third_party",))
    error = _record(cal, event)
    assert error is not None and error.rule == "REPLY-REASONS"
    assert error.message == "部分公开的，须对不予公开的部分说明理由"
    blank = reply(
        "2025-03-05", "partially_granted", withheld_grounds=("withheld_internal",), reason="  "
    )
    assert _record(cal, blank) is not None
    complete = reply(
        "2025-03-05", "partially_granted", withheld_grounds=("withheld_internal",), reason=REASON
    )
    assert _record(cal, complete) is None


@pytest.mark.parametrize("outcome", WITHHELD_OUTCOMES)
def test_every_refusal_to_disclose_needs_its_reasons(cal: Calendar, outcome: str) -> None:
    error = _record(cal, reply("2025-03-05", outcome))
    assert error is not None and error.rule == "REPLY-REASONS", outcome
    assert OUTCOMES[outcome].reasons_article in error.article
    assert _record(cal, reply("2025-03-05", outcome, reason=REASON)) is None


@pytest.mark.parametrize("outcome", ["granted", "unavailable_not_held", "declined_repeat"])
def test_other_replies_need_no_reasons_from_this_rule(cal: Calendar, outcome: str) -> None:
    assert _record(cal, reply("2025-03-05", outcome)) is None


def test_a_reply_recorded_before_the_rule_replays_with_a_warning(cal: Calendar) -> None:
    view = derive([register(), reply("2025-03-05", "partially_granted")], cal)
    assert view.state.outcome == "partially_granted"
    warnings = view.records[-1].warnings
    assert len(warnings) == 2 and all("此记录早于该项要求" in w for w in warnings)
