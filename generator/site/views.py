"""The pieces every page is made of: view models of links, statuses, tasks and counts.

Every choice about how one thing is shown lives here (which notice replaces a missing value, how a
number or a percentage is written, how a long list is paginated), so that templates only lay the
values out. Links are relative to the page being built, which is why most methods take the page's
own source path ``here``.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from generator.common import urls
from generator.common.markup import markdown_to_html
from generator.facts.history import Change
from generator.facts.snapshot import Snapshot, TaskFact
from generator.facts.stats import Summary
from generator.facts.status import LABELS, ORDER, TaskStatus, task_status
from generator.model.deadlines import KIND_LABELS
from generator.model.entities import (
    AgencyRef,
    Duty,
    Objective,
    Plan,
    Task,
    task_anchor,
)
from generator.sources.clock import vn_date
from generator.sources.schema import (
    COMPARATOR_NAMES,
    UPDATE_STATUS_NAMES,
)

NOT_STATED = "không nêu trong văn bản"
DEMO_LABEL = "Dữ liệu minh họa"
# Rows per list page: keeps every page well under 400 KB at any corpus size.
PAGE_SIZE = 100

COMPARATOR_SIGNS = {"=": "=", ">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def number(value: float | int | None) -> str:
    """A number with a decimal comma, as Vietnamese documents write it: 82,85."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value}".replace(".", ",")


def percent(value: float | None) -> str:
    """A rate as a whole percent, or an em dash when undefined."""
    return "—" if value is None else f"{round(100 * value)}%"


@dataclass(frozen=True)
class Page:
    """One page to write: its source path, template, context and front matter."""

    path: str
    template: str
    title: str
    context: dict[str, object]
    description: str = ""
    demo: bool = False


@dataclass(frozen=True)
class Link:
    """A link (or plain text when ``url`` is empty) with an optional derivation note."""

    text: str
    url: str = ""
    derived: str | None = None
    demo: bool = False


@dataclass(frozen=True)
class StatusView:
    """A status as shown: code, label, progress, overdue days."""

    code: str
    label: str
    progress: int | None
    days_overdue: int | None


@dataclass(frozen=True)
class UpdateView:
    """One entry of a task's update history."""

    date: str
    iso: str
    status: str
    progress: int | None
    note: Markup
    evidence: str | None
    reason: str | None


@dataclass(frozen=True)
class TargetView:
    """A numeric target and its latest measurement."""

    label: str
    sign: str
    words: str
    value: str
    unit: str
    baseline: str
    deadline: str
    latest_value: str
    latest_date: str
    met: bool | None


@dataclass(frozen=True)
class ObjectiveView:
    """An objective with its targets."""

    id: str
    text: str
    targets: list[TargetView]
    measurements: list[dict[str, object]]


@dataclass(frozen=True)
class DeadlineView:
    """A deadline as shown: the text as written, the due and start dates, the kind."""

    text: str | None
    due: str
    start: str
    kind: str
    explicit: bool


@dataclass(frozen=True)
class TaskView:
    """A task as a row of a matrix or of a list."""

    id: str
    number: str
    anchor: str
    url: str
    title: str
    output: str | None
    deadline: DeadlineView
    leads: list[Link]
    support: list[Link]
    assignment: str | None
    how: Markup
    status: StatusView
    updates: list[UpdateView]
    objectives: list[ObjectiveView]
    subtasks: list[TaskView] = field(default_factory=list)
    plan: Link | None = None
    # Identity of the rendered row: the same task at the same depth renders the same HTML.
    row_key: tuple[str, int, bool] | None = None


class _LazyRow:
    """A list row whose HTML is already rendered: its view is built only if a template looks
    at more than its key."""

    __slots__ = ("_make", "_view", "row_key")

    def __init__(self, key: tuple[str, int, bool], make: Callable[[], TaskView]) -> None:
        self.row_key = key
        self._make = make
        self._view: TaskView | None = None

    def __getattr__(self, name: str) -> object:
        if self._view is None:
            self._view = self._make()
        return getattr(self._view, name)


@dataclass(frozen=True)
class CountView:
    """Counts by status of a set of tasks, with rates, for a counts table."""

    total: int
    rows: list[tuple[str, str, int]]
    overdue: int
    past_due_unreported: int
    fallen_due: int
    fallen_due_reported: int
    completion_rate: str
    on_time_rate: str
    unreported: int
    without_due: int


