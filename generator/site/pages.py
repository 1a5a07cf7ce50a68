"""Which pages the site has and what each lists: one view model per page, from a snapshot.

The pieces (links, statuses, task rows, counts) come from :mod:`generator.site.views`; here is
what is listed on which page, in which order, and how pages are split.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterator, Mapping, Sequence

from markupsafe import Markup, escape

from generator.common import urls
from generator.common.urls import agency_data_links, plan_data_links
from generator.facts.changes import Scope
from generator.facts.history import Change, history_view
from generator.facts.snapshot import Snapshot, TaskFact
from generator.facts.status import LABELS, ORDER, Status
from generator.model.deadlines import KIND_LABELS, DeadlineKind
from generator.model.entities import (
    Agency,
    Area,
    Duty,
    Plan,
)
from generator.site.charts import BarRow, status_chart
from generator.site.views import (
    DEMO_LABEL,
    NOT_STATED,
    PAGE_SIZE,
    Link,
    Page,
    Views,
    number,
)
from generator.sources.clock import vn_date
from generator.sources.schema import (
    DOCUMENT_TYPE_NAMES,
    LEVEL_NAMES,
    UPDATE_STATUS_NAMES,
)

UPCOMING_DAYS = 90
# Duties are paragraphs, not rows: fewer of them fit a page.
DUTY_PAGE_SIZE = 20


class Builder(Views):
    """Builds the view models of every page of one snapshot."""

    def pages(self, scope: Scope | None = None) -> Iterator[Page]:
        """Every generated page, one at a time so that each can be rendered and dropped; with a
        ``scope``, only the site-wide lists and the pages of the plans, agencies and areas in
        it."""
        yield self.home()
        yield from self.plans_index()
        yield self.agencies_index()
        yield self.areas_index()
        yield self.methodology()
        yield from self.overdue()
        yield from self.upcoming()
        for plan in self.project.plans:
            if scope is None or plan.id in scope.plans:
                yield self.plan(plan)
        for agency in self.project.agencies.values():
            if scope is None or agency.id in scope.agencies:
                yield from self.agency(agency)
        for area in self.project.areas.values():
            if scope is None or area.id in scope.areas:
                yield from self.area(area)

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
            {"date": vn_date(uf.update.date), "status": UPDATE_STATUS_NAMES[uf.update.status],
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
           "đã quá hạn và bằng chứng thực hiện.", demo=bool(demo_plans))

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

    def plans_index(self) -> list[Page]:
        here = urls.PLANS

        def row_of(here: str, plan: Plan) -> dict[str, object]:
            summary = self.s.summary(self.s.by_plan.get(plan.id, []))
            issuer = self.agency_link(here, plan.document.issuer)
            return {
                "link": self.plan_link(here, plan),
                "number": plan.document.number,
                "type": DOCUMENT_TYPE_NAMES[plan.document.type],
                "issued": vn_date(plan.document.issued),
                "issued_iso": plan.document.issued.isoformat(),
                "issuer": issuer,
                "tasks": summary.total,
                "overdue": summary.overdue,
                "completed": summary.completed,
                "unreported": summary.unreported,
            }

        real_plans = self._real_plans()
        demo_plans = [p for p in self.project.plans if p.demo]
        # Real plans first, then demo ones, PAGE_SIZE rows a page.
        ordered = real_plans + demo_plans
        chunks = [ordered[i:i + PAGE_SIZE] for i in range(0, len(ordered), PAGE_SIZE)] or [[]]
        paths = [here] + [f"ke-hoach/index--trang-{n}.md" for n in range(2, len(chunks) + 1)]
        pages = []
        for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
            pager = [] if len(paths) == 1 else [
                {"number": k, "url": urls.relative(path, other), "current": other == path}
                for k, other in enumerate(paths, start=1)
            ]
            title = "Các kế hoạch" + (f" (trang {n}/{len(paths)})" if n > 1 else "")
            self_rows = [(p, row_of(path, p)) for p in chunk]
            pages.append(Page(path, "plans_index.md.j2", title, {
                "plans": [r for p, r in self_rows if not p.demo],
                "demo_plans": [r for p, r in self_rows if p.demo],
                "as_of": vn_date(self.as_of),
                "pager": pager,
            }, description="Danh sách các văn bản kế hoạch cải cách hành chính được công khai.",
                demo=any(p.demo for p in chunk)))
        return pages

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
                "unreported_late": sum(1 for f in led if f.status.past_due_unreported),
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
        }, description="Các cơ quan chủ trì, phối hợp thực hiện nhiệm vụ cải cách hành chính.",
            demo=any(s["demo"] for s in sections))

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
        }, description="Nhiệm vụ cải cách hành chính theo lĩnh vực.",
            demo=any(f.plan.demo for f in self.s.facts))

    def overdue(self) -> list[Page]:
        here = urls.OVERDUE
        real, demo = self.split_demo(self.s.overdue())
        silent, _silent_demo = self.split_demo(self.s.past_due_unreported())
        listing, extra = self.paged(here, "trang", "Nhiệm vụ quá hạn", real, False,
                                    "Nhiệm vụ quá hạn", flat=True)
        silent_listing, silent_extra = self.paged(
            here, "chua-bao-cao", "Đã qua hạn, chưa có báo cáo", silent, False,
            "Nhiệm vụ quá hạn", flat=True)
        demo_listing, demo_extra = self.paged(here, "minh-hoa", "Nhiệm vụ quá hạn (minh họa)",
                                              demo, True, "Nhiệm vụ quá hạn", flat=True)
        return [Page(here, "overdue.md.j2", "Nhiệm vụ quá hạn", {
            "as_of": vn_date(self.as_of),
            "listing": listing,
            "silent_listing": silent_listing,
            "demo_listing": demo_listing,
            "method": urls.relative(here, urls.METHODOLOGY),
        }, description="Nhiệm vụ đã quá hạn mà chưa hoàn thành, tính đến ngày xây dựng trang.",
            demo=bool(demo)), *extra, *silent_extra, *demo_extra]

    def upcoming(self) -> list[Page]:
        here = urls.UPCOMING
        real, demo = self.split_demo(self.s.upcoming(UPCOMING_DAYS))
        listing, extra = self.paged(here, "trang", "Sắp đến hạn", real, False, "Sắp đến hạn",
                                    flat=True)
        demo_listing, demo_extra = self.paged(here, "minh-hoa", "Sắp đến hạn (minh họa)", demo,
                                              True, "Sắp đến hạn", flat=True)
        return [Page(here, "upcoming.md.j2", "Sắp đến hạn", {
            "as_of": vn_date(self.as_of),
            "until": vn_date(self.as_of + dt.timedelta(days=UPCOMING_DAYS)),
            "days": UPCOMING_DAYS,
            "listing": listing,
            "demo_listing": demo_listing,
        }, description=f"Nhiệm vụ đến hạn trong {UPCOMING_DAYS} ngày tới.", demo=bool(demo)),
            *extra, *demo_extra]

    def methodology(self) -> Page:
        from generator.model.deadlines import parse_deadline

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
                "type": DOCUMENT_TYPE_NAMES[doc.type],
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
            "data": plan_data_links(plan.id),
            "history": history_view(self.histories.get(plan.id, ())),
            "method": urls.relative(here, urls.METHODOLOGY),
            "plans_index": urls.relative(here, urls.PLANS),
            "home": urls.relative(here, urls.HOME),
        }, description=doc.summary or plan.title, demo=plan.demo)

    def agency(self, agency: Agency) -> list[Page]:
        here = urls.agency_page(agency.id)
        led = self.attention_order(self.s.led_by.get(agency.id, []))
        supported = self.attention_order(self.s.supported_by.get(agency.id, []))
        duty_pairs = self._duties_by_agency.get(agency.id, [])
        chunks = [duty_pairs[i:i + DUTY_PAGE_SIZE]
                  for i in range(0, len(duty_pairs), DUTY_PAGE_SIZE)] or [[]]
        duty_paths = [here] + [f"{here[:-3]}--trach-nhiem-{n}.md"
                               for n in range(2, len(chunks) + 1)]

        def duty_views(page: str, pairs: list[tuple[Plan, Duty]]) -> list[dict[str, object]]:
            return [{"plan": self.plan_link(page, plan), "id": duty.id, "heading": duty.heading,
                     "text": duty.text, "entries": duty.items,
                     "derived": next((r.derived for r in duty.agencies
                                      if r.agency == agency.id and r.derived), None)}
                    for plan, duty in pairs]

        def duty_pager(page: str) -> list[dict[str, object]]:
            if len(duty_paths) == 1:
                return []
            return [{"number": n, "url": urls.relative(page, path), "current": path == page}
                    for n, path in enumerate(duty_paths, start=1)]

        duties = duty_views(here, chunks[0])
        duty_pages = [
            Page(path, "duties_page.md.j2",
                 f"{agency.name}: trách nhiệm được giao (trang {n}/{len(duty_paths)})", {
                     "duties": duty_views(path, chunks[n - 1]), "pager": duty_pager(path),
                     "back": urls.relative(path, here), "back_label": agency.name,
                 }, description=f"Trách nhiệm giao cho {agency.name}.", demo=agency.demo)
            for n, path in enumerate(duty_paths[1:], start=2)
        ]
        issued = [self.plan_link(here, p) for p in self._issued_by.get(agency.id, [])]
        parent = self.agency_link(here, agency.parent) if agency.parent else None
        children = [self.agency_link(here, a) for a in self._children.get(agency.id, [])]
        province = self.project.provinces.get(agency.province) if agency.province else None
        led_block, led_pages = self.paged(here, "chu-tri", f"{agency.name}: nhiệm vụ chủ trì",
                                          led, agency.demo, agency.name, flat=True)
        sup_block, sup_pages = self.paged(here, "phoi-hop",
                                          f"{agency.name}: nhiệm vụ phối hợp", supported,
                                          agency.demo, agency.name, flat=True)
        return [Page(here, "agency.md.j2", agency.name, {
            "agency": agency,
            "level": LEVEL_NAMES[agency.level],
            "province": province.name if province else None,
            "parent": parent,
            "children": children,
            "issued": issued,
            "led": {"counts": self.counts(self.s.summary(led)), "listing": led_block},
            "supported": {"counts": self.counts(self.s.summary(supported)),
                          "listing": sup_block},
            "duties": duties,
            "duty_pager": duty_pager(here),
            "duty_total": len(duty_pairs),
            "as_of": vn_date(self.as_of),
            "data": agency_data_links(agency.id),
            "index": urls.relative(here, urls.AGENCIES),
            "method": urls.relative(here, urls.METHODOLOGY),
        }, description=f"Nhiệm vụ cải cách hành chính do {agency.name} chủ trì và phối hợp.",
            demo=agency.demo), *led_pages, *sup_pages, *duty_pages]

    def area(self, area: Area) -> list[Page]:
        here = urls.area_page(area.id)
        real, demo = self.split_demo(self.s.by_area.get(area.id, []))
        real_block, real_pages = self.paged(here, "nhiem-vu", area.name, real, False, area.name)
        demo_block, demo_pages = self.paged(here, "minh-hoa", f"{area.name} (minh họa)", demo,
                                            True, area.name)
        frameworks = [self.project.frameworks[f].name for f in area.frameworks]
        return [Page(here, "area.md.j2", area.name, {
            "area": area,
            "frameworks": frameworks,
            "real": {"counts": self.counts(self.s.summary(real)), "listing": real_block},
            "demo": {"counts": self.counts(self.s.summary(demo)), "listing": demo_block},
            "as_of": vn_date(self.as_of),
            "index": urls.relative(here, urls.AREAS),
            "method": urls.relative(here, urls.METHODOLOGY),
        }, description=f"Nhiệm vụ thuộc lĩnh vực {area.name}.", demo=bool(demo)),
            *real_pages, *demo_pages]


def iter_pages(snapshot: Snapshot,
               histories: Mapping[str, Sequence[Change]] | None = None,
               scope: Scope | None = None,
               rendered_rows: Container[object] = ()) -> Iterator[Page]:
    """Every generated page of the site for ``snapshot``, built lazily; ``histories`` gives each
    plan file's change history (from git), shown on its page. ``scope`` limits the pages to
    those an edit affects (see :mod:`generator.facts.changes`); ``rendered_rows`` are the keys
    of list rows already rendered, whose views need not be built."""
    return Builder(snapshot, histories, rendered_rows).pages(scope)


__all__ = ["DEMO_LABEL", "NOT_STATED", "Page", "Status", "iter_pages"]
