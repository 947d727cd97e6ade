"""The coverage board: units × years, and the cell behind each square."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString

from gongkai.report.render import render as render_report
from gongkai.supervision.coverage import STATUS_LABEL, STATUSES
from gongkai.supervision.roster import UNIT_TYPES
from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.errors import NotFound
from gongkai.web.exports import FORMATS, respond
from gongkai.web.supervision import board as boards
from gongkai.web.supervision import snapshots
from gongkai.web.supervision.board_html import rows_html
from gongkai.web.supervision.views.common import base_context, query_string


@staff_view
def board(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    ctx = base_context(actor, region)
    filters = boards.Filters.of(request.GET)
    kept = snapshots.current(ctx["region"], ctx["years"])
    units, years, cells, issues = snapshots.board_parts(kept)

    def shown() -> tuple[list[boards.BoardRow], dict[int, dict[str, int]], SafeString]:
        rows, counts = boards.board_of(units, years, cells, issues, filters)
        return rows, counts, rows_html(rows, region, years)

    rows, counts, html = snapshots.memo(("board", filters, *snapshots.key(kept)), shown)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        return respond(
            fmt, f"{ctx['region'].name}发布情况", boards.BOARD_HEADERS, boards.board_table(rows)
        )
    by_id = {u.id: u for u in units}
    parents = sorted({u.parent for u in units if u.parent and u.parent in by_id})
    return render(
        request,
        "supervision/board.html",
        {
            **ctx,
            "rows": rows,
            "rows_html": html,
            "counts": counts,
            "filters": filters,
            "statuses": [(s, STATUS_LABEL[s], boards.COLOUR[s]) for s in STATUSES],
            "types": UNIT_TYPES,
            "parents": [(p, by_id[p].name) for p in parents],
            "query": query_string(request),
        },
    )


@staff_view
def cell(request: HttpRequest, actor: Actor, region: int, year: int) -> HttpResponse:
    ctx = base_context(actor, region)
    unit_id = request.GET.get("unit", "")
    data = boards.load(ctx["region"], [y for y in (year - 1, year) if y in ctx["years"]])
    found = data.view.coverage.cells.get((unit_id, year))
    if found is None:
        raise NotFound("名单中没有这个单位。")
    entry = data.view.corpora[year].entry(unit_id, year)
    rows = [r for r in data.findings.get(year, []) if r.item.unit_id == unit_id]
    return render(
        request,
        "supervision/cell.html",
        {
            **ctx,
            "year": year,
            "unit": data.units[unit_id],
            "cell": found,
            "entry": entry,
            "findings": rows,
            "colour": boards.COLOUR[found.status],
            "report_url": reverse(
                "supervision:cell_report", kwargs={"region": region, "year": year}
            )
            + "?"
            + request.GET.urlencode()
            if entry
            else "",
        },
    )


@staff_view
def cell_report(request: HttpRequest, actor: Actor, region: int, year: int) -> HttpResponse:
    """The unit's current report, rendered by gongkai.report.render, in a sandbox."""
    ctx = base_context(actor, region)
    unit_id = request.GET.get("unit", "")
    data = boards.load(ctx["region"], [y for y in (year - 1, year) if y in ctx["years"]])
    corpus = data.view.corpora.get(year)
    entry = corpus.entry(unit_id, year) if corpus else None
    if entry is None:
        raise NotFound("没有这个单位这一年度的报告。")
    response = HttpResponse(
        render_report(entry.current.report, "html"), content_type="text/html; charset=utf-8"
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; style-src 'unsafe-inline'"
    return response
