"""Many files at once: walk folders and .zip archives, read each file on its own, on every core,
and never stop because one file is bad."""

from __future__ import annotations

import gc
import json
import math
import os
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .canonical import CanonicalError, from_canonical
from .errors import GongkaiError, ReadError
from .model import Report
from .parse import parse_bytes
from .read.limits import DEFAULT_LIMITS, MAX_FILE_BYTES, ReadLimits, mib

__all__ = ["MAX_FILE_BYTES", "Outcome", "Task", "iter_tasks", "load", "read_all"]


@dataclass(frozen=True)
class Outcome:
    """One file's result: a report, or the error that names the file and the problem."""

    source: str
    report: Report | None = None
    error: str | None = None


@dataclass(frozen=True)
class Task:
    """A file to read: a path, or a member of a .zip archive (``member``)."""

    source: str  # how the file is named in messages: "folder/a.txt", "reports.zip!2024/b.docx"
    path: str
    member: str | None = None


def iter_tasks(
    paths: Iterable[str | Path], limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[Task | Outcome]:
    """Files named, every file below folders named (sorted, hidden files skipped), and every
    file inside .zip archives among them. A path that does not exist is an Outcome with its
    error, in its place."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(
                    p.startswith(".") for p in child.relative_to(path).parts
                ):
                    yield from _file_tasks(child, limits)
        elif path.is_file():
            yield from _file_tasks(path, limits)
        else:
            yield Outcome(str(path), error="文件或文件夹不存在")


def _file_tasks(path: Path, limits: ReadLimits) -> Iterator[Task | Outcome]:
    if not _is_archive(path):
        yield Task(str(path), str(path))
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) > limits.max_archive_members:
                yield Outcome(
                    str(path),
                    error=f"压缩包内有 {len(members)} 个文件，超过上限 {limits.max_archive_members} 个，未读取",
                )
                return
            unpacked = sum(m.file_size for m in members)
            if unpacked > limits.max_archive_unpacked_bytes:
                yield Outcome(
                    str(path),
                    error=f"压缩包解压后共 {mib(unpacked)}，超过上限 {mib(limits.max_archive_unpacked_bytes)}，未读取",
                )
                return
            for member in sorted(members, key=lambda m: m.filename):
                name = member.filename
                if any(part.startswith(".") or part == "__MACOSX" for part in Path(name).parts):
                    continue
                yield Task(f"{path}!{name}", str(path), name)
    except (zipfile.BadZipFile, OSError, NotImplementedError) as exc:
        yield Outcome(str(path), error=f"压缩包已损坏，无法打开：{exc}")


def _is_archive(path: Path) -> bool:
    """A plain .zip of reports, not a DOCX or XLSX (which are zip packages too)."""
    if not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, NotImplementedError):
        return path.suffix.lower() == ".zip"
    return "[Content_Types].xml" not in names and "mimetype" not in names


def load(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Report:
    """A report from a file: canonical JSON, or any source document the readers know."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise ReadError(str(path), f"文件过大（{mib(size)}，上限 {mib(limits.max_file_bytes)}）")
    return load_bytes(path.read_bytes(), str(path), limits)


def load_bytes(data: bytes, source: str, limits: ReadLimits = DEFAULT_LIMITS) -> Report:
    if not data.strip():
        raise ReadError(source, "空文件")
    if data.lstrip()[:1] == b"{":
        try:
            document = json.loads(data, parse_float=_finite, parse_constant=_not_a_number)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ReadError(source, f"JSON 格式错误：{exc}") from exc
        except RecursionError as exc:  # nested deeper than Python's parser goes
            raise ReadError(source, "JSON 嵌套层数过多，不是年度报告") from exc
        except ValueError as exc:  # an integer of thousands of digits, an infinite number
            raise ReadError(source, f"JSON 中的数值超出范围：{str(exc)[:120]}") from exc
        try:
            return from_canonical(document, source=source)
        except (CanonicalError, KeyError, TypeError, ValueError, RecursionError) as exc:
            raise ReadError(source, f"不是规范的年度报告 JSON：{str(exc)[:200]}") from exc
    return parse_bytes(data, source)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]}… 不是有限的数")
    return value


