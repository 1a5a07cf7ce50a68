"""Aggregates over task statuses: counts, completion and on-time rates, progress.

Definitions (documented on the methodology page):

* *fallen due*: tasks with a due date before the as-of date, not cancelled;
* *completion rate*: completed tasks among those fallen due (on time or late);
* *on-time rate*: tasks completed on or before their due date among those fallen due;
* *progress*: mean reported progress over tasks with a report, cancelled tasks excluded
  (completed counts 100, not started 0); tasks without a report are counted in ``unreported``,
  never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.status import COMPLETED, ORDER, OVERDUE, Status, TaskStatus


@dataclass(frozen=True)
class Summary:
    """Counts and rates for a set of tasks as of one date."""

    total: int
    by_status: dict[Status, int]
    with_due_date: int
    without_due_date: int
    fallen_due: int
    completed_of_fallen_due: int
    on_time_of_fallen_due: int
    overdue: int
    completed: int
    reported: int
    progress: float | None

    @property
    def unreported(self) -> int:
        """Tasks nobody has reported on yet."""
        return self.total - self.reported

    @property
    def completion_rate(self) -> float | None:
        """Share of fallen-due tasks that are completed, or None when none has fallen due."""
        if not self.fallen_due:
            return None
        return self.completed_of_fallen_due / self.fallen_due

    @property
    def on_time_rate(self) -> float | None:
        """Share of fallen-due tasks completed on time, or None when none has fallen due."""
        if not self.fallen_due:
            return None
        return self.on_time_of_fallen_due / self.fallen_due

    def count(self, code: Status) -> int:
        """Number of tasks with status ``code``."""
        return self.by_status.get(code, 0)


def summarise(statuses: Iterable[TaskStatus]) -> Summary:
    """Summarise task statuses (all taken as of the same date)."""
    by_status = dict.fromkeys(ORDER, 0)
    total = with_due = fallen = done_fallen = on_time = overdue = completed = reported = 0
    progress_sum = 0
    progress_n = 0
    for st in statuses:
        total += 1
        by_status[st.code] += 1
        if st.latest is not None:
            reported += 1
        if st.code in COMPLETED:
            completed += 1
        if st.code in OVERDUE:
            overdue += 1
        if st.due is not None:
            with_due += 1
            if st.due < st.as_of and st.code is not Status.CANCELLED:
                fallen += 1
                if st.code in COMPLETED:
                    done_fallen += 1
                if st.code is Status.DONE_ON_TIME:
                    on_time += 1
        if st.code is not Status.CANCELLED:
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
        completed_of_fallen_due=done_fallen,
        on_time_of_fallen_due=on_time,
        overdue=overdue,
        completed=completed,
        reported=reported,
        progress=progress_sum / progress_n if progress_n else None,
    )
