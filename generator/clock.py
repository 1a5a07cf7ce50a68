"""Today's date where the plans apply."""

from __future__ import annotations

import datetime as dt

VIETNAM = dt.timezone(dt.timedelta(hours=7))


def today_in_vietnam() -> dt.date:
    """Today's date in Vietnam (UTC+7, no daylight saving), whatever the machine's zone."""
    return dt.datetime.now(VIETNAM).date()
