"""Reading spreadsheets that come from outside the project, safely: filled-in report forms.

What a form can come back as, and how each is read:

* ``.xlsx`` saved by Microsoft Excel, LibreOffice Calc or WPS Spreadsheets — the SpreadsheetML
  parts streamed through expat (about ten times faster than openpyxl, whose per-cell objects
  cost ~100 µs): cell values with their number formats (dates and percentages), formulas kept as
  formulas (never evaluated), hyperlinks, merged ranges, hidden sheets and the workbook's custom
  properties;
* CSV in UTF-8 with or without a byte-order mark, and the UTF-16 "Unicode text" Excel writes
  (tab-separated); the separator (comma, semicolon or tab) is found from the rows themselves.

Everything arriving from outside is treated as hostile until proven otherwise:

* the size is checked with ``stat`` before the file is opened (:data:`MAX_BYTES`);
* the kind is told from the content, never from the file name: a PDF, a picture, a Word or
  OpenDocument file, an Excel 97–2003 ``.xls`` or a workbook saved with a password (an encrypted
  OLE container) is named as such and refused;
* for ``.xlsx``, the zip directory is checked before any part is inflated: the number of parts,
  the declared sizes and the compression ratio (a zip bomb is refused there). Python's ``zipfile``
  never inflates a part beyond its declared size, so the declared sizes bound the work.

* XML parts may not declare a DOCTYPE or entities (none of the three suites writes one; they are
  how XML bombs and external-entity reads are made).

Problems are :class:`SpreadsheetError` with an English code and a Vietnamese message and hint;
no parser exception reaches the user.

Modules: :mod:`.model` (cells, sheets, limits, the error), :mod:`.read` (telling what a file is),
:mod:`.xlsx` and :mod:`.text` (CSV). Imports: the standard library only.
"""

from __future__ import annotations

from generator.sources.spreadsheets.model import (
    EPOCH_1900,
    EPOCH_1904,
    MAX_BYTES,
    Cell,
    Sheet,
    Spreadsheet,
    SpreadsheetError,
    column_letter,
    column_number,
)
from generator.sources.spreadsheets.read import read_spreadsheet

__all__ = [
    "EPOCH_1900",
    "EPOCH_1904",
    "MAX_BYTES",
    "Cell",
    "Sheet",
    "Spreadsheet",
    "SpreadsheetError",
    "column_letter",
    "column_number",
    "read_spreadsheet",
]
