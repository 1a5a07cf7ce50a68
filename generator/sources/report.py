"""Presenting problems: for people (with the line and a caret), for GitHub, for tools (JSON).

Whatever comes from a data file (the source line, values quoted in messages) is made inert for
terminals first: control characters (ESC and the C1 controls start colour, cursor and title
sequences), bidirectional overrides and line separators are shown as ``\\x1b``, ``<U+202E>``. A
source line is shown as an excerpt of at most :data:`EXCERPT_WIDTH` characters around the
column, so a problem on a 4 MB line prints a few hundred bytes, not the line twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from generator.sources.problems import Problem

_TOKEN = re.compile(r"[^\s:,\]\}#]+")
EXCERPT_WIDTH = 100
_BEFORE = 40
# C0 (but tab) and C1 controls, DEL; bidi embeddings, overrides, isolates and marks; line and
# paragraph separators; zero-width characters and the BOM.
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)

_UNSAFE_BEYOND_C0 = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _shown(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0xA0 else f"<U+{code:04X}>"


def terminal_safe(text: str) -> str:
    """``text`` with every character that could act on a terminal shown as an escape."""
    return _UNSAFE.sub(lambda m: _shown(m.group()), text)


def excerpt(line_text: str, column: int) -> tuple[str, str]:
    """The part of a source line around ``column`` and the caret line under it, both safe to
    print. The caret spans the token at the column (at least one character)."""
    start = max(column - 1, 0)
    match = _TOKEN.match(line_text, start)
    width = max(len(match.group(0)) if match else 1, 1)
    first = max(0, min(start - _BEFORE, len(line_text) - EXCERPT_WIDTH))
    last = min(len(line_text), first + EXCERPT_WIDTH)
    shown: list[str] = ["…"] if first > 0 else []
    caret: list[str] = [" "] if first > 0 else []
    for i in range(first, last):
        ch = line_text[i]
        text = _shown(ch) if _UNSAFE.match(ch) else ch
        shown.append(text)
        if i < start:
            caret.append("\t" if ch == "\t" else " " * len(text))
        elif i < start + width:
            caret.append("^" * len(text))
    if start >= last:
        caret.append("^")
    if last < len(line_text):
        shown.append("…")
    return "".join(shown), "".join(caret)


def format_human(problems: Sequence[Problem], read_line: Callable[[str, int], str | None]) -> str:
    """Each problem as ``file:line:col``, an excerpt of the line with a caret, and the fix hint."""
    blocks = []
    for p in problems:
        kind = "lỗi" if p.is_error else "cảnh báo"
        lines = [terminal_safe(f"{p.location()}: {kind} [{p.code}] {p.message}")]
        text = read_line(p.file, p.line)
        if text is not None:
            shown, caret = excerpt(text, p.column)
            gutter = f"{p.line:>5} | "
            lines.append(gutter + shown)
            lines.append(" " * (len(gutter) - 2) + "| " + caret)
        if p.hint:
            lines.append(terminal_safe(f"  Cách sửa: {p.hint}"))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _escape_data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal_safe(text)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands, so problems appear on the pull request's diff."""
    out = []
    for p in problems:
        message = p.message + (f" Cách sửa: {p.hint}" if p.hint else "")
        kind = "error" if p.is_error else "warning"
        out.append(
            f"::{kind} file={_escape_property(p.file)},line={p.line},col={p.column},"
            f"title={_escape_property(p.code)}::{_escape_data(message)}"
        )
    return "\n".join(out)


def format_json(problems: Sequence[Problem]) -> str:
    """A JSON array of problems for tools. Characters that could act on a terminal are written
    as ``\\uXXXX`` escapes, so the values read back unchanged."""
    text = json.dumps(
        [
            {"file": p.file, "line": p.line, "column": p.column, "code": p.code,
             "message": p.message, "hint": p.hint, "severity": p.severity}
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    )
    return json_safe(text)


def json_safe(text: str) -> str:
    """JSON ``text`` with the characters that could act on a terminal written as ``\\uXXXX``
    escapes, so that values read back unchanged."""
    # json.dumps already escapes C0 controls inside strings (and the layout's line breaks must
    # stay), so only the others are left to escape.
    return _UNSAFE_BEYOND_C0.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
