"""The one extension of the period of reply: 条例 art. 33 para. 2."""

from __future__ import annotations

from dataclasses import replace

from gongkai.procedure.events import ApproveExtension
from gongkai.procedure.law import EXTENSION_MAX
from gongkai.procedure.state import CaseState, ExtensionGrant, Phase, Policy
from gongkai.procedure.steps.common import ART_33_2, Applied, current_due, error
from gongkai.procedure.text import cn_date
from gongkai.procedure.workdays import Calendar


def approve_extension(
    state: CaseState, e: ApproveExtension, calendar: Calendar, policy: Policy
) -> Applied:
    if state.extension is not None:
        raise error(state, e, "EXTENSION-ONCE", "答复期限已经延长过一次，不能再次延长", ART_33_2)
    if not e.approver.strip():
        raise error(
            state,
            e,
            "EXTENSION-APPROVAL",
            "延长答复期限须经政府信息公开工作机构负责人同意，请记录批准人",
            ART_33_2,
        )
    if e.notified_on < e.on:
        raise error(
            state, e, "EXTENSION-NOTICE", "延长答复期限须告知申请人：告知之日早于批准之日", ART_33_2
        )
    if not 1 <= e.workdays <= EXTENSION_MAX.count:
        raise error(
            state,
            e,
            "EXTENSION-LENGTH",
            f"延长的期限最长不得超过{EXTENSION_MAX.text}，实为{e.workdays}个工作日",
            ART_33_2,
        )
    due = current_due(state, calendar, policy, e.notified_on, with_extension=False)
    if e.notified_on > due.due:
        raise error(
            state,
            e,
            "EXTENSION-LATE",
            f"延长须在答复期限届满（{cn_date(due.due)}）前批准并告知申请人",
            ART_33_2,
        )
    grant = ExtensionGrant(e.on, e.approver, e.notified_on, e.workdays)
    phase = Phase.IN_PROGRESS if state.phase == Phase.REGISTERED else state.phase
    new = replace(state, phase=phase, extension=grant)
    summary = (
        f"经{e.approver}批准延长答复期限{e.workdays}个工作日，{cn_date(e.notified_on)}告知申请人"
    )
    return new, summary, []
