"""Tasks written as prose: the numbered outline under a "Nhiệm vụ"/"Giải pháp" heading, the index
areas laid out as "Nội dung và mục tiêu" / "Phân công trách nhiệm", a chỉ thị's list of
requirements, and the objectives under a "Mục tiêu" heading.

Who acts is read as the editors' guide says a person transcribing reads it: a requirement whose
sentence begins by naming agencies ("Các sở, ban, ngành … xây dựng …") has them as ``derived``
leads; work a text assigns to one part only (a later paragraph "Giao Sở … Yêu cầu đến năm 2022
…", one of several "Phân công" bullets each naming its own agencies) is a subtask with that
part's agencies and deadline, and the rest carries none of them. Every such reading goes to the
review list.
"""

from __future__ import annotations

import re

from generator.authoring.importer.agencies import (
    LEAD,
    SUPPORT,
    AgencyIndex,
    Roles,
    acting_roles,
    assignment_roles,
    names_actors,
    read_list,
    support_reason,
)
from generator.authoring.importer.header import Unit
from generator.authoring.importer.lost import first_surviving_heading
from generator.authoring.importer.outline import Item
from generator.authoring.importer.targets import read_targets
from generator.authoring.importer.tasks import Section, Task
from generator.authoring.importer.text import due_phrase
from generator.sources.documents.model import Location, join_lines
from generator.sources.textnorm import fold

_CHU_TRI = re.compile(r"\bchủ\s+trì\b", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.:;!?…]\s*$")

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
                    sections.append(_requirements(group, roots, index, issuer))
                break
    return sections


def _requirements(group: list[Item], roots: list[Item], index: AgencyIndex,
                  issuer: str) -> Section:
    """A list of requirements a), b)… with no heading (a chỉ thị), as section "1".

    When the copy's numbered headings are gone (it keeps "6. …" but no "1."), the heading this
    list stood under is lost with them, and with it who carries the requirements out: the
    section's title and the lead of each requirement that names none are lost in our copy.
    """
    section = Section("1", None, None, group[0].where,
                      [_prose_task("1", t, index, issuer) for t in group])
    survivor = first_surviving_heading(roots)
    if survivor is not None:
        why = (f"Bản sao mất các tiêu đề đánh số trước mục “{survivor.label}.” (còn “"
               f"{survivor.marker} {survivor.lines[0].text}” nhưng không có “1.”), nên mất cả "
               "tiêu đề của danh sách yêu cầu a), b)… đứng đầu văn bản và cơ quan thực hiện "
               "các yêu cầu đó")
        section.lost, section.lost_why = ["title"], why
        for task in section.tasks:
            if not (task.roles and task.roles.lead):
                task.lost, task.lost_why = ["lead"], why
    return section


def _paragraphs(item: Item) -> list[tuple[str, Location]]:
    """The paragraphs of an item's own text. A line that does not end a sentence is continued by
    the next (a copy or a PDF wraps paragraphs); a line that ends one closes its paragraph."""
    groups: list[list[Unit]] = []
    for unit in item.lines:
        if groups and not _ENDS_SENTENCE.search(groups[-1][-1].text):
            groups[-1].append(unit)
        else:
            groups.append([unit])
    return [(join_lines("\n".join(u.text for u in g)), g[0].where.spanning(g[-1].where))
            for g in groups if any(u.text for u in g)]


def _prose_task(section: str, item: Item, index: AgencyIndex, issuer: str) -> Task:
    """A numbered requirement or task of the prose, with the agencies it names as acting.

    A later paragraph that assigns work of its own ("Giao Sở … tiếp tục …; Yêu cầu đến năm 2022
    …") becomes a subtask numbered by its place among the paragraphs, with its agencies and
    deadline; the task keeps its other paragraphs and takes none of them.
    """
    task_id = f"{section}.{item.label}"
    paragraphs = _paragraphs(item)
    assigned = [n for n, (text, _w) in enumerate(paragraphs) if n > 0
                and names_actors(text, index)]
    own = " ".join(text for n, (text, _w) in enumerate(paragraphs) if n not in assigned)
    title = " ".join(p for p in (own, *(c.marked_text() for c in item.children)) if p)
    task = Task(task_id, title, item.whole_where())
    roles = acting_roles(own, index, issuer)
    if not (roles.lead or roles.support) and _CHU_TRI.search(title):
        stated = assignment_roles(title, index, issuer)
        roles = stated if stated.lead and not stated.derived else roles
    if roles.lead or roles.support or roles.unknown:
        task.roles, task.roles_where = roles, item.where
    for n in assigned:
        task.subtasks.append(_assigned_paragraph(task_id, n + 1, *paragraphs[n], index, issuer))
    return task


