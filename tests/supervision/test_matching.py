"""Matching a report to a unit by the name inside it: aliases, folding, ambiguity; and dates."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.report.batch import Outcome
from gongkai.report.canonical import from_canonical
from gongkai.supervision.corpus import build_corpus, match_name
from gongkai.supervision.dates import parse_date
from gongkai.supervision.roster import build_roster
from tests.report.factories import clean_document


def _roster():  # type: ignore[no-untyped-def]
    rows = [
        (2, {"name": "临淄区人民政府", "type": "区县政府"}),
        (3, {"name": "临淄区民政局", "type": "政府部门", "aliases": "区民政局；民政局"}),
        (4, {"name": "张店区民政局", "type": "政府部门", "aliases": "民政局"}),
    ]
    return build_roster(rows, 2025)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("临淄区民政局", ("临淄区民政局",)),
        ("临淄区 民政局", ("临淄区民政局",)),
        ("临淄区民政局\u3000", ("临淄区民政局",)),
        ("区民政局", ("临淄区民政局",)),
        ("淄博市临淄区民政局", ("临淄区民政局",)),  # a city before the name
        ("山东省淄博市临淄区民政局", ("临淄区民政局",)),
        ("臨淄區民政局", ("临淄区民政局",)),  # Traditional characters
        ("民政局", ("临淄区民政局", "张店区民政局")),  # an alias of two units: ambiguous
        ("临淄区财政局", ()),
        ("临淄区民政", ()),  # no guessing by similarity
        (None, ()),
    ],
)
def test_match_name(name: str | None, expected: tuple[str, ...]) -> None:
    assert match_name(name, _roster().names()) == expected


def _outcome(agency: str, source: str, **changes: object) -> Outcome:
    doc = clean_document(2025)
    doc["agency"] = agency
    doc.update(changes)
    return Outcome(source, report=from_canonical(doc, source=source))


def test_ambiguous_and_unknown_reports_wait_for_a_person() -> None:
    corpus = build_corpus(
        [_outcome("民政局", "x/临淄区民政局.html"), _outcome("文旅局", "临淄区民政局.pdf")],
        _roster(),
    )
    assert corpus.entries == {}
    reasons = [u.reason for u in corpus.unassigned]
    assert "同时对应名单中的多个单位（临淄区民政局、张店区民政局）" in reasons[0]
    assert "不是名单中任何单位的全称或别名" in reasons[1]  # the file name is never used


def test_duplicate_is_one_and_change_is_a_version() -> None:
    doc = clean_document(2025)
    doc["agency"] = "临淄区民政局"
    changed = clean_document(2025)
    changed["agency"] = "区民政局"
    changed["proactive"]["licensing"] = 121
    outcomes = [
        Outcome("a.html", report=from_canonical({**doc, "published_on": "2026-01-20"})),
        Outcome("b.docx", report=from_canonical({**doc, "published_on": "2026-01-22"})),
        Outcome("c.pdf", report=from_canonical({**changed, "published_on": "2026-02-03"})),
    ]
    corpus = build_corpus(outcomes, _roster())
    entry = corpus.entry("临淄区民政局", 2025)
    assert entry is not None and entry.changed
    assert [v.sources for v in entry.versions] == [("a.html", "b.docx"), ("c.pdf",)]
    assert entry.first.published_on == date(2026, 1, 20)
    assert entry.current.report.value("proactive", "licensing") == 121


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-20", date(2026, 1, 20)),
        ("2026/1/2", date(2026, 1, 2)),
        ("2026年1月20日", date(2026, 1, 20)),
        ("２０２６年１月２０日", date(2026, 1, 20)),
        ("2026-02-30", None),
        ("20260120", None),
        ("一月", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_manifest_names_the_unit_of_an_unreadable_file_and_its_missing_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gongkai.supervision.corpus import read_manifest

    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "文件,单位,网址,发布日期\nbad.pdf,区民政局,,2026-01-02\nnot-there.pdf,临淄区人民政府,,\n",
        encoding="utf-8",
    )
    (tmp_path / "reports").mkdir()
    outcomes = [Outcome(str(tmp_path / "reports" / "bad.pdf"), error="PDF 文件已损坏")]
    corpus = build_corpus(outcomes, _roster(), read_manifest(manifest), [tmp_path / "reports"])
    assert [(u.unit_id, u.problem) for u in corpus.unreadable] == [
        ("临淄区民政局", "PDF 文件已损坏")
    ]
    assert corpus.problems == ("清单第3行：文件“not-there.pdf”不在报告文件夹中",)
