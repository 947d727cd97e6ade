"""Writes for agencies and staff."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.web.agencies.models import Agency, ApiToken, Role, StaffMember
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import Forbidden, NotFound


@transaction.atomic
def create_agency(*, name: str, kind: str, parent: Agency | None = None, **contact: str) -> Agency:
    agency = Agency.objects.create(name=name, kind=kind, parent=parent, path="", **contact)
    agency.path = f"{parent.path if parent else ''}{agency.pk}/"
    agency.save(update_fields=["path"])
    return agency


@transaction.atomic
def create_staff(
    *, username: str, password: str, agency: Agency, role: str, display_name: str
) -> StaffMember:
    user = get_user_model().objects.create_user(
        username=username,
        password=password,
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
    )
    return StaffMember.objects.create(
        user=user, agency=agency, role=role, display_name=display_name
    )


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_token(user, label: str = "") -> str:  # type: ignore[no-untyped-def]
    """A new token for ``user``; the key is returned once and only its hash is kept."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=token_hash(key), label=label)
    return key


TOUCH_EVERY = timedelta(minutes=1)  # "last used" is kept to the minute: one write a minute


def user_for_token(key: str) -> Any:
    """The active user an API token belongs to (its last use noted), or None."""
    found = ApiToken.objects.select_related("user").filter(key_hash=token_hash(key)).first()
    if found is None or not found.user.is_active:
        return None
    touch_api_token(found)
    return found.user


def touch_api_token(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def revoke_api_token(user_id: int, token_id: int) -> ApiToken:
    """Delete one of the user's own tokens: requests bearing it are refused from now on."""
    token = ApiToken.objects.filter(user_id=user_id, pk=token_id).first()
    if token is None:
        raise NotFound("没有这个令牌。")
    token.delete()
    return token


def set_path(agency: Agency) -> None:
    """Recompute the materialised path of ``agency`` and its subtree (after a move)."""
    agency.path = f"{agency.parent.path if agency.parent else ''}{agency.pk}/"
    agency.save(update_fields=["path"])
    for child in agency.children.all():
        set_path(child)


def set_review_body(actor: Actor, agency_id: int, review_body: str) -> Agency:
    """The administrator names the agency's 行政复议机关 (docs/law.md#remedies)."""
    if not actor.is_administrator:
        raise Forbidden("只有系统管理员可以设置行政复议机关。")
    agency = Agency.objects.get(pk=agency_id)
    agency.review_body = " ".join(review_body.split())[:100]
    agency.save(update_fields=["review_body"])
    return agency
