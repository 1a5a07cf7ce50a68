"""Aggregates over task statuses: counts, completion and on-time rates, progress.

Definitions (documented on the methodology page):

* *fallen due*: tasks with a due date before the as-of date, neither cancelled nor replaced by
  another document;
* *completion rate*: completed tasks (on time or late) among the fallen-due tasks that have a
  report; tasks nobody reported on are counted apart, never as unfinished;
* *on-time rate*: tasks completed on or before their due date, among the same;
* *overdue* ("quá hạn"): tasks reported unfinished whose due date has passed; *past due,
  unreported* ("đã qua hạn, chưa có báo cáo"): tasks whose due date has passed and that nobody
  reported on (see :data:`generator.facts.status.VOCABULARY`);
* *replaced*: tasks another document replaced, counted apart;
* *progress*: mean reported progress over tasks with a report, cancelled and replaced tasks
  excluded
  (completed counts 100, not started 0); tasks without a report are counted in ``unreported``,
  never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.facts.status import COMPLETED, ORDER, OVERDUE, Status, TaskStatus
from generator.model.entities import Objective, Plan, Project, Task

# Tasks that no longer count in the rates: cancelled, or replaced by another document.
_APART = frozenset({Status.CANCELLED, Status.REPLACED})


@dataclass(frozen=True)
class Summary:
    """Counts and rates for a set of tasks as of one date."""

    total: int
    by_status: dict[Status, int]
    with_due_date: int
    without_due_date: int
    fallen_due: int
    fallen_due_reported: int
    completed_of_fallen_due: int
    on_time_of_fallen_due: int
    overdue: int
    past_due_unreported: int
    completed: int
    reported: int
    progress: float | None
    last_report: dt.date | None = None
    replaced: int = 0

    @property
    def unreported(self) -> int:
        """Tasks nobody has reported on yet."""
        return self.total - self.reported

    @property
    def completion_rate(self) -> float | None:
        """Share of reported fallen-due tasks that are completed; None when there is none."""
        if not self.fallen_due_reported:
            return None
        return self.completed_of_fallen_due / self.fallen_due_reported

    @property
    def on_time_rate(self) -> float | None:
        """Share of reported fallen-due tasks completed on time; None when there is none."""
        if not self.fallen_due_reported:
            return None
        return self.on_time_of_fallen_due / self.fallen_due_reported

    def count(self, code: Status) -> int:
        """Number of tasks with status ``code``."""
        return self.by_status.get(code, 0)


def summarise(statuses: Iterable[TaskStatus]) -> Summary:
    """Summarise task statuses (all taken as of the same date)."""
    by_status = dict.fromkeys(ORDER, 0)
    total = with_due = fallen = fallen_reported = done_fallen = on_time = overdue = 0
    completed = reported = unreported_late = 0
    last_report: dt.date | None = None
    progress_sum = 0
    progress_n = 0
    for st in statuses:
        total += 1
        by_status[st.code] += 1
        if st.latest is not None:
            reported += 1
            if last_report is None or st.latest.date > last_report:
                last_report = st.latest.date
        if st.code in COMPLETED:
            completed += 1
        if st.code in OVERDUE:
            overdue += 1
        if st.code is Status.NO_REPORT_LATE:
            unreported_late += 1
        if st.due is not None:
            with_due += 1
            if st.due < st.as_of and st.code not in _APART:
                fallen += 1
                if st.latest is not None:
                    fallen_reported += 1
                if st.code in COMPLETED:
                    done_fallen += 1
                if st.code is Status.DONE_ON_TIME:
                    on_time += 1
        if st.code not in _APART:
            p = st.progress
            if p is not None:
                progress_sum += p
                progress_n += 1
    return Summary(
        total=total,
        by_status=by_status,
        with_due_date=with_due,
        without_due_date=total - with_due,
        fallen_due=fallen,
        fallen_due_reported=fallen_reported,
        completed_of_fallen_due=done_fallen,
        on_time_of_fallen_due=on_time,
        overdue=overdue,
        past_due_unreported=unreported_late,
        completed=completed,
        reported=reported,
        progress=progress_sum / progress_n if progress_n else None,
        last_report=last_report,
        replaced=by_status[Status.REPLACED],
    )


def all_tasks(task: Task) -> Iterator[Task]:
    """``task``, then its subtasks, depth first."""
    yield task
    for sub in task.subtasks:
        yield from all_tasks(sub)


def plan_objectives(plan: Plan) -> Iterator[tuple[Task | None, Objective]]:
    """The plan's objectives, then each task's, with the task they belong to (None for the plan)."""
    for obj in plan.objectives:
        yield None, obj
    for top in plan.tasks:
        for task in all_tasks(top):
            for obj in task.objectives:
                yield task, obj


@dataclass(frozen=True)
class Counts:
    """How many of each thing the model holds; every download must agree with these."""

    plans: int
    tasks: int
    top_level_tasks: int
    subtasks: int
    objectives: int
    targets: int
    measurements: int
    agencies: int
    areas: int
    updates: int
    fixed_deadlines: int


def model_counts(project: Project) -> Counts:
    """Counts taken straight from the model, independently of any download."""
    top = [t for p in project.plans for t in p.tasks]
    every = [t for top_task in top for t in all_tasks(top_task)]
    objectives = [o for p in project.plans for _, o in plan_objectives(p)]
    return Counts(
        plans=len(project.plans),
        tasks=len(every),
        top_level_tasks=len(top),
        subtasks=len(every) - len(top),
        objectives=len(objectives),
        targets=sum(len(o.targets) for o in objectives),
        measurements=sum(len(o.updates) for o in objectives),
        agencies=len(project.agencies),
        areas=len(project.areas),
        updates=sum(len(t.updates) for t in every),
        fixed_deadlines=sum(1 for t in every if t.deadline.due is not None),
    )


def target_met(comparator: str, value: float, target: float) -> bool:
    """Whether a measured ``value`` meets a target ``comparator`` ``target``."""
    return {
        "=": value == target, ">=": value >= target, ">": value > target,
        "<=": value <= target, "<": value < target,
    }[comparator]
