"""Reporting periods of the reporting regime (Nghị định 09/2019/NĐ-CP): quarter, half-year, year.

Written ``2026-Q3``, ``2026-H1`` or ``2026`` on the command line and in a form's identity; shown
as Vietnamese documents name them ("Quý III/2026", "6 tháng đầu năm 2026", "Năm 2026").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_ROMAN = ("I", "II", "III", "IV")
_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*-\s*([QqHh])\s*([1-4]))?\s*$")


class PeriodError(ValueError):
    """A period that cannot be read; the message is Vietnamese."""


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: ``kind`` is "Q" (quarter), "H" (half-year) or "Y" (year)."""

    year: int
    kind: str
    number: int = 1

    @property
    def code(self) -> str:
        """``2026-Q3``, ``2026-H1``, ``2026``."""
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}{self.number}"

    @property
    def label(self) -> str:
        """Vietnamese name of the period."""
        if self.kind == "Q":
            return f"Quý {_ROMAN[self.number - 1]}/{self.year}"
        if self.kind == "H":
            half = "đầu" if self.number == 1 else "cuối"
            return f"6 tháng {half} năm {self.year}"
        return f"Năm {self.year}"

    @property
    def start(self) -> dt.date:
        """First day of the period."""
        months = {"Q": 3, "H": 6, "Y": 12}[self.kind]
        return dt.date(self.year, (self.number - 1) * months + 1, 1)

    @property
    def end(self) -> dt.date:
        """Last day of the period."""
        months = {"Q": 3, "H": 6, "Y": 12}[self.kind]
        month = self.number * months
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def parse_period(text: str) -> Period:
    """``2026-Q3``, ``2026-H1`` or ``2026`` as a :class:`Period`."""
    match = _PATTERN.match(str(text))
    if not match:
        raise PeriodError(
            f"Kỳ báo cáo “{text}” không hợp lệ; viết 2026-Q3 (quý), 2026-H1 (6 tháng) hoặc 2026 "
            "(năm)."
        )
    year = int(match[1])
    if not 2000 <= year <= 2100:
        raise PeriodError(f"Năm {year} của kỳ báo cáo “{text}” không hợp lệ.")
    if match[2] is None:
        return Period(year, "Y")
    kind, number = match[2].upper(), int(match[3])
    if kind == "H" and number > 2:
        raise PeriodError(f"Kỳ báo cáo “{text}”: nửa năm chỉ có H1 (6 tháng đầu) và H2.")
    return Period(year, kind, number)


def quarter_of(day: dt.date) -> Period:
    """The quarter ``day`` falls in."""
    return Period(day.year, "Q", (day.month - 1) // 3 + 1)
