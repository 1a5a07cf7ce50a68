"""Text copied from a legal-document website, as in ``content/nguon/``.

Such copies follow a few conventions, which this reader turns into the neutral structure:

- Every line is kept as its own paragraph, located by its line number. Whether a line break ends
  a paragraph or only wraps a long one cannot be told from the text alone; the importer groups
  lines by their numbering ("1.", "a)", "-").
- A line that holds only ``|`` separates two table cells of the page; the rows of such tables
  are lost in the copy. The line after it is marked ``cell_break``. Cells written on one line
  ("ỦY BAN NHÂN DÂN | CỘNG HÒA …") are split at `` | `` the same way.
- Rows written as tab-indented lines, one cell a line, separated by blank lines, form a real
  table (rows known).
"""

from __future__ import annotations

import re

from generator.sources.documents.model import (
    Cell,
    Location,
    Paragraph,
    Row,
    SourceDocument,
    Table,
)
from generator.sources.textnorm import nfc

_INLINE_PIPE = re.compile(r"\s\|\s|^\|\s|\s\|$")


def _tab_rows(lines: list[str], start: int) -> tuple[list[list[tuple[str, int]]], int]:
    """Rows of tab-indented cells from line index ``start``; returns rows and the next index."""
    rows: list[list[tuple[str, int]]] = []
    i = start
    while i < len(lines):
        row: list[tuple[str, int]] = []
        while i < len(lines) and lines[i].startswith("\t"):
            row.append((lines[i].strip(), i + 1))
            i += 1
        if not row:
            break
        rows.append([cell for cell in row if cell[0]] or row)
        # One blank (or blank-looking) line separates rows.
        if i < len(lines) and not lines[i].strip() and i + 1 < len(lines) \
                and lines[i + 1].startswith("\t"):
            i += 1
            continue
        break
    return rows, i


def read_text(text: str, name: str) -> SourceDocument:
    """Read copied text (already decoded) into paragraphs and tables."""
    text = nfc(text)
    lines = text.split("\n")
    blocks: list[Paragraph | Table] = []
    tables = 0
    pending_break = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if line.startswith("\t") and stripped:
            rows, after = _tab_rows(lines, i)
            if len(rows) >= 2 and max(len(r) for r in rows) >= 3:
                tables += 1
                built = []
                for r, row in enumerate(rows, 1):
                    cells = tuple(
                        Cell(cell_text, Location(line=ln, table=tables, row=r, cell=c))
                        for c, (cell_text, ln) in enumerate(row, 1)
                    )
                    built.append(Row(cells, Location(line=row[0][1], table=tables, row=r)))
                blocks.append(Table(tuple(built), Location(line=i + 1, line_end=after,
                                                          table=tables)))
                i = after
                continue
        if stripped == "|":
            pending_break = True
            i += 1
            continue
        if not stripped:
            i += 1
            continue
        if _INLINE_PIPE.search(" " + stripped + " ") and stripped.count("|") >= 1:
            parts = [p.strip() for p in stripped.split("|")]
            for part in parts:
                if part:
                    blocks.append(Paragraph(part, Location(line=i + 1), cell_break=True))
                    pending_break = False
            pending_break = stripped.endswith("|")
            i += 1
            continue
        blocks.append(Paragraph(stripped, Location(line=i + 1), cell_break=pending_break))
        pending_break = False
        i += 1
    return SourceDocument(name=name, kind="txt", blocks=tuple(blocks), text=text)
