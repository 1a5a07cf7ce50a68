"""Importing filled report forms as status updates: read, match, validate, plan, apply.

:func:`plan_import` reads every file (:mod:`.reading`), finds the form in it, matches each row
to its task by the row key (never by position), reads and validates every input cell, and
compares each proposed update with what the plan file holds now:

* an update already recorded (the same one, imported before) is skipped — importing a form twice
  adds nothing;
* if the task got another update after the form was made (its fingerprint no longer matches),
  or two forms report on the same task differently, or the agency no longer leads the task,
  the row is a **conflict**: refused unless ``force``;
* otherwise it is a change: the update to append.

Every problem of every file is collected, with its file, its ``sheet!cell``, the value found and
what to do. :func:`.applying.apply_import` then appends the updates with
:func:`generator.authoring.editing.add_updates_text` (the round-trip editing of ``congkhai
update``), checks the new files with the checks of ``congkhai check`` before anything is written,
and replaces the plan files only when all of them are ready: all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from generator.authoring.report_forms.identity import FormId, fingerprint
from generator.authoring.report_forms.periods import Period
from generator.authoring.report_forms.reading import FileReader, read_book
from generator.authoring.report_forms.records import (
    Change,
    ImportPlan,
    Message,
    Progress,
    Proposal,
    capped,
    in_parallel,
    task_index,
    update_dict,
)
from generator.facts.snapshot import Snapshot
from generator.model.entities import Project, Update
from generator.sources.vocabulary import UPDATE_STATUS_NAMES


class Importer:
    """One import: the project, its options, and what it has found so far."""

    def __init__(self, root: Path, project: Project, as_of: dt.date, force: bool,
                 agency: str | None, period: Period | None) -> None:
        self.root = root
        self.project = project
        self.as_of = as_of
        self.force = force
        self.agency = agency
        self.period = period
        self.index = task_index(project)
        self.result = ImportPlan()
        self._snapshots: dict[dt.date, Snapshot] = {}

    def remade_rows(self, form: FormId) -> set[tuple[str, str]] | None:
        """The tasks the form would list if it were made again from the data as it is now."""
        from generator.authoring.report_forms.selection import agency_form

        if form.agency not in self.project.agencies:
            return None
        if form.as_of not in self._snapshots:
            self._snapshots[form.as_of] = Snapshot(self.project, form.as_of)
        made = agency_form(self._snapshots[form.as_of], form.agency, form.period, form.as_of)
        return {(r.plan_id, r.task_id) for r in made.rows}

    def compare(self, proposals: list[Proposal]) -> None:
        """Skip what is already recorded, find conflicts, and turn the rest into changes."""
        result = self.result
        by_task: dict[tuple[str, str], list[Proposal]] = {}
        for p in proposals:
            by_task.setdefault((p.plan.id, p.task.id), []).append(p)
        for (_plan_id, task_id), group in by_task.items():
            plan, task = group[0].plan, group[0].task
            existing = list(task.updates)
            kept: list[Proposal] = []
            for p in group:
                twin = next((k for k in kept if k.update == p.update), None)
                if twin is not None:
                    result.skipped.append(Message(
                        p.file, p.where, "same-as-other-row",
                        f"Nhiệm vụ “{task_id}”: giống hệt báo cáo ở {twin.file} {twin.where}; "
                        "chỉ ghi một lần.", row=p.row, column=p.column))
                    continue
                done = self._already_recorded(p, existing)
                if done is not None:
                    result.skipped.append(Message(
                        p.file, p.where, "already-imported",
                        f"Nhiệm vụ “{task_id}”: cập nhật ngày {done.date:%d/%m/%Y} "
                        f"({UPDATE_STATUS_NAMES[done.status]}) đã có trong "
                        f"{plan.path}; không ghi lại.", row=p.row, column=p.column))
                    continue
                kept.append(p)
            if not kept:
                continue
            conflicts = [self._conflict(p, existing) for p in kept]
            if len(kept) > 1:
                places = ", ".join(f"{p.file} {p.where}" for p in kept)
                for i in range(len(kept)):
                    conflicts[i] = conflicts[i] or (
                        f"nhiệm vụ được báo cáo khác nhau ở {len(kept)} nơi ({places})")
            last = existing[-1].date if existing else None
            for p, conflict in sorted(zip(kept, conflicts, strict=True),
                                      key=lambda pc: pc[0].update["date"]):
                day = p.update["date"]
                if conflict and not self.force:
                    result.problems.append(Message(
                        p.file, p.where, "conflict",
                        f"Xung đột ở nhiệm vụ “{task_id}” (kế hoạch {plan.id}): {conflict}.",
                        "", "Xem lại với cơ quan và trong tệp kế hoạch. Nếu báo cáo trong biểu "
                        "mẫu là đúng và mới nhất, nhập lại với --force; nếu không, xóa số liệu "
                        "của dòng này.", p.row, p.column))
                    continue
                if last is not None and day < last:
                    result.problems.append(Message(
                        p.file, p.date_where, "date-before-last-update",
                        f"Nhiệm vụ “{task_id}”: ngày {day:%d/%m/%Y} trước lần cập nhật đã ghi "
                        f"gần nhất ({last:%d/%m/%Y}); các lần cập nhật phải theo thứ tự thời "
                        "gian.", f"{day:%d/%m/%Y}",
                        "Kiểm tra lại ngày; nếu đúng là báo cáo cũ, không cần nhập.",
                        p.row, p.date_column))
                    continue
                last = day
                if conflict:
                    result.notices.append(Message(
                        p.file, p.where, "forced",
                        f"Nhiệm vụ “{task_id}”: {conflict}; vẫn ghi vì có --force.",
                        row=p.row, column=p.column))
                result.changes.append(Change(plan.path, plan.id, task_id, p.update, p.file,
                                             p.where, bool(conflict)))

    @staticmethod
    def _since(p: Proposal, existing: list[Update]) -> list[Update] | None:
        """The updates recorded after the form was made (None when earlier ones changed)."""
        for n in range(len(existing), -1, -1):
            if fingerprint(p.plan.id, p.task.id, existing[:n]) == p.key.fingerprint:
                return existing[n:]
        return None

    def _already_recorded(self, p: Proposal, existing: list[Update]) -> Update | None:
        for update in existing:
            if update_dict(update) == p.update:
                return update
        if not p.date_given:
            # A date left empty is filled in at import time: an update recorded since the form
            # was made that differs only by its date is this row, imported before.
            wanted = {k: v for k, v in p.update.items() if k != "date"}
            for update in self._since(p, existing) or []:
                if {k: v for k, v in update_dict(update).items() if k != "date"} == wanted:
                    return update
        return None

    def _conflict(self, p: Proposal, existing: list[Update]) -> str | None:
        leads = {ref.agency for ref in p.task.leads}
        if p.form.agency not in leads:
            return (f"biểu mẫu của {p.form.agency}, nhưng nhiệm vụ nay do "
                    f"{', '.join(sorted(leads)) or 'cơ quan chưa xác định'} chủ trì")
        since = self._since(p, existing)
        if since is None:
            return (f"các lần cập nhật đã ghi của nhiệm vụ bị sửa sau khi tạo biểu mẫu "
                    f"(ngày {p.form.as_of:%d/%m/%Y})")
        if since:
            later = since[-1]
            return (f"đã có cập nhật ngày {later.date:%d/%m/%Y} "
                    f"({UPDATE_STATUS_NAMES.get(later.status, later.status)}) ghi sau khi tạo "
                    f"biểu mẫu (ngày {p.form.as_of:%d/%m/%Y})")
        return None


def plan_import(root: Path, project: Project, paths: Sequence[Path], as_of: dt.date, *,
                force: bool = False, agency: str | None = None, period: Period | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """Read ``paths`` and say what importing them would change (nothing is written)."""
    importer = Importer(root, project, as_of, force, agency, period)
    proposals: list[Proposal] = []
    paths = [Path(p) for p in paths]
    books = in_parallel(read_book, paths, progress and (
        lambda done: progress("Đọc biểu mẫu", done, len(paths))))
    for path, book in zip(paths, books, strict=True):
        proposals += FileReader(importer, path).read(book)
    importer.compare(proposals)
    result = importer.result
    result.problems = capped(sorted(result.problems, key=Message.sort_key))
    result.notices.sort(key=Message.sort_key)
    result.skipped.sort(key=Message.sort_key)
    result.changes.sort(key=lambda c: (c.plan_file, c.update["date"]))
    return result
