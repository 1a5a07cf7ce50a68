"""The task matrix: a table recognised by its Vietnamese column headers, in any column order.

Headers: TT/STT; Nhiệm vụ/Nội dung; Sản phẩm/Kết quả; Tiến độ/Thời gian/Thời hạn; (Cơ quan)
chủ trì; (Cơ quan) phối hợp; Phân công…/Trách nhiệm thực hiện. A row numbered I, II… (or A, B…)
with a title, or one merged cell "I. CẢI CÁCH THỂ CHẾ", starts a section; a row numbered 1, 2…
is a task; a row without a number continues the task above (a cell broken over two pages). Two
tables in a row with the same columns, the second without headers, are one matrix (a table
broken over pages).

Copied web text loses table rows: its cells come one after another between ``|`` lines
(``cell_break``). Once the header cells are recognised, the rows are rebuilt from the number of
columns: a section row has two cells (number, title), a task row one cell per column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.authoring.importer.text import ROMAN
from generator.sources.documents import Row
from generator.sources.documents.model import Location, Paragraph, SourceDocument, join_lines
from generator.sources.textnorm import fold

ID, TITLE, OUTPUT, DEADLINE, LEAD, SUPPORT, ASSIGNMENT, NOTE = (
    "id", "title", "output", "deadline", "lead", "support", "assignment", "note")


def header_role(text: str) -> str | None:
    """The role of a header cell ("Cơ quan chủ trì" -> lead), or None."""
    words = " ".join(fold(text).replace("\n", " ").split()).strip(" .:")
    if not words:
        return None
    if words in ("tt", "stt", "so tt", "so thu tu", "s tt"):
        return ID
    if "chu tri" in words and "phoi hop" in words:
        return ASSIGNMENT
    if "chu tri" in words:
        return LEAD
    if "phoi hop" in words:
        return SUPPORT
    if "phan cong" in words or "trach nhiem" in words or words in (
            "co quan thuc hien", "don vi thuc hien", "co quan, don vi thuc hien"):
        return ASSIGNMENT
    if "san pham" in words or words.startswith("ket qua"):
        return OUTPUT
    if "tien do" in words or "thoi gian" in words or "thoi han" in words:
        return DEADLINE
    if "ghi chu" in words:
        return NOTE
    if any(w in words for w in ("nhiem vu", "noi dung", "cong viec", "giai phap", "ten de an")):
        return TITLE
    return None


def header_roles(texts: list[str]) -> list[str | None] | None:
    """The roles of a header row, or None when it is not the header of a task matrix."""
    roles = [header_role(t) for t in texts]
    known = [r for r in roles if r]
    if TITLE not in known or len(set(known)) < 3 or len(known) != len(set(known)):
        return None
    if not ({LEAD, ASSIGNMENT, DEADLINE, OUTPUT} & set(known)):
        return None
    return roles


@dataclass
class GridCell:
    """A cell placed in the matrix's columns."""

    text: str
    where: Location
    merged: bool = False
    spanned: bool = False  # a column covered by the cell to its left (colspan)


@dataclass
class Matrix:
    """A recognised task matrix: column roles and the rows under the header."""

    roles: list[str | None]
    rows: list[tuple[Location, list[GridCell | None]]] = field(default_factory=list)
    where: Location | None = None
    consumed: set[int] = field(default_factory=set)  # indices of blocks it took (copied text)


def _grid(row: Row, width: int) -> list[GridCell | None]:
    out: list[GridCell | None] = []
    for cell in row.cells:
        out.append(GridCell(cell.text, cell.where, cell.merged_from is not None))
        out.extend(GridCell("", cell.where, spanned=True) for _ in range(cell.span - 1))
    # Columns past the row's last cell stay None: the row lacks them (a row cut off).
    return (out + [None] * width)[:width]


def _is_numbering_row(texts: list[str]) -> bool:
    return all(re.fullmatch(r"\(?\d{1,2}\)?", t.strip()) for t in texts if t.strip())


def from_tables(document: SourceDocument) -> list[Matrix]:
    """Matrices from the document's real tables (DOCX, HTML, PDF, tab-separated text)."""
    out: list[Matrix] = []
    current: Matrix | None = None
    for block in document.blocks:
        if isinstance(block, Paragraph):
            # Text between two tables ends the matrix, except a page's header or footer line
            # (a PDF page number).
            if current is not None and block.text.strip() and not re.fullmatch(
                    r"[\d\s/\-–]+|Trang \d+.*", block.text.strip()):
                current = None
            continue
        rows = list(block.rows)
        start = None
        for r, row in enumerate(rows[:3]):
            roles = header_roles([c.text for c in row.cells])
            if roles:
                spans = []
                for cell, role in zip(row.cells, roles, strict=True):
                    spans.extend([role] + [None] * (cell.span - 1))
                current = Matrix(spans, where=block.where)
                out.append(current)
                start = r + 1
                break
        if start is None:
            if current is None:
                continue
            width = len(current.roles)
            if max((sum(c.span for c in row.cells) for row in rows), default=0) != width:
                current = None
                continue
            start = 0
        width = len(current.roles)
        for row in rows[start:]:
            texts = [c.text for c in row.cells]
            if _is_numbering_row(texts) and len(texts) >= 3:
                continue
            current.rows.append((row.where, _grid(row, width)))
    return out


