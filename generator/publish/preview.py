"""What a preview rebuild may reuse: the state ``congkhai serve`` keeps between builds.

MkDocs keeps a plugin alive across ``serve`` rebuilds, so the plugin can remember what its last
build wrote. This class holds that memory, and the rules for using it, apart from MkDocs (the
plugin only calls it), so that each rule is tested without a server:

* plan histories come from git and change only with a commit or a plan file added or renamed:
  they are read again only then;
* a rebuild renders only what an edit reaches (:func:`generator.facts.changes.edit_scope`) when
  the tree it writes into is exactly what the last preview build left (its stamp is still in the
  tree's marker file: ``congkhai build``, a deleted ``build/`` or another ``out_dir`` all change
  that), for the same status date, and the histories did not change; otherwise everything;
* rendered list rows are kept across rebuilds except those of the plans the edit reaches;
* the search index's prepared documents are kept by plan (:func:`generator.site.
  search_index.build_index`'s ``cache``): only the edited plans' are prepared again;
* what reading each plan file gave is kept by content (:func:`generator.model.project.
  load_project`'s ``memo``): after an edit only the edited file is read again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.common.writer import MARKER, MARKER_TEXT
from generator.facts.changes import Scope, edit_scope
from generator.facts.history import Change
from generator.model.entities import Project
from generator.site.search_index import SearchCache

Histories = dict[str, list[Change]]

# What reading each plan file gave, for every load in this process that asks (``serve``'s
# opening check and the preview builds): see :func:`generator.model.project.load_project`'s
# ``memo``. It holds at most the outcomes of the last load, as the loaded project does.
PROCESS_OUTCOMES: dict[str, object] = {}


@dataclass(frozen=True)
class _Written:
    """What the last preview build wrote: from which project, as of when, where, its stamp."""

    project: Project
    as_of: dt.date
    out: Path
    stamp: str


class Preview:
    """The memory of the last preview build, and what the next one may reuse."""

    def __init__(self, row_plan: Callable[[object], str]) -> None:
        # ``row_plan`` names the plan a rendered row's key belongs to
        self._row_plan = row_plan
        self._last: _Written | None = None
        self._histories: tuple[Hashable, Histories] | None = None
        self.rows: dict[object, bytes] = {}
        self.outcomes = PROCESS_OUTCOMES
        self.search: SearchCache = {}

    def histories(self, key: Hashable, read: Callable[[], Histories]) -> tuple[Histories, bool]:
        """The plan histories for ``key`` (the commit and the plan files), read with ``read``
        only when the key changed; and whether they were read anew."""
        if self._histories is not None and self._histories[0] == key:
            return self._histories[1], False
        histories = read()
        self._histories = (key, histories)
        return histories, True

    def scope(self, project: Project, as_of: dt.date, out: Path,
              new_histories: bool) -> Scope | None:
        """What this build must render (``None``: everything), and the rendered rows it may
        keep accordingly. Until :meth:`finished`, a next build renders everything."""
        last, self._last = self._last, None
        scope = None
        if last is not None and not new_histories and last.as_of == as_of and last.out == out:
            try:
                ours = (out / MARKER).read_text(encoding="utf-8") == last.stamp
            except OSError:
                ours = False
            if ours:
                scope = edit_scope(last.project, project)
        if scope is None:
            self.rows.clear()
        else:
            for stale in [k for k in self.rows if self._row_plan(k) in scope.plans]:
                del self.rows[stale]
        return scope

    def finished(self, project: Project, as_of: dt.date, out: Path) -> None:
        """Record a finished build: stamp the tree's marker file so that the next build can
        tell the tree is still the one this build wrote."""
        stamp = f"{MARKER_TEXT}preview {uuid.uuid4().hex}\n"
        (out / MARKER).write_text(stamp, encoding="utf-8")
        self._last = _Written(project, as_of, out, stamp)


def generated_files(out: Path, written: Iterable[str], scope: Scope | None) -> list[str]:
    """The generated files MkDocs must read: what a full build wrote, or, after a partial one,
    every file in the tree (the pages it did not touch stay from earlier builds)."""
    if scope is None:
        return sorted(written)
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file() and p.name != MARKER)
