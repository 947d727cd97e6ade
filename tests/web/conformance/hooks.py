"""Schemathesis hooks for the API conformance run (tests/web/test_api_conformance.py).

Dates are generated inside the window the API documents (from 2008-01-01 to today, China's
time): JSON Schema has no way to say "not after today", so without this nearly every
generated date would be refused, by design, with a 400 that names the window (tested in
tests/web/test_bounds.py), and the run would never reach a registered case."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import schemathesis
from hypothesis import strategies as st

CHINA = timezone(timedelta(hours=8))
TODAY = datetime.now(CHINA).date()
DAYS = st.dates(min_value=date(2008, 1, 1), max_value=TODAY)

schemathesis.openapi.format("date", DAYS.map(date.isoformat))
schemathesis.openapi.format(
    "date-time",
    st.builds(
        lambda day, seconds: datetime.combine(day, time(), CHINA) + timedelta(seconds=seconds),
        DAYS,
        st.integers(0, 86399),
    )
    .filter(lambda moment: moment <= datetime.now(CHINA))
    .map(lambda m: m.isoformat()),
)
