"""What a supervisor does: load a year's roster, link its units to agencies, import reports in
background runs, assign what the name inside did not match, undo a run, review findings."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from gongkai.report.batch import read_all
from gongkai.report.canonical import to_canonical
from gongkai.report.model import Report
from gongkai.supervision.corpus import (
    ManifestEntry,
    build_corpus,
    content_hash,
    read_manifest,
    relative_source,
)
from gongkai.supervision.roster import RosterError, read_roster_file
from gongkai.supervision.tabular import TableFileError
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import InvalidInput, NotFound
from gongkai.web.supervision import analysis, snapshots
from gongkai.web.supervision.models import (
    Decision,
    FileStatus,
    FindingReview,
    ImportedFile,
    ImportRun,
    RosterUnit,
    RunStatus,
)

MAX_FILE_BYTES = 64 * 1024 * 1024


class FileRefused(InvalidInput):
    """A roster or manifest with bad rows: every problem listed, nothing loaded."""

    def __init__(self, message: str, problems: Sequence[str], field: str = "file") -> None:
        super().__init__(message, fields={field: message})
        self.problems = list(problems)


def _save_upload(upload: Any, folder: Path) -> Path:
    name = re.sub(r"[\\/\x00-\x1f]+", "_", Path(str(upload.name or "file")).name)[:150] or "file"
    path = folder / name
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{number}-{name}"
    if (getattr(upload, "size", 0) or 0) > MAX_FILE_BYTES:
        raise InvalidInput(f"文件“{name}”超过64 MB", fields={"reports": f"文件“{name}”超过64 MB"})
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


# ------------------------------------------------------------------------------ roster


def import_roster(actor: Actor, region: Agency, year: int, upload: Any) -> int:
    """Replace ``year``'s roster of ``region`` with the file's; links to agencies are kept by
    unit, and a unit named exactly as an agency of the region is linked to it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _save_upload(upload, Path(tmp))
        try:
            units = read_roster_file(path).for_year(year)
        except (RosterError, TableFileError) as error:
            raise FileRefused(
                f"名单有{len(error.problems)}处问题，未导入任何单位，请修改后重新上传。",
                error.problems,
            ) from error
    with transaction.atomic():
        old = RosterUnit.objects.filter(region=region, year=year)
        links = {r.unit_id: r.agency_id for r in old if r.agency_id}
        old.delete()
        by_name = {a.name: a.pk for a in Agency.objects.filter(path__startswith=region.path)}
        RosterUnit.objects.bulk_create(
            RosterUnit(
                region=region,
                year=year,
                unit_id=u.id,
                name=u.name,
                type=u.type,
                parent_id=u.parent or "",
                aliases=list(u.aliases),
                scope=u.scope or "",
                code=u.code or "",
                internal_deadline=(
                    f"{u.internal_deadline[0]:02d}-{u.internal_deadline[1]:02d}"
                    if u.internal_deadline
                    else ""
                ),
                row=u.row,
                agency_id=links.get(u.id) or by_name.get(u.name),
            )
            for u in units
        )
        snapshots.invalidate(region.pk, [year])
    return len(units)


def link_agency(
    actor: Actor, region: Agency, year: int, unit_id: str, agency_id: int | None
) -> RosterUnit:
    unit = RosterUnit.objects.filter(region=region, year=year, unit_id=unit_id).first()
    if unit is None:
        raise NotFound("名单中没有这个单位。")
    if agency_id is not None:
        taken = RosterUnit.objects.filter(region=region, year=year, agency_id=agency_id).exclude(
            pk=unit.pk
        )
        if not Agency.objects.filter(pk=agency_id, path__startswith=region.path).exists():
            raise InvalidInput(
                "只能关联本监督范围内的机关。", fields={"agency": "只能关联本监督范围内的机关。"}
            )
        if taken.exists():
            message = f"该机关已关联名单中的“{taken[0].name}”。"
            raise InvalidInput(message, fields={"agency": message})
    with transaction.atomic():
        unit.agency_id = agency_id
        unit.save(update_fields=["agency"])
        snapshots.invalidate(region.pk, [year])
    return unit


# ------------------------------------------------------------------------------ runs


