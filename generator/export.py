"""The export contract: the whole corpus as JSON, and tasks as CSV.

This is a public surface that other tools rely on. Keys are only ever added, never renamed or
removed, without raising ``EXPORT_VERSION``; the format is described on the generated "Dữ liệu
mở" page and in ``schemas/export.schema.json``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from generator import __version__
from generator.csvsafe import safe_row
from generator.deadlines import KIND_LABELS, Deadline
from generator.model import Agency, AgencyRef, Objective, Plan, Task, Update
from generator.schema import DOCUMENT_TYPE_NAMES
from generator.snapshot import Snapshot
from generator.status import LABELS, ORDER, TaskStatus

EXPORT_VERSION = "1.0"


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _deadline(d: Deadline | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "text": d.text,
        "kind": d.kind.value,
        "kind_label": KIND_LABELS[d.kind],
        "due": _date(d.due),
        "start": _date(d.start),
        "explicit": d.explicit,
    }


def _refs(refs: tuple[AgencyRef, ...]) -> list[dict[str, Any]]:
    return [{"agency": r.agency, "derived": r.derived} for r in refs]


def _update(u: Update) -> dict[str, Any]:
    return {
        "date": u.date.isoformat(),
        "status": u.status,
        "progress": u.progress,
        "note": u.note,
        "evidence": u.evidence,
        "reason": u.reason,
    }


def _objective(o: Objective) -> dict[str, Any]:
    return {
        "id": o.id,
        "text": o.text,
        "targets": [
            {
                "label": t.label,
                "comparator": t.comparator,
                "value": t.value,
                "unit": t.unit,
                "baseline": t.baseline,
                "baseline_year": t.baseline_year,
                "deadline": _deadline(t.deadline),
            }
            for t in o.targets
        ],
        "measurements": [
            {"date": m.date.isoformat(), "target": m.target, "value": m.value, "note": m.note,
             "evidence": m.evidence}
            for m in o.updates
        ],
    }


def _status(st: TaskStatus) -> dict[str, Any]:
    return {
        "code": st.code.value,
        "label": st.label,
        "progress": st.progress,
        "days_overdue": st.days_overdue,
        "fixed_deadline": st.fixed_deadline,
        "last_update": _date(st.latest.date) if st.latest else None,
    }


def _task(task: Task, plan_id: str, snapshot: Snapshot) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": task.id,
        "number": task.number,
        "section": task.section,
        "area": task.area,
        "title": task.title,
        "output": task.output,
        "deadline": _deadline(task.deadline),
        "lead": task.leads[0].agency if task.leads else None,
        "leads": _refs(task.leads),
        "support": [r.agency for r in task.support],
        "support_refs": _refs(task.support),
        "assignment": task.assignment,
        "how": task.how,
        "objectives": [_objective(o) for o in task.objectives],
        "updates": [_update(u) for u in task.updates],
        "subtasks": [_task(s, plan_id, snapshot) for s in task.subtasks],
        "line": task.line,
        "status": _status(snapshot.by_key[f"{plan_id}#{task.id}"].status),
    }
    return out


def _plan(plan: Plan, snapshot: Snapshot) -> dict[str, Any]:
    doc = plan.document
    facts = snapshot.by_plan.get(plan.id, [])
    summary = snapshot.summary(facts)
    return {
        "id": plan.id,
        "title": plan.title,
        "demo": plan.demo,
        "path": plan.path,
        "document": {
            "type": doc.type,
            "type_label": DOCUMENT_TYPE_NAMES[doc.type],
            "number": doc.number,
            "issued": doc.issued.isoformat(),
            "effective": (
                {"date": _date(doc.effective_date), "text": doc.effective_text}
                if doc.effective_text else None
            ),
            "issuer": doc.issuer,
            "place": doc.place,
            "signer": {"name": doc.signer_name, "form": doc.signer_form},
            "summary": doc.summary,
            "source": {"seed": doc.source_seed, "url": doc.source_url},
        },
        "period": {"start": plan.period[0], "end": plan.period[1]} if plan.period else None,
        "notes": list(plan.notes),
        "legal_bases": [
            {"number": b.number, "date": _date(b.date), "title": b.title}
            for b in plan.legal_bases
        ],
        "objectives": [_objective(o) for o in plan.objectives],
        "baselines": [
            {"label": b.label, "value": b.value, "unit": b.unit, "year": b.year}
            for b in plan.baselines
        ],
        "sections": [
            {"id": s.id, "part": s.part, "title": s.title, "area": s.area,
             "tasks": [t.id for t in s.tasks]}
            for s in plan.sections
        ],
        "tasks": [_task(t, plan.id, snapshot) for t in plan.tasks],
        "duties": [
            {
                "id": d.id,
                "agencies": _refs(d.agencies),
                "heading": d.heading,
                "text": d.text,
                "items": [{"id": i.id, "text": i.text} for i in d.items],
            }
            for d in plan.duties
        ],
        "summary": {
            "tasks": summary.total,
            "by_status": {code.value: n for code, n in summary.by_status.items()},
            "fallen_due": summary.fallen_due,
            "fallen_due_reported": summary.fallen_due_reported,
            "completed_of_fallen_due": summary.completed_of_fallen_due,
            "on_time_of_fallen_due": summary.on_time_of_fallen_due,
            "overdue": summary.overdue,
            "past_due_unreported": summary.past_due_unreported,
            "reported": summary.reported,
        },
    }


def _agency(a: Agency) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "short_name": a.short_name,
        "aliases": list(a.aliases),
        "level": a.level,
        "group": a.group,
        "parent": a.parent,
        "website": a.website,
        "province": a.province,
        "demo": a.demo,
    }


def export_json(snapshot: Snapshot, source_commit: str | None = None) -> dict[str, Any]:
    """The whole corpus as one JSON-ready dict, statuses as of the snapshot date."""
    project = snapshot.project
    return {
        "export_version": EXPORT_VERSION,
        "generator": f"congkhai {__version__}",
        "as_of": snapshot.as_of.isoformat(),
        "source_commit": source_commit,
        "statuses": [{"code": s.value, "label": LABELS[s]} for s in ORDER],
        "plans": [_plan(p, snapshot) for p in project.plans],
        "agencies": [_agency(a) for a in sorted(project.agencies.values(), key=lambda a: a.id)],
        "areas": [
            {"id": a.id, "name": a.name, "frameworks": list(a.frameworks)}
            for a in project.areas.values()
        ],
        "frameworks": [
            {"id": f.id, "name": f.name, "basis": f.basis} for f in project.frameworks.values()
        ],
        "provinces": [
            {"id": p.id, "name": p.name, "demo": p.demo} for p in project.provinces.values()
        ],
    }


TASK_CSV_COLUMNS = (
    "plan_id", "plan_title", "demo", "document_number", "document_issued", "task_id",
    "parent_task_id", "section",
    "area", "area_name", "title", "output", "deadline_text", "deadline_kind", "due", "start",
    "lead", "lead_names", "support", "support_names", "status", "status_label", "progress",
    "days_overdue", "last_update", "as_of",
)


def export_tasks_csv(snapshot: Snapshot) -> str:
    """One row per task (subtasks too, with their parent's id), as text; write it with a UTF-8
    BOM so Excel reads Vietnamese right."""
    project = snapshot.project

    def names(refs: tuple[AgencyRef, ...]) -> str:
        return "; ".join(
            project.agencies[r.agency].name if r.agency in project.agencies else r.agency
            for r in refs
        )

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TASK_CSV_COLUMNS)
    for f in snapshot.facts:
        t, st, plan = f.task, f.status, f.plan
        area = project.areas.get(t.area) if t.area else None
        # text cells that start like a formula get a quote in front (generator.csvsafe)
        writer.writerow(safe_row([
            plan.id, plan.title, "true" if plan.demo else "false", plan.document.number,
            plan.document.issued.isoformat(), t.id, f.parent.id if f.parent else "", t.section,
            t.area or "",
            area.name if area else "", t.title, t.output or "", t.deadline.text or "",
            t.deadline.kind.value, _date(t.deadline.due) or "", _date(t.deadline.start) or "",
            "; ".join(r.agency for r in t.leads), names(t.leads),
            "; ".join(r.agency for r in t.support), names(t.support),
            st.code.value, st.label, "" if st.progress is None else st.progress,
            "" if st.days_overdue is None else st.days_overdue,
            _date(st.latest.date) if st.latest else "", snapshot.as_of.isoformat(),
        ]))
    return out.getvalue()
