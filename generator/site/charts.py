"""Status charts drawn at build time as SVG: one stacked bar per row, no JavaScript.

Each chart is a table whose first column names the row and whose last column gives the total, so
the numbers are readable as text; the bar itself is decorative for screen readers (``aria-hidden``)
because the table next to it, and the counts tables on each page, carry the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.facts.status import LABELS, ORDER, Status
from generator.site.presentation import STYLES


@dataclass(frozen=True)
class BarRow:
    """One row of a chart: a label (already safe HTML, e.g. a link) and counts by status."""

    label: Markup
    counts: dict[Status, int]

    @property
    def total(self) -> int:
        """Sum of the counts."""
        return sum(self.counts.values())


def bar_svg(counts: dict[Status, int], scale_total: int) -> Markup:
    """A 100×10 stacked bar, segments in display order, each titled with its count."""
    x = 0.0
    parts = []
    for code in ORDER:
        n = counts.get(code, 0)
        if not n or not scale_total:
            continue
        width = 100 * n / scale_total
        parts.append(
            f'<rect x="{x:.3f}" y="0" width="{width:.3f}" height="10" '
            f'fill="{STYLES[code].colour}"><title>{escape(LABELS[code])}: {n}</title></rect>'
        )
        x += width
    return Markup(
        '<svg class="ck-bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false">'
        '<rect x="0" y="0" width="100" height="10" fill="#f1f3f5"/>'
        + "".join(parts)
        + "</svg>"
    )


def _as_text(counts: dict[Status, int]) -> Markup:
    return escape("; ".join(f"{LABELS[c]}: {counts[c]}" for c in ORDER if counts.get(c)))


def status_chart(rows: list[BarRow], caption: str, row_header: str) -> Markup:
    """A captioned table of stacked bars scaled to the largest row."""
    if not rows:
        return Markup("")
    largest = max(r.total for r in rows) or 1
    body = "".join(
        f"<tr><th scope=\"row\">{r.label}</th><td class=\"ck-bar-cell\">"
        f"{bar_svg(r.counts, largest)}<span class=\"ck-sr\">{_as_text(r.counts)}</span></td>"
        f"<td class=\"ck-num\">{r.total}</td></tr>"
        for r in rows
    )
    return Markup(
        f'<table class="ck-chart"><caption>{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{escape(row_header)}</th>'
        '<th scope="col">Phân bố trạng thái</th><th scope="col">Số nhiệm vụ</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
