"""Numbers read by OCR, accepted only when the report's own identities confirm them.

OCR misreads: a "0" under a stamp becomes "8", a "1" becomes "7". A wrong number is the worst
defect this product can have, so a number from a scan is not taken on the engine's word:

* Table 三 (applications): a number counts when every identity it takes part in holds with the
  numbers as read: its row (H3: the 总计 column is the sum of the six applicant columns) and
  its column (H1: 新收 + 结转 = 总计 + 结转下年, for those four rows; H2/H4: （七）总计 is the sum
  of the outcome rows, for those rows). Table 四 (disputes): its group (H5–H7: 总计 = 维持 +
  纠正 + 其他 + 尚未审结). A blank cell counts as 0, as in the validator; a cell that was not
  read makes every identity it is in fail.
* And the engine must not itself doubt it: a reading below ``MIN_CONFIDENCE`` is not taken
  even when the sums hold.
* A number not confirmed is left null (status "ambiguous") with an ``OCR-UNCONFIRMED`` finding
  that names the cell, what OCR read there and its confidence.
* Table 二 (proactive) has no identity: its numbers are kept with status "ocr" and an
  ``OCR-UNCHECKED`` warning each, for a person to check against the scan.

Two misreadings that cancel out in a row would also have to cancel in both columns they lie in
for a wrong number to pass; a single misreading never does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from .model import Cell, CellKey, Finding, Number, Report, TableData
from .ocrrepair import equations, positions, reread
from .read.ocr import OcrDocument
from .spec import APPLICANT_COLUMN_KEYS, APPLICANT_TYPES, DISPUTE_COLUMN_KEYS, TABLE_KEYS, Format

MIN_CONFIDENCE = 0.5
_BALANCE_ROWS = ("received", "carried_in", "concluded_total", "carried_out")
_NOT_OUTCOMES = frozenset(_BALANCE_ROWS)

# an identity: the cells that add up (parts) and the cell they add up to (whole)
Identity = tuple[tuple[CellKey, ...], CellKey]


def identities(spec: Format) -> dict[str, list[Identity]]:
    """The sum identities of tables 三 and 四 in ``spec``, by table (H1, which has two sums,
    is checked apart)."""
    outcome_rows = [r.key for r in spec.applications.rows if r.key not in _NOT_OUTCOMES]
    applications: list[Identity] = []
    for row in spec.applications.row_keys:
        applications.append((tuple((row, c) for c in APPLICANT_TYPES), (row, "total")))
    for column in APPLICANT_COLUMN_KEYS:
        applications.append((tuple((r, column) for r in outcome_rows), ("concluded_total", column)))
    disputes: list[Identity] = [
        (tuple((group, c) for c in DISPUTE_COLUMN_KEYS[:-1]), (group, "total"))
        for group in spec.disputes.row_keys
    ]
    return {"applications": applications, "disputes": disputes}


def confirm(report: Report, document: OcrDocument) -> Report:
    """The report with each OCR'd number confirmed, left null, or marked for checking."""
    spec = report.spec
    if spec is None:
        return report
    confidence = _confidences(document)
    notes: list[Finding] = list(report.notes)
    tables: dict[str, TableData | None] = {}
    confidences: dict[tuple[str, str, str | None], float] = {}
    counts = {"confirmed": 0, "unconfirmed": 0, "unchecked": 0, "reread": 0}
    groups = identities(spec)
    balance = [[(r, column) for r in _BALANCE_ROWS] for column in APPLICANT_COLUMN_KEYS]
    for key in TABLE_KEYS:
        data = report.table(key)
        if data is None:
            continue
        cells: dict[CellKey, Cell] = {}
        unread = document.unreadable
        read = {
            place: Cell(None, "ambiguous", cell.raw, cell.line)
            if cell.status == "blank" and cell.line in unread
            else cell
            for place, cell in data.cells.items()
        }
        data = replace(data, cells=read)
        where = positions(data, document)  # as read: before another reading changes a text
        rules = equations(groups.get(key, []), balance if key == "applications" else [])
        data, second = reread(data, document, rules, MIN_CONFIDENCE) if rules else (data, {})
        counts["reread"] += len(second)
        held = _held(data, groups.get(key, []))
        for place, cell in data.cells.items():
            sure = second[place] if place in second else _own(document, where.get(place))
            if sure is None:
                sure = confidence(cell)
            if sure is not None:
                confidences[(key, *place)] = sure
            if cell.value is None:
                cells[place] = cell
                continue
            if key == "proactive":
                cells[place] = cell._replace(status="ocr")
                notes.append(_unchecked(spec, key, place, cell, sure))
                counts["unchecked"] += 1
                continue
            mine = held.get(place)
            if mine and all(mine) and sure is not None and sure >= MIN_CONFIDENCE:
                cells[place] = cell
                counts["confirmed"] += 1
                continue
            why = (
                "所在行、列的勾稽关系不成立或有单元格未识别"
                if mine is None or not all(mine)
                else "识别置信度过低"
            )
            notes.append(_unconfirmed(spec, key, place, cell, sure, why))
            cells[place] = Cell(None, "ambiguous", cell.raw, cell.line)
            counts["unconfirmed"] += 1
        tables[key] = replace(data, cells=cells)
    notes.append(
        Finding(
            "OCR-READ",
            "info",
            f"本报告是扫描件，经文字识别（OCR）读取（{document.pages} 页）：表三、表四中 "
            f"{counts['confirmed']} 个数经勾稽关系确认"
            f"{f'（其中 {n} 个取自再次识别的读数）' if (n := counts['reread']) else ''}，"
            f"{counts['unconfirmed']} 个未能确认、已留空；"
            f"表二 {counts['unchecked']} 个数无勾稽关系可核，需人工核对",
            detail={**counts, "pages": document.pages},
        )
    )
    return replace(report, notes=tuple(notes), confidence=confidences).with_tables(**tables)


