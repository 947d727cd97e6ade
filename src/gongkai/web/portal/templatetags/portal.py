"""A file size in Chinese for the public pages (Django's filesizeformat says "bytes")."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def size_cn(n: int | None) -> str:
    n = int(n or 0)
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
