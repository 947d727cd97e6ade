"""One test per rule that makes it fire, and one that keeps it quiet."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from gongkai.report.model import Finding, Report
from gongkai.report.parse import parse_text
from gongkai.report.rules import RULES, check

from ..factories import clean_document, previous_document, report, with_cell
from ..textbuild import build_text


def findings_of(code: str, subject: Report, previous: Report | None = None) -> list[Finding]:
    return [f for f in check(subject, previous) if f.code == code]


def test_clean_report_has_no_findings() -> None:
    assert check(report(), report(previous_document())) == []


def _doc(**cells: Any) -> Report:
    doc = clean_document()
    for spec, value in cells.items():
        table, row, column = ([*spec.split("__"), None])[:3]
        doc = with_cell(doc, table, row, column, value)
    return report(doc)


def _sections(**texts: str | None) -> Report:
    doc = clean_document()
    doc["sections"] = {**doc["sections"], **texts}
    return report(doc)


# (code, subject that makes it fire, expected location (table, row, column) or None, previous)
FIRING: list[
    tuple[str, Callable[[], Report], tuple[str | None, ...] | None, Callable[[], Report] | None]
] = [
    (
        "APP-BALANCE",
        lambda: _doc(applications__carried_out__business=2, applications__carried_out__total=4),
        ("applications", "concluded_total", "business"),
        None,
    ),
    (
        "APP-OUTCOME-SUM",
        lambda: _doc(applications__granted__research=2, applications__granted__total=20),
        ("applications", "concluded_total", "research"),
        None,
    ),
    (
        "APP-ROW-TOTAL",
        lambda: _doc(applications__granted__total=18),
        ("applications", "granted", "total"),
        None,
    ),
    (
        "DSP-TOTAL",
        lambda: _doc(disputes__lit_direct__total=3),
        ("disputes", "lit_direct", "total"),
        None,
    ),
    ("VALUE-RANGE", lambda: _doc(proactive__penalty=-1), ("proactive", "penalty", None), None),
    ("CELL-BLANK", lambda: _doc(proactive__coercion=None), ("proactive", "coercion", None), None),
    ("APP-CARRY-LARGE", lambda: _carry_large(), ("applications", "carried_out", "total"), None),
    ("APP-OTHER-HIGH", lambda: _other_high(), ("applications", "closed_other", "total"), None),
    ("DSP-VOLUME", lambda: _dispute_volume(), ("disputes", None, None), None),
    (
        "PRO-FEE-UNIT",
        lambda: _doc(proactive__admin_fees=2_500_000),
        ("proactive", "admin_fees", None),
        None,
    ),
    ("PREVIOUS-MISMATCH", lambda: report(), None, lambda: report(previous_document(), year=2021)),
    (
        "XYEAR-CARRY",
        lambda: _doc(applications__carried_in__natural_person=3, applications__carried_in__total=4),
        ("applications", "carried_in", "natural_person"),
        lambda: report(previous_document()),
    ),
    (
        "XYEAR-IN-FORCE",
        lambda: _doc(proactive__normative_docs__in_force=20),
        ("proactive", "normative_docs", "in_force"),
        lambda: report(previous_document()),
    ),
    (
        "XYEAR-PENDING",
        lambda: _pending_dropped(),
        ("disputes", "lit_after_review", "total"),
        lambda: _pending_before(),
    ),
    ("TEXT-COPY", lambda: report(), None, lambda: _copied_previous()),
    ("FORMAT-YEAR", lambda: report(_as_2019(clean_document()), year=2022), None, None),
    ("FORMAT-UNKNOWN", lambda: report(format=None), None, None),
    ("SECTION-MISSING", lambda: _sections(disputes_section=None), None, None),
    ("SECTION-TITLE", lambda: _retitled(), None, None),
    ("TABLE-MISSING", lambda: report(disputes=None), ("disputes", None, None), None),
    ("CELL-MISSING", lambda: _row_missing(), ("applications", "declined_publication", None), None),
    (
        "ROW-LABEL",
        lambda: _parsed(_text(row_label="规范性文件")),
        ("proactive", "normative_docs", None),
        None,
    ),
    (
        "PRO-RULES-POWER",
        lambda: _doc(proactive__gov_rules__in_force=2),
        ("proactive", "gov_rules", "in_force"),
        None,
    ),
    (
        "CELL-AMBIGUOUS",
        lambda: _parsed(_text(glued="7100002")),
        ("applications", "granted", None),
        None,
    ),
    (
        "CELL-SPLIT",
        lambda: _parsed(_text(glued="640020470")),
        ("applications", "granted", None),
        None,
    ),
    (
        "TABLE-EXTRA-ROW",
        lambda: _parsed(_text(extra="其他主动公开文件\t5\t0\t5")),
        ("proactive", None, None),
        None,
    ),
    (
        "TABLE-EXTRA-COLUMN",
        lambda: _parsed(_text(subtotal=True)),
        ("applications", "granted", None),
        None,
    ),
    (
        "TABLE-DUPLICATE-ROW",
        lambda: _parsed(_text(duplicate=True)),
        ("applications", "carried_in", None),
        None,
    ),
    ("FORMAT-MIXED", lambda: _parsed(_text(mixed=True)), None, None),
    ("CHROME-DROPPED", lambda: _parsed("当前位置：首页 > 年报\n" + _text()), None, None),
    ("PAGE-DUMP", lambda: _parsed(_CRAWLER_HEADER + _text()), None, None),
    ("PUBLISHED-FROM-PAGE", lambda: _parsed(_CRAWLER_HEADER + _text()), None, None),
    (
        "CELL-NOTE",
        lambda: _edited("行政许可\t120", "行政许可\t120（件）"),
        ("proactive", "licensing"),
        None,
    ),
    (
        "CELL-UNIT",
        lambda: _edited("行政事业性收费\t3.5", "行政事业性收费\t35000元"),
        ("proactive", "admin_fees"),
        None,
    ),
    ("TABLE-OLD-ROW", lambda: _old_other_row(), ("applications", "closed_other"), None),
    (
        "ROW-LABEL-TYPO",
        lambda: _edited("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"),
        ("applications", "withheld_law_barred"),
        None,
    ),
    (
        "TEMPLATE-RESIDUE",
        lambda: _sections(overview="XX局2024年度政府信息公开工作……" + "正文" * 20),
        None,
        None,
    ),
    (
        "LEGAL-OLD-RULES",
        lambda: _sections(overview="根据《政府信息公开条例》（国务院令第492号）的规定……"),
        None,
        None,
    ),
    (
        "LEGAL-OLD-DEADLINE",
        lambda: _sections(overview="对依申请公开事项均在15个工作日内予以答复。"),
        None,
        None,
    ),
    (
        "NARR-MISMATCH",
        lambda: _sections(overview="2024年共收到政府信息公开申请41件。"),
        ("applications", "received", "total"),
        None,
    ),
    ("OTHER-FEE", lambda: _sections(other_section="本年度无其他需要报告的事项。"), None, None),
    ("OTHER-EMPTY", lambda: _sections(other_section="无"), None, None),
    (
        "OTHER-GOV-ITEMS",
        lambda: report(
            agency="临淄区齐都镇人民政府",
            sections={**clean_document()["sections"], "other_section": "本年度未收取信息处理费。"},
        ),
        None,
        None,
    ),
    ("PROBLEMS-THIN", lambda: _sections(problems_section="无。"), None, None),
    ("META-AGENCY", lambda: report(agency=None), None, None),
    ("META-YEAR", lambda: report(year=None, period=None), None, None),
    (
        "META-PERIOD",
        lambda: report(period={"start": "2023-01-01", "end": "2023-12-31"}),
        None,
        None,
    ),
    ("META-CONTACT", lambda: report(contact={}), None, None),
    ("PUB-LATE", lambda: report(published_on="2025-03-15"), None, None),
    # a scan read by OCR with no confidence for its cells: nothing in 三/四 is confirmed
    ("OCR-UNCONFIRMED", lambda: _scanned(), ("applications", "granted", "natural_person"), None),
    ("OCR-UNCHECKED", lambda: _scanned(), ("proactive", "gov_rules", "issued"), None),
    ("OCR-READ", lambda: _scanned(), None, None),
]


def test_every_rule_has_a_firing_test() -> None:
    assert {code for code, *_ in FIRING} == set(RULES)


@pytest.mark.parametrize(
    ("code", "subject", "where", "previous"), FIRING, ids=[f[0] for f in FIRING]
)
def test_rule_fires(
    code: str,
    subject: Callable[[], Report],
    where: tuple[str | None, ...] | None,
    previous: Callable[[], Report] | None,
) -> None:
    found = findings_of(code, subject(), previous() if previous else None)
    assert found, f"{code} did not fire"
    assert all(f.message for f in found)
    if where is not None:
        assert any((f.table, f.row, f.column)[: len(where)] == where for f in found) or any(
            (f.table, f.row) == where[:2] for f in found
        ), [(f.table, f.row, f.column) for f in found]


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_quiet_on_clean_report(code: str) -> None:
    previous = report(previous_document())
    assert findings_of(code, report(), previous) == []


# --------------------------------------------------------------------------- near misses


def test_balance_quiet_when_blank_is_the_only_difference_from_zero() -> None:
    subject = _doc(applications__withheld_state_secret__natural_person=None)
    assert findings_of("APP-BALANCE", subject) == []
    assert findings_of("CELL-BLANK", subject)


def test_balance_message_says_which_side_and_by_how_much() -> None:
    subject = _doc(
        applications__concluded_total__natural_person=31, applications__concluded_total__total=41
    )
    (first, *_) = findings_of("APP-BALANCE", subject)
    assert first.expected == 32 and first.actual == 31
    assert first.message.startswith("表三 “（七）总计” 行 “自然人” 列：应为 32，实为 31")
    assert "前者多 1" in first.message


def test_decimal_fee_is_not_a_range_error_but_decimal_count_is() -> None:
    assert findings_of("VALUE-RANGE", _doc(proactive__admin_fees=0.35)) == []
    bad = _doc(proactive__licensing=1.5)
    assert [f.row for f in findings_of("VALUE-RANGE", bad)] == ["licensing"]


def test_fee_unit_quiet_for_plausible_amount() -> None:
    assert findings_of("PRO-FEE-UNIT", _doc(proactive__admin_fees=Decimal("9999.5"))) == []


def test_narrative_in_other_years_is_not_compared() -> None:
    subject = _sections(overview="2023年收到申请30件，2024年收到政府信息公开申请40件。")
    assert findings_of("NARR-MISMATCH", subject) == []


def test_narrative_none_received_compares_zero() -> None:
    subject = _sections(overview="2024年度我局未收到政府信息公开申请。")
    (found,) = findings_of("NARR-MISMATCH", subject)
    assert found.actual == 0 and found.expected == 40


def test_rules_power_quiet_for_city_government() -> None:
    subject = report(_doc_dict(proactive__gov_rules__in_force=2), agency="淄博市人民政府")
    assert findings_of("PRO-RULES-POWER", subject) == []


def test_fee_statement_not_required_before_2021() -> None:
    subject = report(
        _with_sections(_as_2019(clean_document()), other_section="无其他事项。"),
        year=2020,
        period={"start": "2020-01-01", "end": "2020-12-31"},
    )
    assert findings_of("OTHER-FEE", subject) == []


def test_published_before_year_end_is_flagged() -> None:
    (found,) = findings_of("PUB-LATE", report(published_on="2024-06-30"))
    assert "早于报告年度结束" in found.message


# --------------------------------------------------------------------------- helpers


def _doc_dict(**cells: Any) -> dict[str, Any]:
    doc = clean_document()
    for spec, value in cells.items():
        table, row, column = ([*spec.split("__"), None])[:3]
        doc = with_cell(doc, table, row, column, value)
    return doc


def _with_sections(doc: dict[str, Any], **texts: str) -> dict[str, Any]:
    doc["sections"] = {**doc["sections"], **texts}
    return doc


def _carry_large() -> Report:
    doc = clean_document()
    apps = doc["applications"]
    apps["carried_out"] = {**apps["carried_out"], "natural_person": 40, "total": 41}
    apps["received"] = {**apps["received"], "natural_person": 50, "total": 60}
    return report(doc)


def _other_high() -> Report:
    doc = clean_document()
    apps = doc["applications"]
    apps["closed_other"] = {**apps["closed_other"], "natural_person": 12, "total": 12}
    return report(doc)


def _dispute_volume() -> Report:
    doc = clean_document()
    doc["disputes"]["review"] = {
        "upheld": 50,
        "corrected": 0,
        "other_outcome": 0,
        "pending": 0,
        "total": 50,
    }
    return report(doc)


def _pending_before() -> Report:
    doc = previous_document()
    doc["disputes"]["lit_after_review"] = {
        "upheld": 0,
        "corrected": 0,
        "other_outcome": 0,
        "pending": 3,
        "total": 3,
    }
    return report(doc)


def _pending_dropped() -> Report:
    return report()


def _copied_previous() -> Report:
    doc = previous_document()
    doc["sections"] = dict(clean_document()["sections"])
    return report(doc)


def _as_2019(doc: dict[str, Any]) -> dict[str, Any]:
    doc["format"] = "2019"
    doc["proactive"] = {
        "gov_rules": {"made": 0, "published": 0, "published_total": 0},
        "normative_docs": {"made": 1, "published": 1, "published_total": 9},
        "licensing": {"items_prev": 10, "items_delta": -1, "decisions": 30},
        "other_services": {"items_prev": 2, "items_delta": 0, "decisions": 5},
        "penalty": {"items_prev": 8, "items_delta": 1, "decisions": 4},
        "coercion": {"items_prev": 1, "items_delta": 0, "decisions": 0},
        "admin_fees": {"items_prev": 3, "items_delta": 0},
        "central_procurement": {"procurement_items": 2, "procurement_amount": 35.6},
    }
    apps = doc["applications"]
    merged = {
        k: apps["closed_no_correction"][k] + apps["closed_other"][k] for k in apps["closed_other"]
    }
    apps["closed_other"] = merged
    return doc


def _retitled() -> Report:
    return _parsed(_text(retitle=True))


def _row_missing() -> Report:
    doc = clean_document()
    del doc["applications"]["declined_publication"]
    return report(doc)


def _parsed(text: str) -> Report:
    return parse_text(text, "test.txt")


_CRAWLER_HEADER = (
    "标题: 某某区民政局2024年政府信息公开工作年度报告\n发布时间: 2025-01-20 16:34\n==== 正文 ====\n"
)


def _scanned() -> Report:
    """The clean report's text as if OCR had read it (no cell confidences kept)."""
    from gongkai.report.parse import parse_document
    from gongkai.report.read.ocr import OcrDocument
    from gongkai.report.read.text import read_text

    raw = read_text(_text(), "scan.pdf")
    return parse_document(OcrDocument(raw.source, "ocr", raw.lines))


def _text(**options: Any) -> str:
    return build_text(clean_document(), **options)


def _edited(old: str, new: str) -> Report:
    text = _text()
    assert old in text
    return _parsed(text.replace(old, new, 1))


def _old_other_row() -> Report:
    """The three （六） sub-rows written as the 2019 template's single row, with their sum."""
    lines = _text().splitlines()
    rows = [i for i, line in enumerate(lines) if line.startswith("（六）其他处理")]
    sums = [sum(int(line.split()[k]) for line in (lines[i] for i in rows)) for k in range(-7, 0)]
    lines[rows[0] : rows[-1] + 1] = [" ".join(["（六）其他处理", *map(str, sums)])]
    return _parsed("\n".join(lines))
