"""The pieces every page is made of: view models of links, statuses, tasks and counts.

Every choice about how one thing is shown lives here (which notice replaces a missing value, how a
number or a percentage is written, how a long list is paginated), so that templates only lay the
values out. Links are relative to the page being built, which is why most methods take the page's
own source path ``here``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
from generator.sources.textnorm import slugify

NOT_STATED = "không nêu trong văn bản"
DEMO_LABEL = "Dữ liệu minh họa"
# Rows per list page: keeps every page well under 400 KB at any corpus size.
PAGE_SIZE = 100
# A list this long can be narrowed and sorted in the browser (a shorter one reads at a glance).
FILTER_MIN = 10
LISTS_SCRIPT = "congkhai-lists.js"
# The "year due" filter's value for tasks without a fixed due date.
NO_FIXED_DUE = "khong-han"
# Sort orders a list offers besides its own (values as in the address: ?sap-xep=han).
SORT_ORDERS = (
    ("han", "Hạn: gần nhất trước"),
    ("han-giam", "Hạn: xa nhất trước"),
    ("ke-hoach", "Văn bản (số ký hiệu)"),
    ("trang-thai", "Trạng thái"),
)

COMPARATOR_SIGNS = {"=": "=", ">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def objective_anchor(objective_id: str, task: Task | None = None) -> str:
    """Anchor of an objective on its plan's page: "mt-1-a", or under its task "nv-ii-3-mt-1"."""
    own = "mt-" + slugify(objective_id)
    return f"{task.anchor}-{own}" if task is not None else own


def target_anchor(objective_id: str, n: int, task: Task | None = None) -> str:
    """Anchor of an objective's ``n``-th target (1-based) on its plan's page."""
    own = f"ct-{slugify(objective_id)}-{n}"
    return f"{task.anchor}-{own}" if task is not None else own


def baseline_anchor(n: int) -> str:
    """Anchor of a plan's ``n``-th baseline (1-based)."""
    return f"xp-{n}"


def basis_anchor(n: int) -> str:
    """Anchor of a plan's ``n``-th legal basis (1-based)."""
    return f"cc-{n}"


def note_anchor(n: int) -> str:
    """Anchor of a plan's ``n``-th note on its copy of the document (1-based)."""
    return f"gc-{n}"


def duty_anchor(duty_id: str) -> str:
    """Anchor of a duty on its plan's page: "tn-3-a" (the form pages have always used)."""
    return "tn-" + duty_id.lower().replace(".", "-")


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
class RowFacets:
    """What a list row can be narrowed and sorted by in the browser: status (code and label),
    due date (ISO, "" without a fixed one), plan (id, number, title), lead agencies (id, name),
    province (id, name) and days past due."""

    status: str
    label: str
    due: str
    plan: tuple[str, str, str]
    leads: tuple[tuple[str, str], ...]
    province: tuple[str, str] | None
    days: int


@dataclass(frozen=True)
class ListData:
    """Every row of a list (all its pages), written beside its page for the browser to filter
    and sort (``congkhai-lists.js``); ``rows`` are rendered at the file's depth, which is the
    page's, so their links read the same there."""

    path: str
    rows: list[TaskView]
    facets: list[RowFacets]


