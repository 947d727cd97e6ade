"""The database under contention: two people (or a double click) writing the same case at the
same moment get one success and one clear refusal, never a 500.

On SQLite the database runs in WAL mode with a busy timeout, and every write transaction takes
the write lock when it begins (BEGIN IMMEDIATE), so the second waits for the first and then sees
its result; if the database still answers "database is locked", the page says 请重试 (409).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.web.concurrency import at_once

TRIALS = 8


def test_sqlite_is_set_for_concurrent_writers(db: Any) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert connection.transaction_mode == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_a_double_reply_is_one_reply_and_one_refusal(
    people: dict[str, Any], make_case: Any
) -> None:
    cases = [make_case(date(2025, 9, 1)) for _ in range(TRIALS)]
    clients = []
    for _ in range(2):
        client = Client()
        client.login(username="approver", password="pw-approver")
        clients.append(client)
    data = {"on": "2025-09-10", "outcome": "granted", "reason": ""}
    statuses = []
    for case in cases:
        url = f"/cases/{case.pk}/steps/reply/"
        results = at_once(*(lambda c=c, url=url: c.post(url, data) for c in clients))
        for result in results:
            assert not isinstance(result, Exception), repr(result)
        statuses.append(sorted(r.status_code for r in results))
        case.refresh_from_db()
        assert case.outcome == "granted"
        assert case.events.filter(kind="reply").count() == 1
    assert statuses == [[302, 422]] * TRIALS


@pytest.mark.django_db
def test_a_locked_database_asks_to_try_again(
    people: dict[str, Any], case: Any, client: Any, monkeypatch: Any
) -> None:
    from gongkai.web.applications.services import steps

    def locked(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(steps, "record", locked)
    client.login(username="approver", password="pw-approver")
    data = {"on": "2025-10-10", "outcome": "granted", "reason": ""}
    page = client.post(f"/cases/{case.pk}/steps/reply/", data)
    assert page.status_code == 409
    assert "请重试" in page.content.decode()
    answer = client.post(f"/api/cases/{case.pk}/steps/reply", data, content_type="application/json")
    assert answer.status_code == 409
    assert answer.json()["code"] == "BUSY" and "请重试" in answer.json()["message"]
