"""Bar charts as SVG, drawn on the server. No Django import.

Every label is escaped here; the SVG carries role="img", a <title> and a
<desc> naming each value, so a screen reader hears the numbers, and the
audit page shows the same figures as a table beside it.
"""

from html import escape

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 220
CHART_WIDTH = 640
COLOUR = "#2f5d8a"  # 7:1 against white, for the bars' value labels too
TEXT = "#1a1a1a"


def _fit(label, limit=32):
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(rows, *, title, chart_id):
    """A horizontal bar chart of (label, value) rows, largest scale first."""
    rows = [(str(label), int(value)) for label, value in rows]
    top = max((value for _, value in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 60
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{CHART_WIDTH}" '
        f'height="{height}" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(describe(rows))}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(span * value / top, 1)
        middle = y + BAR_HEIGHT / 2 + 4
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" font-size="13" '
            f'fill="{TEXT}">{escape(_fit(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{COLOUR}"></rect>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{middle}" font-size="13" '
            f'fill="{TEXT}">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def describe(rows):
    """The chart in words: "Karen Bass: 12; Ray Ortiz: 3"."""
    if not rows:
        return "No data."
    return "; ".join(f"{label}: {value}" for label, value in rows) + "."
