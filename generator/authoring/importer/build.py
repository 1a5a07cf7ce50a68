"""From a read document to a draft plan: the document block, legal bases, period, objectives,
sections and tasks (read from the prose outline by :mod:`.prose` and from task matrices by
:mod:`.tasks`), agencies matched.

Nothing the document does not say is filled in. Values that needed a reading — a lead taken from
a "Phân công" text without "chủ trì", an area matched to a section title, a period taken from the
trích yếu — are proposed with a review item, and agencies read that way are ``derived``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.authoring.importer.agencies import LEAD, SUPPORT, AgencyIndex, Roles
from generator.authoring.importer.draft import Draft
from generator.authoring.importer.header import Header, Unit, read_header, read_legal_bases, units
from generator.authoring.importer.lost import TASK_FIELDS, cited_appendix
from generator.authoring.importer.outline import build_outline
from generator.authoring.importer.prose import objectives as read_objectives
from generator.authoring.importer.prose import prose_sections
from generator.authoring.importer.tasks import Section, Task, matrix_sections
from generator.authoring.importer.text import kind_of_number
from generator.model.deadlines import parse_deadline
from generator.sources.documents.model import Location, Paragraph, SourceDocument
from generator.sources.textnorm import fold, slugify


class ImportRefused(Exception):
    """The document was read but no draft can be made; the message is Vietnamese."""


@dataclass(frozen=True)
class Registries:
    """What matching needs from the registries: agencies (id -> Agency) and areas."""

    agencies: dict
    areas: dict


def load_registries(root: Path) -> Registries:
    """The agency and area registries of the project at ``root``."""
    from generator.model.registry import build_agencies, build_areas
    from generator.sources.loader import Layout, load_agency_files, load_areas
    from generator.sources.problems import ProblemList

    problems = ProblemList()
    layout = Layout(root)
    _provinces, agencies = build_agencies(load_agency_files(layout, problems), problems)
    areas_file = load_areas(layout, problems)
    areas = build_areas(areas_file, problems)[1] if areas_file is not None else {}
    return Registries(agencies, areas)


# --- issuer ------------------------------------------------------------------------------------


def _find_issuer(header: Header, registries: Registries) -> tuple[str | None, str | None]:
    """The issuing body's id and, when it had to be inferred, the reason."""
    by_province: dict[str, AgencyIndex] = {}
    if header.issuer_text:
        for agency in registries.agencies.values():
            if agency.province and agency.province not in by_province:
                by_province[agency.province] = AgencyIndex.build(registries.agencies,
                                                                 agency.province)
        matches = {index.lookup(header.issuer_text) for index in by_province.values()}
        matches.discard(None)
        exact = [a for a in matches
                 if fold(registries.agencies[a].name) == fold(header.issuer_text)]
        if len(exact) == 1:
            return exact[0], None
        if len(matches) == 1:
            return matches.pop(), None
    if header.place:
        candidates = [a for a in registries.agencies.values()
                      if a.level == "tinh" and a.province and not a.demo
                      and fold(a.name).endswith(" " + fold(header.place))]
        if len(candidates) == 1:
            return candidates[0].id, (
                f"Bản sao chỉ ghi “{header.issuer_text or '(không có)'}”; cơ quan ban hành suy "
                f"ra từ địa danh “{header.place}” ở dòng ngày tháng.")
    return None, None


# --- values ------------------------------------------------------------------------------------


def _deadline(draft: Draft, path: tuple, text: str | None, where: Location | None) -> Any:
    if not text:
        return None
    parsed = parse_deadline(text)
    if not parsed.understood:
        draft.review(path, f"Hệ thống không tự hiểu thời hạn “{text}”: ghi rõ dạng "
                     "{text, due} hoặc {text, kind} (xem Định dạng dữ liệu › Thời hạn).", where)
    return text


def _agency_value(roles: Roles) -> Any:
    """``lead`` as a plan file writes it: null, one id, a list; ``{agency, derived}`` where the
    lead is a reading."""
    items = [{"agency": a, "derived": roles.reason(LEAD, a)} if roles.reason(LEAD, a) else a
             for a in roles.lead]
    if not items:
        return None
    return items[0] if len(items) == 1 else items


