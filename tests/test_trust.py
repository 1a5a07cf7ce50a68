"""Issue 18, end to end on the built site: every view tells the same story.

The central figures, "quá hạn" (reported unfinished past the due date) and "đã qua hạn, chưa có
báo cáo" (past the due date, nobody reported), are read from every place that shows them (home,
plan list, overdue list, agency and area indexes and pages, the downloads) and must agree with
each other and with the model. Expected values come from the loaded project, never from
constants.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections import Counter
from typing import TYPE_CHECKING

from generator.common import urls
from generator.facts.status import OVERDUE, Status

if TYPE_CHECKING:  # conftest is not importable at run time (tests/browser has one too)
    from conftest import BuiltSite, HtmlPage, Node

FIGURES = ("overdue", "past-due-unreported")


def page_file(src_path: str) -> str:
    return urls.url_of(src_path) + "index.html"


def counts_in(scope: Node, figure: str) -> list[int]:
    """Every number marked ``data-count=figure`` inside ``scope``."""
    return [int(n.text()) for n in scope.find_all(where=lambda n: n.get("data-count") == figure)]


def read_csv(built: BuiltSite, rel: str) -> list[dict[str, str]]:
    text = (built.site_dir / rel).read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def expected(built: BuiltSite) -> dict[str, int]:
    """The two figures over the site-wide (non-demo) tasks, from the model."""
    facts = [f for f in built.snapshot.facts if not f.plan.demo]
    return {
        "overdue": sum(1 for f in facts if f.status.code in OVERDUE),
        "past-due-unreported": sum(1 for f in facts if f.status.code is Status.NO_REPORT_LATE),
    }


def test_the_fixture_has_both_figures(built_site: BuiltSite) -> None:
    # Otherwise the agreement below would be between zeros.
    assert expected(built_site)["past-due-unreported"] > 0


def test_home_plan_list_and_overdue_list_agree(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    want = expected(built_site)
    home = site_pages[page_file(urls.HOME)].article
    plans = site_pages[page_file(urls.PLANS)].article
    overdue = site_pages[page_file(urls.OVERDUE)].article
    for figure in FIGURES:
        assert counts_in(home, figure)[0] == want[figure], figure
        real_rows = [n for n in plans.find_all("table")
                     if not any(a.has_class("ck-demo-block") for a in n.ancestors())]
        assert sum(sum(counts_in(t, figure)) for t in real_rows) == want[figure], figure
        assert counts_in(overdue, figure) == [want[figure]], figure
        # The home page's counts table says the same.
        rates = home.find(where=lambda n: n.has_class("ck-rates"))
        assert rates is not None and counts_in(rates, figure) == [want[figure]]


def test_plan_pages_agree_with_the_plan_list(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    plans = site_pages[page_file(urls.PLANS)].article
    checked = 0
    for plan in built_site.project.plans:
        if plan.demo:
            continue
        facts = built_site.snapshot.by_plan[plan.id]
        want = {"overdue": sum(1 for f in facts if f.status.code in OVERDUE),
                "past-due-unreported": sum(1 for f in facts
                                           if f.status.code is Status.NO_REPORT_LATE)}
        href = urls.relative(urls.PLANS, urls.plan_page(plan.id))
        row = next(n for n in plans.find_all("tr")
                   if any(a.get("href") == href for a in n.find_all("a")))
        page = site_pages[page_file(urls.plan_page(plan.id))].article
        rates = page.find(where=lambda n: n.has_class("ck-rates"))
        assert rates is not None, plan.id
        for figure in FIGURES:
            assert counts_in(row, figure) == [want[figure]], (plan.id, figure)
            assert counts_in(rates, figure) == [want[figure]], (plan.id, figure)
        # The plan's table of statuses says the same, and its rows add up to its tasks.
        table = page.find("table", lambda n: n.has_class("ck-counts"))
        assert table is not None, plan.id
        by_status = {n.get("data-status"): int(n.text()) for n in table.find_all(
            where=lambda n: "data-status" in n.attrs and n.tag == "td")}
        assert sum(by_status.values()) == len(facts), plan.id
        assert by_status.get(Status.NO_REPORT_LATE.value, 0) == want["past-due-unreported"]
        assert sum(by_status.get(c.value, 0) for c in OVERDUE) == want["overdue"], plan.id
        checked += 1
    assert checked == sum(1 for p in built_site.project.plans if not p.demo) > 0


def test_agency_index_rows_match_agency_pages(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    index = site_pages[page_file(urls.AGENCIES)]
    checked = 0
    for agency_id, agency in built_site.project.agencies.items():
        if agency.demo or not built_site.snapshot.led_by.get(agency_id):
            continue
        href = urls.relative(urls.AGENCIES, urls.agency_page(agency_id))
        table = index.article.find_all("table", lambda n: n.has_class("ck-agency-list"))
        row = next(n for t in table for n in t.find_all("tr")
                   if any(a.get("href") == href for a in n.find_all("a")))
        block = site_pages[page_file(urls.agency_page(agency_id))].article.find(
            where=lambda n: n.get("data-role") == "lead")
        assert block is not None
        led = built_site.snapshot.led_by[agency_id]
        for figure, test in (("overdue", lambda f: f.status.code in OVERDUE),
                             ("past-due-unreported",
                              lambda f: f.status.code is Status.NO_REPORT_LATE)):
            want = sum(1 for f in led if test(f))
            assert counts_in(row, figure) == [want], (agency_id, figure)
            assert counts_in(block, figure) == [want], (agency_id, figure)
        checked += 1
    assert checked > 5


def test_area_index_rows_match_area_pages(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    index = site_pages[page_file(urls.AREAS)]
    for area_id in built_site.project.areas:
        facts = [f for f in built_site.snapshot.by_area.get(area_id, []) if not f.plan.demo]
        if not facts:
            continue
        href = urls.relative(urls.AREAS, urls.area_page(area_id))
        table = index.article.find_all("table", lambda n: n.has_class("ck-area-list"))
        row = next(n for t in table for n in t.find_all("tr")
                   if any(a.get("href") == href for a in n.find_all("a")))
        page = site_pages[page_file(urls.area_page(area_id))].article
        block = page.find(where=lambda n: n.get("data-role") == "real")
        assert block is not None
        want = {"overdue": sum(1 for f in facts if f.status.code in OVERDUE),
                "past-due-unreported": sum(1 for f in facts
                                           if f.status.code is Status.NO_REPORT_LATE)}
        for figure in FIGURES:
            assert counts_in(row, figure) == [want[figure]], (area_id, figure)
            assert counts_in(block, figure) == [want[figure]], (area_id, figure)


def test_downloads_agree_with_the_pages(built_site: BuiltSite) -> None:
    want = expected(built_site)
    plans = [r for r in read_csv(built_site, "du-lieu/ke-hoach.csv") if r["demo"] == "false"]
    assert sum(int(r["overdue"]) for r in plans) == want["overdue"]
    assert sum(int(r["past_due_unreported"]) for r in plans) == want["past-due-unreported"]
    tasks = [r for r in read_csv(built_site, "du-lieu/nhiem-vu.csv") if r["demo"] == "false"]
    codes = Counter(r["status"] for r in tasks)
    assert sum(codes[c.value] for c in OVERDUE) == want["overdue"]
    assert codes[Status.NO_REPORT_LATE.value] == want["past-due-unreported"]
    # Nobody reported on these tasks, so no day is counted against them.
    assert all(r["days_overdue"] == "" for r in tasks
               if r["status"] == Status.NO_REPORT_LATE.value)
    corpus = json.loads((built_site.site_dir / "du-lieu/congkhai.json").read_bytes())
    real = [p for p in corpus["plans"] if not p["demo"]]
    assert sum(p["summary"]["overdue"] for p in real) == want["overdue"]
    assert sum(p["summary"]["past_due_unreported"] for p in real) == want["past-due-unreported"]


def test_unreported_tasks_are_never_called_overdue(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    code = Status.NO_REPORT_LATE.value
    seen = 0
    for page in site_pages.values():
        for badge in page.root.find_all(where=lambda n: n.get("data-status") == code
                                        and n.has_class("ck-st")):
            seen += 1
            assert "quá hạn" not in badge.text().lower()
            follower = badge.parent.find(where=lambda n: n.has_class("ck-late"))
            assert follower is None, page.rel  # no day counter beside it
    assert seen > 0


# --- demo data apart ----------------------------------------------------------------------------


def demo_markers(built: BuiltSite) -> set[str]:
    """What would betray a demo item: ids, titles, numbers and names of demo plans and agencies."""
    project = built.project
    markers = set()
    for plan in project.plans:
        if plan.demo:
            markers |= {plan.id, plan.title, f"{plan.id}.json"}
    for agency in project.agencies.values():
        if agency.demo:
            markers |= {f"co-quan/{agency.id}", f'"{agency.id}"', agency.name}
    for province in project.provinces.values():
        if province.demo:
            markers.add(province.name)
    return markers


def _list_parts(site, src: str) -> list:
    """A list page's other files: its continuation pages and the data files of its lists, all
    under its own address (``qua-han/trang-2/``, ``co-quan/x/chu-tri/trang-2/``,
    ``qua-han/danh-sach.json``), and the redirects left at the addresses they had before
    (``qua-han--trang-2/``). The plan list's continuation pages are under ``ke-hoach/danh-sach/``
    (plans' own pages, demo ones included, are under ``ke-hoach/`` too); the agency and area
    indexes are single pages."""
    stem = urls.url_of(src).rstrip("/")
    former = list(site.glob(f"{stem}--*/index.html")) if stem else []
    if src == urls.PLANS:
        return [*former, *site.glob(f"{stem}/danh-sach/**/index.html")]
    if src in (urls.HOME, urls.AGENCIES, urls.AREAS, urls.OPEN_DATA_PAGE):
        return former
    return [*former, *site.glob(f"{stem}/*/**/index.html"), *site.glob(f"{stem}/*.json")]


def site_wide_files(built: BuiltSite) -> dict[str, str]:
    """The text of every site-wide view: list and index pages (with their continuation pages
    and the row data their filters read), real agency and area pages, the search index (both
    files), feeds, calendars and downloads."""
    site = built.site_dir
    pages = [urls.HOME, urls.PLANS, urls.AGENCIES, urls.AREAS, urls.OVERDUE, urls.UPCOMING,
             urls.OPEN_DATA_PAGE]
    pages += [urls.area_page(a) for a in built.project.areas]
    pages += [urls.agency_page(a.id) for a in built.project.agencies.values() if not a.demo]
    found: dict[str, str] = {}
    for src in pages:
        for path in [site / page_file(src), *_list_parts(site, src)]:
            found[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8")
    # The items of the index and the records its results show; its terms include the words of
    # hand-written pages (the editors' guide names the demo plan as an example), which are not
    # data.
    index = json.loads((site / urls.SEARCH_INDEX).read_bytes())
    items = {k: index[k] for k in ("plans", "provinces", "agencies")}
    found[urls.SEARCH_INDEX] = json.dumps(items, ensure_ascii=False)
    found[urls.SEARCH_RECORDS] = (site / urls.SEARCH_RECORDS).read_text(encoding="utf-8")
    for path in (site / "du-lieu").glob("*.*"):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".xlsx":
            found[rel] = xlsx_text(path)
        elif path.suffix == ".zip":
            import zipfile
            with zipfile.ZipFile(path) as archive:
                found[rel] = "\n".join(archive.namelist())
        else:
            found[rel] = path.read_bytes().decode("utf-8-sig")
    return found


def xlsx_text(path) -> str:
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                     for v in row if v is not None)


def test_no_demo_item_reaches_a_site_wide_view(built_site: BuiltSite) -> None:
    markers = demo_markers(built_site)
    assert markers, "the repository's site keeps its demo plan (in its own section)"
    files = site_wide_files(built_site)
    assert {"du-lieu/congkhai.json", "du-lieu/cap-nhat.xml", "du-lieu/han.ics",
            "du-lieu/congkhai.xlsx", "index.html"} <= set(files)
    assert {urls.list_data(urls.OVERDUE, "chua-bao-cao"), urls.SEARCH_RECORDS} <= set(files)
    leaks = sorted((rel, m) for rel, text in files.items() for m in markers if m in text)
    assert not leaks, leaks
    # Nor does the search index mark anything as demo (a demonstration site's index does).
    records = files[urls.SEARCH_RECORDS].splitlines()
    assert records and not [r for r in records if r.split("\t", 1)[0].endswith("*")]
    assert not [p for p in json.loads(files[urls.SEARCH_INDEX])["plans"] if p[3]]


def test_demo_data_keeps_its_own_marked_section(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    section = site_pages[page_file(urls.DEMO_SECTION)]
    demo_plans = [p for p in built_site.project.plans if p.demo]
    for plan in demo_plans:
        href = urls.relative(urls.DEMO_SECTION, urls.plan_page(plan.id))
        link = section.article.find("a", lambda n, h=href: n.get("href") == h)
        assert link is not None, plan.id
        # The badge is on the item itself.
        tag = link.parent.find(where=lambda n: n.has_class("ck-demo-tag"))
        assert tag is not None, plan.id
        assert (built_site.site_dir / f"du-lieu/ke-hoach/{plan.id}.json").exists()
        assert (built_site.site_dir / f"du-lieu/ke-hoach/{plan.id}.xml").exists()
    # The home page and the plan list lead to the section; the demo figures are not theirs.
    home = site_pages[page_file(urls.HOME)]
    assert urls.relative(urls.HOME, urls.DEMO_SECTION) in home.hrefs(home.article)
    figures = home.article.find_all(where=lambda n: n.has_class("ck-figure-num"))
    real = [p for p in built_site.project.plans if not p.demo]
    assert int(figures[0].text()) == len(real)
    assert int(figures[1].text()) == sum(1 for f in built_site.snapshot.facts if not f.plan.demo)


def test_home_and_open_data_agree_on_the_totals(built_site: BuiltSite) -> None:
    corpus = json.loads((built_site.site_dir / "du-lieu/congkhai.json").read_bytes())
    real = [p for p in built_site.project.plans if not p.demo]
    assert len(corpus["plans"]) == len(real)
    assert all(not p["demo"] for p in corpus["plans"])
    assert all(not a["demo"] for a in corpus["agencies"])


def test_demo_modes(built_site: BuiltSite) -> None:
    import dataclasses

    from generator.facts.publication import publication_of
    from generator.facts.snapshot import Snapshot
    from generator.model.entities import Settings
    from generator.publish.tree import render_site

    project, as_of = built_site.project, built_site.snapshot.as_of

    def files(mode: str) -> dict[str, str | bytes]:
        changed = dataclasses.replace(project, settings=Settings(demo=mode))
        return render_site(Snapshot(changed, as_of), open_data=False)

    total = len(project.plans)
    real = sum(1 for p in project.plans if not p.demo)
    section, demo_site, hidden = files("rieng"), files("trinh-dien"), files("an")
    assert urls.DEMO_SECTION in section
    assert urls.DEMO_SECTION not in demo_site and urls.DEMO_SECTION not in hidden
    demo_plan = next(p for p in project.plans if p.demo)
    assert urls.plan_page(demo_plan.id) in section and urls.plan_page(demo_plan.id) in demo_site
    assert urls.plan_page(demo_plan.id) not in hidden

    def plan_count(tree: dict[str, str | bytes]) -> int:
        home = str(tree[urls.HOME])
        return int(home.split('class="ck-figure-num">', 1)[1].split("<", 1)[0])

    assert plan_count(section) == real and plan_count(hidden) == real
    assert plan_count(demo_site) == total
    changed = dataclasses.replace(project, settings=Settings(demo="trinh-dien"))
    assert publication_of(Snapshot(changed, as_of)).demo_site


# --- who publishes, how current -----------------------------------------------------------------


def test_every_page_names_the_publisher_and_the_dates(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    settings = built_site.project.settings
    assert settings.publisher is not None, "the repository's site names its publisher"
    as_of = f"{built_site.snapshot.as_of:%d/%m/%Y}"
    assert len(site_pages) > 50
    for rel, page in site_pages.items():
        footer = page.root.find(where=lambda n: n.has_class("ck-footer"))
        assert footer is not None, rel
        text = footer.text()
        assert settings.publisher.name in text, rel
        assert "Dữ liệu được cập nhật lần cuối ngày" in text, rel
        assert f"Trạng thái nhiệm vụ tính đến ngày {as_of}" in text, rel
        # (The 404 page, served at any depth, links from the site root.)
        targets = {page.resolve(h)[0].lstrip("/") for h in page.hrefs(footer)}
        assert page_file(urls.CONTACT) in targets, rel


def test_the_last_change_is_the_data_files_without_git(built_site: BuiltSite) -> None:
    # The test build is a copy without git history: the date is that of the newest data file,
    # never the build's (the build runs as of a fixed date, years after some files changed).
    from generator.publish.site_info import files_last_changed

    root = built_site.site_dir.parent / "repo"
    changed = files_last_changed(root)
    assert changed is not None
    page = (built_site.site_dir / "index.html").read_text(encoding="utf-8")
    assert f'<time datetime="{changed.isoformat()}">{changed:%d/%m/%Y}</time>' in page


def test_contact_page_names_the_publisher(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    publisher = built_site.project.settings.publisher
    assert publisher is not None
    page = site_pages[page_file(urls.CONTACT)].article
    assert publisher.name in page.text()
    if publisher.note:
        assert " ".join(publisher.note.split()) in page.text()
    # No province-less "Sở Nội vụ tỉnh" and no repository named without a link.
    assert "Sở Nội vụ tỉnh," not in page.text()


def test_contact_page_with_a_full_publisher(built_site: BuiltSite, parse_html) -> None:
    import dataclasses

    from generator.facts.snapshot import Snapshot
    from generator.model.entities import Publisher, Settings
    from generator.site.pages import Builder
    from generator.site.render import make_environment, render_page

    publisher = Publisher("Sở Nội vụ tỉnh Thử Nghiệm", "Phòng Cải cách hành chính",
                          "Số 1 đường Thử, tỉnh Thử Nghiệm", "cchc@example.org", "0258 123 456",
                          "https://example.org/snv", None)
    settings = Settings(publisher, "https://git.example.org/snv/congkhai/")
    project = dataclasses.replace(built_site.project, settings=settings)
    page = Builder(Snapshot(project, built_site.snapshot.as_of)).contact()
    html = parse_html(render_page(make_environment(), page), "lien-he.md")
    text = html.text()
    for value in (publisher.name, publisher.department, publisher.address, publisher.phone):
        assert value in text
    hrefs = html.hrefs()
    assert "mailto:cchc@example.org" in hrefs
    assert "tel:0258123456" in hrefs
    assert "https://git.example.org/snv/congkhai/issues" in hrefs


def test_plan_and_agency_pages_give_the_latest_report(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    snapshot = built_site.snapshot
    seen_dates = 0
    for plan in built_site.project.plans:
        facts = snapshot.by_plan.get(plan.id, [])
        latest = max((f.status.latest.date for f in facts if f.status.latest), default=None)
        node = site_pages[page_file(urls.plan_page(plan.id))].article.find(
            where=lambda n: n.has_class("ck-last-report"))
        assert node is not None, plan.id
        if latest is None:
            assert "Chưa có báo cáo" in node.text(), plan.id
        else:
            assert f"{latest:%d/%m/%Y}" in node.text(), plan.id
            seen_dates += 1
    for agency_id, agency in built_site.project.agencies.items():
        facts = snapshot.led_by.get(agency_id, []) + snapshot.supported_by.get(agency_id, [])
        latest = max((f.status.latest.date for f in facts if f.status.latest), default=None)
        node = site_pages[page_file(urls.agency_page(agency_id))].article.find(
            where=lambda n: n.has_class("ck-last-report"))
        assert node is not None, agency_id
        assert (f"{latest:%d/%m/%Y}" if latest else "Chưa có báo cáo") in node.text(), agency.id
    assert seen_dates  # the demo plan has reports


# --- the public history, from the data ----------------------------------------------------------


def test_built_history_says_what_changed_in_vietnamese(repo_copy, tmp_path, parse_html) -> None:
    import os
    import subprocess

    from generator.authoring.editing import append_update
    from generator.model.project import load_project
    from generator.publish.build import publish

    author, email = "Lê Văn Người Sửa", "nguoi.sua@example.com"
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": email,
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": email,
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main",
                        *args], cwd=repo_copy, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "Initial import of the plans (developer notes)")
    as_of = dt.date(2026, 11, 23)
    project, _ = load_project(repo_copy, as_of)
    plan = next(p for p in project.plans if p.demo)  # the large demo plan comes first
    append_update(repo_copy / plan.path, "II.3", dt.date(2026, 11, 20), "dang-thuc-hien", 30)
    git("commit", "-q", "-am", "Add II.3 update, see PR #12")
    project, problems = load_project(repo_copy, as_of)
    assert not problems
    site = tmp_path / "site"
    publish(repo_copy, project, as_of, site)
    page = parse_html((site / page_file(urls.plan_page(plan.id))).read_text("utf-8"), "")
    history = page.by_id("lich-su-thay-doi")
    items = page.root.find("ol", lambda n: n.has_class("ck-history-list"))
    assert history is not None and items is not None
    text = items.text()
    assert "Nhiệm vụ II.3: thêm báo cáo tiến độ ngày 20/11/2026 (Đang thực hiện, 30%)." in text
    assert "Đưa kế hoạch lên trang (văn bản số 01/KH-UBND)" in text
    for hidden in ("Initial import", "Add II.3 update", "PR #12", author, email):
        assert hidden not in page.raw
    # The footer's date of the last data change is the commit's.
    assert "Dữ liệu được cập nhật lần cuối ngày" in page.text()


# --- amended and replaced plans; plans whose period is over -------------------------------------


def test_replaced_plan_and_replacing_plan_say_so(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    from generator.facts.relations import links

    project, snapshot = built_site.project, built_site.snapshot
    found = [lk for lk in links(project) if lk.target is not None]
    assert found, "the demo data shows a plan replacing another (no real plan gets one)"
    assert all(lk.source.demo and lk.target.demo for lk in found)
    for link in found:
        target, source = link.target, link.source
        target_page = site_pages[page_file(urls.plan_page(target.id))]
        source_page = site_pages[page_file(urls.plan_page(source.id))]
        to_source = urls.relative(urls.plan_page(target.id), urls.plan_page(source.id))
        to_target = urls.relative(urls.plan_page(source.id), urls.plan_page(target.id))
        kind = link.relation.type
        notice = target_page.article.find(
            where=lambda n, kind=kind: n.get("data-relation") == kind)
        assert notice is not None and to_source in target_page.hrefs(notice)
        assert source.document.number in notice.text()
        notice = source_page.article.find(
            where=lambda n, kind=kind: n.get("data-relation") == kind)
        assert notice is not None and to_target in source_page.hrefs(notice)
        # Replaced tasks are counted apart: never overdue, never past due unreported.
        facts = snapshot.by_plan[target.id]
        replaced = [f for f in facts if f.status.code is Status.REPLACED]
        assert replaced
        assert all(f.status.code is not Status.REPLACED for f in facts
                   if f.task.updates and f.task.updates[-1].status == "hoan-thanh"
                   and f.task.updates[-1].date < link.since)
        counts = target_page.article.find(where=lambda n: n.get("data-count") == "replaced")
        assert counts is not None and int(counts.text()) == len(replaced)
        for fact in replaced:
            row = target_page.by_id(fact.anchor)
            assert row is not None
            badge = row.find(where=lambda n: n.get("data-status") == Status.REPLACED.value)
            assert badge is not None and badge.text() == "Đã được thay thế"
            assert to_source in target_page.hrefs(row)
        summary = snapshot.summary(facts)
        assert summary.fallen_due == sum(
            1 for f in facts if f.status.due and f.status.due < snapshot.as_of
            and f.status.code not in (Status.REPLACED, Status.CANCELLED))


def test_plans_whose_period_is_over_say_so_at_the_top(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    as_of = built_site.snapshot.as_of
    over = [p for p in built_site.project.plans if p.period and p.period[1] < as_of.year]
    current = [p for p in built_site.project.plans if p.period and p.period[1] >= as_of.year]
    assert over and current
    for plan in over:
        page = site_pages[page_file(urls.plan_page(plan.id))]
        notice = page.article.find(where=lambda n: n.has_class("ck-period-over"))
        assert notice is not None, plan.id
        assert f"Kế hoạch đã hết thời hạn thực hiện ({plan.period[1]})" in notice.text()
        h2 = page.article.find("h2")  # the notice comes before the first section
        assert h2 is not None
        assert page.raw.index('class="ck-notice ck-period-over"') < page.raw.index(
            f'id="{h2.get("id")}"'), plan.id
    for plan in current:
        page = site_pages[page_file(urls.plan_page(plan.id))]
        assert page.article.find(where=lambda n: n.has_class("ck-period-over")) is None


# --- documents people can read ------------------------------------------------------------------


def test_copies_keep_every_word_in_readable_paragraphs() -> None:
    from pathlib import Path

    from generator.site.sourcetext import paragraphs

    seeds = sorted((Path(__file__).parent.parent / "content/nguon").glob("*.txt"))
    assert seeds
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        found = paragraphs(text)
        # Only line breaks and "|" separators change; nothing is added, dropped or reordered.
        assert " ".join(found).split() == text.replace("|", " ").split(), seed.name
        assert len(found) < len(text.splitlines()) or "\n\n" in text, seed.name
    assert paragraphs("Căn cứ Luật\nngày 19/6/2015;\nCăn cứ Nghị quyết\n|\na) Một\nb) Hai") == [
        "Căn cứ Luật ngày 19/6/2015;", "Căn cứ Nghị quyết", "a) Một", "b) Hai"]


def test_each_copy_has_a_readable_page_and_a_utf8_file(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    plans = [p for p in built_site.project.plans if p.document.source_seed]
    assert plans
    for plan in plans:
        doc = plan.document
        page = site_pages[page_file(urls.source_page(plan.id))]
        h1 = page.article.find("h1")
        assert h1 is not None and doc.number in h1.text()
        raw = (built_site.site_dir / urls.source_text_path(plan.id)).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # read as UTF-8 whatever the server says
        seed = (built_site.site_dir.parent / "repo/content/nguon" / doc.source_seed)
        assert raw[3:].decode("utf-8") == seed.read_text(encoding="utf-8").replace("\r\n", "\n")
        # The plan page links the page and the file, never the seed's own name.
        plan_page = site_pages[page_file(urls.plan_page(plan.id))]
        targets = {plan_page.resolve(h)[0] for h in plan_page.hrefs(plan_page.article)}
        assert page_file(urls.source_page(plan.id)) in targets
        assert urls.source_text_path(plan.id) in targets
        assert doc.source_seed not in plan_page.raw
        if doc.source_url:
            assert doc.source_url in page.hrefs(page.article)
    assert not list(built_site.site_dir.glob("nguon/*_*.txt"))


# --- each plan's spreadsheet and CSV, for people -----------------------------------------------


def test_each_plan_has_its_spreadsheet_and_csv_in_vietnamese(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    import openpyxl
    from frictionless import Resource

    from generator.downloads.plan_files import people_columns
    from generator.downloads.tables import TASKS_TABLE
    from generator.facts.status import LABELS

    codes = {s.value for s in Status}
    labels = set(LABELS.values())
    headers = [c.header for c in people_columns(TASKS_TABLE)]
    lost_seen = 0
    for plan in built_site.project.plans:
        facts = built_site.snapshot.by_plan[plan.id]
        page = site_pages[page_file(urls.plan_page(plan.id))]
        targets = {page.resolve(h)[0] for h in page.hrefs(page.article)}
        assert {urls.plan_xlsx_path(plan.id), urls.plan_csv_path(plan.id)} <= targets, plan.id
        csv_path = built_site.site_dir / urls.plan_csv_path(plan.id)
        data = csv_path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert list(rows[0]) == headers
        assert [r["Mã nhiệm vụ"] for r in rows] == [f.task.id for f in facts]
        assert {r["Trạng thái"] for r in rows} <= labels
        assert not any(v in codes | {"true", "false"} for r in rows for v in r.values())
        # What our copy lost is said in words, not as the format's field names.
        assert "Mã trường bản sao không có" not in headers
        for row, fact in zip(rows, facts, strict=True):
            if fact.task.lost_in_copy:
                lost = row["Không có trong bản sao"]
                assert lost and not set(lost.split("; ")) & set(fact.task.lost_in_copy), row
                lost_seen += 1
        report = Resource(path=csv_path.name, basepath=str(csv_path.parent)).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])
        book = openpyxl.load_workbook(built_site.site_dir / urls.plan_xlsx_path(plan.id))
        assert book.sheetnames == ["Thông tin", "Nhiệm vụ", "Mục tiêu - Chỉ tiêu", "Cập nhật",
                                   "Giải thích cột"]
        sheet = book["Nhiệm vụ"]
        assert [c.value for c in sheet[1]] == headers
        assert sheet.max_row == len(facts) + 1
        dictionary = {(r[1], r[2]) for r in book["Giải thích cột"].iter_rows(
            min_row=2, values_only=True)}
        assert ("Trạng thái", "status_label") in dictionary
        assert ("Mã nhiệm vụ", "task_id") in dictionary
        updates = book["Cập nhật"]
        reported = sum(len(f.task.updates) for f in facts)
        assert updates.max_row == reported + 1
    assert lost_seen  # the real plans record what their copies lost


def test_libreoffice_shows_the_spreadsheet_in_vietnamese(built_site: BuiltSite, tmp_path) -> None:
    import shutil
    import subprocess

    import pytest

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    plan = next(p for p in built_site.project.plans if not p.demo)
    src = built_site.site_dir / urls.plan_xlsx_path(plan.id)
    # Sheet 2 ("Nhiệm vụ") as CSV, the way LibreOffice Calc reads the workbook.
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True,
                   timeout=180)
    out = next(tmp_path.glob("*.csv"))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0][:5] == ["Mã nhiệm vụ", "Thuộc nhiệm vụ", "Mục", "Lĩnh vực", "Nhiệm vụ"]
    assert len(rows) == len(built_site.snapshot.by_plan[plan.id]) + 1
    first = built_site.snapshot.by_plan[plan.id][0]
    assert rows[1][4] == " ".join(first.task.title.split()) or rows[1][4] == first.task.title


# --- Vietnamese words for people ----------------------------------------------------------------

# Pages for people who work with the data or the files, where key names and codes are the point.
DEVELOPER_PAGES = ("du-lieu-mo/", "huong-dan-bien-tap/")


def forbidden_tokens() -> set[str]:
    """English developer terms that must never reach a citizen's page as text: status and
    other codes, the format's key names, placeholders, and the theme's English defaults."""
    from generator.sources import schema, vocabulary

    codes = {s.value for s in Status} | set(schema.UPDATE_STATUSES) | set(schema.LEVELS)
    codes |= set(schema.DOCUMENT_TYPES) | set(schema.DEADLINE_KINDS) | set(schema.DEMO_MODES)
    codes |= set(schema.RELATION_TYPES)
    codes |= set(vocabulary.LINEAGE_KINDS) | set(vocabulary.CONFIDENCES)
    codes |= set(vocabulary.LINEAGE_STATUSES)
    keys = {f.name for record in (schema.PLAN, schema.TASK, schema.UPDATE, schema.SECTION,
                                  schema.DUTY, schema.OBJECTIVE, schema.TARGET,
                                  schema.SETTINGS_FILE)
            for f in record.fields}
    keys |= {"legal_bases", "signer.name", "source_seed", "plan_id", "task_id", "days_overdue",
             "lost_in_copy", "lineage", "lineage_status", "successors", "predecessors",
             "functions", "confidence", "derived"}
    # A code without a hyphen ("huy", "tinh") is also a Vietnamese syllable written without
    # its tones; the English ones (deadline kinds) are checked.
    return ({c for c in codes if "-" in c} | set(schema.DEADLINE_KINDS) | keys | {
        "null", "None", "true", "false", "NaN", "undefined", "Traceback", "Not found",
        "Made with", "Material for MkDocs", "commit", "YAML", "example.invalid",
    }) - {"id", "text", "date", "number", "type", "note", "title", "items", "khac"}


def own_words(node: Node) -> str:
    """The page's text without verbatim quotations of outside sources (``<q>``: a news item
    quoted in its own language is the source's words, not ours)."""
    parts: list[str] = []

    def walk(n: Node) -> None:
        if n.tag in ("script", "style", "q"):
            return
        for child in n.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                walk(child)

    walk(node)
    return " ".join("".join(parts).split())


def test_no_english_developer_term_on_a_citizen_page(site_pages: dict[str, HtmlPage]) -> None:
    import re

    tokens = forbidden_tokens()
    pattern = re.compile(r"(?<![\w./-])(" + "|".join(
        re.escape(t) for t in sorted(tokens, key=len, reverse=True)) + r")(?![\w/-])")
    # The check itself: it catches a code or a key, and leaves Vietnamese alone.
    assert pattern.search("Trạng thái: qua-han-chua-co-bao-cao")
    assert pattern.search("không ghi vào legal_bases.") and pattern.search("404 - Not found")
    assert pattern.search("ghi trong lost_in_copy.")
    assert not pattern.search("hệ thống chính trị tinh gọn, huy động nguồn lực")
    found: dict[str, set[str]] = {}
    checked = 0
    for rel, page in site_pages.items():
        if rel.startswith(DEVELOPER_PAGES):
            continue
        checked += 1
        text = own_words(page.root)
        title = page.root.find("title")
        for match in pattern.finditer(text + " " + (title.text() if title else "")):
            found.setdefault(rel, set()).add(match.group(1))
    assert checked > 50
    assert not found, found


def test_plan_notes_read_in_vietnamese_words() -> None:
    from generator.sources.fieldnames import plain_words

    assert plain_words("các trường lead, output, deadline để null và support để [].") == (
        "các trường cơ quan chủ trì, sản phẩm, tiến độ để trống và cơ quan phối hợp để trống.")
    assert plain_words("nên signer.name để null.") == "nên họ tên người ký để trống."
    assert plain_words("để trống và ghi trong lost_in_copy; không có trong bản sao "
                       "(lost_in_copy).") == ("để trống và ghi trong danh sách những gì bản sao "
                                             "không có; không có trong bản sao.")
    assert plain_words("Id của các khối duties") == (
        "Số hiệu của các khối “Trách nhiệm của các cơ quan”")
    # Words that only contain a key are left alone.
    assert plain_words("leadership, outputs, nullable") == "leadership, outputs, nullable"


def test_vietnamese_404_page(site_pages: dict[str, HtmlPage]) -> None:
    page = site_pages["404.html"]
    assert "Không tìm thấy trang" in page.text(page.article)
    assert "Not found" not in page.raw
    assert page.root.find("title") is not None
    assert "Không tìm thấy trang" in page.root.find("title").text()


# --- the site's public address -----------------------------------------------------------------


def test_configured_site_url(repo_copy, monkeypatch) -> None:
    from generator.publish.build import configured_site_url

    monkeypatch.delenv("CONGKHAI_SITE_URL", raising=False)
    assert configured_site_url(repo_copy) is None
    monkeypatch.setenv("CONGKHAI_SITE_URL", "https://cchc.example.org/")
    assert configured_site_url(repo_copy) == "https://cchc.example.org/"
    monkeypatch.delenv("CONGKHAI_SITE_URL")
    config = repo_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsite_url: https://x.example.org/\n",
                      encoding="utf-8")
    assert configured_site_url(repo_copy) == "https://x.example.org/"


