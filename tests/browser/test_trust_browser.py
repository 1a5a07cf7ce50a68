"""Issue 18 in a browser: what only a browser shows.

* The stale-data notice: the page cannot know when it is read, so a script compares the status
  date with the reader's today and shows the notice when the nightly rebuild has stopped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.common.dataset import FEED_ENTRY_LIMIT
from generator.model.project import load_project

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 23)  # as the browser tests' site (conftest.py)


def _stale_after_days() -> int:
    project, _ = load_project(ROOT, AS_OF)
    days = project.settings.stale_after_days
    assert days, "the repository's site is configured to say when its data is stale"
    return days


def test_stale_notice_shows_when_the_status_date_is_old(page, base_url) -> None:
    days = _stale_after_days()
    today = AS_OF + dt.timedelta(days=days + 11)
    page.clock.set_fixed_time(dt.datetime(today.year, today.month, today.day, 10,
                                          tzinfo=dt.timezone(dt.timedelta(hours=7))))
    page.goto(base_url + "ke-hoach/")
    notice = page.locator(".ck-stale")
    assert notice.is_visible()
    assert f"{AS_OF:%d/%m/%Y}" in notice.inner_text()
    assert str(days + 11) in notice.inner_text()


def test_stale_notice_stays_hidden_while_the_data_is_fresh(page, base_url) -> None:
    days = _stale_after_days()
    today = AS_OF + dt.timedelta(days=days)
    page.clock.set_fixed_time(dt.datetime(today.year, today.month, today.day, 23,
                                          tzinfo=dt.timezone(dt.timedelta(hours=7))))
    page.goto(base_url)
    assert page.locator(".ck-stale").count() == 1
    assert not page.locator(".ck-stale").is_visible()


def test_feeds_read_as_a_page_with_how_to_subscribe(page, base_url) -> None:
    project, _ = load_project(ROOT, AS_OF)
    plan = next(p for p in project.plans if p.demo)  # the demo plan has progress reports
    reports = sum(1 for t in plan.tasks for s in (t, *t.subtasks) for u in s.updates
                  if u.date <= AS_OF)
    for path, entries in ((f"du-lieu/ke-hoach/{plan.id}.xml", min(reports, FEED_ENTRY_LIMIT)),
                          ("du-lieu/cap-nhat.xml", None)):
        response = page.goto(base_url + path)
        assert response is not None and response.ok
        # The browser replaces the XML document by the transformation's result once loaded.
        page.locator("main h1").wait_for(timeout=10_000)
        assert page.locator("h1").count() == 1, path
        text = page.locator("main").inner_text()
        assert "Đây là nguồn tin (Atom)" in text and "Cách theo dõi" in text, path
        # The address to copy is the feed's own (from the site's configured address).
        assert f"/{path}" in text
        if entries is not None:
            assert page.locator("main ol > li").count() == entries
            first = page.locator("main ol > li a").first.get_attribute("href") or ""
            assert f"ke-hoach/{plan.id}/#nv-" in first
        # No raw XML view: the browser applied the stylesheet.
        assert "does not appear to have any style information" not in page.content()
