"""Located problems found while loading and validating data files.

Every problem names a file, a 1-based line and column, an English key for tools and a Vietnamese
message and hint for the editor who has to fix it. Most problems are errors (the data is refused);
a warning points at something an editor should look at but that does not make the data invalid.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    file: str
    line: int
    column: int
    code: str = field(compare=False)
    message: str = field(compare=False)
    hint: str = field(default="", compare=False)
    severity: str = field(default=ERROR, compare=False)

    @property
    def is_error(self) -> bool:
        """True unless the problem is only a warning."""
        return self.severity != WARNING

    def location(self) -> str:
        """``file:line:column`` as editors and tools expect it."""
        return f"{self.file}:{self.line}:{self.column}"


class ProblemList(list[Problem]):
    """Problems collected during one run, in the order they were found."""

    def add(
        self, file: str, line: int, column: int, code: str, message: str, hint: str = "",
        severity: str = ERROR,
    ) -> None:
        """Record a problem (an error unless ``severity`` is :data:`WARNING`)."""
        self.append(Problem(file, line, column, code, message, hint, severity))

    def errors(self) -> list[Problem]:
        """The problems that make the data invalid (warnings left out)."""
        return [p for p in self if p.is_error]

    def sorted(self) -> list[Problem]:
        """Problems ordered by file, line and column, duplicates removed."""
        seen: set[tuple[str, int, int, str, str]] = set()
        out: list[Problem] = []
        for p in sorted(self):
            key = (p.file, p.line, p.column, p.code, p.message)
            if key not in seen:
                seen.add(key)
                out.append(p)
        return out


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A Vietnamese "did you mean" hint naming the closest choices, or ``""`` if none is close."""
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return "Có phải ý bạn là " + " hoặc ".join(f"“{c}”" for c in close) + "?"
