"""Small readers of Vietnamese administrative text: dates, numbering, document kinds."""

from __future__ import annotations

import datetime as dt
import re

from generator.sources.textnorm import fold

ROMAN = re.compile(r"^[IVXL]{1,7}$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}

DATE_WORDS = re.compile(
    r"ngày\s+(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
DATE_SLASH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?!\d)")
DATE_ANY = re.compile(DATE_WORDS.pattern + "|" + r"(?:ngày\s+)?" + DATE_SLASH.pattern,
                      re.IGNORECASE)

# Document kinds as headings write them, with the kind code of their numbers.
DOCUMENT_KINDS = (
    ("quyet dinh", "quyet-dinh", "QĐ"),
    ("ke hoach", "ke-hoach", "KH"),
    ("chi thi", "chi-thi", "CT"),
    ("nghi quyet", "nghi-quyet", "NQ"),
    ("cong van", "cong-van", "CV"),
)


def roman_value(text: str) -> int | None:
    """The value of a Roman numeral ("IV" -> 4), or None."""
    if not ROMAN.match(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < nxt else value
    return total


def make_date(day: str, month: str, year: str) -> dt.date | None:
    """A date from its parts, or None when it does not exist."""
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def first_date(text: str) -> tuple[dt.date | None, re.Match[str] | None]:
    """The first date written in ``text`` ("ngày 29 tháng 12 năm 2017", "08/11/2011")."""
    match = DATE_ANY.search(text)
    if not match:
        return None, None
    parts = [g for g in match.groups() if g is not None]
    return make_date(*parts[:3]), match


def all_dates(text: str) -> set[dt.date]:
    """Every valid date written in ``text``."""
    out = set()
    for match in DATE_ANY.finditer(text):
        parts = [g for g in match.groups() if g is not None]
        day = make_date(*parts[:3])
        if day:
            out.add(day)
    return out


def kind_of_heading(text: str) -> str | None:
    """The document type code of a heading that is only a kind ("QUYẾT ĐỊNH" -> quyet-dinh)."""
    words = fold(text).strip(" :.")
    for name, code, _short in DOCUMENT_KINDS:
        if words == name:
            return code
    return None


def kind_of_number(number: str) -> str | None:
    """The document type told by a number's kind code ("09/CT-UBND" -> chi-thi)."""
    parts = re.split(r"[/-]", number.upper())
    for _name, code, short in DOCUMENT_KINDS:
        if short in parts[1:2]:
            return code
    return None


def is_upper(text: str) -> bool:
    """True when every letter of ``text`` is a capital (and it has letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


# A due date written in a sentence: "đến năm 2022", "trước ngày 30/6/2026", "chậm nhất Quý II/2026".
_DUE = re.compile(
    r"(?<!\w)(?:hoàn thành\s+)?(?:đến hết|đến|trước|chậm nhất|hạn chót)\s+(?:"
    r"ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|năm\s+\d{4}"
    r"|quý\s+(?:IV|III|II|I|[1-4])\s*/\s*\d{4}|tháng\s+\d{1,2}\s*/\s*\d{4})(?!\s*[-–/]?\s*\d)",
    re.IGNORECASE)


def due_phrase(text: str) -> str | None:
    """The one due date a sentence states ("Yêu cầu đến năm 2022 phải giảm…" -> "đến năm
    2022"), verbatim; None when it states none, or several that differ."""
    found = {m.group(0) for m in _DUE.finditer(text)}
    return found.pop() if len(found) == 1 else None
