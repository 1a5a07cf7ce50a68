"""Rendering view models into the files of the generated documentation tree.

The output is plain Markdown files with HTML blocks and front matter, which any
MkDocs-1.x-compatible builder can build; nothing here knows about MkDocs.

Large tables are "bulk regions" (marked in the templates). Markdown has nothing to do inside
them, yet Python-Markdown still scans them at about 3 MB/s, which dominates builds of large
corpora. With ``fragments=True`` a page's bulk regions are written to one file,
``_fragments/<page>.html``, and each is replaced in the Markdown by a marker comment,
``<!-- congkhai:fragment PATH N DIGEST -->``, that the builder plugin swaps for region N of
that file in the finished page. (One file per page, not per region: creating a file costs about
half a millisecond here, and a large site has tens of thousands of regions.) With
``fragments=False`` the tree is self-contained, for builders without the plugin.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator import urls
from generator.changes import Scope
from generator.feeds import iter_feeds
from generator.history import Change
from generator.markup import markdown_inline_escape, yaml_string
from generator.opendata import (
    OPEN_DATA_DESCRIPTION,
    OPEN_DATA_PAGE,
    OPEN_DATA_TITLE,
    FileInfo,
    build_downloads,
    describe_files,
    open_data_page,
)
from generator.pages import Page, TaskView, iter_pages
from generator.presentation import status_css
from generator.search import INDEX_PATH, build_index, index_json, read_handwritten
from generator.snapshot import Snapshot
from generator.writer import TreeWriter, WriteStats

STATUS_CSS = "assets/stylesheets/congkhai-status.css"
FRAGMENTS_DIR = "_fragments"
# The digest makes the Markdown change whenever its fragment does, so builders that rebuild only
# modified sources (mkdocs serve --dirty) rebuild the page.
FRAGMENT_MARKER = "<!-- congkhai:fragment {} {} {} -->"
FRAGMENT_RE = re.compile(r"<!-- congkhai:fragment (\S+) (\d+) \w+ -->")
# Between the regions of a page's fragment file; editor text is escaped, so it cannot contain it.
FRAGMENT_SEPARATOR = "\n<!--congkhai:next-fragment-->\n"
_BULK_OPEN = "<!--ck:bulk-->"
_BULK_CLOSE = "<!--/ck:bulk-->"


def make_environment() -> Environment:
    """The Jinja environment: autoescaping on, undefined variables are errors."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["mdheading"] = markdown_inline_escape
    env.filters["yamlstr"] = yaml_string
    rows: dict[object, Markup] = {}

    def list_row(view: TaskView) -> Markup:
        # The same task appears in several lists at the same depth; render its row once.
        html = rows.get(view.row_key)
        if html is None:
            html = Markup(env.get_template("_list_row.j2").render(t=view))
            if view.row_key is not None:
                rows[view.row_key] = html
        return html

    env.filters["list_row"] = list_row
    macros = env.get_template("_macros.j2").module
    for name in ("link", "links", "status", "deadline"):
        env.filters[name] = _memoized(getattr(macros, name))
    return env


def _memoized(macro: object) -> object:
    """A filter that renders ``macro`` once per distinct (hashable) argument.

    The same agency link, status badge or deadline appears thousands of times in a large site;
    Jinja macro calls are costly, dictionary look-ups are not.
    """
    cache: dict[object, Markup] = {}

    def render(value: object) -> Markup:
        key = _freeze(value)
        html = cache.get(key)
        if html is None:
            html = cache[key] = Markup(macro(value))  # type: ignore[operator]
        return html

    return render


