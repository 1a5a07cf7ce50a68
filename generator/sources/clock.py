"""Dates where the plans apply: today in Vietnam, and dates written the Vietnamese way."""

from __future__ import annotations

import datetime as dt

VIETNAM = dt.timezone(dt.timedelta(hours=7))


def today_in_vietnam() -> dt.date:
    """Today's date in Vietnam (UTC+7, no daylight saving), whatever the machine's zone."""
    return dt.datetime.now(VIETNAM).date()


def date_in_vietnam(moment: str) -> dt.date:
    """The date in Vietnam at an ISO 8601 moment with a zone ("2026-11-23T18:05:00Z"), e.g. the
    time a CI pipeline was created, so that every job of a pipeline uses the same status date
    even when the jobs straddle midnight."""
    parsed = dt.datetime.fromisoformat(moment.strip().replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"{moment!r} has no time zone")
    return parsed.astimezone(VIETNAM).date()


def vn_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates ("" for None)."""
    return f"{value:%d/%m/%Y}" if value else ""
