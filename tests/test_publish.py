"""``congkhai build`` end to end, in temporary copies of the repository.

The console script installed next to the test interpreter is run with ``--root`` (a copy of
plans/, content/, theme/ and mkdocs.yml) and ``--site-dir``. A build either replaces the site
completely or leaves the previous one byte for byte, with nothing left over beside it; and editor
text that looks like HTML, or like a javascript: link, reaches readers as text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from generator.common import urls
from generator.model.entities import task_anchor
from generator.model.project import load_project

if TYPE_CHECKING:  # conftest is not importable at run time (tests/browser has one too)
    from collections.abc import Callable, Iterable

    from conftest import HtmlPage

pytestmark = pytest.mark.slow

CONGKHAI = Path(sys.executable).parent / "congkhai"
AS_OF = dt.date(2026, 11, 23)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[x](javascript:alert(1))"


def payload(field: str) -> str:
    """Hostile editor text, tagged with the field it is written to."""
    return f"{field}: {SCRIPT} {IMG} {JS_LINK}"


def congkhai_build(root: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    assert CONGKHAI.is_file(), f"console script not installed at {CONGKHAI}"
    return subprocess.run(
        [str(CONGKHAI), "build", "--root", str(root), "--site-dir", str(site_dir),
         "--as-of", AS_OF.isoformat()],
        capture_output=True, text=True, timeout=180, cwd=root, check=False,
    )


def tree_digest(directory: Path) -> str:
    """A hash of every file's relative path and bytes (and of empty directories' names)."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory).as_posix()
        if path.is_file():
            digest.update(b"F\0" + rel.encode() + b"\0" + path.read_bytes() + b"\0")
        elif path.is_dir() and not any(path.iterdir()):
            digest.update(b"D\0" + rel.encode() + b"\0")
    return digest.hexdigest()


