"""A thin MkDocs plugin: run the generator inside ``mkdocs build`` and ``mkdocs serve``.

All real work happens in the generator, which knows nothing about MkDocs; this file only loads
the project, writes the generated tree and hands its files to MkDocs, and asks ``serve`` to watch
the plan files so that editing a plan reloads the preview.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.changes import edit_scope
from generator.clock import today_in_vietnam
from generator.history import Change, head_commit, plan_histories
from generator.loader import PLANS_DIR
from generator.model import Project
from generator.project import default_cache_dir, load_project
from generator.render import FRAGMENT_RE, FRAGMENT_SEPARATOR, FRAGMENTS_DIR, write_site
from generator.snapshot import Snapshot
from generator.writer import MARKER, TreeWriter

AS_OF_ENV = "CONGKHAI_AS_OF"


class CongkhaiConfig(Config):
    """Plugin options in mkdocs.yml."""

    as_of = c.Optional(c.Type(str))
    out_dir = c.Type(str, default="build/generated")


class CongkhaiPlugin(BasePlugin[CongkhaiConfig]):
    """Generates the plan, agency and area pages before MkDocs reads its files."""

    def __init__(self) -> None:
        self.prepared: tuple[Project, dt.date] | None = None
        self.previewing = False
        # what the last preview build generated from, so the next one redoes only what an edit
        # changed (MkDocs keeps a plugin with on_startup alive across ``serve`` rebuilds)
        self._last: tuple[Project, dt.date] | None = None
        self._histories: tuple[object, dict[str, list[Change]]] | None = None
        self._generated: list[str] = []
        self._generated_set: frozenset[str] = frozenset()
        self._root = Path.cwd()

    def as_of(self) -> dt.date:
        """The status date: plugin option, then $CONGKHAI_AS_OF, then today in Vietnam."""
        value = self.config.as_of or os.environ.get(AS_OF_ENV)
        if not value:
            return today_in_vietnam()
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise PluginError(f"congkhai: ngày tính “{value}” không hợp lệ (YYYY-MM-DD).") from exc

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
            project, problems = load_project(self._root, as_of,
                                             cache_dir=default_cache_dir(self._root))
            if problems:
                lines = [f"{p.location()}: [{p.code}] {p.message} {p.hint}".rstrip()
                         for p in problems.sorted()]
                raise PluginError(
                    "congkhai: dữ liệu không hợp lệ, trang không được xây dựng.\n"
                    + "\n".join(lines)
                    + "\nChạy `congkhai check` để xem chi tiết."
                )
        commit = head_commit(self._root)
        histories, new_histories = self._plan_histories(commit, project)
        scope = None
        if self.previewing and self._last is not None and self._last[1] == as_of and (
            not new_histories
        ):
            scope = edit_scope(self._last[0], project)
        writer = TreeWriter(self._out_dir()).start()
        write_site(
            writer, Snapshot(project, as_of), Path(config.docs_dir), fragments=True,
            source_commit=commit, site_url=config.site_url, histories=histories,
            open_data=not self.previewing, scope=scope,
        )
        if scope is None:
            self._generated = sorted(writer.paths)
        else:
            out = self._out_dir()
            self._generated = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                                     if p.is_file() and p.name != MARKER)
        if self.previewing:
            self._last = (project, as_of)
        self._generated_set = frozenset(self._generated)
        return config

    def _plan_histories(self, commit: str | None,
                        project: Project) -> tuple[dict[str, list[Change]], bool]:
        """Each plan file's history, and whether it was read anew.

        Histories come from git and change only with a commit (or a plan file added, removed
        or renamed); a preview asks for them after every save.
        """
        key = (commit, tuple((p.id, p.path) for p in project.plans))
        if self._histories is not None and self._histories[0] == key:
            return self._histories[1], False
        self._histories = (key, plan_histories(self._root, project.plans))
        return self._histories[1], True

    def _out_dir(self) -> Path:
        return self._root / self.config.out_dir

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        out = self._out_dir()
        for rel in self._generated:
            if rel.startswith(FRAGMENTS_DIR + "/"):
                continue
            if files.get_file_from_path(rel) is not None:
                raise PluginError(
                    f"congkhai: trang viết tay content/{rel} trùng địa chỉ với trang được tạo tự "
                    "động; đổi tên trang viết tay."
                )
            files.append(File.generated(config, rel, abs_src_path=str(out / rel)))
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Put the bulk tables back into the finished page, just before it is written.

        Doing it this late, rather than after Markdown conversion, keeps the tables out of
        ``page.content``, which MkDocs holds for every page until the build ends: on a large
        corpus that is the difference between hundreds of MB and a few.
        """
        if "congkhai:fragment" not in output or page.file.src_uri not in self._generated_set:
            return output  # only generated pages have fragments; a hand-written marker stays inert
        base = (self._out_dir() / FRAGMENTS_DIR).resolve()
        files: dict[str, list[str]] = {}

        def fragment(match: re.Match[str]) -> str:
            rel = match.group(1)
            if rel not in files:
                path = (self._out_dir() / rel).resolve()
                if base not in path.parents:
                    raise PluginError(f"congkhai: đoạn trang ngoài {FRAGMENTS_DIR}/: {rel}")
                files[rel] = path.read_text(encoding="utf-8").split(FRAGMENT_SEPARATOR)
            return files[rel][int(match.group(2))]

        return FRAGMENT_RE.sub(fragment, output)

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        server.watch(str(self._root / PLANS_DIR))
        return server
