"""Lists people can narrow, sort and rank, read from the generated files (no browser): the rows
each list's data file holds, where continuation pages live and where their former addresses
lead, the agencies ranked by tasks past due, charts with their legend, long plans folded."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from typing import TYPE_CHECKING

import pytest

from generator.common import urls
from generator.facts.snapshot import Snapshot
from generator.facts.status import LABELS, ORDER, Status
from generator.publish.tree import render_site
from generator.site.pages import SECTIONS_UNFOLDED_MAX, iter_pages
from generator.site.presentation import STYLES
from generator.site.render import make_environment
from generator.site.views import PAGE_SIZE

if TYPE_CHECKING:
    from conftest import BuiltSite, HtmlPage

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def snapshot(synthetic_project) -> Snapshot:
    return Snapshot(synthetic_project(tasks=700, plans=6, seed=3), AS_OF)


@pytest.fixture(scope="module")
def files(snapshot) -> dict[str, str | bytes]:
    return render_site(snapshot, open_data=False)


@pytest.fixture(scope="module")
def pages(snapshot):
    return list(iter_pages(snapshot))


def test_list_data_holds_every_row_of_its_list_in_order(snapshot, pages, files,
                                                        parse_html):
    env = make_environment()
    checked = 0
    for page in pages:
        for data in page.lists:
            stored = json.loads(files[data.path])
            assert data.path.startswith(urls.url_of(page.path)), (page.path, data.path)
            facts = [snapshot.by_key[key] for key in
                     (f"{v.url.split('/ke-hoach/')[1].split('/')[0]}#{v.id}" for v in data.rows)]
            assert len(stored["rows"]) == len(facts) == len(data.facets)
            for row, fact, view in zip(stored["rows"], facts, data.rows, strict=True):
                status, due, plan, leads, province, days, html = row
                assert stored["statuses"][status] == [fact.status.code.value, fact.status.label]
                assert due == (fact.status.due.isoformat() if fact.status.due else "")
                assert stored["plans"][plan][0] == fact.plan.id
                assert [stored["agencies"][i][0] for i in leads] == [
                    r.agency for r in fact.task.leads]
                issuer = snapshot.project.agencies[fact.plan.document.issuer]
                assert (stored["provinces"][province][0] if province >= 0 else None) == (
                    issuer.province)
                assert days == (fact.status.days_overdue or 0)
                whole = "".join(p if isinstance(p, str) else stored["pieces"][p]
                                for p in html)
                assert whole == str(env.filters["list_row"](view)), fact.key
                tr = parse_html(whole, page.path).root.find("tr")
                assert tr.get("data-task") == fact.task.id
            # statuses numbered in display order (sorting by status sorts by that number)
            ranks = [ORDER.index(Status(code)) for code, _ in stored["statuses"]]
            assert ranks == sorted(ranks)
            checked += 1
    assert checked > 10


def test_the_page_names_the_data_of_each_of_its_lists(pages, files, parse_html):
    for page in pages:
        if not page.lists:
            continue
        html = parse_html(files[page.path], page.path)
        named = {node.get("data-src") for node in html.root.find_all(
            "div", lambda n: "data-src" in n.attrs)}
        expected = {urls.relative(page.path, d.path) for d in page.lists}
        assert named == expected, page.path
        assert "congkhai-lists.js" in files[page.path].split("---")[1]
        assert html.root.find("form", lambda n: n.has_class("ck-filters")) is not None


def test_short_lists_get_no_filters(pages):
    for page in pages:
        if page.template in ("agency.md.j2", "area.md.j2", "overdue.md.j2", "upcoming.md.j2"):
            total = sum(len(d.rows) for d in page.lists)
            if not page.lists:
                assert page.context["filters"] is None
            else:
                assert total >= 10 and page.context["filters"]["sorts"]


def test_continuation_pages_live_under_their_list_and_former_addresses_redirect(pages, files):
    continued = [p for p in pages if p.template == "task_page.md.j2"]
    assert continued, "the synthetic province has lists longer than a page"
    for page in continued:
        assert re.fullmatch(r"(qua-han|sap-den-han|(co-quan|linh-vuc)/[a-z0-9-]+)"
                            r"(/(chu-tri|phoi-hop|chua-bao-cao|minh-hoa))?/trang-\d+\.md",
                            page.path), page.path
        assert len(page.context["rows"]) <= PAGE_SIZE
        stub = files[urls.url_of(page.former) + "index.html"]
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', stub)[1]
        landing = posixpath.normpath(posixpath.join(urls.url_of(page.former), target))
        assert landing + "/" == urls.url_of(page.path).rstrip("/") + "/"
        assert f'href="{target}"' in stub and 'name="robots" content="noindex"' in stub


def test_agencies_are_ranked_by_tasks_past_due(built_site: BuiltSite,
                                               site_pages: dict[str, HtmlPage]):
    _, project, snapshot = built_site
    page = site_pages[urls.url_of(urls.AGENCIES) + "index.html"]
    tables = page.root.find_all("table", lambda n: n.has_class("ck-ranking"))
    assert tables
    body = tables[-1].find("tbody")  # the full ranking when there is one, else the chart
    shown = []
    for tr in body.find_all("tr"):
        cells = [c.text() for c in tr.find_all("td")]
        shown.append((tr.find("th").text(), *map(int, cells[-4:])))
    pool = [a for a in project.agencies.values() if snapshot.led_by.get(a.id)]
    pool = [a for a in pool if not a.demo] or pool
    expected = []
    for agency in pool:
        led = snapshot.led_by[agency.id]
        overdue = sum(1 for f in led if f.status.overdue)
        silent = sum(1 for f in led if f.status.past_due_unreported)
        if overdue or silent:
            expected.append((agency.name, overdue, silent, overdue + silent, len(led)))
    expected.sort(key=lambda r: (-r[3], -r[1], r[0]))
    assert shown == expected or shown == expected[:len(shown)]
    assert len(shown) == len(expected) or len(tables) == 1
    # the chart has its legend: the two kinds of past due, in the colours of their bars
    figure = tables[0].parent
    legend = figure.find("ul", lambda n: n.has_class("ck-legend"))
    assert [li.text() for li in legend.find_all("li")] == [
        "Quá hạn theo báo cáo", "Đã qua hạn, chưa có báo cáo"]
    swatches = [s.get("style") for s in legend.find_all("span")]
    assert STYLES[Status.NO_REPORT_LATE].colour in swatches[1]


def test_status_charts_have_a_legend(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    home = site_pages["index.html"]
    charts = home.root.find_all("table", lambda n: n.has_class("ck-chart"))
    assert charts
    for chart in charts:
        legend = chart.parent.find("ul", lambda n: n.has_class("ck-legend"))
        words = [li.text() for li in legend.find_all("li")]
        shown = {svg_title.split(":")[0] for svg_title in re.findall(
            r"<title>([^<]+)</title>", home.raw)}
        assert words and set(words) <= {LABELS[c] for c in ORDER}
        assert set(words) >= {w for w in shown if w in set(LABELS.values())}


def test_long_plans_fold_their_sections(built_site: BuiltSite, site_pages: dict[str, HtmlPage]):
    _, project, snapshot = built_site
    seen = set()
    for plan in project.plans:
        page = site_pages[urls.url_of(urls.plan_page(plan.id)) + "index.html"]
        sections = page.root.find_all("details", lambda n: n.has_class("ck-section"))
        assert len(sections) == len(plan.sections)
        long = len(snapshot.by_plan[plan.id]) > SECTIONS_UNFOLDED_MAX
        assert all(("open" in s.attrs) is not long for s in sections), plan.id
        seen.add(long)
        for section in sections:
            assert re.match(r"\d+ nhiệm vụ", section.find("summary").text())
    assert seen == {True, False}


@pytest.mark.parametrize(("html", "from_depth", "to_depth", "expected"), [
    (b'<a href="../../ke-hoach/a/#nv-1">1</a>', 2, 4,
     b'<a href="../../../../ke-hoach/a/#nv-1">1</a>'),
    (b'<a href="../../../../co-quan/b/">B</a>', 4, 1, b'<a href="../co-quan/b/">B</a>'),
    (b'<a href="../ke-hoach/a/">A</a><a href="../co-quan/b/">B</a>', 1, 2,
     b'<a href="../../ke-hoach/a/">A</a><a href="../../co-quan/b/">B</a>'),
    (b'<a href="../../x/">x</a>', 2, 0, b'<a href="x/">x</a>'),
    # not relative()'s links: an anchor on the page, an outside address, text that says href
    (b'<a href="#nv-1">1</a><a href="https://a.vn/">a</a> href=&quot;../', 1, 3,
     b'<a href="#nv-1">1</a><a href="https://a.vn/">a</a> href=&quot;../'),
])
def test_rebase_changes_only_the_climb_to_the_root(html, from_depth, to_depth, expected):
    assert urls.rebase(html, from_depth, to_depth) == expected


def test_rebase_refuses_html_rendered_at_the_root():
    with pytest.raises(ValueError):
        urls.rebase(b'<a href="x/">x</a>', 0, 2)


@pytest.mark.parametrize(("row", "expected"), [
    ('<tr data-task="1"><td data-label="STT">1</td><td>a</td></tr>',
     ['<tr data-task="1">', '<td data-label="STT">1</td>', "<td>a</td>", "</tr>"]),
    ("", []),
    ("<td>a</td>\n<td>b</td>", ["<td>a</td>", "\n", "<td>b</td>"]),
    ("<tdx>a</td>b", ["<tdx>a</td>", "b"]),  # not a cell that opens: cut only after it
    ("<td><td >x", ["<td>", "<td >x"]),
    ("</td></td>", ["</td>", "</td>"]),
])
def test_row_cells_cut_before_each_cell_and_after_it(row, expected):
    from generator.site.render import row_cells
    assert row_cells(row) == expected


def test_rows_rebased_across_depths_are_the_rows_rendered_there(snapshot, files, monkeypatch):
    # A row is rendered at one depth and rebased for the pages of the others; rendering every
    # row at every depth from its own view must give the same site, with more views built.
    from generator.site import render, views
    built = {"n": 0}
    task_view = views.Views.task_view

    def counted(self, *args, **kwargs):
        built["n"] += 1
        return task_view(self, *args, **kwargs)

    monkeypatch.setattr(views.Views, "task_view", counted)
    rebased = render_site(snapshot, open_data=False)
    with_rebasing = built["n"]
    built["n"] = 0
    monkeypatch.setattr(views, "ROW_DEPTHS", ())
    monkeypatch.setattr(render, "ROW_DEPTHS", ())
    unshared = render_site(snapshot, open_data=False)
    assert rebased == unshared == files
    assert with_rebasing < built["n"]
