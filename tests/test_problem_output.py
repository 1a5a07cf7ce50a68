"""Problem reports stay bounded and inert whatever the data file holds.

A list keeps a bounded number of problems per file and counts the rest; a source line is shown as
an excerpt around the column; anything from the file that could act on a terminal (ESC, C1
controls, bidi overrides) is shown as an escape in every format.
"""

from __future__ import annotations

import json

from generator.sources.problems import (
    MAX_PER_FILE,
    MAX_SAME_CODE,
    SUMMARY_CODE,
    Problem,
    ProblemList,
)
from generator.sources.report import (
    EXCERPT_WIDTH,
    excerpt,
    format_github,
    format_human,
    format_json,
)


def test_repeated_problems_are_counted_not_kept() -> None:
    problems = ProblemList()
    for i in range(50_000):
        problems.add("a.yaml", 3, 10 + i, "unknown-agency", "x")
    problems.add("a.yaml", 9, 1, "unknown-area", "y")
    problems.add("b.yaml", 1, 1, "unknown-agency", "z")
    assert len(problems) == MAX_SAME_CODE + 2
    assert problems.total == 50_002
    found = problems.sorted()
    summaries = [p for p in found if p.code == SUMMARY_CODE]
    assert len(summaries) == 1 and summaries[0].file == "a.yaml"
    assert (summaries[0].line, summaries[0].column) == (3, 10 + MAX_SAME_CODE)
    assert "49980" in summaries[0].message
    assert summaries[0].omitted == (("unknown-agency", 50_000 - MAX_SAME_CODE),)


def test_each_file_keeps_at_most_the_cap() -> None:
    problems = ProblemList()
    for i in range(MAX_PER_FILE * 3):
        problems.add("a.yaml", i + 1, 1, f"code-{i % 40}", "x")
    assert len(problems) == MAX_PER_FILE
    assert problems.total == MAX_PER_FILE * 3
    assert sum(1 for p in problems.sorted() if p.code == SUMMARY_CODE) == 1


def test_a_workers_summary_is_merged_into_the_counts() -> None:
    worker = ProblemList()
    for i in range(100):
        worker.add("a.yaml", 1, i + 1, "unknown-agency", "x")
    main = ProblemList()
    main.extend(worker.sorted())
    main.add("a.yaml", 50, 1, "duplicate-plan", "y")
    assert main.total == 101
    (summary,) = [p for p in main.sorted() if p.code == SUMMARY_CODE]
    assert "80" in summary.message


def test_a_costly_hint_is_computed_only_for_kept_problems() -> None:
    calls = []

    def hint() -> str:
        calls.append(1)
        return "gợi ý"

    problems = ProblemList()
    for _ in range(1000):
        problems.add("a.yaml", 1, 1, "unknown-agency", "x", hint)
    assert len(calls) == MAX_SAME_CODE
    assert problems[0].hint == "gợi ý"


def test_excerpt_of_a_long_line_is_bounded_and_the_caret_is_under_the_token() -> None:
    line = "  lead: [" + ", ".join(["so-noi-vuu"] * 100_000) + "]"
    column = line.index("so-noi-vuu", 500_000) + 1
    shown, caret = excerpt(line, column)
    assert len(shown) <= EXCERPT_WIDTH + 2
    assert shown.startswith("…") and shown.endswith("…")
    start = caret.index("^")
    assert shown[start:start + len("so-noi-vuu")] == "so-noi-vuu"
    assert caret[start:] == "^" * len("so-noi-vuu")


def test_short_line_is_shown_whole() -> None:
    shown, caret = excerpt('        dealine: "Quý II/2026"', 9)
    assert shown == '        dealine: "Quý II/2026"'
    assert caret == "        ^^^^^^^"


HOSTILE = "x\x1b[31mred\x1b]0;title\x07\x9b2J\u202eevil"


def test_terminal_sequences_are_escaped_in_human_output() -> None:
    problem = Problem("a.yaml", 1, 3, "unknown-key", f"Khóa “{HOSTILE}”", f"gợi ý {HOSTILE}")
    out = format_human([problem], lambda _f, _n: f"  {HOSTILE}: 1")
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in out
    assert "\\x1b[31m" in out and "<U+202E>" in out
    lines = out.splitlines()
    # the caret still sits under the token that starts at the column
    assert lines[2].index("^") == lines[1].index("x\\x1b")


def test_terminal_sequences_are_escaped_in_github_and_json_output() -> None:
    problem = Problem("a.yaml", 1, 1, "unknown-key", f"Khóa “{HOSTILE}”", "")
    github = format_github([problem])
    assert not any(ch in github for ch in ("\x1b", "\x07", "\x9b", "\u202e"))
    text = format_json([problem])
    assert not any(ch in text for ch in ("\x1b", "\x07", "\x9b", "\u202e"))
    assert json.loads(text)[0]["message"] == f"Khóa “{HOSTILE}”"
