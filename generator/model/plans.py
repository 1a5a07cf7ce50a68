"""Plan files: the checks that need the registries or the whole file, and the model objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any

from generator.model.deadlines import (
    NOT_STATED,
    Deadline,
    DeadlineKind,
    explicit_deadline,
    parse_deadline,
)
from generator.model.entities import (
    Agency,
    AgencyRef,
    Area,
    Baseline,
    Document,
    Duty,
    DutyItem,
    LegalBasis,
    Measurement,
    Objective,
    Plan,
    Section,
    Target,
    Task,
    Update,
    task_anchor,
)
from generator.model.lineage import end_event
from generator.model.targets import read_comparator
from generator.sources.problems import WARNING, ProblemList, did_you_mean
from generator.sources.spec import FIRST_DAY, LAST_DAY
from generator.sources.validate import Loaded, Path
from generator.sources.vocabulary import LINEAGE_KIND_NAMES

Raw = dict[str, Any]


def read_deadline(raw: Any) -> Deadline:
    """The deadline of a validated ``deadline`` field (text, mapping or null)."""
    if raw is None:
        return NOT_STATED
    if isinstance(raw, str):
        return parse_deadline(raw)
    return explicit_deadline(raw["text"], raw["due"], raw["start"], raw["kind"])


def agency_refs(raw: Any) -> tuple[AgencyRef, ...]:
    """Agency references from a validated ``lead``/``support``/``agency`` value."""
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (AgencyRef(raw),)
    if isinstance(raw, dict):
        return (AgencyRef(raw["agency"], raw["derived"]),)
    return tuple(ref for item in raw for ref in agency_refs(item))


class _PlanChecker:
    """Checks of one validated plan file against the registries and itself."""

    def __init__(
        self,
        loaded: Loaded,
        agencies: dict[str, Agency],
        areas: dict[str, Area],
        as_of: dt.date,
        problems: ProblemList,
        seeds: frozenset[str] | None = None,
    ) -> None:
        self.seeds = seeds
        self.loaded = loaded
        self.plan: Raw = loaded.value
        self.agencies = agencies
        self.areas = areas
        self.as_of = as_of
        self.problems = problems
        self.first_lost: Path | None = None
        self.warned: set[str] = set()

    def error(self, path: Path, code: str, message: str, hint: str | Callable[[], str] = "",
              key: bool = False) -> None:
        marks = self.loaded.marks
        line, col = marks.key_at(path) if key else marks.at(path)
        self.problems.add(self.loaded.file, line, col, code, message, hint)

    def run(self) -> None:
        self.check_identity()
        self.check_agency(("document", "issuer"), self.plan["document"]["issuer"])
        self.check_source()
        self.check_dates()
        seen_sections: dict[str, Path] = {}
        seen_tasks: dict[str, Path] = {}
        seen_anchors: dict[str, str] = {}
        for path, raw in self.objectives(self.plan["objectives"], ("objectives",)):
            self.check_objective(path, raw)
        self.check_unique_ids(self.plan["objectives"], ("objectives",), "mục tiêu")
        for i, section in enumerate(self.plan["sections"]):
            spath: Path = ("sections", i)
            if section["id"] in seen_sections:
                self.error((*spath, "id"), "duplicate-id",
                           f"Mục “{section['id']}” bị trùng số hiệu.",
                           "Mỗi mục trong kế hoạch có một số hiệu riêng.")
            seen_sections[section["id"]] = spath
            if section["area"] is not None:
                self.check_area((*spath, "area"), section["area"])
            self.check_lost(spath, section, {"title": section["title"] is not None})
            for tpath, task in self.tasks(section, spath):
                self.check_task(tpath, task, seen_tasks, seen_anchors)
        for i, duty in enumerate(self.plan["duties"]):
            for rpath, ref in self.refs(duty["agency"], ("duties", i, "agency")):
                self.check_agency(rpath, ref)
            self.check_lost(("duties", i), duty, {
                "heading": duty["heading"] is not None, "agency": duty["agency"] is not None,
            })
        self.check_unique_ids(self.plan["duties"], ("duties",), "trách nhiệm")
        doc = self.plan["document"]
        signer = doc["signer"] or {}
        self.check_lost(("document",), doc, {
            "place": doc["place"] is not None, "summary": doc["summary"] is not None,
            "effective": doc["effective"] is not None,
            "signer.name": signer.get("name") is not None,
            "signer.form": signer.get("form") is not None,
        })
        if self.first_lost is not None and not self.plan["notes"]:
            self.error(self.first_lost, "lost-without-note",
                       "Kế hoạch ghi trường “không có trong bản sao” (lost_in_copy) nhưng không "
                       "có ghi chú nào về bản sao.",
                       "Thêm vào notes một câu nói bản sao mất gì và ở đâu (ví dụ “Dòng 18 của "
                       "phụ lục bị cắt sau cột Nội dung”).")

    def check_lost(self, path: Path, raw: Raw, stated: dict[str, bool]) -> None:
        """A field our copy lost cannot also have a value; remember where the first one is."""
        for i, name in enumerate(raw["lost_in_copy"]):
            lpath: Path = (*path, "lost_in_copy", i)
            if self.first_lost is None:
                self.first_lost = lpath
            if stated.get(name, False):
                self.error(lpath, "lost-but-stated",
                           f"Trường “{name}” được ghi là không có trong bản sao (lost_in_copy) "
                           "nhưng lại có giá trị.",
                           f"Nếu văn bản có nêu thì bỏ “{name}” khỏi lost_in_copy; nếu bản sao "
                           f"không có thì để {name}: null (hoặc []).")

    def check_identity(self) -> None:
        file = PurePosixPath(self.loaded.file)
        plan_id = self.plan["id"]
        if file.stem != plan_id:
            self.error(("id",), "plan-id-mismatch",
                       f"Mã kế hoạch “{plan_id}” khác tên tệp “{file.name}”.",
                       f"Đổi tên tệp thành {plan_id}.yaml hoặc sửa mã cho khớp với tên tệp.")
        issuer = self.plan["document"]["issuer"]
        if file.parent.name != issuer:
            self.error(("document", "issuer"), "plan-dir-mismatch",
                       f"Tệp nằm trong thư mục “{file.parent.name}” nhưng cơ quan ban hành là "
                       f"“{issuer}”.",
                       f"Chuyển tệp vào thư mục plans/{issuer}/.")

    def check_source(self) -> None:
        source = self.plan["document"]["source"]
        if source["seed"] is not None and (
            "/" in source["seed"] or "\\" in source["seed"] or source["seed"].startswith(".")
        ):
            self.error(("document", "source", "seed"), "bad-seed",
                       f"Tên tệp nguồn “{source['seed']}” không hợp lệ.",
                       "Chỉ ghi tên tệp trong shared/seeds, không ghi đường dẫn.")
        elif source["seed"] is not None and self.seeds is not None and (
            source["seed"] not in self.seeds
        ):
            self.error(("document", "source", "seed"), "missing-seed",
                       f"Không có bản sao văn bản “{source['seed']}” trong content/nguon/.",
                       "Chép tệp văn bản gốc vào content/nguon/ (trang kế hoạch cho tải về), "
                       "hoặc sửa tên tệp.")
        if not self.plan["demo"] and source["seed"] is None and source["url"] is None:
            self.error(("document", "source"), "missing-source",
                       "Văn bản thật phải ghi nguồn (tệp gốc hoặc địa chỉ URL).",
                       "Điền document.source.url (hoặc seed) để người đọc kiểm chứng được.")

    def check_dates(self) -> None:
        doc = self.plan["document"]
        issued: dt.date = doc["issued"]
        if issued > self.as_of:
            self.error(("document", "issued"), "issued-in-future",
                       f"Ngày ban hành {issued:%d/%m/%Y} sau ngày tính trạng thái "
                       f"{self.as_of:%d/%m/%Y}.",
                       "Kiểm tra lại năm ban hành.")
        for i, basis in enumerate(self.plan["legal_bases"]):
            if basis["date"] is not None and basis["date"] > issued:
                self.error(("legal_bases", i, "date"), "basis-after-issue",
                           f"Căn cứ ngày {basis['date']:%d/%m/%Y} lại sau ngày ban hành văn bản "
                           f"({issued:%d/%m/%Y}).",
                           "Kiểm tra lại ngày của căn cứ.")
        period = self.plan["period"]
        if period is not None and period["end"] < period["start"]:
            self.error(("period", "end"), "bad-period",
                       f"Năm kết thúc {period['end']} trước năm bắt đầu {period['start']}.",
                       "Kiểm tra lại giai đoạn.")

    def objectives(self, items: list[Raw], base: Path) -> Iterator[tuple[Path, Raw]]:
        for i, raw in enumerate(items):
            yield (*base, i), raw

    def tasks(self, section: Raw, spath: Path) -> Iterator[tuple[Path, Raw]]:
        for j, task in enumerate(section["tasks"]):
            tpath: Path = (*spath, "tasks", j)
            yield tpath, task
            for k, sub in enumerate(task.get("subtasks") or []):
                yield (*tpath, "subtasks", k), sub

    def refs(self, raw: Any, path: Path) -> Iterator[tuple[Path, str]]:
        if raw is None:
            return
        if isinstance(raw, str):
            yield path, raw
        elif isinstance(raw, dict):
            yield (*path, "agency"), raw["agency"]
        else:
            for i, item in enumerate(raw):
                yield from self.refs(item, (*path, i))

    def check_agency(self, path: Path, agency_id: str) -> None:
        agency = self.agencies.get(agency_id)
        if agency is None:
            # The hint is computed only if the problem is kept: a line may repeat a typo
            # thousands of times, and each suggestion compares the id with every agency.
            self.error(path, "unknown-agency",
                       f"Không có cơ quan “{agency_id}” trong danh mục cơ quan.",
                       lambda: did_you_mean(agency_id, self.agencies)
                       or "Thêm cơ quan vào content/registries/agencies/<tỉnh>.yaml, "
                       "hoặc sửa mã cho đúng.")
            return
        self.check_ended(path, agency)
        if agency.demo and not self.plan["demo"]:
            self.error(path, "demo-agency-in-real-plan",
                       f"Kế hoạch thật tham chiếu cơ quan minh họa “{agency_id}”.",
                       "Dữ liệu minh họa không được trộn với văn bản thật.")
        if self.plan["demo"] and not agency.demo:
            self.error(path, "real-agency-in-demo-plan",
                       f"Kế hoạch minh họa tham chiếu cơ quan thật “{agency_id}”.",
                       "Dữ liệu minh họa chỉ dùng cơ quan hư cấu của tỉnh minh họa (kể cả thay "
                       "cho cơ quan trung ương), để trang của cơ quan thật không lẫn dữ liệu hư "
                       "cấu.")

    def check_ended(self, path: Path, agency: Agency) -> None:
        """Warn (once per agency) when the plan was signed after the agency had ended."""
        end = end_event(agency.lineage)
        issued: dt.date = self.plan["document"]["issued"]
        if end is None or end.effective is None or end.effective > issued:
            return
        if agency.id in self.warned:
            return
        self.warned.add(agency.id)
        basis = end.basis.number if end.basis and end.basis.number else "văn bản chưa xác định số"
        heirs = ", ".join(f"“{p.id}”" for p in end.successors if p.id) or "chưa xác định"
        line, col = self.loaded.marks.at(path)
        self.problems.add(
            self.loaded.file, line, col, "agency-ended-before-plan",
            f"Kế hoạch ban hành ngày {issued:%d/%m/%Y} nhưng nêu “{agency.name}”, cơ quan không "
            f"còn hoạt động dưới tên này từ ngày {end.effective:%d/%m/%Y} "
            f"({LINEAGE_KIND_NAMES[end.kind].lower()}, theo {basis}).",
            "Nếu văn bản thật sự ghi tên này thì giữ nguyên (trang sẽ ghi “nay là …”); nếu nhầm "
            f"mã, dùng mã cơ quan kế thừa: {heirs}.",
            severity=WARNING,
        )

    def check_area(self, path: Path, area_id: str) -> None:
        if area_id not in self.areas:
            self.error(path, "unknown-area",
                       f"Không có lĩnh vực “{area_id}” trong danh mục lĩnh vực.",
                       lambda: did_you_mean(area_id, self.areas)
                       or "Xem danh sách mã ở content/registries/areas.yaml.")

    def check_deadline(self, path: Path, raw: Any) -> None:
        if raw is None:
            return
        deadline = read_deadline(raw)
        text_path = path if isinstance(raw, str) else (*path, "text")
        for day in (deadline.due, deadline.start):
            if day is not None and not FIRST_DAY <= day <= LAST_DAY:
                self.error(text_path, "out-of-range",
                           f"Thời hạn “{deadline.text}” cho ngày {day:%d/%m/%Y}, ngoài khoảng "
                           f"{FIRST_DAY:%d/%m/%Y} – {LAST_DAY:%d/%m/%Y}.",
                           "Kiểm tra lại năm trong câu thời hạn (thường do gõ nhầm).")
                return
        if not deadline.understood:
            self.error(text_path, "unreadable-deadline",
                       f"Không hiểu được thời hạn “{deadline.text}”.",
                       "Giữ nguyên văn và ghi rõ hạn: `deadline: {text: \"…\", due: YYYY-MM-DD}` "
                       "(hoặc kind: conditional/ongoing/recurring nếu không có hạn cụ thể).")
        if not isinstance(raw, dict):
            return
        if raw["kind"] == DeadlineKind.FIXED and deadline.due is None:
            self.error(path, "fixed-without-due",
                       "Thời hạn loại fixed nhưng không có ngày hạn (due).",
                       "Thêm `due: YYYY-MM-DD`.")
        if raw["kind"] not in (None, DeadlineKind.FIXED) and raw["due"] is not None:
            self.error((*path, "due"), "due-with-open-kind",
                       f"Thời hạn loại “{raw['kind']}” không có hạn cố định nhưng lại ghi due.",
                       "Bỏ `due`, hoặc đổi kind thành fixed nếu nhiệm vụ thật sự có hạn.")
        if raw["start"] is not None and raw["due"] is not None and raw["start"] > raw["due"]:
            self.error((*path, "start"), "start-after-due",
                       f"Ngày bắt đầu {raw['start']:%d/%m/%Y} sau ngày hạn {raw['due']:%d/%m/%Y}.",
                       "Kiểm tra lại hai ngày.")

    def check_task(
        self, path: Path, task: Raw, seen: dict[str, Path], anchors: dict[str, str]
    ) -> None:
        task_id = task["id"]
        if task_id in seen:
            line, _ = self.loaded.marks.at((*seen[task_id], "id"))
            self.error((*path, "id"), "duplicate-task",
                       f"Nhiệm vụ “{task_id}” bị trùng số hiệu (đã có ở dòng {line}).",
                       "Mỗi nhiệm vụ trong kế hoạch có một số hiệu riêng.")
        else:
            seen[task_id] = path
            anchor = task_anchor(task_id)
            if anchor in anchors:
                self.error((*path, "id"), "anchor-collision",
                           f"Số hiệu “{task_id}” và “{anchors[anchor]}” cho cùng một địa chỉ "
                           f"#{anchor} trên trang.",
                           "Đổi một trong hai số hiệu để khác nhau rõ ràng.")
            anchors[anchor] = task_id
        for rpath, ref in self.refs(task["lead"], (*path, "lead")):
            self.check_agency(rpath, ref)
        for rpath, ref in self.refs(task["support"], (*path, "support")):
            self.check_agency(rpath, ref)
        if task["area"] is not None:
            self.check_area((*path, "area"), task["area"])
        self.check_lost(path, task, {
            "lead": task["lead"] is not None, "support": bool(task["support"]),
            "output": task["output"] is not None, "deadline": task["deadline"] is not None,
        })
        self.check_deadline((*path, "deadline"), task["deadline"])
        for opath, obj in self.objectives(task["objectives"], (*path, "objectives")):
            self.check_objective(opath, obj)
        self.check_unique_ids(task["objectives"], (*path, "objectives"), "mục tiêu")
        self.check_updates((*path, "updates"), task["updates"])

    def check_objective(self, path: Path, obj: Raw) -> None:
        for i, target in enumerate(obj["targets"]):
            self.check_deadline((*path, "targets", i, "deadline"), target["deadline"])
            self.check_comparator((*path, "targets", i, "comparator"), obj["text"], target)
        previous: dt.date | None = None
        for i, m in enumerate(obj["updates"]):
            mpath: Path = (*path, "updates", i)
            self.check_update_date(mpath, m["date"])
            if m["target"] is not None and m["target"] > len(obj["targets"]):
                self.error((*mpath, "target"), "unknown-target",
                           f"Mục tiêu chỉ có {len(obj['targets'])} chỉ tiêu, không có chỉ tiêu "
                           f"số {m['target']}.",
                           "Đánh số chỉ tiêu từ 1 theo thứ tự trong targets.")
            if m["target"] is None and len(obj["targets"]) > 1:
                self.error(mpath, "ambiguous-target",
                           "Mục tiêu có nhiều chỉ tiêu; kết quả đo cần ghi rõ chỉ tiêu nào.",
                           "Thêm `target: 1` (hoặc 2, 3…) theo thứ tự trong targets.")
            if not obj["targets"]:
                self.error(mpath, "measurement-without-target",
                           "Mục tiêu không có chỉ tiêu định lượng nên không thể ghi kết quả đo.",
                           "Thêm chỉ tiêu vào targets, hoặc ghi nhận tiến độ ở nhiệm vụ.")
            if previous is not None and m["date"] < previous:
                self.error((*mpath, "date"), "updates-out-of-order",
                           "Các kết quả đo phải xếp theo thứ tự thời gian.",
                           "Đưa kết quả này lên trước kết quả có ngày muộn hơn.")
            previous = m["date"]

    def check_comparator(self, path: Path, text: str, target: Raw) -> None:
        """The recorded comparator is the one the comparator rule reads in the objective."""
        reading = read_comparator(text, target["value"], target["unit"], target["label"])
        if reading is None or reading.comparator == target["comparator"]:
            return
        self.error(path, "comparator-rule",
                   f"Chỉ tiêu “{target['label']}” ghi so sánh “{target['comparator']}” nhưng mục "
                   f"tiêu viết “…{reading.words}”, theo quy tắc là “{reading.comparator}”.",
                   "Chữ đứng ngay trước con số quyết định, và chỉ cho con số đó: “tối thiểu”, "
                   "“ít nhất”, “từ” → \">=\"; “trên”, “vượt” → \">\"; “tối đa”, “không quá”, "
                   "“trong tốp” → \"<=\"; “dưới” → \"<\"; không có chữ nào → \"=\". Khoảng "
                   "“từ A - B” ghi \">=\" A (thứ hạng: \"<=\" B). Xem Định dạng dữ liệu, mục "
                   "Cách chọn phép so sánh.")

    def check_update_date(self, path: Path, date: dt.date) -> None:
        issued: dt.date = self.plan["document"]["issued"]
        if date < issued:
            self.error((*path, "date"), "update-before-issue",
                       f"Ngày cập nhật {date:%d/%m/%Y} trước ngày ban hành văn bản "
                       f"({issued:%d/%m/%Y}).",
                       "Kiểm tra lại năm; cập nhật chỉ có thể sau khi văn bản được ban hành.")
        if date > self.as_of:
            self.error((*path, "date"), "update-in-future",
                       f"Ngày cập nhật {date:%d/%m/%Y} sau ngày tính trạng thái "
                       f"({self.as_of:%d/%m/%Y}).",
                       "Không ghi trước tình trạng tương lai; kiểm tra lại ngày.")

    def check_updates(self, path: Path, updates: list[Raw]) -> None:
        previous: dt.date | None = None
        for i, update in enumerate(updates):
            upath: Path = (*path, i)
            self.check_update_date(upath, update["date"])
            if previous is not None and update["date"] < previous:
                self.error((*upath, "date"), "updates-out-of-order",
                           "Các lần cập nhật phải xếp theo thứ tự thời gian.",
                           "Đưa lần cập nhật này lên trước lần có ngày muộn hơn.")
            previous = update["date"]
            status = update["status"]
            if status == "hoan-thanh" and update["progress"] not in (None, 100):
                self.error((*upath, "progress"), "done-progress",
                           f"Trạng thái hoàn thành nhưng tiến độ là {update['progress']}%.",
                           "Ghi progress: 100 hoặc đổi trạng thái thành dang-thuc-hien.")
            if status in ("tam-dung", "huy") and not update["reason"]:
                self.error((*upath, "status"), "reason-required",
                           "Tạm dừng hoặc hủy nhiệm vụ phải nêu lý do.",
                           "Thêm `reason: …` (ví dụ số văn bản cho phép tạm dừng).")

    def check_unique_ids(self, items: list[Raw], base: Path, noun: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item["id"] in seen:
                self.error((*base, i, "id"), "duplicate-id",
                           f"Số hiệu {noun} “{item['id']}” bị trùng.",
                           f"Mỗi {noun} có một số hiệu riêng.")
            seen.add(item["id"])


def check_plan(
    loaded: Loaded,
    agencies: dict[str, Agency],
    areas: dict[str, Area],
    as_of: dt.date,
    problems: ProblemList,
    seeds: frozenset[str] | None = None,
) -> None:
    """Record every problem of a validated plan file that needs the registries or the date.

    ``seeds`` are the source copies in ``content/nguon/`` (None: not checked)."""
    _PlanChecker(loaded, agencies, areas, as_of, problems, seeds).run()


def _lost(raw: Raw) -> tuple[str, ...]:
    """A record's ``lost_in_copy`` fields, each once, in the order written."""
    return tuple(dict.fromkeys(raw["lost_in_copy"]))