def test_build_warns_when_the_site_url_is_not_set(repo_copy, tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from generator.cli.commands import main

    monkeypatch.delenv("CONGKHAI_SITE_URL", raising=False)
    result = CliRunner().invoke(main, ["build", "--root", str(repo_copy), "--as-of",
                                       "2026-11-23", "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "Cảnh báo: chưa đặt CONGKHAI_SITE_URL" in result.output
    assert "example.invalid" in result.output


def test_every_feed_names_the_stylesheet_and_stays_a_valid_feed(built_site: BuiltSite) -> None:
    import posixpath
    import re
    import xml.etree.ElementTree as ET

    import feedparser

    from generator.downloads.feed_style import STYLESHEET_PATH

    site = built_site.site_dir
    sheet = ET.fromstring((site / STYLESHEET_PATH).read_bytes())
    assert sheet.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    feeds = sorted(site.glob("du-lieu/**/*.xml"))
    assert len(feeds) > 10
    for path in feeds:
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        head = data.split(b"<feed", 1)[0].decode("utf-8")
        match = re.fullmatch(r"<\?xml version='1.0' encoding='utf-8'\?>\n"
                             r'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>\n', head)
        assert match, rel
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), match.group(1)))
        assert target == STYLESHEET_PATH, rel
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (rel, parsed.get("bozo_exception"))
        assert ET.fromstring(data).tag == "{http://www.w3.org/2005/Atom}feed"