def _not_a_number(text: str) -> float:
    raise ValueError(f"{text} 不是数")


def run_task(task: Task, limits: ReadLimits = DEFAULT_LIMITS) -> Outcome:
    """Read one file; every failure becomes an Outcome that names the file and the problem."""
    try:
        if task.member is None:
            return Outcome(task.source, report=load(Path(task.path), limits))
        with zipfile.ZipFile(task.path) as archive:
            info = archive.getinfo(task.member)
            with archive.open(info) as member:  # read no more than the limit, whatever it claims
                data = member.read(limits.max_file_bytes + 1)
            if len(data) > limits.max_file_bytes:
                raise ReadError(task.source, f"文件过大（超过上限 {mib(limits.max_file_bytes)}）")
        return Outcome(task.source, report=load_bytes(data, task.source, limits))
    except GongkaiError as exc:
        problem = exc.problem if isinstance(exc, ReadError) else str(exc)
        return Outcome(task.source, error=problem)
    except (OSError, zipfile.BadZipFile) as exc:
        return Outcome(task.source, error=f"无法读取：{getattr(exc, 'strerror', None) or exc}")
    except Exception as exc:  # one bad file never stops a batch
        return Outcome(
            task.source, error=f"读取时出现意外错误（{type(exc).__name__}：{exc}），请报告此问题"
        )


Progress = Callable[[int, int], None]

GC_THRESHOLDS = (20_000, 20, 20)


def tune_for_throughput() -> None:
    """Fewer garbage-collector passes: reading a report makes many short-lived objects and no
    reference cycles worth chasing, and Python's default (a pass every 700 allocations) costs
    about a tenth of the time in a batch. Called by the command line and its workers, never on
    import: a library does not change its host's collector."""
    gc.set_threshold(*GC_THRESHOLDS)


def read_all(
    paths: Iterable[str | Path],
    jobs: int | None = 1,
    progress: Progress | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Iterator[Outcome]:
    """Every file's Outcome, in input order. ``jobs``: worker processes (None: one per core);
    with one job, or one file, everything runs in this process."""
    items = list(iter_tasks(paths, limits))
    tasks = [item for item in items if isinstance(item, Task)]
    workers = (os.cpu_count() or 1) if jobs is None else max(jobs, 1)
    done = 0
    results: Iterator[Outcome]
    if workers == 1 or len(tasks) < 2:
        results = (run_task(task, limits) for task in tasks)
    else:
        pool = ProcessPoolExecutor(
            max_workers=min(workers, len(tasks)), initializer=tune_for_throughput
        )
        chunk = max(1, min(32, len(tasks) // (workers * 8)))
        results = pool.map(run_task, tasks, [limits] * len(tasks), chunksize=chunk)
    try:
        for item in items:
            outcome = item if isinstance(item, Outcome) else next(results)
            done += 1
            if progress:
                progress(done, len(items))
            yield outcome
    finally:
        if workers != 1 and len(tasks) >= 2:
            pool.shutdown(cancel_futures=True)


class ProgressBar:
    """ "已读 120/1000 份（35 份/秒）" on standard error, redrawn in place; silent when standard
    error is not a terminal (CI logs, pipes) unless forced."""

    def __init__(self, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = (
            enabled
            if enabled is not None
            else bool(getattr(self.stream, "isatty", lambda: False)())
        )
        self.started = time.perf_counter()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 2:
            return
        now = time.perf_counter()
        if done < total and now - self.last < 0.2:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        width = 24
        filled = int(width * done / total)
        bar = "█" * filled + "·" * (width - filled)
        end = "\n" if done == total else ""
        print(
            f"\r{bar} 已读 {done}/{total} 份（{rate:.0f} 份/秒）",
            end=end,
            file=self.stream,
            flush=True,
        )
