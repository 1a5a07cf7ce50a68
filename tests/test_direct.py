"""Generated pages finished without Markdown (site/direct.py) and wrapped in the theme's page
without rendering it per page (publish/direct_pages.py) are the pages MkDocs would have made.

Two equivalences, each checked on every generated page of the repository's site and of a
synthetic province: the converter gives Python-Markdown's HTML (as the site configures it) and
table of contents; and a site built with direct pages has, page for page, the HTML of a site
built the ordinary way (``direct_pages: false``), whitespace between tags aside (the chrome's
indentation is collapsed on purpose).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from generator.facts.snapshot import Snapshot
from generator.model.entities import Project
from generator.model.project import load_project
from generator.publish.build import publish
from generator.site.direct import convert
from generator.site.pages import iter_pages
from generator.site.render import make_environment, render_direct, render_page

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


def reference(text: str) -> tuple[str, list[dict[str, object]]]:
    """Python-Markdown configured as mkdocs.yml configures MkDocs."""
    config = load_config(str(REPO / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config.markdown_extensions,
                           extension_configs=config.mdx_configs)
    return md.convert(text), md.toc_tokens


def blank_lines_aside(html: str) -> str:
    return re.sub(r"\n\s*\n", "\n", html)


def page_sources(snapshot: Snapshot) -> list[tuple[str, str]]:
    """Every generated page's Markdown body, bulk regions inline and as fragment markers."""
    env = make_environment()
    out = []
    for page in iter_pages(snapshot):
        for fragments in (None, {}):
            text = render_page(env, page, fragments)
            out.append((page.path, text.split("---\n", 2)[2]))
    return out


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory,
            synthetic_project: Callable[..., Project]) -> list[Snapshot]:
    repo, problems = load_project(REPO, AS_OF)
    assert not problems
    return [Snapshot(repo, AS_OF), Snapshot(synthetic_project(600, 12, 7), AS_OF)]


def test_converter_gives_python_markdowns_html_and_toc(corpora: list[Snapshot]) -> None:
    checked = 0
    for snapshot in corpora:
        for path, text in page_sources(snapshot):
            converted = convert(text)
            assert converted is not None, f"{path}: the fast path refused a generated page"
            html, toc = reference(text)
            assert blank_lines_aside(converted.html) == blank_lines_aside(html), path
            assert converted.toc == toc, path
            assert converted.has_h1 == ("<h1" in html)
            checked += 1
    assert checked > 300


@pytest.mark.parametrize("text", [
    "# T\n\nSome *Markdown* text.\n",
    "# T\n\n- a list\n",
    "# T\n\n<span>inline first</span>\n",
    "## T { .cls }\n",
    "## *emphasis* in a heading\n",
    "# T\n<p>no blank line after the heading</p>\n",
    "# T\n\n<div>\n<p>never closed</p>\n",
    "# T\n\n<pre>\n  code\n</pre>\n",
    "# T\n\n<!-- a comment --> and text after it\n",
])
def test_anything_else_is_left_to_markdown(text: str) -> None:
    assert convert(text) is None


def test_headings_ids_and_escapes_match_markdown() -> None:
    text = ("# Kế hoạch 1\\. A &amp; B &lt;x&gt;\n\n## Mục\n\n## Mục\n\n"
            "### 2\\. Lĩnh vực { #muc-2 }\n\n<div class=\"x\">\n\n<p>a</p>\n\n</div>\n\n"
            "<!-- a comment\nover lines -->\n")
    converted = convert(text)
    assert converted is not None
    html, toc = reference(text)
    assert blank_lines_aside(converted.html) == blank_lines_aside(html)
    assert converted.toc == toc


def test_direct_body_keeps_bulk_regions_in_place(corpora: list[Snapshot]) -> None:
    snapshot = corpora[0]
    env = make_environment()
    page = next(p for p in iter_pages(snapshot) if p.template == "plan.md.j2")
    finished = render_direct(env, page)
    assert finished is not None
    header, body = finished.split("\n", 1)
    assert '"title"' in header and "<!--ck:" not in body
    html, _ = reference(render_page(env, page).split("---\n", 2)[2])
    assert blank_lines_aside(body) == blank_lines_aside(html)


# --- the built site ---------------------------------------------------------------------------


def build(root: Path, site: Path, direct: bool) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if not direct:
        config.write_text(text.replace("  - congkhai\n",
                                       "  - congkhai:\n      direct_pages: false\n"),
                          encoding="utf-8")
    project, problems = load_project(root, AS_OF)
    assert not problems
    publish(root, project, AS_OF, site)
    config.write_text(text, encoding="utf-8")
    return site


def pages_of(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}


def whitespace_aside(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.slow
def test_a_site_with_direct_pages_is_the_ordinary_site(copy_repo: Callable[[Path], Path],
                                                      tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    direct = pages_of(build(root, tmp_path / "direct", direct=True))
    shutil.rmtree(root / "build")
    ordinary = pages_of(build(root, tmp_path / "ordinary", direct=False))
    assert direct.keys() == ordinary.keys()
    differ = [p for p in direct if whitespace_aside(direct[p]) != whitespace_aside(ordinary[p])]
    assert differ == []
    # the direct build really took the short way for the plan pages: their chrome is collapsed
    plan = next(p for p in direct if p.startswith("ke-hoach/") and p.count("/") == 2)
    assert len(direct[plan]) < len(ordinary[plan])
    assert "\n\n" not in direct[plan].split("<article", 1)[0]


@pytest.mark.slow
def test_a_theme_that_prints_page_specific_chrome_falls_back(
        copy_repo: Callable[[Path], Path], tmp_path: Path) -> None:
    """A custom theme putting the page's source path in every page defeats the cut: the
    self-check notices, and the pages are rendered the ordinary way, correctly."""
    root = copy_repo(tmp_path / "repo")
    main = root / "theme" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block scripts %}",
        '{% block footer %}{% if page %}<p class="src">{{ page.file.src_uri }}</p>{% endif %}'
        '{% endblock %}\n'
        "{% block scripts %}"), encoding="utf-8")
    pages = pages_of(build(root, tmp_path / "site", direct=True))
    for rel, html in pages.items():
        if rel.startswith("ke-hoach/") and rel.count("/") == 2:
            plan = rel.split("/")[1]
            assert f'<p class="src">ke-hoach/{plan}.md</p>' in html


@pytest.mark.slow
def test_generated_downloads_are_linked_into_the_site(copy_repo: Callable[[Path], Path],
                                                      tmp_path: Path) -> None:
    """Downloads and feeds are hard-linked from the build's working tree, not copied (a second
    copy of half a province's site while it builds); pages are written, never linked."""
    from generator.publish.build import run_mkdocs

    root = copy_repo(tmp_path / "repo")
    project, problems = load_project(root, AS_OF)
    assert not problems
    work, site = tmp_path / "work", tmp_path / "site"
    run_mkdocs(root, project, AS_OF, site, True, None, work_dir=work)
    download = site / "du-lieu" / "congkhai.json"
    assert download.stat().st_ino == (work / "du-lieu" / "congkhai.json").stat().st_ino
    page = next(site.glob("ke-hoach/*/index.html"))
    assert page.stat().st_nlink == 1