def test_a_demonstration_site_says_so_on_every_page(repo_copy, tmp_path, monkeypatch,
                                                    parse_html) -> None:
    from generator.model.project import load_project
    from generator.publish.build import publish

    monkeypatch.setenv("CONGKHAI_DEMO", "trinh-dien")
    as_of = dt.date(2026, 11, 23)
    project, problems = load_project(repo_copy, as_of)
    assert not problems and project.settings.demo == "trinh-dien"
    site = tmp_path / "site"
    publish(repo_copy, project, as_of, site)
    for rel in ("index.html", "ke-hoach/index.html", "lien-he/index.html",
                "gioi-thieu/index.html"):
        page = parse_html((site / rel).read_text(encoding="utf-8"), rel)
        banner = page.root.find(where=lambda n: n.has_class("ck-demo-banner"))
        assert banner is not None and "trang trình diễn" in banner.text(), rel
    # Demo data counts here: the home page counts every plan.
    home = parse_html((site / "index.html").read_text(encoding="utf-8"), "index.html")
    figure = home.root.find(where=lambda n: n.has_class("ck-figure-num"))
    assert figure is not None and int(figure.text()) == len(project.plans)
    assert not (site / "du-lieu-minh-hoa").exists()


def test_calendars_cancel_the_deadlines_of_replaced_tasks(built_site: BuiltSite) -> None:
    import icalendar

    from generator.downloads.feeds import CALENDAR_PAST_DAYS, FeedConfig, ical_feed

    snapshot = built_site.snapshot
    replaced = [f for f in snapshot.facts
                if f.status.code is Status.REPLACED and f.task.deadline.due]
    assert replaced

    def events_of(data: bytes, fact) -> list:
        return [e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
                if str(e["UID"]).startswith(f"{fact.plan.id}.{fact.anchor}@")]

    # Published calendars carry the deadlines of the last CALENDAR_PAST_DAYS days on; the rule
    # is checked on every replaced task with the window lifted, and in the site where it falls.
    window = snapshot.as_of - dt.timedelta(days=CALENDAR_PAST_DAYS)
    config = FeedConfig.make(None, None)
    for fact in replaced:
        events = events_of(ical_feed(snapshot, [fact], config, "lịch", past_days=None), fact)
        assert len(events) == 1 and str(events[0]["STATUS"]) == "CANCELLED", fact.key
        if fact.task.deadline.due < window:
            continue
        for ref in fact.task.leads:
            data = (built_site.site_dir / urls.agency_ics_path(ref.agency)).read_bytes()
            events = events_of(data, fact)
            assert len(events) == 1 and str(events[0]["STATUS"]) == "CANCELLED", fact.key


