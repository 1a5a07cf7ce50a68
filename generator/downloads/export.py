"""The export contract: the whole corpus as JSON.

This is a public surface that other tools rely on. Keys are only ever added, never renamed or
removed, without raising ``EXPORT_VERSION``; the format is described on the generated "Dữ liệu
mở" page and in ``schemas/export.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator import __version__
from generator.facts.lineage import Heir, applies
from generator.facts.snapshot import Snapshot
from generator.facts.status import LABELS, ORDER, TaskStatus
from generator.model.deadlines import KIND_LABELS, Deadline
from generator.model.entities import (
    Agency,
    AgencyRef,
    LineageBasis,
    LineageEvent,
    LineageStatus,
    Objective,
    Party,
    Plan,
    Province,
    Source,
    Task,
    Update,
)
from generator.sources.schema import DOCUMENT_TYPE_NAMES, LINEAGE_KIND_NAMES, LINEAGE_STATUS_NAMES

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


def _basis(b: LineageBasis) -> dict[str, Any]:
    return {"number": b.number, "date": _date(b.date), "issuer": b.issuer, "title": b.title,
            "article": b.article, "url": b.url, "note": b.note}


def _party(p: Party) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "functions": p.functions, "derived": p.derived}


def _sources(sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    return [{"url": s.url, "quote": s.quote, "type": s.type} for s in sources]


def _event(e: LineageEvent, as_of: dt.date) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "kind_label": LINEAGE_KIND_NAMES[e.kind],
        "date": _date(e.date),
        "date_text": e.date_text,
        "known_by": _date(e.known_by),
        "in_effect": applies(e, as_of),
        "successors": [_party(p) for p in e.successors],
        "predecessors": [_party(p) for p in e.predecessors],
        "co_predecessors": list(e.co_predecessors),
        "basis": _basis(e.basis) if e.basis else None,
        "other_bases": [_basis(b) for b in e.other_bases],
        "confidence": e.confidence,
        "missing": list(e.missing),
        "derived": e.derived,
        "note": e.note,
        "sources": _sources(e.sources),
    }


def _status_of(status: LineageStatus | None) -> dict[str, Any] | None:
    if status is None:
        return None
    return {"status": status.status, "label": LINEAGE_STATUS_NAMES[status.status],
            "note": status.note, "searched": list(status.searched),
            "sources": _sources(status.sources)}


def _heirs(heirs: tuple[Heir, ...]) -> list[dict[str, Any]]:
    return [
        {**_party(h.party), "since": _date(h.since),
         "since_exact": h.steps[-1].event.date is not None,
         "derived": h.derived, "via": [step.event.subject for step in h.steps]}
        for h in heirs
    ]


def _lineage(events: tuple[LineageEvent, ...], status: LineageStatus | None,
             heirs: tuple[Heir, ...], as_of: dt.date) -> dict[str, Any]:
    return {
        "lineage": [_event(e, as_of) for e in events],
        "lineage_status": _status_of(status),
        "successors_as_of": _heirs(heirs),
    }


def _agency(a: Agency, snapshot: Snapshot) -> dict[str, Any]:
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
        **_lineage(a.lineage, a.lineage_status, snapshot.lineage.heirs(a.id), snapshot.as_of),
    }


def _province(p: Province, snapshot: Snapshot) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "demo": p.demo,
        **_lineage(p.lineage, p.lineage_status, snapshot.lineage.province_heirs(p.id),
                   snapshot.as_of),
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
        "agencies": [_agency(a, snapshot)
                     for a in sorted(project.agencies.values(), key=lambda a: a.id)],
        "areas": [
            {"id": a.id, "name": a.name, "frameworks": list(a.frameworks)}
            for a in project.areas.values()
        ],
        "frameworks": [
            {"id": f.id, "name": f.name, "basis": f.basis} for f in project.frameworks.values()
        ],
        "provinces": [_province(p, snapshot) for p in project.provinces.values()],
    }