def runs_folder(run_id: int) -> Path:
    return Path(settings.DATA_DIR) / "supervision" / f"run-{run_id}"


def start_run(
    actor: Actor, region: Agency, year: int, uploads: Sequence[Any], manifest: Any | None = None
) -> ImportRun:
    """Keep the files and queue the run; the worker reads them (:func:`read_run`)."""
    if not RosterUnit.objects.filter(region=region, year=year).exists():
        message = f"请先导入{year}年度的单位名单：报告按名单中的单位名称对应。"
        raise InvalidInput(message, fields={"year": message})
    if not uploads:
        raise InvalidInput("请选择要导入的报告文件或压缩包。", fields={"reports": "请选择文件。"})
    run = ImportRun.objects.create(
        region=region,
        year=year,
        label="、".join(str(u.name) for u in uploads[:3]) + ("等" if len(uploads) > 3 else ""),
        total=len(uploads),
        actor_id=actor.user_id,
        actor_name=actor.name,
    )
    folder = runs_folder(run.pk)
    try:
        (folder / "files").mkdir(parents=True)
        if manifest is not None:
            path = _save_upload(manifest, folder)
            try:
                read_manifest(path)
            except TableFileError as error:
                raise FileRefused(
                    f"清单有{len(error.problems)}处问题，未导入，请修改后重新上传。",
                    error.problems,
                    field="manifest",
                ) from error
            path.rename(folder / "manifest")
        for upload in uploads:
            _save_upload(upload, folder / "files")
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        run.delete()
        raise
    read_run.enqueue(run.pk)
    return run


@task()
def read_run(run_id: int) -> None:
    """The background job: read every file of a run, match it to the roster, keep the results."""
    process_run(run_id)


def process_run(run_id: int) -> None:
    claimed = ImportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING
    )
    if not claimed:
        return
    run = ImportRun.objects.select_related("region").get(pk=run_id)
    try:
        _read(run)
    except Exception as error:  # the run fails visibly; nothing half-kept
        ImportedFile.objects.filter(run=run).delete()
        ImportRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}：{error}",
            finished_at=timezone.now(),
        )
        raise


def _read(run: ImportRun) -> None:
    folder = runs_folder(run.pk)
    files = folder / "files"
    units = analysis.roster(run.region, run.year)
    manifest_path = folder / "manifest"
    manifest = read_manifest(manifest_path) if manifest_path.exists() else None
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] > 0.3:
            last[0] = now
            ImportRun.objects.filter(pk=run.pk).update(done=done, total=total)

    outcomes = list(read_all([files], jobs=1, progress=progress))
    roots = [files]
    corpus = build_corpus(outcomes, units, manifest, roots)
    reports = {o.source: o.report for o in outcomes}
    prefix = str(files) + "/"

    def shown(source: str) -> str:
        return source.removeprefix(prefix).replace("!", " › ")

    def kept(source: str, status: str, **fields: Any) -> ImportedFile:
        report = reports.get(source)
        extra: dict[str, Any] = {}
        if report is not None:
            listed = (manifest or {}).get(relative_source(source, roots))
            published, date_source = _publication(report, listed)
            extra = {
                "name_found": (report.agency or "")[:200],
                "report_year": report.year,
                "document": to_canonical(report),
                "content_hash": content_hash(report),
                "published_on": published,
                "date_source": date_source or "",
                "url": (listed.url or "")[:500] if listed else "",
            }
        return ImportedFile(
            run=run, source=shown(source)[:500], status=status, **{**extra, **fields}
        )

    rows: list[ImportedFile] = []
    for entry in corpus.entries.values():
        for version in entry.versions:
            rows += [kept(s, FileStatus.MATCHED, unit_id=entry.unit_id) for s in version.sources]
    for unit_id, source in corpus.undated_year:
        rows.append(kept(source, FileStatus.UNDATED, unit_id=unit_id))
    for item in corpus.unassigned:
        rows.append(
            kept(
                item.source,
                FileStatus.UNASSIGNED,
                reason=item.reason,
                candidates=list(item.candidates),
            )
        )
    for bad in corpus.unreadable:
        rows.append(
            ImportedFile(
                run=run,
                source=shown(bad.source)[:500],
                status=FileStatus.UNREADABLE,
                reason=bad.problem,
                unit_id=bad.unit_id or "",
            )
        )
    with transaction.atomic():
        ImportedFile.objects.bulk_create(rows)
        ImportRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            problems=list(corpus.problems),
            done=len(outcomes),
            total=len(outcomes),
            finished_at=timezone.now(),
        )
        snapshots.invalidate(run.region_id, [run.year])


