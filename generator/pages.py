"""What each page shows: view models built from a snapshot, ready for the templates.

Every choice about content lives here (what is listed, in which order, which links, which
"không nêu trong văn bản" notices), so that templates only lay the values out. Links are relative
to the page being built, which is why most builders take the page's own source path ``here``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from generator import urls
from generator.charts import BarRow, status_chart
from generator.deadlines import KIND_LABELS, DeadlineKind
from generator.markup import markdown_to_html
from generator.model import Agency, AgencyRef, Area, Objective, Plan, Task
from generator.plans import task_anchor
from generator.schema import (
    COMPARATOR_LABELS,
    COMPARATORS,
    DOCUMENT_TYPE_LABELS,
    DOCUMENT_TYPES,
    LEVEL_LABELS,
    LEVELS,
    UPDATE_STATUS_LABELS,
    UPDATE_STATUSES,
)
from generator.snapshot import Snapshot, TaskFact
from generator.stats import Summary
from generator.status import LABELS, ORDER, Status, TaskStatus, task_status

NOT_STATED = "không nêu trong văn bản"
DEMO_LABEL = "Dữ liệu minh họa"
UPCOMING_DAYS = 90

DOC_TYPE_LABELS = dict(zip(DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, strict=True))
LEVEL_NAMES = dict(zip(LEVELS, LEVEL_LABELS, strict=True))
UPDATE_LABELS = dict(zip(UPDATE_STATUSES, UPDATE_STATUS_LABELS, strict=True))
COMPARATOR_WORDS = dict(zip(COMPARATORS, COMPARATOR_LABELS, strict=True))
COMPARATOR_SIGNS = {"=": "=", ">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def vn_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates."""
    return f"{value:%d/%m/%Y}" if value else ""


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
    search_exclude: bool = False


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
    last_update: str
    fixed: bool


@dataclass(frozen=True)
class UpdateView:
    """One entry of a task's update history."""

    date: str
    iso: str
    status: str
    status_code: str
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
class TaskView:
    """A task as a row of a matrix or of a list."""

    id: str
    number: str
    anchor: str
    url: str
    title: str
    output: str | None
    deadline_text: str | None
    deadline_due: str
    deadline_start: str
    deadline_kind: str
    deadline_kind_code: str
    deadline_explicit: bool
    leads: list[Link]
    support: list[Link]
    assignment: str | None
    how: Markup
    status: StatusView
    updates: list[UpdateView]
    objectives: list[ObjectiveView]
    subtasks: list[TaskView] = field(default_factory=list)
    plan: Link | None = None
    area: Link | None = None


@dataclass(frozen=True)
class CountView:
    """Counts by status of a set of tasks, with rates, for a counts table."""

    total: int
    rows: list[tuple[str, str, int]]
    overdue: int
    fallen_due: int
    completion_rate: str
    on_time_rate: str
    unreported: int
    without_due: int


