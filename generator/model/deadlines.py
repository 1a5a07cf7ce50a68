"""Deadlines as Vietnamese administrative documents write them.

``parse_deadline`` keeps the original text and reads it into a kind and, where it has one, a due
date (the last day of the named period) and a start date. The conventions, which the methodology
page documents, are ours:

* a named period is due on its last day: "Quý I/2018" → 31/3/2018, "Tháng 12/2012" → 31/12/2012,
  "Năm 2018" → 31/12/2018, "6 tháng đầu năm 2019" → 30/6/2019, a date is due that day;
* "Trong …" gives the period's first day as the start; "Từ …" gives only a start;
* "Hoàn thành chậm nhất …", "chậm nhất …", "trước …", "đến …" mark which date is the due date when
  a text names several; "trước" a period means the day before it starts ("Trước Quý II/2018" is
  due 31/3/2018, "trước năm 2020" 31/12/2019), "trước ngày …" that day; so "Hoàn thành chậm nhất
  Quý II/2018 Triển khai thí điểm từ năm 2018-2020" is due 30/6/2018 and starts 1/1/2018;
* "… và các năm tiếp theo", "… trở đi" turn every date into a start;
* a text with a date is fixed even when it also says "theo …"; without a date, "Thường xuyên" is
  ongoing, "Hàng tháng", "Hằng năm", "Tháng 12/năm", "Định kỳ" are recurring, and "Theo tiến độ …",
  "Khi …", "Sau khi …" depend on something outside the plan (conditional).

The parser never raises: text it cannot read, a date that does not exist ("31/2/2019") or a start
after the due date comes back with ``understood=False``, so the editor is asked to write it out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from generator.sources.textnorm import nfc
from generator.sources.vocabulary import DEADLINE_KIND_NAMES


class DeadlineKind(StrEnum):
    """How a deadline behaves in time."""

    FIXED = "fixed"
    RECURRING = "recurring"
    ONGOING = "ongoing"
    CONDITIONAL = "conditional"
    START_ONLY = "start-only"
    NONE = "none"


# Labels come from the one table in the format declaration (editors see the same words there).
KIND_LABELS: dict[DeadlineKind, str] = {
    DeadlineKind(code): label for code, label in DEADLINE_KIND_NAMES.items()
}


@dataclass(frozen=True)
class Deadline:
    """A deadline: the text as written and what it means."""

    text: str | None
    kind: DeadlineKind
    due: dt.date | None = None
    start: dt.date | None = None
    understood: bool = True
    explicit: bool = False


NOT_STATED = Deadline(text=None, kind=DeadlineKind.NONE)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_SEP = r"\s*(?:/|-|năm|,\s*năm)\s*"

_PERIOD = re.compile(
    r"(?P<date>(?:ngày\s*)?(?P<d>\d{1,2})\s*/\s*(?P<dm>\d{1,2})\s*/\s*(?P<dy>(?:19|20)\d{2}))"
    r"|(?P<datel>ngày\s*(?P<d2>\d{1,2})\s*tháng\s*(?P<m2>\d{1,2})\s*năm\s*(?P<y2>(?:19|20)\d{2}))"
    r"|(?P<half>6\s*tháng\s*(?P<hw>đầu|cuối)\s*(?:năm\s*)?(?P<hy>(?:19|20)\d{2}))"
    r"|(?P<quarter>quý\s*(?P<q>iv|iii|ii|i|[1-4])\b" + _SEP + r"(?P<qy>(?:19|20)\d{2}))"
    r"|(?P<month>tháng\s*(?P<m>\d{1,2})" + _SEP + r"(?P<my>(?:19|20)\d{2}))"
    r"|(?P<range>(?P<ry1>(?:19|20)\d{2})\s*[-–—]\s*(?P<ry2>(?:19|20)\d{2}))"
    r"|(?P<year>(?<![\d/])(?P<y>(?:19|20)\d{2})(?![\d/]))"
)

_DUE_MARK = re.compile(
    r"(hoàn thành|chậm nhất|trước|đến hết|đến|hạn chót|xong)\s*(ngày|năm|trong)?\s*$"
)
_START_MARK = re.compile(r"(từ|bắt đầu)\s*(ngày|năm|tháng)?\s*$")
_WITHIN_MARK = re.compile(r"(trong|suốt)\s*(năm)?\s*$")
_BEFORE_MARK = re.compile(r"trước\s*(ngày|tháng|quý|năm)?\s*$")

_ONGOING = re.compile(r"\b(thường xuyên|liên tục)\b")
_RECURRING = re.compile(
    r"\b(hàng|hằng|định kỳ|mỗi)\s*(ngày|tuần|tháng|quý|năm|kỳ)"
    r"|\btháng\s*\d{1,2}\s*/\s*năm\b|\bquý\s*(iv|iii|ii|i|[1-4])\s*/\s*năm\b"
    r"|\b(hàng|hằng) (ngày|tuần|tháng|quý|năm)\b|^định kỳ\b"
)
_ONWARD = re.compile(r"\b(các|những) năm tiếp theo\b|\btrở đi\b|\bvề sau\b")
_CONDITIONAL = re.compile(r"^(theo|khi|sau khi|tùy|tuỳ|căn cứ|phụ thuộc)\b")


@dataclass(frozen=True)
class _Period:
    start: dt.date
    end: dt.date
    at: int  # position in the normalised text
    prefix: str  # words just before it


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _period(match: re.Match[str], text: str) -> _Period | None:
    g = match.groupdict()
    try:
        if g["date"]:
            day = dt.date(int(g["dy"]), int(g["dm"]), int(g["d"]))
            start, end = day, day
        elif g["datel"]:
            day = dt.date(int(g["y2"]), int(g["m2"]), int(g["d2"]))
            start, end = day, day
        elif g["half"]:
            year = int(g["hy"])
            if g["hw"] == "đầu":
                start, end = dt.date(year, 1, 1), dt.date(year, 6, 30)
            else:
                start, end = dt.date(year, 7, 1), dt.date(year, 12, 31)
        elif g["quarter"]:
            year = int(g["qy"])
            q = _ROMAN.get(g["q"]) or int(g["q"])
            start, end = dt.date(year, 3 * q - 2, 1), _last_day(year, 3 * q)
        elif g["month"]:
            year, month = int(g["my"]), int(g["m"])
            start, end = dt.date(year, month, 1), _last_day(year, month)
        elif g["range"]:
            y1, y2 = int(g["ry1"]), int(g["ry2"])
            if y2 < y1:
                return None
            start, end = dt.date(y1, 1, 1), dt.date(y2, 12, 31)
        else:
            year = int(g["y"])
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
    prefix = text[max(0, match.start() - 30) : match.start()]
    return _Period(start, end, match.start(), prefix)


def normalise(text: str) -> str:
    """Lowercase NFC text with single spaces and no trailing punctuation."""
    text = nfc(text).lower()
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(" .;:,")


@functools.lru_cache(maxsize=4096)
def parse_deadline(text: str | None) -> Deadline:
    """Read a deadline as written in a document. Never raises.

    Deadlines are immutable and the same texts ("Quý IV/2026", "Thường xuyên") recur across a
    province's plans, so each distinct text is read once (a tenth of loading a province)."""
    if text is None or not text.strip():
        return NOT_STATED
    original = nfc(text).strip()
    norm = normalise(original)
    matches = list(_PERIOD.finditer(norm))
    periods = [p for m in matches if (p := _period(m, norm)) is not None]
    if len(periods) < len(matches):
        # A date that does not exist ("31/2/2019") means the text cannot be trusted.
        return Deadline(original, DeadlineKind.NONE, understood=False)

    due_periods: list[_Period] = []
    starts: list[dt.date] = []
    onward = bool(_ONWARD.search(norm))
    for p in periods:
        if onward or _START_MARK.search(p.prefix):
            # "Từ Quý II/2018", "từ năm 2018-2020": when work begins, not when it is due.
            starts.append(p.start)
            continue
        if _WITHIN_MARK.search(p.prefix) or (p.start != p.end and p.start.year != p.end.year):
            starts.append(p.start)
        due_periods.append(p)

    if due_periods:
        marked = [p for p in due_periods if _DUE_MARK.search(p.prefix)]
        chosen = marked[0] if marked else due_periods[0]
        due = chosen.end
        if _BEFORE_MARK.search(chosen.prefix) and chosen.start != chosen.end:
            due = chosen.start - dt.timedelta(days=1)
        start = min(starts) if starts else None
        if start is not None and start > due:
            # "Từ Quý III/2018 đến Quý II/2018" contradicts itself: ask the editor.
            return Deadline(original, DeadlineKind.NONE, understood=False)
        return Deadline(original, DeadlineKind.FIXED, due=due, start=start)

    start = min(starts) if starts else None
    if _RECURRING.search(norm):
        return Deadline(original, DeadlineKind.RECURRING, start=start)
    if _ONGOING.search(norm):
        return Deadline(original, DeadlineKind.ONGOING, start=start)
    if start is not None:
        return Deadline(original, DeadlineKind.START_ONLY, start=start)
    if _CONDITIONAL.search(norm):
        return Deadline(original, DeadlineKind.CONDITIONAL)
    return Deadline(original, DeadlineKind.NONE, understood=False)


def explicit_deadline(
    text: str, due: dt.date | None, start: dt.date | None, kind: str | None
) -> Deadline:
    """A deadline whose meaning the editor wrote out, overriding what the parser reads."""
    parsed = parse_deadline(text)
    chosen_kind = DeadlineKind(kind) if kind else (
        DeadlineKind.FIXED if due is not None else parsed.kind
    )
    return Deadline(
        text=parsed.text,
        kind=chosen_kind,
        due=due if due is not None else (parsed.due if chosen_kind is DeadlineKind.FIXED else None),
        start=start if start is not None else parsed.start,
        understood=True,
        explicit=True,
    )
