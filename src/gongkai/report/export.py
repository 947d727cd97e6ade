"""Many reports to files for analysis: every table cell as one long-form row
(file, agency, year, table, row, column, value), as CSV or Parquet, or whole reports as JSON
lines. Cells and their order are those of the canonical JSON (docs/report-json.md);
a blank cell stays null (an empty CSV field), never 0. Text that a spreadsheet would run as a
formula gets a leading apostrophe (see :mod:`.inert`); numbers are written as numbers."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from .canonical import to_canonical
from .inert import inert
from .model import Report
from .spec import TABLE_KEYS

CELL_FIELDS = ("file", "agency", "year", "table", "row", "column", "value")


def cell_rows(reports: Iterable[Report]) -> Iterator[dict[str, Any]]:
    """Long form: one dict per cell; ``column`` is None for a row with a single value
    (行政许可 and the other scalar rows of 表二)."""
    for report in reports:
        document = to_canonical(report)
        base = {"file": _text(report.source), "agency": _text(report.agency), "year": report.year}
        for table in TABLE_KEYS:
            rows = document.get(table)
            if not rows:
                continue
            for row, cells in rows.items():
                if isinstance(cells, dict):
                    for column, value in cells.items():
                        yield {
                            **base,
                            "table": table,
                            "row": row,
                            "column": column,
                            "value": _exact(value),
                        }
                else:
                    yield {
                        **base,
                        "table": table,
                        "row": row,
                        "column": None,
                        "value": _exact(cells),
                    }


def _text(value: str | None) -> str | None:
    return inert(value) if isinstance(value, str) else value


def _exact(value: Any) -> Any:
    """Canonical JSON carries decimals as floats; give them back as the exact decimal written."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def write_cells_csv(reports: Iterable[Report], path: str | Path) -> int:
    """UTF-8 with a byte-order mark, so that Excel opens the Chinese text right. Returns rows."""
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CELL_FIELDS)
        writer.writeheader()
        for row in cell_rows(reports):
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
            count += 1
    return count


def write_cells_parquet(reports: Iterable[Report], path: str | Path) -> int:
    """Parquet with ``value`` as decimal(38, 10): integers and 万元 amounts, both exact."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    schema = pa.schema(
        [
            ("file", pa.string()),
            ("agency", pa.string()),
            ("year", pa.int32()),
            ("table", pa.string()),
            ("row", pa.string()),
            ("column", pa.string()),
            ("value", pa.decimal128(38, 10)),
        ]
    )
    rows = list(cell_rows(reports))
    for row in rows:
        if row["value"] is not None:
            row["value"] = Decimal(row["value"])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, str(path))
    return len(rows)


def write_reports_jsonl(reports: Iterable[Report], path: str | Path) -> int:
    """One canonical JSON document per line, with its source file."""
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for report in reports:
            document = to_canonical(report)
            document["source"] = report.source
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
            count += 1
    return count
