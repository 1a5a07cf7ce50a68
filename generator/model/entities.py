"""The plain data model: what the YAML files say, after validation, with nothing computed.

Derived facts (parsed deadlines aside, which are part of reading a task) live elsewhere:
status as of a date in :mod:`generator.facts.status`, aggregates in :mod:`generator.facts.stats`.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from generator.model.deadlines import Deadline
from generator.sources.textnorm import slugify


@functools.lru_cache(maxsize=65536)
def task_anchor(task_id: str) -> str:
    """The HTML anchor of a task on its plan page: "II.3" -> "nv-ii-3", "1.đ" -> "nv-1-dd".

    Part of the model because ids must stay distinct once made anchors (checked on load)."""
    return "nv-" + slugify(task_id)


@dataclass(frozen=True)
class Source:
    """Where a fact about an agency's lineage was found, with the passage quoted verbatim."""

    url: str
    quote: str
    type: str | None = None


@dataclass(frozen=True)
class LineageBasis:
    """The legal document of a lineage event; what was not found is None ("chưa xác định")."""

    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    article: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Party:
    """A successor (or a predecessor) in a lineage event: a registry id, a name, or neither
    ("chưa xác định")."""

    id: str | None = None
    name: str | None = None
    functions: str | None = None
    derived: str | None = None
    line: int = 0
    column: int = 0

    @property
    def unknown(self) -> bool:
        """True when the sources do not establish who this is."""
        return self.id is None and self.name is None


# Event kinds; every kind but "thanh-lap" ends the life of its subject.
RENAMED = "doi-ten"
MERGED_INTO = "hop-nhat-vao"
SPLIT = "chia-tach"
ENDED = "ket-thuc"
CREATED = "thanh-lap"


@dataclass(frozen=True)
class LineageEvent:
    """A dated change to an agency or a province, with its legal basis and sources.

    ``subject`` is an agency id (``scope`` "agency") or a province id (``scope`` "province").
    ``date`` is the effective date when known; otherwise ``known_by`` is the latest date by which
    the sources show the event had taken effect, if they show one."""

    subject: str
    scope: str
    kind: str
    date: dt.date | None
    confidence: str
    successors: tuple[Party, ...] = ()
    predecessors: tuple[Party, ...] = ()
    co_predecessors: tuple[str, ...] = ()
    date_text: str | None = None
    known_by: dt.date | None = None
    basis: LineageBasis | None = None
    other_bases: tuple[LineageBasis, ...] = ()
    missing: tuple[str, ...] = ()
    derived: str | None = None
    note: str | None = None
    sources: tuple[Source, ...] = ()
    demo: bool = False
    file: str = ""
    line: int = 0
    column: int = 0

    @property
    def effective(self) -> dt.date | None:
        """The date from which the event applies: its date, else the date it is known by."""
        return self.date or self.known_by

    @property
    def ends(self) -> bool:
        """True when the event ends its subject (every kind but "thanh-lap")."""
        return self.kind != CREATED


@dataclass(frozen=True)
class LineageStatus:
    """What is (not) known of an agency or province with no recorded event."""

    status: str
    note: str | None = None
    searched: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Province:
    """A province whose agencies are listed in one registry file."""

    id: str
    name: str
    demo: bool = False
    lineage: tuple[LineageEvent, ...] = ()
    lineage_status: LineageStatus | None = None


@dataclass(frozen=True)
class Agency:
    """An agency, or a group label such as "Các sở, ban, ngành", as documents name it."""

    id: str
    name: str
    short_name: str
    level: str
    aliases: tuple[str, ...] = ()
    group: bool = False
    parent: str | None = None
    website: str | None = None
    province: str | None = None
    demo: bool = False
    lineage: tuple[LineageEvent, ...] = ()
    lineage_status: LineageStatus | None = None


@dataclass(frozen=True)
class Framework:
    """A programme whose reform areas plans are grouped by (30c/NQ-CP, 76/NQ-CP, PAR INDEX)."""

    id: str
    name: str
    basis: str | None


