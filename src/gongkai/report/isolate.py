"""Parse an untrusted upload in a child process with a time and a memory limit.

The readers bound what they accept (see :mod:`.read.limits`), but a server that parses files
uploaded by its users should not stake its own memory and responsiveness on every bound being
right: the web application's report import reads through :func:`parse_isolated`. The child is
started fresh (``spawn``: nothing of the server's threads or connections is inherited), its
address space is capped, and it is killed when the time is up; either way the caller gets a
:class:`~.errors.ReadError` naming the file, never a stalled worker.
"""

from __future__ import annotations

import multiprocessing
import resource
from multiprocessing.connection import Connection

from .errors import GongkaiError, ReadError
from .model import Report

SECONDS = 60.0
MEMORY_BYTES = 2 * 1024 * 1024 * 1024  # address space, which is more than resident memory


def parse_isolated(
    data: bytes, source: str | None, *, seconds: float = SECONDS, memory_bytes: int = MEMORY_BYTES
) -> Report:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_parse, args=(data, source, memory_bytes, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise ReadError(source, f"读取超过 {seconds:g} 秒仍未完成，已中止；请检查文件是否异常")
        try:
            kind, payload = receiver.recv()
        except EOFError as exc:  # the child died without a word (killed for its memory)
            raise ReadError(source, "读取时占用内存超过上限，已中止；请检查文件是否异常") from exc
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "report":
        assert isinstance(payload, Report)
        return payload
    raise ReadError(source, str(payload))


def _parse(data: bytes, source: str | None, memory_bytes: int, out: Connection) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        from .parse import parse_bytes

        out.send(("report", parse_bytes(data, source)))
    except ReadError as error:
        out.send(("error", error.problem))
    except GongkaiError as error:
        out.send(("error", str(error)))
    except MemoryError:
        out.send(("error", "读取时占用内存超过上限，已中止；请检查文件是否异常"))
    except Exception as error:  # a reader's own defect: said, and the server stays up
        out.send(("error", f"无法读取（{type(error).__name__}）"))
    finally:
        out.close()