def _support_value(roles: Roles) -> list:
    return [{"agency": a, "derived": roles.reason(SUPPORT, a)} if roles.reason(SUPPORT, a)
            else a for a in roles.support]


def _roles_review(draft: Draft, path: tuple, roles: Roles, index: AgencyIndex,
                  where: Location | None) -> None:
    for name in roles.unknown:
        suggestions = index.suggest(name)
        hint = (" Có phải: " + ", ".join(f"{a} ({index.display.get(a, a)})" for a in suggestions)
                + "?") if suggestions else " Thêm cơ quan vào danh mục, hoặc thêm tên này vào " \
            "aliases của cơ quan đúng."
        draft.review((*path, "lead"), f"Tên cơ quan “{name}” không có trong danh mục; chưa ghi "
                     f"vào chủ trì/phối hợp.{hint}", where)
    if roles.derived:
        read = "; ".join(
            f"{word}: " + ", ".join(index.display.get(a, a) for a in roles.ids(role)
                                    if roles.reason(role, a))
            for role, word in ((LEAD, "chủ trì"), (SUPPORT, "phối hợp"))
            if any(roles.reason(role, a) for a in roles.ids(role)))
        draft.review((*path, "lead"), "Văn bản không gọi đúng vai trò “chủ trì”/“phối hợp” cho "
                     f"các cơ quan sau; vai trò được đọc theo câu chữ (đánh dấu derived, kèm lý "
                     f"do): {read}. Kiểm tra lại.", where)


def _task_entry(draft: Draft, path: tuple, task: Task, index: AgencyIndex,
                seen_ids: set[str]) -> dict[str, Any]:
    """The plan data of ``task`` (and its subtasks), with its review items."""
    task_id = task.id
    while task_id in seen_ids:
        task_id += "-2"
    if task_id != task.id:
        draft.review((*path, "id"), f"Số hiệu “{task.id}” trùng; đã đổi thành “{task_id}”.",
                     task.where)
    seen_ids.add(task_id)
    roles = task.roles or Roles()
    entry: dict[str, Any] = {
        "id": task_id,
        "title": task.title,
        "output": task.output[0] if task.output else None,
        "deadline": _deadline(draft, (*path, "deadline"),
                              task.deadline[0] if task.deadline else None,
                              task.deadline[1] if task.deadline else None),
        "lead": _agency_value(roles),
        "support": _support_value(roles),
    }
    if task.lost:
        entry["lost_in_copy"] = list(task.lost)
        draft.review((*path, "lost_in_copy"), f"{task.lost_why}: " + ", ".join(task.lost)
                     + " ghi là không có trong bản sao (không phải “văn bản không nêu”). Đối "
                     "chiếu văn bản gốc; nếu văn bản cũng không nêu, bỏ lost_in_copy.",
                     task.where)
    if task.assignment:
        entry["assignment"] = task.assignment
    if task.objectives:
        entry["objectives"] = task.objectives
    if task.roles is not None:
        _roles_review(draft, path, roles, index, task.roles_where)
    for key, message, where in task.notes:
        draft.review((*path, key) if key else path, message, where)
    if task.merged:
        draft.review(path, "Ô gộp nhiều hàng (" + ", ".join(task.merged) + "): giá trị của ô "
                     "gộp được ghi cho từng nhiệm vụ; kiểm tra.", task.where)
    for o, objective in enumerate(task.objectives or []):
        if objective["targets"]:
            draft.review((*path, "objectives", o, "targets"), "Chỉ tiêu đọc tự động: kiểm tra "
                         "nhãn, phép so sánh, giá trị và đơn vị.", objective["_where"])
    if task.subtasks:
        entry["subtasks"] = [_task_entry(draft, (*path, "subtasks", n), sub, index, seen_ids)
                             for n, sub in enumerate(task.subtasks)]
    return entry


