"""Numeric targets in an objective's text, compared by the one comparator rule.

The rule is :mod:`generator.model.targets` (stated in the editors' guide and checked by
``congkhai check``); the importer reads each number with it where the number is written, so a
draft never disagrees with the check. "từ" stands before one number only ("Có từ 50%…; 30%…"
gives ">= 50" and "= 30"); a range "từ 70% - 100%" is its lower bound with ">=". Only
percentages are read; every target goes to the review list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model.targets import RULE, comparator_at
from generator.sources.textnorm import fold

_PERCENT = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{1,2})?)\s*%")
# The comparator words, longest first, to leave out of a label.
_PHRASES = sorted({phrase for phrase, _c in RULE}, key=lambda p: (-len(p.split()), p))
_CLAUSE_START = re.compile(r"[;:.]\s+|,\s+(?=(?:tỷ lệ|Tỷ lệ|đối với|sự hài lòng))|^")
_TRAILING = re.compile(r"\s*(?:đạt mức|đạt|là|giảm xuống|giảm|tăng|phấn đấu|Phấn đấu|Đảm bảo|"
                       r"bảo đảm|đảm bảo)?\s*$")


@dataclass(frozen=True)
class Target:
    """A target read from text: its label (verbatim), comparator, value and unit."""

    label: str
    comparator: str
    value: float
    unit: str


def read_targets(text: str) -> list[Target]:
    """The percentage targets of ``text``, in order."""
    out: list[Target] = []
    previous_end = 0
    matches = list(_PERCENT.finditer(text))
    for n, match in enumerate(matches):
        before = text[: match.start()]
        # The second number of a range "từ 70% - 100%" is not a target of its own.
        if re.search(r"\d\s*%\s*-\s*$", before):
            previous_end = match.end()
            continue
        comparator = comparator_at(text, match.start(), match.end())
        starts = [m.end() for m in _CLAUSE_START.finditer(before)]
        start = max(starts[-1] if starts else 0, previous_end)
        label = before[start:]
        if " và " in label:
            label = label[label.rindex(" và ") + 4:]
        words = label.split()
        # Leave the comparator words out of the label.
        cut = len(words)
        folded = [fold(w) for w in words]
        for phrase in _PHRASES:
            size = len(phrase.split())
            if cut >= size and " ".join(folded[cut - size:cut]) == phrase:
                cut -= size
                break
        label = _TRAILING.sub("", " ".join(words[:cut])).strip(" ,:;-")
        if len(label.split()) <= 2:
            after = text[match.end():]
            end = len(after)
            stop = re.search(r"[;.](?:\s|$)", after)
            if stop:
                end = stop.start()
            if n + 1 < len(matches) and matches[n + 1].start() - match.end() < end:
                nxt = after[: matches[n + 1].start() - match.end()]
                cut_at = max(nxt.rfind(" và "), nxt.rfind(", "))
                if cut_at > 0:
                    end = cut_at
            label = after[:end].strip(" ,:;-")
        previous_end = match.end()
        if not label:
            continue
        value = float(match.group(1).replace(",", "."))
        out.append(Target(label, comparator, int(value) if value.is_integer() else value, "%"))
    return out
