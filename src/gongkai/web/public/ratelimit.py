"""Rate limits in the database, so every server process sees the same count.

Counting and recording an attempt happen under one lock per (bucket, client), so requests that
come at the same moment are admitted one at a time and the limit is exact (on PostgreSQL a
row lock; SQLite takes its write lock at BEGIN IMMEDIATE). An attempt recorded with
:func:`hit` may be taken back with :func:`release` when it turned out well (a right secret, a
good password): what is then counted is failures.

The client address is REMOTE_ADDR. Behind a reverse proxy, REMOTE_ADDR is the proxy's:
``GONGKAI_CLIENT_ADDRESS_HEADER`` (e.g. ``X-Forwarded-For``) names the header the proxy sets,
and the address taken is the one the proxy appended last (``GONGKAI_CLIENT_ADDRESS_PROXIES``
proxies in a row: the n-th from the right). A client can put anything in that header itself,
so it is read only when configured.
"""

from __future__ import annotations

import ipaddress
import zlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from gongkai.web.errors import RateLimited
from gongkai.web.public.models import PublicAttempt, RateStripe

STRIPES = 1024
KEEP = timedelta(days=1)  # attempts older than this are deleted; every window is shorter


def client_address(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")[:64]
    header = getattr(settings, "GONGKAI_CLIENT_ADDRESS_HEADER", "")
    if not header:
        return remote
    hops = [h.strip() for h in str(request.headers.get(header, "")).split(",") if h.strip()]
    proxies = max(1, int(getattr(settings, "GONGKAI_CLIENT_ADDRESS_PROXIES", 1)))
    if len(hops) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-proxies]))[:64]
    except ValueError:  # not an address: the header was not set by our proxy
        return remote


def _serialize(bucket: str, client: str) -> None:
    """Wait for any other transaction counting the same (bucket, client), then hold it."""
    stripe = zlib.crc32(f"{bucket}\0{client}".encode()) % STRIPES
    if not RateStripe.objects.filter(pk=stripe).exists():
        RateStripe.objects.bulk_create([RateStripe(pk=stripe)], ignore_conflicts=True)
    list(RateStripe.objects.select_for_update().filter(pk=stripe).values_list("pk", flat=True))


def recent(bucket: str, client: str, window: int, now: datetime | None = None) -> int:
    since = (now or timezone.now()) - timedelta(seconds=window)
    return PublicAttempt.objects.filter(bucket=bucket, client=client, at__gte=since).count()


@transaction.atomic
def hit(
    bucket: str,
    client: str,
    *,
    now: datetime | None = None,
    limit: int | None = None,
    window: int | None = None,
    message: str = "",
) -> int:
    """Count one attempt, or raise :class:`RateLimited` when ``client`` is over its limit;
    returns the attempt's id (for :func:`release`)."""
    now = now or timezone.now()
    limit = settings.GONGKAI_PUBLIC_RATE_LIMIT if limit is None else limit
    window = settings.GONGKAI_PUBLIC_RATE_WINDOW if window is None else window
    _serialize(bucket, client)
    PublicAttempt.objects.filter(at__lt=now - KEEP).delete()
    if recent(bucket, client, window, now) >= limit:
        minutes = max(1, window // 60)
        raise RateLimited(
            message.format(minutes=minutes, limit=limit)
            if message
            else f"提交过于频繁：同一地址{minutes}分钟内最多{limit}次，请稍后再试。"
        )
    return PublicAttempt.objects.create(bucket=bucket, client=client, at=now).pk


def release(*attempts: int) -> None:
    """Take back attempts that turned out well."""
    PublicAttempt.objects.filter(pk__in=attempts).delete()


def forget(bucket: str, client: str) -> None:
    """Clear the count of ``client`` (the applicant who knows the secret)."""
    PublicAttempt.objects.filter(bucket=bucket, client=client).delete()