def _held(data: TableData, groups: Iterable[Identity]) -> dict[CellKey, list[bool]]:
    """For each cell: whether each identity it takes part in holds with the numbers read."""
    out: dict[CellKey, list[bool]] = {}
    balance = {}
    for parts, whole in groups:
        holds = _adds_up([data.cell(*p) for p in parts], data.cell(*whole))
        for place in (*parts, whole):
            out.setdefault(place, []).append(holds)
        balance[whole] = holds
    # H1 in full: 新收 + 结转 = 总计 + 结转下年; the 结转下年 cell is in it too
    for column in APPLICANT_COLUMN_KEYS:
        row = [data.cell(r, column) for r in _BALANCE_ROWS]
        values = [_count(c) for c in row]
        holds = None not in values and values[0] + values[1] == values[2] + values[3]  # type: ignore[operator]
        for r in _BALANCE_ROWS:
            out.setdefault((r, column), []).append(holds)
    return out


def _count(cell: Cell) -> Number | None:
    if cell.status == "blank":
        return 0
    return cell.value


def _adds_up(parts: list[Cell], whole: Cell) -> bool:
    values = [_count(c) for c in parts]
    total = _count(whole)
    if total is None or None in values:
        return False
    return sum(values) == total  # type: ignore[arg-type]


def _own(document: OcrDocument, where: tuple[int, int] | None) -> float | None:
    """The confidence of the cell read at (line, column), when it is known."""
    if where is None:
        return None
    line, column = where
    sure = document.confidence.get(line, ())
    found = sure[column] if column < len(sure) else None
    return None if found is None else round(found, 3)


def _confidences(document: OcrDocument):  # type: ignore[no-untyped-def]
    """A cell's confidence when where it was read is not known: the lowest of the source
    line's cells whose text is its raw text."""
    texts: Mapping[int, tuple[str, ...]] = {
        line.number: line.cells for line in document.lines if line.cells is not None
    }

    def lookup(cell: Cell) -> float | None:
        if cell.line is None or cell.raw is None:
            return None
        sure = document.confidence.get(cell.line)
        cells = texts.get(cell.line)
        if sure is None or cells is None:
            return None
        raw = cell.raw.strip()
        found = [
            s for text, s in zip(cells, sure, strict=False) if s is not None and text.strip() == raw
        ]
        return round(min(found), 3) if found else None

    return lookup


def _place(spec: Format, key: str, place: CellKey) -> str:
    from .rules.base import where  # the validator's own wording of a cell's place

    return str(where(spec, key, place[0], place[1]))  # type: ignore[arg-type]


def _shown(sure: float | None) -> str:
    return "未知" if sure is None else f"{sure:.2f}"


def _unconfirmed(
    spec: Format, key: str, place: CellKey, cell: Cell, sure: float | None, why: str
) -> Finding:
    return Finding(
        "OCR-UNCONFIRMED",
        "error",
        f"{_place(spec, key, place)}：文字识别读作“{cell.raw}”（置信度 {_shown(sure)}），"
        f"{why}，未予采用、已留空，请对照扫描件核对",
        table=key,
        row=place[0],
        column=place[1],
        actual=cell.value,
        line=cell.line,
        detail={"ocr": cell.raw, "confidence": sure},
    )


def _unchecked(spec: Format, key: str, place: CellKey, cell: Cell, sure: float | None) -> Finding:
    return Finding(
        "OCR-UNCHECKED",
        "warning",
        f"{_place(spec, key, place)}：文字识别读作“{cell.raw}”（置信度 {_shown(sure)}），"
        "表二没有勾稽关系可以核对，请对照扫描件确认",
        table=key,
        row=place[0],
        column=place[1],
        actual=cell.value,
        line=cell.line,
        detail={"ocr": cell.raw, "confidence": sure},
    )
