"""What an edit changed: the plans, agencies and areas whose pages must be built again.

A preview (``congkhai serve``) rebuilds after every save. At province scale, regenerating every
page costs tens of seconds, while an edit to one plan changes only its own page, the pages of the
agencies and areas its tasks touch (before and after the edit) and the site-wide lists.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, replace

from generator.model.entities import AgencyRef, Plan, Project, Section, Task


@dataclass(frozen=True)
class Scope:
    """Pages to rebuild besides the site-wide lists: those of these plans, agencies and areas."""

    plans: frozenset[str]
    agencies: frozenset[str]
    areas: frozenset[str]


def _refs(value: object, agencies: set[str], areas: set[str]) -> None:
    if isinstance(value, AgencyRef):
        agencies.add(value.agency)
    elif isinstance(value, Task | Section) and value.area:
        areas.add(value.area)
    if is_dataclass(value):
        for f in fields(value):
            _refs(getattr(value, f.name), agencies, areas)
    elif isinstance(value, tuple | list):
        for item in value:
            _refs(item, agencies, areas)


def plan_reach(plan: Plan) -> tuple[set[str], set[str]]:
    """The agencies (issuer and every reference) and reform areas that ``plan`` mentions."""
    agencies, areas = {plan.document.issuer}, set()
    _refs(plan, agencies, areas)
    return agencies, areas


def edit_scope(old: Project, new: Project) -> Scope | None:
    """What changed from ``old`` to ``new``; ``None`` when a registry changed, since any page
    may then show it."""
    if replace(old, plans=()) != replace(new, plans=()) or any(
        list(getattr(old, name)) != list(getattr(new, name))  # dict == ignores order; pages do not
        for name in ("provinces", "agencies", "frameworks", "areas")
    ):
        return None
    before = {p.id: p for p in old.plans}
    after = {p.id: p for p in new.plans}
    changed = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    # A plan that amends or replaces another changes that plan's page and task statuses too.
    changed |= {rel.plan for i in changed for version in (before.get(i), after.get(i))
                if version is not None for rel in version.relations if rel.plan}
    agencies: set[str] = set()
    areas: set[str] = set()
    for plan_id in changed:
        for version in (before.get(plan_id), after.get(plan_id)):
            if version is not None:
                more_agencies, more_areas = plan_reach(version)
                agencies |= more_agencies
                areas |= more_areas
    return Scope(frozenset(changed), frozenset(agencies), frozenset(areas))


__all__ = ["Scope", "edit_scope", "plan_reach"]
