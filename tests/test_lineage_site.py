"""The lineage on the built site: the banner on bodies that ended, "nay là" beside the names plan
pages keep verbatim, inherited tasks on successors' pages, province pages, the page of all
changes, and search by the new name.

Expected values come from the loaded project and its snapshot (``built_site``, as of 2026-11-23);
pages are located through ``generator.common.urls``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from test_search_index import Index  # the index read as the browser reads it

from generator.common import urls
from generator.facts.snapshot import Snapshot
from generator.model.entities import task_anchor
from generator.site.lineage_views import finished
from generator.site.pages import iter_pages
from generator.site.render import make_environment, render_page
from generator.site.search import INDEX_PATH, RECORDS_PATH, TASK, tokens

if TYPE_CHECKING:
    from conftest import BuiltSite, HtmlPage, Node


def built(src_path: str) -> str:
    return urls.url_of(src_path) + "index.html"


def banner(page: HtmlPage, kind: str) -> Node | None:
    found = [n for n in page.root.by_attr("data-lineage", kind) if n.has_class("ck-lineage-banner")]
    assert len(found) <= 1
    return found[0] if found else None


def resolved(page: HtmlPage, scope: Node) -> set[str]:
    return {page.resolve(href)[0] for href in page.hrefs(scope)}


def test_an_ended_agency_says_what_it_became_when_and_under_which_document(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, project, snapshot = built_site
    checked = 0
    for agency in project.agencies.values():
        page = site_pages[built(urls.agency_page(agency.id))]
        ended = snapshot.lineage.ended(agency.id)
        box = banner(page, "ended")
        if not ended:
            assert box is None, f"{agency.id} still exists but its page says it ended"
            continue
        assert box is not None, f"{agency.id} ended but its page has no banner"
        text = box.text()
        for event in ended:
            assert f"{event.effective:%d/%m/%Y}" in text, agency.id
            if event.basis and event.basis.number:
                assert event.basis.number in text, agency.id
            if event.basis and event.basis.url:
                assert event.basis.url in page.hrefs(box), agency.id
            for party in event.successors:
                if party.id in project.agencies:
                    assert built(urls.agency_page(party.id)) in resolved(page, box), agency.id
                elif party.unknown:
                    assert "chưa xác định" in text, agency.id
        # its tasks stay listed on its page
        if snapshot.led_by.get(agency.id):
            assert page.root.by_attr("data-role", "lead"), agency.id
        checked += 1
    assert checked >= 30


def test_the_district_level_banner_says_the_successor_is_not_established(
    site_pages: dict[str, HtmlPage]
):
    page = site_pages[built(urls.agency_page("khanh-hoa-ubnd-cap-huyen"))]
    text = banner(page, "ended").text()
    assert "01/07/2025" in text and "72/2025/QH15" in text
    assert "chưa xác định" in text


def test_plan_pages_keep_the_names_verbatim_and_say_what_they_are_now(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, project, snapshot = built_site
    with_heirs = 0
    for plan in project.plans:
        page = site_pages[built(urls.plan_page(plan.id))]
        for fact in snapshot.by_plan[plan.id]:
            row = page.by_id(task_anchor(fact.task.id))
            cell = next((c for c in row.find_all("td") if c.get("data-label") == "Chủ trì"),
                        None)
            if cell is None:  # a section where no task names a lead leaves the column out
                assert not fact.task.leads, (plan.id, fact.task.id)
                continue
            for item in cell.find_all("li"):
                agency_id = page.resolve(item.find("a").get("href"))[0].split("/")[1]
                agency = project.agencies[agency_id]
                text = item.text()
                assert text.startswith(agency.name), (plan.id, fact.task.id, text)
                heirs = snapshot.lineage.heirs(agency_id)
                now = item.find("span", lambda n: n.has_class("ck-now"))
                if not heirs:
                    assert now is None, (plan.id, fact.task.id, agency_id)
                    continue
                with_heirs += 1
                assert now is not None, (plan.id, fact.task.id, agency_id)
                for heir in heirs:
                    if heir.id in project.agencies:
                        assert project.agencies[heir.id].name in now.text()
                        assert "nay là" in now.text()
                    elif heir.party.unknown:
                        assert "chưa xác định" in now.text()
    assert with_heirs >= 20


def test_the_status_date_decides_which_lineage_applies(built_site: BuiltSite):
    _, project, _ = built_site
    env = make_environment()
    plan = project.plan("khanh-hoa-qd-4034-2017")

    def plan_page(as_of: dt.date) -> str:
        snapshot = Snapshot(project, as_of)
        (page,) = [p for p in iter_pages(snapshot) if p.path == urls.plan_page(plan.id)]
        return render_page(env, page)

    before = plan_page(dt.date(2025, 2, 1))
    between = plan_page(dt.date(2025, 4, 1))
    after = plan_page(dt.date(2025, 8, 1))
    assert "nay là" not in before
    # Sở TN&MT merged on 1/3/2025; the province (and its UBND) on 1/7/2025.
    assert "Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa" in between
    assert "Ủy ban nhân dân tỉnh Khánh Hòa (tỉnh hình thành sau sắp xếp)" not in between
    assert "Ủy ban nhân dân tỉnh Khánh Hòa (tỉnh hình thành sau sắp xếp)" in after


def test_successors_list_the_unfinished_tasks_they_inherited_apart_from_their_own(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, project, snapshot = built_site
    checked = 0
    for agency in project.agencies.values():
        page = site_pages[built(urls.agency_page(agency.id))]
        predecessors = snapshot.lineage.predecessors(agency.id)
        inherited = page.root.by_attr("data-role", "inherited-lead")
        if not predecessors:
            assert not inherited and page.by_id("ke-thua") is None, agency.id
            continue
        assert page.by_id("ke-thua") is not None, agency.id
        own = {f.key for f in snapshot.led_by.get(agency.id, [])
               + snapshot.supported_by.get(agency.id, [])}
        expected = {(built(urls.plan_page(f.plan.id)), f.anchor)
                    for p, _heir in predecessors for f in snapshot.led_by.get(p, [])
                    if f.key not in own and not finished(f)}
        found = set()
        for node in inherited:
            for href in page.hrefs(node):
                target, fragment = page.resolve(href)
                if fragment.startswith("nv-"):
                    found.add((target, fragment))
        assert found == expected, agency.id
        # kept apart: the lead block lists only tasks given to this agency by name
        lead = page.root.by_attr("data-role", "lead")
        if lead:
            named = {(built(urls.plan_page(f.plan.id)), f.anchor)
                     for f in snapshot.led_by.get(agency.id, [])}
            links = {page.resolve(h) for h in page.hrefs(lead[0])}
            assert not (expected - named) & links, agency.id
        checked += 1
    assert checked >= 10


def test_sở_tài_chính_khánh_hòa_inherits_the_tasks_of_sở_kế_hoạch_và_đầu_tư(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, _, snapshot = built_site
    page = site_pages[built(urls.agency_page("khanh-hoa-so-tai-chinh"))]
    section = page.text()
    assert "Nhiệm vụ kế thừa" in section
    sources = page.root.find_all("ul", lambda n: n.has_class("ck-inherited-from"))
    assert "Sở Kế hoạch và Đầu tư tỉnh Khánh Hòa" in sources[0].text()
    open_tasks = [f for f in snapshot.led_by["khanh-hoa-so-ke-hoach-va-dau-tu"] if not finished(f)]
    assert open_tasks


def test_agencies_index_counts_inherited_tasks_separately(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, _project, snapshot = built_site
    page = site_pages[built(urls.AGENCIES)]
    for row in page.root.find_all("tr"):
        cells = {c.get("data-label"): c for c in row.find_all("td")}
        if "Kế thừa, chưa báo cáo hoàn thành" not in cells:
            continue
        agency_id = page.resolve(cells["Cơ quan"].find("a").get("href"))[0].split("/")[1]
        keys = {f.key for p, _h in snapshot.lineage.predecessors(agency_id)
                for f in snapshot.led_by.get(p, []) + snapshot.supported_by.get(p, [])
                if not finished(f)}
        assert cells["Kế thừa, chưa báo cáo hoàn thành"].text() == str(len(keys)), agency_id
        assert cells["Chủ trì"].text() == str(len(snapshot.led_by.get(agency_id, [])))


def test_province_pages_say_what_the_province_became(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, project, snapshot = built_site
    for province in project.provinces.values():
        page = site_pages[built(urls.province_page(province.id))]
        box = banner(page, "ended")
        heirs = snapshot.lineage.province_heirs(province.id)
        assert (box is not None) == bool(heirs), province.id
        for heir in heirs:
            assert built(urls.province_page(heir.id)) in resolved(page, box), province.id
    nam_dinh = site_pages[built(urls.province_page("nam-dinh"))]
    assert "202/2025/QH15" in banner(nam_dinh, "ended").text()
    # an agency of a merged province says so too
    agency = site_pages[built(urls.agency_page("nam-dinh-so-noi-vu"))]
    assert banner(agency, "province") is not None
    assert "chưa xác định" in agency.text()


def test_the_page_of_all_changes_lists_every_event_with_its_legal_basis(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, _project, snapshot = built_site
    page = site_pages[built(urls.LINEAGE)]
    sections = page.root.find_all("section", lambda n: n.has_class("ck-event"))
    events = snapshot.lineage.events()
    assert len(sections) == len(events) >= 45
    dated = [s for s in sections if "từ ngày" in s.find("p").text()]
    assert dated
    for section in sections:
        assert "Căn cứ pháp lý" in section.text()
    # linked from the navigation and from the methodology page
    home = site_pages["index.html"]
    assert built(urls.LINEAGE) in {home.resolve(h)[0] for h in home.hrefs()}
    method = site_pages[built(urls.METHODOLOGY)]
    assert built(urls.LINEAGE) in {method.resolve(h)[0] for h in method.hrefs(method.article)}


def test_search_by_the_new_name_finds_inherited_tasks_and_old_names_still_work(
    built_site: BuiltSite
):
    site_dir, _project, snapshot = built_site
    head = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    records = (site_dir / RECORDS_PATH).read_text(encoding="utf-8").rstrip("\n")
    index = Index({**head, "docs": records})
    plan = "khanh-hoa-qd-4034-2017"

    def task_anchors(query: str) -> set[str]:
        # A province named with other words narrows to its plans (congkhai-search.js), so the
        # tasks of the Khánh Hòa plan the other words find are what the full name finds.
        return {index.url(n).partition("#")[2] for n in index.find(query)
                if index.records[n][0] == TASK.code
                and index.url(n).startswith(urls.url_of(urls.plan_page(plan)))}

    def task_docs(agency_id: str) -> set[str]:
        return {f.anchor for f in snapshot.led_by[agency_id] if f.plan.id == plan}

    new = task_anchors("Sở Tài chính")
    assert task_docs("khanh-hoa-so-ke-hoach-va-dau-tu") <= new
    old = task_anchors("Sở Kế hoạch và Đầu tư")
    assert task_docs("khanh-hoa-so-ke-hoach-va-dau-tu") <= old
    # the new name pulls in no task that neither it, nor a body it succeeds, nor the task's own
    # text is about
    facts = {f.anchor: f for f in snapshot.by_plan[plan]}
    for anchor in new & set(facts):
        fact = facts[anchor]
        leads = {r.agency for r in fact.task.leads}
        heirs = {h.id for a in leads for h in snapshot.lineage.heirs(a)}
        task = fact.task
        own_text = " ".join(filter(None, (task.title, task.output, task.assignment, task.how,
                                          *(u.note for u in task.updates),
                                          *(u.reason for u in task.updates))))
        assert ("khanh-hoa-so-tai-chinh" in leads | heirs
                or {"tai", "chinh"} <= tokens(own_text)), anchor