def _document(draft: Draft, header: Header, doc_type: str, issuer: str,
              number_at: tuple[str | None, Location | None],
              issued_at: tuple[Any, Location | None], derived_issuer: str | None,
              source: dict[str, Any]) -> dict[str, Any]:
    """The ``document`` block of the draft, with its review items."""
    number, number_where = number_at
    issued, issued_where = issued_at
    doc: dict[str, Any] = {
        "type": doc_type,
        "number": number,
        "issued": issued,
        "effective": None,
        "issuer": issuer,
        "place": header.place,
        "signer": {"name": header.signer_name, "form": header.signer_form}
        if (header.signer_name or header.signer_form) else None,
        "summary": header.summary,
        "source": source,
    }
    if header.kind is None:
        draft.review(("document", "type"), "Bản sao không có dòng tên loại văn bản; hình thức "
                     + ("suy ra từ số ký hiệu." if doc_type != "khac" else "chưa xác định."),
                     header.number_where)
    if number is None:
        draft.review(("document", "number"), "Không tìm thấy số ký hiệu (dòng “Số: …”); điền "
                     "theo văn bản gốc.")
    elif number_where is header.attached_where and header.number is None:
        draft.review(("document", "number"), "Bản sao không có dòng “Số: …”; số ký hiệu lấy từ "
                     "dòng “Ban hành kèm theo …”.", number_where)
    if issued is None:
        draft.review(("document", "issued"), "Không tìm thấy ngày ban hành; điền theo văn bản "
                     "gốc (YYYY-MM-DD).")
    elif header.issued is None:
        draft.review(("document", "issued"), "Ngày ban hành lấy từ dòng “Ban hành kèm theo …”.",
                     issued_where)
    if derived_issuer:
        draft.review(("document", "issuer"), derived_issuer, header.issuer_where)
    if header.effective_text:
        doc["effective"] = {"text": header.effective_text,
                            "date": issued if header.effective_text == "kể từ ngày ký" else None}
        draft.review(("document", "effective"), "Ngày hiệu lực suy ra từ câu “"
                     + header.effective_text + "”.", header.effective_where)
    lost = []
    if header.place is None:
        # Every administrative document has its place-and-date line; the copy has none.
        lost.append("place")
        draft.review(("document", "lost_in_copy"), "Bản sao không có dòng địa danh, ngày tháng "
                     "(“…, ngày … tháng … năm …”): địa danh ghi là không có trong bản sao. Nếu bản "
                     "sao có dòng này mà hệ thống không đọc được, điền place và bỏ “place” ở đây.")
    if header.signer_form and header.signer_name is None:
        # The signature block kept the signer's title; the name below it is gone.
        lost.append("signer.name")
        draft.review(("document", "lost_in_copy"), f"Khối chữ ký còn “{header.signer_form}” "
                     "nhưng không có tên người ký: tên ghi là không có trong bản sao.",
                     header.signer_where)
    elif doc["signer"] is None:
        draft.review(("document", "signer"), "Không thấy khối chữ ký trong bản sao; để null "
                     "nếu văn bản gốc cũng không có.")
    if lost:
        doc["lost_in_copy"] = lost
    for message, where in header.notes:
        draft.review(("document",), message, where)
    return doc



def _appendix_not_in_copy(sections: list[Section], cited: Unit) -> None:
    """The text cites an appendix for details and the copy has no task matrix: what the body
    leaves unstated of a task (no lead, coordination, output or deadline) was in that appendix,
    which our copy lacks."""
    words = " ".join(cited.text.split())
    for section in sections:
        for task in section.tasks:
            if task.subtasks or task.output or task.deadline or (
                    task.roles and (task.roles.lead or task.roles.support)):
                continue
            task.lost = [f for f in TASK_FIELDS if f not in task.lost]
            task.lost_why = (f"Văn bản dẫn chiếu phụ lục (“{words}”, {cited.where.describe()}) "
                             "nhưng bản sao không có phụ lục hay bảng nhiệm vụ nào")


