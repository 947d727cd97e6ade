"""Registration, correction (restart) and consultations (pause)."""

from __future__ import annotations

from gongkai.procedure.deadlines import is_overdue
from gongkai.procedure.events import (
    ApproveExtension,
    CorrectionLapsed,
    EndConsultation,
    Event,
    ReceiveCorrection,
    SendCorrectionNotice,
)
from gongkai.procedure.history import derive
from gongkai.procedure.state import Phase, Policy
from gongkai.procedure.workdays import Calendar

from .helpers import NOTICE, D, consult, refused, register, reply

# ---------------------------------------------------------------- registration


def test_register_guards(cal: Calendar) -> None:
    refused(cal, [register("2025-03-03", received_on=D("2025-03-04"))], "REGISTER-DATE")
    refused(cal, [register(applicant_type="alien")], "REGISTER-APPLICANT")
    refused(cal, [register(channel="telepathy")], "REGISTER-CHANNEL")


def test_events_must_not_go_back_in_time(cal: Calendar) -> None:
    error = refused(cal, [register("2025-03-05"), reply("2025-03-04")], "EVENT-DATE-ORDER")
    assert "早于上一事件的日期" in error.message


def test_on_the_spot_reply(cal: Calendar) -> None:
    view = derive([register(), reply("2025-03-03")], cal)
    assert view.state.phase == Phase.CLOSED and view.state.outcome == "granted"
    assert view.replied_late is False


# ---------------------------------------------------------------- correction (art. 30): restart


def test_correction_restarts_the_clock(cal: Calendar) -> None:
    events: list[Event] = [
        register("2025-09-30"),
        NOTICE,
        ReceiveCorrection(on=D("2025-10-20"), received_on=D("2025-10-20")),
    ]
    view = derive(events, cal)
    assert view.state.clock_start == D("2025-10-20")
    assert view.reply is not None
    # Oct 21–24 (4), 27–31 (9), Nov 3–7 (14), 10–14 (19), Mon 17 (20)
    assert view.reply.due == D("2025-11-17")
    assert view.reply.steps[0].startswith("2025年9月30日收到申请，2025年10月9日一次性告知补正")
    assert "重新计算" in view.reply.steps[0]
    assert view.reply.steps[1] == "2025年10月20日收到补正后的申请（星期一）"


def test_no_deadline_while_awaiting_correction(cal: Calendar) -> None:
    view = derive([register("2025-09-30"), NOTICE], cal)
    assert view.state.phase == Phase.AWAITING_CORRECTION
    assert view.reply is None
    assert view.correction_due == D("2025-10-24")
    assert not is_overdue(view.state, D("2026-06-01"), cal)


def test_correction_notice_within_seven_working_days(cal: Calendar) -> None:
    view = derive([register("2025-09-30")], cal)
    assert view.correction_notice is not None
    assert view.correction_notice.due == D("2025-10-16")  # docs/law.md#counting-days
    late = SendCorrectionNotice(on=D("2025-10-17"), correction_due=D("2025-10-31"), items=("x",))
    error = refused(cal, [register("2025-09-30"), late], "CORRECTION-NOTICE-LATE")
    assert "不迟于2025年10月16日" in error.message and error.article.endswith("第三十条")
    # an agency whose policy is to record a late notice with a warning
    warned = derive([register("2025-09-30"), late], cal, Policy(late_correction_notice="warn"))
    assert warned.state.phase == Phase.AWAITING_CORRECTION
    assert "不迟于2025年10月16日" in warned.warnings[0]
    on_time = SendCorrectionNotice(on=D("2025-10-16"), correction_due=D("2025-10-31"), items=("x",))
    assert derive([register("2025-09-30"), on_time], cal).warnings == ()


def test_correction_guards(cal: Calendar) -> None:
    base: list[Event] = [register("2025-09-30")]
    refused(
        cal,
        [*base, SendCorrectionNotice(on=D("2025-10-09"), correction_due=D("2025-10-24"), items=())],
        "CORRECTION-ITEMS",
    )
    refused(
        cal,
        [
            *base,
            SendCorrectionNotice(on=D("2025-10-09"), correction_due=D("2025-10-09"), items=("x",)),
        ],
        "CORRECTION-PERIOD",
    )
    corrected: list[Event] = [
        *base,
        NOTICE,
        ReceiveCorrection(on=D("2025-10-20"), received_on=D("2025-10-20")),
    ]
    second = SendCorrectionNotice(on=D("2025-10-21"), correction_due=D("2025-10-31"), items=("y",))
    error = refused(cal, [*corrected, second], "CORRECTION-ONCE")
    assert "一次性告知" in error.message
    extended: list[Event] = [
        *base,
        ApproveExtension(on=D("2025-10-09"), approver="张", notified_on=D("2025-10-09")),
    ]
    refused(cal, [*extended, NOTICE], "CORRECTION-TOO-LATE-IN-PROCEDURE")
    refused(
        cal,
        [*base, NOTICE, ReceiveCorrection(on=D("2025-10-20"), received_on=D("2025-10-08"))],
        "CORRECTION-DATE",
    )


def test_late_correction_needs_a_good_reason(cal: Calendar) -> None:
    late = ReceiveCorrection(on=D("2025-10-27"), received_on=D("2025-10-27"))
    refused(cal, [register("2025-09-30"), NOTICE, late], "CORRECTION-LATE")
    excused = ReceiveCorrection(
        on=D("2025-10-27"), received_on=D("2025-10-27"), reason="住院，有证明"
    )
    view = derive([register("2025-09-30"), NOTICE, excused], cal)
    assert view.state.phase == Phase.IN_PROGRESS
    assert view.warnings == ("逾期补正，正当理由：住院，有证明",)


