"""Generated pages finished without MkDocs' Markdown and theme passes.

A large site is thousands of generated pages outside the navigation (plans, agencies, areas and
their continuation pages). For each, MkDocs would parse the Markdown (and the HTML blocks in it)
and render Material's ``main.html`` (header, navigation, table of contents, footer): that was
half of a build. Around such a page everything the theme prints is the same for every page at
the same depth, except a few values: its title, description, URL, table of contents and body.

So the generator writes the page's finished body (:func:`generator.site.render.render_direct`),
MkDocs builds the page from an empty template (its ``Page`` here reads only the body's header and
converts nothing), and :class:`Chrome` fills in the theme's page, rendered once per depth with
sentinel values and cut at them. The first page of each kind is also rendered the ordinary way
and compared: should a theme or configuration put something page-specific in the chrome, every
page is rendered the ordinary way instead (same output, ordinary speed).

The theme's whitespace between tags (half of the chrome's bytes) is collapsed in what is cut:
whitespace containing a line break between block elements renders the same as one line break.

The other generated files (downloads and feeds, half of a large site's bytes) are hard-linked
into the site rather than copied (:class:`LinkedFile`): the generator never rewrites a file in
place (a changed file is a new file renamed over the old), so the two names can share it.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment, Template
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.site.render import page_path_of_direct, read_direct_header
from generator.sources.textnorm import toc_slugify

log = logging.getLogger("mkdocs.plugins.congkhai")

DIRECT_TEMPLATE = "congkhai-direct-page.html"
# Markdown configurations under which generated pages convert the same without Markdown.
_EXTENSIONS = frozenset({"toc", "tables", "fenced_code", "attr_list", "admonition"})
_TOC_OPTIONS = frozenset({"permalink", "slugify"})
_SENTINEL = "ck7direct7{}7"
_WHITESPACE = re.compile(r"[ \t]*\n\s*")


def nav_paths(nav: Iterable[Any] | None) -> set[str]:
    """Source paths named in a ``nav`` configuration (nested lists and mappings)."""
    found: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, Mapping):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(list(nav or []))
    return found


def unsupported(config: MkDocsConfig) -> str | None:
    """Why generated pages cannot be finished directly under ``config``, or None if they can."""
    if not config.nav:
        return "automatic navigation (every page is in it)"
    if set(config.plugins) - {"congkhai"}:
        return "other plugins: " + ", ".join(sorted(set(config.plugins) - {"congkhai"}))
    names = {e if isinstance(e, str) else next(iter(e)) for e in config.markdown_extensions}
    if names - _EXTENSIONS:
        return "Markdown extensions: " + ", ".join(sorted(names - _EXTENSIONS))
    toc = (config.mdx_configs or {}).get("toc", {})
    if set(toc) - _TOC_OPTIONS or toc.get("permalink") or toc.get("slugify") is not toc_slugify:
        return "toc options"
    if config.theme.name != "material":
        return f"theme {config.theme.name}"
    return None


class DirectPage(Page):
    """A generated page whose body is finished: nothing to read but its header, nothing to
    convert. Its body file is ``file.abs_src_path`` (header line, then the body)."""

    header: dict[str, Any]

    def read_source(self, config: MkDocsConfig) -> None:
        with open(self.file.abs_src_path, encoding="utf-8") as handle:  # type: ignore[arg-type]
            self.header = read_direct_header(handle.readline())
        self.markdown = ""
        self.meta = {"title": self.header["title"], "template": DIRECT_TEMPLATE}
        if self.header["description"]:
            self.meta["description"] = self.header["description"]
        if self.header["demo"]:
            self.meta["demo"] = True
        # what the front matter would say besides (theme/main.html reads them)
        for name in ("scripts", "hide"):
            if self.header.get(name):
                self.meta[name] = list(self.header[name])

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc(self.header["toc"])

    def body(self) -> str:
        with open(self.file.abs_src_path, encoding="utf-8") as handle:  # type: ignore[arg-type]
            handle.readline()
            return handle.read()


class LinkedFile(File):
    """A generated file that MkDocs hard-links into the site instead of copying (a copy where
    the two directories are on different file systems)."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        target = self.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            if os.path.lexists(target):
                os.unlink(target)
            os.link(self.abs_src_path, target)  # type: ignore[arg-type]
        except OSError:
            super().copy_file(dirty)


def direct_file(config: MkDocsConfig, rel: str, abs_path: str) -> File:
    """The MkDocs file (and page) of a ``_pages/…`` body: a documentation page at the path of
    the page it stands for, read from the body file (so a changed body is a modified page)."""
    file = File.generated(config, page_path_of_direct(rel), abs_src_path=abs_path)
    DirectPage(None, file, config)
    return file


def add_template(env: Environment) -> None:
    """Give the theme an empty template for direct pages: MkDocs renders it, the plugin
    replaces the (empty) output with the finished page."""
    env.loader = ChoiceLoader([DictLoader({DIRECT_TEMPLATE: ""}), env.loader])  # type: ignore


class _HasH1(str):
    """Page content for Material's "print the title unless the page has an <h1>" test."""

    def __contains__(self, item: object) -> bool:
        return True if item == "<h1" else str.__contains__(self, item)  # type: ignore[arg-type]


@dataclass
class _Cut:
    parts: list[str]  # literal pieces and slot names, alternating (pieces at even indexes)
    toc: Template