def _lost_notes(document: dict[str, Any], sections: list[Section]) -> list[str]:
    """The notes a plan with ``lost_in_copy`` must carry: what the copy lost, and where."""
    notes = []
    lost = document.get("lost_in_copy") or []
    if "place" in lost:
        notes.append("Bản sao không có dòng địa danh, ngày tháng của văn bản: địa danh ghi trong "
                     "lost_in_copy.")
    if "signer.name" in lost:
        notes.append("Khối chữ ký trong bản sao chỉ còn chức danh, không có tên người ký: tên "
                     "ghi trong lost_in_copy.")
    by_reason: dict[str, list[str]] = {}
    for section in sections:
        if section.lost and section.lost_why:
            by_reason.setdefault(section.lost_why, []).append(f"tiêu đề mục {section.id}")
        for task in section.tasks:
            for item in (task, *task.subtasks):
                if item.lost and item.lost_why:
                    by_reason.setdefault(item.lost_why, []).append(
                        f"{item.id} ({', '.join(item.lost)})")
    for reason, where in by_reason.items():
        notes.append(f"{reason}; ghi trong lost_in_copy: " + "; ".join(where) + ".")
    return notes


def _area(title: str | None, registries: Registries) -> str | None:
    if not title:
        return None
    key = fold(title).strip(" :.;")
    for area in registries.areas.values():
        if key in (fold(area.name), *(fold(a) for a in area.aliases)):
            return area.id
    return None


# --- the whole draft ---------------------------------------------------------------------------