def test_each_agency_page_explains_subscribing_to_its_feed_and_calendar(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
) -> None:
    checked, calendars = 0, 0
    for agency in built_site.project.agencies.values():
        if agency.demo:
            continue
        page = site_pages[page_file(urls.agency_page(agency.id))]
        block = page.article.find(where=lambda n: n.has_class("ck-subscribe"))
        assert block is not None, agency.id
        targets = {page.resolve(h)[0] for h in page.hrefs(block)}
        ics = urls.agency_ics_path(agency.id)
        # An agency without any task with a fixed due date has no calendar (RFC 5545 wants at
        # least one event), so none is offered.
        dated = built_site.snapshot.has_calendar(agency.id)
        calendars += dated
        for path in (urls.agency_atom_path(agency.id), *([ics] if dated else [])):
            assert path in targets, (agency.id, path)
            assert (built_site.site_dir / path).is_file(), path
        if not dated:
            assert ics not in targets and not (built_site.site_dir / ics).exists(), agency.id
        # How to, in words: copy the link's address into a feed reader or a calendar.
        assert "Sao chép địa chỉ liên kết" in block.text(), agency.id
        checked += 1
    assert checked > 5 and 0 < calendars < checked


def test_the_preview_explains_itself_and_links_to_itself(repo_copy, monkeypatch) -> None:
    import logging

    import mkdocs.commands.serve
    from click.testing import CliRunner

    from generator.cli.commands import main

    # The variables serve sets for its MkDocs run are put back after the test.
    for name in ("CONGKHAI_SITE_URL", "CONGKHAI_AS_OF", "NO_MKDOCS_2_WARNING"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    seen: dict[str, str | None] = {}

    def fake_serve(**kwargs) -> None:
        # What MkDocs logs when asked for a partial ("dirty") rebuild, and a warning that counts.
        log = logging.getLogger("mkdocs.commands.build")
        log.warning("A 'dirty' build is being performed, this will likely lead to inaccurate "
                    "navigation and other links within your site.")
        log.warning("Một cảnh báo khác")
        seen["site_url"] = os.environ.get("CONGKHAI_SITE_URL")
        seen["build_type"] = kwargs.get("build_type")

    records: list[logging.LogRecord] = []
    catcher = logging.Handler()
    catcher.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("mkdocs").addHandler(catcher)
    monkeypatch.setattr(mkdocs.commands.serve, "serve", fake_serve)
    try:
        result = CliRunner().invoke(main, ["serve", "--root", str(repo_copy), "--as-of",
                                           "2026-11-23", "--dev-addr", "127.0.0.1:8123"])
    finally:
        logging.getLogger("mkdocs").removeHandler(catcher)
    assert result.exit_code == 0, result.output
    assert "Xem trước tại http://127.0.0.1:8123/" in result.output
    assert "congkhai build" in result.output  # what to run for the complete site
    assert seen == {"site_url": "http://127.0.0.1:8123/", "build_type": "dirty"}
    messages = [r.getMessage() for r in records]
    assert "Một cảnh báo khác" in messages
    assert not any("dirty" in m for m in messages)


def test_a_linked_settings_file_is_refused_unread(repo_copy, tmp_path) -> None:
    # As every file the build reads (issue 11): a link could publish a file from outside the
    # project as the publisher's name on every page.
    from generator.model.project import load_project

    outside = tmp_path / "outside.yml"
    outside.write_text("publisher:\n  name: Bí mật ngoài dự án\n", encoding="utf-8")
    settings = repo_copy / "congkhai.yml"
    settings.unlink(missing_ok=True)
    settings.symlink_to(outside)
    project, problems = load_project(repo_copy, dt.date(2026, 11, 23))
    found = [p for p in problems.sorted() if p.file == "congkhai.yml"]
    assert [p.code for p in found] == ["symlink"], problems.sorted()
    assert project.settings.publisher is None or (
        project.settings.publisher.name != "Bí mật ngoài dự án")
