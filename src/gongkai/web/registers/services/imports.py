"""Decisions imported from a CSV export of another system, and undoing an import.

The whole file is checked before anything is written: its rows (csvimport.parse) and then,
inside the write transaction with the years locked, against the register (a date in the
future, a year already recorded as a total, a 决定书文号 registered with other values). If any
row is bad the file is refused with every bad row by line number; otherwise its new rows are
written in one transaction with their :class:`ImportBatch`, which can be undone as a whole.

Importing is idempotent: the same file again (by its SHA-256), or rows whose 决定书文号 is
registered already with the same values, add nothing, and the answer says so. A double click
(two imports at the same moment) is one import: the second waits for the first's locks.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.web import yearlock
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import InvalidInput
from gongkai.web.registers import csvimport, selectors
from gongkai.web.registers.csvimport import Problem, Row
from gongkai.web.registers.models import Decision, DecisionKind, DecisionSource, ImportBatch
from gongkai.web.registers.services import records

MAX_BYTES = 5 * 1024 * 1024


class ImportRefused(InvalidInput):
    """The file was not imported; ``problems`` lists every bad row (line 0: the whole file)."""

    code = "IMPORT_REFUSED"

    def __init__(self, file_name: str, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.line)
        lines = {p.line for p in self.problems if p.line}
        head = f"文件“{file_name}”未导入，没有写入任何记录："
        head += f"{len(lines)}行不符合要求。" if lines else "文件不符合要求。"
        listed = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{head}\n{listed}", fields={"file": head})


@dataclass(frozen=True)
class Imported:
    """What an import did: a new batch, or nothing new (the same file again, or rows that
    are all registered already: importing is idempotent)."""

    batch: ImportBatch | None
    added: int
    skipped: int  # rows registered already with the same values: not imported again
    message: str


def _same(decision: Decision, row: Row) -> bool:
    return (decision.kind, decision.decided_on, decision.count, decision.subject) == (
        row.kind,
        row.decided_on,
        row.count,
        row.subject,
    )


def _register_problems(
    agency_id: int, rows: tuple[Row, ...], today: date
) -> tuple[list[Problem], set[str]]:
    """Problems against the register, and the 决定书文号 of rows registered already as they
    are (to skip); a number registered with other values is a problem."""
    problems = []
    years = {r.decided_on.year for r in rows}
    totals = set(
        Decision.objects.filter(
            agency_id=agency_id, year__in=years, source=DecisionSource.TOTAL
        ).values_list("kind", "year")
    )
    references = {r.reference for r in rows if r.reference}
    known = {
        d.reference: d
        for d in Decision.objects.filter(agency_id=agency_id, reference__in=references)
    }
    names = dict(DecisionKind.choices)
    registered = set()
    for row in rows:
        if row.decided_on > today:
            problems.append(Problem(row.line, f"决定日期{row.decided_on.isoformat()}晚于今天"))
        elif row.decided_on.year < selectors.FIRST_YEAR:
            problems.append(Problem(row.line, f"决定日期早于{selectors.FIRST_YEAR}年"))
        if (row.kind, row.decided_on.year) in totals:
            problems.append(
                Problem(
                    row.line,
                    f"{row.decided_on.year}年{names[row.kind]}"
                    "已按年度合计登记，不能再导入逐件的决定",
                )
            )
        if row.reference in known:
            if _same(known[row.reference], row):
                registered.add(row.reference)
            else:
                problems.append(
                    Problem(row.line, f"决定书文号“{row.reference}”已经登记，登记的内容与本行不同")
                )
    return problems, registered


def import_decisions(
    actor: Actor, file_name: str, content: bytes, *, correction_reason: str = ""
) -> Imported:
    """Check the file, then write its new rows in one batch; rows registered already with the
    same values (or the whole file, imported before) are not written again."""
    agency_id = records.agency_for_create(actor)
    file_name = (file_name or "导入文件.csv")[:200]
    if len(content) > MAX_BYTES:
        raise ImportRefused(file_name, [too_large()])
    parsed = csvimport.parse(content)
    if parsed.problems:
        raise ImportRefused(file_name, list(parsed.problems))
    digest = hashlib.sha256(content).hexdigest()
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                return _write(actor, agency_id, file_name, digest, parsed.rows, correction_reason)
        except IntegrityError:  # the same rows committed a moment ago by another writer:
            if attempt == 2:  # the second attempt sees them and skips them
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _write(
    actor: Actor,
    agency_id: int,
    file_name: str,
    digest: str,
    rows: tuple[Row, ...],
    correction_reason: str,
) -> Imported:
    # the years' locks first (reports.lock): an import of the same rows under way finishes
    # before the checks below, which then see its rows
    yearlock.lock_years(agency_id, {r.decided_on.year for r in rows})
    earlier = ImportBatch.objects.filter(agency_id=agency_id, digest=digest).first()
    if earlier is not None:
        at = timezone.localtime(earlier.imported_at).strftime("%Y-%m-%d %H:%M")
        return Imported(
            None,
            0,
            len(rows),
            f"没有新增：这个文件已于{at}导入（“{earlier.file_name}”，{earlier.rows}条决定）。",
        )
    problems, registered = _register_problems(agency_id, rows, records.today())
    if problems:
        raise ImportRefused(file_name, problems)
    new = [r for r in rows if r.reference not in registered]
    skipped = len(rows) - len(new)
    if not new:
        return Imported(None, 0, skipped, f"没有新增：文件中的{skipped}条决定都已经登记。")
    batch = ImportBatch.objects.create(
        agency_id=agency_id,
        file_name=file_name,
        rows=len(new),
        actor_name=actor.name,
        digest=digest,
    )
    Decision.objects.bulk_create(
        Decision(
            agency_id=agency_id,
            kind=r.kind,
            year=r.decided_on.year,
            decided_on=r.decided_on,
            count=r.count,
            reference=r.reference,
            subject=r.subject,
            source=DecisionSource.IMPORT,
            batch=batch,
        )
        for r in new
    )
    years = sorted({r.decided_on.year for r in new})
    yearlock.guard(
        actor,
        agency_id,
        [r.decided_on for r in new],
        carries=False,
        record=f"导入批次 #{batch.pk}",
        change=f"导入{file_name}：{len(new)}条决定（{'、'.join(map(str, years))}年）",
        reason=correction_reason,
    )
    message = f"已导入“{file_name}”：{len(new)}条决定"
    if skipped:
        message += f"；已经登记的{skipped}条没有重复导入"
    return Imported(batch, len(new), skipped, message + "。")


def read_upload(upload: Any, limit: int = MAX_BYTES) -> bytes:
    """The bytes of an uploaded file, its size checked before a byte is read (the request's
    size was checked before, limits.py), then read in chunks."""
    name = str(getattr(upload, "name", "") or "导入文件.csv")[:200]
    if (getattr(upload, "size", None) or 0) > limit:
        raise ImportRefused(name, [too_large()])
    parts, total = [], 0
    for chunk in upload.chunks():
        total += len(chunk)
        if total > limit:
            raise ImportRefused(name, [too_large()])
        parts.append(chunk)
    return b"".join(parts)


def too_large() -> Problem:
    return Problem(0, f"文件超过{MAX_BYTES // 1024 // 1024}MB，请分批导入")


def undo_import(actor: Actor, batch_id: int, *, correction_reason: str = "") -> int:
    """Delete the batch and every decision still in it; returns how many were deleted."""
    with transaction.atomic():
        batch = selectors.record_for_write(actor, ImportBatch, batch_id, lock=True)
        dates = [d.decided_on or date(d.year, 12, 31) for d in batch.decisions.all()]
        yearlock.guard(
            actor,
            batch.agency_id,
            dates,
            carries=False,
            record=f"导入批次 #{batch.pk}",
            change=f"撤销导入{batch.file_name}：删除{len(dates)}条决定",
            reason=correction_reason,
        )
        batch.decisions.all().delete()
        batch.delete()
    return len(dates)