def _is_task_id(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*\.?", text.strip()))


def _is_section_id(text: str) -> bool:
    t = text.strip().rstrip(".")
    return bool(ROMAN.match(t) or re.fullmatch(r"[A-Z]", t) or re.fullmatch(
        r"(?:Phần|PHẦN)\s+\S+", t))


def from_cell_stream(document: SourceDocument) -> list[Matrix]:
    """Matrices rebuilt from copied text whose table rows were lost (cells between ``|``)."""
    blocks = document.blocks
    out: list[Matrix] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Paragraph) or header_role(block.text) != ID:
            i += 1
            continue
        cells = _cells_from(blocks, i + 1)
        if not cells:
            i += 1
            continue
        roles = [ID]
        for text, _where, _idx in cells:
            role = header_role(text)
            if role is None or role in roles:
                break
            roles.append(role)
        if header_roles(["TT", *[c[0] for c in cells[: len(roles) - 1]]]) is None:
            i += 1
            continue
        width = len(roles)
        matrix = Matrix(roles, where=block.where)
        matrix.consumed.add(i)
        for _t, _w, indices in cells[: width - 1]:
            matrix.consumed.update(indices)
        rest = cells[width - 1:]
        k = 0
        while k < len(rest):
            text, where, indices = rest[k]
            if _is_section_id(text) and k + 1 < len(rest) and not _is_task_id(rest[k + 1][0]):
                row = [GridCell(text, where), GridCell(rest[k + 1][0], rest[k + 1][1])]
                matrix.rows.append((where, row + [None] * (width - 2)))
                matrix.consumed.update(indices)
                matrix.consumed.update(rest[k + 1][2])
                k += 2
                continue
            if not _is_task_id(text):
                break
            row_cells = rest[k:k + width]
            matrix.rows.append((where, [GridCell(t, w) for t, w, _i in row_cells]
                                + [None] * (width - len(row_cells))))
            for _t, _w, idx in row_cells:
                matrix.consumed.update(idx)
            k += width
        out.append(matrix)
        i = max(matrix.consumed) + 1
    return out


def _cells_from(blocks, start: int) -> list[tuple[str, Location, list[int]]]:
    """The cells of copied text from ``start``: each runs from a ``cell_break`` line to the
    line before the next one."""
    cells: list[tuple[str, Location, list[int]]] = []
    i = start
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Paragraph):
            break
        if block.cell_break or not cells:
            if not block.cell_break and not cells:
                return []
            cells.append((block.text, block.where, [i]))
        else:
            text, where, indices = cells[-1]
            cells[-1] = (text + "\n" + block.text, where.spanning(block.where), [*indices, i])
        i += 1
    return cells


@dataclass
class MatrixRow:
    """A row of a matrix read as a section or a task."""

    kind: str  # "section" or "task"
    label: str
    values: dict[str, tuple[str, Location, bool]]  # role -> (text, where, from a merged cell)
    where: Location
    missing: list[str] = field(default_factory=list)  # roles whose cells the row lacks


def read_rows(matrix: Matrix) -> list[MatrixRow]:
    """The matrix's rows as sections and tasks; rows without a number continue the task above."""
    out: list[MatrixRow] = []
    id_col = matrix.roles.index(ID) if ID in matrix.roles else None
    for where, cells in matrix.rows:
        texts = [join_lines(c.text) if c else "" for c in cells]
        present = [t for t in texts if t]
        if not present:
            continue
        label = texts[id_col].strip() if id_col is not None else ""
        first = present[0]
        merged_section = re.match(r"^([IVXL]{1,6}|[A-Z])\s*[.)/]\s*(.+)$", first, re.DOTALL)
        if len(present) == 1 and merged_section and ROMAN.match(merged_section.group(1)):
            out.append(MatrixRow("section", merged_section.group(1),
                                 {TITLE: (merged_section.group(2), where, False)}, where))
            continue
        if label and _is_section_id(label) and len(present) <= 2:
            title = next((t for i, t in enumerate(texts) if t and i != id_col), "")
            cell = next((c for i, c in enumerate(cells) if c and i != id_col and texts[i]), None)
            out.append(MatrixRow("section", label.rstrip("."),
                                 {TITLE: (title, cell.where if cell else where, False)}
                                 if title else {}, where))
            continue
        values: dict[str, tuple[str, Location, bool]] = {}
        missing: list[str] = []
        for i, role in enumerate(matrix.roles):
            if role is None or role == ID:
                continue
            cell = cells[i] if i < len(cells) else None
            if cell is None:
                missing.append(role)
                continue
            if texts[i]:
                values[role] = (texts[i], cell.where, cell.merged)
        if not label and out and out[-1].kind == "task":
            _continue(out[-1], values)
            continue
        if not _is_task_id(label):
            continue
        out.append(MatrixRow("task", label.rstrip("."), values, where, missing))
    return out


def _continue(row: MatrixRow, values: dict[str, tuple[str, Location, bool]]) -> None:
    for role, (text, where, merged) in values.items():
        if merged:
            continue
        if role in row.values:
            old, old_where, old_merged = row.values[role]
            row.values[role] = (old + " " + text, old_where.spanning(where), old_merged)
        else:
            row.values[role] = (text, where, merged)


def find_matrices(document: SourceDocument) -> list[Matrix]:
    """Every task matrix of the document, real tables and copied-text cells alike."""
    return from_tables(document) + from_cell_stream(document)

