"""Rate limits in the database, so every server process sees the same count.

Counting and recording an attempt happen under one lock per (bucket, client), so requests that
come at the same moment are admitted one at a time and the limit is exact (on PostgreSQL a
row lock; SQLite takes its write lock at BEGIN IMMEDIATE). An attempt recorded with
:func:`hit` may be taken back with :func:`release` when it turned out well (a right secret, a
good password): what is then counted is failures.

The client address is REMOTE_ADDR, and nothing else unless a proxy is configured: a client can
put anything in an X-Forwarded-For header itself. Behind a reverse proxy, REMOTE_ADDR is the
proxy's. ``GONGKAI_TRUSTED_PROXIES`` lists the proxies' addresses or networks: the header
(``GONGKAI_CLIENT_ADDRESS_HEADER``, X-Forwarded-For by default) is read only on a request that
comes from one of them, from the right, past the addresses of trusted proxies; the first other
address is the client (what the client wrote itself lies further left and is never reached).
Without that list, ``GONGKAI_CLIENT_ADDRESS_HEADER`` alone takes the address the proxy appended
last (``GONGKAI_CLIENT_ADDRESS_PROXIES`` proxies in a row: the n-th from the right), which is
right only when no request can reach the server except through the proxy.

An IPv6 client is counted by its /64 network (one subscriber's; a host picks addresses in it
at will), an IPv4-mapped address as the IPv4 address.
"""

from __future__ import annotations

import functools
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


Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(text: str) -> Address | None:
    """The address in ``text``; a port after it (``1.2.3.4:5678``, ``[2001:db8::1]:80``) is
    dropped; None when it is no address."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _key(address: Address) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """GONGKAI_TRUSTED_PROXIES as networks (an address is a network of one); an entry that is
    neither is an error in the deployment's settings, raised (ValueError) on the first request."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def trusted_proxies() -> tuple[Network, ...]:
    entries = getattr(settings, "GONGKAI_TRUSTED_PROXIES", ())
    if isinstance(entries, str):
        entries = entries.split(",")
    return _networks(tuple(e.strip() for e in entries if e.strip()))


def client_address(request: HttpRequest) -> str:
    raw = str(request.META.get("REMOTE_ADDR") or "unknown")
    remote = _address(raw)
    if remote is None:
        return raw[:64]
    proxies = trusted_proxies()
    header = getattr(settings, "GONGKAI_CLIENT_ADDRESS_HEADER", "") or (
        "X-Forwarded-For" if proxies else ""
    )
    if not header:
        return _key(remote)
    hops = [h.strip() for h in str(request.headers.get(header, "")).split(",") if h.strip()]
    if proxies:
        return _key(_behind_trusted(remote, hops, proxies))
    count = max(1, int(getattr(settings, "GONGKAI_CLIENT_ADDRESS_PROXIES", 1)))
    if len(hops) < count:
        return _key(remote)
    return _key(_address(hops[-count]) or remote)  # not an address: not set by our proxy


def _behind_trusted(remote: Address, hops: list[str], proxies: tuple[Network, ...]) -> Address:
    """The right-most address that is not a trusted proxy's, reading the header only as far as
    trusted proxies wrote it."""

    def trusted(address: Address) -> bool:
        return any(address.version == net.version and address in net for net in proxies)

    if not trusted(remote):
        return remote  # the request did not come through our proxy: its header is the client's
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return remote  # garbage where our proxy should have written an address
        if not trusted(address):
            return address
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
