"""The Jinja2 environment for the templates of long lists (a page of cases, a deadline table),
which Jinja2 renders several times faster than Django's template language. Templates named
``*.jinja`` live under an app's ``jinja2/`` folder; a Django template includes one with
``{% load partials %}{% partial "name.jinja" key=value %}`` (agencies/templatetags/partials.py).

Beside Jinja2's own filters: ``url(name, *args)`` as ``{% url %}``, and ``ymd`` as Django's
``date:"Y-m-d"`` (a date or datetime in the current time zone; empty for none).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from jinja2 import Environment


def url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def ymd(value: date | datetime | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals["url"] = url
    env.filters["ymd"] = ymd
    return env
