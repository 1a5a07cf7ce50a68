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

A builder that does not need Markdown at all for a page can take its finished body instead
(:func:`render_direct`): the headings converted by :mod:`generator.site.direct`, the bulk regions
in place, in one file ``_pages/<page>.html`` whose first line is a JSON header (title,
description, demo flag, table of contents). The congkhai plugin does so for every generated
page outside the navigation: it then fills the theme's page around the body itself.
"""

from __future__ import annotations

import hashlib
import json
import re

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from generator.common.markup import markdown_inline_escape, yaml_string
from generator.common.urls import FRAGMENTS_DIR, PAGES_DIR, rebase
from generator.facts.status import ORDER
from generator.site.direct import convert
from generator.site.views import ROW_DEPTHS, ListData, Page, TaskView
from generator.sources.vocabulary import NOT_IN_COPY_WORDS, NOT_STATED_WORDS

# The digest makes the Markdown change whenever its fragment does, so builders that rebuild only
# modified sources (mkdocs serve --dirty) rebuild the page.
FRAGMENT_MARKER = "<!-- congkhai:fragment {} {} {} -->"
FRAGMENT_RE = re.compile(r"<!-- congkhai:fragment (\S+) (\d+) \w+ -->")
# Between the regions of a page's fragment file; editor text is escaped, so it cannot contain it.
FRAGMENT_SEPARATOR = "\n<!--congkhai:next-fragment-->\n"
_BULK_OPEN = "<!--ck:bulk-->"
_BULK_CLOSE = "<!--/ck:bulk-->"


class _CompiledInMemory(BytecodeCache):
    """Compiled templates kept for the life of the process, by name and source checksum (a
    changed template compiles again). Each build makes a new environment, for fresh caches;
    a preview rebuilds after every edit, and compiling the templates again cost more than
    rendering the pages an edit reaches. Only in memory: nothing is read back from disk."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledInMemory()


def make_environment(rows: dict[object, bytes] | None = None) -> Environment:
    """The Jinja environment: autoescaping on, undefined variables are errors.

    ``rows`` caches rendered list rows (UTF-8, half the memory of Vietnamese text in a str) by
    their key (see :class:`generator.site.views.TaskView`); a preview passes the same dict to
    every rebuild, without the rows of the plans it changed.
    """
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        # Templates do not change during a run: looking one up must not stat its file (a row
        # template is looked up for every row of every list).
        auto_reload=False,
        bytecode_cache=COMPILED_TEMPLATES,
    )
    env.filters["mdheading"] = markdown_inline_escape
    # The two kinds of silence, in the words the exports use too.
    env.globals["NOT_STATED_WORDS"] = NOT_STATED_WORDS
    env.globals["NOT_IN_COPY_WORDS"] = NOT_IN_COPY_WORDS
    env.filters["yamlstr"] = yaml_string
    if rows is None:
        rows = {}

    def list_row(view: TaskView) -> Markup:
        # The same task appears in several lists at the same depth; render its row once.
        done = rows.get(view.row_key)
        if done is None and view.row_key is not None:
            # rebased afresh at each use rather than kept: a replace costs microseconds, while
            # keeping a copy per depth held a hundred MB more at L
            done = _rebased(rows, view.row_key)
        if done is not None:
            return Markup(done.decode("utf-8"))
        html = Markup(env.get_template("_list_row.j2").render(t=view))
        if view.row_key is not None:
            rows[view.row_key] = html.encode("utf-8")
        return html

    env.filters["list_row"] = list_row
    macros = env.get_template("_macros.j2").module
    for name in ("link", "links", "status", "deadline"):
        env.filters[name] = _memoized(getattr(macros, name))
    env.globals["NOT_IN_COPY_HTML"] = Markup(macros.not_in_copy())  # type: ignore[attr-defined]
    return env


def _rebased(rows: dict[object, bytes], key: tuple[str, int, bool]) -> bytes | None:
    """The row ``key`` made from the same row rendered at another depth, if there is one."""
    task, depth, with_plan = key
    for other in ROW_DEPTHS:
        if other != depth:
            html = rows.get((task, other, with_plan))
            if html is not None:
                return rebase(html, other, depth)
    return None


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
    if page.scripts:  # theme/main.html loads them, deferred
        lines.append("scripts:")
        lines.extend(f"  - {yaml_string(script)}" for script in page.scripts)
    if page.hide:  # Material's key: sidebars the page does without
        lines.append("hide:")
        lines.extend(f"  - {yaml_string(part)}" for part in page.hide)
    lines.append("---")
    return "\n".join(lines) + "\n"


def _bulk_split(body: str) -> tuple[list[str], list[str]]:
    """The page text around its bulk regions (one more piece than regions), and the regions."""
    parts = body.split(_BULK_OPEN)
    around, regions = [parts[0]], []
    for part in parts[1:]:
        bulk, _, rest = part.partition(_BULK_CLOSE)
        regions.append(bulk)
        around.append(rest)
    return around, regions


_REGION = "<!--ck:region {}-->"
_REGION_RE = re.compile(r"<!--ck:region (\d+)-->")


def direct_path(page_path: str) -> str:
    """Where :func:`render_direct` output goes: ``_pages/ke-hoach/x.html``."""
    return f"{PAGES_DIR}/{page_path[: -len('.md')]}.html"


