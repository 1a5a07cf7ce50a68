"""What our copy of a document lost, as the copy itself shows it: proposals for ``lost_in_copy``.

The editors' guide allows ``lost_in_copy`` only where the copy lacks the very part that would
hold the information. The importer proposes it only on such evidence in the text, each time
with a review item and a note for ``notes``:

* a task row of a matrix cut off: cells the header has and the row lacks (a copy that stops
  mid-row), for the fields those cells hold;
* an appendix the text cites ("Chi tiết như phụ lục đính kèm …") while the copy has no task
  matrix at all: for the tasks of the body that state no lead, coordination, output or deadline;
* numbered headings gone: the copy keeps "6. …", "7. …" at the top level but no "1." and starts
  with a headless list a), b)…: the title of that list and who carries its requirements out;
* a signature block with the signer's title but no name; no place-and-date line in the copy.
"""

from __future__ import annotations

import re

from generator.authoring.importer.header import Unit
from generator.authoring.importer.outline import Item

# The fields a task loses when the row lacks the cell of a column.
CELL_FIELDS = {"output": ("output",), "deadline": ("deadline",), "lead": ("lead",),
               "support": ("support",), "assignment": ("lead", "support")}
CELL_NAMES = {"output": "sản phẩm", "deadline": "thời hạn", "lead": "cơ quan chủ trì",
              "support": "cơ quan phối hợp", "assignment": "phân công"}
TASK_FIELDS = ("lead", "support", "output", "deadline")

_CITED_APPENDIX = re.compile(
    r"(?:chi tiết|theo)\b[^.;]{0,60}?\bphụ lục\b[^.;]{0,40}?(?:đính kèm|kèm theo|gửi kèm)",
    re.IGNORECASE)


def cut_row(missing: list[str]) -> tuple[list[str], str]:
    """The task fields a row cut off has lost, and the words that say which cells it lacks."""
    fields = [f for role in missing for f in CELL_FIELDS.get(role, ())]
    lost = [f for f in TASK_FIELDS if f in fields]
    names = ", ".join(CELL_NAMES[r] for r in missing if r in CELL_NAMES)
    return lost, names


def cited_appendix(units: list[Unit]) -> Unit | None:
    """Where the text first cites an appendix for details, if it does: the words citing it
    (which a copy may have wrapped over two lines) and the line they begin on."""
    starts, pos = [], 0
    for unit in units:
        starts.append(pos)
        pos += len(unit.text) + 1
    text = " ".join(u.text for u in units)
    match = _CITED_APPENDIX.search(text)
    if match is None:
        return None
    first = max(i for i, start in enumerate(starts) if start <= match.start())
    return Unit(match.group(0), units[first].where, units[first].cell)


def first_surviving_heading(roots: list[Item]) -> Item | None:
    """The first top-level numbered item when the numbering before it is gone: the copy has
    "6. …" and "7. …" but no "1.", so the headings before "6." were lost."""
    numbered = [i for i in roots if i.kind == "number"]
    if not numbered or any(i.label == "1" for i in numbered):
        return None
    first = min(numbered, key=lambda i: int(i.label))
    return first if int(first.label) > 1 else None
