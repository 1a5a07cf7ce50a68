"""Acceptance tests on the built site: what each page shows, checked against the model.

Every expected value is computed from the loaded project and its snapshot (``built_site``); the
HTML is read with the standard library (see ``conftest.py``). Pages are located through
``generator.common.urls`` and tasks through ``generator.model.entities.task_anchor``, never by
hard-coded paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from generator.common import urls
from generator.facts.snapshot import TaskFact
from generator.facts.stats import Summary
from generator.model.entities import Plan, Project, Task, task_anchor
from generator.site.views import DEMO_LABEL, NOT_IN_COPY, NOT_STATED, duty_anchor
from generator.sources.textnorm import toc_slugify

if TYPE_CHECKING:  # conftest is not importable at run time (tests/browser has one too)
    from collections.abc import Callable

    from conftest import BuiltSite, HtmlPage, Node

REPO = Path(__file__).resolve().parent.parent
MAX_PAGE_BYTES = 400 * 1000  # "no page over 400 KB", read strictly (decimal kilobytes)
DERIVED_WORD = "suy ra"

# --- helpers ----------------------------------------------------------------------------------


def page_url(src_path: str) -> str:
    """Built file of a page's source path: ke-hoach/x.md -> ke-hoach/x/index.html."""
    return urls.url_of(src_path) + "index.html"


def walk_tasks(tasks: Iterable[Task]) -> Iterator[Task]:
    """Tasks and their subtasks, in document order."""
    for task in tasks:
        yield task
        yield from walk_tasks(task.subtasks)


def plan_file(plan_id: str) -> str:
    return page_url(urls.plan_page(plan_id))


def agency_file(agency_id: str) -> str:
    return page_url(urls.agency_page(agency_id))


def area_file(area_id: str) -> str:
    return page_url(urls.area_page(area_id))


def fact_target(fact: TaskFact) -> tuple[str, str]:
    """Where a link to a task must lead: (plan page file, task anchor)."""
    return plan_file(fact.plan.id), task_anchor(fact.task.id)


def block(page: HtmlPage, role: str) -> Node | None:
    """The element with ``data-role=role`` (at most one per page)."""
    found = page.root.by_attr("data-role", role)
    assert len(found) <= 1, f"{page.rel}: {len(found)} blocks with data-role={role}"
    return found[0] if found else None


def task_links(page: HtmlPage, scope: Node, plan_files: set[str]) -> set[tuple[str, str]]:
    """Links in ``scope`` that lead to an anchor on a plan page, resolved."""
    out = set()
    for href in page.hrefs(scope):
        target, fragment = page.resolve(href)
        if target in plan_files and fragment:
            out.add((target, fragment))
    return out


def model_pages(project: Project) -> set[str]:
    """Built files of the plan, agency and area pages."""
    return ({plan_file(p.id) for p in project.plans}
            | {agency_file(a) for a in project.agencies}
            | {area_file(a) for a in project.areas})


def listed_tasks(site_pages: dict[str, HtmlPage], project: Project, page: HtmlPage,
                 scope: Node) -> set[tuple[str, str]]:
    """Task links of a block, with those on its continuation pages (long lists are paged).

    A continuation page is any page the block links to that is not a plan, agency or area page
    (the pager); its whole main content is read.
    """
    plan_files = {plan_file(p.id) for p in project.plans}
    known = model_pages(project)
    found = task_links(page, scope, plan_files)
    for href in page.hrefs(scope):
        target, _ = page.resolve(href)
        if target != page.rel and target not in known and target in site_pages:
            more = site_pages[target]
            found |= task_links(more, more.article, plan_files)
    return found


def counts_in(scope: Node) -> tuple[dict[str, int], int]:
    """The counts table inside ``scope``: {status code: count} and its total."""
    tables = scope.find_all("table", lambda n: "data-total" in n.attrs)
    assert len(tables) == 1, "expected exactly one counts table in the block"
    cells = tables[0].find_all(where=lambda n: "data-status" in n.attrs and "data-count" in n.attrs)
    counts: dict[str, int] = {}
    for cell in cells:
        code = cell.get("data-status")
        assert code not in counts, f"status {code} twice in one counts table"
        counts[code] = int(cell.get("data-count"))
        assert cell.text() == cell.get("data-count"), "shown count differs from data-count"
    return counts, int(tables[0].get("data-total"))


