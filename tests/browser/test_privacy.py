"""No third parties and no JavaScript needed: what Chromium actually requests and shows."""

from __future__ import annotations

from urllib.parse import urlsplit

BROWSE = [
    "",
    "ke-hoach/",
    "ke-hoach/khanh-hoa-qd-4034-2017/",
    "ke-hoach/minh-hoa-kh-01-2025/",
    "co-quan/",
    "co-quan/khanh-hoa-so-noi-vu/",
    "linh-vuc/",
    "linh-vuc/thu-tuc-hanh-chinh/",
    "qua-han/",
    "sap-den-han/",
    "tim-kiem/?q=dau%20tu",
    "du-lieu-mo/",
    "phuong-phap/",
    "gioi-thieu/",
    "huong-dan-bien-tap/",
]


def test_no_request_leaves_the_site(browser, base_url):
    origin = urlsplit(base_url).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for path in BROWSE:
        page.goto(base_url + path, wait_until="networkidle")
    # the search loads its index and shows results: every request that takes is recorded
    page.goto(base_url + "tim-kiem/")
    page.wait_for_selector("#ck-search[data-ready=true]", timeout=10_000)
    page.fill("#ck-search-input", "thu tuc")
    page.wait_for_function(
        "document.querySelectorAll('#ck-search-results > li').length > 0", timeout=10_000)
    page.wait_for_load_state("networkidle")
    context.close()
    assert requested, "the recorder saw nothing"
    foreign = sorted({u for u in requested if urlsplit(u).scheme in ("http", "https")
                      and urlsplit(u).netloc != origin})
    others = sorted({u for u in requested if urlsplit(u).scheme not in ("http", "https", "data",
                                                                         "blob")})
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not others, f"unexpected request schemes: {others}"


def test_reading_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(base_url + "ke-hoach/nam-dinh-qd-337-2012/")
        row = page.locator("#nv-pl-15")
        # a long plan's sections are folded; a tap on a section's summary unfolds it
        section = page.locator("details.ck-section:has(#nv-pl-15)")
        if section.get_attribute("open") is None:
            section.locator("> summary").click()
        assert row.is_visible()
        assert "Khảo sát đánh giá sự hài lòng của người dân đối với dịch vụ y tế công" in (
            row.inner_text())
        assert page.locator("text=Tháng 9/2015").first.is_visible()
        # a link to a task in a folded section lands on it (the browser unfolds the section)
        page.goto(base_url + "ke-hoach/nam-dinh-qd-337-2012/")
        page.goto(base_url + "ke-hoach/nam-dinh-qd-337-2012/#nv-pl-15")
        assert page.locator("#nv-pl-15").is_visible()
        page.goto(base_url + "co-quan/nam-dinh-so-y-te/")
        assert page.locator("[data-role=lead] tr[data-task]").count() >= 1
        page.goto(base_url + "qua-han/")
        assert page.locator("tr[data-task]").count() > 10
        # The history of updates opens without JavaScript (native <details>).
        page.goto(base_url + "ke-hoach/minh-hoa-kh-01-2025/")
        details = page.locator("details.ck-history").first
        details.locator("summary").click()
        assert details.locator("ol li").first.is_visible()
        page.goto(base_url + "tim-kiem/")
        assert page.locator("noscript").count() == 1
    finally:
        context.close()
