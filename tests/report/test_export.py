"""Long-form exports: every cell once, blanks as null, amounts exact."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from gongkai.report.canonical import from_canonical
from gongkai.report.export import (
    cell_rows,
    write_cells_csv,
    write_cells_parquet,
    write_reports_jsonl,
)

from .factories import clean_document
from .read.sources import generated_2019, generated_blanks


def _reports() -> list:
    out = []
    for name, doc in (
        ("a.docx", clean_document()),
        ("b.pdf", generated_2019()),
        ("c.html", generated_blanks()),
    ):
        out.append(from_canonical(doc, source=name))
    return out


def test_every_cell_once() -> None:
    rows = list(cell_rows(_reports()))
    # 2021: 表二 2×3 + 4 = 10, 表三 25×7 = 175, 表四 15 → 200; 2019: 表二 3×2 + 4×3 + 2 + 2 = 22
    counts = {}
    for row in rows:
        counts[row["file"]] = counts.get(row["file"], 0) + 1
    assert counts == {"a.docx": 200, "b.pdf": 22 + 175 + 15, "c.html": 200}
    assert len({(r["file"], r["table"], r["row"], r["column"]) for r in rows}) == len(rows)
    fee = next(r for r in rows if r["file"] == "b.pdf" and r["column"] == "procurement_amount")
    assert fee["value"] == Decimal("126.35")
    licensing = next(r for r in rows if r["file"] == "a.docx" and r["row"] == "licensing")
    assert licensing["column"] is None


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    count = write_cells_csv(_reports(), path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count == 612
    assert list(rows[0]) == ["file", "agency", "year", "table", "row", "column", "value"]
    blank = [r for r in rows if r["file"] == "c.html" and r["row"] == "penalty"]
    assert blank == [
        {
            "file": "c.html",
            "agency": "高青县某某镇人民政府",
            "year": "2023",
            "table": "proactive",
            "row": "penalty",
            "column": "",
            "value": "",
        }
    ]


def test_parquet(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "cells.parquet"
    assert write_cells_parquet(_reports(), path) == 612
    table = pq.read_table(path)
    assert table.column_names == ["file", "agency", "year", "table", "row", "column", "value"]
    values = dict(
        zip(
            zip(
                table["file"].to_pylist(),
                table["row"].to_pylist(),
                table["column"].to_pylist(),
                strict=True,
            ),
            table["value"].to_pylist(),
            strict=True,
        )
    )
    assert values[("b.pdf", "central_procurement", "procurement_amount")] == Decimal("126.35")
    assert values[("c.html", "penalty", None)] is None
    assert values[("a.docx", "received", "total")] == 40


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    assert write_reports_jsonl(_reports(), path) == 3
    documents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [d["source"] for d in documents] == ["a.docx", "b.pdf", "c.html"]
    assert documents[2]["proactive"]["penalty"] is None


def _hostile() -> list:
    document = clean_document()
    document["agency"] = '=HYPERLINK("http://x.invalid/","x")'
    document["applications"]["received"]["natural_person"] = -18
    return [
        from_canonical(document, source="@evil.docx"),
        from_canonical(clean_document(), source="-2.docx"),
    ]


def test_csv_text_cannot_start_a_formula_and_numbers_stay_numbers(tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    write_cells_csv(_hostile(), path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first = rows[0]
    assert first["agency"] == '\'=HYPERLINK("http://x.invalid/","x")'
    assert first["file"] == "'@evil.docx"
    assert {r["file"] for r in rows} == {"'@evil.docx", "'-2.docx"}
    received = next(
        r
        for r in rows
        if r["file"] == "'@evil.docx" and r["row"] == "received" and r["column"] == "natural_person"
    )
    assert received["value"] == "-18"  # a number: no quote
    for row in rows:
        for key, value in row.items():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (key, value)
            if key != "value":
                assert not value.startswith("-"), (key, value)


def test_parquet_text_cannot_start_a_formula_either(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "cells.parquet"
    write_cells_parquet(_hostile(), path)
    table = pq.read_table(path).to_pylist()
    assert table[0]["agency"].startswith("'=") and table[0]["file"] == "'@evil.docx"
    received = next(
        r
        for r in table
        if r["file"] == "'@evil.docx" and r["row"] == "received" and r["column"] == "natural_person"
    )
    assert received["value"] == Decimal(-18)