def _objective(raw: Raw) -> Objective:
    return Objective(
        id=raw["id"],
        text=raw["text"],
        targets=tuple(
            Target(
                label=t["label"],
                comparator=t["comparator"],
                value=t["value"],
                unit=t["unit"],
                baseline=t["baseline"],
                baseline_year=t["baseline_year"],
                deadline=read_deadline(t["deadline"]) if t["deadline"] is not None else None,
            )
            for t in raw["targets"]
        ),
        updates=tuple(
            Measurement(m["date"], m["value"], m["target"] or 1, m["note"], m["evidence"])
            for m in raw["updates"]
        ),
    )


def _task(raw: Raw, section: Raw, loaded: Loaded, path: Path) -> Task:
    prefix = section["id"] + "."
    number = raw["id"][len(prefix):] if raw["id"].startswith(prefix) else raw["id"]
    return Task(
        id=raw["id"],
        number=number,
        section=section["id"],
        area=raw["area"] or section["area"],
        title=raw["title"],
        output=raw["output"],
        deadline=read_deadline(raw["deadline"]),
        leads=agency_refs(raw["lead"]),
        support=agency_refs(raw["support"]),
        assignment=raw["assignment"],
        how=raw["how"],
        objectives=tuple(_objective(o) for o in raw["objectives"]),
        updates=tuple(
            Update(u["date"], u["status"], u["progress"], u["note"], u["evidence"], u["reason"])
            for u in raw["updates"]
        ),
        subtasks=tuple(
            _task(sub, {"id": raw["id"], "area": raw["area"] or section["area"]}, loaded,
                  (*path, "subtasks", k))
            for k, sub in enumerate(raw.get("subtasks") or [])
        ),
        line=loaded.marks.at(path)[0],
        lost_in_copy=_lost(raw),
    )


