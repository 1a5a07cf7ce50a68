"""The neutral structure every reader produces: paragraphs and tables, each located in its source.

A paragraph's text keeps the source's line breaks (``\\n``); :func:`flatten` is the one rule for
comparing extracted values with the source: NFC, line breaks, tabs and table pipes become spaces,
runs of spaces become one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.sources.textnorm import nfc

_SPACES = re.compile(r"[ \t\r\n\u00a0\u2028\u2029|]+")


def flatten(text: str) -> str:
    """``text`` as one line: NFC, line breaks, tabs and ``|`` as spaces, single spaces, trimmed."""
    return _SPACES.sub(" ", nfc(text)).strip()


def join_lines(text: str) -> str:
    """The lines of one paragraph or cell joined with single spaces (nothing else changed)."""
    return re.sub(r"[ \t\u00a0]*\n[ \t\u00a0]*", " ", nfc(text)).strip()


@dataclass(frozen=True)
class Location:
    """Where a piece of text came from. Only the fields that apply to the format are set."""

    line: int | None = None  # text and HTML: 1-based line of the file
    line_end: int | None = None
    paragraph: int | None = None  # DOCX: 1-based paragraph of the body
    table: int | None = None  # 1-based table of the document
    row: int | None = None
    cell: int | None = None
    page: int | None = None  # PDF

    def describe(self) -> str:
        """Vietnamese: "dòng 12–14", "đoạn 5", "bảng 1, hàng 3, ô 2", "trang 4"."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"trang {self.page}")
        if self.table is not None:
            cell = f"bảng {self.table}"
            if self.row is not None:
                cell += f", hàng {self.row}"
            if self.cell is not None:
                cell += f", ô {self.cell}"
            parts.append(cell)
        elif self.paragraph is not None:
            parts.append(f"đoạn {self.paragraph}")
        if self.line is not None:
            if self.line_end is not None and self.line_end != self.line:
                parts.append(f"dòng {self.line}–{self.line_end}")
            else:
                parts.append(f"dòng {self.line}")
        return ", ".join(parts) or "không rõ vị trí"

    def spanning(self, other: Location) -> Location:
        """This location stretched to end where ``other`` ends (lines only)."""
        end = other.line_end or other.line
        if self.line is None or end is None or end == self.line:
            return self
        return Location(self.line, end, self.paragraph, self.table, self.row, self.cell,
                        self.page)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (or, in copied text, one line).

    ``cell_break`` marks text copied from a web page whose table rows were lost: a ``|`` line
    stood before this line, so a table cell starts here (see :mod:`.text`).
    """

    text: str
    where: Location
    cell_break: bool = False


@dataclass(frozen=True)
class Cell:
    """One cell of a table. ``span`` is the number of grid columns it covers (merged cells);
    ``merged_from`` is set on a cell that continues a vertically merged cell above, whose text
    it repeats."""

    text: str
    where: Location
    span: int = 1
    merged_from: Location | None = None


@dataclass(frozen=True)
class Row:
    """A row of cells, left to right."""

    cells: tuple[Cell, ...]
    where: Location


@dataclass(frozen=True)
class Table:
    """A table as the source laid it out."""

    rows: tuple[Row, ...]
    where: Location


Block = Paragraph | Table


@dataclass(frozen=True)
class SourceDocument:
    """A document read from a file: its blocks in reading order and its whole text.

    ``text`` is everything the reader saw, in order; :meth:`contains` tells whether a value
    occurs in it verbatim (up to line breaks and table pipes).
    """

    name: str
    kind: str
    blocks: tuple[Block, ...]
    text: str
    _flat: list[str] = field(default_factory=list, repr=False, compare=False)

    def contains(self, value: str) -> bool:
        """True when ``value`` occurs in the source text, line breaks and pipes aside."""
        if not self._flat:
            self._flat.append(flatten(self.text))
        needle = flatten(value)
        return bool(needle) and needle in self._flat[0]

    def units(self) -> Iterator[tuple[str, Location, bool]]:
        """Every paragraph and every cell, in reading order: (text, location, is_cell)."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block.text, block.where, block.cell_break
            else:
                for row in block.rows:
                    for cell in row.cells:
                        if cell.merged_from is None:
                            yield cell.text, cell.where, True


class UnreadableDocument(Exception):
    """The file cannot be read as a document; ``str(exc)`` is a Vietnamese message."""
