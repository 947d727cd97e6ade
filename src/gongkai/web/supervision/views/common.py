"""What every supervision page shares: the region read for the user, and the query string."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from gongkai.web.agencies.access import Actor
from gongkai.web.supervision import rectification, selectors


def base_context(actor: Actor, region_id: int) -> dict[str, Any]:
    region = selectors.region_for_read(actor, region_id)
    return {
        "nav": "supervision",
        "region": region,
        "writable": selectors.can_write(actor, region),
        "years": selectors.roster_years(region),
        # the year whose reports are due now (by 31 January / 31 March of this year)
        "report_year": timezone.localdate().year - 1,
        "rectify_overdue": rectification.overdue_count(region),
    }


def query_string(request: HttpRequest) -> str:
    return request.GET.urlencode()
