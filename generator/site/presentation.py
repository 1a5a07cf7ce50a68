"""How statuses look: colour, icon and CSS class, defined once for badges, charts and legends.

Colours reach at least 4.5:1 against white so the coloured label text is readable (WCAG 1.4.3)
and the chart segments stand out (1.4.11). Colour is never the only carrier: every badge has its
text label and an icon, every chart has a table of the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from generator.facts.status import ORDER, Status

# Material Design Icons (Apache License 2.0), 24×24 paths.
_CHECK_CIRCLE = (
    "M12 2C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2m-2 15-5-5 1.41-1.41L10 "
    "14.17l7.59-7.59L19 8z"
)
_CHECK_CIRCLE_OUTLINE = (
    "M12 2C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2m0 18c-4.41 0-8-3.59-8-8s3.59-8 "
    "8-8 8 3.59 8 8-3.59 8-8 8m4.59-12.42L10 14.17l-2.59-2.58L6 13l4 4 8-8z"
)
_ALERT_CIRCLE = (
    "M13 13h-2V7h2m0 10h-2v-2h2M12 2A10 10 0 0 0 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 "
    "0 0 0 12 2"
)
_DOTS_CIRCLE = (
    "M12 2c5.52 0 10 4.48 10 10s-4.48 10-10 10S2 17.52 2 12 6.48 2 12 2M7 13.5a1.5 1.5 0 1 0 "
    "0-3 1.5 1.5 0 0 0 0 3m5 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3m5 0a1.5 1.5 0 1 0 0-3 1.5 1.5 "
    "0 0 0 0 3"
)
_CIRCLE_OUTLINE = (
    "M12 20a8 8 0 0 1-8-8 8 8 0 0 1 8-8 8 8 0 0 1 8 8 8 8 0 0 1-8 8m0-18A10 10 0 0 0 2 12a10 10 "
    "0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 0 12 2"
)
_PAUSE_CIRCLE = (
    "M15 16h-2V8h2m-4 8H9V8h2m1-6A10 10 0 0 0 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 "
    "0 12 2"
)
_CLOSE_CIRCLE = (
    "M12 2c5.53 0 10 4.47 10 10s-4.47 10-10 10S2 17.53 2 12 6.47 2 12 2m3.59 5L12 10.59 8.41 7 7 "
    "8.41 10.59 12 7 15.59 8.41 17 12 13.41 15.59 17 17 15.59 13.41 12 17 8.41z"
)
_HELP_CIRCLE = (
    "M11 18h2v-2h-2zm1-16A10 10 0 0 0 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 0 12 "
    "2m0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8m0-14a4 4 0 0 0-4 4h2a2 2 0 0 1 "
    "2-2 2 2 0 0 1 2 2c0 2-3 1.75-3 5h2c0-2.25 3-2.5 3-5a4 4 0 0 0-4-4"
)

_CLOCK_OUTLINE = (
    "M12 20a8 8 0 0 0 8-8 8 8 0 0 0-8-8 8 8 0 0 0-8 8 8 8 0 0 0 8 8m0-18a10 10 0 0 1 10 10 10 10 "
    "0 0 1-10 10C6.47 22 2 17.5 2 12A10 10 0 0 1 12 2m.5 5v5.25l4.5 2.67-.75 1.23L11 13V7z"
)

_SWAP = "M21 9l-4-4v3h-7v2h7v3M7 11l-4 4 4 4v-3h7v-2H7z"


@dataclass(frozen=True)
class StatusStyle:
    """Colour and icon of a status."""

    colour: str
    icon: str


STYLES: dict[Status, StatusStyle] = {
    # Neutral, not a warning colour, no alert icon: nobody reported, so nothing is known to be
    # late (see generator.facts.status.VOCABULARY).
    Status.NO_REPORT_LATE: StatusStyle("#44403c", _CLOCK_OUTLINE),
    Status.NOT_STARTED_LATE: StatusStyle("#9a3412", _ALERT_CIRCLE),
    Status.IN_PROGRESS_LATE: StatusStyle("#92400e", _ALERT_CIRCLE),
    Status.DONE_LATE: StatusStyle("#6d28d9", _CHECK_CIRCLE_OUTLINE),
    Status.IN_PROGRESS_ON_TIME: StatusStyle("#1d4ed8", _DOTS_CIRCLE),
    Status.IN_PROGRESS: StatusStyle("#1e40af", _DOTS_CIRCLE),
    Status.NOT_STARTED: StatusStyle("#4b5563", _CIRCLE_OUTLINE),
    Status.DONE_ON_TIME: StatusStyle("#15803d", _CHECK_CIRCLE),
    Status.DONE: StatusStyle("#166534", _CHECK_CIRCLE),
    Status.PAUSED: StatusStyle("#854d0e", _PAUSE_CIRCLE),
    Status.CANCELLED: StatusStyle("#374151", _CLOSE_CIRCLE),
    Status.REPLACED: StatusStyle("#0f766e", _SWAP),
    Status.NO_REPORT: StatusStyle("#64748b", _HELP_CIRCLE),
}


def status_class(code: Status) -> str:
    """CSS class of a status badge."""
    return f"ck-st--{code.value}"


def status_css() -> str:
    """The stylesheet for status badges, generated from :data:`STYLES`."""
    rules = []
    for code in ORDER:
        style = STYLES[code]
        svg = (
            "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'>"
            f"<path d='{style.icon}'/></svg>"
        )
        data_uri = "data:image/svg+xml," + quote(svg, safe="/:=' ")
        rules.append(
            f".{status_class(code)}{{--ck-st:{style.colour}}}"
            f'.{status_class(code)}::before{{-webkit-mask-image:url("{data_uri}");'
            f'mask-image:url("{data_uri}")}}'
        )
    return "\n".join(rules) + "\n"
