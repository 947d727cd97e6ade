"""Batches: folders and .zip archives, on several processes, one result per file, a summary,
and a dataset for analysts; one bad file never stops the rest."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from gongkai.report.batch import ProgressBar, read_all
from gongkai.report.canonical import to_canonical
from gongkai.report.cli import main

from .golden import CASES, source_of

# one source of each kind the readers take; the converter outputs (convert-*, plain text and
# markdown, some of which give few cells by design) are tests/report/convert's
SOURCES = sorted(
    source_of(case)
    for case in CASES.iterdir()
    if case.is_dir() and not case.name.startswith("convert-")
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Every fixture source (text, HTML, DOCX, PDF, XLSX, XLS), a bad file, and a .zip of some."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for index, source in enumerate(SOURCES):
        shutil.copy(source, root / "sub" / f"{index:02d}-{source.parent.name}{source.suffix}")
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with zipfile.ZipFile(root / "bundle.zip", "w") as bundle:
        for source in SOURCES[:3]:
            bundle.write(source, f"2024/{source.parent.name}{source.suffix}")
    return root


def test_parallel_batch_equals_one_process(folder: Path) -> None:
    one = list(read_all([folder], jobs=1))
    two = list(read_all([folder], jobs=2))
    assert [o.source for o in one] == [o.source for o in two]
    assert len(one) == len(SOURCES) + 1 + 3
    for a, b in zip(one, two, strict=True):
        assert a.error == b.error
        if a.report is not None:
            assert b.report is not None
            assert to_canonical(a.report) == to_canonical(b.report)


def test_bad_file_is_named_and_the_rest_is_read(folder: Path) -> None:
    outcomes = {Path(o.source).name: o for o in read_all([folder], jobs=2)}
    broken = outcomes["broken.docx"]
    assert broken.report is None and broken.error
    assert sum(o.report is not None for o in outcomes.values()) == len(SOURCES) + 3


def test_zip_members_are_read_by_content(folder: Path) -> None:
    members = [o for o in read_all([folder / "bundle.zip"]) if "!" in o.source]
    assert len(members) == 3 and all(o.report is not None for o in members)
    assert members[0].source.endswith("!2024/" + SOURCES[0].parent.name + SOURCES[0].suffix)


def test_progress_bar_draws_every_file(folder: Path) -> None:
    seen: list[tuple[int, int]] = []
    list(read_all([folder], jobs=2, progress=lambda done, total: seen.append((done, total))))
    assert seen[-1][0] == seen[-1][1] == len(SOURCES) + 4
    stream = io.StringIO()
    bar = ProgressBar(enabled=True, stream=stream)
    bar(3, 3)
    assert "已读 3/3 份" in stream.getvalue()


def test_parse_out_writes_one_result_per_file_and_a_summary(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["parse", str(folder), "--out", str(out), "-j", "2"]) == 2
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["read"] == len(SOURCES) + 3 and summary["unreadable"] == 1
    assert set(summary["readers"]) >= {"text", "html", "docx", "pdf", "xlsx", "xls"}
    results = sorted(p for p in out.rglob("*.json") if p.name != "summary.json")
    assert len(results) == len(SOURCES) + 3
    assert (out / "bundle.zip" / "2024").is_dir()
    assert "broken.docx" in capsys.readouterr().err


def test_check_out_writes_findings_per_file(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "findings"
    assert main(["check", str(folder), "--out", str(out), "--json"]) == 2
    files = list(out.rglob("*.findings.json"))
    assert len(files) == len(SOURCES) + 3
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["unreadable"] == 1 and summary["failed"][0]["source"].endswith("broken.docx")


@pytest.mark.parametrize("name", ["cells.csv", "cells.parquet", "reports.jsonl"])
def test_export_writes_a_dataset(folder: Path, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    assert main(["export", str(folder / "sub"), "--to", str(target)]) == 0
    if name == "cells.csv":
        rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
        assert set(rows[0]) == {"file", "agency", "year", "table", "row", "column", "value"}
        seed = [r for r in rows if "seed-004" in r["file"] and r["table"] == "applications"]
        cell = next(r for r in seed if r["row"] == "received" and r["column"] == "natural_person")
        assert cell["value"] == "26"
        blank = [r for r in rows if "seed-004" in r["file"] and r["row"] == "normative_docs"]
        assert any(r["value"] == "" for r in blank)  # null stays empty, never 0
    elif name == "cells.parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(target).num_rows > 175 * len(SOURCES)
    else:
        lines = target.read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(SOURCES)


def test_export_refuses_an_unknown_format(tmp_path: Path) -> None:
    assert main(["export", str(tmp_path), "--to", str(tmp_path / "x.xml")]) == 2
