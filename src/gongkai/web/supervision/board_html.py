"""The board's rows as HTML, written here rather than in the template: a region of a thousand
units over five years is five thousand cells, and the template language spends about 50 µs on
each (attribute look-ups, a URL reversed per cell), format_html about 10 — a quarter of a second
per page. The markup is what the template wrote; every value is escaped (html.escape, quotes
included) before it is put in, so the result may be marked safe."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from urllib.parse import quote

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from gongkai.web.supervision.board import BoardRow

EMPTY = '<tr><td colspan="9" class="muted">没有符合条件的单位。</td></tr>'


def rows_html(rows: Sequence[BoardRow], region_id: int, years: Iterable[int]) -> SafeString:
    cell_url = {
        y: escape(reverse("supervision:cell", kwargs={"region": region_id, "year": y}))
        for y in years
    }
    out: list[str] = []
    for row in rows:
        unit = escape(quote(row.unit.id, safe="/"))
        name = escape(row.unit.name)
        page = escape(
            reverse("supervision:unit", kwargs={"region": region_id, "unit_id": row.unit.id})
        )
        parts = [
            f'<tr data-unit="{name}"><td><a class="unit-link" href="{page}">{name}</a></td>'
            f"<td>{escape(row.unit.type)}</td><td>{escape(row.parent_name)}</td>"
        ]
        for c in row.cells:
            issues = f' <span class="muted">问题{c.issues}</span>' if c.issues else ""
            parts.append(
                f'<td class="cell"><a class="st {escape(c.colour)} status-{escape(c.cell.status)}" '
                f'title="{escape(c.cell.detail)}" href="{cell_url[c.cell.year]}?unit={unit}">'
                f"{escape(c.label)}</a>{issues}</td>"
            )
        parts.append("</tr>")
        out.append("".join(parts))
    return mark_safe("\n".join(out) if out else EMPTY)  # every value escaped above