def _assigned_paragraph(parent: str, ordinal: int, text: str, where: Location,
                        index: AgencyIndex, issuer: str) -> Task:
    sub = Task(f"{parent}.{ordinal}", text, where)
    sub.roles, sub.roles_where = acting_roles(text, index, issuer), where
    due = due_phrase(text)
    if due:
        sub.deadline = (due, where)
        sub.notes.append(("deadline", "Thời hạn đọc từ câu chữ của đoạn (“" + due + "”); kiểm "
                          "tra rằng nó áp dụng cho cả đoạn.", where))
    sub.notes.append(("", (
        f"Đoạn thứ {ordinal} của nhiệm vụ {parent} giao việc riêng cho cơ quan được nêu, nên được "
        f"ghi thành nhiệm vụ con {sub.id} (số hiệu là thứ tự đoạn trong bản sao; văn bản không "
        "đánh số đoạn) với cơ quan" + (" và thời hạn" if due else "") + " của riêng đoạn này; "
        f"nhiệm vụ {parent} không mang chúng. Ghi điều này vào notes."), where))
    return sub


_ROLE_LINES = ("co quan chu tri", "don vi chu tri", "co quan phoi hop", "don vi phoi hop")


def _par_section(item: Item, label_item: Item, part: str, index: AgencyIndex,
                 issuer: str) -> Section:
    """An index area laid out as "1. Chỉ số …:" / "1.1. Nội dung và mục tiêu:" / "1.2. Phân
    công trách nhiệm:" ("- Cơ quan chủ trì: …", "- Cơ quan phối hợp: …").

    Without those two lines, bullets that each assign work of their own ("- Sở Nội vụ phối hợp
    với … điều tra …", "- Sở Kế hoạch và Đầu tư chủ trì tham mưu …") are subtasks numbered by
    their order under the label, each with its own agencies; the area then has no common lead.
    """
    title = item.own_text()
    name = title[:-1].rstrip() if title.endswith(":") else title
    task = Task(item.label, name, item.where)
    text = " ".join(c.marked_text() for c in label_item.children)
    bullets = label_item.children
    if len(bullets) >= 2 and not any(fold(b.own_text()).startswith(_ROLE_LINES)
                                     for b in bullets) \
            and all(names_actors(b.full_text(), index) for b in bullets):
        for n, bullet in enumerate(bullets, 1):
            sub = Task(f"{label_item.label}.{n}", bullet.full_text(), bullet.whole_where())
            sub.roles = assignment_roles(sub.title, index, issuer)
            sub.roles_where = sub.where
            task.subtasks.append(sub)
        task.roles, task.roles_where = Roles(), label_item.whole_where()
        task.notes.append((
            "", f"Mục {label_item.label} không có dòng “Cơ quan chủ trì”/“Cơ quan phối hợp” mà có "
            f"{len(bullets)} gạch đầu dòng, mỗi gạch giao một việc riêng: ghi thành các nhiệm vụ "
            + ", ".join(s.id for s in task.subtasks) + " (số thứ tự gạch đầu dòng; văn bản không "
            f"đánh số), nhiệm vụ {item.label} không có chủ trì chung. Ghi điều này vào notes.",
            label_item.whole_where()))
    else:
        task.roles, task.roles_where = _label_roles(label_item, index, issuer), \
            label_item.whole_where()
    task.assignment = text
    objectives = []
    for content in item.children:
        if content is label_item or not _is_label(content, "noi dung"):
            continue
        for n, bullet in enumerate(content.children, 1):
            objectives.append(_objective(f"{content.label}.{n}", bullet.full_text(),
                                         bullet.whole_where()))
    task.objectives = objectives
    return Section(item.label, None, name, item.where, [task])


def _label_roles(label_item: Item, index: AgencyIndex, issuer: str) -> Roles:
    """The roles of a "Phân công" label: its "Cơ quan chủ trì:" and "Cơ quan phối hợp:" lines,
    and the other lines read as "Phân công" text. Beside a lead the lines name as such, an
    agency that acts without "chủ trì" is read as coordinating (``derived``)."""
    roles = Roles()
    pieces = []
    for child in label_item.children:
        own = child.own_text()
        folded = fold(own)
        after = own.split(":", 1)[1].strip() if ":" in own else ""
        if folded.startswith(_ROLE_LINES[:2]):
            if after:
                roles.add(LEAD, read_list(after, index)[0], issuer)
            pieces.extend(grand.own_text() for grand in child.children)
        elif folded.startswith(_ROLE_LINES[2:]):
            roles.add(SUPPORT, read_list(after, index)[0], issuer)
        else:
            pieces.append(child.full_text())
    named_lead = bool(roles.lead)
    for piece in pieces:
        found = assignment_roles(piece, index, issuer)
        if _CHU_TRI.search(piece) or not named_lead:
            roles.merge(found)
            continue
        roles.add_ids(SUPPORT, found.lead, support_reason(piece))
        for agency in found.support:
            roles.add_ids(SUPPORT, [agency], found.reason(SUPPORT, agency))
        roles.unknown.extend(u for u in found.unknown if u not in roles.unknown)
    roles.tidy()
    return roles


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
