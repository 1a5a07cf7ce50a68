"""Derived facts of a whole project as of one date: each task's status and the usual groupings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from generator.facts.lineage import Lineage
from generator.facts.stats import Summary, summarise
from generator.facts.status import COMPLETED, Status, TaskStatus, task_status
from generator.model.entities import Plan, Project, Task, Update


@dataclass(frozen=True)
class TaskFact:
    """A task, the plan it belongs to and its status as of the snapshot date."""

    plan: Plan
    task: Task
    status: TaskStatus
    parent: Task | None = None

    @property
    def anchor(self) -> str:
        """Anchor of the task on its plan page."""
        return self.task.anchor

    @property
    def key(self) -> str:
        """Globally unique key: ``plan-id#task-id``."""
        return f"{self.plan.id}#{self.task.id}"


@dataclass(frozen=True)
class UpdateFact:
    """A recorded update with the task it belongs to."""

    fact: TaskFact
    update: Update


def has_fixed_deadline(fact: TaskFact) -> bool:
    """Whether a task has a due date, and so an event in the deadline calendars."""
    return fact.task.deadline.due is not None


class Snapshot:
    """Every task's (and subtask's) status as of ``as_of``, indexed by plan, agency and area, and
    the lineage of agencies and provinces as of the same date."""

    def __init__(self, project: Project, as_of: dt.date) -> None:
        self.project = project
        self.as_of = as_of
        self.facts: list[TaskFact] = []
        self.by_plan: dict[str, list[TaskFact]] = defaultdict(list)
        self.led_by: dict[str, list[TaskFact]] = defaultdict(list)
        self.supported_by: dict[str, list[TaskFact]] = defaultdict(list)
        self.by_area: dict[str | None, list[TaskFact]] = defaultdict(list)
        self.by_key: dict[str, TaskFact] = {}
        self.lineage = Lineage(project, as_of)
        for plan in project.plans:
            for task in plan.tasks:
                self._add(plan, task, None)
                for sub in task.subtasks:
                    self._add(plan, sub, task)

    def _add(self, plan: Plan, task: Task, parent: Task | None) -> None:
        # Subtasks are facts of their own: they have leads, deadlines and updates, so they appear
        # on their agencies' and area's pages and in every count, like any task.
        fact = TaskFact(plan, task, task_status(task.deadline.due, task.updates, self.as_of),
                        parent)
        self.facts.append(fact)
        self.by_key[fact.key] = fact
        self.by_plan[plan.id].append(fact)
        for agency in dict.fromkeys(ref.agency for ref in task.leads):
            self.led_by[agency].append(fact)
        for agency in dict.fromkeys(ref.agency for ref in task.support):
            self.supported_by[agency].append(fact)
        self.by_area[task.area].append(fact)

    def summary(self, facts: list[TaskFact] | None = None) -> Summary:
        """Aggregates over ``facts`` (all tasks by default)."""
        return summarise(f.status for f in (self.facts if facts is None else facts))

    def overdue(self) -> list[TaskFact]:
        """Tasks reported unfinished past their due date, longest overdue first."""
        late = [f for f in self.facts if f.status.overdue]
        return sorted(late, key=lambda f: (-(f.status.days_overdue or 0), f.plan.id, f.task.id))

    def past_due_unreported(self) -> list[TaskFact]:
        """Tasks past their due date that nobody reported on, longest past first."""
        late = [f for f in self.facts if f.status.past_due_unreported]
        return sorted(late, key=lambda f: (-(f.status.days_overdue or 0), f.plan.id, f.task.id))

    def upcoming(self, days: int = 90) -> list[TaskFact]:
        """Unfinished tasks due within ``days`` days after the snapshot date, soonest first."""
        end = self.as_of + dt.timedelta(days=days)
        soon = [
            f for f in self.facts
            if f.status.due is not None and self.as_of <= f.status.due <= end
            and f.status.code not in (*COMPLETED, Status.CANCELLED)
        ]
        return sorted(soon, key=lambda f: (f.status.due, f.plan.id, f.task.id))

    def has_calendar(self, agency_id: str | None = None) -> bool:
        """Whether any task (of the whole project, or that ``agency_id`` leads or supports) has
        a fixed due date, i.e. whether its deadline calendar has an event.

        The downloads publish a calendar, and the pages link to it, only then: RFC 5545 requires
        a calendar to hold at least one component.
        """
        if agency_id is None:
            return any(has_fixed_deadline(f) for f in self.facts)
        return any(has_fixed_deadline(f) for f in (*self.led_by.get(agency_id, ()),
                                                   *self.supported_by.get(agency_id, ())))

    def latest_updates(self, limit: int = 10) -> list[UpdateFact]:
        """The most recent updates recorded up to the snapshot date, newest first."""
        found = [
            UpdateFact(f, u) for f in self.facts for u in f.task.updates if u.date <= self.as_of
        ]
        found.sort(key=lambda uf: (uf.update.date, uf.fact.key), reverse=True)
        return found[:limit]
