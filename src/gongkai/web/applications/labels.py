"""Chinese labels of the outcome codes, from the procedure core's outcome table."""

from __future__ import annotations

import re

from gongkai.procedure.outcomes import OUTCOMES

# The two long 其他处理 rows, as docs/report-json.md#applications names them.
_SHORTER = {
    "closed_no_correction": "其他处理：逾期不补正、不再处理",
    "closed_fee_unpaid": "其他处理：逾期未缴费、不再处理",
}


def _label(code: str) -> str:
    outcome = OUTCOMES[code]
    if not outcome.group.startswith("（") or outcome.code in ("granted", "partially_granted"):
        return outcome.label
    return f"{re.sub(r'^（[一二三四五六七]）', '', outcome.group)}：{outcome.label}"


OUTCOME_LABELS: dict[str, str] = {code: _SHORTER.get(code) or _label(code) for code in OUTCOMES}
