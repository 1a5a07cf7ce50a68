"""The rows of the open-data tables, from one snapshot, and their CSV form.

CSV files are UTF-8 with a BOM and CRLF line ends, each row carrying ``as_of`` and
``source_commit``. ``congkhai export --format csv`` prints the first columns of the tasks table
from the same rows, so the two cannot drift apart.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, BinaryIO

from generator.common import urls
from generator.common.urls import absolute_url, normalise_site_url
from generator.downloads.csvsafe import neutralise
from generator.downloads.tables import (
    AGENCIES_TABLE,
    AREAS_TABLE,
    PLANS_TABLE,
    TABLES,
    TARGETS_TABLE,
    TASK_CSV_COLUMNS,
    TASKS_TABLE,
    UPDATES_TABLE,
    Table,
)
from generator.facts.snapshot import Snapshot
from generator.facts.stats import all_tasks, plan_objectives, target_met
from generator.model.entities import AgencyRef, Plan, Task
from generator.model.registry import agency_names
from generator.sources.vocabulary import (
    COMPARATOR_NAMES,
    DOCUMENT_TYPE_NAMES,
    LEVEL_NAMES,
    UPDATE_STATUS_NAMES,
    lost_in_copy_label,
)

Row = dict[str, Any]



class _Rows:
    """Builds the rows of every table from one snapshot."""

    def __init__(self, snapshot: Snapshot, source_commit: str | None, site_url: str) -> None:
        self.s = snapshot
        self.project = snapshot.project
        self.common = {"as_of": snapshot.as_of, "source_commit": source_commit}
        self.site_url = site_url

    def _names(self, refs: tuple[AgencyRef, ...]) -> str:
        return agency_names(self.project.agencies, refs)

    @staticmethod
    def _derived(refs: tuple[AgencyRef, ...]) -> str | None:
        """Derived references grouped by reason: "mã, mã: lý do | mã: lý do"."""
        by_reason: dict[str, list[str]] = {}
        for r in refs:
            if r.derived:
                by_reason.setdefault(r.derived, []).append(r.agency)
        return " | ".join(f"{', '.join(ids)}: {reason}"
                          for reason, ids in by_reason.items()) or None

    def _task_url(self, plan: Plan, task: Task) -> str:
        return absolute_url(self.site_url, urls.plan_page(plan.id), task.anchor)

    def plans(self) -> Iterator[Row]:
        for plan in self.project.plans:
            doc = plan.document
            summary = self.s.summary(self.s.by_plan.get(plan.id, []))
            issuer = self.project.agencies.get(doc.issuer)
            yield {
                "plan_id": plan.id, "title": plan.title, "demo": plan.demo,
                "document_type": doc.type, "document_type_label": DOCUMENT_TYPE_NAMES[doc.type],
                "document_number": doc.number, "issued": doc.issued,
                "effective_date": doc.effective_date, "effective_text": doc.effective_text,
                "issuer": doc.issuer, "issuer_name": issuer.name if issuer else None,
                "place": doc.place, "signer_form": doc.signer_form,
                "signer_name": doc.signer_name, "summary": doc.summary,
                "period_start": plan.period[0] if plan.period else None,
                "period_end": plan.period[1] if plan.period else None,
                "source_url": doc.source_url,
                "source_copy": urls.source_text_path(plan.id) if doc.source_seed else None,
                "lost_in_copy": "; ".join(doc.lost_in_copy) or None,
                "lost_in_copy_label": lost_in_copy_label(doc.lost_in_copy),
                "tasks": summary.total,
                "subtasks": sum(1 for t in plan.tasks for s in all_tasks(t) if s is not t),
                "fallen_due": summary.fallen_due,
                "fallen_due_reported": summary.fallen_due_reported,
                "completed_of_fallen_due": summary.completed_of_fallen_due,
                "on_time_of_fallen_due": summary.on_time_of_fallen_due,
                "overdue": summary.overdue, "past_due_unreported": summary.past_due_unreported,
                "reported": summary.reported,
                "url": absolute_url(self.site_url, urls.plan_page(plan.id)),
                **self.common,
            }

    def tasks(self) -> Iterator[Row]:
        areas = self.project.areas
        for e in self.s.facts:
            t, st, plan = e.task, e.status, e.plan
            area = areas.get(t.area) if t.area else None
            yield {
                "plan_id": plan.id, "plan_title": plan.title, "demo": plan.demo,
                "document_number": plan.document.number,
                "document_issued": plan.document.issued, "task_id": t.id,
                "section": t.section, "area": t.area, "area_name": area.name if area else None,
                "title": t.title, "output": t.output, "deadline_text": t.deadline.text,
                "deadline_kind": t.deadline.kind.value, "due": t.deadline.due,
                "start": t.deadline.start,
                "lead": "; ".join(r.agency for r in t.leads) or None,
                "lead_names": self._names(t.leads) or None,
                "support": "; ".join(r.agency for r in t.support) or None,
                "support_names": self._names(t.support) or None,
                "lead_derived": self._derived(t.leads),
                "support_derived": self._derived(t.support),
                "lost_in_copy": "; ".join(t.lost_in_copy) or None,
                "lost_in_copy_label": lost_in_copy_label(t.lost_in_copy),
                "status": st.code.value, "status_label": st.label, "progress": st.progress,
                "days_overdue": st.days_overdue,
                "last_update": st.latest.date if st.latest else None,
                "parent_task_id": e.parent.id if e.parent else None, "number": t.number,
                "assignment": t.assignment, "updates": len(t.updates),
                "url": self._task_url(plan, t),
                **self.common,
            }

    def targets(self) -> Iterator[Row]:
        for plan in self.project.plans:
            for task, obj in plan_objectives(plan):
                base = {"plan_id": plan.id, "task_id": task.id if task else None,
                        "objective_id": obj.id, "objective_text": obj.text, "demo": plan.demo,
                        **self.common}
                empty = {name: None for name in (
                    "target_no", "target_label", "comparator", "comparator_label", "value",
                    "unit", "baseline", "baseline_year", "deadline_text", "due", "latest_value",
                    "latest_date", "met", "measurements")}
                if not obj.targets:
                    yield {**base, **empty}
                for i, t in enumerate(obj.targets, start=1):
                    measured = [m for m in obj.updates if m.target == i and m.date <= self.s.as_of]
                    latest = measured[-1] if measured else None
                    yield {
                        **base, "target_no": i, "target_label": t.label,
                        "comparator": t.comparator,
                        "comparator_label": COMPARATOR_NAMES[t.comparator],
                        "value": t.value, "unit": t.unit, "baseline": t.baseline,
                        "baseline_year": t.baseline_year,
                        "deadline_text": t.deadline.text if t.deadline else None,
                        "due": t.deadline.due if t.deadline else None,
                        "latest_value": latest.value if latest else None,
                        "latest_date": latest.date if latest else None,
                        "met": target_met(t.comparator, latest.value, t.value) if latest else None,
                        "measurements": len(measured),
                    }

    def agencies(self) -> Iterator[Row]:
        provinces = self.project.provinces
        for a in sorted(self.project.agencies.values(), key=lambda a: a.id):
            led = self.s.led_by.get(a.id, [])
            province = provinces.get(a.province) if a.province else None
            yield {
                "id": a.id, "name": a.name, "short_name": a.short_name,
                "aliases": "; ".join(a.aliases) or None, "level": a.level,
                "level_label": LEVEL_NAMES[a.level], "group": a.group, "parent": a.parent,
                "website": a.website, "province": a.province,
                "province_name": province.name if province else None, "demo": a.demo,
                "tasks_led": len(led), "tasks_supported": len(self.s.supported_by.get(a.id, [])),
                "overdue_led": sum(1 for f in led if f.status.overdue),
                "past_due_unreported_led": sum(1 for f in led if f.status.past_due_unreported),
                "url": absolute_url(self.site_url, urls.agency_page(a.id)),
                **self.common,
            }

    def areas(self) -> Iterator[Row]:
        frameworks = self.project.frameworks
        for a in self.project.areas.values():
            facts = self.s.by_area.get(a.id, [])
            yield {
                "id": a.id, "name": a.name, "frameworks": "; ".join(a.frameworks) or None,
                "framework_names": "; ".join(
                    frameworks[f].name if f in frameworks else f for f in a.frameworks
                ) or None,
                "tasks": len(facts), "overdue": sum(1 for f in facts if f.status.overdue),
                "past_due_unreported": sum(1 for f in facts if f.status.past_due_unreported),
                "url": absolute_url(self.site_url, urls.area_page(a.id)),
                **self.common,
            }

    def updates(self) -> Iterator[Row]:
        for e in self.s.facts:
            for i, u in enumerate(e.task.updates, start=1):
                yield {
                    "plan_id": e.plan.id, "task_id": e.task.id, "update_no": i, "date": u.date,
                    "status": u.status, "status_label": UPDATE_STATUS_NAMES[u.status],
                    "progress": u.progress, "note": u.note, "evidence": u.evidence,
                    "reason": u.reason, "demo": e.plan.demo,
                    "url": self._task_url(e.plan, e.task), **self.common,
                }


def iter_table_rows(
    snapshot: Snapshot, source_commit: str | None = None, site_url: str | None = None
) -> Iterator[tuple[Table, list[list[Any]]]]:
    """Each table with its rows (typed Python values, in column order), one table at a time,
    so that only one table need be held."""
    builder = _Rows(snapshot, source_commit, normalise_site_url(site_url))
    made = {
        PLANS_TABLE.name: builder.plans, TASKS_TABLE.name: builder.tasks,
        TARGETS_TABLE.name: builder.targets, AGENCIES_TABLE.name: builder.agencies,
        AREAS_TABLE.name: builder.areas, UPDATES_TABLE.name: builder.updates,
    }
    for table in TABLES:
        names = [c.name for c in table.columns]
        wanted = set(names)
        rows = []
        for row in made[table.name]():
            if row.keys() != wanted:  # pragma: no cover - a programming error
                raise ValueError(f"{table.name}: {sorted(set(row) ^ wanted)}")
            rows.append([row[n] for n in names])
        yield table, rows


def table_rows(
    snapshot: Snapshot, source_commit: str | None = None, site_url: str | None = None
) -> dict[str, list[list[Any]]]:
    """Rows of every table (typed Python values, in column order), by table name."""
    return {table.name: rows for table, rows in iter_table_rows(snapshot, source_commit, site_url)}


def csv_cell(value: Any) -> str:
    """A value as the CSV files write it (what Table Schema reads by default); text that starts
    like a formula gets a quote in front (:mod:`generator.downloads.csvsafe`)."""
    if isinstance(value, str):
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_csv(out: BinaryIO, table: Table, rows: Iterable[Sequence[Any]]) -> None:
    """A table as CSV to ``out``: UTF-8 with a BOM (Excel reads Vietnamese right), CRLF line
    ends. Written in chunks of rows, never held whole."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        text.write("\ufeff")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([c.name for c in table.columns])
        # The csv module writes None, whole numbers and dates (str()) as csv_cell does; text
        # (a formula-like start neutralised), booleans and decimals need converting.
        convert = [i for i, c in enumerate(table.columns) if c.type not in ("integer", "date")]
        if convert:
            def cells(row: Sequence[Any]) -> list[Any]:
                out = list(row)
                for i in convert:
                    out[i] = csv_cell(out[i])
                return out
            writer.writerows(map(cells, rows))
        else:
            writer.writerows(rows)
        text.flush()
    finally:
        text.detach()


def table_csv(table: Table, rows: Sequence[Sequence[Any]]) -> bytes:
    """A table as CSV bytes: UTF-8 with a BOM (Excel reads Vietnamese right), CRLF line ends."""
    buffer = io.BytesIO()
    write_csv(buffer, table, rows)
    return buffer.getvalue()


def export_tasks_csv(snapshot: Snapshot) -> str:
    """The first columns of the tasks table (:data:`TASK_CSV_COLUMNS`), as CSV text, for
    ``congkhai export --format csv``; write it with a UTF-8 BOM so Excel reads Vietnamese right.
    """
    rows = _Rows(snapshot, None, normalise_site_url(None)).tasks()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TASK_CSV_COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row[name]) for name in TASK_CSV_COLUMNS])
    return out.getvalue()
