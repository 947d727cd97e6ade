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

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from jinja2 import Environment

# a number no page shows: the address of a view taking one number is reversed once with it,
# then made for each row by putting the row's number in its place (a list of fifty cases
# would otherwise reverse fifty times)
_SENTINEL = 7_300_529_184_667
_WITH_NUMBER: dict[tuple[str, str], str | None] = {}


def url(name: str, *args: Any) -> str:
    """``{% url name *args %}``."""
    if len(args) == 1 and type(args[0]) is int and args[0] >= 0:
        key = (name, get_script_prefix())
        if key not in _WITH_NUMBER:
            made = reverse(name, args=[_SENTINEL])
            _WITH_NUMBER[key] = made if made.count(str(_SENTINEL)) == 1 else None
        shape = _WITH_NUMBER[key]
        if shape is not None:
            return shape.replace(str(_SENTINEL), str(args[0]))
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
