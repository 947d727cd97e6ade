"""Files for download, named in Chinese: one way to say so to every browser."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse


def attachment(
    content: bytes | str, content_type: str, name: str, fallback: str = "download"
) -> HttpResponse:
    """A download named ``name`` (RFC 5987), with an ASCII ``fallback`` name for old clients."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
