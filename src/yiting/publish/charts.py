"""Charts drawn as inline SVG (no script, nothing loaded): the figures page's bars.

Every label is escaped; every bar carries a <title> with its figure, so a screen reader (or a
long press) reads the number, and the figure also stands in a table beside the chart.
"""

from __future__ import annotations

from markupsafe import Markup, escape

INK = "currentColor"
SECOND = "#888"  # the second series (closed), readable on white and on black


def columns(labels: list[str], series: list[tuple[str, list[int]]], *, height: int = 160) -> Markup:
    """Grouped vertical bars, one group per label (a month), one bar per series; at most two
    series (raised, closed). Labels are written under every few groups so they never overlap."""
    groups = len(labels)
    if not groups:
        return Markup("")
    bar = 6 if groups > 12 else 10
    group_w = bar * len(series) + 4
    top, bottom, left = 18, 40, 30
    width = left + groups * group_w + 4
    most = max([1, *(v for _, values in series for v in values)])
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img"'
             f' xmlns="http://www.w3.org/2000/svg" font-size="14">']
    scale = (height - top - bottom) / most
    base = height - bottom
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width}" y2="{base}" stroke="{INK}"/>')
    parts.append(f'<text x="{left - 3}" y="{top + 4}" text-anchor="end" fill="{INK}">{most}</text>')
    step = max(1, (groups + 4) // 5)
    for g, label in enumerate(labels):
        x = left + g * group_w + 2
        for s, (name, values) in enumerate(series):
            value = values[g]
            if not value:
                continue  # the table beside the chart says the zeros
            h = round(value * scale, 1)
            colour = INK if s == 0 else SECOND
            parts.append(f'<rect x="{x + s * bar}" y="{round(base - h, 1)}" width="{bar - 1}" height="{h}"'
                         f' fill="{colour}"><title>{escape(label)} {escape(name)} {value}</title></rect>')
        if g % step == 0:
            parts.append(f'<text x="{x}" y="{base + 16}" fill="{INK}">{escape(label)}</text>')
    legend_y = height - 6
    for s, (name, _) in enumerate(series):
        x = left + s * 70
        parts.append(f'<rect x="{x}" y="{legend_y - 8}" width="8" height="8" fill="{INK if s == 0 else SECOND}"/>'
                     f'<text x="{x + 11}" y="{legend_y}" fill="{INK}">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bars(rows: list[tuple[str, int]], *, second: list[int] | None = None) -> Markup:
    """Horizontal bars, one row per label (a category, a party), the figure at the bar's end;
    `second` draws a thinner grey bar under each (closed beside raised)."""
    if not rows:
        return Markup("")
    row_h = 22 if second is None else 30
    width, label_w = 360, 110
    most = max([1, *(v for _, v in rows), *(second or [])])
    scale = (width - label_w - 40) / most
    height = row_h * len(rows) + 4
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img"'
             f' xmlns="http://www.w3.org/2000/svg" font-size="12">']
    for n, (label, value) in enumerate(rows):
        y = n * row_h + 2
        w = round(value * scale, 1)
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" fill="{INK}">{escape(label[:9])}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="12" fill="{INK}">'
                     f'<title>{escape(label)} {value}</title></rect>'
                     f'<text x="{label_w + w + 4}" y="{y + 13}" fill="{INK}">{value}</text>')
        if second is not None:
            w2 = round(second[n] * scale, 1)
            parts.append(f'<rect x="{label_w}" y="{y + 17}" width="{w2}" height="6" fill="{SECOND}">'
                         f'<title>{escape(label)} {second[n]}</title></rect>')
    parts.append("</svg>")
    return Markup("".join(parts))
