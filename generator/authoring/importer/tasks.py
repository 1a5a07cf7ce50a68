"""The tasks and sections an import reads, before they become plan data; and the sections of
the document's task matrices (:mod:`.matrix` recognises the tables, this module reads their rows
as tasks and their agencies as roles)."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.authoring.importer.agencies import AgencyIndex, Roles, assignment_roles, read_list
from generator.authoring.importer.lost import cut_row
from generator.authoring.importer.matrix import (
    ASSIGNMENT,
    DEADLINE,
    LEAD,
    OUTPUT,
    SUPPORT,
    TITLE,
    find_matrices,
    read_rows,
)
from generator.sources.documents.model import Location, SourceDocument


@dataclass
class Task:
    """A task read from the document, before it becomes plan data."""

    id: str
    title: str
    where: Location
    output: tuple[str, Location] | None = None
    deadline: tuple[str, Location] | None = None
    roles: Roles | None = None
    roles_where: Location | None = None
    assignment: str | None = None
    merged: list[str] | None = None
    objectives: list[dict] | None = None
    subtasks: list[Task] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # fields our copy lost (``lost_in_copy``)
    lost_why: str | None = None  # what in the copy shows it, for the review and ``notes``
    # Review items: (field of the task, or "" for the task itself; message; where in the source).
    notes: list[tuple[str, str, Location | None]] = field(default_factory=list)


@dataclass
class Section:
    """A section of tasks read from the document."""

    id: str
    part: str | None
    title: str | None
    where: Location
    tasks: list[Task]
    lost: list[str] = field(default_factory=list)
    lost_why: str | None = None


def matrix_sections(document: SourceDocument, index: AgencyIndex,
                    issuer: str) -> tuple[list[Section], set[int]]:
    """The sections and tasks of every task matrix, and the indices of the blocks the matrices
    took from copied text (the prose outline leaves them out)."""
    sections: list[Section] = []
    consumed: set[int] = set()
    for matrix in find_matrices(document):
        consumed |= matrix.consumed
        current: Section | None = None
        for row in read_rows(matrix):
            if row.kind == "section":
                title = row.values.get(TITLE)
                current = Section(row.label, None, title[0] if title else None, row.where, [])
                sections.append(current)
                continue
            if current is None:
                current = Section("PL", None, None, row.where, [])
                sections.append(current)
            title = row.values.get(TITLE)
            if title is None:
                continue
            task = Task(f"{current.id}.{row.label}", title[0], title[1])
            task.output = row.values[OUTPUT][:2] if OUTPUT in row.values else None
            task.deadline = row.values[DEADLINE][:2] if DEADLINE in row.values else None
            task.merged = [role for role, value in row.values.items() if value[2]]
            task.lost, cells = cut_row(row.missing)
            if task.lost:
                task.lost_why = (f"Hàng {row.label} của bảng bị cắt trong bản sao: không có ô "
                                 f"{cells}")
            if LEAD in row.values or SUPPORT in row.values:
                roles = Roles()
                if LEAD in row.values:
                    text, where, _merged = row.values[LEAD]
                    mentions, end = read_list(text, index)
                    roles.add(LEAD, mentions, None)
                    rest = text[end:].strip(" .;,")
                    if rest:
                        roles.unknown.append(rest)
                    task.roles_where = where
                if SUPPORT in row.values:
                    text, where, _merged = row.values[SUPPORT]
                    mentions, end = read_list(text, index)
                    roles.add(SUPPORT, mentions, None)
                    rest = text[end:].strip(" .;,")
                    if rest:
                        roles.unknown.append(rest)
                    task.roles_where = task.roles_where or where
                roles.tidy()
                task.roles = roles
            if ASSIGNMENT in row.values:
                text, where, _merged = row.values[ASSIGNMENT]
                task.assignment = text
                if task.roles is None:
                    task.roles = assignment_roles(text, index, issuer)
                    task.roles_where = where
            current.tasks.append(task)
    return [s for s in sections if s.tasks], consumed
