"""Tokens and users without the raw admin (issue 11 item 16): tokens created on a settings page
(shown once, stored hashed, last use recorded, revoked), an administrator's staff page, one's
own password, and the API's JSON keeping Chinese as UTF-8."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from gongkai.web.agencies.models import ApiToken, StaffMember
from gongkai.web.agencies.services import token_hash
from tests.web.test_permissions import client_for


def _new_key(page: str) -> str:
    found = re.search(r'<code id="new-token">([^<]+)</code>', page)
    assert found, "the new token is shown"
    return found.group(1)


def test_token_created_shown_once_used_and_revoked(people: Any, case: Any) -> None:
    client = client_for(people["clerk"])
    page = client.post("/account/tokens/", {"label": "报表系统"}).content.decode()
    key = _new_key(page)
    token = ApiToken.objects.get(label="报表系统")
    assert token.key_hash == token_hash(key) and key not in token.key_hash
    again = client.get("/account/").content.decode()
    assert key not in again and "报表系统" in again and "从未使用" in again

    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert bearer.get("/api/cases").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert "从未使用" not in client.get("/account/").content.decode()

    # another user cannot revoke it; its owner can, and the key stops working
    assert (
        client_for(people["approver"]).post(f"/account/tokens/{token.pk}/revoke/").status_code
        == 404
    )
    client.post(f"/account/tokens/{token.pk}/revoke/")
    assert not ApiToken.objects.exists()
    assert bearer.get("/api/cases").status_code == 401


def test_empty_token_name_refused(people: Any) -> None:
    response = client_for(people["clerk"]).post("/account/tokens/", {"label": ""})
    assert response.status_code == 422 and "这个字段是必填项" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_api_json_keeps_chinese(people: Any, case: Any) -> None:
    response = client_for(people["clerk"]).get(f"/api/cases/{case.pk}")
    assert response.status_code == 200
    assert "林国娟".encode() in response.content and b"\\u" not in response.content


def test_administrator_manages_staff(people: Any, tree: Any) -> None:
    admin = client_for(people["admin"])
    page = admin.get("/account/users/").content.decode()
    assert "张敏" in page and "陈静" in page
    assert "杨丽" not in page  # 台儿庄 is another government's tree

    response = admin.post(
        "/account/users/",
        {
            "display_name": "孙芳",
            "username": "sunfang",
            "agency": tree["civil"].pk,
            "role": "clerk",
            "password": "a-long-initial-password",
        },
    )
    assert response.status_code == 302
    added = StaffMember.objects.get(display_name="孙芳")
    assert added.role == "clerk" and added.agency == tree["civil"]
    assert Client().login(username="sunfang", password="a-long-initial-password")

    refused = admin.post(
        "/account/users/",
        {
            "display_name": "外人",
            "username": "outsider",
            "agency": tree["tez"].pk,
            "role": "clerk",
            "password": "a-long-initial-password",
        },
    )
    assert (
        refused.status_code == 422
        and not get_user_model().objects.filter(username="outsider").exists()
    )
    short = admin.post(
        "/account/users/",
        {
            "display_name": "短",
            "username": "short",
            "agency": tree["civil"].pk,
            "role": "clerk",
            "password": "abc",
        },
    )
    assert short.status_code == 422 and "密码" in short.content.decode()

    admin.post(f"/account/users/{added.pk}/password/", {"password": "another-password-1"})
    assert Client().login(username="sunfang", password="another-password-1")
    admin.post(f"/account/users/{added.pk}/active/", {"active": "0"})
    assert not Client().login(username="sunfang", password="another-password-1")
    tez = StaffMember.objects.get(display_name="杨丽")
    assert admin.post(f"/account/users/{tez.pk}/active/", {"active": "0"}).status_code == 404


def test_only_administrators_manage_staff(people: Any) -> None:
    assert client_for(people["clerk"]).get("/account/users/").status_code == 403
    clerk = StaffMember.objects.get(display_name="张敏")
    response = client_for(people["approver"]).post(
        f"/account/users/{clerk.pk}/active/", {"active": "0"}
    )
    assert response.status_code == 403
    assert get_user_model().objects.get(username="clerk").is_active


def test_user_changes_own_password(people: Any) -> None:
    client = Client()
    assert client.login(username="clerk", password="pw-clerk")
    assert client.get("/account/password/").status_code == 200
    response = client.post(
        "/account/password/",
        {
            "old_password": "pw-clerk",
            "new_password1": "a-new-password-2",
            "new_password2": "a-new-password-2",
        },
    )
    assert response.status_code == 302
    assert Client().login(username="clerk", password="a-new-password-2")
