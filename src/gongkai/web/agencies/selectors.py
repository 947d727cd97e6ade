"""Reads for agencies and staff, and the one place that says who may see and do what.

Rules (enforced here and used by every page and the API):
- a clerk or approver sees and handles the cases of their own agency;
- a supervisor reads the cases of their agency and every agency below it, and changes nothing;
- an administrator reads every case and keeps the calendar, the letter templates and accounts,
  but does not handle cases;
- only an approver approves an extension.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from gongkai.web.agencies.models import Agency, Role, StaffMember


@dataclass(frozen=True)
class Actor:
    """Who is acting: the user and their staff membership, resolved once per request."""

    user_id: int
    staff: StaffMember | None
    is_superuser: bool = False

    @property
    def role(self) -> str | None:
        if self.staff is not None:
            return self.staff.role
        return Role.ADMINISTRATOR if self.is_superuser else None

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def handles_cases(self) -> bool:
        return self.role in (Role.CLERK, Role.APPROVER)

    @property
    def approves(self) -> bool:
        return self.role == Role.APPROVER

    @property
    def name(self) -> str:
        return self.staff.display_name if self.staff else "管理员"


def actor_for(user) -> Actor | None:  # type: ignore[no-untyped-def]
    if user is None or not user.is_authenticated:
        return None
    staff = _staff_of(user)
    if staff is None and not user.is_superuser:
        return None
    return Actor(user_id=user.pk, staff=staff, is_superuser=user.is_superuser)


def _staff_of(user) -> StaffMember | None:  # type: ignore[no-untyped-def]
    """The user's staff membership, with its agency: as the request's user was read with them
    (auth.StaffBackend), else from the database."""
    descriptor = getattr(user.__class__, "staff", None)  # the class of a lazy request.user too
    if descriptor is not None and descriptor.is_cached(user):
        try:
            found: StaffMember = user.staff
        except StaffMember.DoesNotExist:
            return None
        return found
    return StaffMember.objects.select_related("agency").filter(user=user).first()


def readable_agency_filter(actor: Actor, field: str = "agency") -> Q:
    """A filter on a model with an agency foreign key named ``field``: what ``actor`` may read."""
    if actor.is_administrator:
        return Q()
    if actor.staff is None:
        return Q(pk__in=[])
    if actor.role == Role.SUPERVISOR:
        return Q(**{f"{field}__path__startswith": actor.staff.agency.path})
    return Q(**{f"{field}_id": actor.staff.agency_id})


def writable_agency_ids(actor: Actor) -> set[int]:
    if actor.handles_cases and actor.staff is not None:
        return {actor.staff.agency_id}
    return set()


def agencies_readable(actor: Actor) -> QuerySet[Agency]:
    if actor.is_administrator:
        return Agency.objects.all()
    if actor.staff is None:
        return Agency.objects.none()
    if actor.role == Role.SUPERVISOR:
        return Agency.objects.filter(path__startswith=actor.staff.agency.path)
    return Agency.objects.filter(pk=actor.staff.agency_id)


def readable_agency_ids(actor: Actor) -> list[int]:
    """The numbers of :func:`agencies_readable` (a staff member of one agency: no query)."""
    if actor.staff is not None and not actor.is_administrator and actor.role != Role.SUPERVISOR:
        return [actor.staff.agency_id]
    return list(agencies_readable(actor).values_list("pk", flat=True))


def public_agencies() -> QuerySet[Agency]:
    """Every agency accepts applications (art. 27)."""
    return Agency.objects.all()
