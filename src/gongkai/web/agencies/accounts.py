"""Everyday account work without the raw Django admin: an administrator lists the staff of the
agencies they administer, adds a user with a role, resets a password, deactivates an account.

An administrator administers every agency of their own government's tree (the root of the
agency they belong to and everything below it); an administrator account without an agency
(a superuser made on the command line) administers every agency.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from gongkai.web.agencies.models import Agency, StaffMember
from gongkai.web.agencies.selectors import Actor
from gongkai.web.agencies.services import create_staff
from gongkai.web.errors import Forbidden, InvalidInput, NotFound


def agencies_administered(actor: Actor) -> QuerySet[Agency]:
    if not actor.is_administrator:
        return Agency.objects.none()
    if actor.staff is None:
        return Agency.objects.all()
    root = actor.staff.agency.path.split("/", 1)[0]
    return Agency.objects.filter(path__startswith=f"{root}/")


def _require_administrator(actor: Actor) -> None:
    if not actor.is_administrator:
        raise Forbidden("只有系统管理员可以管理用户。")


def staff_administered(actor: Actor) -> QuerySet[StaffMember]:
    _require_administrator(actor)
    return (
        StaffMember.objects.filter(agency__in=agencies_administered(actor))
        .select_related("user", "agency")
        .order_by("agency__path", "display_name")
    )


def _staff_for_change(actor: Actor, staff_id: int) -> StaffMember:
    found = staff_administered(actor).filter(pk=staff_id).first()
    if found is None:
        raise NotFound("没有这个工作人员，或者不在您管理的机关。")
    return found


def _check_password(password: str, user: Any = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        message = "；".join(error.messages)
        raise InvalidInput(message, fields={"password": message}) from error


@transaction.atomic
def add_staff(
    actor: Actor, *, username: str, password: str, agency_id: int, role: str, display_name: str
) -> StaffMember:
    _require_administrator(actor)
    agency = agencies_administered(actor).filter(pk=agency_id).first()
    if agency is None:
        raise InvalidInput(
            "只能在您管理的机关中添加用户。", fields={"agency": "不在您管理的机关中。"}
        )
    if get_user_model().objects.filter(username=username).exists():
        raise InvalidInput("用户名已被使用。", fields={"username": "用户名已被使用。"})
    _check_password(password)
    return create_staff(
        username=username, password=password, agency=agency, role=role, display_name=display_name
    )


def reset_password(actor: Actor, staff_id: int, password: str) -> StaffMember:
    staff = _staff_for_change(actor, staff_id)
    _check_password(password, staff.user)
    staff.user.set_password(password)
    staff.user.save(update_fields=["password"])
    return staff


def set_active(actor: Actor, staff_id: int, active: bool) -> StaffMember:
    """Deactivate (or reactivate) an account: it can no longer log in nor use its API tokens."""
    staff = _staff_for_change(actor, staff_id)
    if staff.user_id == actor.user_id and not active:
        raise InvalidInput("不能停用自己的账号。")
    staff.user.is_active = active
    staff.user.save(update_fields=["is_active"])
    return staff
