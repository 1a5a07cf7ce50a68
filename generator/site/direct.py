"""Final HTML of a generated page without a Markdown library.

The page templates write Markdown only for headings (``## Title { #id }``); everything else is
HTML blocks, and the bulk regions are HTML already. A builder that wants a generated page's
finished body (the congkhai MkDocs plugin: it skips MkDocs' Markdown pass and theme rendering
for those pages) can convert that restricted Markdown here, in a fraction of the time
Python-Markdown takes, with the same result as Python-Markdown configured as the site is
(``attr_list``, ``tables``, ``admonition``, ``toc`` with :func:`toc_slugify`, no permalinks):
headings get the same ids, the table of contents the same tokens, HTML blocks pass through.

Anything outside that subset (a paragraph of Markdown text, a list, an HTML block that starts
with an inline tag, an attribute list with classes...) makes :func:`convert` return None, and
the caller hands the page to the real Markdown pass: the fast path is an optimisation, never a
second dialect. ``tests/test_direct.py`` converts every generated page of the test corpora both
ways and compares.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, unique

from generator.sources.textnorm import toc_slugify

# Python-Markdown's block-level elements: an HTML block starting with one of them is raw.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "canvas", "center", "colgroup", "dd",
    "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "group",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "iframe", "legend",
    "li", "main", "map", "math", "menu", "nav", "noscript", "object", "ol", "option", "output",
    "p", "pre", "progress", "script", "section", "style", "summary", "table", "tbody", "td",
    "textarea", "tfoot", "th", "thead", "tr", "ul", "video",
})
# Tags whose content Python-Markdown's HTML parser treats specially (CDATA, verbatim text).
_SPECIAL = frozenset({"pre", "script", "style", "textarea", "math"})

_HEADING = re.compile(r"(#{1,6})((?:\\.|[^\\])*?)#*")
_ATTRS = re.compile(r"[ ]+\{\:?([^\}\n]*)\}[ ]*$")
_ID_ATTR = re.compile(r"#([^\s}#.=]+)")
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])")
# Characters Python-Markdown's backslash escape accepts.
_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!<>")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);")
# Plain heading text: nothing inline Markdown would act on.
_INLINE_ACTIVE = re.compile(r"[`*_\[\]<>]|!\[|  $|\\(?![\\`*_{}\[\]()#+\-.!<>])")


@dataclass(frozen=True)
class Converted:
    """A page body as HTML, with what the table of contents needs."""

    html: str
    toc: list[dict[str, Any]]  # nested tokens, as Python-Markdown's ``md.toc_tokens``
    has_h1: bool


def convert(text: str) -> Converted | None:
    """The HTML of ``text`` (generated Markdown without front matter), or None when it uses
    Markdown beyond headings and HTML blocks."""
    blocks = _blocks(text.replace("\r\n", "\n").replace("\r", "\n"))
    if blocks is None:
        return None
    out: list[str] = []
    headings: list[tuple[int, str, str | None, int]] = []  # level, inner html, id, position
    for kind, body in blocks:
        if kind == "raw":
            out.append(body)
            continue
        parsed = _heading(body)
        if parsed is None:
            return None
        level, inner, explicit = parsed
        headings.append((level, inner, explicit, len(out)))
        out.append("")
    used = {explicit for _, _, explicit, _ in headings if explicit}
    counters: dict[str, int] = {}
    tokens = []
    for level, inner, explicit, at in headings:
        name = " ".join(inner.split())
        ident = explicit or unique(toc_slugify(html.unescape(name), "-"), used, counters)
        out[at] = f'<h{level} id="{_attr(ident)}">{inner}</h{level}>'
        tokens.append({"level": level, "id": html.unescape(ident), "name": name, "html": inner,
                       "data-toc-label": ""})
    return Converted("\n".join(out).strip(), nest_toc_tokens(tokens),
                     any(level == 1 for level, *_ in headings))


def _blocks(text: str) -> list[tuple[str, str]] | None:
    """("heading" | "raw", text) for each block, or None for anything else."""
    lines = text.split("\n")
    blocks: list[tuple[str, str]] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if line.startswith("#"):
            # a heading stands alone: the next line must end the block
            if i + 1 < n and lines[i + 1].strip():
                return None
            blocks.append(("heading", line))
            i += 1
            continue
        if not line.startswith("<"):
            return None
        end = _raw_end(lines, i)
        if end is None:
            return None
        blocks.append(("raw", "\n".join(lines[i:end]).rstrip()))
        i = end
    return blocks


def _raw_end(lines: list[str], start: int) -> int | None:
    """Index of the line after the HTML block starting at ``lines[start]``: the block runs to a
    blank line once every element it opened is closed (and may span blank lines until then)."""
    first = lines[start]
    if first.startswith("<!--"):
        end = start
        while end < len(lines) and lines[end].strip():
            end += 1
        block = "\n".join(lines[start:end])
        # one comment, nothing after it
        if not block.rstrip().endswith("-->") or block.find("-->") != len(block.rstrip()) - 3:
            return None
        return end
    match = _START_TAG.match(first)
    if match is None or match.group(1).lower() not in BLOCK_TAGS:
        return None
    if match.group(1).lower() in _SPECIAL:
        return None
    depth_of = _Depth()
    end = start
    while end < len(lines):
        if not lines[end].strip():
            if depth_of.balanced():
                return end
        else:
            if not depth_of.feed(lines[end]):
                return None
        end += 1
    return end if depth_of.balanced() else None


class _Depth:
    """Open elements across the lines of an HTML block. Lines must hold whole tags and whole
    comments (nothing broken over lines), as the templates write them."""

    _TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>|<!--|<|>")

    def __init__(self) -> None:
        self.stack: list[str] = []

    def feed(self, line: str) -> bool:
        for match in self._TAG.finditer(line):
            if match.group(0).startswith("<!--") and match.group(0).endswith("-->"):
                continue  # a whole comment (a fragment marker)
            if match.group(2) is None:  # an open comment or a stray bracket: leave it
                return False
            name = match.group(2).lower()
            if name in _SPECIAL:
                return False
            if match.group(3) or name in _VOID:
                continue
            if match.group(1):
                if not self.stack or self.stack[-1] != name:
                    return False
                self.stack.pop()
            else:
                self.stack.append(name)
        return True

    def balanced(self) -> bool:
        return not self.stack


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})


def _heading(line: str) -> tuple[int, str, str | None] | None:
    """Level, inner HTML and explicit id of an ATX heading line."""
    match = _HEADING.fullmatch(line)
    if match is None:
        return None
    level = len(match.group(1))
    text = match.group(2).strip()
    explicit = None
    attrs = _ATTRS.search(text)
    if attrs is not None:
        found = _ID_ATTR.fullmatch(attrs.group(1).strip())
        if found is None:
            return None  # classes or other attributes: leave it to attr_list
        explicit = found.group(1)
        text = text[:attrs.start()].rstrip()
    if _INLINE_ACTIVE.search(text) or "{" in text or "&" in _ENTITY.sub("", text):
        return None
    return level, _inline(text), explicit


def _inline(text: str) -> str:
    """Backslash escapes resolved and entities kept, the rest escaped as Markdown serialises
    text (the caller ruled out every other inline construct)."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            out.append(_text(text[i + 1]))
            i += 2
        elif ch == "&":
            entity = _ENTITY.match(text, i)
            assert entity is not None  # the caller checked
            out.append(entity.group(0))
            i = entity.end()
        else:
            out.append(_text(ch))
            i += 1
    return "".join(out)


def _text(ch: str) -> str:
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(ch, ch)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
