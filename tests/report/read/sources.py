"""The documents behind the reader fixtures: the five real reports (their text, with the tables
rebuilt as the national template's real tables) and two generated reports.

A seed's paragraphs are its own lines outside the tables, as they are. Its tables are the
national template (merged cells and all) holding the cells the seed's text gives: the values
and row labels as the text reader reads them from the seed, checked by hand against the seed.
Where the seed's text does not say which column a value sits in (seed 004, 表二
“行政规范性文件”: two values, "0" and "16", for three cells), a real table says it: the fixture
places them as 本年制发件数 0, 本年废止件数 blank, 现行有效件数 16, and its expected.json has
these placed values where the text reader leaves the row null (see PLACED).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from gongkai.report.model import Report
from gongkai.report.parse import parse_file
from gongkai.report.sections import find_sections, table_extent
from gongkai.report.spec import FORMATS, TableKey

from .writers import Block, applications_table, disputes_table, proactive_table

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT.parent / "shared" / "seeds"
if not SEEDS.is_dir():  # CI clones main with shared/ beside it
    SEEDS = ROOT / "shared" / "seeds"
CASES = Path(__file__).resolve().parents[1] / "cases"

# cells a real table places where the seed's text leaves the column open: (seed, table, row) →
# the cells, as the template's columns order them
PLACED: dict[tuple[str, str, str], list[str]] = {
    ("004", "proactive", "normative_docs"): ["0", "", "16"],
}
_SECTION_OF: dict[TableKey, str] = {
    "proactive": "proactive_section",
    "applications": "applications_section",
    "disputes": "disputes_section",
}


def seed_source(number: str) -> Path:
    """The seed's text as kept beside its golden (identical to shared/seeds)."""
    return next(CASES.glob(f"seed-{number}-*/source.txt"))


def seed_report(number: str) -> Report:
    return parse_file(seed_source(number))


def _cells(report: Report, number: str, key: TableKey) -> dict[str, list[str]]:
    fmt = FORMATS[report.format or "2021"]
    data = report.table(key)
    assert data is not None, f"seed {number} has no {key} table"
    out: dict[str, list[str]] = {}
    for row in fmt.table(key).rows:
        placed = PLACED.get((number, key, row.key))
        if placed is not None:
            out[row.key] = placed
            continue
        out[row.key] = [data.cell(row.key, c.key).raw or "" for c in row.columns]
    return out


def seed_blocks(
    number: str, edit: Callable[[str, dict[str, list[str]]], None] | None = None
) -> list[Block]:
    """The seed as a document: its lines outside the tables, and the three tables in place.
    ``edit(table, cells)`` may change the cells' texts first (tests/report/variants.py)."""
    report = seed_report(number)
    fmt = FORMATS[report.format or "2021"]
    from gongkai.report.read.text import read_bytes

    lines = list(read_bytes(seed_source(number).read_bytes()).lines)
    spans = find_sections(lines)
    tables: dict[int, tuple[int, Block]] = {}  # first line index → (end, table)
    for key, section in _SECTION_OF.items():
        span = spans[section]
        region = lines[span.start + 1 : span.end]
        extent = table_extent(region, key)
        assert extent is not None, (number, key)
        start, end = span.start + 1 + extent[0], span.start + 1 + extent[1]
        cells = _cells(report, number, key)
        if edit is not None:
            edit(key, cells)
        data = report.table(key)
        labels = dict(data.source_labels) if data else {}
        if key == "proactive":
            table = proactive_table(fmt, cells, labels)
        elif key == "applications":
            table = applications_table(fmt, cells, labels)
        else:
            table = disputes_table(cells)
        tables[start] = (end, table)
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        if index in tables:
            end, table = tables[index]
            blocks.append(table)
            index = end
            continue
        text = lines[index].text.strip()
        if text:
            blocks.append(text)
        index += 1
    return blocks


# ------------------------------------------------------------------------------ generated


def _apps(fmt: str, rows: dict[str, list[int | None]]) -> dict[str, Any]:
    keys = list(FORMATS[fmt].applications.row_keys)
    columns = (
        "natural_person",
        "business",
        "research",
        "nonprofit",
        "legal_service",
        "other_org",
        "total",
    )
    out = {k: dict(zip(columns, rows.get(k, [0] * 7), strict=True)) for k in keys}
    if fmt == "2019":  # canonical JSON keeps the 2021 sub-rows, null, before closed_other
        nulls = {k: dict.fromkeys(columns) for k in ("closed_no_correction", "closed_fee_unpaid")}
        at = keys.index("closed_other")
        out = {k: (nulls | out)[k] for k in [*keys[:at], *nulls, *keys[at:]]}
    return out


