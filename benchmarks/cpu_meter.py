"""The CPU a benchmark's server costs: its worker processes and, on PostgreSQL, the database
server's processes, read from /proc (Linux) while the load runs (benchmarks/load.py)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_by_process(server_pid: int, postgres: bool) -> dict[tuple[str, int], float]:
    """CPU seconds used so far by each of the server's worker processes and, on PostgreSQL,
    each of the database server's processes."""
    found: dict[tuple[str, int], float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            title = (stat.parent / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        used = (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
        if int(fields[1]) == server_pid:  # ppid
            found["workers", int(stat.parent.name)] = used
        elif postgres and title.startswith("postgres"):
            found["database", int(stat.parent.name)] = used
    return found


class CpuMeter(threading.Thread):
    """The CPU the pages cost, whatever else runs: the server's workers and, on PostgreSQL, the
    database server's processes (backends come and go as connections age: each is read every
    quarter second, so a backend that ends takes at most that much with it)."""

    def __init__(self, server_pid: int, postgres: bool) -> None:
        super().__init__(daemon=True)
        self.server_pid, self.postgres = server_pid, postgres
        self.first = _cpu_by_process(server_pid, postgres)
        self.last = dict(self.first)
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.25):
            self.last.update(_cpu_by_process(self.server_pid, self.postgres))

    def stop(self) -> tuple[float, float]:
        self.done.set()
        self.join()
        self.last.update(_cpu_by_process(self.server_pid, self.postgres))
        used = {"workers": 0.0, "database": 0.0}
        for key, seconds in self.last.items():
            used[key[0]] += seconds - self.first.get(key, 0.0)
        return used["workers"], used["database"]
