"""Every cell of the generated tables, counted by hand from the registers of conftest.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from gongkai.report.spec import APPLICANT_COLUMN_KEYS, DISPUTE_COLUMN_KEYS, FORMAT_2021

pytestmark = pytest.mark.django_db

APP_ROWS = FORMAT_2021.applications.row_keys


def app_table(nonzero: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """The whole of table 三: the hand-counted cells, every other cell 0, totals added."""
    out = {(r, c): 0 for r in APP_ROWS for c in APPLICANT_COLUMN_KEYS}
    out.update(nonzero)
    for row in APP_ROWS:
        out[(row, "total")] = sum(out[(row, c)] for c in APPLICANT_COLUMN_KEYS[:-1])
    return out


def cells_of(table: Any) -> dict[tuple[str, str | None], Any]:
    return {k: c.value for k, c in table.cells.items()}


def test_2024_tables(registers: dict[str, Any]) -> None:
    from gongkai.web.reports.generate import generate

    generated = generate(registers["agency"], 2024, {})
    expected = app_table(
        {
            ("received", "natural_person"): 2,  # G, A
            ("granted", "natural_person"): 1,  # G
            ("concluded_total", "natural_person"): 1,
            ("carried_out", "natural_person"): 1,  # A, open on 2024-12-31
        }
    )
    assert cells_of(generated.report.applications) == expected
    proactive = cells_of(generated.report.proactive)
    assert proactive == {
        ("gov_rules", "issued"): 0,
        ("gov_rules", "repealed"): 0,
        ("gov_rules", "in_force"): 1,
        ("normative_docs", "issued"): 1,  # N4
        ("normative_docs", "repealed"): 0,
        ("normative_docs", "in_force"): 3,  # N1, N3, N4
        ("licensing", None): 0,
        ("penalty", None): 7,
        ("coercion", None): 0,
        ("admin_fees", None): 0,
    }
    disputes = cells_of(generated.report.disputes)
    assert disputes[("review", "pending")] == 1 and disputes[("review", "total")] == 1  # V1
    assert sum(disputes.values()) == 2


def test_2025_tables(registers: dict[str, Any]) -> None:
    from gongkai.web.reports.generate import generate

    generated = generate(registers["agency"], 2025, {})
    expected = app_table(
        {
            ("received", "natural_person"): 2,  # C, E
            ("received", "business"): 1,  # B
            ("received", "research"): 1,  # D
            ("received", "legal_service"): 1,  # F (received once, corrected once)
            ("carried_in", "natural_person"): 1,  # A
            ("granted", "natural_person"): 1,  # A
            ("granted", "legal_service"): 1,  # F
            ("partially_granted", "business"): 1,  # B only here, not under its grounds
            ("unavailable_not_held", "natural_person"): 1,  # C
            ("closed_other", "natural_person"): 1,  # E withdrawn
            ("concluded_total", "natural_person"): 3,
            ("concluded_total", "business"): 1,
            ("concluded_total", "legal_service"): 1,
            ("carried_out", "research"): 1,  # D
        }
    )
    assert cells_of(generated.report.applications) == expected
    assert cells_of(generated.report.proactive) == {
        ("gov_rules", "issued"): 0,
        ("gov_rules", "repealed"): 0,
        ("gov_rules", "in_force"): 1,
        ("normative_docs", "issued"): 2,  # N2, N5
        ("normative_docs", "repealed"): 2,  # N3 repealed, N4 expired on 12-31
        ("normative_docs", "in_force"): 3,  # N1, N2, N5
        ("licensing", None): 12,
        ("penalty", None): 5,
        ("coercion", None): 0,
        ("admin_fees", None): Decimal("1.7345"),
    }
    disputes = cells_of(generated.report.disputes)
    expected_disputes = {
        (r, c): 0 for r in ("review", "lit_direct", "lit_after_review") for c in DISPUTE_COLUMN_KEYS
    }
    expected_disputes.update(
        {
            ("review", "upheld"): 1,
            ("review", "corrected"): 1,
            ("review", "total"): 2,
            ("lit_direct", "other_outcome"): 1,
            ("lit_direct", "total"): 1,
            ("lit_after_review", "pending"): 1,
            ("lit_after_review", "total"): 1,
        }
    )
    assert disputes == expected_disputes


def test_every_cell_lists_what_it_counts(registers: dict[str, Any]) -> None:
    """The drill-down of each cell has exactly as many records as the cell says."""
    from gongkai.web.reports.cells import behind
    from gongkai.web.reports.generate import generate

    agency = registers["agency"]
    for year in (2024, 2025):
        report = generate(agency, year, {}).report
        for table_key in ("proactive", "applications", "disputes"):
            table = report.table(table_key)
            assert table is not None
            for (row, column), cell in table.cells.items():
                records = list(behind(agency.pk, year, table_key, row, column))
                if row in ("licensing", "penalty", "coercion"):
                    counted: Any = sum(r.count for r in records)
                elif row == "admin_fees":
                    counted = sum((r.amount for r in records), Decimal(0))
                else:
                    counted = len(records)
                assert counted == cell.value, (year, table_key, row, column)


def test_drill_down_names_the_cases(registers: dict[str, Any]) -> None:
    from gongkai.web.reports.cells import behind

    cases = registers["cases"]
    agency_id = registers["agency"].pk
    partial = list(behind(agency_id, 2025, "applications", "partially_granted", "business"))
    assert partial == [cases["B"]]
    assert list(behind(agency_id, 2025, "applications", "withheld_third_party", "total")) == []
    assert list(behind(agency_id, 2025, "applications", "carried_in", "total")) == [cases["A"]]
    pending = list(behind(agency_id, 2025, "disputes", "lit_after_review", "pending"))
    assert pending == [registers["disputes"]["S1"]]


PROBLEMS = {
    "problems_section": "一是公开目录更新不够及时；二是答复文书说理不够充分。"
    "下一步将加强培训，规范答复文书，按季度检查公开目录。"
}


def test_generated_report_passes_the_validator(registers: dict[str, Any]) -> None:
    """With section 五 written, the default prose and the counted tables pass; left empty,
    section 五 is the one error."""
    from gongkai.web.reports.generate import generate

    for year in (2024, 2025):
        generated = generate(registers["agency"], year, PROBLEMS)
        assert generated.errors == (), [f.message for f in generated.errors]
        empty = generate(registers["agency"], year, {})
        assert [(f.code, f.section) for f in empty.errors] == [
            ("PROBLEMS-THIN", "problems_section")
        ]


def test_narrative_figures_follow_the_tables(registers: dict[str, Any]) -> None:
    from gongkai.web.reports.generate import generate

    report = generate(registers["agency"], 2025, {}).report
    overview = report.sections["overview"]
    assert "新收政府信息公开申请5件，上年结转1件，办结5件" in overview
    assert "予以公开2件、部分公开1件；结转下年度继续办理1件" in overview
    assert "行政复议2件、行政诉讼2件" in overview
    assert "{" not in overview and "{" not in report.sections["other_section"]


def test_unknown_figure_is_refused(registers: dict[str, Any]) -> None:
    from gongkai.web.reports.errors import UnknownFigure
    from gongkai.web.reports.generate import generate

    with pytest.raises(UnknownFigure, match="本年收到申请"):
        generate(registers["agency"], 2025, {"overview": "共收到{本年收到申请}件"})


@pytest.mark.parametrize("to", ["html", "docx", "pdf", "md"])
def test_generated_report_reads_back_exactly(registers: dict[str, Any], to: str) -> None:
    from datetime import date

    from gongkai.report.parse import parse_bytes
    from gongkai.report.render import render
    from gongkai.web.reports.generate import generate

    report = generate(
        registers["agency"],
        2025,
        {"problems_section": "一是……；二是……。"},
        published_on=date(2026, 1, 20),
    ).report
    back = parse_bytes(render(report, to), source=f"report.{to}")
    for key in ("proactive", "applications", "disputes"):
        assert cells_of(back.table(key)) == cells_of(report.table(key)), (to, key)
    assert back.year == 2025 and back.agency == report.agency


def test_catalogue_figures_count_late_publication(registers: dict[str, Any]) -> None:
    """Created on Friday 2025-09-26, across the National Day holiday (10-01..08, with Sundays
    09-28 and Saturday 10-11 made working days): 10-30 is the 20th working day after creation
    (on time, the last day), 10-31 the 21st (late). Counted by hand on the 2025 calendar."""
    from datetime import date

    from gongkai.web.registers.models import CatalogueEntry
    from gongkai.web.reports.generate import generate

    agency = registers["agency"]
    for n, published in enumerate((date(2025, 10, 31), date(2025, 10, 30))):
        CatalogueEntry.objects.create(
            agency=agency,
            index_no=f"LZ-{n}",
            title=f"信息{n}",
            created_on=date(2025, 9, 26),
            published_on=published,
            reviewer="王建国",
            reviewed_on=date(2025, 9, 26),
            review_conclusion="release",
        )
    figures = generate(agency, 2025, {}).figures
    assert figures["主动公开信息"].value == 2
    assert figures["逾期公开信息"].value == 1
