"""``{% partial "applications/case_rows.jinja" page=page %}``: a Jinja2 template (see
gongkai/web/jinja.py) rendered inside a Django template, with the request and the names given."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def partial(context: template.Context, name: str, **names: Any) -> SafeString:
    found = get_template(name, using="jinja2")
    # autoescaped by Jinja2: what it returns is HTML
    return mark_safe(found.render(names, request=context.get("request")))
