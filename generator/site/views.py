"""The pieces every page is made of: view models of links, statuses, tasks and counts.

Every choice about how one thing is shown lives here (which notice replaces a missing value, how a
number or a percentage is written, how a long list is paginated), so that templates only lay the
values out. Links are relative to the page being built, which is why most methods take the page's
own source path ``here``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from generator.common import urls
from generator.common.markup import markdown_to_html
from generator.facts.history import Change
from generator.facts.relations import incoming, replaced_tasks
from generator.facts.snapshot import Snapshot, TaskFact
from generator.facts.stats import Summary
from generator.facts.status import LABELS, ORDER, Status, TaskStatus
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
from generator.sources.textnorm import slugify, toc_slugify
from generator.sources.vocabulary import (
    COMPARATOR_NAMES,
    DOCUMENT_TYPE_NAMES,
    LOST_FIELD_NAMES,
    NOT_IN_COPY_WORDS,
    NOT_STATED_WORDS,
    UPDATE_STATUS_NAMES,
)

NOT_STATED = NOT_STATED_WORDS
NOT_IN_COPY = NOT_IN_COPY_WORDS
DEMO_LABEL = "Dữ liệu minh họa"
# Rows per list page: keeps every page well under 400 KB at any corpus size.
PAGE_SIZE = 100

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


def number(value: float | int | None) -> str:
    """A number with a decimal comma, as Vietnamese documents write it: 82,85."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value}".replace(".", ",")


_ARTICLE_ID = re.compile(r"^([^\W\d_]+)-(\d+)$")


def duty_label(duty_id: str) -> str:
    """How a duty's id reads on a page: "3", or "Điều 2" for the article of a decision that the
    data file writes "Điều-2" (ids have no spaces)."""
    m = _ARTICLE_ID.match(duty_id)
    return f"{m.group(1)} {m.group(2)}" if m else duty_id


def duty_anchor(duty_id: str) -> str:
    """The HTML anchor of a duty on its plan page: "1.1" -> "tn-1-1", "Điều-2" -> "tn-dieu-2"."""
    return "tn-" + toc_slugify(duty_id)


def duty_where(duty: Duty) -> str:
    """Where a duty sits in its plan, in words: "mục 3", "Điều 2", or that our copy lost its
    number."""
    if "number" in duty.lost_in_copy:
        return "khối không có số thứ tự trong bản sao"
    label = duty_label(duty.id)
    return label if label != duty.id else f"mục {duty.id}"


def lost_names(lost: Iterable[str], leave_out: Iterable[str] = ()) -> str:
    """The lost fields named in words, first letter capital: "Số thứ tự, tiêu đề"."""
    names = [LOST_FIELD_NAMES[f] for f in lost if f not in set(leave_out)]
    text = ", ".join(names)
    return text[:1].upper() + text[1:]


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
class NowView:
    """What became of an agency as of the status date, shown beside its name ("nay là …")."""

    link: Link | None
    since: str
    # False when the event's date is unknown and ``since`` is the date it is known by
    exact: bool = True
    derived: bool = False
    unknown: bool = False
    later_unknown: bool = False


@dataclass(frozen=True)
class Link:
    """A link (or plain text when ``url`` is empty) with an optional derivation note and, for an
    agency that no longer exists as of the status date, what it became."""

    text: str
    url: str = ""
    derived: str | None = None
    demo: bool = False
    now: tuple[NowView, ...] = ()


@dataclass(frozen=True)
class StatusView:
    """A status as shown: code, label, progress, overdue days."""

    code: str
    label: str
    progress: int | None
    days_overdue: int | None
    counter: str | None = None


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
    # The plan that replaced this task, when its status says it was replaced.
    replaced_by: Link | None = None
    # Identity of the rendered row: the same task at the same depth renders the same HTML.
    row_key: tuple[str, int, bool] | None = None
    # Fields our copy of the document lost: shown as such, not as "not stated".
    lost: tuple[str, ...] = ()


# Depths of the pages that list rows (``qua-han/`` 1 … ``co-quan/x/chu-tri/trang-2/`` 4, with
# room): a row rendered at one of them is rebased for the others (urls.rebase), not rendered again.
ROW_DEPTHS = range(1, 7)


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
    last_report: str = ""
    replaced: int = 0


