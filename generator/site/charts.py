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


def legend(entries: list[tuple[str, str]]) -> Markup:
    """The key of a chart: a swatch of each colour (decorative) and the words it stands for."""
    items = "".join(
        f'<li><span class="ck-swatch" style="background:{escape(colour)}" aria-hidden="true">'
        f"</span>{escape(label)}</li>" for colour, label in entries)
    return Markup(f'<ul class="ck-legend" aria-label="Chú giải màu">{items}</ul>')


def status_legend(rows: list[BarRow]) -> Markup:
    """The legend of the statuses present in ``rows``, in display order."""
    present = [c for c in ORDER if any(r.counts.get(c) for r in rows)]
    return legend([(STYLES[c].colour, LABELS[c]) for c in present])


def status_chart(rows: list[BarRow], caption: str, row_header: str) -> Markup:
    """A captioned table of stacked bars scaled to the largest row, with its legend."""
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
        f'<figure class="ck-figure-chart">{status_legend(rows)}'
        f'<table class="ck-chart"><caption>{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{escape(row_header)}</th>'
        '<th scope="col">Phân bố trạng thái</th><th scope="col">Số nhiệm vụ</th></tr></thead>'
        f"<tbody>{body}</tbody></table></figure>"
    )


@dataclass(frozen=True)
class PastDueRow:
    """An agency ranked by its tasks past due: those a report says are unfinished (``overdue``)
    and those nobody reported on (``unreported``), kept apart; ``led`` is all it leads."""

    label: Markup
    overdue: int
    unreported: int
    led: int

    @property
    def past_due(self) -> int:
        """Both kinds together: what the ranking is by."""
        return self.overdue + self.unreported


OVERDUE_WORDS = "Quá hạn theo báo cáo"
UNREPORTED_WORDS = "Đã qua hạn, chưa có báo cáo"


def past_due_chart(rows: list[PastDueRow], caption: str, bars: bool = True) -> Markup:
    """A ranking table: per agency, its tasks past due in two figures kept apart and the tasks
    it leads; with ``bars``, a two-part bar (reported overdue, then unreported) and its legend.
    The colours are those of the statuses the two figures count."""
    if not rows:
        return Markup("")
    largest = max(r.past_due for r in rows) or 1
    overdue_colour = STYLES[Status.IN_PROGRESS_LATE].colour
    unreported_colour = STYLES[Status.NO_REPORT_LATE].colour
    body = []
    for r in rows:
        bar = ""
        if bars:
            a = 100 * r.overdue / largest
            b = 100 * r.unreported / largest
            bar = (
                '<td class="ck-bar-cell"><svg class="ck-bar" viewBox="0 0 100 10" '
                'preserveAspectRatio="none" aria-hidden="true" focusable="false">'
                '<rect x="0" y="0" width="100" height="10" fill="#f1f3f5"/>'
                f'<rect x="0" y="0" width="{a:.3f}" height="10" fill="{overdue_colour}"/>'
                f'<rect x="{a:.3f}" y="0" width="{b:.3f}" height="10" '
                f'fill="{unreported_colour}"/></svg></td>'
            )
        body.append(
            f'<tr><th scope="row">{r.label}</th>{bar}<td class="ck-num">{r.overdue}</td>'
            f'<td class="ck-num">{r.unreported}</td><td class="ck-num">{r.past_due}</td>'
            f'<td class="ck-num">{r.led}</td></tr>')
    key = legend([(overdue_colour, OVERDUE_WORDS), (unreported_colour, UNREPORTED_WORDS)])
    return Markup(
        f'<figure class="ck-figure-chart">{key if bars else ""}'
        f'<table class="ck-chart ck-ranking"><caption>{escape(caption)}</caption>'
        '<thead><tr><th scope="col">Cơ quan</th>'
        + ('<th scope="col">Biểu đồ</th>' if bars else "")
        + f'<th scope="col">{OVERDUE_WORDS}</th><th scope="col">{UNREPORTED_WORDS}</th>'
        '<th scope="col">Tổng đã qua hạn</th><th scope="col">Nhiệm vụ chủ trì</th></tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></figure>'
    )