def generated_2019() -> dict[str, Any]:
    """A 2019 trial-format report (for 2020): its own table 二 columns, one （六）其他处理 row."""
    proactive = {
        "gov_rules": {"made": 0, "published": 0, "published_total": 3},
        "normative_docs": {"made": 4, "published": 4, "published_total": 27},
        "licensing": {"items_prev": 12, "items_delta": -2, "decisions": 356},
        "other_services": {"items_prev": 5, "items_delta": 0, "decisions": 18},
        "penalty": {"items_prev": 40, "items_delta": 3, "decisions": 61},
        "coercion": {"items_prev": 2, "items_delta": 0, "decisions": 0},
        "admin_fees": {"items_prev": 1, "items_delta": 0},
        "central_procurement": {"procurement_items": 7, "procurement_amount": 126.35},
    }
    rows: dict[str, list[int | None]] = {
        "received": [9, 2, 0, 0, 1, 0, 12],
        "carried_in": [1, 0, 0, 0, 0, 0, 1],
        "granted": [5, 1, 0, 0, 1, 0, 7],
        "partially_granted": [1, 0, 0, 0, 0, 0, 1],
        "unavailable_not_held": [2, 1, 0, 0, 0, 0, 3],
        "closed_other": [1, 0, 0, 0, 0, 0, 1],
        "concluded_total": [9, 2, 0, 0, 1, 0, 12],
        "carried_out": [1, 0, 0, 0, 0, 0, 1],
    }
    return {
        "format": "2019",
        "agency": "孝感市某某局",
        "year": 2020,
        "published_on": None,
        "contact": {
            "address": "孝感市城站路12号",
            "postcode": "432100",
            "phone": "0712-2851234",
            "email": "xxgk@example.gov.cn",
        },
        "sections": {
            "overview": "2020年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息326条。",
            "proactive_section": None,
            "applications_section": None,
            "disputes_section": None,
            "problems_section": "（一）存在问题。公开内容不够全面。\n（二）改进措施。加强培训，规范公开。",
            "other_section": "本年度未收取信息处理费。",
        },
        "proactive": proactive,
        "applications": _apps("2019", rows),
        "disputes": {
            "review": {"upheld": 1, "corrected": 0, "other_outcome": 0, "pending": 0, "total": 1},
            "lit_direct": {
                "upheld": 0,
                "corrected": 1,
                "other_outcome": 0,
                "pending": 1,
                "total": 2,
            },
            "lit_after_review": {
                "upheld": 0,
                "corrected": 0,
                "other_outcome": 0,
                "pending": 0,
                "total": 0,
            },
        },
    }


def generated_blanks() -> dict[str, Any]:
    """A 2021 report whose agency left cells empty: first and last cells of rows, a whole
    litigation group, and the fee amount. Every blank must read as null, never 0."""
    doc = generated_2019()
    none7: list[int | None] = [None] * 7
    rows: dict[str, list[int | None]] = {
        "received": [3, 1, None, None, None, None, None],
        "carried_in": [None, 0, 0, 0, 0, 0, 0],
        "granted": [2, 1, 0, 0, 0, 0, 3],
        "withheld_state_secret": none7,
        "unavailable_not_held": [1, None, 0, 0, 0, 0, 1],
        "closed_fee_unpaid": [None, 0, 0, 0, 0, 0, None],
        "concluded_total": [3, 1, 0, 0, 0, 0, 4],
        "carried_out": [0, 0, 0, 0, 0, 0, 0],
    }
    doc.update(
        format="2021",
        agency="高青县某某镇人民政府",
        year=2023,
        proactive={
            "gov_rules": {"issued": None, "repealed": None, "in_force": None},
            "normative_docs": {"issued": 2, "repealed": None, "in_force": 15},
            "licensing": 0,
            "penalty": None,
            "coercion": 0,
            "admin_fees": None,
        },
        applications=_apps("2021", rows),
        disputes={
            "review": {
                "upheld": None,
                "corrected": 0,
                "other_outcome": 0,
                "pending": 0,
                "total": 0,
            },
            "lit_direct": dict.fromkeys(
                ("upheld", "corrected", "other_outcome", "pending", "total")
            ),
            "lit_after_review": {
                "upheld": 0,
                "corrected": 0,
                "other_outcome": 0,
                "pending": 0,
                "total": None,
            },
        },
    )
    return doc
