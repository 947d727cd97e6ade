"""The query planner's statistics of the database, kept current.

PostgreSQL keeps them itself (autovacuum's ANALYZE). SQLite has none until ``ANALYZE`` runs, and
without them it may walk the wrong index of a 100,000-case register (the case list's filters,
the deadline lists): the worker (``gongkai-web worker``) refreshes them when it starts and each
day before its jobs. A few hundred milliseconds at 100,000 cases.
"""

from __future__ import annotations

from django.db import connection


def refresh_planner_statistics() -> bool:
    """``ANALYZE`` on SQLite; nothing elsewhere. True when it ran."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True
