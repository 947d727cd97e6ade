"""Decisions imported from a CSV export of another system, and undoing an import.

The whole file is checked before anything is written: its rows (csvimport.parse) and then
against the register (a date in the future, a year already recorded as a total, a 决定书文号
already registered). If any row is bad the file is refused with every bad row by line number;
otherwise all rows are written in one transaction with their :class:`ImportBatch`, which can be
undone as a whole.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import InvalidInput
from gongkai.web.registers import csvimport, selectors
from gongkai.web.registers.csvimport import Problem, Row
from gongkai.web.registers.models import Decision, DecisionKind, DecisionSource, ImportBatch
from gongkai.web.registers.services import records
from gongkai.web.reports import lock

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


def _register_problems(agency_id: int, rows: tuple[Row, ...], today: date) -> list[Problem]:
    problems = []
    years = {r.decided_on.year for r in rows}
    totals = set(Decision.objects.filter(agency_id=agency_id, year__in=years,
                                         source=DecisionSource.TOTAL)
                 .values_list("kind", "year"))
    references = {r.reference for r in rows if r.reference}
    known = set(Decision.objects.filter(agency_id=agency_id, reference__in=references)
                .values_list("reference", flat=True))
    names = dict(DecisionKind.choices)
    for row in rows:
        if row.decided_on > today:
            problems.append(Problem(row.line, f"决定日期{row.decided_on.isoformat()}晚于今天"))
        elif row.decided_on.year < selectors.FIRST_YEAR:
            problems.append(Problem(row.line, f"决定日期早于{selectors.FIRST_YEAR}年"))
        if (row.kind, row.decided_on.year) in totals:
            problems.append(Problem(row.line, f"{row.decided_on.year}年{names[row.kind]}"
                                              "已按年度合计登记，不能再导入逐件的决定"))
        if row.reference in known:
            problems.append(Problem(row.line, f"决定书文号“{row.reference}”已经登记"))
    return problems


def import_decisions(actor: Actor, file_name: str, content: bytes, *,
                     correction_reason: str = "") -> ImportBatch:
    agency_id = records.agency_for_create(actor)
    file_name = (file_name or "导入文件.csv")[:200]
    if len(content) > MAX_BYTES:
        raise ImportRefused(file_name, [Problem(0, "文件超过5MB，请分批导入")])
    parsed = csvimport.parse(content)
    problems = [*parsed.problems, *_register_problems(agency_id, parsed.rows, records.today())]
    if problems:
        raise ImportRefused(file_name, problems)
    rows = parsed.rows
    with transaction.atomic():
        batch = ImportBatch.objects.create(agency_id=agency_id, file_name=file_name,
                                           rows=len(rows), actor_name=actor.name)
        Decision.objects.bulk_create(
            Decision(agency_id=agency_id, kind=r.kind, year=r.decided_on.year,
                     decided_on=r.decided_on, count=r.count, reference=r.reference,
                     subject=r.subject, source=DecisionSource.IMPORT, batch=batch)
            for r in rows
        )
        years = sorted({r.decided_on.year for r in rows})
        lock.guard(actor, agency_id, [r.decided_on for r in rows], carries=False,
                   record=f"导入批次 #{batch.pk}",
                   change=f"导入{file_name}：{len(rows)}条决定（{'、'.join(map(str, years))}年）",
                   reason=correction_reason)
    return batch


def undo_import(actor: Actor, batch_id: int, *, correction_reason: str = "") -> int:
    """Delete the batch and every decision still in it; returns how many were deleted."""
    with transaction.atomic():
        batch = selectors.record_for_write(actor, ImportBatch, batch_id, lock=True)
        dates = [d.decided_on or date(d.year, 12, 31) for d in batch.decisions.all()]
        lock.guard(actor, batch.agency_id, dates, carries=False,
                   record=f"导入批次 #{batch.pk}",
                   change=f"撤销导入{batch.file_name}：删除{len(dates)}条决定",
                   reason=correction_reason)
        batch.decisions.all().delete()
        batch.delete()
    return len(dates)
