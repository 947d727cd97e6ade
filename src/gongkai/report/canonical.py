"""The canonical JSON of a report (docs/report-json.md), both ways."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from .model import (
    Cell,
    CellKey,
    Contact,
    ExtraRow,
    Finding,
    Number,
    Period,
    Report,
    TableData,
    _plain,
)
from .spec import FORMATS, SECTION_KEYS, TABLE_KEYS, Format, TableKey


class CanonicalError(ValueError):
    """A document that is not canonical report JSON; says which key is wrong."""


def to_canonical(report: Report, *, provenance: bool = False) -> dict[str, Any]:
    """The report as the canonical JSON object; extra keys follow the fixed ones."""
    spec = report.spec
    out: dict[str, Any] = {
        "format": report.format,
        "agency": report.agency,
        "year": report.year,
        "published_on": report.published_on.isoformat() if report.published_on else None,
        "contact": {
            "address": report.contact.address,
            "postcode": report.contact.postcode,
            "phone": report.contact.phone,
            "email": report.contact.email,
        },
        "sections": {key: report.sections.get(key) for key in SECTION_KEYS},
    }
    for key in TABLE_KEYS:
        data = report.table(key)
        out[key] = _table_json(spec, key, data) if spec and data else None
    out["period"] = (
        {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()}
        if report.period
        else None
    )
    extra = {
        key: [{"label": e.label, "cells": list(e.cells), "line": e.line} for e in data.extra_rows]
        for key in TABLE_KEYS
        if (data := report.table(key)) and data.extra_rows
    }
    if extra:
        out["extra_rows"] = extra
    if report.notes:
        out["parse_notes"] = [note.to_dict() for note in report.notes]
    if provenance:
        out["provenance"] = _provenance(report)
    return out


def _table_json(spec: Format, key: TableKey, data: TableData) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for row in spec.table(key).rows:
        if row.scalar:
            table[row.key] = _plain(data.value(row.key, None))
        else:
            table[row.key] = {c.key: _plain(data.value(row.key, c.key)) for c in row.columns}
    if key == "applications" and spec.key == "2019":
        # the 2019 format has a single （六） row: the 2021 sub-rows are null, in place
        rows = list(table.items())
        at = [k for k, _ in rows].index("closed_other")
        empty = {c: None for c in table["closed_other"]}
        rows[at:at] = [("closed_no_correction", dict(empty)), ("closed_fee_unpaid", dict(empty))]
        table = dict(rows)
    return table


def _provenance(report: Report) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in TABLE_KEYS:
        data = report.table(key)
        if not data:
            continue
        sure = report.confidence
        out[key] = [
            {"row": r, "column": c, "status": cell.status, "raw": cell.raw, "line": cell.line}
            | ({"confidence": sure[(key, r, c)]} if (key, r, c) in sure else {})
            for (r, c), cell in data.cells.items()
        ]
    return out


def dumps(document: Mapping[str, Any] | list[Any], *, indent: int | None = 2) -> str:
    return json.dumps(document, ensure_ascii=False, indent=indent)


# ---------------------------------------------------------------------------------- reading


def from_canonical(document: Mapping[str, Any], *, source: str | None = None) -> Report:
    """Build a Report from canonical JSON (for example last year's report, for X1 and X3)."""
    if not isinstance(document, Mapping):
        raise CanonicalError("a report must be a JSON object")
    fmt = document.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise CanonicalError(f'format: expected "2021", "2019" or null, got {fmt!r}')
    spec = FORMATS.get(fmt or "2021")
    assert spec is not None
    contact = document.get("contact") or {}
    period = document.get("period")
    tables: dict[str, TableData | None] = {}
    for key in TABLE_KEYS:
        raw = document.get(key)
        tables[key] = None if raw is None else _table_from_json(spec, key, raw)
    extra = document.get("extra_rows") or {}
    for key, rows in extra.items():
        data = tables.get(key)
        if data is not None:
            extras = tuple(ExtraRow(r["label"], tuple(r["cells"]), r.get("line")) for r in rows)
            tables[key] = TableData(data.key, data.cells, extras, data.line)
    notes = tuple(_finding_from_json(n) for n in document.get("parse_notes") or ())
    return Report(
        format=fmt,
        agency=document.get("agency"),
        year=_int_or_none(document.get("year"), "year"),
        published_on=_date_or_none(document.get("published_on"), "published_on"),
        contact=Contact(**{k: contact.get(k) for k in ("address", "postcode", "phone", "email")}),
        period=Period(date.fromisoformat(period["start"]), date.fromisoformat(period["end"]))
        if period
        else None,
        sections={k: (document.get("sections") or {}).get(k) for k in SECTION_KEYS},
        proactive=tables["proactive"],
        applications=tables["applications"],
        disputes=tables["disputes"],
        notes=notes,
        source=source,
        reader="json",
    )


def _table_from_json(spec: Format, key: TableKey, raw: Any) -> TableData:
    if not isinstance(raw, Mapping):
        raise CanonicalError(f"{key}: expected an object or null")
    cells: dict[CellKey, Cell] = {}
    for row in spec.table(key).rows:
        value = raw.get(row.key)
        if row.scalar:
            cells[(row.key, None)] = _cell(value, f"{key}.{row.key}")
            continue
        if value is None:
            continue
        if not isinstance(value, Mapping):
            raise CanonicalError(f"{key}.{row.key}: expected an object")
        for column in row.columns:
            cells[(row.key, column.key)] = _cell(
                value.get(column.key), f"{key}.{row.key}.{column.key}"
            )
    return TableData(key, cells)


def _cell(value: Any, where: str) -> Cell:
    if value is None:
        return Cell(None, "blank")
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise CanonicalError(f"{where}: expected a number or null, got {value!r}")
    number: Number
    if isinstance(value, int | Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value))
        except ArithmeticError as exc:
            raise CanonicalError(f"{where}: not a number: {value!r}") from exc
        if number == number.to_integral_value() and isinstance(value, str) and "." not in value:
            number = int(number)
    return Cell(number, "value", raw=str(value))


def _finding_from_json(raw: Mapping[str, Any]) -> Finding:
    known = ("table", "row", "column", "section", "expected", "actual", "line")
    return Finding(
        code=raw["code"],
        severity=raw["severity"],
        message=raw.get("message", ""),
        detail=raw.get("detail") or {},
        **{k: raw.get(k) for k in known},
    )


def _int_or_none(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise CanonicalError(f"{where}: expected an integer or null")
    return value


def _date_or_none(value: Any, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise CanonicalError(f"{where}: expected a date YYYY-MM-DD or null") from exc
