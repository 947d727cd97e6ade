"""The navigation link to a unit's own rectification items, for the staff of an agency that a
roster links to and that has items; nothing for anyone else."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html

from gongkai.web.supervision import rectification

register = template.Library()


@register.simple_tag
def unit_rectify_link(actor: Any, nav: str = "") -> str:
    if actor is None or not rectification.linked_to_a_roster(actor):
        return ""
    mine = rectification.unit_items(actor)
    if not mine.exists():
        return ""
    awaiting = mine.filter(status__in=rectification.AWAITING).count()
    return format_html(
        '<a href="{}" id="nav-unit-rectify" class="{}">整改{}</a>',
        reverse("supervision:unit_items"),
        "on" if nav == "rectify" else "",
        f"（{awaiting}）" if awaiting else "",
    )