class Chrome:
    """The theme's page around direct pages, one cut per kind of page."""

    def __init__(self, config: MkDocsConfig, env: Environment, nav: Navigation,
                 files: Files) -> None:
        self.config, self.env, self.nav, self.files = config, env, nav, files
        self.doc_files = files.documentation_pages()
        self.cuts: dict[tuple[object, ...], _Cut | None] = {}
        self.tocs: dict[str, str] = {}
        self.toc_template = env.from_string(
            '{% import "partials/language.html" as lang with context %}'
            '{% include "partials/toc.html" %}')
        self.failed: str | None = None

    def page(self, page: DirectPage) -> str:
        """The finished HTML of ``page``."""
        body = page.body()
        header = page.header
        # Links in the chrome are relative to the page's folder (the navigation's "co-quan/"
        # is "../" from co-quan/x/ but "../../co-quan/" from ke-hoach/x/): one cut per folder.
        folder, name = _split(page.url)
        key = (folder, bool(header["demo"]), bool(header["description"]),
               bool(header["toc"]), bool(header["h1"]), tuple(header.get("scripts", ())),
               tuple(header.get("hide", ())))
        if self.failed is None and key not in self.cuts:
            self.cuts[key] = self._cut(key, page, body)
        cut = self.cuts.get(key)
        if cut is None:
            return self._ordinary(page, body)
        values = {
            "title": header["title"], "description": header["description"], "url": name,
            "skip": header["toc"][0]["id"] if header["toc"] else "", "content": body,
            "toc": self._toc(page, cut),
        }
        return "".join(part if i % 2 == 0 else values[part]
                       for i, part in enumerate(cut.parts))

    def _toc(self, page: DirectPage, cut: _Cut) -> str:
        tokens = json.dumps(page.header["toc"], ensure_ascii=False)
        html = self.tocs.get(tokens)
        if html is None:
            html = self.tocs[tokens] = _WHITESPACE.sub(
                "\n", cut.toc.render(self._context(page))).strip()
        return html

    def _context(self, page: Page) -> dict[str, Any]:
        context = get_context(self.nav, self.doc_files, self.config, page)
        return self.config.plugins.on_page_context(context, page=page, config=self.config,
                                                   nav=self.nav)

    def _render(self, page: Page) -> str:
        return self.env.get_template("main.html").render(self._context(page))

    def _ordinary(self, page: DirectPage, body: str) -> str:
        """The page as MkDocs would render it with the theme's main template."""
        meta = dict(page.meta)
        page.meta = {k: v for k, v in meta.items() if k != "template"}
        page.content = body
        try:
            return self._render(page)
        finally:
            page.meta, page.content = meta, ""

    def _cut(self, key: tuple[object, ...], page: DirectPage, body: str) -> _Cut | None:
        folder, demo, described, has_toc, h1, scripts, hide = key
        s = {name: _SENTINEL.format(name) for name in
             ("title", "description", "url", "skip", "content", "tocname", "toc")}
        probe_uri = f"{folder}{s['url'][:-1]}.md"
        probe = Page(None, File.generated(self.config, probe_uri, content=""), self.config)
        probe.markdown = ""
        probe.meta = {"title": s["title"]}
        if described:
            probe.meta["description"] = s["description"]
        if demo:
            probe.meta["demo"] = True
        if scripts:
            probe.meta["scripts"] = list(scripts)
        if hide:
            probe.meta["hide"] = list(hide)
        probe.content = _HasH1(s["content"]) if h1 else s["content"]
        probe.toc = get_toc([{"level": 1, "id": s["skip"], "name": s["tocname"],
                              "html": s["tocname"], "data-toc-label": "", "children": []}]
                            if has_toc else [])
        html = self._render(probe)
        toc = self.toc_template.render(self._context(probe))
        url = probe.url
        if html.count(toc) != 1 or s["tocname"] in html.replace(toc, ""):
            return self._give_up("the table of contents is not where expected")
        html = html.replace(toc, s["toc"])
        names = {s[k]: k for k in ("title", "description", "skip", "content", "toc")}
        names[_split(url)[1]] = "url"
        pieces = re.split("(" + "|".join(map(re.escape, names)) + ")", html)
        parts = [piece if i % 2 == 0 else names[piece] for i, piece in enumerate(pieces)]
        if "content" not in parts[1::2]:
            return self._give_up("the page content is not where expected")
        cut = _Cut(parts, self.toc_template)
        # Check the cut on a real page before trusting it.
        filled = {"title": page.header["title"], "description": page.header["description"],
                  "url": _split(page.url)[1], "content": body,
                  "skip": page.header["toc"][0]["id"] if page.header["toc"] else "",
                  "toc": cut.toc.render(self._context(page))}
        assembled = "".join(p if i % 2 == 0 else filled[p] for i, p in enumerate(parts))
        if assembled != self._ordinary(page, body):
            return self._give_up(f"{page.file.src_uri} differs from the theme's rendering")
        cut.parts = [_WHITESPACE.sub("\n", p) if i % 2 == 0 else p
                     for i, p in enumerate(parts)]
        return cut

    def _give_up(self, why: str) -> None:
        self.failed = why
        log.info("congkhai: generated pages rendered by the theme one by one (%s)", why)
        return None


def _split(url: str) -> tuple[str, str]:
    """A directory URL as its folder and its last part: ``co-quan/x/`` is (``co-quan/``,
    ``x/``)."""
    folder, _, name = url.rstrip("/").rpartition("/")
    return (folder + "/" if folder else ""), name + "/"
