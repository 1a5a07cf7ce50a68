"""Located problems found while loading and validating data files.

Every problem names a file, a 1-based line and column, an English key for tools and a Vietnamese
message and hint for the editor who has to fix it. Most problems are errors (the data is refused);
a warning points at something an editor should look at but that does not make the data invalid.

A list keeps at most :data:`MAX_SAME_CODE` problems of one code and :data:`MAX_PER_FILE` problems
in all per file, and counts the rest: one line repeating a misspelled id 50,000 times (1 MB, well
under the size limit) would otherwise cost gigabytes to report. The count comes out as one last
``too-many-problems`` problem per file, so every format says how many were left out.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
MAX_PER_FILE = 100
MAX_SAME_CODE = 20
SUMMARY_CODE = "too-many-problems"


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
    # Only on a ``too-many-problems`` summary: how many problems of each code it stands for.
    omitted: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    @property
    def is_error(self) -> bool:
        """True unless the problem is only a warning."""
        return self.severity != WARNING

    def location(self) -> str:
        """``file:line:column`` as editors and tools expect it."""
        return f"{self.file}:{self.line}:{self.column}"


class ProblemList(list[Problem]):
    """Problems collected during one run, in the order they were found (up to the caps)."""

    def __init__(self) -> None:
        super().__init__()
        self._per_file: Counter[str] = Counter()
        self._per_code: Counter[tuple[str, str]] = Counter()
        self._omitted: dict[str, Counter[str]] = {}
        self._first_omitted: dict[str, tuple[int, int]] = {}
        # files whose left-out problems include an error (not only warnings)
        self._omitted_errors: set[str] = set()

    def add(
        self, file: str, line: int, column: int, code: str, message: str,
        hint: str | Callable[[], str] = "", severity: str = ERROR,
    ) -> None:
        """Record a problem (an error unless ``severity`` is :data:`WARNING`). A costly hint
        can be passed as a function: it is called only if the problem is kept."""
        if not self._keeps(file, code):
            self._omit(file, line, column, code, severity=severity)
            return
        self._store(Problem(file, line, column, code, message,
                            hint() if callable(hint) else hint, severity))

    def errors(self) -> list[Problem]:
        """The problems that make the data invalid (warnings left out)."""
        return [p for p in self if p.is_error]

    def append(self, problem: Problem) -> None:
        """Record a problem made elsewhere (a worker's), under the same caps; a summary is
        merged into this list's counts."""
        if problem.code == SUMMARY_CODE:
            for code, n in problem.omitted:
                self._omit(problem.file, problem.line, problem.column, code, n, problem.severity)
        elif self._keeps(problem.file, problem.code):
            self._store(problem)
        else:
            self._omit(problem.file, problem.line, problem.column, problem.code,
                       severity=problem.severity)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems (see :meth:`append`)."""
        for problem in problems:
            self.append(problem)

    def _keeps(self, file: str, code: str) -> bool:
        return self._per_file[file] < MAX_PER_FILE and self._per_code[file, code] < MAX_SAME_CODE

    def _store(self, problem: Problem) -> None:
        self._per_file[problem.file] += 1
        self._per_code[problem.file, problem.code] += 1
        super().append(problem)

    def _omit(self, file: str, line: int, column: int, code: str, n: int = 1,
              severity: str = ERROR) -> None:
        self._omitted.setdefault(file, Counter())[code] += n
        if severity != WARNING:
            self._omitted_errors.add(file)
        first = self._first_omitted.get(file)
        if first is None or (line, column) < first:
            self._first_omitted[file] = (line, column)

    @property
    def total(self) -> int:
        """How many problems were recorded, kept or only counted."""
        return len(self) + sum(sum(c.values()) for c in self._omitted.values())

    def sorted(self) -> list[Problem]:
        """Problems ordered by file, line and column, duplicates removed, and for each file
        whose problems were capped one ``too-many-problems`` problem saying how many more."""
        seen: set[tuple[str, int, int, str, str]] = set()
        out: list[Problem] = []
        for p in sorted([*self, *self._summaries()]):
            key = (p.file, p.line, p.column, p.code, p.message)
            if key not in seen:
                seen.add(key)
                out.append(p)
        return out

    def _summaries(self) -> list[Problem]:
        out = []
        for file, counts in self._omitted.items():
            line, column = self._first_omitted[file]
            total = sum(counts.values())
            detail = ", ".join(f"{n} [{code}]" for code, n in counts.most_common(5))
            if len(counts) > 5:
                detail += ", …"
            out.append(Problem(
                file, line, column, SUMMARY_CODE,
                f"Còn {total} lỗi nữa trong tệp này không được liệt kê ({detail}); chỉ in tối đa "
                f"{MAX_SAME_CODE} lỗi cùng mã và {MAX_PER_FILE} lỗi mỗi tệp.",
                "Sửa các lỗi đã liệt kê (lỗi lặp lại thường có chung một cách sửa) rồi chạy lại "
                "`congkhai check` để xem các lỗi còn lại.",
                ERROR if file in self._omitted_errors else WARNING,
                omitted=tuple(sorted(counts.items())),
            ))
        return out


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A Vietnamese "did you mean" hint naming the closest choices, or ``""`` if none is close."""
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return "Có phải ý bạn là " + " hoặc ".join(f"“{c}”" for c in close) + "?"
