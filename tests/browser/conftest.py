"""Browser tests: the built site served on localhost, driven by Playwright in Debian's Chromium.

``playwright install`` cannot download browsers here, so the tests use /usr/bin/chromium (set up by
``scripts/setup --with-browser``). Without it they are skipped locally and fail under CI=true.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from generator.model.project import load_project
from generator.publish.build import publish

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AS_OF = dt.date(2026, 11, 23)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _require(path: Path, what: str) -> None:
    if path.exists():
        return
    message = f"{what} not found at {path}; run ./scripts/setup --with-browser"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built once as of 2026-11-23."""
    project, problems = load_project(ROOT, AS_OF)
    assert not problems
    out = tmp_path_factory.mktemp("browser") / "site"
    publish(ROOT, project, AS_OF, out)
    return out


@pytest.fixture(scope="session")
def synthetic_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small fictional province (``bench.synthetic``, 700 tasks in 6 plans) with this
    repository's mkdocs.yml, theme and hand-written pages, built once as of 2026-11-23: its
    long lists (a group agency's tasks, overdue) are paginated."""
    from bench import synthetic
    from bench.benchmark import overlay_site

    root = tmp_path_factory.mktemp("synthetic-site") / "repo"
    synthetic.generate(root, synthetic.Size(tasks=700, plans=6, provinces=1), seed=3,
                       as_of=AS_OF)
    overlay_site(root)
    project, problems = load_project(root, AS_OF)
    assert not problems
    out = root.parent / "site"
    publish(root, project, AS_OF, out)
    return out


def _serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def base_url(site_dir: Path):
    """The built site served over HTTP on a free localhost port."""
    server = _serve(site_dir)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def synthetic_base_url(synthetic_site_dir: Path):
    """The synthetic province's site served over HTTP on a free localhost port."""
    server = _serve(synthetic_site_dir)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium under Playwright."""
    _require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from the npm registry (installed by npm ci)."""
    _require(AXE, "axe-core")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def axe_check(axe_source: str):
    """``axe_check(page)``: axe-core's serious and critical WCAG 2.1 A/AA violations on the
    page as it is now (for states only a script reaches, such as open suggestions)."""

    def check(page) -> list[dict]:
        page.add_script_tag(content=axe_source)
        found = page.evaluate(
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
        return [v for v in found if v["impact"] in ("serious", "critical")]

    return check


@pytest.fixture
def page(browser):
    """A fresh desktop page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    pg = context.new_page()
    yield pg
    context.close()
