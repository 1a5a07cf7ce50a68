"""Generating the whole documentation tree: pages, search index, downloads and feeds.

The pages (:mod:`generator.site`) and the downloads (:mod:`generator.downloads`) are independent;
this module runs them together. On a large corpus the downloads and feeds are built in a second
process while this one renders the pages, and every file is written through a
:class:`~generator.common.writer.TreeWriter` as soon as it is made, so that memory does not grow
with the size of the site.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import chain
from multiprocessing import get_context
from pathlib import Path

from generator.common import urls
from generator.common.dataset import Catalogue
from generator.common.urls import OPEN_DATA_PAGE, STATUS_CSS
from generator.common.writer import (
    FileInfo,
    MemoryWriter,
    TreeWriter,
    WriteStats,
    describe_files,
)
from generator.downloads.export_schema import contract_docs
from generator.downloads.feeds import iter_feeds
from generator.downloads.opendata import plan_downloads, write_downloads
from generator.downloads.plan_files import people_docs
from generator.downloads.tables import table_docs
from generator.facts.changes import Scope
from generator.facts.history import Change
from generator.facts.publication import Publication, publication_of
from generator.facts.snapshot import Snapshot
from generator.facts.stats import model_counts
from generator.model.entities import Project
from generator.site.open_data_page import OPEN_DATA_DESCRIPTION, OPEN_DATA_TITLE, open_data_page
from generator.site.pages import iter_pages
from generator.site.presentation import status_css
from generator.site.render import (
    FRAGMENTS_DIR,
    PAGES_DIR,
    direct_path,
    make_environment,
    redirect_html,
    render_direct,
    render_list_data,
    render_page,
)
from generator.site.search import (
    HandwrittenPage,
    read_handwritten,
    text_page,
)
from generator.site.search_index import SearchCache, build_index, index_files
from generator.site.views import Page


def data_catalogue(project: Project) -> Catalogue:
    """What the open-data page documents of the downloads: the contract and the tables."""
    return Catalogue(contract_docs(), table_docs(model_counts(project)), people_docs())


# Files written between two reports of progress (a report is cheap, but not free).
PROGRESS_EVERY = 200
PARALLEL_OPEN_DATA = 2000  # facts; below this a second process costs more than it saves


_DataResult = tuple[dict[str, bytes], dict[str, FileInfo], TreeWriter | None]


def _open_data(pub: Publication, source_commit: str | None, site_url: str | None,
               writer: TreeWriter | None) -> _DataResult:
    """Downloads and feeds: written through ``writer`` and only described, or returned.

    Site-wide files hold the site-wide data only; the demo section's plans and agencies get
    their own files (their pages link to them), never a share of the site-wide ones."""
    snapshot = pub.main
    # a writer of its own, so that the caller can merge what it wrote, whichever process ran it
    own = TreeWriter(writer.out_dir) if writer is not None else None
    sink = own if own is not None else MemoryWriter()
    info: dict[str, FileInfo] = {}
    # Feeds first, file by file; then the downloads, each streamed to its file as it is made
    # and the archive from those files, so that nothing but one table is held at a time.
    feeds = iter_feeds(snapshot, site_url)
    if pub.demo is not None:
        feeds = chain(feeds, iter_feeds(pub.demo, site_url, site_wide=False))
    for rel, data in feeds:
        info.update(describe_files({rel: data}))
        sink.put(rel, data)
    for rel in write_downloads(sink, snapshot, source_commit, site_url):
        info[rel] = sink.streamed[rel]
    if pub.demo is not None:
        for rel, data in plan_downloads(pub.demo, source_commit, site_url).items():
            info.update(describe_files({rel: data}))
            sink.put(rel, data)
    kept = sink.files if isinstance(sink, MemoryWriter) else {}
    return kept, info, own


class _OpenData:
    """Downloads and feeds, built in a second process while this one builds the pages.

    They depend only on the snapshot and take about as long as the pages on a large corpus, so
    on a machine with two cores they come for free. Given a writer, the worker writes its files
    itself and sends back only their sizes and digests (and its copy of the writer).
    """

    def __init__(self, pub: Publication, source_commit: str | None, site_url: str | None,
                 enabled: bool, writer: TreeWriter | None) -> None:
        self.args = (pub, source_commit, site_url, writer)
        self.enabled = enabled
        self.pool: ProcessPoolExecutor | None = None
        self.future: Future[_DataResult] | None = None

    def __enter__(self) -> _OpenData:
        snapshot = self.args[0].main
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


def read_documents(project: Project, content_dir: Path | None) -> dict[str, str]:
    """The text of each plan's copy of its document (``content/nguon/<seed>``), by plan id;
    plans without a copy, or when there is no content directory, have none."""
    if content_dir is None:
        return {}
    out = {}
    for plan in project.plans:
        seed = plan.document.source_seed
        path = content_dir / "nguon" / seed if seed else None
        if path is not None and path.is_file():
            out[plan.id] = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    return out


LIST_TEMPLATES = frozenset({
    "home.md.j2", "open_data.md.j2", "plans_index.md.j2", "agencies_index.md.j2",
    "areas_index.md.j2", "overdue.md.j2", "upcoming.md.j2", "demo_section.md.j2",
    "contact.md.j2", "lineage.md.j2",
})
# Generated pages of running text: the search index holds each of their sections.
TEXT_TEMPLATES = frozenset({"methodology.md.j2"})


def _site_files(
    snapshot: Snapshot, content_dir: Path | None, fragments: bool, source_commit: str | None,
    site_url: str | None, histories: Mapping[str, Sequence[Change]] | None, open_data: bool,
    writer: TreeWriter | None, scope: Scope | None = None,
    direct: Callable[[str], bool] | None = None, rows: dict[object, bytes] | None = None,
    search_cache: SearchCache | None = None,
) -> Iterator[tuple[str, str | bytes]]:
    """Every generated file, page by page; open-data files go straight through ``writer`` if
    given, otherwise they are yielded too."""
    kept_rows = rows is not None
    if rows is None:
        rows = {}
    env = make_environment(rows)
    listed: list[tuple[str, str, str]] = []
    texts: list[HandwrittenPage] = []
    pub = publication_of(snapshot)
    documents = read_documents(snapshot.project, content_dir)

    def rendered(page: Page) -> Iterator[tuple[str, str]]:
        # A page outside the navigation is written finished when the builder allows; pages
        # whose text the search index reads (TEXT_TEMPLATES) keep their Markdown.
        finished = None
        if direct is not None and direct(page.path) and page.template not in TEXT_TEMPLATES:
            finished = render_direct(env, page)
        if finished is not None:
            yield direct_path(page.path), finished
        else:
            bulk: dict[str, str] | None = {} if fragments else None
            markdown = render_page(env, page, bulk)
            yield page.path, markdown
            if bulk:
                yield from bulk.items()
            if page.template in TEXT_TEMPLATES:
                texts.append(text_page(page.path, markdown))
        for data in page.lists:
            yield data.path, render_list_data(env, data)
        if page.former:  # a static page where it was, sending readers to where it is
            former = urls.url_of(page.former)
            yield former + "index.html", redirect_html(urls.relative(page.former, page.path))
        if page.template in LIST_TEMPLATES:
            listed.append((page.path, page.title, page.description))

    with _OpenData(pub, source_commit, site_url, open_data, writer) as data:
        for page in iter_pages(snapshot, histories, scope, pub, documents, rows):
            yield from rendered(page)
        for plan_id, text in documents.items():
            # With a byte-order mark, browsers read the copy as UTF-8 even when the server
            # sends text/plain without a charset (mkdocs serve, some static hosts).
            yield urls.source_text_path(plan_id), "\ufeff".encode() + text.encode("utf-8")
        if not kept_rows:
            rows.clear()  # every list is written: let the search index reuse their memory
        # The search index lists the open-data page, whose title and description are fixed;
        # building it before waiting for the worker keeps both cores busy.
        listed.append((OPEN_DATA_PAGE, OPEN_DATA_TITLE, OPEN_DATA_DESCRIPTION))
        handwritten = read_handwritten(content_dir) if content_dir else []
        # Site-wide, so the site-wide data only (demo data is in its own section).
        yield from index_files(build_index(pub.main, listed, [*texts, *handwritten],
                                           cache=search_cache)).items()
        downloads, info, used = data.result()
    if writer is not None and used is not None:
        writer.merge(used)
    yield from downloads.items()
    del downloads
    yield from rendered(open_data_page(pub.main, info, source_commit,
                                       data_catalogue(pub.main.project)))
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
    direct: Callable[[str], bool] | None = None,
    rows: dict[object, bytes] | None = None,
    progress: Callable[[int], None] | None = None,
    search_cache: SearchCache | None = None,
) -> WriteStats:
    """Like :func:`render_site`, but each file is written through ``writer`` as soon as it is
    rendered and then dropped, so memory does not grow with the size of the site.

    With a ``scope`` (a preview after an edit, over the tree the previous build wrote) only the
    affected pages are rendered; the other pages' files stay as they are. Pages for which
    ``direct`` (given a page path) is true are written as finished HTML bodies under
    ``_pages/`` when possible (:func:`generator.site.render.render_direct`). ``rows`` caches
    rendered list rows across calls (a preview's rebuilds), keyed as
    :class:`generator.site.views.TaskView` ``row_key``; drop the rows of changed plans first.
    ``progress`` is told how many files were written so far, now and then; ``search_cache``
    keeps the search index's prepared documents across calls (:func:`build_index`).
    """
    families: set[str] = set()
    with _few_collections():
        for n, (rel, content) in enumerate(_site_files(
            snapshot, content_dir, fragments, source_commit, site_url, histories, open_data,
            writer, scope, direct, rows, search_cache,
        ), start=1):
            writer.put(rel, content)
            families.add(page_family(rel))
            if progress is not None and n % PROGRESS_EVERY == 0:
                progress(n)
    if scope is None:
        return writer.finish()
    # A family rebuilt is complete (pagination may have shrunk), and so is one in the scope that
    # was not rebuilt at all (a deleted plan); the others keep the files the last build wrote.
    families.update(page_family(path) for path in (
        *map(urls.plan_page, scope.plans), *map(urls.agency_page, scope.agencies),
        *map(urls.area_page, scope.areas)))
    return writer.finish(keep=lambda rel: page_family(rel) not in families)


# Folders whose pages are one per plan, agency or area; everything under such a page's address
# (continuation pages, list data) belongs to that page.
_ENTITY_FOLDERS = frozenset({"ke-hoach", "co-quan", "linh-vuc"})
# Site-wide lists whose continuation pages and data live under their own address.
_LIST_PAGES = frozenset({urls.url_of(urls.OVERDUE)[:-1], urls.url_of(urls.UPCOMING)[:-1]})


def page_family(rel: str) -> str:
    """The page a generated file belongs to, with its continuation pages, list data and
    redirects: ``co-quan/x.md``, ``co-quan/x/chu-tri/trang-2.md``, ``co-quan/x/chu-tri.json``,
    ``co-quan/x--chu-tri-2/index.html`` (a former address), ``_fragments/co-quan/x.html`` and
    ``_pages/co-quan/x.html`` (a finished body) are all ``co-quan/x``; ``qua-han/trang-2.md``
    is ``qua-han``. Ids are slugs, which never contain ``--``."""
    prefix = rel.split("/", 1)[0]
    if prefix in (FRAGMENTS_DIR, PAGES_DIR) and rel.endswith(".html"):
        rel = rel[len(prefix) + 1: -len(".html")]
    elif rel.endswith(".md"):
        rel = rel[: -len(".md")]
    rel = rel.split("--", 1)[0]
    parts = rel.split("/")
    if parts[0] in _ENTITY_FOLDERS and len(parts) > 2:
        if parts[0] == "ke-hoach" and parts[1] == "danh-sach" and len(parts) == 3 \
                and parts[2].startswith("trang-"):
            return "ke-hoach/index"  # the plans index's own pages
        return "/".join(parts[:2])
    if parts[0] in _LIST_PAGES and len(parts) > 1:
        return parts[0]
    return rel
