"""Presenting problems: for people (with the line and a caret), for GitHub, for tools (JSON)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from generator.sources.problems import Problem

_TOKEN = re.compile(r"[^\s:,\]\}#]+")


def _caret(line_text: str, column: int) -> str:
    start = max(column - 1, 0)
    match = _TOKEN.match(line_text, start)
    width = len(match.group(0)) if match else 1
    prefix = "".join("\t" if ch == "\t" else " " for ch in line_text[:start])
    return prefix + "^" * max(width, 1)


def format_human(problems: Sequence[Problem], read_line: Callable[[str, int], str | None]) -> str:
    """Each problem as ``file:line:col``, the line itself with a caret, and the fix hint."""
    blocks = []
    for p in problems:
        kind = "lỗi" if p.is_error else "cảnh báo"
        lines = [f"{p.location()}: {kind} [{p.code}] {p.message}"]
        text = read_line(p.file, p.line)
        if text is not None:
            gutter = f"{p.line:>5} | "
            lines.append(gutter + text)
            lines.append(" " * (len(gutter) - 2) + "| " + _caret(text, p.column))
        if p.hint:
            lines.append(f"  Cách sửa: {p.hint}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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
    """A JSON array of problems for tools."""
    return json.dumps(
        [
            {"file": p.file, "line": p.line, "column": p.column, "code": p.code,
             "message": p.message, "hint": p.hint, "severity": p.severity}
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    )