def _freeze(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def front_matter(page: Page) -> str:
    """YAML front matter for a page; strings are JSON-quoted, which YAML reads as is.

    Titles and descriptions are HTML-escaped here because the theme prints ``page.meta.title``
    (header, ``<title>``) without escaping: an editor's "<script>" must arrive as text.
    """
    lines = ["---", f"title: {yaml_string(str(escape(page.title)))}"]
    if page.description:
        lines.append(f"description: {yaml_string(str(escape(page.description)))}")
    if page.demo:
        lines.append("demo: true")
    lines.append("---")
    return "\n".join(lines) + "\n"


def render_page(env: Environment, page: Page, fragments: dict[str, str] | None = None) -> str:
    """The complete Markdown source of one page.

    When ``fragments`` is a dict, the page's bulk regions are moved into it (one entry, the
    page's fragment file) and replaced by markers; otherwise they stay inline.
    """
    body = env.get_template(page.template).render(page=page, **page.context)
    parts = body.split(_BULK_OPEN)
    out = [parts[0]]
    regions: list[str] = []
    path = f"{FRAGMENTS_DIR}/{page.path[: -len('.md')]}.html"
    for part in parts[1:]:
        bulk, _, rest = part.partition(_BULK_CLOSE)
        if fragments is None:
            out.append(bulk)
        else:
            digest = hashlib.sha1(bulk.encode("utf-8")).hexdigest()[:12]
            out.append("\n" + FRAGMENT_MARKER.format(path, len(regions), digest) + "\n\n")
            regions.append(bulk)
        out.append(rest)
    if regions and fragments is not None:
        fragments[path] = FRAGMENT_SEPARATOR.join(regions)
    return front_matter(page) + "".join(out).lstrip("\n")


PARALLEL_OPEN_DATA = 2000  # facts; below this a second process costs more than it saves


_DataResult = tuple[dict[str, bytes], dict[str, FileInfo], TreeWriter | None]


def _open_data(snapshot: Snapshot, source_commit: str | None, site_url: str | None,
               writer: TreeWriter | None) -> _DataResult:
    """Downloads and feeds: written through ``writer`` and only described, or returned."""
    kept: dict[str, bytes] = {}
    info: dict[str, FileInfo] = {}
    # a writer of its own, so that the caller can merge what it wrote, whichever process ran it
    own = TreeWriter(writer.out_dir) if writer is not None else None
    # Feeds first, file by file; then the downloads, which must exist together (the ZIP holds
    # them all). In this order the worker's peak at L fell from 1.17 to about 1.0 GB.
    for rel, data in iter_feeds(snapshot, site_url):
        info.update(describe_files({rel: data}))
        if own is None:
            kept[rel] = data
        else:
            own.put(rel, data)
    downloads = build_downloads(snapshot, source_commit, site_url)
    info.update(describe_files(downloads))
    if own is None:
        kept.update(downloads)
    else:
        for rel, data in downloads.items():
            own.put(rel, data)
    return kept, info, own


class _OpenData:
    """Downloads and feeds, built in a second process while this one builds the pages.

    They depend only on the snapshot and take about as long as the pages on a large corpus, so
    on a machine with two cores they come for free. Given a writer, the worker writes its files
    itself and sends back only their sizes and digests (and its copy of the writer).
    """

    def __init__(self, snapshot: Snapshot, source_commit: str | None, site_url: str | None,
                 enabled: bool, writer: TreeWriter | None) -> None:
        self.args = (snapshot, source_commit, site_url, writer)
        self.enabled = enabled
        self.pool: ProcessPoolExecutor | None = None
        self.future: Future[_DataResult] | None = None

    def __enter__(self) -> _OpenData:
        snapshot = self.args[0]
        if self.enabled and len(snapshot.facts) >= PARALLEL_OPEN_DATA and (
            (os.cpu_count() or 1) > 1
        ):
            self.pool = ProcessPoolExecutor(1, mp_context=get_context("fork"))
            self.future = self.pool.submit(_open_data, *self.args)
        return self

    def result(self) -> _DataResult:
        if not self.enabled:
            return {}, {}, None
        if self.future is not None:
            return self.future.result()
        return _open_data(*self.args)

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


@contextmanager
def _few_collections() -> Iterator[None]:
    """Rendering allocates millions of short-lived objects and almost no cycles, while the loaded
    project (hundreds of thousands of objects) lives throughout: freezing it and collecting
    rarely saved 4 of 26 s at L. Freezing before the open-data fork also spares the worker
    copying pages that the collector would otherwise touch."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


LIST_TEMPLATES = frozenset({
    "home.md.j2", "open_data.md.j2", "plans_index.md.j2", "agencies_index.md.j2",
    "areas_index.md.j2", "overdue.md.j2", "upcoming.md.j2", "methodology.md.j2",
})


def _site_files(
    snapshot: Snapshot, content_dir: Path | None, fragments: bool, source_commit: str | None,
    site_url: str | None, histories: Mapping[str, Sequence[Change]] | None, open_data: bool,
    writer: TreeWriter | None, scope: Scope | None = None,
) -> Iterator[tuple[str, str | bytes]]:
    """Every generated file, page by page; open-data files go straight through ``writer`` if
    given, otherwise they are yielded too."""
    env = make_environment()
    listed: list[tuple[str, str, str | None]] = []

    def rendered(page: Page) -> Iterator[tuple[str, str]]:
        bulk: dict[str, str] | None = {} if fragments else None
        yield page.path, render_page(env, page, bulk)
        if bulk:
            yield from bulk.items()
        if page.template in LIST_TEMPLATES:
            listed.append((page.path, page.title, page.description))

    with _OpenData(snapshot, source_commit, site_url, open_data, writer) as data:
        for page in iter_pages(snapshot, histories, scope):
            yield from rendered(page)
        # The search index lists the open-data page, whose title and description are fixed;
        # building it before waiting for the worker keeps both cores busy.
        listed.append((OPEN_DATA_PAGE, OPEN_DATA_TITLE, OPEN_DATA_DESCRIPTION))
        handwritten = read_handwritten(content_dir) if content_dir else []
        yield INDEX_PATH, index_json(build_index(snapshot, listed, handwritten))
        downloads, info, used = data.result()
    if writer is not None and used is not None:
        writer.merge(used)
    yield from downloads.items()
    del downloads
    yield from rendered(open_data_page(snapshot, info, source_commit))
    yield STATUS_CSS, status_css()


def render_site(
    snapshot: Snapshot,
    content_dir: Path | None = None,
    fragments: bool = False,
    *,
    source_commit: str | None = None,
    site_url: str | None = None,
    histories: Mapping[str, Sequence[Change]] | None = None,
    open_data: bool = True,
) -> dict[str, str | bytes]:
    """Every generated file of the site, by path relative to the documentation root.

    ``content_dir`` holds the hand-written pages; they are added to the search index.
    ``fragments`` moves bulk tables into ``_fragments/`` (see the module docstring).
    ``source_commit`` and ``site_url`` are stamped into the open-data downloads and feeds;
    ``histories`` gives each plan file's change history. Without ``open_data`` (a quick
    preview) the downloads and feeds are left out.
    """
    with _few_collections():
        return dict(_site_files(snapshot, content_dir, fragments, source_commit, site_url,
                                histories, open_data, None))


def write_site(
    writer: TreeWriter,
    snapshot: Snapshot,
    content_dir: Path | None = None,
    fragments: bool = False,
    *,
    source_commit: str | None = None,
    site_url: str | None = None,
    histories: Mapping[str, Sequence[Change]] | None = None,
    open_data: bool = True,
    scope: Scope | None = None,
) -> WriteStats:
    """Like :func:`render_site`, but each file is written through ``writer`` as soon as it is
    rendered and then dropped, so memory does not grow with the size of the site.

    With a ``scope`` (a preview after an edit, over the tree the previous build wrote) only the
    affected pages are rendered; the other pages' files stay as they are.
    """
    families: set[str] = set()
    with _few_collections():
        for rel, content in _site_files(snapshot, content_dir, fragments, source_commit,
                                        site_url, histories, open_data, writer, scope):
            writer.put(rel, content)
            families.add(page_family(rel))
    if scope is None:
        return writer.finish()
    # A family rebuilt is complete (pagination may have shrunk), and so is one in the scope that
    # was not rebuilt at all (a deleted plan); the others keep the files the last build wrote.
    families.update(page_family(path) for path in (
        *map(urls.plan_page, scope.plans), *map(urls.agency_page, scope.agencies),
        *map(urls.area_page, scope.areas)))
    return writer.finish(keep=lambda rel: page_family(rel) not in families)


def page_family(rel: str) -> str:
    """The page a generated file belongs to, and that page's paginated continuations:
    ``co-quan/x.md``, ``co-quan/x--chu-tri-2.md`` and ``_fragments/co-quan/x.html`` are all
    ``co-quan/x``. Ids are slugs, which never contain ``--``."""
    if rel.startswith(FRAGMENTS_DIR + "/"):
        rel = rel[len(FRAGMENTS_DIR) + 1: -len(".html")]
    elif rel.endswith(".md"):
        rel = rel[: -len(".md")]
    return rel.split("--", 1)[0]
