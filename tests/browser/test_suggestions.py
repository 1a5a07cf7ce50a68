"""Instant suggestions in the header box: a WAI-ARIA combobox driven by the keyboard alone, whose
engine and index load only when the box gets focus."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit


def tab_to(page, element_id: str, limit: int = 60) -> None:
    """Press Tab until the element has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def state(page) -> dict:
    return page.evaluate("""() => {
        const input = document.getElementById('ck-header-q');
        const list = document.getElementById(input.getAttribute('aria-controls'));
        const active = input.getAttribute('aria-activedescendant');
        return {role: input.getAttribute('role'), expanded: input.getAttribute('aria-expanded'),
                autocomplete: input.getAttribute('aria-autocomplete'),
                listRole: list && list.getAttribute('role'), hidden: !list || list.hidden,
                options: list ? [...list.querySelectorAll('[role=option]')].map(o => ({
                    id: o.id, selected: o.getAttribute('aria-selected'), text: o.textContent,
                    href: o.dataset.href})) : [],
                active: active, focused: document.activeElement === input};
    }""")


def wait_open(page) -> dict:
    page.wait_for_function("document.getElementById('ck-header-q')"
                           ".getAttribute('aria-expanded') === 'true'", timeout=10_000)
    return state(page)


def test_engine_and_index_load_only_when_the_box_gets_focus(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    context.on("request", lambda r: requested.append(urlsplit(r.url).path))
    page = context.new_page()
    try:
        page.goto(base_url + "ke-hoach/khanh-hoa-qd-4034-2017/", wait_until="networkidle")
        scripts = page.eval_on_selector_all(
            "script[src]", "els => els.map(e => [e.getAttribute('src'), e.defer])")
        ours = [s for s in scripts if "congkhai" in s[0]]
        assert ours and all(deferred for _, deferred in ours), ours
        assert not any("congkhai-search.js" in s for s, _ in scripts)
        assert not any(p.endswith(("chi-muc.json", "congkhai-search.js")) for p in requested)
        with page.expect_request(lambda r: r.url.endswith("/tim-kiem/chi-muc.txt")):
            tab_to(page, "ck-header-q")
        assert any(p.endswith("/tim-kiem/chi-muc.json") for p in requested)
        assert any(p.endswith("/congkhai-search.js") for p in requested)
    finally:
        context.close()


def test_suggestions_by_keyboard_alone(page, base_url):
    page.goto(base_url + "ke-hoach/")
    tab_to(page, "ck-header-q")
    before = state(page)
    assert (before["role"], before["autocomplete"], before["expanded"], before["listRole"]) == (
        "combobox", "list", "false", "listbox")
    page.keyboard.type("so noi vu khanh")
    opened = wait_open(page)
    assert not opened["hidden"] and opened["focused"]
    assert opened["options"][0]["text"].endswith("Sở Nội vụ tỉnh Khánh Hòa") or (
        "Sở Nội vụ tỉnh Khánh Hòa" in opened["options"][0]["text"])
    assert all(o["selected"] == "false" for o in opened["options"])
    assert opened["active"] is None
    page.keyboard.press("ArrowDown")
    first = state(page)
    assert first["active"] == first["options"][0]["id"]
    assert first["options"][0]["selected"] == "true" and first["focused"]
    page.keyboard.press("ArrowDown")
    second = state(page)
    assert second["active"] == second["options"][1]["id"]
    assert [o["selected"] for o in second["options"][:2]] == ["false", "true"]
    page.keyboard.press("ArrowUp")
    assert state(page)["active"] == first["options"][0]["id"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(first["options"][0]["href"].split("/", 3)[-1])
    assert page.url.endswith("co-quan/khanh-hoa-so-noi-vu/")


def test_escape_closes_then_clears(page, base_url):
    page.goto(base_url)
    tab_to(page, "ck-header-q")
    page.keyboard.type("dau tu")
    wait_open(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    closed = state(page)
    assert closed["expanded"] == "false" and closed["hidden"] and closed["active"] is None
    assert page.input_value("#ck-header-q") == "dau tu"
    page.keyboard.press("Escape")
    assert page.input_value("#ck-header-q") == ""
    page.keyboard.type("dau tu")
    wait_open(page)
    page.keyboard.press("Tab")
    assert state(page)["expanded"] == "false"


def test_enter_without_a_choice_opens_the_full_results(page, base_url):
    page.goto(base_url + "linh-vuc/")
    tab_to(page, "ck-header-q")
    page.keyboard.type("mot cua lien thong")
    wait_open(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path.endswith("/tim-kiem/")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["mot cua lien thong"]
    page.wait_for_selector("#ck-search[data-ready=true]")
    assert page.locator("#ck-search-results > li").count() > 0


def test_the_last_option_opens_all_results(page, base_url):
    page.goto(base_url)
    tab_to(page, "ck-header-q")
    page.keyboard.type("thu tuc")
    opened = wait_open(page)
    last = opened["options"][-1]
    assert last["text"].startswith("Xem tất cả")
    page.keyboard.press("ArrowUp")  # from the box, up wraps to the last option
    assert state(page)["active"] == last["id"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/tim-kiem/?q=thu+tuc" in page.url or "/tim-kiem/?q=thu%20tuc" in page.url


def test_without_javascript_the_box_is_a_plain_form(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + "ke-hoach/")
        assert page.get_attribute("#ck-header-q", "role") is None
        page.fill("#ck-header-q", "so noi vu")
        page.press("#ck-header-q", "Enter")
        page.wait_for_url("**/tim-kiem/?q=so+noi+vu")
    finally:
        context.close()


def test_open_suggestions_are_accessible(browser, base_url, axe_check):
    for width, height in ((1280, 900), (800, 900)):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      locale="vi-VN")
        page = context.new_page()
        try:
            page.goto(base_url)
            tab_to(page, "ck-header-q")
            page.keyboard.type("ke hoach")
            wait_open(page)
            page.keyboard.press("ArrowDown")
            violations = axe_check(page)
        finally:
            context.close()
        assert not violations, violations
