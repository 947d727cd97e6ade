"""Rate limits that hold: the public limit is exact under concurrency, an application's lookup
locks after wrong secrets, a lookup costs the same whether the number exists or not, logins are
throttled per account and per address, and the client address comes from REMOTE_ADDR unless a
proxy header is configured."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.concurrency import at_once
from tests.web.test_public import form_data


def _lookup(client: Client, number: str, secret: str) -> Any:
    return client.post("/apply/track/", {"tracking_number": number, "secret": secret})


def _submitted(tree: dict[str, Any]) -> tuple[Any, str]:
    from gongkai.web.applications.models import Application

    page = Client(REMOTE_ADDR="10.0.0.1").post("/apply/", form_data(tree)).content.decode()
    return Application.objects.latest("pk"), page.split('id="secret">')[1].split("<")[0]


@pytest.mark.django_db(transaction=True)
def test_the_public_limit_is_exact_when_requests_come_at_once(tree: dict[str, Any]) -> None:
    from gongkai.web.errors import RateLimited
    from gongkai.web.public.models import PublicAttempt
    from gongkai.web.public.ratelimit import hit

    for trial in range(3):
        client = f"10.1.1.{trial}"
        results = at_once(
            *(lambda c=client: hit("submit", c, limit=5, window=3600) for _ in range(12))
        )
        admitted = [r for r in results if not isinstance(r, Exception)]
        assert all(isinstance(r, RateLimited) for r in results if isinstance(r, Exception)), results
        assert len(admitted) == 5, f"trial {trial}: {len(admitted)} admitted"
        assert PublicAttempt.objects.filter(client=client).count() == 5


@pytest.mark.django_db
def test_an_application_locks_after_wrong_secrets_from_any_address(
    tree: dict[str, Any], settings: Any
) -> None:
    settings.GONGKAI_SECRET_FAILURE_LIMIT = 3
    app, secret = _submitted(tree)
    for n in range(3):  # each from another address: the per-address limit does not apply
        wrong = _lookup(Client(REMOTE_ADDR=f"10.2.0.{n}"), app.tracking_number, "WRONG")
        assert wrong.status_code == 200 and "不正确" in wrong.content.decode()
    locked = _lookup(Client(REMOTE_ADDR="10.2.1.1"), app.tracking_number, secret)
    assert locked.status_code == 429
    assert "错误次数过多" in locked.content.decode() and "待工作人员" not in locked.content.decode()
    other, other_secret = _submitted(tree)  # another application is not affected
    found = _lookup(Client(REMOTE_ADDR="10.2.1.2"), other.tracking_number, other_secret)
    assert found.status_code == 200 and "待工作人员" in found.content.decode()


@pytest.mark.django_db
def test_the_right_secret_clears_the_count(tree: dict[str, Any], settings: Any) -> None:
    settings.GONGKAI_SECRET_FAILURE_LIMIT = 3
    app, secret = _submitted(tree)
    for n in range(2):
        _lookup(Client(REMOTE_ADDR=f"10.3.0.{n}"), app.tracking_number, "WRONG")
    found = _lookup(Client(REMOTE_ADDR="10.3.1.1"), app.tracking_number, secret)
    assert found.status_code == 200 and "待工作人员" in found.content.decode()
    for n in range(2):
        _lookup(Client(REMOTE_ADDR=f"10.3.2.{n}"), app.tracking_number, "WRONG")
    assert _lookup(Client(REMOTE_ADDR="10.3.3.1"), app.tracking_number, secret).status_code == 200


@pytest.mark.django_db
def test_a_lookup_checks_a_hash_whether_or_not_the_number_exists(
    tree: dict[str, Any], monkeypatch: Any
) -> None:
    """The secret's hash check is what takes time (PBKDF2, 20,000 rounds with the real
    settings): it runs once for every lookup, against a dummy hash when there is no such
    number."""
    from gongkai.web.applications import tracking

    app, _ = _submitted(tree)
    checked: list[str] = []
    real = tracking.HASHER.verify

    def counting(secret: str, hashed: str) -> bool:
        checked.append(hashed)
        return bool(real(secret, hashed))

    monkeypatch.setattr(tracking.HASHER, "verify", counting)
    _lookup(Client(REMOTE_ADDR="10.4.0.1"), app.tracking_number, "WRONG")
    _lookup(Client(REMOTE_ADDR="10.4.0.2"), "GK2026-NOSUCH00", "WRONG")
    _lookup(Client(REMOTE_ADDR="10.4.0.3"), "nonsense", "WRONG")
    assert len(checked) == 3
    assert checked[0] == app.secret_hash
    assert checked[1] == checked[2] != app.secret_hash  # the dummy, hashed the same way
    assert checked[1].split("$")[0] == app.secret_hash.split("$")[0]


def _login(client: Client, username: str, password: str) -> Any:
    return client.post("/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_login_is_throttled_per_account(
    people: dict[str, Any], settings: Any, monkeypatch: Any
) -> None:
    from django.contrib.auth import forms as auth_forms

    settings.GONGKAI_LOGIN_ACCOUNT_LIMIT = 5
    codes = [
        _login(Client(REMOTE_ADDR=f"10.5.0.{n}"), "clerk", "wrong").status_code for n in range(30)
    ]
    assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}
    checked: list[str] = []
    real = auth_forms.authenticate
    monkeypatch.setattr(
        auth_forms, "authenticate", lambda *a, **k: checked.append("x") or real(*a, **k)
    )
    refused = _login(Client(REMOTE_ADDR="10.5.1.1"), "clerk", "pw-clerk")  # the right one
    assert refused.status_code == 429 and "登录失败次数过多" in refused.content.decode()
    assert not checked  # refused before any password is checked
    other = _login(Client(REMOTE_ADDR="10.5.1.2"), "approver", "pw-approver")
    assert other.status_code == 302  # another account is not affected


@pytest.mark.django_db
def test_login_is_throttled_per_address(people: dict[str, Any], settings: Any) -> None:
    settings.GONGKAI_LOGIN_ADDRESS_LIMIT = 8
    client = Client(REMOTE_ADDR="10.6.0.1")
    codes = [_login(client, f"user{n}", "wrong").status_code for n in range(12)]
    assert codes[:8] == [200] * 8 and set(codes[8:]) == {429}
    assert _login(client, "clerk", "pw-clerk").status_code == 429
    assert _login(Client(REMOTE_ADDR="10.6.0.2"), "clerk", "pw-clerk").status_code == 302


@pytest.mark.django_db
def test_a_successful_login_is_not_counted(people: dict[str, Any], settings: Any) -> None:
    settings.GONGKAI_LOGIN_ACCOUNT_LIMIT = 2
    for _ in range(4):
        assert _login(Client(REMOTE_ADDR="10.7.0.1"), "clerk", "pw-clerk").status_code == 302


@pytest.mark.django_db
def test_the_client_address_is_remote_addr_unless_a_proxy_header_is_configured(
    tree: dict[str, Any], settings: Any
) -> None:
    from gongkai.web.applications.models import Application

    settings.GONGKAI_PUBLIC_RATE_LIMIT = 2
    codes = [
        Client(REMOTE_ADDR="10.8.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        .post("/apply/", form_data(tree))
        .status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]  # a forged header changes nothing by default
    settings.GONGKAI_CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    codes = [
        Client(
            REMOTE_ADDR="10.8.0.9",  # the proxy; it appends the address it saw
            HTTP_X_FORWARDED_FOR=f"198.51.100.7, 203.0.113.{n}",
        )
        .post("/apply/", form_data(tree))
        .status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 200]
    assert Application.objects.count() == 5
