"""Charts as SVG written by hand: the same input gives the same bytes.

No plotting library: each chart is a few rectangles, lines and labels placed on a fixed grid,
every coordinate written with two decimals, nothing random, no time stamp. A null value is
never drawn as 0: its bar or point is left out and its label says "空".

* :func:`bar_chart` — one bar per category (``<rect class="bar">``), the value above it;
* :func:`line_chart` — one line per series over the years (``<circle class="point">`` per
  known value, ``<polyline class="line">`` through consecutive known points).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from xml.sax.saxutils import escape, quoteattr

__all__ = ["Chart", "bar_chart", "line_chart"]

Number = int | float | Decimal | Fraction
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 40, 64
COLOURS = ("#3b6ea5", "#c8553d", "#5b8c51", "#8e6c8a", "#d4a017", "#4f9da6")
FONT = "font-family=\"'Noto Sans CJK SC','Microsoft YaHei','SimSun',sans-serif\""


@dataclass(frozen=True)
class Chart:
    """A chart's SVG and the figures it shows (a table for documents that cannot show SVG)."""

    name: str  # file stem: charts/<name>.svg
    title: str
    svg: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _n(value: float) -> str:
    return f"{value:.2f}"


def _label(value: Number | None) -> str:
    if value is None:
        return "空"
    if isinstance(value, Fraction | float):
        return _n(float(value)).rstrip("0").rstrip(".")
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scale_top(values: Sequence[Number | None]) -> float:
    """A round upper bound for the axis: 1, 2 or 5 × 10^k at or above the largest value."""
    largest = max((float(v) for v in values if v is not None), default=0.0)
    if largest <= 0:
        return 1.0
    step = 1.0
    while step * 10 <= largest:
        step *= 10
    while step > largest * 10:
        step /= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= largest:
            return step * factor
    return step * 10


def _open(title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        f'<rect class="background" x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{WIDTH // 2}" y="24" text-anchor="middle" font-size="16" {FONT}>'
        f"{escape(title)}</text>",
    ]


def _axis(top: float) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    out = []
    for i in range(5):
        value = top * i / 4
        y = HEIGHT - BOTTOM - plot_h * i / 4
        out.append(
            f'<line class="grid" x1="{LEFT}" y1="{_n(y)}" x2="{WIDTH - RIGHT}" y2="{_n(y)}" '
            'stroke="#dddddd" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{_n(y + 4)}" text-anchor="end" font-size="11" {FONT}>'
            f"{_label(round(value, 2))}</text>"
        )
    out.append(
        f'<line class="axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="#333333" stroke-width="1"/>'
    )
    return out


def bar_chart(
    name: str, title: str, labels: Sequence[str], values: Sequence[Number | None], unit: str = ""
) -> Chart:
    if len(labels) != len(values):
        raise ValueError("one value per label")
    top = _scale_top(values)
    parts = _open(title) + _axis(top)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(labels), 1)
    bar = slot * 0.6
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + slot * i + (slot - bar) / 2
        centre = LEFT + slot * i + slot / 2
        if value is not None:
            h = plot_h * float(value) / top
            y = HEIGHT - BOTTOM - h
            parts.append(
                f'<rect class="bar" x="{_n(x)}" y="{_n(y)}" width="{_n(bar)}" height="{_n(h)}" '
                f'fill="{COLOURS[0]}"><title>{escape(label)}：{_label(value)}{escape(unit)}</title>'
                "</rect>"
            )
        else:
            y = HEIGHT - BOTTOM
        parts.append(
            f'<text class="value" x="{_n(centre)}" y="{_n(y - 4)}" text-anchor="middle" '
            f'font-size="11" {FONT}>{_label(value)}</text>'
        )
        parts.append(
            f'<text class="label" x="{_n(centre)}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle" font-size="11" {FONT}>{escape(label)}</text>'
        )
    parts.append("</svg>")
    rows = tuple((label, _label(v)) for label, v in zip(labels, values, strict=True))
    header = f"数值（{unit}）" if unit else "数值"
    return Chart(name, title, "\n".join(parts) + "\n", ("项目", header), rows)


def line_chart(
    name: str,
    title: str,
    years: Sequence[int],
    series: Sequence[tuple[str, Sequence[Number | None]]],
    unit: str = "",
) -> Chart:
    if any(len(values) != len(years) for _, values in series):
        raise ValueError("one value per year in every series")
    top = _scale_top([v for _, values in series for v in values])
    parts = _open(title) + _axis(top)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(years), 1)

    def xy(index: int, value: Number) -> tuple[float, float]:
        return LEFT + step * index + step / 2, HEIGHT - BOTTOM - plot_h * float(value) / top

    for i, year in enumerate(years):
        x = LEFT + step * i + step / 2
        parts.append(
            f'<text class="label" x="{_n(x)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="11" {FONT}>{year}年</text>'
        )
    for number, (label, values) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        run: list[str] = []
        runs: list[list[str]] = []
        for i, value in enumerate(values):
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            x, y = xy(i, value)
            run.append(f"{_n(x)},{_n(y)}")
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                parts.append(
                    f'<polyline class="line" points="{" ".join(points)}" fill="none" '
                    f'stroke="{colour}" stroke-width="2"/>'
                )
        for i, value in enumerate(values):
            if value is None:
                continue
            x, y = xy(i, value)
            parts.append(
                f'<circle class="point" cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{colour}">'
                f"<title>{escape(label)} {years[i]}年：{_label(value)}{escape(unit)}</title>"
                "</circle>"
            )
        legend_x = LEFT + 130 * number
        parts.append(
            f'<rect class="legend" x="{legend_x}" y="{HEIGHT - 24}" width="12" height="12" '
            f'fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{legend_x + 16}" y="{HEIGHT - 14}" font-size="11" {FONT}>'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    headers = ("指标", *(f"{y}年" for y in years))
    rows = tuple((label, *(_label(v) for v in values)) for label, values in series)
    return Chart(name, title, "\n".join(parts) + "\n", headers, rows)
