"""Issue 18, end to end on the built site: every view tells the same story.

The central figures, "quá hạn" (reported unfinished past the due date) and "đã qua hạn, chưa có
báo cáo" (past the due date, nobody reported), are read from every place that shows them (home,
plan list, overdue list, agency and area indexes and pages, the downloads) and must agree with
each other and with the model. Expected values come from the loaded project, never from
constants.
"""

from __future__ import annotations

import csv
import io
import json
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
