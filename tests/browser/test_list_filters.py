"""Lists people can narrow and sort: with JavaScript, instantly and over every page of a list,
the choice in the address (shareable, Back undoes it); without it, the full list, page by page.

Run on the small synthetic province, whose long lists are paginated (100 rows a page)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.model.project import load_project

AGENCY = "co-quan/thu-nghiem-01-so-noi-vu/"


def rows(page, scope: str = "[data-list=phoi-hop]") -> list[dict]:
    return page.eval_on_selector_all(f"{scope} tbody tr", """trs => trs.map(tr => ({
        task: tr.dataset.task, href: tr.querySelector('td[data-label=STT] a').href,
        plan: tr.querySelector('td[data-label="Văn bản"] a').textContent,
        status: tr.querySelector('[data-status]').dataset.status,
        due: (tr.querySelector('.ck-due') || {}).textContent || '',
        leads: [...tr.querySelectorAll('td[data-label="Chủ trì"] a')].map(a => a.textContent),
        visible: tr.offsetParent !== null}))""")


def due_date(text: str) -> dt.date | None:
    m = re.search(r"(\d\d)/(\d\d)/(\d{4})", text)
    return dt.date(int(m[3]), int(m[2]), int(m[1])) if m else None


def applied(page) -> None:
    page.wait_for_selector("form.ck-filters[data-applied=true]", timeout=10_000)


def choose(page, name: str, value: str) -> None:
    page.select_option(f"select[name={name}]", value)
    applied(page)


def options(page, name: str) -> list[str]:
    return [v for v in page.eval_on_selector_all(
        f"select[name={name}] option", "os => os.map(o => o.value)") if v]


def test_a_long_list_is_paginated_under_its_page(page, synthetic_base_url):
    page.goto(synthetic_base_url + AGENCY)
    pager = page.eval_on_selector_all("[data-list=phoi-hop] .ck-pager a",
                                      "as => as.map(a => a.href)")
    assert pager and all(urlsplit(h).path.startswith("/" + AGENCY + "phoi-hop/trang-")
                         for h in pager)
    assert len(rows(page)) == 100


def test_former_addresses_redirect(page, synthetic_base_url):
    page.goto(synthetic_base_url + AGENCY.rstrip("/") + "--phoi-hop-2/")
    page.wait_for_url("**/" + AGENCY + "phoi-hop/trang-2/")
    assert page.locator("tbody tr").count() > 0


def test_without_javascript_the_whole_list_reads_and_no_filter_shows(browser,
                                                                     synthetic_base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(synthetic_base_url + AGENCY + "?trang-thai=chua-co-bao-cao")
        assert not page.locator("form.ck-filters").is_visible()
        first = rows(page)
        assert len(first) == 100 and all(r["visible"] for r in first)
        # the address's filter does nothing without scripts: the list is whole
        assert len({r["status"] for r in first}) > 1
        total = int(re.search(r"trên (\d+) nhiệm vụ",
                              page.inner_text("[data-list=phoi-hop] .ck-range"))[1])
        seen = {r["href"] for r in first}
        page.click("[data-list=phoi-hop] .ck-pager >> text=2")
        seen |= {r["href"] for r in rows(page, "article")}
        while page.locator(".ck-pager [aria-current=page] + a").count():
            page.click(".ck-pager [aria-current=page] + a >> nth=0")
            seen |= {r["href"] for r in rows(page, "article")}
        assert len(seen) == total
    finally:
        context.close()


def test_filter_covers_every_page_and_is_in_the_address(page, synthetic_base_url):
    page.goto(synthetic_base_url + AGENCY)
    assert page.locator("form.ck-filters").is_visible()
    page.wait_for_selector("form.ck-filters[data-ready=true]")
    first_page = {r["href"] for r in rows(page)}
    statuses = options(page, "trang-thai")
    assert len(statuses) > 1
    status = statuses[-1]  # last in attention order: mostly beyond the first page
    choose(page, "trang-thai", status)
    found = rows(page)
    assert found and all(r["status"] == status for r in found)
    assert {r["href"] for r in found} - first_page, "matches from the other pages too"
    assert not page.locator("[data-list=phoi-hop] .ck-pager").first.is_visible()
    assert "phù hợp" in page.inner_text("[data-list=phoi-hop] .ck-list-count")
    assert parse_qs(urlsplit(page.url).query) == {"trang-thai": [status]}
    # a second filter narrows further, in the address too
    plans = options(page, "ke-hoach")
    choose(page, "ke-hoach", plans[0])
    number = page.eval_on_selector(
        f"select[name=ke-hoach] option[value='{plans[0]}']", "o => o.textContent.split(' — ')[0]")
    assert all(r["plan"] == number and r["status"] == status for r in rows(page))
    assert parse_qs(urlsplit(page.url).query) == {"trang-thai": [status], "ke-hoach": [plans[0]]}
    # Back undoes one choice at a time, then the list is as the server wrote it
    page.go_back()
    page.wait_for_function("!location.search.includes('ke-hoach')")
    applied(page)
    assert page.input_value("select[name=ke-hoach]") == ""
    assert all(r["status"] == status for r in rows(page))
    page.go_back()
    page.wait_for_function("location.search === ''")
    page.wait_for_function("!document.querySelector('form.ck-filters').dataset.applied")
    assert {r["href"] for r in rows(page)} == first_page
    assert page.locator("[data-list=phoi-hop] .ck-pager").first.is_visible()


def test_a_shared_address_opens_filtered_and_sorted(page, synthetic_base_url):
    page.goto(synthetic_base_url + AGENCY)
    years = options(page, "nam")
    year = next(y for y in years if y.isdigit())
    page.goto(synthetic_base_url + AGENCY + f"?nam={year}&sap-xep=han-giam")
    applied(page)
    assert page.input_value("select[name=nam]") == year
    assert page.input_value("select[name=sap-xep]") == "han-giam"
    dues = [due_date(r["due"]) for r in rows(page)]
    assert dues and all(d is not None and d.year == int(year) for d in dues)
    assert dues == sorted(dues, reverse=True)


def test_sorting_orders_the_whole_list(page, synthetic_base_url):
    page.goto(synthetic_base_url + AGENCY + "?sap-xep=han")
    applied(page)
    found = rows(page)
    count = page.inner_text("[data-list=phoi-hop] .ck-list-count")
    total = int(re.search(r"danh sách có (\d+)", count)[1])
    assert len(found) == min(total, 200) > 100
    dues = [due_date(r["due"]) for r in found]
    dated = [d for d in dues if d]
    assert dated == sorted(dated)
    assert dues.index(None) > len(dated) - 1 if None in dues else True  # undated last
    if total > 200:
        page.click("[data-list=phoi-hop] .ck-more")
        assert len(rows(page)) == min(total, 400)
    page.click("form.ck-filters button[type=reset]")
    page.wait_for_function("!document.querySelector('form.ck-filters').dataset.applied")
    assert len(rows(page)) == 100
    assert urlsplit(page.url).query == ""


def test_filter_by_lead_agency_and_status_order(page, synthetic_base_url):
    page.goto(synthetic_base_url + AGENCY)
    agencies = options(page, "co-quan")
    assert len(agencies) > 1
    name = page.eval_on_selector(f"select[name=co-quan] option[value='{agencies[0]}']",
                                 "o => o.textContent")
    choose(page, "co-quan", agencies[0])
    assert all(name in r["leads"] for r in rows(page))
    page.select_option("select[name=co-quan]", "")
    page.wait_for_function("!document.querySelector('form.ck-filters').dataset.applied")
    choose(page, "sap-xep", "trang-thai")
    order = page.eval_on_selector_all("select[name=trang-thai] option",
                                      "os => os.map(o => o.value).filter(Boolean)")
    ranks = [order.index(r["status"]) for r in rows(page)]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize("width", [1280, 360])
def test_filters_are_accessible(browser, synthetic_base_url, axe_check, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(synthetic_base_url + AGENCY + "?sap-xep=han")
        applied(page)
        assert not axe_check(page)
        labels = page.eval_on_selector_all(
            "form.ck-filters select",
            "ss => ss.map(s => document.querySelector(`label[for='${s.id}']`)?.textContent)")
        assert all(labels)
    finally:
        context.close()


def test_filters_work_on_the_real_sites_lists(page, base_url):
    page.goto(base_url + "qua-han/")
    if not page.locator("form.ck-filters").count():
        pytest.skip("no list long enough to filter on the repository's overdue page")
    page.wait_for_selector("form.ck-filters[data-ready=true]")
    plans = options(page, "ke-hoach")
    assert len(plans) > 1
    choose(page, "ke-hoach", plans[0])
    hrefs = page.eval_on_selector_all("article .ck-list tbody tr td[data-label=STT] a",
                                      "as => as.map(a => a.href)")
    assert hrefs and all(f"/ke-hoach/{plans[0]}/#" in h for h in hrefs)


def test_filter_by_province_on_the_real_sites_overdue_list(page, base_url):
    project, problems = load_project(Path(__file__).resolve().parents[2], dt.date(2026, 11, 23))
    assert not problems
    page.goto(base_url + "qua-han/")
    page.wait_for_selector("form.ck-filters[data-ready=true]")
    provinces = options(page, "tinh")
    assert len(provinces) > 1
    for province in provinces[:2]:
        choose(page, "tinh", province)
        hrefs = page.eval_on_selector_all("article .ck-list tbody tr td[data-label=STT] a",
                                          "as => as.map(a => a.href)")
        plans = {urlsplit(h).path.split("/ke-hoach/")[1].split("/")[0] for h in hrefs}
        assert plans, province
        for plan_id in plans:
            plan = project.plan(plan_id)
            assert plan is not None
            assert project.agencies[plan.document.issuer].province == province, plan_id
        assert parse_qs(urlsplit(page.url).query) == {"tinh": [province]}