def test_correction_lapse(cal: Calendar) -> None:
    refused(
        cal,
        [register("2025-09-30"), NOTICE, CorrectionLapsed(on=D("2025-10-24"))],
        "CORRECTION-NOT-LAPSED",
    )
    view = derive([register("2025-09-30"), NOTICE, CorrectionLapsed(on=D("2025-10-27"))], cal)
    assert view.state.phase == Phase.CLOSED
    assert view.state.outcome == "closed_no_correction"
    assert view.state.legal_basis == "《中华人民共和国政府信息公开条例》第三十条"
    assert view.replied_late is None


def test_still_unclear_after_correction(cal: Calendar) -> None:
    refused(
        cal,
        [register(), reply("2025-03-05", "unavailable_unclear")],
        "OUTCOME-UNCLEAR-NEEDS-CORRECTION",
    )
    view = derive(
        [
            register("2025-09-30"),
            NOTICE,
            ReceiveCorrection(on=D("2025-10-20"), received_on=D("2025-10-20")),
            reply("2025-10-30", "unavailable_unclear"),
        ],
        cal,
    )
    assert view.state.outcome == "unavailable_unclear"


# ---------------------------------------------------------------- consultations (arts. 32–34): pause


def test_a_consultation_pauses_the_clock(cal: Calendar) -> None:
    events: list[Event] = [register(), consult("2025-03-10"), EndConsultation(on=D("2025-03-14"))]
    view = derive(events, cal)
    assert view.state.phase == Phase.IN_PROGRESS
    assert view.reply is not None and view.reply.due == D("2025-04-08")
    assert not view.reply.provisional
    assert any("征求第三方意见（甲公司），其间5个工作日不计入" in s for s in view.reply.steps)
    ((consultation, window),) = view.consultations
    assert window.due == D("2025-03-31")  # 15 working days after 10 March
    assert consultation.window_due == window.due


def test_an_open_consultation_gives_a_provisional_deadline(cal: Calendar) -> None:
    view = derive([register(), consult("2025-03-10")], cal)
    assert view.state.phase == Phase.CONSULTING
    assert view.reply is not None and view.reply.provisional
    # paused to the end of the window (31 March): Mar 4–7 (4), Apr 1–3 (7), 清明 4–6 April,
    # Apr 7–11 (12), 14–18 (17), 21–23 (20)
    assert view.reply.due == D("2025-04-23")
    assert "暂计" in view.reply.steps[-1]
    # not overdue while the consultation lawfully lasts, even past the plain due date
    assert not is_overdue(view.state, D("2025-03-31"), cal)
    assert not is_overdue(view.state, D("2025-04-23"), cal)
    assert is_overdue(view.state, D("2025-04-24"), cal)


def test_a_late_answer_is_counted_only_to_the_end_of_the_window(cal: Calendar) -> None:
    view = derive([register(), consult("2025-03-10"), EndConsultation(on=D("2025-04-15"))], cal)
    assert view.reply is not None and view.reply.due == D("2025-04-23")
    assert "意见期限已于2025年3月31日届满" in view.warnings[0]


def test_delivery_date_starts_the_consultation_window(cal: Calendar) -> None:
    view = derive([register(), consult("2025-03-10", delivered_on=D("2025-03-12"))], cal)
    ((_, window),) = view.consultations
    assert window.due == D("2025-04-02")
    refused(cal, [register(), consult("2025-03-10", delivered_on=D("2025-03-07"))], "CONSULT-DATE")


def test_several_consultations(cal: Calendar) -> None:
    events: list[Event] = [
        register(),
        consult("2025-03-10"),
        consult("2025-03-11", "乙局", "agency"),
    ]
    view = derive(events, cal)
    assert [c.ref for c in view.state.open_consultations] == ["1", "2"]
    error = refused(cal, [*events, EndConsultation(on=D("2025-03-12"))], "CONSULT-REF")
    assert "1、2" in error.message
    refused(cal, [*events, EndConsultation(on=D("2025-03-12"), ref="9")], "CONSULT-REF")
    one = derive([*events, EndConsultation(on=D("2025-03-12"), ref="2", answered=False)], cal)
    assert one.state.phase == Phase.CONSULTING
    assert one.warnings == (
        "被征求意见机关逾期未提出意见，视为同意公开（《中华人民共和国政府信息公开条例》第三十四条）",
    )
    both = [
        *events,
        EndConsultation(on=D("2025-03-12"), ref="2"),
        EndConsultation(on=D("2025-03-13"), ref="1"),
    ]
    assert derive(both, cal).state.phase == Phase.IN_PROGRESS
    refused(
        cal,
        [*both, consult("2025-03-14"), EndConsultation(on=D("2025-03-14"), ref="1")],
        "CONSULT-ENDED",
    )
    refused(cal, [*events, consult("2025-03-12", ref="1")], "CONSULT-REF")
    refused(cal, [register(), consult("2025-03-10", party=" ")], "CONSULT-PARTY")
    refused(cal, [register(), consult("2025-03-10", kind="court")], "CONSULT-KIND")


def test_third_party_silence_is_noted(cal: Calendar) -> None:
    view = derive(
        [register(), consult("2025-03-10"), EndConsultation(on=D("2025-04-01"), answered=False)],
        cal,
    )
    assert "第三方逾期未提出意见，由本机关依照条例决定" in view.warnings[-1]


def test_consulting_after_the_deadline_warns(cal: Calendar) -> None:
    view = derive([register(), consult("2025-04-01")], cal)
    assert view.warnings == ("答复期限已于2025年3月31日届满，此后征求意见不能使已届满的期限中止",)
    assert is_overdue(view.state, D("2025-04-01"), cal)
