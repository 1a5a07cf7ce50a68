"""The comparator rule: which comparison the words of an objective give one of its numbers.

One rule for every plan, stated in the editors' guide (Định dạng dữ liệu, "Cách chọn phép so
sánh") and checked by ``congkhai check``:

* the words **right before** a number decide, and they apply to that number only: "tối thiểu",
  "ít nhất", "từ" give ``>=``; "trên", "vượt" give ``>``; "tối đa", "không quá", "không vượt
  quá", "trong tốp", "trong nhóm" (ranks) give ``<=``; "dưới" gives ``<``; no such word gives
  ``=``. So "Có từ 50 TTHC…; 30 TTHC…" is ``>= 50`` and ``= 30``, and "tối thiểu 40% … và 15%"
  is ``>= 40`` and ``= 15``;
* a range "từ 70% - 100%" is its lower bound, ``>= 70``; the upper bound of a range is ``<=``
  (a rank range "từ thứ hạng 30 - 35/63" commits to ``<= 35``, a smaller rank being better).

:func:`comparator_at` reads one number where it is written (the importer drafts targets with it);
:func:`comparator_in_text` finds the number in the objective's text (the occurrence nearest the
target's label when it occurs more than once) and returns the comparator the rule gives, or None
when the text does not let it tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.sources.textnorm import fold

# Folded words that end right before a number, longest first within each comparator.
RULE: tuple[tuple[str, str], ...] = (
    ("khong vuot qua", "<="), ("khong qua", "<="), ("con toi da", "<="), ("toi da", "<="),
    ("trong top", "<="), ("trong nhom", "<="),
    ("toi thieu tu", ">="), ("toi thieu", ">="), ("it nhat", ">="), ("tu thu hang", ">="),
    ("tu", ">="),
    ("tren", ">"), ("vuot", ">"),
    ("xuong duoi", "<"), ("duoi", "<"),
)
# Where the words that can govern a number stop: a clause or list-item boundary.
_CLAUSE_END = re.compile(r"[;:.!?]\s+|[(+]\s*|\n")
_RANGE_BEFORE = re.compile(r"\d\s*%?\s*[-–]\s*$")
_RANGE_AFTER = re.compile(r"\s*%?\s*[-–]\s*\d")  # used with match(text, pos): no "^"


def comparator_before(words_before: str) -> str:
    """The comparator the words ending ``words_before`` give the number that follows them."""
    if _RANGE_BEFORE.search(words_before):
        return "<="
    tail = " ".join(fold(words_before).replace(",", " ").split()[-4:])
    for phrase, comparator in RULE:
        if tail == phrase or tail.endswith(" " + phrase):
            return comparator
    return "="


def comparator_at(text: str, start: int, end: int) -> str:
    """The comparator the rule gives the number written at ``text[start:end]``: the lower bound
    of a range "từ 70% - 100%" is ``>=``; otherwise the words before it, from the start of its
    clause, decide."""
    if _RANGE_AFTER.match(text, end):
        return ">="
    before = text[:start]
    clause = max((c.end() for c in _CLAUSE_END.finditer(before)), default=0)
    return comparator_before(before[clause:])


def _number_pattern(value: float, unit: str) -> re.Pattern[str]:
    if float(value).is_integer():
        digits = "0*" + str(int(value))
    else:
        whole, _, frac = repr(float(value)).partition(".")
        digits = f"{whole}[.,]{frac}"
    percent = r"(?=\s*%)" if unit == "%" else ""
    return re.compile(rf"(?<![\d.,]){digits}(?!\d|[.,]\d){percent}")


@dataclass(frozen=True)
class Reading:
    """What the rule reads for one number: the comparator and the words it read it from."""

    comparator: str
    words: str


def read_comparator(text: str, value: float, unit: str, label: str = "") -> Reading | None:
    """The comparator the rule gives ``value`` (in ``unit``) in an objective's ``text``, with
    the words before the number (up to the clause start) and the number itself.

    None when the number is not in the text, or when it occurs several times, equally near the
    label, with different readings.
    """
    found = list(_number_pattern(value, unit).finditer(text))
    if not found:
        return None
    start = text.find(label) if label else -1
    if start >= 0:
        end = start + len(label)

        def distance(m: re.Match[str]) -> int:
            if start <= m.start() <= end:
                return 0
            return min(abs(m.start() - end), abs(start - m.end()))

        nearest = min(distance(m) for m in found)
        found = [m for m in found if distance(m) == nearest]
    readings: dict[str, str] = {}
    for m in found:
        before = text[: m.start()]
        # The editor sees a few words before the number, across the clause boundary too.
        words = " ".join([*before.split()[-4:], m.group(0)])
        if _RANGE_AFTER.match(text, m.end()):
            words += text[m.end():m.end() + 8].rstrip()
        readings.setdefault(comparator_at(text, m.start(), m.end()), words)
    if len(readings) != 1:
        return None
    ((comparator, words),) = readings.items()
    return Reading(comparator, words)


def comparator_in_text(text: str, value: float, unit: str, label: str = "") -> str | None:
    """Just the comparator of :func:`read_comparator`."""
    reading = read_comparator(text, value, unit, label)
    return reading.comparator if reading else None