class Views:
    """The pieces pages are made of (links, statuses, task rows, counts, pagers) for one
    snapshot; :class:`generator.site.pages.Builder` assembles them into pages."""

    def __init__(self, snapshot: Snapshot,
                 histories: Mapping[str, Sequence[Change]] | None = None,
                 rendered_rows: Container[object] = (), *,
                 demo_section_exists: bool = False, in_demo_section: bool = False,
                 documents: Mapping[str, str] | None = None) -> None:
        self.s = snapshot
        # keys of list rows whose HTML is already rendered (earlier in this build, or by a
        # preview's earlier build): their views need not be built
        self.rendered_rows = rendered_rows
        self.histories = histories or {}
        # The text of each plan's copy of its document, by plan id (where there is one).
        self.documents = documents or {}
        # The demo section (see generator.facts.publication): whether the site has one, and
        # whether this builder renders it rather than the site-wide views.
        self.demo_section_exists = demo_section_exists or in_demo_section
        self.in_demo_section = in_demo_section
        self.project = snapshot.project
        self.as_of = snapshot.as_of
        self._duties_by_agency: dict[str, list[tuple[Plan, Duty]]] = {}
        self._issued_by: dict[str, list[Plan]] = {}
        for plan in self.project.plans:
            self._issued_by.setdefault(plan.document.issuer, []).append(plan)
            for duty in plan.duties:
                for agency_id in dict.fromkeys(r.agency for r in duty.agencies):
                    self._duties_by_agency.setdefault(agency_id, []).append((plan, duty))
        self._replaced = replaced_tasks(self.project)
        self._incoming = incoming(self.project)
        self._children: dict[str, list[str]] = {}
        for agency in self.project.agencies.values():
            if agency.parent:
                self._children.setdefault(agency.parent, []).append(agency.id)

    @property
    def plans_index_page(self) -> str:
        """Where a plan page's breadcrumb leads: the plan list, or the demo section."""
        return urls.DEMO_SECTION if self.in_demo_section else urls.PLANS

    @property
    def agencies_index_page(self) -> str:
        """Where an agency page's breadcrumb leads: the agency list, or the demo section."""
        return urls.DEMO_SECTION if self.in_demo_section else urls.AGENCIES

    # --- small pieces -----------------------------------------------------------------------

    def agency_link(self, here: str, ref: AgencyRef | str, now: bool = False) -> Link:
        """A link to an agency's page; with ``now``, what the agency became as of the status
        date, for names a document uses ("nay là …")."""
        agency_id = ref if isinstance(ref, str) else ref.agency
        derived = None if isinstance(ref, str) else ref.derived
        agency = self.project.agencies.get(agency_id)
        if agency is None:
            return Link(agency_id, derived=derived)
        # No "Minh họa" tag on agencies: demo agencies' names say they are fictional, and every
        # page showing them carries the banner; a tag on each of thousands of links is noise.
        return Link(agency.name, urls.relative(here, urls.agency_page(agency.id)), derived,
                    now=self.now_views(here, agency_id) if now else ())

    def now_views(self, here: str, agency_id: str) -> tuple[NowView, ...]:
        """The successors of an agency as of the status date, as shown beside its name."""
        out = []
        for heir in self.s.lineage.heirs(agency_id):
            party = heir.party
            target = self.project.agencies.get(party.id) if party.id else None
            link = (self.agency_link(here, party.id) if party.id
                    else Link(party.name) if party.name else None)
            status = target.lineage_status if target is not None else None
            out.append(NowView(
                link=link, since=vn_date(heir.since), exact=heir.steps[-1].event.date is not None,
                derived=heir.derived is not None,
                unknown=party.unknown,
                later_unknown=bool(status and status.status == "chua-xac-dinh"),
            ))
        return tuple(out)

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
            counter=st.counter,
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
            leads=[self.agency_link(here, r, now=True) for r in task.leads],
            support=[self.agency_link(here, r, now=True) for r in task.support],
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
                self.task_view(here, plan, sub, self._status_of(plan, sub))
                for sub in task.subtasks
            ] if full else [],
            plan=self.plan_number_link(here, plan) if with_context else None,
            replaced_by=self._replacement(here, plan, task, st),
            lost=task.lost_in_copy,
        )

    def _status_of(self, plan: Plan, task: Task) -> TaskStatus:
        return self.s.by_key[f"{plan.id}#{task.id}"].status

    def _replacement(self, here: str, plan: Plan, task: Task, st: TaskStatus) -> Link | None:
        link = self._replaced.get(f"{plan.id}#{task.id}")
        if link is None or st.code is not Status.REPLACED:
            return None
        doc = link.source.document
        return replace(self.plan_link(here, link.source),
                       text=f"{DOCUMENT_TYPE_NAMES[doc.type]} số {doc.number} ngày "
                            f"{vn_date(doc.issued)}")

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
            last_report=vn_date(summary.last_report),
            replaced=summary.replaced,
        )

    def list_row(self, here: str, fact: TaskFact, with_plan: bool) -> TaskView:
        """A task as a list row on ``here``. Rows depend only on the page's depth (links climb to
        the site root), so each is rendered once however many lists show it, at the first
        depth it is needed and rebased for the others (:func:`urls.rebase`), and its view is
        not even built once its HTML exists (views of a province's rows took more memory
        than anything else)."""
        depth = urls.url_of(here).count("/")
        key = (fact.key, depth, with_plan)

        def make() -> TaskView:
            return replace(
                self.task_view(here, fact.plan, fact.task, fact.status,
                               with_context=with_plan, full=False),
                row_key=key,
            )
        rendered = key in self.rendered_rows or any(
            (fact.key, other, with_plan) in self.rendered_rows
            for other in ROW_DEPTHS if other != depth)
        return _LazyRow(key, make) if rendered else make()  # type: ignore

    def fact_rows(self, here: str, facts: Iterable[TaskFact]) -> list[TaskView]:
        return [self.list_row(here, f, True) for f in facts]

    @staticmethod
    def attention_order(facts: list[TaskFact]) -> list[TaskFact]:
        """Overdue first (longest first), then by status order, then document order."""
        rank = {code: i for i, code in enumerate(ORDER)}
        return sorted(
            facts,
            key=lambda f: (rank[f.status.code],
                           -(f.status.days_overdue or f.status.days_past_due or 0)),
        )