def expected_counts(summary: Summary) -> tuple[dict[str, int], int]:
    return {code.value: n for code, n in summary.by_status.items() if n}, summary.total


def before_h1_text(page: HtmlPage) -> str:
    """Text of the main content that comes before the page's <h1> (where a banner belongs)."""
    parts: list[str] = []

    def walk(node: Node) -> bool:
        for child in node.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "h1" or (child.tag not in ("script", "style") and walk(child)):
                return True
        return False

    assert walk(page.article), f"{page.rel}: no <h1> in the main content"
    return " ".join("".join(parts).split())


def shows_demo_banner(page: HtmlPage) -> bool:
    return DEMO_LABEL in before_h1_text(page)


def cell(row: Node, label: str) -> Node:
    found = row.find_all("td", lambda n: n.get("data-label") == label)
    assert len(found) == 1, f"row {row.get('id')}: {len(found)} cells labelled {label!r}"
    return found[0]


def collapse(text: str) -> str:
    return " ".join(text.split())


def demo_facts(facts: Iterable[TaskFact]) -> list[TaskFact]:
    return [f for f in facts if f.plan.demo]


# --- tasks on plan, agency and area pages -------------------------------------------------------


def test_every_task_is_on_its_plan_page(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    _, project, _ = built_site
    assert project.plans
    for plan in project.plans:
        page = site_pages[plan_file(plan.id)]
        tasks = list(walk_tasks(plan.tasks))
        anchors = [task_anchor(t.id) for t in tasks]
        assert len(set(anchors)) == len(anchors), f"{plan.id}: two tasks share an anchor"
        for task in tasks:
            element = page.by_id(task_anchor(task.id))
            assert element is not None, f"{plan.id}: task {task.id} has no #{task_anchor(task.id)}"
            assert collapse(task.title) in element.text(), f"{plan.id} {task.id}: title missing"


def test_every_task_is_in_the_lead_block_of_each_lead_agency(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, project, snapshot = built_site
    for fact in snapshot.facts:
        assert all(r.agency in project.agencies for r in fact.task.leads), fact.key
    for agency in project.agencies.values():
        page = site_pages[agency_file(agency.id)]
        led = snapshot.led_by.get(agency.id, [])
        lead = block(page, "lead")
        if not led:
            assert lead is None, f"{agency.id} leads no task but has a lead block"
            continue
        assert lead is not None, f"{agency.id} leads {len(led)} tasks but has no lead block"
        expected = {fact_target(f) for f in led}
        assert listed_tasks(site_pages, project, page, lead) == expected, agency.id


def test_every_subtask_is_in_the_lead_block_of_each_lead_agency(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, project, _ = built_site
    subtasks = [(plan, sub) for plan in project.plans for task in plan.tasks
                for sub in walk_tasks(task.subtasks)]
    assert subtasks, "the shipped plans have subtasks"
    missing = []
    for plan, sub in subtasks:
        for agency_id in dict.fromkeys(r.agency for r in sub.leads):
            page = site_pages[agency_file(agency_id)]
            lead = block(page, "lead")
            links = listed_tasks(site_pages, project, page, lead) if lead is not None else set()
            if (plan_file(plan.id), task_anchor(sub.id)) not in links:
                missing.append(f"{plan.id} {sub.id} on {agency_id}")
    assert not missing


def test_every_task_is_on_its_area_page(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    _, project, snapshot = built_site
    for area in project.areas.values():
        page = site_pages[area_file(area.id)]
        facts = snapshot.by_area.get(area.id, [])
        # Area pages are site-wide views: demo tasks are on no area page (issue 18).
        assert block(page, "demo") is None, area.id
        subset = [f for f in facts if not f.plan.demo]
        scope = block(page, "real")
        if not subset:
            assert scope is None, f"{area.id}: empty block"
            continue
        assert scope is not None, f"{area.id}: {len(subset)} tasks but no block"
        expected = {fact_target(f) for f in subset}
        assert listed_tasks(site_pages, project, page, scope) == expected, area.id


def test_tasks_without_area_are_on_no_area_page(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, project, snapshot = built_site
    unassigned = snapshot.by_area.get(None, [])
    assert unassigned, "the shipped plans have tasks that their document puts in no area"
    targets = {fact_target(f) for f in unassigned}
    for area in project.areas.values():
        page = site_pages[area_file(area.id)]
        shown = task_links(page, page.article, {plan_file(p.id) for p in project.plans})
        for role in ("real", "demo"):
            scope = block(page, role)
            if scope is not None:
                shown |= listed_tasks(site_pages, project, page, scope)
        assert not shown & targets, f"{area.id} lists tasks that have no area"
    # The index states how many (real) tasks belong to no area, as the real counts do.
    n_real = sum(1 for f in unassigned if not f.plan.demo)
    index = site_pages[page_url(urls.AREAS)]
    assert re.search(rf"(?<!\d){n_real} nhiệm vụ\b", index.text(index.article)), (
        f"the areas index does not mention the {n_real} tasks without an area"
    )


# --- counts by status ---------------------------------------------------------------------------


def test_agency_counts_match_the_model(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    _, project, snapshot = built_site
    checked = 0
    for agency in project.agencies.values():
        page = site_pages[agency_file(agency.id)]
        for role, facts in (("lead", snapshot.led_by.get(agency.id, [])),
                            ("support", snapshot.supported_by.get(agency.id, []))):
            scope = block(page, role)
            if not facts:
                assert scope is None, f"{agency.id}: {role} block without tasks"
                continue
            assert scope is not None, f"{agency.id}: no {role} block"
            assert counts_in(scope) == expected_counts(snapshot.summary(facts)), (agency.id, role)
            checked += 1
    assert checked


def test_area_counts_match_the_model(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    _, project, snapshot = built_site
    checked = 0
    for area in project.areas.values():
        page = site_pages[area_file(area.id)]
        subset = [f for f in snapshot.by_area.get(area.id, []) if not f.plan.demo]
        scope = block(page, "real")
        if subset:
            assert scope is not None, f"{area.id}: no block"
            assert counts_in(scope) == expected_counts(snapshot.summary(subset)), area.id
            checked += 1
    assert checked


def test_plan_and_home_counts_match_the_model(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    _, project, snapshot = built_site
    for plan in project.plans:
        page = site_pages[plan_file(plan.id)]
        expected = expected_counts(snapshot.summary(snapshot.by_plan.get(plan.id, [])))
        assert counts_in(page.article) == expected, plan.id
    # The home page counts real plans only: demo data is never added to real figures.
    home = site_pages[page_url(urls.HOME)]
    real = [f for f in snapshot.facts if not f.plan.demo]
    assert counts_in(home.article) == expected_counts(snapshot.summary(real))


# --- links ----------------------------------------------------------------------------------------

SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
URL_ATTRS = {"href", "src", "action", "poster", "data"}


def is_external(url: str) -> bool:
    return bool(SCHEME.match(url)) or url.startswith("//")


def page_urls(page: HtmlPage) -> Iterator[tuple[Node, str, str]]:
    """(element, attribute, url) for every URL-valued attribute, srcset entries included."""
    for node in page.root.iter():
        for name, value in node.attrs.items():
            if value is None:
                continue
            if name in URL_ATTRS:
                yield node, name, value.strip()
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        yield node, name, candidate.split()[0]


def test_internal_links_resolve(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    site_dir = built_site.site_dir
    broken: list[str] = []
    checked = 0
    for page in site_pages.values():
        for node, attr, url in page_urls(page):
            if is_external(url) or (node.tag == "meta"):
                continue
            if url.startswith("/"):
                # MkDocs writes 404.html with root-based URLs (it is served at any missing path,
                # so relative ones would not work); every other page must be relative so that
                # the site works under any base path (generator/urls.py).
                if page.rel != "404.html":
                    broken.append(f"{page.rel}: <{node.tag} {attr}={url!r}> is root-absolute")
                    continue
                target, fragment = page.resolve(url.lstrip("/") or "./")  # 404.html is at /
            else:
                target, fragment = page.resolve(url)
            checked += 1
            if not target or not (site_dir / unquote(target)).is_file():
                broken.append(f"{page.rel}: <{node.tag} {attr}={url!r}> -> missing {target!r}")
                continue
            if fragment and target.endswith(".html"):
                ids = site_pages[unquote(target)].ids
                if unquote(fragment) not in ids:
                    broken.append(f"{page.rel}: {url!r} -> no id {fragment!r} in {target}")
    assert checked > 1000
    assert not broken, "\n".join(broken[:50])


# --- third-party hosts ------------------------------------------------------------------------

CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.S)
CSS_IMPORT = re.compile(r"""@import\s+(['"])(.*?)\1""")


def css_urls(css: str) -> list[str]:
    return [m.group(2) for m in CSS_URL.finditer(css)] + [
        m.group(2) for m in CSS_IMPORT.finditer(css)]


def loads_from_host(url: str) -> bool:
    """A URL a browser would fetch from some host (not data:, not relative)."""
    return url.lower().startswith(("http:", "https:", "//"))


def test_no_resource_from_another_host(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    """No page makes a reader's browser contact another host.

    Checked: every HTML attribute that loads something (src, srcset, <link href>, <script src>,
    poster, <object data>, <form action>), inline style attributes and <style> blocks, and url()
    / @import in every built CSS file. The built JavaScript is not scanned for URL strings:
    Material's bundle contains URLs it only requests when a feature is configured (repository
    facts, Google Fonts, the CDN of its optional extensions), none of which mkdocs.yml enables
    (``font: false``, no repo_url, no search plugin); what it does load is named by the HTML
    checked here. The site's own search script is checked for absolute URLs instead.
    """
    site_dir = built_site.site_dir
    found: list[str] = []
    for page in site_pages.values():
        for node, attr, url in page_urls(page):
            if node.tag == "a" or (node.tag == "meta"):
                continue  # links a reader follows are checked below; meta holds no fetches
            if node.tag == "link" and set(node.get("rel").split()) <= {"canonical", "alternate"}:
                continue
            if loads_from_host(url):
                found.append(f"{page.rel}: <{node.tag} {attr}={url}>")
        for node in page.root.iter():
            styles = [node.get("style")] + (
                [c for c in node.children if isinstance(c, str)] if node.tag == "style" else [])
            found += [f"{page.rel}: css url({u})" for s in styles for u in css_urls(s)
                      if loads_from_host(u)]
    stylesheets = sorted(site_dir.rglob("*.css"))
    assert stylesheets
    for css in stylesheets:
        found += [f"{css.relative_to(site_dir)}: url({u})"
                  for u in css_urls(css.read_text(encoding="utf-8")) if loads_from_host(u)]
    own_js = REPO / "theme" / "assets" / "javascripts"
    for js in sorted(own_js.rglob("*.js")):
        found += [f"theme/{js.relative_to(REPO / 'theme')}: {u}"
                  for u in re.findall(r"(?:https?:)?//[\w-]+(?:\.[\w-]+)+", js.read_text("utf-8"))]
    assert not found, "\n".join(found[:50])


def handwritten_pages() -> set[str]:
    """Built files of the hand-written pages (content/**/*.md)."""
    content = REPO / "content"
    return {page_url(md.relative_to(content).as_posix()) for md in content.rglob("*.md")
            if not md.relative_to(content).as_posix().startswith("registries/")}


def links_without_nofollow(pages: Iterable[HtmlPage]) -> tuple[int, list[str]]:
    """(number of external <a href>, those whose rel lacks "nofollow")."""
    offenders = []
    external = 0
    for page in pages:
        for a in page.root.find_all("a", lambda n: "href" in n.attrs):
            href = a.get("href").strip()
            if not is_external(href) or not urlsplit(href).netloc:
                continue  # relative, or mailto:/tel: (no host to vouch for)
            external += 1
            rel = a.get("rel").lower().split()
            if "license" in rel:
                continue  # the site's own licence statement, not editor-supplied
            if "nofollow" not in rel:
                offenders.append(f"{page.rel}: <a href={href!r} rel={a.get('rel')!r}>")
    return external, offenders


def test_external_links_of_generated_pages_are_nofollow(site_pages: dict[str, HtmlPage]):
    """External links on generated pages (editor-supplied evidence, sources, agency websites)."""
    handwritten = handwritten_pages()
    external, offenders = links_without_nofollow(
        page for rel, page in site_pages.items() if rel not in handwritten)
    assert external, "the shipped plans link to sources and evidence"
    assert not offenders, "\n".join(offenders[:50])


def test_external_links_of_handwritten_pages_are_nofollow(site_pages: dict[str, HtmlPage]):
    handwritten = handwritten_pages()
    assert handwritten <= set(site_pages)
    _, offenders = links_without_nofollow(site_pages[rel] for rel in sorted(handwritten))
    assert not offenders, "\n".join(offenders[:50])


# --- readable heading anchors -------------------------------------------------------------------


def test_heading_anchors_keep_vietnamese_readable(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    assert toc_slugify("Đơn vị chủ trì") == "don-vi-chu-tri"
    for plan in built_site.project.plans:
        assert "thong-tin-van-ban" in site_pages[plan_file(plan.id)].ids, plan.id


HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*#*\s*$")


def handwritten_headings(content: Path) -> Iterator[tuple[str, str]]:
    """(page file, heading text) of hand-written pages' plain headings without an explicit id."""
    for md in sorted(content.rglob("*.md")):
        rel = md.relative_to(content).as_posix()
        if rel.startswith("registries/"):
            continue
        fenced = False
        for line in md.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
                continue
            m = HEADING.match(line)
            if fenced or not m or "{" in m.group(2) or re.search(r"[`*_\[\]<>&\\]", m.group(2)):
                continue
            yield page_url(rel), m.group(2)


def test_handwritten_headings_get_readable_anchors(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    """Headings of hand-written pages get toc_slugify ids, accented letters folded, not lost."""
    headings = list(handwritten_headings(REPO / "content"))
    assert headings
    for rel, text in headings:
        assert toc_slugify(text) in site_pages[rel].ids, (rel, text, toc_slugify(text))


# --- demo data ----------------------------------------------------------------------------------


def test_demo_pages_show_the_banner_and_real_plans_do_not(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    # Demo data has pages of its own only (its plans, its agencies, its section), each marked;
    # the site-wide pages never hold it, so they never carry the banner (issue 18).
    project = built_site.project
    demo_pages = {plan_file(p.id) for p in project.plans if p.demo}
    demo_pages |= {agency_file(a.id) for a in project.agencies.values() if a.demo}
    demo_pages.add(page_url(urls.DEMO_SECTION))
    assert any(p.demo for p in project.plans), "the shipped data has a demo plan"
    missing = sorted(rel for rel in demo_pages if not shows_demo_banner(site_pages[rel]))
    assert not missing, f"pages built from demo data without the banner: {missing}"

    not_demo = {plan_file(p.id) for p in project.plans if not p.demo}
    not_demo |= {area_file(a.id) for a in project.areas.values()}
    not_demo |= {agency_file(a.id) for a in project.agencies.values() if not a.demo}
    not_demo |= {page_url(p) for p in (urls.HOME, urls.PLANS, urls.AGENCIES, urls.AREAS,
                                       urls.OVERDUE, urls.UPCOMING)}
    assert not_demo
    wrong = sorted(rel for rel in not_demo if shows_demo_banner(site_pages[rel]))
    assert not wrong, f"pages of real data with the demo banner: {wrong}"


def test_real_agency_pages_never_list_demo_tasks(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    # congkhai check refuses a demo plan that names a real agency (central ones included), so a
    # real agency's page holds only real tasks and needs no banner.
    _, project, snapshot = built_site
    mixed = [a.id for a in project.agencies.values() if not a.demo and demo_facts(
        snapshot.led_by.get(a.id, []) + snapshot.supported_by.get(a.id, []))]
    assert mixed == []
    demo_plan_ids = {p.id for p in project.plans if p.demo}
    for agency in project.agencies.values():
        if agency.demo:
            continue
        page = site_pages[agency_file(agency.id)]
        assert not any(f"ke-hoach/{pid}/" in page.raw for pid in demo_plan_ids), agency.id


# --- not stated and derived values ----------------------------------------------------------


def task_row(page: HtmlPage, task: Task) -> Node:
    row = page.by_id(task_anchor(task.id))
    assert row is not None and row.tag == "tr", f"{page.rel}: no row for {task.id}"
    return row


def missing_words(task: Task, field: str) -> str:
    """What a page must say of an empty field: lost in our copy, or not stated."""
    return NOT_IN_COPY if field in task.lost_in_copy else NOT_STATED


# Columns of a plan's matrix a section may leave out when no task of it has a value: its
# document states it for none, or our copy lost it for all; the table's caption then says so,
# once.
CAPTION_NAMES = {"Sản phẩm": "sản phẩm", "Tiến độ": "tiến độ", "Chủ trì": "cơ quan chủ trì",
                 "Phối hợp": "cơ quan phối hợp"}


def matrix_field(row: Node, label: str) -> str:
    """The text of a matrix cell, or what the section's caption says of its column when the
    column was left out of the table ("không nêu trong văn bản" or "không có trong bản sao…")."""
    found = row.find_all("td", lambda n: n.get("data-label") == label)
    if found:
        assert len(found) == 1, f"row {row.get('id')}: {len(found)} cells labelled {label!r}"
        return found[0].text()
    table = next(a for a in row.ancestors() if a.tag == "table")
    caption = table.find("caption")
    assert caption is not None, f"row {row.get('id')}: no {label!r} cell and no caption"
    header = [th.text() for th in table.find("thead").find_all("th")]
    assert label not in header, (row.get("id"), header)
    for sentence in re.split(r"(?<=\.)\s+", caption.text()):
        names, _, said = sentence.partition(":")
        if CAPTION_NAMES[label] in names.lower():
            assert "cho mọi nhiệm vụ trong mục này" in said, sentence
            return NOT_STATED if NOT_STATED in said else NOT_IN_COPY
    raise AssertionError(f"row {row.get('id')}: caption does not name {label!r}: "
                         f"{caption.text()!r}")


def assert_row_states_missing_fields(plan: Plan, page: HtmlPage, task: Task) -> None:
    row = task_row(page, task)
    where = f"{plan.id} {task.id}"
    output, deadline = matrix_field(row, "Sản phẩm"), matrix_field(row, "Tiến độ")
    leads, support = matrix_field(row, "Chủ trì"), matrix_field(row, "Phối hợp")
    if task.output is None:
        assert output == missing_words(task, "output"), where
    else:
        assert collapse(task.output) in output and NOT_STATED not in output, where
    if task.deadline.text is None:
        assert deadline == missing_words(task, "deadline"), where
    else:
        assert collapse(task.deadline.text) in deadline and NOT_STATED not in deadline, where
    if task.leads:
        assert not leads.startswith((NOT_STATED, NOT_IN_COPY)), where
    else:
        assert leads.startswith(missing_words(task, "lead")), where
    if task.support:
        assert support not in (NOT_STATED, NOT_IN_COPY), where
    else:
        assert support == missing_words(task, "support"), where


def test_fields_not_stated_say_so(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    project = built_site.project
    for plan in project.plans:
        page = site_pages[plan_file(plan.id)]
        for task in walk_tasks(plan.tasks):
            assert_row_states_missing_fields(plan, page, task)


def test_examples_of_fields_not_stated(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    """What the documents do not state: Nam Định Phần 2 (no lead, output or deadline per task)
    and the appendix's missing output column (PL.18 included)."""
    project = built_site.project
    nam_dinh = project.plan("nam-dinh-qd-337-2012")
    assert nam_dinh is not None
    page = site_pages[plan_file(nam_dinh.id)]
    part2 = [t for s in nam_dinh.sections if s.part == "Phần 2" for t in s.tasks
             if t.id not in ("VII.2", "VII.3", "VII.7")]
    assert len(part2) == 32
    for task in part2:
        row = task_row(page, task)
        for label in ("Sản phẩm", "Tiến độ", "Chủ trì", "Phối hợp"):
            assert matrix_field(row, label) == NOT_STATED, (task.id, label)
    pl18 = next(t for t in nam_dinh.tasks if t.id == "PL.18")
    assert matrix_field(task_row(page, pl18), "Sản phẩm") == NOT_STATED


def test_examples_of_fields_lost_in_our_copy(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    """What our copy lost, said as such (issue 15, point 4): Nam Định PL.18 cut off after its
    content, Quảng Ninh's appendix, Quảng Ngãi's lost headings, the lost place and signer."""
    project = built_site.project
    nam_dinh = project.plan("nam-dinh-qd-337-2012")
    quang_ninh = project.plan("quang-ninh-qd-4783-2017")
    quang_ngai = project.plan("quang-ngai-ct-09-2021")
    assert nam_dinh is not None and quang_ninh is not None and quang_ngai is not None
    pl18 = next(t for t in nam_dinh.tasks if t.id == "PL.18")
    page = site_pages[plan_file(nam_dinh.id)]
    row = task_row(page, pl18)
    for label in ("Chủ trì", "Phối hợp", "Tiến độ"):
        assert matrix_field(row, label) == NOT_IN_COPY, label
    # The words link to the plan's notes on its copy.
    link = cell(row, "Chủ trì").find("a")
    assert link is not None and page.resolve(link.get("href")) == (page.rel, "ghi-chu")
    assert f"(địa danh: {NOT_IN_COPY})" in page.text(page.article)
    page = site_pages[plan_file(quang_ninh.id)]
    for task in quang_ninh.tasks:
        row = task_row(page, task)
        for label in ("Sản phẩm", "Tiến độ", "Chủ trì", "Phối hợp"):
            assert matrix_field(row, label) == NOT_IN_COPY, (task.id, label)
    # Where our copy lost a column for every task of a section, the section says so once
    # instead of four columns of the same words one word per line (issue 17).
    collapsed = [t for t in quang_ninh.tasks
                 if {"output", "deadline", "lead", "support"} <= set(t.lost_in_copy)]
    assert collapsed
    row = task_row(page, collapsed[0])
    assert [td.get("data-label") for td in row.find_all("td")] == ["STT", "Nhiệm vụ",
                                                                   "Trạng thái"]
    caption = next(a for a in row.ancestors() if a.tag == "table").find("caption")
    link = caption.find("a")
    assert link is not None and page.resolve(link.get("href")) == (page.rel, "ghi-chu")
    page = site_pages[plan_file(quang_ngai.id)]
    lost_blocks = [d for d in quang_ngai.duties if "number" in d.lost_in_copy]
    assert len(lost_blocks) == 6
    for duty in lost_blocks:
        section = page.by_id(duty_anchor(duty.id))
        assert section is not None, duty.id
        text = section.text()
        assert f"Cơ quan: {NOT_IN_COPY}" in text and NOT_STATED not in text, duty.id
        assert f"Số thứ tự, tiêu đề: {NOT_IN_COPY}" in text, duty.id
        assert f"{duty.id}." not in text  # our id is not shown as the document's number
    for number in ("6", "7"):
        section = page.by_id(duty_anchor(number))
        assert section is not None and section.text().startswith(f"{number}. Sở "), number
    assert f"(họ tên {NOT_IN_COPY})" in page.text(page.article)
    # The same words on list pages (the overdue list, an agency's page) come from the same row.
    for task in walk_tasks(quang_ngai.tasks):
        if "lead" in task.lost_in_copy:
            assert matrix_field(task_row(page, task), "Chủ trì") == NOT_IN_COPY, task.id


def test_derived_values_say_so_with_their_reason(
    built_site: BuiltSite, site_pages: dict[str, HtmlPage]
):
    project = built_site.project
    seen = 0
    for plan in project.plans:
        page = site_pages[plan_file(plan.id)]
        for task in walk_tasks(plan.tasks):
            row = task_row(page, task)
            for label, refs in (("Chủ trì", task.leads), ("Phối hợp", task.support)):
                if not refs:
                    continue
                items = [li.text() for li in cell(row, label).find_all("li")]
                for ref in refs:
                    if ref.derived:
                        seen += 1
                        name = project.agencies[ref.agency].name
                        note = f"{DERIVED_WORD}: {collapse(ref.derived)}"
                        assert any(t.startswith(name) and note in t for t in items), (
                            plan.id, task.id, ref.agency)
        for duty in plan.duties:
            derived = [r for r in duty.agencies if r.derived]
            if not derived:
                continue
            section = page.by_id(duty_anchor(duty.id))
            assert section is not None, (plan.id, duty.id)
            for ref in derived:
                seen += 1
                assert f"{DERIVED_WORD}: {collapse(ref.derived)}" in section.text(), (
                    plan.id, duty.id)
                agency_page = site_pages[agency_file(ref.agency)]
                assert f"{DERIVED_WORD}: {collapse(ref.derived)}" in agency_page.text(
                    agency_page.article), (plan.id, duty.id, ref.agency)
    assert seen, "the demo plan has derived values"
    demo = [p for p in project.plans if p.demo]
    assert any(r.derived for p in demo for t in walk_tasks(p.tasks) for r in (*t.leads,
                                                                               *t.support))


def test_status_cells_show_the_reported_progress(
        built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    """Each task's status cell on its plan page: a bar at the progress last reported and the
    percentage once in words (the bar is hidden on phones and on paper)."""
    snapshot = built_site.snapshot
    checked = 0
    for fact in snapshot.facts:
        row = task_row(site_pages[plan_file(fact.plan.id)], fact.task)
        status = cell(row, "Trạng thái")
        box = status.find("span", lambda n: n.has_class("ck-progress"))
        if fact.status.progress is None:
            assert box is None, (fact.plan.id, fact.task.id)
            continue
        assert box is not None, (fact.plan.id, fact.task.id)
        bar = box.find("progress")
        assert bar is not None and bar.get("value") == str(fact.status.progress)
        assert bar.get("max") == "100" and bar.get("aria-label")
        assert box.text() == f"{fact.status.progress}%", (fact.plan.id, fact.task.id)
        checked += 1
    assert checked > 20


# --- size and date ------------------------------------------------------------------------------


def test_no_page_is_over_400_kb(built_site: BuiltSite):
    pages = list(built_site.site_dir.rglob("*.html"))
    assert pages
    big = [(p.name, p.stat().st_size) for p in pages if p.stat().st_size > MAX_PAGE_BYTES]
    assert not big


def test_home_page_states_the_as_of_date(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    home = site_pages[page_url(urls.HOME)]
    assert f"{built_site.snapshot.as_of:%d/%m/%Y}" in home.text(home.article)


def test_parser_reads_what_the_site_writes(parse_html: Callable[[str, str], HtmlPage]):
    """The helpers themselves: ids, links and text of a small document."""
    page = parse_html('<p id="a">x <a href="../b/#c">y</a><img src="i.png"><br>z</p>',
                      "d/e/index.html")
    assert page.ids == {"a"}
    assert page.hrefs() == ["../b/#c"]
    assert page.srcs() == ["i.png"]
    assert page.text() == "x yz"
    assert page.resolve("../b/#c") == ("d/b/index.html", "c")
    assert page.resolve("#c") == ("d/e/index.html", "c")
    assert page.resolve("../../../x/") == ("", "")
    titled = parse_html("<title>a <script>b</script></title><p>c</p>", "index.html")
    assert titled.root.find("script") is None
    assert titled.root.find("title").text() == "a <script>b</script>"
