"""Tasks written as prose: the numbered outline under a "Nhiệm vụ"/"Giải pháp" heading, the index
areas laid out as "Nội dung và mục tiêu" / "Phân công trách nhiệm", a chỉ thị's list of
requirements, and the objectives under a "Mục tiêu" heading."""

from __future__ import annotations

import re

from generator.authoring.importer.agencies import AgencyIndex, Roles, assignment_roles, read_list
from generator.authoring.importer.outline import Item
from generator.authoring.importer.targets import read_targets
from generator.authoring.importer.tasks import Section, Task
from generator.sources.documents.model import Location
from generator.sources.textnorm import fold

_TASK_HEADING = ("nhiem vu", "giai phap")
_NOT_TASKS = ("to chuc thuc hien", "trach nhiem cua", "kinh phi")
_OBJECTIVE_HEADING = ("muc tieu", "muc dich")


def _heading(item: Item) -> str:
    return fold(item.own_text())


def _is_label(item: Item, *words: str) -> bool:
    return fold(item.own_text()).strip(" :.").startswith(words)



def prose_sections(roots: list[Item], index: AgencyIndex, issuer: str) -> list[Section]:
    sections: list[Section] = []
    heads = [i for i in roots if i.kind in ("part", "roman")
             and any(w in _heading(i) for w in _TASK_HEADING)
             and not any(w in _heading(i) for w in _NOT_TASKS)]
    for head in heads:
        children = [c for c in head.children if c.kind not in ("dash", "plus")]
        if not children:
            continue
        part = (head.marker + " " + head.own_text()).strip()
        for child in children:
            labels = [g for g in child.children if _is_label(g, "phan cong")]
            if labels:
                sections.append(_par_section(child, labels[0], part, index, issuer))
                continue
            tasks = [g for g in child.children if g.kind not in ("dash", "plus")]
            if tasks:
                sections.append(Section(child.label, part, child.own_text() or None, child.where,
                                         [_prose_task(child.label, t, index, issuer)
                                          for t in tasks]))
        if not sections:
            sections.append(Section(head.label, None, head.own_text() or None, head.where,
                                     [_prose_task(head.label, t, index, issuer)
                                      for t in children]))
    if not sections:
        # A list of requirements a), b)… with no heading (a chỉ thị): the first such list.
        for item in roots:
            if item.kind == "letter" and item.label == "a":
                group = [item]
                for other in roots[roots.index(item) + 1:]:
                    if other.kind != "letter" or other.restart:
                        break
                    group.append(other)
                if len(group) >= 3:
                    sections.append(Section("1", None, None, group[0].where,
                                             [_prose_task("1", t, index, issuer) for t in group]))
                break
    return sections


def _prose_task(section: str, item: Item, index: AgencyIndex, issuer: str) -> Task:
    title = item.full_text()
    task = Task(f"{section}.{item.label}", title, item.whole_where())
    if re.search(r"\bchủ\s+trì\b", title, re.IGNORECASE):
        roles = assignment_roles(title, index, issuer)
        if roles.lead and not roles.derived:
            task.roles, task.roles_where = roles, item.whole_where()
    return task


def _par_section(item: Item, label_item: Item, part: str, index: AgencyIndex,
                 issuer: str) -> Section:
    """An index area laid out as "1. Chỉ số …:" / "1.1. Nội dung và mục tiêu:" / "1.2. Phân
    công trách nhiệm:" ("- Cơ quan chủ trì: …", "- Cơ quan phối hợp: …")."""
    title = item.own_text()
    name = title[:-1].rstrip() if title.endswith(":") else title
    task = Task(item.label, name, item.where)
    text = " ".join(c.marked_text() for c in label_item.children)
    roles = Roles()
    lead_text = []
    for child in label_item.children:
        own = child.own_text()
        folded = fold(own)
        if folded.startswith(("co quan chu tri", "don vi chu tri")):
            after = own.split(":", 1)[1] if ":" in own else ""
            if after.strip():
                mentions, _end = read_list(after.strip(), index)
                roles.add(roles.lead, mentions, issuer)
            for grand in child.children:
                lead_text.append(grand.own_text())
        elif folded.startswith(("co quan phoi hop", "don vi phoi hop")):
            after = own.split(":", 1)[1] if ":" in own else ""
            mentions, _end = read_list(after.strip(), index)
            roles.add(roles.support, mentions, issuer)
        else:
            lead_text.append(child.full_text())
    for piece in lead_text:
        found = assignment_roles(piece, index, issuer)
        if re.search(r"\bchủ\s+trì\b", piece, re.IGNORECASE):
            roles.add_ids(roles.lead, found.lead)
            roles.add_ids(roles.support, found.support)
        else:
            roles.add_ids(roles.support, found.lead + found.support)
        roles.unknown.extend(u for u in found.unknown if u not in roles.unknown)
    roles.tidy()
    task.roles, task.roles_where, task.assignment = roles, label_item.whole_where(), text
    objectives = []
    for content in item.children:
        if content is label_item or not _is_label(content, "noi dung"):
            continue
        for n, bullet in enumerate(content.children, 1):
            objectives.append(_objective(f"{content.label}.{n}", bullet.full_text(),
                                         bullet.whole_where()))
    task.objectives = objectives
    return Section(item.label, None, name, item.where, [task])


def _objective(oid: str, text: str, where: Location) -> dict:
    return {"id": oid, "text": text, "_where": where,
            "targets": [{"label": t.label, "comparator": t.comparator, "value": t.value,
                         "unit": t.unit, "baseline": None, "baseline_year": None,
                         "deadline": None} for t in read_targets(text)]}


def objectives(roots: list[Item]) -> list[dict]:
    out: list[dict] = []
    for head in roots:
        if head.kind not in ("part", "roman") or not any(
                w in _heading(head) for w in _OBJECTIVE_HEADING) or any(
                w in _heading(head) for w in _TASK_HEADING):
            continue
        for child in head.children:
            bullets = [g for g in child.children if g.kind in ("dash", "plus")]
            letters = [g for g in child.children if g.kind not in ("dash", "plus")]
            own = child.own_text()
            if bullets and not letters and (own.endswith(":") or len(own) < 40):
                for n, bullet in enumerate(bullets, 1):
                    out.append(_objective(f"{child.label}.{n}", bullet.full_text(),
                                          bullet.whole_where()))
                continue
            text = " ".join([own, *(b.marked_text() for b in bullets)])
            out.append(_objective(child.label, text, child.where))
            for letter in letters:
                out.append(_objective(f"{child.label}.{letter.label}", letter.full_text(),
                                      letter.whole_where()))
    seen: set[str] = set()
    for objective in out:
        while objective["id"] in seen:
            objective["id"] += "-2"
        seen.add(objective["id"])
    return out
