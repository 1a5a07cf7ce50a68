"""Shared fixtures: the repository's site built once, and a small HTML reader.

Test modules get everything through fixtures (``built_site``, ``site_pages``, ``parse_html``,
``copy_repo``, ``repo_copy``): ``import conftest`` is ambiguous, since tests/browser has a
conftest.py of its own.

The site is built from a copy of the repository's sources (plans/, content/, theme/, mkdocs.yml)
in a temporary directory: the congkhai plugin writes its generated Markdown under
``<root>/build/generated``, and building the shared checkout in place would race with anyone
else building it at the same time. The copy is the repository's site all the same.

HTML is read with the standard library's ``html.parser`` into a minimal tree (no new dependency).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import pytest

from generator.facts.snapshot import Snapshot
from generator.model.entities import Project

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
SOURCES = ("plans", "content", "theme")
SOURCE_FILES = ("mkdocs.yml", "congkhai.yml")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: runs the congkhai command end to end (a few seconds per build)"
    )


def copy_sources(dest: Path, src: Path = REPO) -> Path:
    """Copy what a build reads (plans/, content/, theme/, mkdocs.yml, congkhai.yml) into
    ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        shutil.copytree(src / name, dest / name)
    for name in SOURCE_FILES:
        if (src / name).exists():
            shutil.copy2(src / name, dest / name)
    return dest


# --- a minimal HTML tree --------------------------------------------------------------------------

VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})

# Elements whose content a browser reads as text (Python's parser knows only script and style).
RCDATA = frozenset({"title", "textarea"})


@dataclass(eq=False)
class Node:
    """An element: tag, attributes (last one wins), children (nodes and text)."""

    tag: str
    attrs: dict[str, str | None]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def get(self, name: str, default: str = "") -> str:
        value = self.attrs.get(name)
        return default if value is None else value

    def iter(self) -> Iterator[Node]:
        """This element and every element below it, in document order."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed([c for c in node.children if isinstance(c, Node)]))

    def find_all(self, tag: str | None = None,
                 where: Callable[[Node], bool] | None = None) -> list[Node]:
        return [n for n in self.iter()
                if (tag is None or n.tag == tag) and (where is None or where(n))]

    def find(self, tag: str | None = None,
             where: Callable[[Node], bool] | None = None) -> Node | None:
        found = self.find_all(tag, where)
        return found[0] if found else None

    def by_attr(self, name: str, value: str) -> list[Node]:
        return self.find_all(where=lambda n: n.attrs.get(name) == value)

    def has_class(self, name: str) -> bool:
        return name in self.get("class").split()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def text(self) -> str:
        """Text content, whitespace collapsed."""
        parts: list[str] = []

        def walk(node: Node) -> None:
            if node.tag in ("script", "style"):
                return
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    walk(child)

        walk(self)
        return " ".join("".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack: list[Node] = [self.root]

    def _in_rcdata(self) -> bool:
        return self.stack[-1].tag in RCDATA

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._in_rcdata():  # "<script>" inside <title> is text to a browser
            self.handle_data(self.get_starttag_text() or "")
            return
        node = Node(tag, dict(attrs), self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._in_rcdata():
            self.handle_data(self.get_starttag_text() or "")
            return
        self.stack[-1].children.append(Node(tag, dict(attrs), self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if self._in_rcdata() and tag != self.stack[-1].tag:
            self.handle_data(f"</{tag}>")
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass(eq=False)
class HtmlPage:
    """A built HTML file: its path relative to the site root, raw text and parsed tree."""

    rel: str
    raw: str
    root: Node

    @property
    def ids(self) -> set[str]:
        return {n.attrs["id"] or "" for n in self.root.iter() if "id" in n.attrs}

    def by_id(self, anchor: str) -> Node | None:
        return self.root.find(where=lambda n: n.attrs.get("id") == anchor)

    @property
    def article(self) -> Node:
        """The page's main content (Material's ``article``), or the whole page."""
        found = self.root.find("article")
        return found if found is not None else self.root

    def hrefs(self, scope: Node | None = None) -> list[str]:
        return [n.get("href") for n in (scope or self.root).find_all("a") if "href" in n.attrs]

    def srcs(self, scope: Node | None = None) -> list[str]:
        return [n.get("src") for n in (scope or self.root).iter() if "src" in n.attrs]

    def text(self, scope: Node | None = None) -> str:
        return (scope or self.root).text()

    def resolve(self, href: str) -> tuple[str, str]:
        """A relative link as (site-relative file, fragment); directory URLs end in index.html."""
        return resolve_link(self.rel, href)


def parse_html(text: str, rel: str = "") -> HtmlPage:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return HtmlPage(rel, text, builder.root)


def resolve_link(from_file: str, href: str) -> tuple[str, str]:
    """Resolve a relative ``href`` found in the site file ``from_file``.

    Returns the target file relative to the site root (``""`` escapes the site) and the
    fragment. A path ending in ``/`` (or empty, or ``.``) means that directory's index.html.
    """
    path, _, fragment = href.partition("#")
    path = path.split("?", 1)[0]
    base = posixpath.dirname(from_file)
    if not path:
        return from_file, fragment
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined.startswith(".."):
        return "", fragment
    if path.endswith("/") or path in (".", "..") or joined == ".":
        joined = "index.html" if joined == "." else f"{joined}/index.html"
    return joined, fragment


# --- fixtures -------------------------------------------------------------------------------------


class BuiltSite(NamedTuple):
    """What ``built_site`` returns; unpacks as (site_dir, project, snapshot)."""

    site_dir: Path
    project: Project
    snapshot: Snapshot


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's site, built with ``publish`` as of 2026-11-23.

    Returns (site_dir, project, snapshot), also readable by those names.
    """
    from generator.model.project import load_project
    from generator.publish.build import publish

    root = copy_sources(tmp_path_factory.mktemp("built") / "repo")
    project, problems = load_project(root, AS_OF)
    assert not problems, [f"{p.location()}: {p.message}" for p in problems]
    site_dir = root.parent / "site"
    publish(root, project, AS_OF, site_dir)
    return BuiltSite(site_dir, project, Snapshot(project, AS_OF))


