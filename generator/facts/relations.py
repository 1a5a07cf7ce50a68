"""Plans that amend or replace other plans, and what that means for the other plan's tasks.

Provinces amend and replace plans mid-cycle. A plan records it (``relations``: the other
document's number and date, its plan id when it is on the site, and for an amendment the tasks
it replaces). From then on (the replacing plan's effective date, or its issue date when it states
none) the tasks it replaces, all of the other plan's for a replacement, are "đã được thay thế":
counted apart, never overdue (:func:`generator.facts.status.replaced_status`). Both plans' pages
say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model.entities import Plan, Project, Relation

REPLACES = "thay-the"
AMENDS = "sua-doi"


@dataclass(frozen=True)
class Link:
    """A relation seen from either side: ``source`` amends or replaces ``target``."""

    source: Plan
    relation: Relation
    target: Plan | None

    @property
    def since(self) -> dt.date:
        """From when the replaced tasks no longer count: the source's effective date, or its
        issue date."""
        doc = self.source.document
        return doc.effective_date or doc.issued


def links(project: Project) -> list[Link]:
    """Every relation of every plan, with the plan it points to when that plan is loaded."""
    by_id = {p.id: p for p in project.plans}
    return [Link(plan, rel, by_id.get(rel.plan) if rel.plan else None)
            for plan in project.plans for rel in plan.relations]


def replaced_tasks(project: Project) -> dict[str, Link]:
    """The tasks (``plan-id#task-id``) that another plan replaces, with the link that does; a
    task replaced twice keeps the earliest replacement."""
    out: dict[str, Link] = {}
    for link in sorted(links(project), key=lambda lk: lk.since):
        target = link.target
        if target is None:
            continue
        if link.relation.type == REPLACES:
            ids = [t.id for top in target.tasks for t in (top, *top.subtasks)]
        else:
            ids = list(link.relation.tasks)
        for task_id in ids:
            out.setdefault(f"{target.id}#{task_id}", link)
    return out


def incoming(project: Project) -> dict[str, list[Link]]:
    """For each plan id, the plans that amend or replace it (oldest first)."""
    out: dict[str, list[Link]] = {}
    for link in sorted(links(project), key=lambda lk: lk.since):
        if link.target is not None:
            out.setdefault(link.target.id, []).append(link)
    return out


def period_over(plan: Plan, as_of: dt.date) -> int | None:
    """The last year of the plan's period when that year is over by ``as_of``; else None."""
    if plan.period is None or as_of.year <= plan.period[1]:
        return None
    return plan.period[1]
