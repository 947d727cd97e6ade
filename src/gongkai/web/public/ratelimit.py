"""Per-address rate limit for the public pages: at most ``limit`` attempts in ``window``."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from gongkai.web.errors import RateLimited
from gongkai.web.public.models import PublicAttempt


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")[:64]


@transaction.atomic
def hit(bucket: str, client: str, *, now: datetime | None = None,
        limit: int | None = None, window: int | None = None) -> None:
    """Count one attempt, or raise :class:`RateLimited` when the address is over its limit."""
    now = now or timezone.now()
    limit = settings.GONGKAI_PUBLIC_RATE_LIMIT if limit is None else limit
    window = settings.GONGKAI_PUBLIC_RATE_WINDOW if window is None else window
    since = now - timedelta(seconds=window)
    PublicAttempt.objects.filter(at__lt=now - timedelta(days=1)).delete()
    recent = PublicAttempt.objects.filter(bucket=bucket, client=client, at__gte=since).count()
    if recent >= limit:
        minutes = max(1, window // 60)
        raise RateLimited(f"提交过于频繁：同一地址{minutes}分钟内最多{limit}次，请稍后再试。")
    PublicAttempt.objects.create(bucket=bucket, client=client, at=now)