def page_path_of_direct(rel: str) -> str:
    """The page source path a ``_pages/…`` file stands for: ``ke-hoach/x.md``."""
    return rel[len(PAGES_DIR) + 1: -len(".html")] + ".md"


def render_direct(env: Environment, page: Page) -> str | None:
    """A page's finished body, after a one-line JSON header (:func:`read_direct_header`), or
    None when its Markdown goes beyond what :mod:`generator.site.direct` converts."""
    around, regions = _bulk_split(env.get_template(page.template).render(
        page=page, **page.context))
    text = around[0]
    for n, rest in enumerate(around[1:]):
        text += "\n" + _REGION.format(n) + "\n\n" + rest
    converted = convert(text.lstrip("\n"))
    if converted is None:
        return None
    header = {"title": str(escape(page.title)),
              "description": str(escape(page.description)) if page.description else "",
              "demo": page.demo, "h1": converted.has_h1, "toc": converted.toc,
              "scripts": list(page.scripts), "hide": list(page.hide)}
    body = _REGION_RE.sub(lambda m: regions[int(m.group(1))], converted.html)
    return json.dumps(header, ensure_ascii=False) + "\n" + body


def read_direct_header(line: str) -> dict[str, object]:
    """The header :func:`render_direct` wrote on the first line of its file."""
    return json.loads(line)


def row_cells(row: str) -> list[str]:
    """A list row's HTML cut before each cell and after it (the text around the cells, such as
    ``<tr …>`` and ``</tr>``, in pieces of its own; no empty pieces). String searches, not a
    regular expression with look-behind: the cut runs for every row of every list's data."""
    out: list[str] = []
    closes = row.split("</td>")
    last = len(closes) - 1
    for n, chunk in enumerate(closes):
        if n < last:
            chunk += "</td>"
        start = 0
        at = chunk.find("<td")
        while at != -1:
            if chunk[at + 3: at + 4] in (" ", ">"):
                if at > start:
                    out.append(chunk[start:at])
                start = at
            at = chunk.find("<td", at + 3)
        if start < len(chunk):
            out.append(chunk[start:])
    return out


def render_list_data(env: Environment, data: ListData) -> str:
    """The rows of a list as JSON for congkhai-lists.js: lookup tables of statuses (in display
    order), plans, lead agencies and provinces, then one row per task: status, due date (ISO),
    plan, leads, province (-1 when none), days past due and the row's HTML, exactly as the
    page renders it.

    The HTML is stored cut into its cells, and a cell found in more than one row (a plan, a
    deadline, a lead agency, a status: most of a row) is written once in ``pieces`` and named
    by its number: the file is a third of the size of the rows written out.
    """
    tables: dict[str, dict[object, int]] = {"statuses": {}, "plans": {}, "agencies": {},
                                            "provinces": {}}

    def number(table: str, key: object) -> int:
        return tables[table].setdefault(key, len(tables[table]))

    # statuses numbered in display order, so that sorting by status sorts by that number
    rank = {code.value: i for i, code in enumerate(ORDER)}
    for pair in sorted({(f.status, f.label) for f in data.facets}, key=lambda p: rank[p[0]]):
        number("statuses", pair)
    list_row = env.filters["list_row"]
    cut = [row_cells(str(list_row(view))) for view in data.rows]
    seen: dict[str, int] = {}
    for cells in cut:
        for cell in cells:
            seen[cell] = seen.get(cell, 0) + 1
    pieces: dict[str, int] = {}
    for cells in cut:
        for cell in cells:
            if seen[cell] > 1 and cell not in pieces:
                pieces[cell] = len(pieces)
    rows = []
    for f, cells in zip(data.facets, cut, strict=True):
        rows.append([
            number("statuses", (f.status, f.label)), f.due, number("plans", f.plan),
            [number("agencies", lead) for lead in f.leads],
            number("provinces", f.province) if f.province else -1, f.days,
            [pieces.get(cell, cell) for cell in cells],
        ])
    out = {"v": 1, **{name: [list(k) for k in table] for name, table in tables.items()},
           "pieces": list(pieces), "rows": rows}
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def redirect_html(target: str) -> str:
    """A page that sends the reader on to ``target`` (a relative URL): where a page was."""
    href = escape(target)
    return (
        '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        "<title>Trang đã chuyển</title>\n"
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<link rel="canonical" href="{href}">\n<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>Trang này đã chuyển đến <a href="{href}">địa chỉ mới</a>.</p>\n'
        "</body>\n</html>\n"
    )


def render_page(env: Environment, page: Page, fragments: dict[str, str] | None = None) -> str:
    """The complete Markdown source of one page.

    When ``fragments`` is a dict, the page's bulk regions are moved into it (one entry, the
    page's fragment file) and replaced by markers; otherwise they stay inline.
    """
    body = env.get_template(page.template).render(page=page, **page.context)
    around, regions = _bulk_split(body)
    out = [around[0]]
    path = f"{FRAGMENTS_DIR}/{page.path[: -len('.md')]}.html"
    for n, (bulk, rest) in enumerate(zip(regions, around[1:], strict=True)):
        if fragments is None:
            out.append(bulk)
        else:
            digest = hashlib.sha1(bulk.encode("utf-8")).hexdigest()[:12]
            out.append("\n" + FRAGMENT_MARKER.format(path, n, digest) + "\n\n")
        out.append(rest)
    if regions and fragments is not None:
        fragments[path] = FRAGMENT_SEPARATOR.join(regions)
    return front_matter(page) + "".join(out).lstrip("\n")
