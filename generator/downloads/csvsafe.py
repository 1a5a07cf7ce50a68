"""CSV cells that a spreadsheet cannot mistake for formulas.

A spreadsheet opening a CSV file reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
in some programs, a tab or carriage return) as a formula: ``=HYPERLINK(…)`` in a task title
becomes a live link, ``+cmd|…`` a command. Following the OWASP guidance on CSV injection
(https://owasp.org/www-community/attacks/CSV_Injection), every text cell that starts with one of
these characters is written with a single quote in front of it: ``'- Xây dựng…``, ``'=``. A
spreadsheet then shows the text, quote included, and computes nothing; a program reading the
file removes one leading quote from such a cell to get the value back. Numbers, dates and
booleans are never text cells here (a negative number stays ``-2.5``), and the Table Schema of
the Data Package describes the neutralised values (the comparator ``=`` is ``'=`` in the CSV).

The XLSX workbook needs none of this: its cells are typed (inline strings), never formulas.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(text: str) -> str:
    """``text`` as a CSV cell: with a quote in front when it starts like a formula."""
    return QUOTE + text if text.startswith(FORMULA_START) else text


def csv_field(field: dict[str, Any]) -> dict[str, Any]:
    """A Table Schema field describing a CSV column: allowed text values as the file holds them."""
    constraints = field.get("constraints")
    if field.get("type") != "string" or not constraints or "enum" not in constraints:
        return field
    return {**field, "constraints": {**constraints,
                                     "enum": [neutralise(v) for v in constraints["enum"]]}}
