"""Plans that amend or replace other plans: the checks that need every loaded plan.

A plan file is checked on its own in :mod:`generator.model.plans` (a relation's dates, its own
id); whether the plan it names exists, is of the same kind and has the tasks it names can only be
known once every plan is loaded.
"""

from __future__ import annotations

from generator.model.entities import Plan
from generator.sources.problems import ProblemList, did_you_mean


def check_relations(plans: list[Plan], problems: ProblemList, complete: bool = True) -> None:
    """Record the problems of plans' relations that need the other plans: the plan named must
    be loaded, of the same kind (real or demo), with the number and date the relation gives, and
    have the tasks it names. Unless ``complete`` (every plan file was read), a plan that is not
    loaded is not an error: it may be in a file that was not asked for."""
    by_id = {p.id: p for p in plans}
    for plan in plans:
        for rel in plan.relations:
            if rel.plan is None:
                continue
            other = by_id.get(rel.plan)
            if other is None and not complete:
                continue
            if other is None:
                problems.add(plan.path, rel.line, 1, "unknown-related-plan",
                             f"Không có kế hoạch “{rel.plan}” trên trang.",
                             did_you_mean(rel.plan, by_id) or "Ghi đúng mã kế hoạch (tên tệp), "
                             "hoặc để plan: null nếu văn bản đó không có trên trang.")
                continue
            if other.demo != plan.demo:
                problems.add(plan.path, rel.line, 1, "demo-relation",
                             "Văn bản thật và dữ liệu minh họa không được liên kết với nhau.",
                             "Chỉ ghi quan hệ giữa hai văn bản thật, hoặc hai văn bản minh họa.")
            doc = other.document
            if (rel.number, rel.date) != (doc.number, doc.issued):
                problems.add(plan.path, rel.line, 1, "related-plan-mismatch",
                             f"Kế hoạch “{rel.plan}” là văn bản số {doc.number} ngày "
                             f"{doc.issued:%d/%m/%Y}, không phải số {rel.number} ngày "
                             f"{rel.date:%d/%m/%Y}.",
                             "Sửa số, ngày cho đúng văn bản bị sửa đổi, thay thế, hoặc sửa plan.")
            known = {t.id for top in other.tasks for t in (top, *top.subtasks)}
            for task_id in rel.tasks:
                if task_id not in known:
                    problems.add(plan.path, rel.line, 1, "unknown-related-task",
                                 f"Kế hoạch “{rel.plan}” không có nhiệm vụ “{task_id}”.",
                                 did_you_mean(task_id, known) or "Ghi đúng số hiệu nhiệm vụ.")
