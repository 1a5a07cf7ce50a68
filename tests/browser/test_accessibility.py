"""Accessibility in Chromium: axe-core finds no serious or critical violation (WCAG 2.1 A/AA) on the
main kinds of pages, at desktop width and on a 360-pixel phone; the keyboard reaches everything."""

from __future__ import annotations

import pytest

PAGES = {
    "home": "",
    "plan": "ke-hoach/khanh-hoa-qd-4034-2017/",
    "demo plan": "ke-hoach/minh-hoa-kh-01-2025/",
    "agency": "co-quan/khanh-hoa-so-noi-vu/",
    "ended agency": "co-quan/khanh-hoa-so-ke-hoach-va-dau-tu/",
    "successor agency": "co-quan/khanh-hoa-so-tai-chinh/",
    "province": "tinh/nam-dinh/",
    "organisational changes": "thay-doi-to-chuc/",
    "area": "linh-vuc/thu-tuc-hanh-chinh/",
    "overdue": "qua-han/",
    "search results": "tim-kiem/?q=th%E1%BB%A7%20t%E1%BB%A5c%20h%C3%A0nh%20ch%C3%ADnh",
    "open data": "du-lieu-mo/",
    "plans index": "ke-hoach/",
    "agencies index": "co-quan/",
    "areas index": "linh-vuc/",
    "upcoming": "sap-den-han/",
    "methodology": "phuong-phap/",
    "hand-written page": "gioi-thieu/",
    "editors' guide": "huong-dan-bien-tap/thong-bao-loi/",
    "overdue, filtered": "qua-han/?sap-xep=han",
    "editors' search tab": "tim-kiem/?q=yaml",
}
WIDTHS = {"desktop": (1280, 900), "mobile": (360, 740)}


def run_axe(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                resultTypes: ["violations"],
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("name", PAGES, ids=list(PAGES))
def test_no_serious_axe_violation(browser, base_url, axe_source, name, width):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(base_url + PAGES[name])
        if name.startswith(("search", "editors' search")):
            page.wait_for_selector("#ck-search[data-ready=true]")
        if "filtered" in name:
            page.wait_for_selector("form.ck-filters[data-applied=true]")
        violations = run_axe(page, axe_source)
    finally:
        context.close()
    assert not violations, "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}" for v in violations
    )


def focus_trail(page, presses: int) -> list[dict]:
    """Where Tab goes, ``presses`` times; a folded section of a plan met on the way is opened
    with Enter, as a keyboard user opens it."""
    trail = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        here = page.evaluate(
            """() => { const e = document.activeElement;
                const folded = e.tagName === "SUMMARY" && !e.parentElement.open;
                return {tag: e.tagName, id: e.id, cls: e.className || "", folded: folded,
                        href: e.getAttribute("href") || "", visible: !!(e.offsetWidth ||
                        e.offsetHeight || e.getClientRects().length)}; }"""
        )
        if here["folded"]:
            page.keyboard.press("Enter")
        trail.append(here)
    return trail


def test_keyboard_reaches_search_menu_and_every_task_anchor(page, base_url):
    page.goto(base_url + "ke-hoach/nam-dinh-qd-337-2012/")
    anchors = page.eval_on_selector_all(
        "a.ck-anchor", "els => els.map(e => e.getAttribute('href'))"
    )
    assert len(anchors) == 53
    trail = focus_trail(page, 400)
    reached = {t["href"] for t in trail}
    assert any(t["id"] == "ck-header-q" for t in trail), "the header search field"
    assert any("md-nav__link" in t["cls"] for t in trail), "the main menu"
    missing = [a for a in anchors if a not in reached]
    assert not missing, f"task anchors not reachable by Tab: {missing[:10]}"
    assert all(t["visible"] for t in trail if t["href"] in anchors)


def test_focus_is_visible(page, base_url):
    page.goto(base_url + "ke-hoach/khanh-hoa-qd-4034-2017/")
    if page.locator("[data-ck-sections=open]").count():  # a long plan: unfold its sections
        page.focus("[data-ck-sections=open]")
        page.keyboard.press("Enter")
    page.focus("a.ck-anchor")
    assert page.evaluate("document.activeElement.classList.contains('ck-anchor')")
    outline = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"""
    )
    assert outline[0] != "none" or outline[2] != "none", outline


def test_search_is_usable_by_keyboard(page, base_url):
    page.goto(base_url)
    page.focus("#ck-header-q")
    page.keyboard.type("so noi vu")
    page.keyboard.press("Enter")
    page.wait_for_selector("#ck-search[data-ready=true]")
    assert page.locator("#ck-search-results > li").count() > 0
    status = page.locator("#ck-search-status")
    assert status.get_attribute("role") == "status"
    assert "kết quả" in status.inner_text()


# Pages only a larger province has: continuation pages of long lists, a filtered long list.
SYNTHETIC_PAGES = {
    "continuation page": "co-quan/thu-nghiem-01-so-noi-vu/phoi-hop/trang-2/",
    "agency with long lists": "co-quan/thu-nghiem-01-so-noi-vu/",
    "long list, filtered": "co-quan/thu-nghiem-01-so-noi-vu/?sap-xep=han",
    "long plan, folded": "ke-hoach/",
}


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("name", SYNTHETIC_PAGES, ids=list(SYNTHETIC_PAGES))
def test_no_serious_axe_violation_on_long_lists(browser, synthetic_base_url, axe_check, name,
                                                width):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(synthetic_base_url + SYNTHETIC_PAGES[name])
        if "filtered" in name:
            page.wait_for_selector("form.ck-filters[data-applied=true]")
        if "plan" in name:  # the first plan of the index, folded or not
            page.click("table.ck-plans tbody tr a >> nth=0")
        violations = axe_check(page)
    finally:
        context.close()
    assert not violations, "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}" for v in violations
    )