def _publication(report: Report, listed: ManifestEntry | None) -> tuple[date | None, str | None]:
    """As the library dates a report: the manifest's date, else the report's own."""
    if listed and listed.published_on:
        return listed.published_on, "manifest"
    if report.published_on is None:
        return None, None
    from_page = any(n.code == "PUBLISHED-FROM-PAGE" for n in report.notes)
    return report.published_on, "page" if from_page else "signature"


def assign(actor: Actor, region: Agency, file_id: int, unit_id: str) -> ImportedFile:
    """A person says which unit a report is for; never guessed."""
    item = ImportedFile.objects.select_related("run").filter(pk=file_id, run__region=region).first()
    if item is None or item.run.status != RunStatus.DONE:
        raise NotFound("没有这个待指定的文件。")
    if item.status != FileStatus.UNASSIGNED:
        raise InvalidInput("该文件已指定单位。", fields={"unit": "该文件已指定单位。"})
    if not RosterUnit.objects.filter(region=region, year=item.run.year, unit_id=unit_id).exists():
        message = f"请从{item.run.year}年度名单中选择单位。"
        raise InvalidInput(message, fields={"unit": message})
    item.unit_id = unit_id
    item.status = FileStatus.MATCHED if item.report_year else FileStatus.UNDATED
    item.assigned_by = actor.name
    item.assigned_at = timezone.now()
    with transaction.atomic():
        item.save(update_fields=["unit_id", "status", "assigned_by", "assigned_at"])
        snapshots.invalidate(region.pk, [item.run.year])
    return item


def undo_run(actor: Actor, region: Agency, run_id: int) -> int:
    """Take a run's reports out of everything; the run stays listed as undone."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().filter(pk=run_id, region=region).first()
        if run is None:
            raise NotFound("没有这个导入批次。")
        if run.active:
            raise InvalidInput("这一批还在读取，读取完成后才能撤销。")
        if run.status == RunStatus.UNDONE:
            raise InvalidInput("这一批已经撤销。")
        deleted, _ = run.files.all().delete()
        run.status = RunStatus.UNDONE
        run.undone_by = actor.name
        run.save(update_fields=["status", "undone_by"])
        snapshots.invalidate(region.pk, [run.year])
    shutil.rmtree(runs_folder(run.pk), ignore_errors=True)
    return deleted


# ------------------------------------------------------------------------------ review


def review(
    actor: Actor, region: Agency, year: int, unit_id: str, key: str, decision: str, reason: str
) -> FindingReview:
    """Confirm or dismiss one finding; a dismissal needs its reason."""
    if decision not in Decision.values:
        raise InvalidInput("请选择确认或排除。")
    reason = reason.strip()
    if decision == Decision.DISMISSED and not reason:
        raise InvalidInput("排除问题须写明理由。", fields={"reason": "排除问题须写明理由。"})
    view = analysis.region_view(region, [y for y in (year - 1, year) if _has_roster(region, y)])
    if year not in view.rosters:
        raise NotFound("没有这一年度的名单。")
    found = next(
        (f for f in analysis.findings(view, year) if f.unit_id == unit_id and f.key == key), None
    )
    if found is None:
        raise NotFound("没有这个问题，报告可能已更新，请刷新页面。")
    with transaction.atomic():
        item, _ = FindingReview.objects.update_or_create(
            region=region,
            year=year,
            unit_id=unit_id,
            key=key,
            defaults={
                "code": found.finding.code,
                "decision": decision,
                "reason": reason,
                "actor_id": actor.user_id,
                "actor_name": actor.name,
            },
        )
        snapshots.invalidate(region.pk, [year])
    return item


def _has_roster(region: Agency, year: int) -> bool:
    return RosterUnit.objects.filter(region=region, year=year).exists()