def _period(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    match = re.search(r"giai đoạn\s*(\d{4})\s*[-–]\s*(\d{4})", text, re.IGNORECASE)
    if match:
        return int(match.group(1)), int(match.group(2))
    match = re.search(r"\bnăm\s+(\d{4})\s*$", text.strip(), re.IGNORECASE)
    if match:
        return int(match.group(1)), int(match.group(1))
    return None


def build_draft(document: SourceDocument, registries: Registries, issuer: str | None,
                source_name: str, source_url: str | None = None) -> Draft:
    """The draft plan of ``document``; raises :class:`ImportRefused` when it holds no plan."""
    header = read_header(document)
    derived_issuer = None
    if issuer is None:
        issuer, derived_issuer = _find_issuer(header, registries)
        if issuer is None:
            raise ImportRefused(
                f"{document.name}: không xác định được cơ quan ban hành"
                + (f" (“{header.issuer_text}”)" if header.issuer_text else "")
                + " trong danh mục cơ quan. Ghi rõ bằng --issuer <mã cơ quan>, ví dụ "
                "--issuer khanh-hoa-ubnd.")
    elif issuer not in registries.agencies:
        from generator.sources.problems import did_you_mean

        raise ImportRefused(f"Không có cơ quan “{issuer}” trong danh mục cơ quan. "
                            + (did_you_mean(issuer, registries.agencies) or ""))
    agency = registries.agencies[issuer]
    index = AgencyIndex.build(registries.agencies, agency.province)

    from_matrices, consumed = matrix_sections(document, index, issuer)
    prose_units = units(SourceDocument(
        document.name, document.kind,
        tuple(b for i, b in enumerate(document.blocks)
              if i not in consumed and isinstance(b, Paragraph)), ""))
    roots = build_outline(prose_units)
    prose = prose_sections(roots, index, issuer)
    cited = cited_appendix(prose_units) if not from_matrices else None
    if cited is not None:
        _appendix_not_in_copy(prose, cited)
    sections = prose + from_matrices

    number, number_where = header.number, header.number_where
    issued, issued_where = header.issued, header.issued_where
    draft = Draft({})
    if header.attached and (number is None or issued is None):
        if number is None:
            number, number_where = header.attached[1], header.attached_where
        if issued is None:
            issued, issued_where = header.attached[2], header.attached_where
    if not sections and number is None and header.kind is None:
        raise ImportRefused(
            f"{document.name}: không tìm thấy văn bản kế hoạch trong tệp (không có số ký hiệu, "
            "tên loại văn bản hay bảng nhiệm vụ). Kiểm tra đã chọn đúng tệp văn bản chưa.")
    doc_type = header.kind or (kind_of_number(number) if number else None) or "khac"

    from generator.authoring.new_plan import derive_plan_id

    if number and issued:
        plan_id = derive_plan_id(issuer, number, issued, doc_type, agency.province)
    else:
        plan_id = f"{agency.province or issuer}-nhap-{slugify(Path(source_name).stem)[:40]}"
    data: dict[str, Any] = {"id": plan_id}
    draft.data = data
    data["title"] = header.summary or document.name
    if agency.demo:
        data["demo"] = True
        draft.review(("demo",), "Cơ quan ban hành thuộc tỉnh hư cấu: bản nháp là dữ liệu minh "
                     "họa; ghi “(dữ liệu minh họa)” vào tên hiển thị.")
    draft.review(("title",), "Tên hiển thị: viết lại như một câu bình thường (chỉ viết hoa chữ "
                 "đầu và tên riêng), ví dụ “Kế hoạch cải cách hành chính tỉnh … năm …”.",
                 header.summary_where)
    data["document"] = _document(draft, header, doc_type, issuer, (number, number_where),
                                 (issued, issued_where), derived_issuer,
                                 {"seed": source_name if source_url is None else None,
                                  "url": source_url})

    period = _period(header.summary)
    data["period"] = {"start": period[0], "end": period[1]} if period else None
    if period:
        draft.review(("period",), "Giai đoạn đọc từ trích yếu; kiểm tra.", header.summary_where)
    data["notes"] = [f"Bản nháp tạo bằng lệnh congkhai import từ tệp {source_name}; mọi mục "
                     "“KIỂM TRA” đã được biên tập viên đối chiếu với văn bản gốc."]
    draft.review(("notes",), "Sửa ghi chú này sau khi đối chiếu xong; thêm ghi chú về những gì "
                 "bản sao bị mất hay không được chép.")

    bases = read_legal_bases(units(document))
    data["legal_bases"] = [{"number": b.number, "date": b.date, "title": b.title, "_where": b.where}
                           for b in bases]
    for i, basis in enumerate(bases):
        if basis.date is None:
            draft.review(("legal_bases", i, "date"), "Không đọc được ngày của căn cứ.",
                         basis.where)
    objectives = read_objectives(roots)
    data["objectives"] = objectives
    for i, objective in enumerate(objectives):
        if objective["targets"]:
            draft.review(("objectives", i, "targets"), "Chỉ tiêu đọc tự động: kiểm tra nhãn, "
                         "phép so sánh, giá trị và đơn vị.", objective["_where"])
    data["baselines"] = []
    data["sections"] = []
    seen_ids: set[str] = set()
    for s, section in enumerate(sections):
        area = _area(section.title, registries)
        raw = {"id": section.id, "part": section.part, "title": section.title, "area": area,
               "tasks": []}
        spath = ("sections", s)
        if section.lost:
            raw["lost_in_copy"] = list(section.lost)
            draft.review((*spath, "lost_in_copy"), f"{section.lost_why}: tiêu đề mục ghi là "
                         "không có trong bản sao. Đối chiếu văn bản gốc.", section.where)
            raw["tasks"] = raw.pop("tasks")
        data["sections"].append(raw)
        draft.review((*spath, "area"), (f"Lĩnh vực “{area}” khớp với tiêu đề mục; kiểm tra."
                                         if area else "Chọn mã lĩnh vực ứng với tiêu đề mục "
                                         "(hoặc để null)."), section.where)
        for t, task in enumerate(section.tasks):
            raw["tasks"].append(_task_entry(draft, (*spath, "tasks", t), task, index, seen_ids))
    if not sections:
        draft.review(("sections",), "Không tìm thấy danh sách nhiệm vụ hay bảng nhiệm vụ; nhập "
                     "tay các mục và nhiệm vụ.")
    data["notes"].extend(_lost_notes(data["document"], sections))
    data["duties"] = []
    draft.review(("duties",), "Phần “Tổ chức thực hiện” (trách nhiệm của các cơ quan) không được "
                 "nhập tự động; chép tay nếu cần.")
    return draft

