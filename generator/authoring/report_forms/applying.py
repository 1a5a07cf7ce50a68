"""Applying an import: appending the changes to their plan files, all of them or none.

Every plan file gets its new updates in one pass
(:func:`generator.authoring.editing.add_updates_text`), its new text is checked with the checks of
``congkhai check`` before anything is written, and the files are replaced only when every one of
them is ready; a failed write puts back those already replaced.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from generator.authoring.editing import EditError, add_updates_text
from generator.authoring.report_forms.records import Change, Progress, in_parallel
from generator.model.entities import Agency, Area, Project
from generator.model.plans import check_plan
from generator.model.project import SEEDS_DIR
from generator.sources.problems import ProblemList
from generator.sources.schema import PLAN
from generator.sources.validate import validate_nodes


class ApplyError(Exception):
    """Nothing was written: the reason, in Vietnamese."""


@dataclass(frozen=True)
class Written:
    """A plan file written, and the line where each of its new updates starts."""

    path: str
    lines: tuple[int, ...]


# What the checks of a plan file need, set before the workers are forked.
_registries: tuple[dict[str, Agency], dict[str, Area], frozenset[str], dt.date] | None = None


def _check_new_tree(plan_file: str) -> Callable[[Node], None]:
    """The checks of ``congkhai check`` on a plan file's new node tree (raises ApplyError)."""
    assert _registries is not None
    agencies, areas, seeds, as_of = _registries

    def check(root: Node) -> None:
        problems = ProblemList()
        loaded = validate_nodes(root, PLAN, plan_file, problems)
        if not problems:
            check_plan(loaded, agencies, areas, as_of, problems, seeds)
        # Warnings (a plan naming an agency that had already ended) do not make the file
        # invalid for ``congkhai check``; they do not refuse an import either.
        found = problems.errors()
        if found:
            first = sorted(found)[0]
            raise ApplyError(
                f"sau khi thêm cập nhật, {plan_file} dòng {first.line} không hợp lệ: "
                f"{first.message} ({len(found)} lỗi). Không ghi gì; báo lỗi này cho người "
                "phát triển kèm tệp biểu mẫu.")

    return check


def _edit(job: tuple[Path, str, list[tuple[str, dict[str, Any]]]]
          ) -> tuple[str, bytes, bytes, list[int]]:
    """One plan file with its new updates, checked as ``congkhai check`` would check it."""
    root, plan_file, items = job
    raw = (root / plan_file).read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        new_text, lines = add_updates_text(raw.decode("utf-8-sig"), items, plan_file,
                                           check=_check_new_tree(plan_file))
    except (UnicodeDecodeError, EditError) as exc:
        raise ApplyError(f"{plan_file}: {exc}") from None
    return plan_file, raw, (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8"), lines


def _new_texts(root: Path, project: Project, as_of: dt.date, changes: Iterable[Change]
               ) -> dict[str, tuple[bytes, bytes, list[int]]]:
    global _registries
    by_file: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for change in changes:
        by_file.setdefault(change.plan_file, []).append((change.task_id, change.update))
    jobs = [(root, plan_file, items) for plan_file, items in sorted(by_file.items())]
    seeds = frozenset(p.name for p in (root / SEEDS_DIR).glob("*") if p.is_file())
    _registries = (project.agencies, project.areas, seeds, as_of)
    try:
        return {name: (old, new, lines) for name, old, new, lines in in_parallel(_edit, jobs)}
    finally:
        _registries = None


def apply_import(root: Path, project: Project, changes: Sequence[Change], as_of: dt.date,
                 progress: Progress | None = None) -> list[Written]:
    """Append ``changes`` to their plan files: every file, or (on any error) none.

    Each new file is checked with the checks of ``congkhai check`` (the project's registries,
    the import date) before any file is written.
    """
    if not changes:
        return []
    texts = _new_texts(root, project, as_of, changes)
    if progress:
        progress("Ghép và kiểm tra cập nhật", len(texts), len(texts))
    temporary: dict[str, Path] = {}
    replaced: list[str] = []
    try:
        for plan_file, (_old, new, _lines) in texts.items():
            target = root / plan_file
            tmp = target.with_name(f".{target.name}.congkhai-import")
            tmp.write_bytes(new)
            temporary[plan_file] = tmp
        for plan_file, tmp in temporary.items():
            os.replace(tmp, root / plan_file)
            replaced.append(plan_file)
    except OSError as exc:
        for plan_file in replaced:  # put back what was already replaced
            (root / plan_file).write_bytes(texts[plan_file][0])
        for tmp in temporary.values():
            tmp.unlink(missing_ok=True)
        raise ApplyError(f"không ghi được tệp kế hoạch ({exc.strerror or exc}); đã khôi phục "
                         "các tệp đã ghi, không tệp nào bị thay đổi.") from None
    if progress:
        progress("Ghi tệp", len(replaced), len(texts))
    return [Written(name, tuple(texts[name][2])) for name in replaced]
