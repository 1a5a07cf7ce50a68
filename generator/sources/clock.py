"""Dates where the plans apply: today in Vietnam, and dates written the Vietnamese way."""

from __future__ import annotations

import datetime as dt

VIETNAM = dt.timezone(dt.timedelta(hours=7))


def today_in_vietnam() -> dt.date:
    """Today's date in Vietnam (UTC+7, no daylight saving), whatever the machine's zone."""
    return dt.datetime.now(VIETNAM).date()


def vn_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates ("" for None)."""
    return f"{value:%d/%m/%Y}" if value else ""
