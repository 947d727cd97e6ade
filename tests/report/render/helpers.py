"""What the render tests share: the seed reports, reports drawn at random, and the comparison
that a round trip must pass."""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from gongkai.report.canonical import from_canonical, to_canonical
from gongkai.report.model import Report
from gongkai.report.parse import parse_file
from gongkai.report.spec import SECTION_KEYS

from ..golden import CASES, source_of
from ..strategies import reports

GOLDEN = Path(__file__).parent / "golden"
SEED_CASES = sorted(p for p in CASES.iterdir() if p.name.startswith("seed-"))
# the keys a rendered report must give back exactly (docs/report-json.md), plus the period
ROUND_TRIP_KEYS = (
    "format",
    "agency",
    "year",
    "published_on",
    "contact",
    "period",
    "proactive",
    "applications",
    "disputes",
)


@functools.cache
def seed_report(case: Path) -> Report:
    return parse_file(source_of(case))


# a space beside a Chinese character: the structured readers (HTML, DOCX, PDF, XLSX) drop it,
# as a line break or a tag boundary inside Chinese text is no space (read/cells.py, tidy)
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"
_SPACE_BY_CJK = re.compile(f"(?<=[{_CJK}]) +| +(?=[{_CJK}])")


def comparable(report: Report, *, structured: bool = False) -> dict[str, Any]:
    """The canonical JSON that a round trip keeps. A section is written under its heading even
    when the report has no text for it, so "no text" reads back as "": both count as None.
    ``structured``: section text as the structured readers read it (no space beside 汉字)."""
    document = to_canonical(report)
    out = {key: document.get(key) for key in ROUND_TRIP_KEYS}
    sections = {key: (document["sections"].get(key) or None) for key in SECTION_KEYS}
    if structured:
        sections = {k: _SPACE_BY_CJK.sub("", v) if v else v for k, v in sections.items()}
    out["sections"] = sections
    return out


@st.composite
def full_reports(draw: st.DrawFn, blanks: bool = True) -> Report:
    """A consistent report (tests/report/strategies.py) with, now and then, a signing date, a
    statistical period, a decimal fee and missing contact details."""
    document = draw(reports(blanks=blanks))
    year = document["year"]
    if draw(st.booleans()):
        document["published_on"] = date(year + 1, 1, draw(st.integers(1, 31))).isoformat()
    if draw(st.booleans()):
        document["period"] = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    for key in ("address", "postcode", "phone", "email"):
        if draw(st.integers(0, 5)) == 0:
            document["contact"][key] = None
    return from_canonical(document)
