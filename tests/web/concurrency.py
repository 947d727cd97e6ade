"""Run functions at the same moment on threads with their own database connections, as two
server processes would: for race tests (``transaction=True`` tests: each thread commits)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections


def at_once(*functions: Callable[[], Any], timeout: float = 60) -> list[Any]:
    """Call every function on its own thread, released together by a barrier; returns each
    one's result or the exception it raised."""
    barrier = threading.Barrier(len(functions))
    results: list[Any] = [None] * len(functions)

    def run(index: int, function: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout)
            results[index] = function()
        except BaseException as error:  # reported to the test, which decides
            results[index] = error
        finally:
            connections.close_all()  # this thread's own connections

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results