@dataclass(frozen=True)
class Area:
    """A reform area (lĩnh vực cải cách hành chính)."""

    id: str
    name: str
    frameworks: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgencyRef:
    """A pointer to an agency; ``derived`` holds the reason when the document does not state it."""

    agency: str
    derived: str | None = None


@dataclass(frozen=True)
class Update:
    """A dated status report recorded by an editor."""

    date: dt.date
    status: str
    progress: int | None = None
    note: str | None = None
    evidence: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Target:
    """A numeric commitment: ``comparator`` ``value`` ``unit``, e.g. ">= 35 %"."""

    label: str
    comparator: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_year: int | None = None
    deadline: Deadline | None = None


@dataclass(frozen=True)
class Measurement:
    """A measured value of a target at a date."""

    date: dt.date
    value: float
    target: int = 1
    note: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class Objective:
    """An objective (mục tiêu) with its numeric targets and measurements."""

    id: str
    text: str
    targets: tuple[Target, ...] = ()
    updates: tuple[Measurement, ...] = ()


@dataclass(frozen=True)
class Task:
    """A task (nhiệm vụ) of a plan's matrix."""

    id: str
    number: str
    section: str
    area: str | None
    title: str
    output: str | None
    deadline: Deadline
    leads: tuple[AgencyRef, ...] = ()
    support: tuple[AgencyRef, ...] = ()
    assignment: str | None = None
    how: str | None = None
    objectives: tuple[Objective, ...] = ()
    updates: tuple[Update, ...] = ()
    subtasks: tuple[Task, ...] = ()
    line: int = 0
    # Fields our copy of the document lost (empty here, but not "not stated"): "lead", "output"…
    lost_in_copy: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """Anchor of the task on its plan page."""
        return task_anchor(self.id)


@dataclass(frozen=True)
class Section:
    """A group of tasks as the document groups them."""

    id: str
    part: str | None
    title: str | None
    area: str | None
    tasks: tuple[Task, ...]
    lost_in_copy: tuple[str, ...] = ()


@dataclass(frozen=True)
class DutyItem:
    """A lettered item of a duty."""

    id: str
    text: str


@dataclass(frozen=True)
class Duty:
    """Duties given to an agency in the implementation part of a document."""

    id: str
    agencies: tuple[AgencyRef, ...]
    heading: str | None
    text: str | None
    items: tuple[DutyItem, ...] = ()
    # "number" here means the id is ours: the document's number for the block is not in our copy.
    lost_in_copy: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegalBasis:
    """A căn cứ: number and date together, since numbers repeat across years."""

    number: str | None
    date: dt.date | None
    title: str


@dataclass(frozen=True)
class Baseline:
    """A starting value the document states."""

    label: str
    value: float
    unit: str
    year: int | None = None


@dataclass(frozen=True)
class Document:
    """Metadata of the published document."""

    type: str
    number: str
    issued: dt.date
    issuer: str
    summary: str | None
    effective_date: dt.date | None = None
    effective_text: str | None = None
    place: str | None = None
    signer_name: str | None = None
    signer_form: str | None = None
    source_seed: str | None = None
    source_url: str | None = None
    lost_in_copy: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """One plan document and everything it says."""

    id: str
    title: str
    document: Document
    path: str
    demo: bool = False
    period: tuple[int, int] | None = None
    notes: tuple[str, ...] = ()
    legal_bases: tuple[LegalBasis, ...] = ()
    objectives: tuple[Objective, ...] = ()
    baselines: tuple[Baseline, ...] = ()
    sections: tuple[Section, ...] = ()
    duties: tuple[Duty, ...] = ()

    @property
    def tasks(self) -> tuple[Task, ...]:
        """All top-level tasks in document order."""
        return tuple(t for s in self.sections for t in s.tasks)


@dataclass(frozen=True)
class Project:
    """Everything loaded: registries and plans."""

    provinces: dict[str, Province] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)
    plans: tuple[Plan, ...] = ()

    def plan(self, plan_id: str) -> Plan | None:
        """The plan with id ``plan_id``, if loaded."""
        return next((p for p in self.plans if p.id == plan_id), None)
