"""Helpers of the report-form tests: run the commands, fill a form in as an agency would.

Forms are made by the real ``congkhai report-form`` and filled with openpyxl, which edits the
workbook the way an office suite saves it (cells typed, nothing else touched); the LibreOffice
tests fill them in with LibreOffice itself (tests/office/calc.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

from generator.authoring.report_forms.layout import ENTRY_SHEET, HEADER_ROW, header_key
from generator.cli.commands import main

CLI = Path(sys.executable).parent / "congkhai"


@dataclass
class Run:
    """What a command did: exit code, standard output and error."""

    code: int
    out: str
    err: str

    def ok(self) -> Run:
        assert self.code == 0, f"exit {self.code}\n{self.out}\n{self.err}"
        return self


def congkhai(*args: str | Path) -> Run:
    """``congkhai ARGS`` in this process (quick); a traceback makes the test fail."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def congkhai_process(*args: str | Path, timeout: float = 120) -> Run:
    """``congkhai ARGS`` as editors run it: the console script in a child process."""
    proc = subprocess.run([str(CLI), *map(str, args)], capture_output=True, timeout=timeout)
    return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"),
               proc.stderr.decode("utf-8", "replace"))


def columns(sheet: Any) -> dict[str, int]:
    """Column numbers of the entry sheet by column key (``status``, ``progress``…)."""
    found = {}
    for cell in sheet[HEADER_ROW]:
        key = header_key(cell.value)
        if key:
            found[key] = cell.column
    return found


def rows_by_task(sheet: Any) -> dict[str, int]:
    """Row numbers of the entry sheet by task id."""
    col = columns(sheet)["task"]
    return {str(sheet.cell(r, col).value): r for r in range(HEADER_ROW + 1, sheet.max_row + 1)
            if sheet.cell(r, col).value is not None}


Values = dict[str, dict[str, Any]]


def fill(form: Path, out: Path, values: Values,
         edit: Callable[[Any, Any], None] | None = None) -> Path:
    """Type ``values`` ({task id: {column key: value}}) into a copy of ``form`` saved as ``out``.

    Dates go in as dates, numbers as numbers, text as text. ``edit(workbook, entry_sheet)`` may
    change anything else before saving.
    """
    book = openpyxl.load_workbook(form)
    sheet = book[ENTRY_SHEET]
    col = columns(sheet)
    rows = rows_by_task(sheet)
    for task_id, cells in values.items():
        for key, value in cells.items():
            target = sheet.cell(rows[task_id], col[key])
            target.value = dt.datetime.combine(value, dt.time()) if isinstance(
                value, dt.date) and not isinstance(value, dt.datetime) else value
    if edit is not None:
        edit(book, sheet)
    book.save(out)
    return out


def fill_csv(form_csv: Path, out: Path, values: Values, *, encoding: str = "utf-8-sig",
             delimiter: str = ",") -> Path:
    """Type ``values`` as text into a copy of the CSV variant, saved in another encoding or with
    another separator if asked (as Excel's "Unicode text" or a European-locale CSV)."""
    rows = list(csv.reader(io.StringIO(form_csv.read_bytes().decode("utf-8-sig"))))
    header = rows[HEADER_ROW - 1]
    col = {header_key(h): i for i, h in enumerate(header)}
    for row in rows[HEADER_ROW:]:
        for key, value in values.get(row[col["task"]], {}).items():
            row[col[key]] = f"{value:%d/%m/%Y}" if isinstance(value, dt.date) else str(value)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    # "utf-16" writes the byte-order mark, as Excel's "Unicode text" does.
    out.write_bytes(text.encode(encoding))
    return out
