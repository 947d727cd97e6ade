"""Dates as supervisors write them: 2025-01-20, 2025/1/20, 2025年1月20日."""

from __future__ import annotations

import re
from datetime import date

from gongkai.report.normalize import fold

_DATE = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")


def parse_date(text: str) -> date | None:
    """The date written in ``text`` (the whole of it), or None when it is not one."""
    match = _DATE.fullmatch(fold(text).strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
