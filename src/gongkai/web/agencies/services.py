"""Writes for agencies and staff."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.web.agencies.models import Agency, ApiToken, Role, StaffMember
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import Forbidden


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
        username=username, password=password, is_staff=role == Role.ADMINISTRATOR,
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


def set_path(agency: Agency) -> None:
    """Recompute the materialised path of ``agency`` and its subtree (after a move)."""
    agency.path = f"{agency.parent.path if agency.parent else ''}{agency.pk}/"
    agency.save(update_fields=["path"])
    for child in agency.children.all():
        set_path(child)


def set_review_body(actor: Actor, agency_id: int, review_body: str) -> Agency:
    """The administrator names the agency's 行政复议机关 (legal-spec §1.14)."""
    if not actor.is_administrator:
        raise Forbidden("只有系统管理员可以设置行政复议机关。")
    agency = Agency.objects.get(pk=agency_id)
    agency.review_body = " ".join(review_body.split())[:100]
    agency.save(update_fields=["review_body"])
    return agency