def page_file(site_dir: Path, src_path: str) -> Path:
    return site_dir / urls.url_of(src_path) / "index.html"


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory, copy_repo: Callable[[Path], Path],
               ) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A site built successfully by ``congkhai build`` from a copy of the repository, and what
    the command printed."""
    base = tmp_path_factory.mktemp("good")
    root = copy_repo(base / "repo")
    site_dir = base / "out" / "site"
    result = congkhai_build(root, site_dir)
    assert result.returncode == 0, output(result)
    return site_dir, result


@pytest.fixture(scope="module")
def good_site(good_build: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return good_build[0]


@pytest.fixture
def previous_site(good_site: Path, tmp_path: Path) -> Path:
    """A private copy of the good site, as the site a failed build must leave alone."""
    site_dir = tmp_path / "out" / "site"
    shutil.copytree(good_site, site_dir)
    return site_dir


def test_build_creates_the_site(good_site: Path):
    project, problems = load_project(good_site.parent.parent / "repo", AS_OF)
    assert not problems
    assert (good_site / "index.html").is_file()
    for plan in project.plans:
        assert page_file(good_site, urls.plan_page(plan.id)).is_file(), plan.id
    for agency in project.agencies.values():
        assert page_file(good_site, urls.agency_page(agency.id)).is_file(), agency.id
    for area in project.areas.values():
        assert page_file(good_site, urls.area_page(area.id)).is_file(), area.id
    assert sorted(p.name for p in good_site.parent.iterdir()) == [good_site.name]


def test_build_reports_each_phase_when_it_ends(good_build):
    # Not a terminal (as in CI): one plain line per phase, in the order the build runs them.
    _site, result = good_build
    phases = [re.sub(r" \([\d.]+ s\)$", "", line) for line in result.stderr.splitlines()
              if re.search(r"\([\d.]+ s\)$", line)]
    assert len(phases) == 4, output(result)
    assert phases[0] == "Đọc và kiểm tra dữ liệu: xong"
    assert phases[1] == "Tạo trang và dữ liệu mở: xong"
    built = re.fullmatch(r"Dựng trang HTML \(MkDocs\) (\d+)/(\d+)", phases[2])
    assert built and built.group(1) == built.group(2) and int(built.group(1)) > 100
    assert phases[3] == "Công bố trang: xong"


def first_single_lead(text: str, agencies: Iterable[str]) -> tuple[int, str] | None:
    """(1-based line, agency id) of the first ``lead: <agency-id>`` line of a plan file."""
    known = set(agencies)
    for number, line in enumerate(text.splitlines(), start=1):
        m = re.fullmatch(r"\s*lead:\s*([a-z0-9-]+)\s*", line)
        if m and m.group(1) in known:
            return number, m.group(1)
    return None


def test_invalid_plan_fails_with_a_located_message_and_keeps_the_site(
    repo_copy: Path, previous_site: Path
):
    project, problems = load_project(repo_copy, AS_OF)
    assert not problems
    plan, (line, agency) = next(
        (p, found) for p in sorted(project.plans, key=lambda p: p.demo)
        if (found := first_single_lead((repo_copy / p.path).read_text("utf-8"),
                                       project.agencies)))
    path = repo_copy / plan.path
    text = path.read_text(encoding="utf-8")
    unknown = "co-quan-khong-ton-tai"
    assert unknown not in project.agencies
    lines = text.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(agency, unknown)
    path.write_text("".join(lines), encoding="utf-8")
    before = tree_digest(previous_site)

    result = congkhai_build(repo_copy, previous_site)

    assert result.returncode == 1, output(result)
    assert ": xong (" not in result.stderr  # loading failed: no phase said to be done
    location = f"{Path(plan.path).as_posix()}:{line}:"
    assert location in result.stderr, output(result)
    message = next(m for m in result.stderr.splitlines() if location in m)
    assert unknown in message, output(result)
    assert tree_digest(previous_site) == before
    assert sorted(p.name for p in previous_site.parent.iterdir()) == [previous_site.name]


def test_builder_failure_keeps_the_site_and_leaves_nothing_beside_it(
    repo_copy: Path, previous_site: Path
):
    (repo_copy / "content" / "x.md").write_text(
        "# Trang thử\n\nMột liên kết hỏng: [x](missing.md).\n", encoding="utf-8")
    before = tree_digest(previous_site)

    result = congkhai_build(repo_copy, previous_site)

    assert result.returncode == 1, output(result)
    assert "missing.md" in result.stderr, output(result)
    assert tree_digest(previous_site) == before
    assert sorted(p.name for p in previous_site.parent.iterdir()) == [previous_site.name]


# --- hostile editor text ------------------------------------------------------------------------


def hostile_plan(root: Path, title: bool = False) -> tuple[str, str]:
    """Put payloads in the text fields of the demo plan's first task and first duty.

    Returns (plan id, task id). With ``title``, the plan title gets a payload too.
    """
    project, problems = load_project(root, AS_OF)
    assert not problems
    plan = next(p for p in project.plans if p.demo)
    path = root / plan.path
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    task = data["sections"][0]["tasks"][0]
    task["title"] = payload("title")
    task["output"] = payload("output")
    task["assignment"] = payload("assignment")
    task["how"] = payload("how")
    # Paused ("tạm dừng") is the status that carries a reason; the latest update, before as-of.
    task["updates"] = [{"date": AS_OF - dt.timedelta(days=3), "status": "tam-dung",
                        "note": payload("note"), "reason": payload("reason")}]
    task["objectives"] = [{"id": "1", "text": payload("objective"), "targets": []}]
    data["duties"][0]["text"] = payload("duty")
    if title:
        data["title"] = payload("plan title")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plan.id, task["id"]


FIELDS = ("title", "output", "assignment", "how", "note", "reason", "objective", "duty")


def executable_payloads(page: HtmlPage) -> list[str]:
    """Elements or attributes that editor text turned into markup a browser would act on."""
    found = []
    for node in page.root.iter():
        if node.tag == "script" and "alert(" in "".join(
                c for c in node.children if isinstance(c, str)):
            found.append(f"{page.rel}: <script> with alert(")
        for name, value in node.attrs.items():
            if name.startswith("on") and "alert(" in (value or ""):
                found.append(f"{page.rel}: <{node.tag} {name}={value!r}>")
            if name == "onerror":
                found.append(f"{page.rel}: <{node.tag}> has onerror")
            if (value or "").strip().lower().replace("\t", "").startswith("javascript:"):
                found.append(f"{page.rel}: <{node.tag} {name}={value!r}>")
        if node.tag == "img" and node.get("src") == "x":
            found.append(f"{page.rel}: <img src=x>")
    return found


def built_pages(site_dir: Path, parse: Callable[[str, str], HtmlPage]) -> list[HtmlPage]:
    return [parse(p.read_text(encoding="utf-8"), p.relative_to(site_dir).as_posix())
            for p in sorted(site_dir.rglob("*.html"))]


def test_editor_text_is_shown_as_text(
    repo_copy: Path, tmp_path: Path, parse_html: Callable[[str, str], HtmlPage]
):
    plan_id, task_id = hostile_plan(repo_copy)
    site_dir = tmp_path / "out" / "site"

    result = congkhai_build(repo_copy, site_dir)

    assert result.returncode == 0, output(result)
    plan_page = parse_html(page_file(site_dir, urls.plan_page(plan_id)).read_text("utf-8"),
                           "plan")
    text = plan_page.text(plan_page.article)
    for field in FIELDS:
        assert payload(field) in text, f"{field} is not shown as text"
    row = plan_page.by_id(task_anchor(task_id))
    assert row is not None and payload("title") in row.text()
    pages = built_pages(site_dir, parse_html)
    assert len(pages) > 100
    found = [f for page in pages for f in executable_payloads(page)]
    assert not found, "\n".join(found[:20])


def test_plan_title_is_shown_as_text(
    repo_copy: Path, tmp_path: Path, parse_html: Callable[[str, str], HtmlPage]
):
    plan_id, _ = hostile_plan(repo_copy, title=True)
    site_dir = tmp_path / "out" / "site"

    result = congkhai_build(repo_copy, site_dir)

    assert result.returncode == 0, output(result)
    plan_page = parse_html(page_file(site_dir, urls.plan_page(plan_id)).read_text("utf-8"),
                           "plan")
    h1 = plan_page.article.find("h1")
    assert h1 is not None and h1.text() == payload("plan title")
    found = [f for page in built_pages(site_dir, parse_html) for f in executable_payloads(page)]
    assert not found, "\n".join(found[:20])
