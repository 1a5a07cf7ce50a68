"""What a spreadsheet read from outside is: its sheets and cells, where each cell is, the limits
every reader keeps, and the error that says, in Vietnamese, why a file cannot be read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A form for the largest agency of a province (thousands of rows) is under 2 MB as .xlsx and
# under 5 MB as CSV; anything ten times larger is not a form.
MAX_BYTES = 20 * 1024 * 1024
# Inflated size of all the parts of an .xlsx together, and the most parts it may have.
MAX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_PARTS = 2_000
# Inflated / compressed size of one part. Sheet XML compresses 10–30×; a bomb, thousands of times.
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024  # small parts may compress well without harm

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".tab"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
EPOCH_1900 = dt.date(1899, 12, 30)
EPOCH_1904 = dt.date(1904, 1, 1)


class SpreadsheetError(Exception):
    """A file that cannot be read as a spreadsheet; ``message`` and ``hint`` are Vietnamese."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def column_letter(column: int) -> str:
    """Letters of a 1-based column number: 1 is ``A``, 27 is ``AA``."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Cell:
    """One cell as the file holds it.

    ``value`` is what a user sees typed in (a string, a number, a bool, a date or datetime); for
    a formula it is the formula's text and ``formula`` is set. ``link`` is a hyperlink's target.
    """

    row: int
    column: int
    value: Any = None
    formula: str | None = None
    number_format: str = "General"
    link: str | None = None

    @property
    def ref(self) -> str:
        """``F12``."""
        return f"{column_letter(self.column)}{self.row}"

    @property
    def empty(self) -> bool:
        """True when nothing is written in the cell (spaces count as nothing)."""
        if self.formula is not None:
            return False
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class Sheet:
    """A worksheet (or the single table of a CSV file, whose ``name`` is None)."""

    name: str | None
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    visible: bool = True
    merged: tuple[str, ...] = ()
    chart: bool = False
    loaded: bool = True  # False: only listed (its cells were not asked for)

    @property
    def max_row(self) -> int:
        """The last row holding a cell (0 when empty)."""
        return max((r for r, _c in self.cells), default=0)

    def cell(self, row: int, column: int) -> Cell:
        """The cell at ``row``, ``column`` (an empty one when nothing is there)."""
        return self.cells.get((row, column)) or Cell(row, column)

    def location(self, row: int, column: int) -> str:
        """``Nhập liệu!F12`` (``F12`` in a CSV file), as users find a cell."""
        ref = f"{column_letter(column)}{row}"
        return f"{self.name}!{ref}" if self.name else ref

    def rows(self) -> dict[int, dict[int, Cell]]:
        """Non-empty cells by row, then column."""
        out: dict[int, dict[int, Cell]] = {}
        for (r, c), cell in self.cells.items():
            out.setdefault(r, {})[c] = cell
        return out


@dataclass
class Spreadsheet:
    """A spreadsheet file, read."""

    path: Path
    kind: str  # "xlsx" or "csv"
    sheets: list[Sheet]
    properties: dict[str, str] = field(default_factory=dict)
    epoch: dt.date = EPOCH_1900
    encoding: str | None = None
    delimiter: str | None = None

    def sheet(self, name: str) -> Sheet | None:
        """The sheet called ``name`` (None for a CSV file's only table)."""
        return next((s for s in self.sheets if s.name == name), None)


CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")


def column_number(letters: str) -> int:
    """The 1-based number of a column from its letters: ``A`` is 1, ``AA`` is 27."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


# The hint for a file that is a spreadsheet, but not one we read.
RESAVE = ("Mở tệp bằng Excel, LibreOffice Calc hoặc WPS rồi lưu lại dạng “Excel Workbook "
          "(.xlsx)”, hoặc dùng đúng tệp biểu mẫu đã được gửi.")


def not_a_spreadsheet(path: Path, what: str) -> SpreadsheetError:
    """The error for a file whose content is ``what`` (“một tệp PDF”), whatever its name."""
    return SpreadsheetError(
        "not-a-spreadsheet",
        f"Tệp {path.name} không phải bảng tính mà là {what}.",
        "Gửi lại đúng tệp biểu mẫu báo cáo (.xlsx) hoặc bản CSV của nó.",
    )
