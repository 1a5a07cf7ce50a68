"""What importing filled report forms produces: located messages, the changes to append, a
summary of each form read, and the rows read before they are compared with the plan files.

Shared by :mod:`.reading` (files into proposals), :mod:`.importing` (proposals into changes) and
:mod:`.applying` (changes into plan files).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from generator.authoring.report_forms.identity import FormId, RowKey
from generator.authoring.report_forms.periods import Period
from generator.model.entities import Plan, Project, Task, Update
from generator.sources.problems import MAX_PER_FILE, MAX_SAME_CODE, SUMMARY_CODE
from generator.sources.spreadsheets import Sheet

Progress = Callable[[str, int, int], None]
PARALLEL_FROM = 16  # files; fewer are read or edited faster than workers start


@dataclass(frozen=True)
class Message:
    """A problem or a notice about a place in a form: ``where`` is ``Nhập liệu!F12`` (``F12``
    in a CSV file, empty for the whole file)."""

    file: str
    where: str
    code: str
    message: str
    value: str = ""
    hint: str = ""
    row: int = 0
    column: int = 0

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.row, self.column, self.code)

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "where": self.where, "code": self.code,
                "message": self.message, "value": self.value, "hint": self.hint}


def capped(messages: Sequence[Message]) -> list[Message]:
    """``messages`` (sorted by file) with at most :data:`MAX_SAME_CODE` of one code and
    :data:`MAX_PER_FILE` in all per file, as ``congkhai check`` reports: a form with thousands of
    bad rows would otherwise print thousands of lines. What is left out is counted, by code, in
    one last message of its file."""
    out: list[Message] = []
    for file, group in groupby(messages, key=lambda m: m.file):
        per_code: Counter[str] = Counter()
        omitted: Counter[str] = Counter()
        kept = 0
        for m in group:
            if kept < MAX_PER_FILE and per_code[m.code] < MAX_SAME_CODE:
                out.append(m)
                kept += 1
                per_code[m.code] += 1
            else:
                omitted[m.code] += 1
        if omitted:
            by_code = ", ".join(f"{n} [{code}]" for code, n in sorted(omitted.items()))
            out.append(Message(
                file, "", SUMMARY_CODE,
                f"Còn {omitted.total()} lỗi nữa trong tệp này không được liệt kê ({by_code}).",
                hint=f"Chỉ in tối đa {MAX_SAME_CODE} lỗi cùng mã và {MAX_PER_FILE} lỗi mỗi "
                     "tệp: sửa các lỗi trên (thường cùng một nguyên nhân) rồi nhập lại."))
    return out


@dataclass(frozen=True)
class Change:
    """An update to append to a task, and the row it came from."""

    plan_file: str
    plan_id: str
    task_id: str
    update: dict[str, Any]
    source: str
    where: str
    forced: bool = False

    def as_dict(self) -> dict[str, Any]:
        update = {k: (v.isoformat() if isinstance(v, dt.date) else v)
                  for k, v in self.update.items()}
        return {"plan_file": self.plan_file, "plan": self.plan_id, "task": self.task_id,
                "update": update, "source": self.source, "where": self.where,
                "forced": self.forced}


@dataclass(frozen=True)
class FormSummary:
    """One file read: which form it is and what its rows held."""

    file: str
    agency: str | None = None
    agency_name: str | None = None
    period: Period | None = None
    rows: int = 0
    filled: int = 0


@dataclass
class ImportPlan:
    """What importing a set of files would do, and everything wrong with them."""

    forms: list[FormSummary] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    skipped: list[Message] = field(default_factory=list)
    notices: list[Message] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Proposal:
    """A row read and validated, before it is compared with the plan file."""

    file: str
    where: str
    row: int
    column: int
    form: FormId
    key: RowKey
    plan: Plan
    task: Task
    update: dict[str, Any]
    date_given: bool
    date_where: str
    date_column: int


class Collector:
    """Messages of one file, located in one sheet."""

    def __init__(self, result: ImportPlan, file: str, sheet: Sheet | None = None) -> None:
        self.result = result
        self.file = file
        self.sheet = sheet

    def where(self, row: int = 0, column: int = 0) -> str:
        if self.sheet is None or not row:
            return self.sheet.name if self.sheet is not None and self.sheet.name else ""
        return self.sheet.location(row, column)

    def problem(self, code: str, message: str, hint: str = "", row: int = 0, column: int = 0,
                value: str = "") -> None:
        self.result.problems.append(Message(self.file, self.where(row, column), code, message,
                                            value, hint, row, column))

    def notice(self, code: str, message: str, row: int = 0, column: int = 0,
               value: str = "") -> None:
        self.result.notices.append(Message(self.file, self.where(row, column), code, message,
                                           value, "", row, column))


def display_path(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def task_index(project: Project) -> dict[tuple[str, str], tuple[Plan, Task]]:
    index: dict[tuple[str, str], tuple[Plan, Task]] = {}
    for plan in project.plans:
        for task in plan.tasks:
            index[plan.id, task.id] = (plan, task)
            for sub in task.subtasks:
                index[plan.id, sub.id] = (plan, sub)
    return index


def update_dict(update: Update) -> dict[str, Any]:
    values = {"date": update.date, "status": update.status, "progress": update.progress,
              "note": update.note, "evidence": update.evidence, "reason": update.reason}
    return {k: v for k, v in values.items() if v is not None}


def in_parallel(function: Callable[[Any], Any], jobs: Sequence[Any],
                 progress: Callable[[int], None] | None = None) -> list[Any]:
    """``function`` over ``jobs`` in forked workers (one per core) when there are many."""
    workers = os.cpu_count() or 1
    results: list[Any] = []
    if workers > 1 and len(jobs) >= PARALLEL_FROM:
        with get_context("fork").Pool(workers) as pool:
            for result in pool.imap(function, jobs, chunksize=2):
                results.append(result)
                if progress:
                    progress(len(results))
        return results
    for job in jobs:
        results.append(function(job))
        if progress:
            progress(len(results))
    return results
