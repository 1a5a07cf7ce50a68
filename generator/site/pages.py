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
from generator.facts.publication import Publication, publication_of
from generator.facts.snapshot import Snapshot, TaskFact
from generator.facts.stats import all_tasks
from generator.facts.status import LABELS, ORDER, VOCABULARY, Status, counted_as
from generator.model.deadlines import KIND_LABELS, DeadlineKind
from generator.model.entities import (
    Agency,
    Area,
    Duty,
    Plan,
    Task,
)
from generator.site.about_pages import AboutPages
from generator.site.charts import BarRow, PastDueRow, past_due_chart, status_chart
from generator.site.lineage_views import LineageViews, province_title
from generator.site.list_views import LISTS_SCRIPT
from generator.site.views import (
    DEMO_LABEL,
    NOT_STATED,
    PAGE_SIZE,
    Link,
    Page,
    baseline_anchor,
    basis_anchor,
    duty_anchor,
    duty_label,
    duty_where,
    lost_names,
    note_anchor,
    number,
)
from generator.sources.clock import vn_date
from generator.sources.fieldnames import plain_words
from generator.sources.vocabulary import DOCUMENT_TYPE_NAMES, LEVEL_NAMES, UPDATE_STATUS_NAMES

UPCOMING_DAYS = 90
# Duties are paragraphs, not rows: fewer of them fit a page.
DUTY_PAGE_SIZE = 20
# Agencies in the past-due chart of the agencies index (the full ranking follows as a table).
RANKING_CHART_SIZE = 15
# Plans with more tasks than this show their sections folded at first.
SECTIONS_UNFOLDED_MAX = 40
# Columns of a plan's matrix that a document may leave empty: whether a task states the value,
# and the name its lost_in_copy gives the value when our copy lost it.
MATRIX_COLUMNS = {
    "output": (lambda t: t.output is not None, "output"),
    "deadline": (lambda t: t.deadline.text is not None, "deadline"),
    "leads": (lambda t: bool(t.leads), "lead"),
    "support": (lambda t: bool(t.support), "support"),
}
COLUMN_NAMES = {"output": "sản phẩm", "deadline": "tiến độ", "leads": "cơ quan chủ trì",
                "support": "cơ quan phối hợp"}


def matrix_columns(tasks: Sequence[Task]) -> tuple[dict[str, bool], list[str], list[str]]:
    """Which columns of a section's matrix to show, and the names of those left out because no
    task has a value: not stated by the document for any task, or lost from our copy for every
    task (the section then says so once). A column where some values are lost and others not
    stated stays, each cell saying which."""
    show: dict[str, bool] = {}
    not_stated: list[str] = []
    lost: list[str] = []
    for key, (stated, lost_name) in MATRIX_COLUMNS.items():
        losses = [lost_name in t.lost_in_copy for t in tasks]
        show[key] = any(stated(t) for t in tasks) or (any(losses) and not all(losses))
        if not show[key]:
            (lost if tasks and all(losses) else not_stated).append(COLUMN_NAMES[key])
    return show, not_stated, lost