class Views:
    """The pieces pages are made of (links, statuses, task rows, counts, pagers) for one
    snapshot; :class:`generator.site.pages.Builder` assembles them into pages."""

    def __init__(self, snapshot: Snapshot,
                 histories: Mapping[str, Sequence[Change]] | None = None,
                 rendered_rows: Container[object] = ()) -> None:
        self.s = snapshot
        # keys of list rows whose HTML is already rendered (earlier in this build, or by a
        # preview's earlier build): their views need not be built
        self.rendered_rows = rendered_rows
        self.histories = histories or {}
        self.project = snapshot.project
        self.as_of = snapshot.as_of
        self._duties_by_agency: dict[str, list[tuple[Plan, Duty]]] = {}
        self._issued_by: dict[str, list[Plan]] = {}
        for plan in self.project.plans:
            self._issued_by.setdefault(plan.document.issuer, []).append(plan)
            for duty in plan.duties:
                for agency_id in dict.fromkeys(r.agency for r in duty.agencies):
                    self._duties_by_agency.setdefault(agency_id, []).append((plan, duty))
        self._children: dict[str, list[str]] = {}
        for agency in self.project.agencies.values():
            if agency.parent:
                self._children.setdefault(agency.parent, []).append(agency.id)

    # --- small pieces -----------------------------------------------------------------------

    def agency_link(self, here: str, ref: AgencyRef | str) -> Link:
        agency_id = ref if isinstance(ref, str) else ref.agency
        derived = None if isinstance(ref, str) else ref.derived
        agency = self.project.agencies.get(agency_id)
        if agency is None:
            return Link(agency_id, derived=derived)
        # No "Minh họa" tag on agencies: demo agencies' names say they are fictional, and every
        # page showing them carries the banner; a tag on each of thousands of links is noise.
        return Link(agency.name, urls.relative(here, urls.agency_page(agency.id)), derived)

    def area_link(self, here: str, area_id: str | None) -> Link | None:
        if area_id is None:
            return None
        area = self.project.areas[area_id]
        return Link(area.name, urls.relative(here, urls.area_page(area.id)))

    def plan_link(self, here: str, plan: Plan, anchor: str | None = None) -> Link:
        return Link(plan.title, urls.relative(here, urls.plan_page(plan.id), anchor),
                    demo=plan.demo)

    def status_view(self, st: TaskStatus) -> StatusView:
        return StatusView(
            code=st.code.value,
            label=st.label,
            progress=st.progress,
            days_overdue=st.days_overdue,
        )

    def objective_view(self, obj: Objective) -> ObjectiveView:
        targets = []
        for i, t in enumerate(obj.targets, start=1):
            measured = [m for m in obj.updates if m.target == i and m.date <= self.as_of]
            latest = measured[-1] if measured else None
            met = None
            if latest is not None:
                met = {
                    "=": latest.value == t.value, ">=": latest.value >= t.value,
                    ">": latest.value > t.value, "<=": latest.value <= t.value,
                    "<": latest.value < t.value,
                }[t.comparator]
            baseline = ""
            if t.baseline is not None:
                baseline = number(t.baseline) + (f" ({t.baseline_year})" if t.baseline_year else "")
            targets.append(TargetView(
                label=t.label,
                sign=COMPARATOR_SIGNS[t.comparator],
                words=COMPARATOR_NAMES[t.comparator],
                value=number(t.value),
                unit=t.unit,
                baseline=baseline,
                deadline=t.deadline.text or "" if t.deadline else "",
                latest_value=number(latest.value) if latest else "",
                latest_date=vn_date(latest.date) if latest else "",
                met=met,
            ))
        measurements = [
            {"date": vn_date(m.date), "target": m.target, "value": number(m.value),
             "unit": obj.targets[m.target - 1].unit if m.target <= len(obj.targets) else "",
             "note": markdown_to_html(m.note), "evidence": m.evidence}
            for m in obj.updates if m.date <= self.as_of
        ]
        return ObjectiveView(obj.id, obj.text, targets, measurements)

    def task_view(self, here: str, plan: Plan, task: Task, st: TaskStatus,
                  with_context: bool = False, full: bool = True) -> TaskView:
        """A task as shown on ``here``; ``full`` adds history, objectives and subtasks (the
        plan page shows them; lists link there instead)."""
        d = task.deadline
        anchor = task_anchor(task.id)
        return TaskView(
            id=task.id,
            number=task.number,
            anchor=anchor,
            url=urls.relative(here, urls.plan_page(plan.id), anchor),
            title=task.title,
            output=task.output,
            deadline=DeadlineView(d.text, vn_date(d.due), vn_date(d.start), KIND_LABELS[d.kind],
                                  d.explicit),
            leads=[self.agency_link(here, r) for r in task.leads],
            support=[self.agency_link(here, r) for r in task.support],
            assignment=task.assignment if full else None,
            how=markdown_to_html(task.how) if full else Markup(""),
            status=self.status_view(st),
            updates=[
                UpdateView(
                    date=vn_date(u.date), iso=u.date.isoformat(),
                    status=UPDATE_STATUS_NAMES[u.status],
                    progress=u.progress, note=markdown_to_html(u.note), evidence=u.evidence,
                    reason=u.reason,
                )
                for u in task.updates if u.date <= self.as_of
            ] if full else [],
            objectives=[self.objective_view(o) for o in task.objectives] if full else [],
            subtasks=[
                self.task_view(here, plan, sub, task_status(sub.deadline.due, sub.updates,
                                                            self.as_of))
                for sub in task.subtasks
            ] if full else [],
            plan=self.plan_link(here, plan) if with_context else None,
        )

    def counts(self, summary: Summary) -> CountView:
        return CountView(
            total=summary.total,
            rows=[(c.value, LABELS[c], summary.count(c)) for c in ORDER if summary.count(c)],
            overdue=summary.overdue,
            past_due_unreported=summary.past_due_unreported,
            fallen_due=summary.fallen_due,
            fallen_due_reported=summary.fallen_due_reported,
            completion_rate=percent(summary.completion_rate),
            on_time_rate=percent(summary.on_time_rate),
            unreported=summary.unreported,
            without_due=summary.without_due_date,
        )

    def list_row(self, here: str, fact: TaskFact, with_plan: bool) -> TaskView:
        """A task as a list row on ``here``. Rows depend only on the page's depth (links climb to
        the site root), so each is rendered once per depth however many lists show it, and
        its view is not even built once its HTML exists (views of a province's rows took
        more memory than anything else)."""
        key = (fact.key, urls.url_of(here).count("/"), with_plan)

        def make() -> TaskView:
            return replace(
                self.task_view(here, fact.plan, fact.task, fact.status,
                               with_context=with_plan, full=False),
                row_key=key,
            )
        return _LazyRow(key, make) if key in self.rendered_rows else make()  # type: ignore

    def fact_rows(self, here: str, facts: Iterable[TaskFact]) -> list[TaskView]:
        return [self.list_row(here, f, True) for f in facts]

    def paged(self, base: str, suffix: str, title: str, facts: list[TaskFact],
              demo: bool, back: str, flat: bool = False) -> tuple[dict[str, object], list[Page]]:
        """Split a long task list into pages of :data:`PAGE_SIZE` rows.

        The first chunk stays on ``base``; the others get pages ``<base>--<suffix>-<n>.md`` (a
        double dash never occurs in an id, so these paths cannot collide with other pages).
        ``flat`` lists rows with their plan in a column (lists ordered across plans, such as
        the overdue list) instead of under plan headings. Returns the block for ``base`` and the
        extra pages.
        """
        chunks = [facts[i:i + PAGE_SIZE] for i in range(0, len(facts), PAGE_SIZE)] or [[]]
        stem = base[: -len(".md")]
        paths = [base] + [f"{stem}--{suffix}-{n}.md" for n in range(2, len(chunks) + 1)]

        def pager(here: str) -> list[dict[str, object]]:
            if len(paths) == 1:
                return []
            return [{"number": n, "url": urls.relative(here, path), "current": path == here}
                    for n, path in enumerate(paths, start=1)]

        extra = []
        for n in range(2, len(chunks) + 1):
            here = paths[n - 1]
            extra.append(Page(here, "task_page.md.j2", f"{title} (trang {n}/{len(paths)})", {
                "groups": [] if flat else self.grouped(here, chunks[n - 1]),
                "rows": self.fact_rows(here, chunks[n - 1]) if flat else [],
                "pager": pager(here),
                "back": urls.relative(here, base),
                "back_label": back,
                "first": (n - 1) * PAGE_SIZE + 1,
                "last": (n - 1) * PAGE_SIZE + len(chunks[n - 1]),
                "total": len(facts),
            }, description=title, demo=demo))
        block = {"groups": [] if flat else self.grouped(base, chunks[0]),
                 "rows": self.fact_rows(base, chunks[0]) if flat else [],
                 "pager": pager(base), "shown": len(chunks[0]), "total": len(facts)}
        return block, extra

    def grouped(self, here: str, facts: list[TaskFact]) -> list[dict[str, object]]:
        """Consecutive tasks of the same plan under one heading, in the given order."""
        groups: list[dict[str, object]] = []
        for f in facts:
            if not groups or groups[-1]["plan_id"] != f.plan.id:
                groups.append({"plan_id": f.plan.id, "plan": self.plan_link(here, f.plan),
                               "number": f.plan.document.number, "tasks": []})
            groups[-1]["tasks"].append(  # type: ignore[attr-defined]
                self.list_row(here, f, False))
        return groups

    @staticmethod
    def attention_order(facts: list[TaskFact]) -> list[TaskFact]:
        """Overdue first (longest first), then by status order, then document order."""
        rank = {code: i for i, code in enumerate(ORDER)}
        return sorted(
            facts,
            key=lambda f: (rank[f.status.code], -(f.status.days_overdue or 0)),
        )

    def split_demo(self, facts: list[TaskFact]) -> tuple[list[TaskFact], list[TaskFact]]:
        real = [f for f in facts if not f.plan.demo]
        demo = [f for f in facts if f.plan.demo]
        return real, demo


    # --- pages --------------------------------------------------------------------------------

