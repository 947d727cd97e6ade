"""Many files at once: walk folders, read each file on its own, never stop on a bad one."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .canonical import CanonicalError, from_canonical
from .errors import GongkaiError, ReadError
from .model import Report
from .parse import parse_bytes

MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    """One file's result: a report, or the error that names the file and the problem."""

    source: str
    report: Report | None = None
    error: str | None = None


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files named, and every file below folders named (sorted, hidden files skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(
                    p.startswith(".") for p in child.relative_to(path).parts
                ):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield ReadError(str(path), "文件或文件夹不存在")


def load(path: Path) -> Report:
    """A report from a file: canonical JSON, or any source document the readers know."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReadError(str(path), f"文件过大（{size} 字节，上限 {MAX_FILE_BYTES} 字节）")
    data = path.read_bytes()
    if not data.strip():
        raise ReadError(str(path), "空文件")
    if data.lstrip()[:1] == b"{":
        try:
            return from_canonical(json.loads(data), source=str(path))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ReadError(str(path), f"JSON 格式错误：{exc}") from exc
        except (CanonicalError, KeyError, TypeError) as exc:
            raise ReadError(str(path), f"不是规范的年度报告 JSON：{exc}") from exc
    return parse_bytes(data, str(path))


def read_all(paths: Iterable[str | Path]) -> Iterator[Outcome]:
    for item in iter_files(paths):
        if isinstance(item, ReadError):
            yield Outcome(str(item.source), error=item.problem)
            continue
        try:
            yield Outcome(str(item), report=load(item))
        except GongkaiError as exc:
            problem = exc.problem if isinstance(exc, ReadError) else str(exc)
            yield Outcome(str(item), error=problem)
        except OSError as exc:
            yield Outcome(str(item), error=f"无法读取：{exc.strerror or exc}")
        except Exception as exc:  # one bad file never stops a batch
            yield Outcome(
                str(item), error=f"读取时出现意外错误（{type(exc).__name__}：{exc}），请报告此问题"
            )