class Builder:
    """Builds view models for pages of one snapshot."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.s = snapshot
        self.project = snapshot.project
        self.as_of = snapshot.as_of

    # --- small pieces -----------------------------------------------------------------------

    def agency_link(self, here: str, ref: AgencyRef | str) -> Link:
        agency_id = ref if isinstance(ref, str) else ref.agency
        derived = None if isinstance(ref, str) else ref.derived
        agency = self.project.agencies.get(agency_id)
        if agency is None:
            return Link(agency_id, derived=derived)
        return Link(agency.name, urls.relative(here, urls.agency_page(agency.id)), derived,
                    agency.demo)

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
            last_update=vn_date(st.latest.date) if st.latest else "",
            fixed=st.fixed_deadline,
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
                words=COMPARATOR_WORDS[t.comparator],
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
                  with_context: bool = False) -> TaskView:
        d = task.deadline
        anchor = task_anchor(task.id)
        return TaskView(
            id=task.id,
            number=task.number,
            anchor=anchor,
            url=urls.relative(here, urls.plan_page(plan.id), anchor),
            title=task.title,
            output=task.output,
            deadline_text=d.text,
            deadline_due=vn_date(d.due),
            deadline_start=vn_date(d.start),
            deadline_kind=KIND_LABELS[d.kind],
            deadline_kind_code=d.kind.value,
            deadline_explicit=d.explicit,
            leads=[self.agency_link(here, r) for r in task.leads],
            support=[self.agency_link(here, r) for r in task.support],
            assignment=task.assignment,
            how=markdown_to_html(task.how),
            status=self.status_view(st),
            updates=[
                UpdateView(
                    date=vn_date(u.date), iso=u.date.isoformat(),
                    status=UPDATE_LABELS[u.status], status_code=u.status,
                    progress=u.progress, note=markdown_to_html(u.note), evidence=u.evidence,
                    reason=u.reason,
                )
                for u in task.updates if u.date <= self.as_of
            ],
            objectives=[self.objective_view(o) for o in task.objectives],
            subtasks=[
                self.task_view(here, plan, sub, task_status(sub.deadline.due, sub.updates,
                                                            self.as_of))
                for sub in task.subtasks
            ],
            plan=self.plan_link(here, plan) if with_context else None,
            area=self.area_link(here, task.area) if with_context else None,
        )

    def counts(self, summary: Summary) -> CountView:
        return CountView(
            total=summary.total,
            rows=[(c.value, LABELS[c], summary.count(c)) for c in ORDER if summary.count(c)],
            overdue=summary.overdue,
            fallen_due=summary.fallen_due,
            completion_rate=percent(summary.completion_rate),
            on_time_rate=percent(summary.on_time_rate),
            unreported=summary.unreported,
            without_due=summary.without_due_date,
        )

    def fact_rows(self, here: str, facts: Iterable[TaskFact]) -> list[TaskView]:
        return [self.task_view(here, f.plan, f.task, f.status, with_context=True) for f in facts]

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

    def group_block(self, here: str, facts: list[TaskFact], ordered: bool) -> dict[str, object]:
        chosen = self.attention_order(facts) if ordered else facts
        return {"counts": self.counts(self.s.summary(facts)), "tasks": self.fact_rows(here, chosen)}

    # --- pages --------------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        """Every generated page."""
        out = [self.home(), self.plans_index(), self.agencies_index(), self.areas_index(),
               self.overdue(), self.upcoming(), self.methodology()]
        out.extend(self.plan(p) for p in self.project.plans)
        out.extend(self.agency(a) for a in self.project.agencies.values())
        out.extend(self.area(a) for a in self.project.areas.values())
        return out

    def _real_plans(self) -> list[Plan]:
        return [p for p in self.project.plans if not p.demo]

    def _facts_of(self, plans: list[Plan]) -> list[TaskFact]:
        return [f for p in plans for f in self.s.by_plan.get(p.id, [])]

    def home(self) -> Page:
        here = urls.HOME
        real_plans = self._real_plans()
        real_facts = self._facts_of(real_plans)
        demo_plans = [p for p in self.project.plans if p.demo]
        agencies_with_tasks = {
            r.agency for f in real_facts for r in (*f.task.leads, *f.task.support)
        }
        latest = [
            {"date": vn_date(uf.update.date), "status": UPDATE_LABELS[uf.update.status],
             "task": uf.fact.task.title, "task_id": uf.fact.task.id,
             "url": urls.relative(here, urls.plan_page(uf.fact.plan.id), uf.fact.anchor),
             "plan": uf.fact.plan.title, "demo": uf.fact.plan.demo}
            for uf in self.s.latest_updates(8)
        ]
        return Page(here, "home.md.j2", "Công khai kế hoạch cải cách hành chính", {
            "as_of": vn_date(self.as_of),
            "plans": [self.plan_link(here, p) for p in real_plans],
            "demo_plans": [self.plan_link(here, p) for p in demo_plans],
            "n_plans": len(real_plans),
            "n_tasks": len(real_facts),
            "n_agencies": len(agencies_with_tasks),
            "counts": self.counts(self.s.summary(real_facts)),
            "latest": latest,
            "links": {
                "plans": urls.relative(here, urls.PLANS),
                "agencies": urls.relative(here, urls.AGENCIES),
                "areas": urls.relative(here, urls.AREAS),
                "overdue": urls.relative(here, urls.OVERDUE),
                "upcoming": urls.relative(here, urls.UPCOMING),
                "method": urls.relative(here, urls.METHODOLOGY),
            },
            "area_chart": self._area_chart(here, real_facts),
        }, description="Các kế hoạch cải cách hành chính của tỉnh, ai chịu trách nhiệm, việc gì "
           "đã quá hạn và bằng chứng thực hiện.")

    def _area_chart(self, here: str, facts: list[TaskFact]) -> Markup:
        rows = []
        for area in self.project.areas.values():
            subset = [f for f in facts if f.task.area == area.id]
            if subset:
                link = Markup(
                    f'<a href="{escape(urls.relative(here, urls.area_page(area.id)))}">'
                    f"{escape(area.name)}</a>"
                )
                rows.append(BarRow(link, self.s.summary(subset).by_status))
        unassigned = [f for f in facts if f.task.area is None]
        if unassigned:
            rows.append(BarRow(Markup("Không gắn lĩnh vực (văn bản không nhóm theo lĩnh vực)"),
                               self.s.summary(unassigned).by_status))
        return status_chart(rows, "Trạng thái nhiệm vụ theo lĩnh vực", "Lĩnh vực")

    def plans_index(self) -> Page:
        here = urls.PLANS

        def row(plan: Plan) -> dict[str, object]:
            summary = self.s.summary(self.s.by_plan.get(plan.id, []))
            issuer = self.agency_link(here, plan.document.issuer)
            return {
                "link": self.plan_link(here, plan),
                "number": plan.document.number,
                "type": DOC_TYPE_LABELS[plan.document.type],
                "issued": vn_date(plan.document.issued),
                "issued_iso": plan.document.issued.isoformat(),
                "issuer": issuer,
                "tasks": summary.total,
                "overdue": summary.overdue,
                "completed": summary.completed,
                "unreported": summary.unreported,
                "bar": status_chart([BarRow(Markup(escape(plan.document.number)),
                                            summary.by_status)], plan.title, "Văn bản")
                if summary.total else Markup(""),
            }

        real = [row(p) for p in self._real_plans()]
        demo = [row(p) for p in self.project.plans if p.demo]
        return Page(here, "plans_index.md.j2", "Các kế hoạch", {
            "plans": real, "demo_plans": demo, "as_of": vn_date(self.as_of),
        }, description="Danh sách các văn bản kế hoạch cải cách hành chính được công khai.")

    def agencies_index(self) -> Page:
        here = urls.AGENCIES
        groups: dict[str | None, list[dict[str, object]]] = {}
        for agency in sorted(self.project.agencies.values(),
                             key=lambda a: (a.province or "", a.group, a.name)):
            led = self.s.led_by.get(agency.id, [])
            supported = self.s.supported_by.get(agency.id, [])
            groups.setdefault(agency.province, []).append({
                "link": self.agency_link(here, agency.id),
                "level": LEVEL_NAMES[agency.level],
                "group": agency.group,
                "led": len(led),
                "supported": len(supported),
                "overdue": sum(1 for f in led if f.status.overdue),
            })
        sections = []
        provinces = self.project.provinces
        for key in sorted(groups, key=lambda k: (k is not None, provinces[k].demo if k else False,
                                                 provinces[k].name if k else "")):
            province = provinces.get(key) if key else None
            sections.append({
                "title": f"Tỉnh {province.name}" if province and not province.demo
                else (province.name if province else "Cơ quan trung ương"),
                "demo": bool(province and province.demo),
                "agencies": groups[key],
            })
        top = sorted(
            (a for a in self.project.agencies.values() if self.s.led_by.get(a.id)),
            key=lambda a: (-len(self.s.led_by[a.id]), a.name),
        )[:15]
        chart = status_chart(
            [BarRow(Markup(f'<a href="{escape(urls.relative(here, urls.agency_page(a.id)))}">'
                           f"{escape(a.name)}</a>"),
                    self.s.summary(self.s.led_by[a.id]).by_status) for a in top],
            "Trạng thái nhiệm vụ chủ trì, 15 cơ quan có nhiều nhiệm vụ nhất", "Cơ quan",
        )
        return Page(here, "agencies_index.md.j2", "Các cơ quan", {
            "sections": sections, "chart": chart,
        }, description="Các cơ quan chủ trì, phối hợp thực hiện nhiệm vụ cải cách hành chính.")

    def areas_index(self) -> Page:
        here = urls.AREAS
        frameworks = []
        for fw in self.project.frameworks.values():
            rows = []
            for area in self.project.areas.values():
                if fw.id not in area.frameworks:
                    continue
                facts = self.s.by_area.get(area.id, [])
                real, demo = self.split_demo(facts)
                rows.append({
                    "link": Link(area.name, urls.relative(here, urls.area_page(area.id))),
                    "tasks": len(real),
                    "demo_tasks": len(demo),
                    "overdue": sum(1 for f in real if f.status.overdue),
                })
            frameworks.append({"name": fw.name, "basis": fw.basis, "areas": rows})
        real_facts = self._facts_of(self._real_plans())
        return Page(here, "areas_index.md.j2", "Các lĩnh vực cải cách", {
            "frameworks": frameworks,
            "chart": self._area_chart(here, real_facts),
            "unassigned": sum(1 for f in real_facts if f.task.area is None),
        }, description="Nhiệm vụ cải cách hành chính theo lĩnh vực.")

    def overdue(self) -> Page:
        here = urls.OVERDUE
        real, demo = self.split_demo(self.s.overdue())
        return Page(here, "overdue.md.j2", "Nhiệm vụ quá hạn", {
            "as_of": vn_date(self.as_of),
            "tasks": self.fact_rows(here, real),
            "demo_tasks": self.fact_rows(here, demo),
            "method": urls.relative(here, urls.METHODOLOGY),
        }, description="Nhiệm vụ đã quá hạn mà chưa hoàn thành, tính đến ngày xây dựng trang.",
            demo=bool(demo))

    def upcoming(self) -> Page:
        here = urls.UPCOMING
        real, demo = self.split_demo(self.s.upcoming(UPCOMING_DAYS))
        return Page(here, "upcoming.md.j2", "Sắp đến hạn", {
            "as_of": vn_date(self.as_of),
            "until": vn_date(self.as_of + dt.timedelta(days=UPCOMING_DAYS)),
            "days": UPCOMING_DAYS,
            "tasks": self.fact_rows(here, real),
            "demo_tasks": self.fact_rows(here, demo),
        }, description=f"Nhiệm vụ đến hạn trong {UPCOMING_DAYS} ngày tới.", demo=bool(demo))

    def methodology(self) -> Page:
        from generator.deadlines import parse_deadline

        examples = [
            "Quý I/2018", "Trong Quý I/2018", "Trong năm 2018", "Tháng 12/2012",
            "6 tháng đầu năm 2019", "30/6/2019", "Hoàn thành chậm nhất Quý III/2018",
            "Hoàn thành chậm nhất Quý II/2018 Triển khai thí điểm từ năm 2018-2020",
            "Từ Quý II/2018", "Hàng tháng/năm", "Tháng 12/năm", "Thường xuyên",
            "Theo tiến độ của Đề án",
        ]
        rows = []
        for text in examples:
            d = parse_deadline(text)
            rows.append({"text": text, "kind": KIND_LABELS[d.kind], "due": vn_date(d.due),
                         "start": vn_date(d.start)})
        return Page(urls.METHODOLOGY, "methodology.md.j2", "Phương pháp tính", {
            "as_of": vn_date(self.as_of),
            "statuses": [(c.value, LABELS[c]) for c in ORDER],
            "deadline_examples": rows,
            "kinds": [(k.value, KIND_LABELS[k]) for k in DeadlineKind],
            "upcoming_days": UPCOMING_DAYS,
        }, description="Cách tính trạng thái, thời hạn và các tỷ lệ trên trang.")

    def plan(self, plan: Plan) -> Page:
        here = urls.plan_page(plan.id)
        facts = {f.task.id: f for f in self.s.by_plan.get(plan.id, [])}
        doc = plan.document
        sections = []
        for section in plan.sections:
            sections.append({
                "id": section.id,
                "anchor": "muc-" + section.id.lower().replace(".", "-"),
                "part": section.part,
                "title": section.title,
                "area": self.area_link(here, section.area),
                "tasks": [self.task_view(here, plan, t, facts[t.id].status)
                          for t in section.tasks],
            })
        summary = self.s.summary(list(facts.values()))
        duties = []
        for duty in plan.duties:
            duties.append({
                "id": duty.id,
                "agencies": [self.agency_link(here, r) for r in duty.agencies],
                "heading": duty.heading,
                "text": duty.text,
                "entries": duty.items,
            })
        source_file = f"nguon/{doc.source_seed}" if doc.source_seed else None
        return Page(here, "plan.md.j2", plan.title, {
            "plan": plan,
            "doc": {
                "type": DOC_TYPE_LABELS[doc.type],
                "issuer": self.agency_link(here, doc.issuer),
                "number": doc.number,
                "issued": vn_date(doc.issued),
                "effective_text": doc.effective_text,
                "effective_date": vn_date(doc.effective_date),
                "signer_name": doc.signer_name,
                "signer_form": doc.signer_form,
                "summary": doc.summary,
                "place": doc.place,
                "period": f"{plan.period[0]}–{plan.period[1]}" if plan.period and
                plan.period[0] != plan.period[1] else (str(plan.period[0]) if plan.period else ""),
                "source_url": doc.source_url,
                "source_file": urls.relative(here, source_file) if source_file else None,
                "source_name": doc.source_seed,
            },
            "legal_bases": [
                {"number": b.number, "date": vn_date(b.date), "title": b.title}
                for b in plan.legal_bases
            ],
            "objectives": [self.objective_view(o) for o in plan.objectives],
            "baselines": [
                {"label": b.label, "value": number(b.value), "unit": b.unit, "year": b.year}
                for b in plan.baselines
            ],
            "sections": sections,
            "duties": duties,
            "counts": self.counts(summary),
            "as_of": vn_date(self.as_of),
            "method": urls.relative(here, urls.METHODOLOGY),
            "plans_index": urls.relative(here, urls.PLANS),
            "home": urls.relative(here, urls.HOME),
        }, description=doc.summary or plan.title, demo=plan.demo)

    def agency(self, agency: Agency) -> Page:
        here = urls.agency_page(agency.id)
        led = self.s.led_by.get(agency.id, [])
        supported = self.s.supported_by.get(agency.id, [])
        duties = []
        for plan in self.project.plans:
            for duty in plan.duties:
                if any(r.agency == agency.id for r in duty.agencies):
                    derived = next((r.derived for r in duty.agencies
                                    if r.agency == agency.id and r.derived), None)
                    duties.append({"plan": self.plan_link(here, plan), "id": duty.id,
                                   "heading": duty.heading, "text": duty.text,
                                   "entries": duty.items, "derived": derived})
        issued = [self.plan_link(here, p) for p in self.project.plans
                  if p.document.issuer == agency.id]
        parent = self.agency_link(here, agency.parent) if agency.parent else None
        children = [self.agency_link(here, a.id) for a in self.project.agencies.values()
                    if a.parent == agency.id]
        province = self.project.provinces.get(agency.province) if agency.province else None
        return Page(here, "agency.md.j2", agency.name, {
            "agency": agency,
            "level": LEVEL_NAMES[agency.level],
            "province": province.name if province else None,
            "parent": parent,
            "children": children,
            "issued": issued,
            "led": self.group_block(here, led, ordered=True),
            "supported": self.group_block(here, supported, ordered=True),
            "duties": duties,
            "as_of": vn_date(self.as_of),
            "index": urls.relative(here, urls.AGENCIES),
            "method": urls.relative(here, urls.METHODOLOGY),
        }, description=f"Nhiệm vụ cải cách hành chính do {agency.name} chủ trì và phối hợp.",
            demo=agency.demo)

    def area(self, area: Area) -> Page:
        here = urls.area_page(area.id)
        facts = self.s.by_area.get(area.id, [])
        real, demo = self.split_demo(facts)

        def by_plan(subset: list[TaskFact]) -> list[dict[str, object]]:
            groups: dict[str, list[TaskFact]] = {}
            for f in subset:
                groups.setdefault(f.plan.id, []).append(f)
            return [
                {"plan": self.plan_link(here, fs[0].plan),
                 "number": fs[0].plan.document.number,
                 "tasks": [self.task_view(here, f.plan, f.task, f.status) for f in fs]}
                for fs in groups.values()
            ]

        frameworks = [self.project.frameworks[f].name for f in area.frameworks]
        return Page(here, "area.md.j2", area.name, {
            "area": area,
            "frameworks": frameworks,
            "real": {"counts": self.counts(self.s.summary(real)), "plans": by_plan(real)},
            "demo": {"counts": self.counts(self.s.summary(demo)), "plans": by_plan(demo)},
            "as_of": vn_date(self.as_of),
            "index": urls.relative(here, urls.AREAS),
            "method": urls.relative(here, urls.METHODOLOGY),
        }, description=f"Nhiệm vụ thuộc lĩnh vực {area.name}.", demo=bool(demo))


def build_pages(snapshot: Snapshot) -> list[Page]:
    """Every generated page of the site for ``snapshot``."""
    return Builder(snapshot).pages()


__all__ = ["DEMO_LABEL", "NOT_STATED", "Page", "Status", "build_pages"]