class Builder(AboutPages, LineageViews):
    """Builds the view models of every page of one snapshot."""

    def section_summary(self, facts: list[TaskFact]) -> str:
        """"12 nhiệm vụ: 9 chưa có báo cáo; 3 hoàn thành" — a folded section's count."""
        summary = self.s.summary(facts)
        parts = [f"{summary.count(code)} {LABELS[code][0].lower()}{LABELS[code][1:]}"
                 for code in ORDER if summary.count(code)]
        return f"{summary.total} nhiệm vụ" + (": " + "; ".join(parts) if parts else "")

    def pages(self, scope: Scope | None = None) -> Iterator[Page]:
        """Every generated page, one at a time so that each can be rendered and dropped; with a
        ``scope``, only the site-wide lists and the pages of the plans, agencies and areas in
        it. In the demo section, only its own page and its plans' and agencies' pages."""
        if self.in_demo_section:
            yield self.demo_section()
            yield from self._item_pages(scope, areas=False)
            return
        yield self.home()
        yield from self.plans_index()
        yield self.agencies_index()
        yield self.areas_index()
        yield self.methodology()
        yield self.contact()
        yield self.lineage_page()
        yield from self.overdue()
        yield from self.upcoming()
        yield from self._item_pages(scope)

    def _item_pages(self, scope: Scope | None, areas: bool = True) -> Iterator[Page]:
        for plan in self.project.plans:
            if scope is None or plan.id in scope.plans:
                yield self.plan(plan)
                if plan.id in self.documents:
                    yield self.source_document(plan, self.documents[plan.id])
        for province in self.project.provinces.values():
            yield self.province_page(province)
        for agency in self.project.agencies.values():
            # a successor's page lists the tasks it inherited: rebuilt with its predecessors'
            if scope is None or agency.id in scope.agencies or any(
                p in scope.agencies for p, _heir in self.s.lineage.predecessors(agency.id)
            ):
                yield from self.agency(agency)
        if not areas:
            return
        for area in self.project.areas.values():
            if scope is None or area.id in scope.areas:
                yield from self.area(area)

    def home(self) -> Page:
        here = urls.HOME
        plans = list(self.project.plans)
        facts = self.s.facts
        agencies_with_tasks = {
            r.agency for f in facts for r in (*f.task.leads, *f.task.support)
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
            "plans": [self.plan_link(here, p) for p in plans],
            "n_plans": len(plans),
            "n_tasks": len(facts),
            "n_agencies": len(agencies_with_tasks),
            "counts": self.counts(self.s.summary(facts)),
            "latest": latest,
            "links": {
                "plans": urls.relative(here, urls.PLANS),
                "agencies": urls.relative(here, urls.AGENCIES),
                "areas": urls.relative(here, urls.AREAS),
                "overdue": urls.relative(here, urls.OVERDUE),
                "upcoming": urls.relative(here, urls.UPCOMING),
                "method": urls.relative(here, urls.METHODOLOGY),
                "demo": urls.relative(here, urls.DEMO_SECTION) if self.demo_section_exists
                else "",
            },
            "area_chart": self._area_chart(here, facts),
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
                "past_due_unreported": summary.past_due_unreported,
                "completed": summary.completed,
                "unreported": summary.unreported,
                "last_report": vn_date(summary.last_report),
            }

        ordered = list(self.project.plans)
        chunks = [ordered[i:i + PAGE_SIZE] for i in range(0, len(ordered), PAGE_SIZE)] or [[]]
        # Under ke-hoach/danh-sach/: ke-hoach/trang-2.md could be the page of a plan "trang-2".
        paths = [here] + [urls.list_page(here, n, "danh-sach") for n in range(2, len(chunks) + 1)]
        pages = []
        for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
            pager = [] if len(paths) == 1 else [
                {"number": k, "url": urls.relative(path, other), "current": other == path}
                for k, other in enumerate(paths, start=1)
            ]
            title = "Các kế hoạch" + (f" (trang {n}/{len(paths)})" if n > 1 else "")
            pages.append(Page(path, "plans_index.md.j2", title, {
                "plans": [row_of(path, p) for p in chunk],
                "as_of": vn_date(self.as_of),
                "pager": pager,
                "demo_section": urls.relative(path, urls.DEMO_SECTION)
                if self.demo_section_exists else "",
            }, description="Danh sách các văn bản kế hoạch cải cách hành chính được công khai.",
                former=urls.former_list_page(here, n, "trang") if n > 1 else None))
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
                "inherited": self.inherited_open(agency.id),
                "lineage": self.lineage_summary(agency),
            })
        sections = []
        provinces = self.project.provinces
        for key in sorted(groups, key=lambda k: (k is not None, provinces[k].name if k else "")):
            province = provinces.get(key) if key else None
            sections.append({
                "title": province_title(province) if province else "Cơ quan trung ương",
                "page": urls.relative(here, urls.province_page(province.id)) if province else None,
                "banner": self.province_banner(here, province.id) if province else None,
                "demo": bool(province and province.demo),
                "agencies": groups[key],
            })
        ranked = self._past_due_ranking(here)
        shown = ranked[:RANKING_CHART_SIZE]
        chart = past_due_chart(
            shown, f"{len(shown)} cơ quan có nhiều nhiệm vụ chủ trì đã qua hạn nhất") if shown \
            else Markup("")
        full = past_due_chart(ranked, f"Xếp hạng {len(ranked)} cơ quan có nhiệm vụ chủ trì đã "
                              "qua hạn", bars=False) if len(ranked) > len(shown) else Markup("")
        return Page(here, "agencies_index.md.j2", "Các cơ quan", {
            "sections": sections, "chart": chart, "ranking": full, "ranked": len(ranked),
            "method": urls.relative(here, urls.METHODOLOGY),
            "changes": urls.relative(here, urls.LINEAGE),
        }, description="Các cơ quan chủ trì, phối hợp thực hiện nhiệm vụ cải cách hành chính.",
            demo=any(s["demo"] for s in sections))

    def _past_due_ranking(self, here: str) -> list[PastDueRow]:
        """Agencies by tasks led past due, most first: reported overdue and unreported apart.
        The snapshot is the site-wide one, so on a real site the ranking holds real agencies
        only (demo data is in its own section, see generator.facts.publication)."""
        rows = []
        for agency in self.project.agencies.values():
            led = self.s.led_by.get(agency.id, [])
            overdue = sum(1 for f in led if f.status.overdue)
            unreported = sum(1 for f in led if f.status.past_due_unreported)
            if overdue or unreported:
                url = urls.relative(here, urls.agency_page(agency.id))
                link = Markup(f'<a href="{escape(url)}">{escape(agency.name)}</a>')
                rows.append((agency.name, PastDueRow(link, overdue, unreported, len(led))))
        rows.sort(key=lambda r: (-r[1].past_due, -r[1].overdue, r[0]))
        return [r for _, r in rows]

    def areas_index(self) -> Page:
        here = urls.AREAS
        frameworks = []
        for fw in self.project.frameworks.values():
            rows = []
            for area in self.project.areas.values():
                if fw.id not in area.frameworks:
                    continue
                facts = self.s.by_area.get(area.id, [])
                rows.append({
                    "link": Link(area.name, urls.relative(here, urls.area_page(area.id))),
                    "tasks": len(facts),
                    "overdue": sum(1 for f in facts if f.status.overdue),
                    "past_due_unreported": sum(1 for f in facts if f.status.past_due_unreported),
                })
            frameworks.append({"name": fw.name, "basis": fw.basis, "areas": rows})
        return Page(here, "areas_index.md.j2", "Các lĩnh vực cải cách", {
            "frameworks": frameworks,
            "chart": self._area_chart(here, self.s.facts),
            "unassigned": sum(1 for f in self.s.facts if f.task.area is None),
        }, description="Nhiệm vụ cải cách hành chính theo lĩnh vực.")

    def overdue(self) -> list[Page]:
        here = urls.OVERDUE
        listing, extra, data = self.paged(here, "", "trang", "Nhiệm vụ quá hạn",
                                          self.s.overdue(), False, "Nhiệm vụ quá hạn")
        silent_listing, silent_extra, silent_data = self.paged(
            here, "chua-bao-cao", "chua-bao-cao", "Đã qua hạn, chưa có báo cáo",
            self.s.past_due_unreported(), False, "Nhiệm vụ quá hạn")
        lists = self.filterable((listing, silent_listing), (data, silent_data))
        return [Page(here, "overdue.md.j2", "Nhiệm vụ quá hạn", {
            "as_of": vn_date(self.as_of),
            "listing": listing,
            "silent_listing": silent_listing,
            "filters": self.filter_form(lists, "quá hạn lâu nhất trước"),
            "method": urls.relative(here, urls.METHODOLOGY),
        }, description="Nhiệm vụ đã quá hạn mà chưa hoàn thành, tính đến ngày xây dựng trang.",
            lists=lists, scripts=(LISTS_SCRIPT,) if lists else (), hide=("toc",)),
            *extra, *silent_extra]

    def upcoming(self) -> list[Page]:
        here = urls.UPCOMING
        listing, extra, data = self.paged(here, "", "trang", "Sắp đến hạn",
                                          self.s.upcoming(UPCOMING_DAYS), False, "Sắp đến hạn")
        lists = self.filterable((listing,), (data,))
        return [Page(here, "upcoming.md.j2", "Sắp đến hạn", {
            "as_of": vn_date(self.as_of),
            "until": vn_date(self.as_of + dt.timedelta(days=UPCOMING_DAYS)),
            "days": UPCOMING_DAYS,
            "listing": listing,
            "filters": self.filter_form(lists, "hạn gần nhất trước"),
        }, description=f"Nhiệm vụ đến hạn trong {UPCOMING_DAYS} ngày tới.", lists=lists,
            scripts=(LISTS_SCRIPT,) if lists else (), hide=("toc",)), *extra]

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
            "statuses": [(c.value, LABELS[c], counted_as(c)) for c in ORDER],
            "vocabulary": VOCABULARY,
            "deadline_examples": rows,
            "kinds": [(k.value, KIND_LABELS[k]) for k in DeadlineKind],
            "upcoming_days": UPCOMING_DAYS,
            "changes": urls.relative(urls.METHODOLOGY, urls.LINEAGE),
        }, description="Cách tính trạng thái, thời hạn và các tỷ lệ trên trang.")

    def plan(self, plan: Plan) -> Page:
        here = urls.plan_page(plan.id)
        facts = {f.task.id: f for f in self.s.by_plan.get(plan.id, [])}
        doc = plan.document
        sections = []
        # A long plan opens with its sections folded (their headings and counts in view); a
        # link to a task inside one unfolds it (browsers do; theme/main.html helps the others).
        unfolded = len(facts) <= SECTIONS_UNFOLDED_MAX
        for section in plan.sections:
            every = [t for top in section.tasks for t in all_tasks(top)]
            show, not_stated, lost = matrix_columns(every)
            sections.append({
                "id": section.id,
                "anchor": "muc-" + section.id.lower().replace(".", "-"),
                "part": section.part,
                "title": section.title,
                "area": self.area_link(here, section.area),
                "tasks": [self.task_view(here, plan, t, facts[t.id].status)
                          for t in section.tasks],
                "show": show,
                "not_stated": not_stated,
                "lost_columns": lost,
                "summary": self.section_summary([facts[t.id] for t in every]),
                "open": unfolded,
                "lost": section.lost_in_copy,
            })
        summary = self.s.summary(list(facts.values()))
        duties = []
        for duty in plan.duties:
            duties.append({
                "id": duty.id,
                "anchor": duty_anchor(duty.id),
                "label": duty_label(duty.id),
                "agencies": [self.agency_link(here, r, now=True) for r in duty.agencies],
                "heading": duty.heading,
                "text": duty.text,
                "entries": duty.items,
                "lost": duty.lost_in_copy,
                # The agency's absence is said in the title; number and heading on a line.
                "lost_other": lost_names(duty.lost_in_copy, leave_out=("agency",)),
            })
        has_copy = plan.id in self.documents
        return Page(here, "plan.md.j2", plan.title, {
            "plan": plan,
            "period_over": self._period_over(plan, summary),
            "relations": self._relations(here, plan),
            "doc": {
                "type": DOCUMENT_TYPE_NAMES[doc.type],
                "issuer": self.agency_link(here, doc.issuer, now=True),
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
                "source_page": urls.relative(here, urls.source_page(plan.id)) if has_copy
                else None,
                "source_text": urls.relative(here, urls.source_text_path(plan.id)) if has_copy
                else None,
                "source_download": urls.source_text_path(plan.id).rsplit("/", 1)[-1],
                "lost": doc.lost_in_copy,
            },
            "legal_bases": [
                {"number": b.number, "date": vn_date(b.date), "title": b.title,
                 "anchor": basis_anchor(n)}
                for n, b in enumerate(plan.legal_bases, start=1)
            ],
            "objectives": [self.objective_view(o) for o in plan.objectives],
            "baselines": [
                {"label": b.label, "value": number(b.value), "unit": b.unit, "year": b.year,
                 "anchor": baseline_anchor(n)}
                for n, b in enumerate(plan.baselines, start=1)
            ],
            "sections": sections,
            "duties": duties,
            "counts": self.counts(summary),
            "as_of": vn_date(self.as_of),
            "data": plan_data_links(plan.id),
            # Editors' notes name the format's keys; readers get Vietnamese words.
            "notes": [{"text": plain_words(note), "anchor": note_anchor(n)}
                      for n, note in enumerate(plan.notes, start=1)],
            "history": history_view(self.histories.get(plan.id, ()),
                                    self.project.settings.repository),
            "method": urls.relative(here, urls.METHODOLOGY),
            "plans_index": urls.relative(here, self.plans_index_page),
            "plans_index_label": "Dữ liệu minh họa" if self.in_demo_section else "Kế hoạch",
            "home": urls.relative(here, urls.HOME),
        }, description=doc.summary or plan.title, demo=plan.demo)

    def agency(self, agency: Agency) -> list[Page]:
        here = urls.agency_page(agency.id)
        led = self.attention_order(self.s.led_by.get(agency.id, []))
        supported = self.attention_order(self.s.supported_by.get(agency.id, []))
        duty_pairs = self._duties_by_agency.get(agency.id, [])
        chunks = [duty_pairs[i:i + DUTY_PAGE_SIZE]
                  for i in range(0, len(duty_pairs), DUTY_PAGE_SIZE)] or [[]]
        duty_paths = [here] + [urls.list_page(here, n, "trach-nhiem")
                               for n in range(2, len(chunks) + 1)]

        def duty_views(page: str, pairs: list[tuple[Plan, Duty]]) -> list[dict[str, object]]:
            return [{"plan": self.plan_link(page, plan), "id": duty.id,
                     "where": duty_where(duty),
                     "heading": duty.heading,
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
                 }, description=f"Trách nhiệm giao cho {agency.name}.", demo=agency.demo,
                 former=urls.former_list_page(here, n, "trach-nhiem"))
            for n, path in enumerate(duty_paths[1:], start=2)
        ]
        issued = [self.plan_link(here, p) for p in self._issued_by.get(agency.id, [])]
        parent = self.agency_link(here, agency.parent) if agency.parent else None
        children = [self.agency_link(here, a) for a in self._children.get(agency.id, [])]
        province = self.project.provinces.get(agency.province) if agency.province else None
        led_block, led_pages, led_data = self.paged(
            here, "chu-tri", "chu-tri", f"{agency.name}: nhiệm vụ chủ trì", led, agency.demo,
            agency.name)
        sup_block, sup_pages, sup_data = self.paged(
            here, "phoi-hop", "phoi-hop", f"{agency.name}: nhiệm vụ phối hợp", supported,
            agency.demo, agency.name)
        inherited = self.inherited(here, agency)
        lists = self.filterable(
            (led_block, sup_block, *(inherited["blocks"] if inherited else ())),
            (led_data, sup_data, *(inherited["data"] if inherited else ())))
        return [Page(here, "agency.md.j2", agency.name, {
            "agency": agency,
            "banner": self.banner(here, agency),
            "province_banner": self.province_banner(here, agency.province),
            "lineage_status": self.lineage_status_view(agency.lineage_status),
            "events": [self.event_view(here, e) for e in agency.lineage],
            "predecessors": self.predecessor_views(here, agency.id),
            "inherited": inherited,
            "changes": urls.relative(here, urls.LINEAGE),
            "province_page": urls.relative(here, urls.province_page(province.id))
            if province else None,
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
            "last_report": vn_date(self.s.summary(led + supported).last_report),
            "data": agency_data_links(agency.id),
            "has_calendar": self.s.has_calendar(agency.id),
            "index": urls.relative(here, self.agencies_index_page),
            "index_label": "Dữ liệu minh họa" if self.in_demo_section else "Các cơ quan",
            "method": urls.relative(here, urls.METHODOLOGY),
            "filters": self.filter_form(lists, "cần chú ý trước: quá hạn lâu nhất"),
        }, description=f"Nhiệm vụ cải cách hành chính do {agency.name} chủ trì và phối hợp.",
            demo=agency.demo, lists=lists, scripts=(LISTS_SCRIPT,) if lists else ()),
            *led_pages, *sup_pages, *duty_pages,
            *(inherited["pages"] if inherited else [])]  # type: ignore[misc]

    def area(self, area: Area) -> list[Page]:
        here = urls.area_page(area.id)
        facts = self.s.by_area.get(area.id, [])
        block, extra, data = self.paged(here, "", "nhiem-vu", area.name, facts, False, area.name)
        lists = self.filterable((block,), (data,))
        frameworks = [self.project.frameworks[f].name for f in area.frameworks]
        return [Page(here, "area.md.j2", area.name, {
            "area": area,
            "frameworks": frameworks,
            "real": {"counts": self.counts(self.s.summary(facts)), "listing": block},
            "as_of": vn_date(self.as_of),
            "index": urls.relative(here, urls.AREAS),
            "method": urls.relative(here, urls.METHODOLOGY),
            "filters": self.filter_form(lists, "thứ tự trong các văn bản"),
        }, description=f"Nhiệm vụ thuộc lĩnh vực {area.name}.", lists=lists,
            scripts=(LISTS_SCRIPT,) if lists else ()), *extra]


def iter_pages(snapshot: Snapshot,
               histories: Mapping[str, Sequence[Change]] | None = None,
               scope: Scope | None = None,
               publication: Publication | None = None,
               documents: Mapping[str, str] | None = None,
               rendered_rows: Container[object] = ()) -> Iterator[Page]:
    """Every generated page of the site for ``snapshot``, built lazily; ``histories`` gives each
    plan file's change history (from git), shown on its page. ``scope`` limits the pages to
    those an edit affects (see :mod:`generator.facts.changes`). ``publication`` is the
    snapshot split into the site-wide data and the demo section (computed when not given);
    ``documents`` the text of each plan's copy of its document, by plan id; ``rendered_rows``
    are the keys of list rows already rendered, whose views need not be built."""
    pub = publication or publication_of(snapshot)
    yield from Builder(pub.main, histories, rendered_rows,
                       demo_section_exists=pub.demo is not None,
                       documents=documents).pages(scope)
    if pub.demo is not None:
        yield from Builder(pub.demo, histories, rendered_rows, in_demo_section=True,
                           documents=documents).pages(scope)


__all__ = ["DEMO_LABEL", "NOT_STATED", "Page", "Status", "iter_pages"]