@dataclass(frozen=True)
class Page:
    """One page to write: its source path, template, context and front matter.

    ``lists`` are the data files of its filterable lists; ``former`` the source path the page
    had before (a redirect is left there); ``scripts`` the theme's scripts it loads (deferred);
    ``hide`` the theme's sidebars it does without (``toc``), to give wide tables room.
    """

    path: str
    template: str
    title: str
    context: dict[str, object]
    description: str = ""
    demo: bool = False
    lists: tuple[ListData, ...] = ()
    former: str | None = None
    scripts: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()


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
    anchor: str
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
    anchor: str = ""


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
                 histories: Mapping[str, Sequence[Change]] | None = None) -> None:
        self.s = snapshot
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
        self._rows: dict[tuple[str, int, bool], TaskView] = {}
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

    def plan_number_link(self, here: str, plan: Plan) -> Link:
        """A plan by its document number (what list rows show: the title is long)."""
        return Link(plan.document.number, urls.relative(here, urls.plan_page(plan.id)),
                    demo=plan.demo)

    def status_view(self, st: TaskStatus) -> StatusView:
        return StatusView(
            code=st.code.value,
            label=st.label,
            progress=st.progress,
            days_overdue=st.days_overdue,
        )

    def objective_view(self, obj: Objective, task: Task | None = None) -> ObjectiveView:
        """An objective of the plan, or of ``task``, with its targets and measurements."""
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
                anchor=target_anchor(obj.id, i, task),
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
            {"date": vn_date(m.date), "iso": m.date.isoformat(), "target": m.target,
             "value": number(m.value),
             "unit": obj.targets[m.target - 1].unit if m.target <= len(obj.targets) else "",
             "note": markdown_to_html(m.note), "evidence": m.evidence}
            for m in obj.updates if m.date <= self.as_of
        ]
        return ObjectiveView(obj.id, obj.text, targets, measurements,
                             objective_anchor(obj.id, task))

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
            objectives=[self.objective_view(o, task) for o in task.objectives] if full else [],
            subtasks=[
                self.task_view(here, plan, sub, task_status(sub.deadline.due, sub.updates,
                                                            self.as_of))
                for sub in task.subtasks
            ] if full else [],
            plan=self.plan_number_link(here, plan) if with_context else None,
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
        the site root), so each is built once per depth however many lists show it."""
        key = (fact.key, urls.url_of(here).count("/"), with_plan)
        view = self._rows.get(key)
        if view is None:
            view = replace(
                self.task_view(here, fact.plan, fact.task, fact.status, with_context=with_plan,
                               full=False),
                row_key=key,
            )
            self._rows[key] = view
        return view

    def fact_rows(self, here: str, facts: Iterable[TaskFact]) -> list[TaskView]:
        return [self.list_row(here, f, True) for f in facts]

    def paged(self, base: str, part: str, former: str, title: str, facts: list[TaskFact],
              demo: bool, back: str) -> tuple[dict[str, object], list[Page], ListData | None]:
        """Split a long task list into pages of :data:`PAGE_SIZE` rows.

        The first chunk stays on ``base``; the others get pages under it,
        ``<base>/[<part>/]trang-<n>.md`` (:func:`urls.list_page`); each also leaves a redirect
        at the address it had before, ``<base>--<former>-<n>``. Rows show their plan's number
        in a column. Returns the block for ``base``, the extra pages, and all its rows for
        filtering and sorting in the browser (:class:`ListData`, named by the block; see
        :meth:`filterable`), None for an empty list.
        """
        chunks = [facts[i:i + PAGE_SIZE] for i in range(0, len(facts), PAGE_SIZE)] or [[]]
        paths = [base] + [urls.list_page(base, n, part) for n in range(2, len(chunks) + 1)]

        def pager(here: str) -> list[dict[str, object]]:
            if len(paths) == 1:
                return []
            return [{"number": n, "url": urls.relative(here, path), "current": path == here}
                    for n, path in enumerate(paths, start=1)]

        extra = []
        for n in range(2, len(chunks) + 1):
            here = paths[n - 1]
            extra.append(Page(here, "task_page.md.j2", f"{title} (trang {n}/{len(paths)})", {
                "rows": self.fact_rows(here, chunks[n - 1]),
                "pager": pager(here),
                "back": urls.relative(here, base),
                "back_label": back,
                "first": (n - 1) * PAGE_SIZE + 1,
                "last": (n - 1) * PAGE_SIZE + len(chunks[n - 1]),
                "total": len(facts),
            }, description=title, demo=demo, former=urls.former_list_page(base, n, former)))
        data = None
        if facts:
            path = urls.list_data(base, part)
            data = ListData(path, self.fact_rows(path, facts), [self.facets(f) for f in facts])
        block = {"id": part or "danh-sach", "rows": self.fact_rows(base, chunks[0]),
                 "pager": pager(base), "shown": len(chunks[0]), "total": len(facts),
                 "data": urls.relative(base, data.path) if data else ""}
        return block, extra, data

    def facets(self, fact: TaskFact) -> RowFacets:
        """What a list row can be filtered and sorted by."""
        plan = fact.plan
        issuer = self.project.agencies.get(plan.document.issuer)
        province = (self.project.provinces.get(issuer.province)
                    if issuer is not None and issuer.province else None)
        leads = tuple((r.agency, self.project.agencies[r.agency].name) for r in fact.task.leads
                      if r.agency in self.project.agencies)
        return RowFacets(
            status=fact.status.code.value, label=fact.status.label,
            due=fact.status.due.isoformat() if fact.status.due else "",
            plan=(plan.id, plan.document.number, plan.title), leads=leads,
            province=(province.id, province.name) if province else None,
            days=fact.status.days_overdue or 0,
        )

    @staticmethod
    def filterable(blocks: Sequence[dict[str, object]],
                   lists: Sequence[ListData | None]) -> tuple[ListData, ...]:
        """The lists of a page to filter together: all of them when they hold at least
        :data:`FILTER_MIN` rows between them, none otherwise (then the blocks name no file)."""
        kept = tuple(d for d in lists if d is not None)
        if sum(len(d.rows) for d in kept) >= FILTER_MIN:
            return kept
        for block in blocks:
            block["data"] = ""
        return ()

    @staticmethod
    def filter_form(lists: Sequence[ListData], default_order: str) -> dict[str, object] | None:
        """The filters and sort orders offered above a page's lists: one field per facet that
        takes at least two values in them (statuses in the facts layer's display order)."""
        if not lists:
            return None
        facets = [f for data in lists for f in data.facets]
        rank = {code.value: i for i, code in enumerate(ORDER)}
        statuses = sorted({(f.status, f.label) for f in facets}, key=lambda s: rank[s[0]])
        years: list[tuple[str, str]] = [(y, y) for y in sorted({f.due[:4] for f in facets
                                                                  if f.due})]
        if any(not f.due for f in facets):
            years.append((NO_FIXED_DUE, "Không có hạn cố định"))
        plans = sorted({(f.plan[0], f"{f.plan[1]} — {f.plan[2]}") for f in facets},
                       key=lambda p: p[1])
        agencies = sorted({lead for f in facets for lead in f.leads}, key=lambda a: a[1])
        provinces = sorted({f.province for f in facets if f.province}, key=lambda p: p[1])
        fields = [
            (name, label, options) for name, label, options in (
                ("trang-thai", "Trạng thái", statuses),
                ("nam", "Năm đến hạn", years),
                ("ke-hoach", "Văn bản", plans),
                ("co-quan", "Cơ quan chủ trì", agencies),
                ("tinh", "Tỉnh", provinces),
            ) if len(options) > 1
        ]
        return {
            "fields": fields,
            "sorts": [("", f"Mặc định ({default_order})"), *SORT_ORDERS],
        }

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

