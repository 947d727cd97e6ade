"""Report → HTML, DOCX, PDF, Markdown, JSON or XLSX, in the official layout, deterministically.

Every format draws from the one description in :mod:`.layout`; two renders of the same report
are byte-identical (no timestamps, no random identifiers).
"""

from __future__ import annotations

from collections.abc import Callable

from ..canonical import dumps, to_canonical
from ..errors import GongkaiError
from ..model import Report

FORMATS: tuple[str, ...] = ("html", "docx", "pdf", "md", "json", "xlsx")
BINARY_FORMATS: frozenset[str] = frozenset({"docx", "pdf", "xlsx"})
SUFFIXES: dict[str, str] = {
    "html": ".html",
    "docx": ".docx",
    "pdf": ".pdf",
    "md": ".md",
    "json": ".json",
    "xlsx": ".xlsx",
}


class RenderError(GongkaiError):
    """A report that cannot be rendered here, e.g. the PDF font is not installed."""


def render(report: Report, to: str, *, watermark: str = "") -> bytes:
    """The report as a file of format ``to`` (one of :data:`FORMATS`).

    ``watermark``: a mark such as "草稿——未发布" carried visibly by every page or view of the
    file (a header line and a mark across each page in DOCX and PDF, a banner in HTML, Markdown
    and XLSX); JSON is data and carries none. Without it the output is unchanged.
    """
    try:
        renderer = _renderer(to)
    except KeyError:
        raise ValueError(f"unknown format {to!r}; expected one of {', '.join(FORMATS)}") from None
    if watermark and to != "json":
        return renderer(report, watermark)  # type: ignore[call-arg]
    return renderer(report)


def render_json(report: Report) -> bytes:
    return (dumps(to_canonical(report)) + "\n").encode("utf-8")


def _renderer(to: str) -> Callable[[Report], bytes]:
    # imported on demand: the PDF, DOCX and XLSX libraries load only when asked for
    if to == "json":
        return render_json
    if to == "md":
        from .markdown import render_markdown

        return render_markdown
    if to == "html":
        from .html import render_html

        return render_html
    if to == "docx":
        from .docx import render_docx

        return render_docx
    if to == "pdf":
        from .pdf import render_pdf

        return render_pdf
    if to == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx
    raise KeyError(to)


__all__ = ["BINARY_FORMATS", "FORMATS", "SUFFIXES", "RenderError", "render"]
