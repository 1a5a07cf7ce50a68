"""The numbered outline of a document's prose: "Phần 2." > "I." > "1." > "1.1." > "a)" > "-" > "+".

Lines are grouped into items by their numbering: a line without a number continues the item
before it (a wrapped line, or a paragraph of the same item). The level of a kind of numbering is
the one it had where it first appeared, as documents use them, so "a)" under "3." and the next
"4." are read right. A list that starts again at "a)" or "1." after later letters is marked
``restart`` (a new list, often under a heading the copy lost).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.authoring.importer.header import Unit
from generator.authoring.importer.text import kind_of_heading, roman_value
from generator.sources.documents.model import Location, join_lines

_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(r"^(?:Phần|PHẦN)\s+(\d{1,2}|[IVX]{1,5})\s*[.:]?(?:\s+(?P<rest>.*))?$")),
    ("article", re.compile(r"^Điều\s+(\d{1,2})\s*\.\s*(?P<rest>.*)$")),
    ("roman", re.compile(r"^([IVXL]{1,6})\s*[.)]\s*(?P<rest>.+)$")),
    ("multi", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>.+)$")),
    ("number", re.compile(r"^(\d{1,2})\s*[.)]\s*(?P<rest>.+)$")),
    ("letter", re.compile(r"^([a-zđ])\s*\)\s*(?P<rest>.+)$")),
    ("dash", re.compile(r"^([-–•])\s+(?P<rest>.+)$")),
    ("plus", re.compile(r"^(\+)\s+(?P<rest>.+)$")),
)
_RANK = {"part": 0, "article": 1, "roman": 2, "number": 3, "multi": 4, "letter": 5, "dash": 6,
         "plus": 7}


@dataclass
class Item:
    """A numbered item: its numbering, its own lines and the items under it."""

    kind: str
    label: str
    lines: list[Unit] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    parent: Item | None = None
    restart: bool = False
    marker: str = ""

    @property
    def depth(self) -> int:
        """The number of dotted parts of a "1.2.3" label (1 for others)."""
        return self.label.count(".") + 1 if self.kind == "multi" else 1

    @property
    def where(self) -> Location:
        """The item's own lines in the source."""
        return self.lines[0].where.spanning(self.lines[-1].where)

    def own_text(self) -> str:
        """The item's own text, numbering left out, lines joined."""
        return join_lines("\n".join(u.text for u in self.lines))

    def full_text(self) -> str:
        """The item's text and, in order, the text of everything under it (with numbering)."""
        parts = [self.own_text()]
        for child in self.children:
            parts.append(child.marked_text())
        return " ".join(p for p in parts if p)

    def marked_text(self) -> str:
        """Like :meth:`full_text`, with the item's numbering as written."""
        return " ".join(p for p in (self.marker + " " + self.own_text(),
                                    *(c.marked_text() for c in self.children)) if p.strip())

    def whole_where(self) -> Location:
        """The item and everything under it, in the source."""
        last = self
        while last.children:
            last = last.children[-1]
        return self.lines[0].where.spanning(last.lines[-1].where)


def classify(text: str) -> tuple[str, str, str, str] | None:
    """(kind, label, marker as written, rest) of a numbered line, or None."""
    for kind, pattern in _MARKERS:
        match = pattern.match(text)
        if not match:
            continue
        label = match.group(1)
        if kind == "roman" and roman_value(label) is None:
            continue
        rest = match.group("rest") or ""
        if kind == "number" and re.match(r"^\d", rest):
            continue
        marker = text[: match.start("rest")].rstrip() if match.group("rest") else text.strip()
        return kind, label, marker, rest.strip()
    return None


def _label_order(kind: str, label: str) -> int:
    if kind == "roman":
        return roman_value(label) or 0
    if kind == "letter":
        return "abcdđefghiklmnopqrstuvxy".find(label)
    if kind in ("number", "part", "article"):
        return int(label) if label.isdigit() else (roman_value(label) or 0)
    return 0


def build_outline(lines: list[Unit]) -> list[Item]:
    """The outline of ``lines``: top-level items (unnumbered lines before any item are kept as
    items of kind "text")."""
    roots: list[Item] = []
    stack: list[Item] = []
    for unit in lines:
        if unit.cell or kind_of_heading(unit.text) or unit.text.startswith("(Ban hành kèm theo"):
            # A new part of the copy (a cell of the page, the plan after the decision).
            stack.clear()
        found = classify(unit.text)
        if found is None:
            if stack:
                stack[-1].lines.append(unit)
            else:
                roots.append(Item("text", "", [unit]))
            continue
        kind, label, marker, rest = found
        # Close items until the top is a sibling of the same numbering, or a parent.
        same = next((i for i in range(len(stack) - 1, -1, -1)
                     if stack[i].kind == kind and stack[i].depth == _depth(kind, label)), None)
        restart = False
        if same is not None:
            previous = stack[same]
            restart = kind in ("roman", "number", "letter", "part") and \
                _label_order(kind, label) <= _label_order(previous.kind, previous.label)
            del stack[same:]
        else:
            while stack and _RANK[stack[-1].kind] >= _RANK[kind] and not (
                    kind == "multi" and stack[-1].kind == "multi"
                    and stack[-1].depth < _depth(kind, label)):
                stack.pop()
        item = Item(kind, label, [Unit(rest, unit.where, unit.cell)] if rest else [],
                    restart=restart and same is not None, marker=marker)
        if not rest:
            item.lines = [Unit("", unit.where, unit.cell)]
        if stack:
            item.parent = stack[-1]
            stack[-1].children.append(item)
        else:
            roots.append(item)
        stack.append(item)
    return roots


def _depth(kind: str, label: str) -> int:
    return label.count(".") + 1 if kind == "multi" else 1


def walk(items: list[Item]):
    """Every item of ``items`` and under them, depth first."""
    for item in items:
        yield item
        yield from walk(item.children)
