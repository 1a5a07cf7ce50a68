"""A thin MkDocs plugin: run the generator inside ``mkdocs build`` and ``mkdocs serve``.

All real work happens in the generator, which knows nothing about MkDocs; this file only loads
the project, writes the generated tree and hands its files to MkDocs, and asks ``serve`` to watch
the plan files so that editing a plan reloads the preview. What a preview rebuild may reuse is
decided by :class:`generator.publish.preview.Preview`, tested without MkDocs. Generated pages
outside the navigation arrive finished and are only wrapped in the theme's page
(:mod:`generator.publish.direct_pages`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.common.collisions import check_addresses
from generator.common.writer import TreeWriter
from generator.facts.history import head_commit, plan_histories, registry_names
from generator.facts.publication import publication_of
from generator.facts.snapshot import Snapshot
from generator.model.entities import Project
from generator.model.project import default_cache_dir, load_project
from generator.publish import direct_pages
from generator.publish.build import GENERATING, RENDERING, Reporter
from generator.publish.preview import Preview, generated_files
from generator.publish.site_info import site_context
from generator.publish.tree import write_site
from generator.site.render import (
    COMPILED_TEMPLATES,
    FRAGMENT_RE,
    FRAGMENT_SEPARATOR,
    FRAGMENTS_DIR,
    PAGES_DIR,
)
from generator.sources.clock import today_in_vietnam
from generator.sources.loader import PLANS_DIR
from generator.sources.problems import Problem
from generator.sources.report import terminal_safe
from generator.sources.spec import FIRST_DAY, LAST_DAY

AS_OF_ENV = "CONGKHAI_AS_OF"
log = logging.getLogger("mkdocs.plugins.congkhai")


class InvalidData(PluginError):
    """The data has problems: the build stops, and a preview shows them instead of pages."""

    def __init__(self, problems: list[Problem], total: int) -> None:
        self.problems = problems
        self.total = total
        lines = [terminal_safe(f"{p.location()}: [{p.code}] {p.message} {p.hint}".rstrip())
                 for p in problems]
        super().__init__(
            "congkhai: dữ liệu không hợp lệ, trang không được xây dựng.\n"
            + "\n".join(lines)
            + f"\n{total} lỗi. Chạy `congkhai check` để xem chi tiết."
        )


class CongkhaiConfig(Config):
    """Plugin options in mkdocs.yml."""

    as_of = c.Optional(c.Type(str))
    out_dir = c.Type(str, default="build/generated")
    # Finish generated pages outside the navigation without MkDocs' Markdown and theme passes
    # (same pages, a fraction of the time); false renders every page the ordinary way.
    direct_pages = c.Type(bool, default=True)


class CongkhaiPlugin(BasePlugin[CongkhaiConfig]):
    """Generates the plan, agency and area pages before MkDocs reads its files."""

    def __init__(self) -> None:
        self.prepared: tuple[Project, dt.date] | None = None
        # ``progress(phase, done, total)`` of the command that runs the build, if it shows any
        self.progress: Reporter | None = None
        self._pages = [0, 0]  # pages finished, pages to build
        self.previewing = False
        # What a preview rebuild may reuse of the last one (MkDocs keeps a plugin with
        # on_startup alive across ``serve`` rebuilds).
        self._preview = Preview(_row_plan)
        self._generated: list[str] = []
        self._generated_set: frozenset[str] = frozenset()
        self._root = Path.cwd()
        self._nav: Navigation | None = None
        self._chrome: direct_pages.Chrome | None = None
        # what stopped the last build, shown by the preview until a build succeeds
        self._failure: Exception | None = None

    def as_of(self) -> dt.date:
        """The status date: plugin option, then $CONGKHAI_AS_OF, then today in Vietnam."""
        value = self.config.as_of or os.environ.get(AS_OF_ENV)
        if not value:
            return today_in_vietnam()
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise PluginError(f"congkhai: ngày tính “{value}” không hợp lệ (YYYY-MM-DD).") from exc
        if not FIRST_DAY <= day <= LAST_DAY:  # the bounds of every date in the data
            raise PluginError(f"congkhai: ngày tính {day.isoformat()} nằm ngoài khoảng "
                              f"{FIRST_DAY.isoformat()} – {LAST_DAY.isoformat()}.")
        return day

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # A preview skips the open-data downloads and feeds: rebuilding them after every edit
        # would cost more than everything else together on a large corpus.
        self.previewing = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._root = Path(config.config_file_path).resolve().parent
        if self.prepared is not None:
            project, as_of = self.prepared
        else:
            as_of = self.as_of()
            project, problems = load_project(
                self._root, as_of, cache_dir=default_cache_dir(self._root),
                memo=self._preview.outcomes if self.previewing else None)
            check_addresses(self._root, problems)
            if problems.errors():
                raise InvalidData([p for p in problems.sorted() if p.is_error], problems.total)
        out = self._out_dir()
        commit = head_commit(self._root)
        histories, new_histories = self._preview.histories(
            (commit, tuple((p.id, p.path) for p in project.plans)),
            lambda: plan_histories(self._root, project.plans, names=registry_names(project)))
        scope = self._preview.scope(project, as_of, out, new_histories)
        snapshot = Snapshot(project, as_of)
        # Who publishes the site and how current it is, for the theme's every page.
        config.extra["congkhai"] = site_context(publication_of(snapshot), self._root)
        # Pages outside the navigation are written finished, when the configuration allows.
        in_nav = direct_pages.nav_paths(config.nav)
        why_not = (direct_pages.unsupported(config) if self.config.direct_pages
                   else "direct_pages: false")
        writer = TreeWriter(out).start()
        report = self.progress
        if report is not None:
            report(GENERATING, 0, 0)
        write_site(
            writer, snapshot, Path(config.docs_dir), fragments=True,
            source_commit=commit, site_url=config.site_url, histories=histories,
            open_data=not self.previewing, scope=scope,
            direct=None if why_not else (lambda path: path not in in_nav),
            rows=self._preview.rows if self.previewing else None,
            progress=None if report is None else (lambda n: report(GENERATING, n, 0)),
            search_cache=self._preview.search if self.previewing else None,
        )
        self._generated = generated_files(out, writer.paths, scope)
        if self.previewing:
            self._preview.finished(project, as_of, out)
        self._generated_set = frozenset(self._generated)
        return config

    def _out_dir(self) -> Path:
        return self._root / self.config.out_dir

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        out = self._out_dir()
        for rel in self._generated:
            if rel.startswith(FRAGMENTS_DIR + "/"):
                continue
            if rel.startswith(PAGES_DIR + "/"):
                file = direct_pages.direct_file(config, rel, str(out / rel))
            elif rel.endswith(".md"):
                file = File.generated(config, rel, abs_src_path=str(out / rel))
            else:
                file = direct_pages.LinkedFile.generated(config, rel, abs_src_path=str(out / rel))
            if files.get_file_from_path(file.src_uri) is not None:
                raise PluginError(
                    f"congkhai: trang viết tay content/{file.src_uri} trùng địa chỉ với trang "
                    "được tạo tự động; đổi tên trang viết tay."
                )
            files.append(file)
        self._pages = [0, len(files.documentation_pages())]
        if self.progress is not None:
            self.progress(RENDERING, 0, self._pages[1])
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Theme templates compile once per process, not once per preview rebuild.
        env.bytecode_cache = COMPILED_TEMPLATES
        direct_pages.add_template(env)
        assert self._nav is not None
        self._chrome = direct_pages.Chrome(config, env, self._nav, files)
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """The finished page, with its bulk tables (:meth:`_finish`); counted for progress."""
        output = self._finish(output, page)
        self._pages[0] += 1
        if self.progress is not None:
            self.progress(RENDERING, *self._pages)
        return output

    def _finish(self, output: str, page: Page) -> str:
        """Put the bulk tables back into the finished page, just before it is written.

        Doing it this late, rather than after Markdown conversion, keeps the tables out of
        ``page.content``, which MkDocs holds for every page until the build ends: on a large
        corpus that is the difference between hundreds of MB and a few.
        """
        if isinstance(page, direct_pages.DirectPage):
            assert self._chrome is not None
            return self._chrome.page(page)
        if "congkhai:fragment" not in output or page.file.src_uri not in self._generated_set:
            return output  # only generated pages have fragments; a hand-written marker stays inert
        # Only the page's own body, and only its own fragment file: a marker elsewhere (say in
        # a hand-written page's title, which the navigation prints) stays an inert comment.
        start = output.find(page.content) if page.content else -1
        if start < 0:
            return output
        end = start + len(page.content)
        own = f"{FRAGMENTS_DIR}/{page.file.src_uri[: -len('.md')]}.html"
        regions: list[str] | None = None

        def fragment(match: re.Match[str]) -> str:
            nonlocal regions
            if match.group(1) != own:
                return match.group(0)
            if regions is None:
                try:
                    text = (self._out_dir() / own).read_text(encoding="utf-8")
                except OSError as exc:
                    raise PluginError(f"congkhai: thiếu tệp đoạn trang {own}: {exc}") from exc
                regions = text.split(FRAGMENT_SEPARATOR)
            number = int(match.group(2))
            if number >= len(regions):
                raise PluginError(f"congkhai: tệp {own} không có đoạn số {number}.")
            return regions[number]

        return output[:start] + FRAGMENT_RE.sub(fragment, output[start:end]) + output[end:]

    def on_build_error(self, *, error: Exception) -> None:
        self._failure = error

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._failure = None

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        """Watch the plan files, and keep the preview answering while a build fails.

        MkDocs' server holds every request until a rebuild succeeds, so after a save that breaks
        the data the browser waited with no answer. Here a failed rebuild still counts as done
        (the browsers reload), and until the next good one every page request gets a page that
        lists the problems; the live-reload script in it reloads the preview after the fix.
        """
        server.watch(str(self._root / PLANS_DIR))
        build = server.builder
        plugin = self

        def builder_that_reports(*args: object, **kwargs: object) -> None:
            try:
                build(*args, **kwargs)
            except Exception as exc:
                plugin._failure = plugin._failure or exc
                count = (plugin._failure.total if isinstance(plugin._failure, InvalidData)
                         else 1)
                log.error(f"congkhai: bản xem trước hiện trang báo {count} lỗi; sửa rồi lưu "
                          "tệp, trang sẽ tự tải lại.")

        serve_request = server._serve_request

        def request_or_error_page(environ: dict, start_response: object) -> object:
            path = environ.get("PATH_INFO", "")
            failure = plugin._failure
            if failure is None or path.startswith("/livereload/") or not (
                path.endswith("/") or path.endswith(".html")
            ):
                return serve_request(environ, start_response)
            body = error_page(failure)
            inject = getattr(server, "_inject_js_into_html", None)
            if inject is not None:
                body = inject(body, server._visible_epoch)
            start_response("503 Service Unavailable",  # type: ignore[operator]
                           [("Content-Type", "text/html; charset=utf-8"),
                            ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
            return [body]

        server.builder = builder_that_reports  # type: ignore[method-assign]
        server._serve_request = request_or_error_page  # type: ignore[method-assign]
        return server


def error_page(failure: Exception) -> bytes:
    """The preview's page while the data (or the build) is broken: every problem, escaped."""
    if isinstance(failure, InvalidData):
        title = f"Dữ liệu không hợp lệ: {failure.total} lỗi"
        items = "".join(
            f"<li><code>{escape(p.location())}</code> <strong>[{escape(p.code)}]</strong> "
            f"{escape(p.message)}" + (f"<br><em>Cách sửa:</em> {escape(p.hint)}" if p.hint
                                      else "") + "</li>"
            for p in failure.problems)
        body = f"<ol>{items}</ol>"
    else:
        title = "Không dựng được bản xem trước"
        body = f"<pre>{escape(str(failure))}</pre>"
    return (
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title></head><body>"
        f"<h1>{escape(title)}</h1>"
        "<p>Bản xem trước chưa được cập nhật. Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải "
        "lại khi dữ liệu hợp lệ. (Trang công khai không bị ảnh hưởng.)</p>"
        f"{body}</body></html>"
    ).encode()


def _row_plan(key: object) -> str:
    """The plan of a list row's key ``("plan-id#task-id", depth, with_plan)``."""
    return key[0].split("#", 1)[0]  # type: ignore[index]
