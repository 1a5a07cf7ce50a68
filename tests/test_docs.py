"""The editors' guide explains every problem code that `congkhai check` can print."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "content" / "huong-dan-bien-tap" / "thong-bao-loi.md"

# problems.add(file, line, column, "code", ...) and self.error(path_or_node, "code", ...)
_ADD = re.compile(r"problems\.add\(\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*\"([a-z0-9-]+)\"", re.DOTALL)
_ERROR = re.compile(r"self\.error\(\s*(?:\([^)]*\)|[^,()]+),\s*\"([a-z0-9-]+)\"", re.DOTALL)
# _add(problems, event, party, "code", ...) in generator/model/lineage.py
_LINEAGE = re.compile(r"_add\(\s*problems,\s*[^,]+,\s*[^,]+,\s*\"([a-z0-9-]+)\"", re.DOTALL)


def problem_codes() -> set[str]:
    codes: set[str] = set()
    for source in (ROOT / "generator").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        codes |= set(_ADD.findall(text)) | set(_ERROR.findall(text)) | set(_LINEAGE.findall(text))
    return codes


def test_codes_are_found():
    codes = problem_codes()
    assert {"unknown-key", "yaml-syntax", "unreadable-deadline", "update-in-future"} <= codes
    assert len(codes) > 50


def test_every_problem_code_is_explained():
    guide = GUIDE.read_text(encoding="utf-8")
    headings = set(re.findall(r"^### `([a-z0-9-]+)`", guide, re.MULTILINE))
    missing = sorted(problem_codes() - headings)
    assert not missing, f"codes without an entry in {GUIDE.name}: {missing}"


def test_every_page_of_the_editors_guide_is_in_the_navigation():
    # a page missing from the nav is still published, but nobody finds it from the guide's menu
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\s*- (?:[^:\n]+: )?(huong-dan-bien-tap/[\w-]+\.md)\s*$", nav, re.M))
    pages = {p.relative_to(ROOT / "content").as_posix()
             for p in (ROOT / "content" / "huong-dan-bien-tap").glob("*.md")}
    assert len(pages) >= 5
    assert pages - listed == set()