def build_plan(loaded: Loaded) -> Plan:
    """The model of a validated, checked plan file."""
    raw = loaded.value
    doc = raw["document"]
    effective = doc["effective"] or {}
    signer = doc["signer"] or {}
    period = raw["period"]
    return Plan(
        id=raw["id"],
        title=raw["title"],
        path=loaded.file,
        demo=raw["demo"],
        document=Document(
            type=doc["type"],
            number=doc["number"],
            issued=doc["issued"],
            issuer=doc["issuer"],
            summary=doc["summary"],
            effective_date=effective.get("date"),
            effective_text=effective.get("text"),
            place=doc["place"],
            signer_name=signer.get("name"),
            signer_form=signer.get("form"),
            source_seed=doc["source"]["seed"],
            source_url=doc["source"]["url"],
            lost_in_copy=_lost(doc),
        ),
        period=(period["start"], period["end"]) if period else None,
        notes=tuple(raw["notes"]),
        legal_bases=tuple(
            LegalBasis(b["number"], b["date"], b["title"]) for b in raw["legal_bases"]
        ),
        objectives=tuple(_objective(o) for o in raw["objectives"]),
        baselines=tuple(
            Baseline(b["label"], b["value"], b["unit"], b["year"]) for b in raw["baselines"]
        ),
        sections=tuple(
            Section(
                id=s["id"],
                part=s["part"],
                title=s["title"],
                area=s["area"],
                tasks=tuple(
                    _task(t, s, loaded, ("sections", i, "tasks", j))
                    for j, t in enumerate(s["tasks"])
                ),
                lost_in_copy=_lost(s),
            )
            for i, s in enumerate(raw["sections"])
        ),
        duties=tuple(
            Duty(
                id=d["id"],
                agencies=agency_refs(d["agency"]),
                heading=d["heading"],
                text=d["text"],
                items=tuple(DutyItem(it["id"], it["text"]) for it in d["items"]),
                lost_in_copy=_lost(d),
            )
            for d in raw["duties"]
        ),
    )
