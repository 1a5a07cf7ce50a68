"""Making many agencies' forms at once, on every core.

Each form is independent once the snapshot is known, so with many agencies the forms are made
in worker processes forked from this one (they share the loaded project copy-on-write, as
:mod:`generator.model.project` does for plan files) and only the finished bytes come back.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing import get_context

from generator.authoring.report_forms.making import form_files
from generator.authoring.report_forms.periods import Period
from generator.authoring.report_forms.selection import agency_form
from generator.facts.snapshot import Snapshot

PARALLEL_FROM = 16  # agencies; fewer forms are made faster than workers start


@dataclass(frozen=True)
class MadeForm:
    """One agency's form, made: its counts and its files by name."""

    agency_id: str
    agency_name: str
    period: Period
    return_by: dt.date
    rows: int
    support: int
    files: dict[str, bytes]


_job: tuple[Snapshot, Period, dt.date, bool, bool] | None = None


def _make(agency_id: str) -> MadeForm | None:
    assert _job is not None
    snapshot, period, return_by, xlsx, with_csv = _job
    form = agency_form(snapshot, agency_id, period, return_by)
    if not form.rows:
        return None
    return MadeForm(agency_id, form.agency.name, period, return_by, len(form.rows),
                    len(form.support), form_files(form, xlsx=xlsx, with_csv=with_csv))


def make_forms(snapshot: Snapshot, agencies: Sequence[str], period: Period, return_by: dt.date,
               *, xlsx: bool = True, with_csv: bool = False,
               progress: Callable[[str, int, int], None] | None = None,
               workers: int | None = None) -> list[MadeForm]:
    """The forms of ``agencies`` (those with tasks to report), in the order given."""
    global _job
    _job = (snapshot, period, return_by, xlsx, with_csv)
    workers = workers or os.cpu_count() or 1
    made: list[MadeForm | None] = []
    try:
        if workers > 1 and len(agencies) >= PARALLEL_FROM:
            with get_context("fork").Pool(workers) as pool:
                for result in pool.imap(_make, agencies, chunksize=4):
                    made.append(result)
                    if progress:
                        progress("Tạo biểu mẫu", len(made), len(agencies))
        else:
            for agency_id in agencies:
                made.append(_make(agency_id))
                if progress:
                    progress("Tạo biểu mẫu", len(made), len(agencies))
    finally:
        _job = None
    return [m for m in made if m is not None]