@pytest.fixture(scope="session")
def site_pages(built_site: BuiltSite) -> dict[str, HtmlPage]:
    """Every HTML file of the built site, parsed, by path relative to the site root."""
    pages = {}
    for path in sorted(built_site.site_dir.rglob("*.html")):
        rel = path.relative_to(built_site.site_dir).as_posix()
        pages[rel] = parse_html(path.read_text(encoding="utf-8"), rel)
    return pages


@pytest.fixture(scope="session", name="parse_html")
def parse_html_fixture() -> Callable[[str, str], HtmlPage]:
    """``parse_html(text, rel)``: the HTML reader, for tests that parse HTML of their own."""
    return parse_html


@pytest.fixture(scope="session", name="copy_repo")
def copy_repo_fixture() -> Callable[[Path], Path]:
    """``copy_repo(dest)``: copy the repository's sources into ``dest``, return ``dest``."""
    return copy_sources


@pytest.fixture(scope="session", name="synthetic_project")
def synthetic_project_fixture(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[..., Project]:
    """Makes a small fictional province with ``bench.synthetic`` (one per size and seed),
    loaded as of ``AS_OF`` and checked valid."""
    from bench import synthetic
    from generator.model.project import load_project

    made: dict[tuple[int, int, int], Project] = {}

    def make(tasks: int, plans: int, seed: int) -> Project:
        if (tasks, plans, seed) not in made:
            corpus = tmp_path_factory.mktemp("synthetic")
            synthetic.generate(corpus, synthetic.Size(tasks=tasks, plans=plans, provinces=1),
                               seed=seed, as_of=AS_OF)
            project, problems = load_project(corpus, AS_OF)
            assert not problems, [f"{p.location()}: {p.message}" for p in problems]
            made[tasks, plans, seed] = project
        return made[tasks, plans, seed]

    return make


@pytest.fixture(name="repo_copy")
def repo_copy_fixture(tmp_path: Path) -> Path:
    """A fresh copy of the repository's sources (plans/, content/, theme/, mkdocs.yml)."""
    return copy_sources(tmp_path / "repo")
