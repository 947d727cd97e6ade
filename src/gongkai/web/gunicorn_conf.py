"""gunicorn's settings for ``scripts/serve``, from the environment.

``GONGKAI_BIND`` (default ``127.0.0.1:8000``: behind nginx on the same machine; ``0.0.0.0:8000``
to listen on every address), ``GONGKAI_WORKERS`` (processes, default cores + 1: see below),
``GONGKAI_THREADS`` (threads per process, default 1), ``GONGKAI_TIMEOUT`` (seconds a request
may take, default 120: importing a large PDF report parses it in a child process),
``GONGKAI_FORWARDED_ALLOW_IPS`` (the proxies whose X-Forwarded-* headers gunicorn trusts,
default 127.0.0.1). Access and error logs go to standard output and error.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError as error:
        raise SystemExit(f"{name}={value!r}：须为正整数") from error
    if number < 1:
        raise SystemExit(f"{name}={value!r}：须为正整数")
    return number


wsgi_app = "gongkai.web.wsgi:application"
bind = [os.environ.get("GONGKAI_BIND", "127.0.0.1:8000")]
# A page costs the worker CPU far more than it waits for the database (benchmarks/load.py:
# about 20 ms against 4 on PostgreSQL), and the database runs on the same machine: more
# processes than cores + 1 only share the cores and make each page slower (p95 of the
# dashboard 104-118 ms with 2 x cores + 1 against 80-94 ms with cores + 1, 2 cores, 50 users).
# With the database on a machine of its own, or long uploads, raise GONGKAI_WORKERS.
workers = _int("GONGKAI_WORKERS", multiprocessing.cpu_count() + 1)
threads = _int("GONGKAI_THREADS", 1)
timeout = _int("GONGKAI_TIMEOUT", 120)
graceful_timeout = 30
# a worker is replaced after this many requests (with jitter, not all at once): memory stays flat
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("GONGKAI_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# the application is loaded once in the master: workers fork with it (faster start, less memory)
preload_app = True
