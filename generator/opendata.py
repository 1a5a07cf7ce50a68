"""Open data: the corpus as downloadable files under the stable prefix ``du-lieu/``.

:func:`build_downloads` turns a snapshot into the files of the "Dữ liệu mở" page, as bytes:

* ``du-lieu/congkhai.json``: the export contract (:func:`generator.export.export_json`);
* ``du-lieu/ke-hoach/<plan-id>.json``: the same shape with one plan and the registry entries it
  refers to;
* ``du-lieu/<table>.csv``: six tables (plans, tasks, objectives/targets, agencies, areas,
  updates), UTF-8 with a BOM and CRLF line ends, each row carrying ``as_of`` and
  ``source_commit``;
* ``du-lieu/congkhai.xlsx``: the same tables, one sheet each, Vietnamese headers;
* ``du-lieu/datapackage.json``: a Frictionless Data Package describing the CSV files;
* ``du-lieu/congkhai.schema.json``: the JSON Schema of the export (:func:`export_schema`, also
  committed as ``schemas/export.schema.json``);
* ``du-lieu/congkhai.zip``: all of the above with a README.

Everything is reproducible: the same snapshot, source commit and site address give
byte-identical files (fixed ZIP timestamps taken from the as-of date, fixed workbook
properties, no set or clock anywhere). No personal data is written: no editor or commit author
appears anywhere; the signer of a document is public information printed on the document.

Regenerate the committed schema with ``python -m generator.opendata [ROOT]``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import __version__, urls
from generator.clock import VIETNAM
from generator.csvsafe import csv_field, neutralise
from generator.deadlines import DeadlineKind
from generator.export import EXPORT_VERSION, TASK_CSV_COLUMNS, export_json
from generator.model import AgencyRef, Objective, Plan, Project, Task
from generator.plans import task_anchor
from generator.schema import (
    COMPARATOR_NAMES,
    COMPARATORS,
    DOCUMENT_TYPE_NAMES,
    DOCUMENT_TYPES,
    LEVEL_NAMES,
    LEVELS,
    UPDATE_STATUS_NAMES,
    UPDATE_STATUSES,
)
from generator.snapshot import Snapshot
from generator.status import ORDER, TaskStatus

# --- configuration: the project's choices ------------------------------------------------------

DATA_DIR = "du-lieu"
OPEN_DATA_PAGE = "du-lieu-mo.md"
DEFAULT_SITE_URL = "https://example.invalid/"
DATASET_NAME = "congkhai"
DATASET_TITLE = "Kế hoạch cải cách hành chính của các địa phương và tiến độ thực hiện"
PUBLISHER = "Công khai cải cách hành chính"

# The licence of the data is the project's choice: CC BY 4.0 (reuse freely, cite the source).
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.vi",
}
LICENCE_NOTE = (
    "Dữ liệu được phát hành theo giấy phép Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0): "
    "được sao chép, phân phối, chỉnh sửa và dùng vào mục đích thương mại, với điều kiện ghi rõ "
    "nguồn và ngày tính của dữ liệu."
)

CORPUS_JSON = f"{DATA_DIR}/congkhai.json"
SCHEMA_JSON = f"{DATA_DIR}/congkhai.schema.json"
DATAPACKAGE = f"{DATA_DIR}/datapackage.json"
WORKBOOK = f"{DATA_DIR}/congkhai.xlsx"
ARCHIVE = f"{DATA_DIR}/congkhai.zip"
SITE_ATOM = f"{DATA_DIR}/cap-nhat.xml"
SITE_ICS = f"{DATA_DIR}/han.ics"
EXPORT_SCHEMA_FILE = Path("schemas") / "export.schema.json"

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

if TYPE_CHECKING:  # pages may import this module (links for plan pages): no import cycle
    from generator.pages import Page


def plan_json_path(plan_id: str) -> str:
    """Per-plan JSON: ``du-lieu/ke-hoach/<plan-id>.json``."""
    return f"{DATA_DIR}/ke-hoach/{plan_id}.json"


def plan_atom_path(plan_id: str) -> str:
    """Atom feed of one plan's updates."""
    return f"{DATA_DIR}/ke-hoach/{plan_id}.xml"


def agency_atom_path(agency_id: str) -> str:
    """Atom feed of the updates of tasks an agency leads or supports."""
    return f"{DATA_DIR}/co-quan/{agency_id}.xml"


def agency_ics_path(agency_id: str) -> str:
    """iCalendar feed of the deadlines of tasks an agency leads or supports."""
    return f"{DATA_DIR}/co-quan/{agency_id}.ics"


def normalise_site_url(site_url: str | None) -> str:
    """The site's base URL ending with one slash (the placeholder when none is configured)."""
    base = (site_url or DEFAULT_SITE_URL).strip()
    return base.rstrip("/") + "/"


def absolute_url(site_url: str | None, src_path: str, anchor: str | None = None) -> str:
    """Absolute URL of a page source path (``ke-hoach/x.md``) or a static file."""
    return normalise_site_url(site_url) + urls.url_of(src_path) + (f"#{anchor}" if anchor else "")


# --- walking the model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskEntry:
    """A task or subtask of a plan, its parent (for subtasks) and its status as of the snapshot."""

    plan: Plan
    task: Task
    parent: Task | None
    status: TaskStatus


def task_entries(snapshot: Snapshot) -> list[TaskEntry]:
    """Every task, each followed by its subtasks, in document order, with its status."""
    return [TaskEntry(f.plan, f.task, f.parent, f.status) for f in snapshot.facts]


def _all_tasks(task: Task) -> Iterator[Task]:
    yield task
    for sub in task.subtasks:
        yield from _all_tasks(sub)


def _plan_objectives(plan: Plan) -> Iterator[tuple[Task | None, Objective]]:
    for obj in plan.objectives:
        yield None, obj
    for top in plan.tasks:
        for task in _all_tasks(top):
            for obj in task.objectives:
                yield task, obj


@dataclass(frozen=True)
class Counts:
    """How many of each thing the model holds; every download must agree with these."""

    plans: int
    tasks: int
    top_level_tasks: int
    subtasks: int
    objectives: int
    targets: int
    measurements: int
    agencies: int
    areas: int
    updates: int
    fixed_deadlines: int


def model_counts(project: Project) -> Counts:
    """Counts taken straight from the model, independently of any download."""
    top = [t for p in project.plans for t in p.tasks]
    every = [t for top_task in top for t in _all_tasks(top_task)]
    objectives = [o for p in project.plans for _, o in _plan_objectives(p)]
    return Counts(
        plans=len(project.plans),
        tasks=len(every),
        top_level_tasks=len(top),
        subtasks=len(every) - len(top),
        objectives=len(objectives),
        targets=sum(len(o.targets) for o in objectives),
        measurements=sum(len(o.updates) for o in objectives),
        agencies=len(project.agencies),
        areas=len(project.areas),
        updates=sum(len(t.updates) for t in every),
        fixed_deadlines=sum(1 for t in every if t.deadline.due is not None),
    )


# --- the tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a table: CSV header, Table Schema field and spreadsheet header at once."""

    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date
    title: str  # Vietnamese header in the workbook
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    format: str | None = None
    minimum: int | None = None
    maximum: int | None = None

    def field(self) -> dict[str, Any]:
        """The Table Schema field descriptor."""
        out: dict[str, Any] = {"name": self.name, "type": self.type, "title": self.title,
                               "description": self.description}
        if self.format:
            out["format"] = self.format
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    """Columns of this table that refer to the key of a table (``""`` for the same table).

    Only keys whose columns are all filled or all empty are declared: Frictionless checks a
    composite key with one empty part (a plan-level objective's ``task_id``, a top-level task's
    ``parent_task_id``) as a value, so those references are checked by the tests instead.
    """

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table of the open data: a CSV file, a sheet and a Data Package resource."""

    name: str
    sheet: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def csv_name(self) -> str:
        """File name of the CSV (inside ``du-lieu/`` and the ZIP)."""
        return f"{self.name}.csv"

    @property
    def path(self) -> str:
        """Path of the CSV in the site."""
        return f"{DATA_DIR}/{self.csv_name}"


def _c(name: str, type_: str, title: str, description: str, **kw: Any) -> Column:
    return Column(name, type_, title, description, **kw)


STATUS_CODES = tuple(s.value for s in ORDER)
KIND_CODES = tuple(k.value for k in DeadlineKind)

_AS_OF = _c("as_of", "date", "Tính đến ngày",
            "Ngày tính trạng thái của toàn bộ dữ liệu (YYYY-MM-DD).", required=True)
_COMMIT = _c("source_commit", "string", "Phiên bản dữ liệu nguồn (commit)",
             "Mã commit git của dữ liệu nguồn; trống khi không xác định được.")

PLANS_TABLE = Table(
    name="ke-hoach",
    sheet="Kế hoạch",
    title="Kế hoạch",
    description="Mỗi dòng một văn bản kế hoạch, với thông tin ban hành và số liệu tổng hợp về "
    "nhiệm vụ tính đến ngày as_of.",
    columns=(
        _c("plan_id", "string", "Mã kế hoạch", "Mã kế hoạch, ổn định, dùng trong địa chỉ trang.",
           required=True),
        _c("title", "string", "Tên kế hoạch", "Tên hiển thị của kế hoạch.", required=True),
        _c("demo", "boolean", "Dữ liệu minh họa", "true nếu là dữ liệu minh họa, hư cấu.",
           required=True),
        _c("document_type", "string", "Mã hình thức văn bản", "Mã hình thức văn bản.",
           required=True, enum=DOCUMENT_TYPES),
        _c("document_type_label", "string", "Hình thức văn bản", "Hình thức văn bản.",
           required=True),
        _c("document_number", "string", "Số ký hiệu", "Số ký hiệu văn bản.", required=True),
        _c("issued", "date", "Ngày ban hành", "Ngày ban hành.", required=True),
        _c("effective_date", "date", "Ngày hiệu lực", "Ngày có hiệu lực, nếu xác định được."),
        _c("effective_text", "string", "Hiệu lực (nguyên văn)",
           "Câu chữ của văn bản về hiệu lực, nếu có."),
        _c("issuer", "string", "Mã cơ quan ban hành", "Mã cơ quan ban hành (bảng co-quan).",
           required=True),
        _c("issuer_name", "string", "Cơ quan ban hành", "Tên cơ quan ban hành."),
        _c("place", "string", "Địa danh", "Địa danh ghi ở dòng ngày tháng."),
        _c("signer_form", "string", "Thể thức ký", "Thể thức ký như văn bản ghi."),
        _c("signer_name", "string", "Người ký",
           "Họ tên người ký in trên văn bản (thông tin công khai của văn bản)."),
        _c("summary", "string", "Trích yếu", "Trích yếu, chép nguyên văn."),
        _c("period_start", "integer", "Giai đoạn từ năm", "Năm bắt đầu giai đoạn kế hoạch."),
        _c("period_end", "integer", "Giai đoạn đến năm", "Năm kết thúc giai đoạn kế hoạch."),
        _c("source_url", "string", "Văn bản gốc", "Địa chỉ văn bản gốc, nếu có.",
           format="uri"),
        _c("source_copy", "string", "Bản sao trên trang",
           "Đường dẫn (tương đối so với gốc trang) tới bản sao văn bản, nếu có."),
        _c("tasks", "integer", "Số nhiệm vụ",
           "Số nhiệm vụ, kể cả nhiệm vụ con, như trên trang.", required=True,
           minimum=0),
        _c("subtasks", "integer", "Số nhiệm vụ con", "Số nhiệm vụ con.", required=True,
           minimum=0),
        _c("fallen_due", "integer", "Đã đến hạn", "Số nhiệm vụ đã đến hạn.",
           required=True, minimum=0),
        _c("fallen_due_reported", "integer", "Đã đến hạn, có báo cáo",
           "Trong số đã đến hạn, số nhiệm vụ đã có báo cáo.", required=True, minimum=0),
        _c("completed_of_fallen_due", "integer", "Đã đến hạn và hoàn thành",
           "Trong số đã đến hạn, số nhiệm vụ đã hoàn thành.", required=True, minimum=0),
        _c("on_time_of_fallen_due", "integer", "Hoàn thành đúng hạn",
           "Trong số đã đến hạn, số nhiệm vụ hoàn thành đúng hạn.", required=True, minimum=0),
        _c("overdue", "integer", "Quá hạn",
           "Số nhiệm vụ được báo cáo chưa hoàn thành mà đã quá hạn.", required=True, minimum=0),
        _c("past_due_unreported", "integer", "Đã qua hạn, chưa có báo cáo",
           "Số nhiệm vụ đã qua hạn mà chưa có báo cáo nào.", required=True, minimum=0),
        _c("reported", "integer", "Đã có báo cáo", "Số nhiệm vụ đã có cập nhật.",
           required=True, minimum=0),
        _c("url", "string", "Trang kế hoạch", "Địa chỉ trang của kế hoạch.", required=True,
           format="uri"),
        _AS_OF,
        _COMMIT,
    ),
    primary_key=("plan_id",),
    foreign_keys=(ForeignKey(("issuer",), "co-quan", ("id",)),),
)

_TASK_COLUMN_INFO: dict[str, tuple[str, str, str, dict[str, Any]]] = {
    "plan_id": ("string", "Mã kế hoạch", "Mã kế hoạch (bảng ke-hoach).", {"required": True}),
    "plan_title": ("string", "Tên kế hoạch", "Tên kế hoạch.", {"required": True}),
    "demo": ("boolean", "Dữ liệu minh họa", "true nếu là dữ liệu minh họa, hư cấu.",
             {"required": True}),
    "document_number": ("string", "Số ký hiệu văn bản", "Số ký hiệu văn bản.", {"required": True}),
    "document_issued": ("date", "Ngày ban hành", "Ngày ban hành văn bản.", {"required": True}),
    "task_id": ("string", "Mã nhiệm vụ", "Mã nhiệm vụ, duy nhất trong kế hoạch.",
                {"required": True}),
    "parent_task_id": ("string", "Thuộc nhiệm vụ",
                       "Mã nhiệm vụ cha, với nhiệm vụ con; trống với nhiệm vụ cấp 1.", {}),
    "section": ("string", "Mục", "Mã mục chứa nhiệm vụ.", {"required": True}),
    "area": ("string", "Mã lĩnh vực", "Mã lĩnh vực (bảng linh-vuc), nếu có.", {}),
    "area_name": ("string", "Lĩnh vực", "Tên lĩnh vực.", {}),
    "title": ("string", "Nhiệm vụ", "Tên nhiệm vụ, chép nguyên văn.", {"required": True}),
    "output": ("string", "Sản phẩm", "Sản phẩm, chép nguyên văn; trống nếu văn bản không nêu.",
               {}),
    "deadline_text": ("string", "Tiến độ (nguyên văn)",
                      "Thời hạn chép nguyên văn; trống nếu văn bản không nêu.", {}),
    "deadline_kind": ("string", "Loại thời hạn", "Loại thời hạn.",
                      {"required": True, "enum": KIND_CODES}),
    "due": ("date", "Hạn chót", "Ngày đến hạn suy ra từ thời hạn, nếu có.", {}),
    "start": ("date", "Ngày bắt đầu", "Ngày bắt đầu suy ra từ thời hạn, nếu có.", {}),
    "lead": ("string", "Mã cơ quan chủ trì",
             "Mã các cơ quan chủ trì, cách nhau bởi “; ”.", {}),
    "lead_names": ("string", "Cơ quan chủ trì", "Tên các cơ quan chủ trì, cách nhau bởi “; ”.",
                   {}),
    "support": ("string", "Mã cơ quan phối hợp",
                "Mã các cơ quan phối hợp, cách nhau bởi “; ”.", {}),
    "support_names": ("string", "Cơ quan phối hợp",
                      "Tên các cơ quan phối hợp, cách nhau bởi “; ”.", {}),
    "status": ("string", "Mã trạng thái", "Mã trạng thái tính đến ngày as_of.",
               {"required": True, "enum": STATUS_CODES}),
    "status_label": ("string", "Trạng thái", "Trạng thái tính đến ngày as_of.",
                     {"required": True}),
    "progress": ("integer", "Tiến độ (%)", "Phần trăm hoàn thành theo báo cáo gần nhất.",
                 {"minimum": 0, "maximum": 100}),
    "days_overdue": ("integer", "Số ngày quá hạn", "Số ngày quá hạn (hoặc hoàn thành trễ).",
                     {"minimum": 0}),
    "last_update": ("date", "Cập nhật gần nhất", "Ngày của lần cập nhật gần nhất.", {}),
    "as_of": ("date", "Tính đến ngày", _AS_OF.description, {"required": True}),
}

TASKS_TABLE = Table(
    name="nhiem-vu",
    sheet="Nhiệm vụ",
    title="Nhiệm vụ",
    description="Mỗi dòng một nhiệm vụ hoặc nhiệm vụ con, với trạng thái tính đến ngày as_of. "
    "Các cột đầu giống hệt tệp CSV của lệnh `congkhai export --format csv`.",
    columns=(
        *(Column(name, info[0], info[1], info[2], **info[3])
          for name in TASK_CSV_COLUMNS for info in (_TASK_COLUMN_INFO[name],)),
        _c("number", "string", "STT", "Số thứ tự như văn bản ghi.", required=True),
        _c("assignment", "string", "Nguyên văn phân công", "Nguyên văn câu phân công, nếu có."),
        _c("updates", "integer", "Số lần cập nhật", "Số lần cập nhật tiến độ (bảng cap-nhat).",
           required=True, minimum=0),
        _c("url", "string", "Địa chỉ nhiệm vụ", "Địa chỉ của nhiệm vụ trên trang kế hoạch.",
           required=True, format="uri"),
        _COMMIT,
    ),
    primary_key=("plan_id", "task_id"),
    foreign_keys=(
        ForeignKey(("plan_id",), "ke-hoach", ("plan_id",)),
        ForeignKey(("area",), "linh-vuc", ("id",)),
    ),
)

TARGETS_TABLE = Table(
    name="muc-tieu-chi-tieu",
    sheet="Mục tiêu - Chỉ tiêu",
    title="Mục tiêu, chỉ tiêu",
    description="Mỗi dòng một chỉ tiêu định lượng; mục tiêu không có chỉ tiêu số chiếm một dòng "
    "với các cột chỉ tiêu để trống. task_id trống với mục tiêu chung của kế hoạch.",
    columns=(
        _c("plan_id", "string", "Mã kế hoạch", "Mã kế hoạch (bảng ke-hoach).", required=True),
        _c("task_id", "string", "Mã nhiệm vụ",
           "Mã nhiệm vụ có mục tiêu này; trống với mục tiêu chung của kế hoạch."),
        _c("objective_id", "string", "Mã mục tiêu", "Mã mục tiêu như văn bản đánh số.",
           required=True),
        _c("objective_text", "string", "Mục tiêu", "Nội dung mục tiêu, chép nguyên văn.",
           required=True),
        _c("target_no", "integer", "Chỉ tiêu số",
           "Số thứ tự chỉ tiêu trong mục tiêu (1, 2…); trống khi mục tiêu không có chỉ tiêu số.",
           minimum=1),
        _c("target_label", "string", "Chỉ tiêu", "Đoạn nguyên văn mô tả chỉ tiêu."),
        _c("comparator", "string", "So sánh", "So sánh: =, >=, >, <=, <.", enum=COMPARATORS),
        _c("comparator_label", "string", "So sánh (chữ)", "So sánh, bằng chữ."),
        _c("value", "number", "Giá trị chỉ tiêu", "Giá trị chỉ tiêu."),
        _c("unit", "string", "Đơn vị", "Đơn vị: %, điểm, hạng…"),
        _c("baseline", "number", "Giá trị xuất phát", "Giá trị xuất phát, nếu văn bản nêu."),
        _c("baseline_year", "integer", "Năm xuất phát", "Năm của giá trị xuất phát."),
        _c("deadline_text", "string", "Thời hạn (nguyên văn)", "Thời hạn của chỉ tiêu, nếu có."),
        _c("due", "date", "Hạn chót", "Ngày đến hạn suy ra từ thời hạn, nếu có."),
        _c("latest_value", "number", "Kết quả mới nhất",
           "Giá trị đo gần nhất đến ngày as_of, nếu có."),
        _c("latest_date", "date", "Ngày đo", "Ngày của giá trị đo gần nhất."),
        _c("met", "boolean", "Đạt", "Kết quả mới nhất có đạt chỉ tiêu không; trống khi chưa đo."),
        _c("measurements", "integer", "Số lần đo",
           "Số kết quả đo đến ngày as_of (đủ chi tiết trong tệp JSON).", minimum=0),
        _c("demo", "boolean", "Dữ liệu minh họa", "true nếu là dữ liệu minh họa, hư cấu.",
           required=True),
        _AS_OF,
        _COMMIT,
    ),
    primary_key=("plan_id", "task_id", "objective_id", "target_no"),
    foreign_keys=(ForeignKey(("plan_id",), "ke-hoach", ("plan_id",)),),
)

AGENCIES_TABLE = Table(
    name="co-quan",
    sheet="Cơ quan",
    title="Cơ quan",
    description="Danh mục cơ quan và nhóm cơ quan, với số nhiệm vụ (kể cả nhiệm vụ con) chủ trì, "
    "phối hợp.",
    columns=(
        _c("id", "string", "Mã cơ quan", "Mã cơ quan, ổn định.", required=True),
        _c("name", "string", "Tên cơ quan", "Tên chính thức.", required=True),
        _c("short_name", "string", "Tên ngắn", "Tên ngắn hiển thị.", required=True),
        _c("aliases", "string", "Tên gọi khác", "Tên gọi, viết tắt, cách nhau bởi “; ”."),
        _c("level", "string", "Mã cấp", "Mã cấp.", required=True, enum=LEVELS),
        _c("level_label", "string", "Cấp", "Cấp hành chính.", required=True),
        _c("group", "boolean", "Là nhóm cơ quan",
           "true nếu là nhóm (“Các sở, ban, ngành”…).", required=True),
        _c("parent", "string", "Mã cơ quan cấp trên", "Mã cơ quan cấp trên, nếu có."),
        _c("website", "string", "Trang web", "Trang web chính thức, khi đã kiểm chứng.",
           format="uri"),
        _c("province", "string", "Mã tỉnh", "Mã tỉnh; trống với cơ quan trung ương."),
        _c("province_name", "string", "Tỉnh", "Tên tỉnh."),
        _c("demo", "boolean", "Dữ liệu minh họa", "true nếu là cơ quan hư cấu.", required=True),
        _c("tasks_led", "integer", "Nhiệm vụ chủ trì", "Số nhiệm vụ (kể cả nhiệm vụ con) chủ trì.",
           required=True, minimum=0),
        _c("tasks_supported", "integer", "Nhiệm vụ phối hợp",
           "Số nhiệm vụ (kể cả nhiệm vụ con) phối hợp.", required=True, minimum=0),
        _c("overdue_led", "integer", "Chủ trì, quá hạn",
           "Số nhiệm vụ chủ trì đang quá hạn chưa hoàn thành.", required=True, minimum=0),
        _c("url", "string", "Trang cơ quan", "Địa chỉ trang của cơ quan.", required=True,
           format="uri"),
        _AS_OF,
        _COMMIT,
    ),
    primary_key=("id",),
    foreign_keys=(ForeignKey(("parent",), "", ("id",)),),
)

AREAS_TABLE = Table(
    name="linh-vuc",
    sheet="Lĩnh vực",
    title="Lĩnh vực",
    description="Danh mục lĩnh vực cải cách hành chính, với số nhiệm vụ (kể cả nhiệm vụ con) "
    "thuộc lĩnh vực.",
    columns=(
        _c("id", "string", "Mã lĩnh vực", "Mã lĩnh vực, ổn định.", required=True),
        _c("name", "string", "Tên lĩnh vực", "Tên lĩnh vực.", required=True),
        _c("frameworks", "string", "Mã chương trình",
           "Mã các chương trình, khung phân loại, cách nhau bởi “; ”."),
        _c("framework_names", "string", "Chương trình",
           "Tên các chương trình, khung phân loại, cách nhau bởi “; ”."),
        _c("tasks", "integer", "Số nhiệm vụ", "Số nhiệm vụ (kể cả nhiệm vụ con) thuộc lĩnh vực.",
           required=True, minimum=0),
        _c("overdue", "integer", "Quá hạn",
           "Số nhiệm vụ được báo cáo chưa hoàn thành mà đã quá hạn.", required=True, minimum=0),
        _c("url", "string", "Trang lĩnh vực", "Địa chỉ trang của lĩnh vực.", required=True,
           format="uri"),
        _AS_OF,
        _COMMIT,
    ),
    primary_key=("id",),
)

UPDATES_TABLE = Table(
    name="cap-nhat",
    sheet="Cập nhật",
    title="Cập nhật tiến độ",
    description="Mỗi dòng một lần cập nhật tiến độ do biên tập viên ghi nhận, theo thứ tự trong "
    "tệp dữ liệu.",
    columns=(
        _c("plan_id", "string", "Mã kế hoạch", "Mã kế hoạch (bảng ke-hoach).", required=True),
        _c("task_id", "string", "Mã nhiệm vụ", "Mã nhiệm vụ (bảng nhiem-vu).", required=True),
        _c("update_no", "integer", "Lần cập nhật",
           "Số thứ tự của lần cập nhật trong nhiệm vụ (1, 2…).", required=True, minimum=1),
        _c("date", "date", "Ngày ghi nhận", "Ngày ghi nhận; với hoàn thành là ngày hoàn thành.",
           required=True),
        _c("status", "string", "Mã tình trạng", "Tình trạng báo cáo.", required=True,
           enum=UPDATE_STATUSES),
        _c("status_label", "string", "Tình trạng", "Tình trạng báo cáo.", required=True),
        _c("progress", "integer", "Tiến độ (%)", "Tiến độ phần trăm (0–100).", minimum=0,
           maximum=100),
        _c("note", "string", "Ghi chú", "Ghi chú (Markdown)."),
        _c("evidence", "string", "Minh chứng", "Đường dẫn minh chứng.", format="uri"),
        _c("reason", "string", "Lý do", "Lý do tạm dừng hoặc hủy."),
        _c("demo", "boolean", "Dữ liệu minh họa", "true nếu là dữ liệu minh họa, hư cấu.",
           required=True),
        _c("url", "string", "Địa chỉ nhiệm vụ", "Địa chỉ của nhiệm vụ trên trang kế hoạch.",
           required=True, format="uri"),
        _AS_OF,
        _COMMIT,
    ),
    primary_key=("plan_id", "task_id", "update_no"),
    foreign_keys=(ForeignKey(("plan_id", "task_id"), "nhiem-vu", ("plan_id", "task_id")),),
)

TABLES: tuple[Table, ...] = (
    PLANS_TABLE, TASKS_TABLE, TARGETS_TABLE, AGENCIES_TABLE, AREAS_TABLE, UPDATES_TABLE,
)

Row = dict[str, Any]



class _Rows:
    """Builds the rows of every table from one snapshot."""

    def __init__(self, snapshot: Snapshot, source_commit: str | None, site_url: str) -> None:
        self.s = snapshot
        self.project = snapshot.project
        self.common = {"as_of": snapshot.as_of, "source_commit": source_commit}
        self.site_url = site_url
        self.entries = task_entries(snapshot)

    def _names(self, refs: tuple[AgencyRef, ...]) -> str:
        agencies = self.project.agencies
        return "; ".join(
            agencies[r.agency].name if r.agency in agencies else r.agency for r in refs
        )

    def _task_url(self, plan: Plan, task: Task) -> str:
        return absolute_url(self.site_url, urls.plan_page(plan.id), task_anchor(task.id))

    def plans(self) -> list[Row]:
        rows = []
        for plan in self.project.plans:
            doc = plan.document
            summary = self.s.summary(self.s.by_plan.get(plan.id, []))
            issuer = self.project.agencies.get(doc.issuer)
            rows.append({
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
                "source_copy": f"nguon/{doc.source_seed}" if doc.source_seed else None,
                "tasks": summary.total,
                "subtasks": sum(1 for t in plan.tasks for s in _all_tasks(t) if s is not t),
                "fallen_due": summary.fallen_due,
                "fallen_due_reported": summary.fallen_due_reported,
                "completed_of_fallen_due": summary.completed_of_fallen_due,
                "on_time_of_fallen_due": summary.on_time_of_fallen_due,
                "overdue": summary.overdue, "past_due_unreported": summary.past_due_unreported,
                "reported": summary.reported,
                "url": absolute_url(self.site_url, urls.plan_page(plan.id)),
                **self.common,
            })
        return rows

    def tasks(self) -> list[Row]:
        rows = []
        areas = self.project.areas
        for e in self.entries:
            t, st, plan = e.task, e.status, e.plan
            area = areas.get(t.area) if t.area else None
            rows.append({
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
                "status": st.code.value, "status_label": st.label, "progress": st.progress,
                "days_overdue": st.days_overdue,
                "last_update": st.latest.date if st.latest else None,
                "parent_task_id": e.parent.id if e.parent else None, "number": t.number,
                "assignment": t.assignment, "updates": len(t.updates),
                "url": self._task_url(plan, t),
                **self.common,
            })
        return rows

    def targets(self) -> list[Row]:
        rows = []
        for plan in self.project.plans:
            for task, obj in _plan_objectives(plan):
                base = {"plan_id": plan.id, "task_id": task.id if task else None,
                        "objective_id": obj.id, "objective_text": obj.text, "demo": plan.demo,
                        **self.common}
                empty = {name: None for name in (
                    "target_no", "target_label", "comparator", "comparator_label", "value",
                    "unit", "baseline", "baseline_year", "deadline_text", "due", "latest_value",
                    "latest_date", "met", "measurements")}
                if not obj.targets:
                    rows.append({**base, **empty})
                for i, t in enumerate(obj.targets, start=1):
                    measured = [m for m in obj.updates if m.target == i and m.date <= self.s.as_of]
                    latest = measured[-1] if measured else None
                    rows.append({
                        **base, "target_no": i, "target_label": t.label,
                        "comparator": t.comparator,
                        "comparator_label": COMPARATOR_NAMES[t.comparator],
                        "value": t.value, "unit": t.unit, "baseline": t.baseline,
                        "baseline_year": t.baseline_year,
                        "deadline_text": t.deadline.text if t.deadline else None,
                        "due": t.deadline.due if t.deadline else None,
                        "latest_value": latest.value if latest else None,
                        "latest_date": latest.date if latest else None,
                        "met": _met(t.comparator, latest.value, t.value) if latest else None,
                        "measurements": len(measured),
                    })
        return rows

    def agencies(self) -> list[Row]:
        rows = []
        provinces = self.project.provinces
        for a in sorted(self.project.agencies.values(), key=lambda a: a.id):
            led = self.s.led_by.get(a.id, [])
            province = provinces.get(a.province) if a.province else None
            rows.append({
                "id": a.id, "name": a.name, "short_name": a.short_name,
                "aliases": "; ".join(a.aliases) or None, "level": a.level,
                "level_label": LEVEL_NAMES[a.level], "group": a.group, "parent": a.parent,
                "website": a.website, "province": a.province,
                "province_name": province.name if province else None, "demo": a.demo,
                "tasks_led": len(led), "tasks_supported": len(self.s.supported_by.get(a.id, [])),
                "overdue_led": sum(1 for f in led if f.status.overdue),
                "url": absolute_url(self.site_url, urls.agency_page(a.id)),
                **self.common,
            })
        return rows

    def areas(self) -> list[Row]:
        rows = []
        frameworks = self.project.frameworks
        for a in self.project.areas.values():
            facts = self.s.by_area.get(a.id, [])
            rows.append({
                "id": a.id, "name": a.name, "frameworks": "; ".join(a.frameworks) or None,
                "framework_names": "; ".join(
                    frameworks[f].name if f in frameworks else f for f in a.frameworks
                ) or None,
                "tasks": len(facts), "overdue": sum(1 for f in facts if f.status.overdue),
                "url": absolute_url(self.site_url, urls.area_page(a.id)),
                **self.common,
            })
        return rows

    def updates(self) -> list[Row]:
        rows = []
        for e in self.entries:
            for i, u in enumerate(e.task.updates, start=1):
                rows.append({
                    "plan_id": e.plan.id, "task_id": e.task.id, "update_no": i, "date": u.date,
                    "status": u.status, "status_label": UPDATE_STATUS_NAMES[u.status],
                    "progress": u.progress, "note": u.note, "evidence": u.evidence,
                    "reason": u.reason, "demo": e.plan.demo,
                    "url": self._task_url(e.plan, e.task), **self.common,
                })
        return rows


def _met(comparator: str, value: float, target: float) -> bool:
    return {
        "=": value == target, ">=": value >= target, ">": value > target,
        "<=": value <= target, "<": value < target,
    }[comparator]


def table_rows(
    snapshot: Snapshot, source_commit: str | None = None, site_url: str | None = None
) -> dict[str, list[list[Any]]]:
    """Rows of every table (typed Python values, in column order), by table name."""
    builder = _Rows(snapshot, source_commit, normalise_site_url(site_url))
    made = {
        PLANS_TABLE.name: builder.plans(), TASKS_TABLE.name: builder.tasks(),
        TARGETS_TABLE.name: builder.targets(), AGENCIES_TABLE.name: builder.agencies(),
        AREAS_TABLE.name: builder.areas(), UPDATES_TABLE.name: builder.updates(),
    }
    out: dict[str, list[list[Any]]] = {}
    for table in TABLES:
        names = [c.name for c in table.columns]
        rows = []
        for row in made[table.name]:
            if set(row) != set(names):  # pragma: no cover - a programming error
                raise ValueError(f"{table.name}: {sorted(set(row) ^ set(names))}")
            rows.append([row[n] for n in names])
        out[table.name] = rows
    return out


# --- serialisation -------------------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    """A value as the CSV files write it (what Table Schema reads by default)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def table_csv(table: Table, rows: Sequence[Sequence[Any]]) -> bytes:
    """A table as CSV bytes: UTF-8 with a BOM (Excel reads Vietnamese right), CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in rows:
        # text cells that start like a formula get a quote in front (generator.csvsafe)
        writer.writerow([neutralise(v) if isinstance(v, str) else csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def json_bytes(value: Any) -> bytes:
    """Compact JSON, UTF-8 as is, final newline.

    Compact on purpose: with ``indent`` the standard library falls back to its pure-Python
    encoder, several times slower on a large corpus, and the files are for programs.
    """
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def pretty_json_bytes(value: Any) -> bytes:
    """Indented JSON, for the small files people read (schema, data package)."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _midnight(day: dt.date) -> dt.datetime:
    """Midnight of the as-of date in Vietnam, the timestamp every file carries."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=VIETNAM)


def _zip_info(name: str, day: dt.date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(max(day.year, 1980), day.month, day.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def deterministic_zip(members: Sequence[tuple[str, bytes]], day: dt.date) -> bytes:
    """A ZIP of ``members`` in the given order, every entry dated ``day`` 00:00."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            # level 6: at province scale 9 took 1.5 s longer for a 1.8 % smaller archive
            archive.writestr(_zip_info(name, day), data, compresslevel=6)
    return buffer.getvalue()


# --- the workbook --------------------------------------------------------------------------------

_MIN_WIDTH = 6
_MAX_WIDTH = 60


def _display_length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, bool):
        return 5
    return max((len(line) for line in str(value).splitlines()), default=0)


def workbook_bytes(
    snapshot: Snapshot, tables: Mapping[str, list[list[Any]]], source_commit: str | None
) -> bytes:
    """The tables as one .xlsx workbook: an information sheet, then one sheet per table."""
    from generator import xlsx

    custom = (("as_of", snapshot.as_of.isoformat()), ("source_commit", source_commit or ""),
              ("export_version", EXPORT_VERSION), ("licence", LICENCE["name"]))
    book = xlsx.Workbook(xlsx.Properties(
        creator=PUBLISHER,
        title=DATASET_TITLE,
        subject=f"Dữ liệu tính đến ngày {snapshot.as_of:%d/%m/%Y}",
        description="; ".join(f"{name}={value}" for name, value in custom),
        identifier=source_commit,
        language="vi-VN",
        keywords="cải cách hành chính; kế hoạch; dữ liệu mở",
        application="congkhai",
        custom=custom,
    ))

    info_rows: list[list[Any]] = [
        ["Bộ dữ liệu", DATASET_TITLE],
        ["Tính đến ngày", snapshot.as_of],
        ["Phiên bản dữ liệu nguồn (commit)", source_commit or "không xác định"],
        ["Phiên bản hợp đồng xuất dữ liệu", EXPORT_VERSION],
        ["Chương trình tạo tệp", f"congkhai {__version__}"],
        ["Giấy phép", f"{LICENCE['title']}: {LICENCE['path']}"],
        ["Ghi chú", "Các trang tính sau, mỗi trang một bảng; tên cột máy đọc và mô tả ở "
                    "tệp datapackage.json. Dữ liệu minh họa (hư cấu) có cột “Dữ liệu minh họa” "
                    "= TRUE."],
    ]
    info_rows += [[f"Trang “{t.sheet}”", f"{len(tables[t.name])} dòng. {t.description}"]
                  for t in TABLES]
    book.add_sheet("Thông tin", info_rows, widths=(34, 100), bold_columns=(0,),
                   wrap_columns=(1,))

    def length(value: Any) -> int:
        # Text without line breaks (most cells) is as long as it is.
        if type(value) is str and value.isprintable():
            return len(value)
        return _display_length(value)

    for table in TABLES:
        rows = tables[table.name]
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(table.columns)
        widths = [
            max(_MIN_WIDTH, min(_MAX_WIDTH, 2 + max([len(column.title), *map(length, values)])))
            for column, values in zip(table.columns, columns, strict=True)
        ]
        book.add_sheet(table.sheet, rows, header=[c.title for c in table.columns],
                       widths=widths,
                       wrap_columns=[i for i, w in enumerate(widths) if w == _MAX_WIDTH])
    return book.to_bytes(_midnight(snapshot.as_of))


# --- the Data Package ----------------------------------------------------------------------------


def _sources(project: Project, site_url: str) -> list[dict[str, str]]:
    out = [{"title": PUBLISHER, "path": site_url}]
    for plan in project.plans:
        if plan.document.source_url:
            out.append({"title": f"{plan.document.number}: {plan.title}",
                        "path": plan.document.source_url})
    return out


def datapackage(
    snapshot: Snapshot, csv_files: Mapping[str, bytes], source_commit: str | None,
    site_url: str | None = None,
) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the CSV files (keyed by file name)."""
    base = normalise_site_url(site_url)
    resources = []
    for table in TABLES:
        data = csv_files[table.csv_name]
        schema: dict[str, Any] = {
            "fields": [csv_field(c.field()) for c in table.columns],
            "missingValues": [""],
            "primaryKey": list(table.primary_key),
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fk.fields),
                 "reference": {"resource": fk.resource, "fields": list(fk.reference)}}
                for fk in table.foreign_keys
            ]
        resources.append({
            "name": table.name,
            "path": table.csv_name,
            "profile": "tabular-data-resource",
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
                        "doubleQuote": True, "header": True},
            "schema": schema,
        })
    return {
        "profile": "tabular-data-package",
        "name": DATASET_NAME,
        "title": DATASET_TITLE,
        "description": (
            "Kế hoạch cải cách hành chính của các địa phương: văn bản, nhiệm vụ, mục tiêu và chỉ "
            "tiêu, cơ quan, lĩnh vực và các lần cập nhật tiến độ, với trạng thái tính đến ngày "
            f"{snapshot.as_of:%d/%m/%Y}. Có kèm dữ liệu minh họa (hư cấu), đánh dấu ở cột demo."
        ),
        "homepage": base,
        "created": _midnight(snapshot.as_of).isoformat(),
        "keywords": ["cải cách hành chính", "kế hoạch", "Việt Nam", "dữ liệu mở"],
        "licenses": [dict(LICENCE)],
        "sources": _sources(snapshot.project, base),
        "as_of": snapshot.as_of.isoformat(),
        "source_commit": source_commit,
        "export_version": EXPORT_VERSION,
        "generator": f"congkhai {__version__}",
        "resources": resources,
    }


# --- per-plan JSON -------------------------------------------------------------------------------


def _refs_in(value: Any, keys: frozenset[str], found: set[str]) -> set[str]:
    """Add to ``found`` every string under one of ``keys`` anywhere in a JSON-ready structure.

    Plain recursion into a set: nested generators cost seconds on a province's 1,200 plans.
    """
    if isinstance(value, dict):
        for k, v in value.items():
            if k in keys and isinstance(v, str):
                found.add(v)
            elif isinstance(v, dict | list):
                _refs_in(v, keys, found)
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, dict | list):
                _refs_in(v, keys, found)
    return found


_REF_KEYS = frozenset({"agency", "lead"})


def plan_export(corpus: Mapping[str, Any], plan_id: str) -> dict[str, Any]:
    """The corpus export cut down to one plan and the registry entries it refers to."""
    plan = next(p for p in corpus["plans"] if p["id"] == plan_id)
    by_id = {a["id"]: a for a in corpus["agencies"]}
    wanted = _refs_in(plan, _REF_KEYS, {plan["document"]["issuer"]})
    for task in _walk_json_tasks(plan["tasks"]):
        wanted.update(task["support"])
    pending = list(wanted)
    while pending:
        parent = by_id.get(pending.pop(), {}).get("parent")
        if parent and parent not in wanted:
            wanted.add(parent)
            pending.append(parent)
    agencies = [a for a in corpus["agencies"] if a["id"] in wanted]
    area_ids = {s["area"] for s in plan["sections"]} | {
        t["area"] for t in _walk_json_tasks(plan["tasks"])}
    areas = [a for a in corpus["areas"] if a["id"] in area_ids]
    framework_ids = {f for a in areas for f in a["frameworks"]}
    province_ids = {a["province"] for a in agencies}
    out = {k: v for k, v in corpus.items()
           if k not in ("plans", "agencies", "areas", "frameworks", "provinces")}
    out.update({
        "plans": [plan],
        "agencies": agencies,
        "areas": areas,
        "frameworks": [f for f in corpus["frameworks"] if f["id"] in framework_ids],
        "provinces": [p for p in corpus["provinces"] if p["id"] in province_ids],
    })
    return out


def _walk_json_tasks(tasks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for t in tasks:
        yield t
        yield from _walk_json_tasks(t["subtasks"])


# --- everything ----------------------------------------------------------------------------------

README_NAME = "README.txt"


def _readme(snapshot: Snapshot, counts: Counts, source_commit: str | None,
            names: Sequence[str]) -> bytes:
    lines = [
        DATASET_TITLE,
        "=" * len(DATASET_TITLE),
        "",
        f"Tính đến ngày: {snapshot.as_of.isoformat()} ({snapshot.as_of:%d/%m/%Y})",
        f"Phiên bản dữ liệu nguồn (commit): {source_commit or 'không xác định'}",
        f"Phiên bản hợp đồng xuất dữ liệu: {EXPORT_VERSION}",
        f"Chương trình tạo tệp: congkhai {__version__}",
        f"Giấy phép: {LICENCE['title']} — {LICENCE['path']}",
        "",
        LICENCE_NOTE,
        "",
        f"Số liệu: {counts.plans} kế hoạch, {counts.tasks} nhiệm vụ (trong đó "
        f"{counts.subtasks} nhiệm vụ con), {counts.objectives} mục tiêu, {counts.targets} chỉ "
        f"tiêu, {counts.agencies} cơ quan, {counts.areas} lĩnh vực, {counts.updates} lần cập "
        "nhật tiến độ. Dữ liệu minh họa (hư cấu) có demo = true.",
        "",
        "Các tệp:",
        "  congkhai.json         toàn bộ dữ liệu theo hợp đồng xuất dữ liệu",
        "  congkhai.schema.json  JSON Schema của congkhai.json và ke-hoach/*.json",
        "  ke-hoach/*.json       từng kế hoạch, cùng cấu trúc với congkhai.json",
        "  *.csv                 các bảng (UTF-8 có BOM, xuống dòng CRLF); ô chữ bắt đầu "
        "bằng = + - @ có thêm dấu ' ở đầu để bảng tính không coi là công thức",
        "  datapackage.json      mô tả các bảng CSV (Frictionless Data Package)",
        "  congkhai.xlsx         các bảng trong một tệp Excel",
        "",
        "Danh sách tệp:",
        *(f"  {name}" for name in names),
        "",
        "Không có dữ liệu cá nhân: không có tên hay thư điện tử của người biên tập. Họ tên người "
        "ký in trên văn bản là thông tin công khai của văn bản.",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def build_downloads(
    snapshot: Snapshot, source_commit: str | None = None, site_url: str | None = None
) -> dict[str, bytes]:
    """Every open-data file, as bytes, by path relative to the documentation root."""
    base = normalise_site_url(site_url)
    corpus = export_json(snapshot, source_commit)
    tables = table_rows(snapshot, source_commit, base)
    csv_files = {t.csv_name: table_csv(t, tables[t.name]) for t in TABLES}
    inner: dict[str, bytes] = {
        "congkhai.json": json_bytes(corpus),
        "congkhai.schema.json": export_schema_bytes(),
        "datapackage.json": pretty_json_bytes(
            datapackage(snapshot, csv_files, source_commit, base)),
        **csv_files,
        "congkhai.xlsx": workbook_bytes(snapshot, tables, source_commit),
    }
    for plan in snapshot.project.plans:
        inner[f"ke-hoach/{plan.id}.json"] = json_bytes(plan_export(corpus, plan.id))
    names = list(inner)
    readme = _readme(snapshot, model_counts(snapshot.project), source_commit, names)
    archive = deterministic_zip([(README_NAME, readme), *inner.items()], snapshot.as_of)
    files = {f"{DATA_DIR}/{name}": data for name, data in inner.items()}
    files[ARCHIVE] = archive
    return files


# --- the JSON Schema of the export ---------------------------------------------------------------


class _SchemaBuilder:
    """Builds the JSON Schema; ``strict`` forbids undeclared keys (for the tests)."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict

    def obj(self, description: str, props: dict[str, dict[str, Any]],
            optional: Sequence[str] = (), nullable: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": ["object", "null"] if nullable else "object",
            "description": description,
            "properties": props,
            "required": [k for k in props if k not in optional],
        }
        if self.strict:
            out["additionalProperties"] = False
        return out


def _t(kind: str | list[str], description: str, **kw: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, **kw}


def _s(description: str, nullable: bool = False, **kw: Any) -> dict[str, Any]:
    return _t(["string", "null"] if nullable else "string", description, **kw)


def _d(description: str, nullable: bool = False) -> dict[str, Any]:
    return _s(description, nullable, format="date", pattern=DATE_PATTERN)


def _i(description: str, nullable: bool = False, **kw: Any) -> dict[str, Any]:
    return _t(["integer", "null"] if nullable else "integer", description, **kw)


def _n(description: str, nullable: bool = False) -> dict[str, Any]:
    return _t(["number", "null"] if nullable else "number", description)


def _b(description: str) -> dict[str, Any]:
    return _t("boolean", description)


def _a(description: str, items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "description": description, "items": items}


def _ref(name: str, description: str | None = None, nullable: bool = False) -> dict[str, Any]:
    ref: dict[str, Any] = {"$ref": f"#/$defs/{name}"}
    if nullable:
        ref = {"anyOf": [ref, {"type": "null"}]}
    if description:
        ref["description"] = description
    return ref


def export_schema(strict: bool = False) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of :func:`generator.export.export_json` and per-plan files.

    The published schema allows keys it does not list, because the contract only ever adds
    keys within a version; ``strict=True`` forbids them, so that the tests notice a key the
    schema does not document yet.
    """
    b = _SchemaBuilder(strict)
    agency_ref = b.obj("Một cơ quan được giao.", {
        "agency": _s("Mã cơ quan (danh mục agencies)."),
        "derived": _s("Lý do suy ra, khi văn bản không ghi trực tiếp cơ quan này; null nếu "
                      "văn bản ghi rõ.", True),
    })
    deadline = b.obj("Thời hạn: nguyên văn và cách hiểu.", {
        "text": _s("Thời hạn chép nguyên văn; null nếu văn bản không nêu.", True),
        "kind": _s("Loại thời hạn.", enum=list(KIND_CODES)),
        "kind_label": _s("Loại thời hạn, bằng chữ."),
        "due": _d("Ngày đến hạn suy ra (YYYY-MM-DD); null nếu không có hạn cố định.", True),
        "start": _d("Ngày bắt đầu suy ra, nếu có.", True),
        "explicit": _b("true nếu ngày do biên tập viên ghi rõ thay vì suy ra từ câu chữ."),
    })
    update = b.obj("Một lần cập nhật tiến độ do biên tập viên ghi nhận.", {
        "date": _d("Ngày ghi nhận; với hoàn thành là ngày hoàn thành."),
        "status": _s("Tình trạng báo cáo.", enum=list(UPDATE_STATUSES)),
        "progress": _i("Tiến độ phần trăm (0–100).", True, minimum=0, maximum=100),
        "note": _s("Ghi chú (Markdown).", True),
        "evidence": _s("Đường dẫn minh chứng.", True),
        "reason": _s("Lý do tạm dừng hoặc hủy.", True),
    })
    objective = b.obj("Một mục tiêu với các chỉ tiêu số và kết quả đo.", {
        "id": _s("Mã mục tiêu như văn bản đánh số."),
        "text": _s("Nội dung mục tiêu, chép nguyên văn."),
        "targets": _a("Các chỉ tiêu định lượng.", b.obj("Một chỉ tiêu.", {
            "label": _s("Đoạn nguyên văn mô tả chỉ tiêu."),
            "comparator": _s("So sánh.", enum=list(COMPARATORS)),
            "value": _n("Giá trị chỉ tiêu."),
            "unit": _s("Đơn vị."),
            "baseline": _n("Giá trị xuất phát, nếu văn bản nêu.", True),
            "baseline_year": _i("Năm của giá trị xuất phát.", True),
            "deadline": _ref("deadline", "Thời hạn của chỉ tiêu, nếu có.", nullable=True),
        })),
        "measurements": _a("Kết quả đo theo thời gian.", b.obj("Một kết quả đo.", {
            "date": _d("Ngày ghi nhận kết quả."),
            "target": _i("Số thứ tự chỉ tiêu (1 = chỉ tiêu đầu tiên).", minimum=1),
            "value": _n("Giá trị đạt được."),
            "note": _s("Ghi chú (Markdown).", True),
            "evidence": _s("Đường dẫn minh chứng.", True),
        })),
    })
    status = b.obj("Trạng thái tính đến as_of.", {
        "code": _s("Mã trạng thái.", enum=list(STATUS_CODES)),
        "label": _s("Trạng thái, bằng chữ."),
        "progress": _i("Phần trăm hoàn thành theo báo cáo gần nhất.", True, minimum=0,
                       maximum=100),
        "days_overdue": _i("Số ngày quá hạn (hoặc hoàn thành trễ).", True, minimum=0),
        "fixed_deadline": _b("true nếu nhiệm vụ có hạn cố định (được tính đúng hạn, quá hạn)."),
        "last_update": _d("Ngày của lần cập nhật gần nhất.", True),
    })
    task = b.obj("Một nhiệm vụ của ma trận nhiệm vụ.", {
        "id": _s("Mã nhiệm vụ, duy nhất trong kế hoạch."),
        "number": _s("Số thứ tự như văn bản ghi."),
        "section": _s("Mã mục chứa nhiệm vụ."),
        "area": _s("Mã lĩnh vực; null nếu không gắn lĩnh vực.", True),
        "title": _s("Tên nhiệm vụ, chép nguyên văn."),
        "output": _s("Sản phẩm, chép nguyên văn; null nếu văn bản không nêu.", True),
        "deadline": _ref("deadline", "Thời hạn."),
        "lead": _s("Mã cơ quan chủ trì thứ nhất (xem leads); null nếu văn bản không nêu.", True),
        "leads": _a("Các cơ quan chủ trì.", _ref("agency_ref")),
        "support": _a("Mã các cơ quan phối hợp.", _s("Mã cơ quan.")),
        "support_refs": _a("Các cơ quan phối hợp, kèm lý do suy ra.", _ref("agency_ref")),
        "assignment": _s("Nguyên văn câu phân công, nếu có.", True),
        "how": _s("Cách thức thực hiện (Markdown), nếu có.", True),
        "objectives": _a("Mục tiêu, chỉ tiêu của nhiệm vụ.", _ref("objective")),
        "updates": _a("Các lần cập nhật tiến độ, theo thứ tự trong tệp dữ liệu.",
                      _ref("update")),
        "subtasks": _a("Nhiệm vụ con (cùng cấu trúc, không có status).", _ref("task")),
        "line": _i("Số dòng của nhiệm vụ trong tệp dữ liệu.", minimum=0),
        "status": _ref("status", "Trạng thái tính đến as_of (nhiệm vụ con cũng có)."),
    }, optional=("status",))
    document = b.obj("Thông tin văn bản.", {
        "type": _s("Mã hình thức văn bản.", enum=list(DOCUMENT_TYPES)),
        "type_label": _s("Hình thức văn bản."),
        "number": _s("Số ký hiệu."),
        "issued": _d("Ngày ban hành."),
        "effective": b.obj("Hiệu lực, nếu văn bản nêu; null nếu không.", {
            "date": _d("Ngày có hiệu lực, nếu xác định được.", True),
            "text": _s("Câu chữ của văn bản về hiệu lực."),
        }, nullable=True),
        "issuer": _s("Mã cơ quan ban hành."),
        "place": _s("Địa danh ghi ở dòng ngày tháng.", True),
        "signer": b.obj("Người ký, như in trên văn bản (thông tin công khai).", {
            "name": _s("Họ tên người ký.", True),
            "form": _s("Thể thức ký.", True),
        }),
        "summary": _s("Trích yếu, chép nguyên văn.", True),
        "source": b.obj("Nguồn văn bản.", {
            "seed": _s("Tệp bản sao văn bản (trên trang: nguon/<tệp>).", True),
            "url": _s("Địa chỉ văn bản gốc.", True),
        }),
    })
    plan = b.obj("Một kế hoạch (văn bản) và mọi điều văn bản nêu.", {
        "id": _s("Mã kế hoạch, ổn định, dùng trong địa chỉ trang.", pattern=r"^[a-z0-9-]+$"),
        "title": _s("Tên kế hoạch."),
        "demo": _b("true nếu là dữ liệu minh họa, hư cấu."),
        "path": _s("Đường dẫn tệp dữ liệu trong kho mã nguồn."),
        "document": document,
        "period": b.obj("Giai đoạn kế hoạch (năm); null nếu văn bản không nêu.", {
            "start": _i("Năm bắt đầu."), "end": _i("Năm kết thúc."),
        }, nullable=True),
        "notes": _a("Ghi chú của biên tập viên về bản sao văn bản.", _s("Ghi chú.")),
        "legal_bases": _a("Căn cứ pháp lý.", b.obj("Một căn cứ.", {
            "number": _s("Số ký hiệu; null với luật.", True),
            "date": _d("Ngày ban hành.", True),
            "title": _s("Trích yếu, chép nguyên văn."),
        })),
        "objectives": _a("Mục tiêu chung của kế hoạch.", _ref("objective")),
        "baselines": _a("Số liệu xuất phát văn bản nêu.", b.obj("Một số liệu xuất phát.", {
            "label": _s("Đoạn nguyên văn."), "value": _n("Giá trị."), "unit": _s("Đơn vị."),
            "year": _i("Năm.", True),
        })),
        "sections": _a("Các mục của ma trận nhiệm vụ.", b.obj("Một mục.", {
            "id": _s("Mã mục."),
            "part": _s("Phần lớn chứa mục, nếu có.", True),
            "title": _s("Tiêu đề mục, chép nguyên văn.", True),
            "area": _s("Mã lĩnh vực của mục.", True),
            "tasks": _a("Mã các nhiệm vụ cấp 1 của mục, theo thứ tự.", _s("Mã nhiệm vụ.")),
        })),
        "tasks": _a("Các nhiệm vụ cấp 1 theo thứ tự văn bản, kèm trạng thái.", _ref("task")),
        "duties": _a("Trách nhiệm của các cơ quan trong phần tổ chức thực hiện.", b.obj(
            "Trách nhiệm giao cho một hay nhiều cơ quan.", {
                "id": _s("Mã như văn bản đánh số."),
                "agencies": _a("Các cơ quan được giao.", _ref("agency_ref")),
                "heading": _s("Tiêu đề như văn bản ghi.", True),
                "text": _s("Nội dung, chép nguyên văn.", True),
                "items": _a("Các ý a), b)…", b.obj("Một ý.", {
                    "id": _s("Mã ý."), "text": _s("Nội dung, chép nguyên văn."),
                })),
            })),
        "summary": b.obj("Số liệu tổng hợp về nhiệm vụ cấp 1, tính đến as_of.", {
            "tasks": _i("Số nhiệm vụ cấp 1.", minimum=0),
            "by_status": {
                "type": "object",
                "description": "Số nhiệm vụ theo mã trạng thái (chỉ các trạng thái có nhiệm vụ).",
                "propertyNames": {"enum": list(STATUS_CODES)},
                "additionalProperties": {"type": "integer", "minimum": 0},
            },
            "fallen_due": _i("Số nhiệm vụ đã đến hạn (kể cả nhiệm vụ con), trừ nhiệm vụ đã hủy.",
                             minimum=0),
            "fallen_due_reported": _i("Trong số đã đến hạn, số đã có báo cáo.", minimum=0),
            "completed_of_fallen_due": _i("Trong số đã đến hạn, số đã hoàn thành.", minimum=0),
            "on_time_of_fallen_due": _i("Trong số đã đến hạn, số hoàn thành đúng hạn.",
                                        minimum=0),
            "overdue": _i("Số nhiệm vụ được báo cáo chưa hoàn thành mà đã quá hạn.", minimum=0),
            "past_due_unreported": _i("Số nhiệm vụ đã qua hạn mà chưa có báo cáo nào.",
                                      minimum=0),
            "reported": _i("Số nhiệm vụ đã có cập nhật.", minimum=0),
        }),
    })
    agency = b.obj("Một cơ quan hoặc nhóm cơ quan.", {
        "id": _s("Mã cơ quan."),
        "name": _s("Tên chính thức."),
        "short_name": _s("Tên ngắn hiển thị."),
        "aliases": _a("Tên gọi, viết tắt xuất hiện trong văn bản.", _s("Tên gọi.")),
        "level": _s("Cấp.", enum=list(LEVELS)),
        "group": _b("true nếu là nhóm cơ quan."),
        "parent": _s("Mã cơ quan cấp trên.", True),
        "website": _s("Trang web chính thức, khi đã kiểm chứng.", True),
        "province": _s("Mã tỉnh; null với cơ quan trung ương.", True),
        "demo": _b("true nếu là cơ quan hư cấu."),
    })
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"Hợp đồng xuất dữ liệu congkhai, phiên bản {EXPORT_VERSION}",
        **b.obj(
            "Cấu trúc của du-lieu/congkhai.json (toàn bộ dữ liệu) và du-lieu/ke-hoach/<mã>.json "
            "(một kế hoạch cùng các mục danh mục nó dùng). Trong cùng một phiên bản, khóa chỉ "
            "được thêm, không đổi tên hay bỏ đi.", {
            "export_version": _s("Phiên bản hợp đồng xuất dữ liệu."),
            "generator": _s("Tên và phiên bản chương trình tạo tệp."),
            "as_of": _d("Ngày tính trạng thái: mọi trạng thái, số ngày quá hạn tính đến ngày này."),
            "source_commit": _s("Mã commit git của dữ liệu nguồn; null khi không xác định được.",
                                True),
            "statuses": _a("Danh mục mã trạng thái và nhãn, theo thứ tự hiển thị.", b.obj(
                "Một trạng thái.", {"code": _s("Mã trạng thái.", enum=list(STATUS_CODES)),
                                    "label": _s("Nhãn tiếng Việt.")})),
            "plans": _a("Các kế hoạch, kể cả dữ liệu minh họa (demo = true).", _ref("plan")),
            "agencies": _a("Danh mục cơ quan, sắp theo mã.", _ref("agency")),
            "areas": _a("Danh mục lĩnh vực cải cách hành chính.", b.obj("Một lĩnh vực.", {
                "id": _s("Mã lĩnh vực."), "name": _s("Tên lĩnh vực."),
                "frameworks": _a("Mã các chương trình, khung phân loại.", _s("Mã.")),
            })),
            "frameworks": _a("Các chương trình, khung phân loại lĩnh vực.", b.obj(
                "Một chương trình.", {"id": _s("Mã."), "name": _s("Tên."),
                                      "basis": _s("Văn bản làm căn cứ.", True)})),
            "provinces": _a("Các tỉnh có danh mục cơ quan.", b.obj("Một tỉnh.", {
                "id": _s("Mã tỉnh."), "name": _s("Tên tỉnh."),
                "demo": _b("true nếu là tỉnh hư cấu.")})),
        }),
        "$defs": {
            "plan": plan, "task": task, "status": status, "deadline": deadline,
            "agency_ref": agency_ref, "update": update, "objective": objective,
            "agency": agency,
        },
    }


def export_schema_bytes() -> bytes:
    """The published schema file (``schemas/export.schema.json``, ``du-lieu/congkhai.schema.json``).
    """
    return pretty_json_bytes(export_schema())


def write_export_schema(root: Path) -> Path:
    """Write ``schemas/export.schema.json`` under ``root`` when it changed; return its path."""
    path = root / EXPORT_SCHEMA_FILE
    data = export_schema_bytes()
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


# --- the "Dữ liệu mở" page -----------------------------------------------------------------------


def human_size(n: int) -> str:
    """A size as Vietnamese readers write it: "1,2 MB", "532 kB", "812 B"."""
    if n < 1000:
        return f"{n} B"
    for unit, scale in (("kB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        value = n / scale
        if value < 1000 or unit == "GB":
            text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
            return text.replace(".", ",") + f" {unit}"
    raise AssertionError  # pragma: no cover


_FORMATS = {
    ".json": "JSON", ".csv": "CSV (UTF-8 có BOM)", ".xlsx": "Excel (.xlsx)", ".zip": "ZIP",
    ".xml": "Atom", ".ics": "iCalendar",
}


def _kind(path: str) -> str:
    return _FORMATS.get(Path(path).suffix, Path(path).suffix.lstrip(".").upper())


def _schema_fields(schema: Mapping[str, Any], node: Mapping[str, Any]) -> list[dict[str, str]]:
    """Name, type and description of each property of one object of the schema."""
    out = []
    for name, prop in node["properties"].items():
        if "$ref" in prop or "anyOf" in prop:
            target = prop.get("$ref") or prop["anyOf"][0]["$ref"]
            kind = "đối tượng " + target.rsplit("/", 1)[-1]
        elif prop.get("type") == "array":
            items = prop["items"]
            inner = items.get("$ref", "").rsplit("/", 1)[-1] or _type_name(items)
            kind = f"danh sách {inner}"
        else:
            kind = _type_name(prop)
        out.append({"name": name, "type": kind, "description": prop.get("description", "")})
    return out


def _type_name(prop: Mapping[str, Any]) -> str:
    kinds = prop.get("type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    names = {"string": "chuỗi", "integer": "số nguyên", "number": "số", "boolean": "true/false",
             "object": "đối tượng", "null": "null", "array": "danh sách"}
    words = [names.get(k, k) for k in kinds]
    if prop.get("format") == "date":
        words = ["ngày" if w == "chuỗi" else w for w in words]
    return " hoặc ".join(words)


LISTED_FILES = 100
OPEN_DATA_TITLE = "Dữ liệu mở"
OPEN_DATA_DESCRIPTION = ("Tải toàn bộ dữ liệu kế hoạch cải cách hành chính: JSON, CSV, Excel, "
                         "Data Package, nguồn tin Atom và lịch iCalendar; giấy phép CC BY 4.0.")


@dataclass(frozen=True)
class FileInfo:
    """What the open-data page says of a file: its size and SHA-256."""

    size: int
    sha256: str


def describe_files(files: Mapping[str, bytes]) -> dict[str, FileInfo]:
    """Size and digest of each file, so that the files themselves need not be kept."""
    return {path: FileInfo(len(data), hashlib.sha256(data).hexdigest())
            for path, data in files.items()}


def open_data_page(
    snapshot: Snapshot, files: Mapping[str, FileInfo], source_commit: str | None
) -> Page:
    """The "Dữ liệu mở" page (``du-lieu-mo.md``) listing ``files`` with sizes.

    ``files`` describes (:func:`describe_files`) the downloads of :func:`build_downloads` and
    the feeds of :func:`generator.feeds.build_feeds`; the page lists those present.
    """
    from generator.clock import vn_date
    from generator.pages import Page

    here = OPEN_DATA_PAGE
    counts = model_counts(snapshot.project)

    def entry(path: str, content: str) -> dict[str, Any]:
        info = files[path]
        return {
            "name": path.rsplit("/", 1)[-1], "url": urls.relative(here, path), "path": path,
            "content": content, "format": _kind(path), "size": human_size(info.size),
            "bytes": info.size, "sha256": info.sha256,
        }

    table_counts = {
        PLANS_TABLE.name: f"{counts.plans} kế hoạch",
        TASKS_TABLE.name: f"{counts.tasks} nhiệm vụ (kể cả {counts.subtasks} nhiệm vụ con)",
        TARGETS_TABLE.name: f"{counts.objectives} mục tiêu, {counts.targets} chỉ tiêu",
        AGENCIES_TABLE.name: f"{counts.agencies} cơ quan",
        AREAS_TABLE.name: f"{counts.areas} lĩnh vực",
        UPDATES_TABLE.name: f"{counts.updates} lần cập nhật",
    }
    main = [
        (ARCHIVE, "Tất cả các tệp dữ liệu dưới đây trong một tệp nén, kèm README."),
        (CORPUS_JSON, f"Toàn bộ dữ liệu theo hợp đồng xuất dữ liệu: {counts.plans} kế hoạch, "
                      f"{counts.tasks} nhiệm vụ, danh mục cơ quan và lĩnh vực."),
        (WORKBOOK, "Các bảng dưới đây trong một tệp Excel, mỗi bảng một trang tính."),
        *((t.path, f"Bảng {t.title.lower()}: {table_counts[t.name]}.") for t in TABLES),
        (DATAPACKAGE, "Mô tả các bảng CSV (Frictionless Data Package): kiểu dữ liệu, khóa, "
                      "giấy phép, nguồn."),
        (SCHEMA_JSON, "JSON Schema của tệp JSON toàn bộ và từng kế hoạch."),
    ]
    downloads = [entry(p, c) for p, c in main if p in files]
    plans = []
    for plan in snapshot.project.plans:
        row: dict[str, Any] = {"title": plan.title, "number": plan.document.number,
                               "demo": plan.demo,
                               "page": urls.relative(here, urls.plan_page(plan.id))}
        for key, path in (("json", plan_json_path(plan.id)), ("atom", plan_atom_path(plan.id))):
            row[key] = entry(path, "") if path in files else None
        plans.append(row)
    feeds = [entry(p, c) for p, c in (
        (SITE_ATOM, "Mọi cập nhật tiến độ, mới nhất trước."),
        (SITE_ICS, "Hạn của mọi nhiệm vụ có hạn cố định, để thêm vào lịch."),
    ) if p in files]
    agency_feeds = []
    for agency in sorted(snapshot.project.agencies.values(), key=lambda a: a.name):
        if not (snapshot.led_by.get(agency.id) or snapshot.supported_by.get(agency.id)):
            continue
        atom, ics = agency_atom_path(agency.id), agency_ics_path(agency.id)
        if atom in files or ics in files:
            agency_feeds.append({
                "name": agency.name, "demo": agency.demo,
                "atom": entry(atom, "") if atom in files else None,
                "ics": entry(ics, "") if ics in files else None,
            })
    schema = export_schema()
    defs = schema["$defs"]
    contract = [
        {"title": "Cấp ngoài cùng", "fields": _schema_fields(schema, schema)},
        {"title": "Kế hoạch (plans[])", "fields": _schema_fields(schema, defs["plan"])},
        {"title": "Nhiệm vụ (plans[].tasks[])", "fields": _schema_fields(schema, defs["task"])},
        {"title": "Trạng thái (tasks[].status)", "fields": _schema_fields(schema, defs["status"])},
        {"title": "Thời hạn (deadline)", "fields": _schema_fields(schema, defs["deadline"])},
        {"title": "Cập nhật tiến độ (tasks[].updates[])",
         "fields": _schema_fields(schema, defs["update"])},
    ]
    tables = [
        {"title": t.title, "file": t.csv_name, "sheet": t.sheet, "description": t.description,
         "key": ", ".join(t.primary_key),
         "columns": [{"name": c.name, "title": c.title, "type": c.type,
                      "description": c.description, "required": c.required}
                     for c in t.columns]}
        for t in TABLES
    ]
    return Page(here, "open_data.md.j2", OPEN_DATA_TITLE, {
        "as_of": vn_date(snapshot.as_of),
        "as_of_iso": snapshot.as_of.isoformat(),
        "commit": source_commit,
        "commit_short": source_commit[:12] if source_commit else None,
        "export_version": EXPORT_VERSION,
        "licence": LICENCE,
        "licence_note": LICENCE_NOTE,
        "downloads": downloads,
        # Beyond a page's worth, per-plan and per-agency files are linked from their own pages
        # only: listing thousands here would make this page heavier than any other.
        "plans": plans if len(plans) <= LISTED_FILES else [],
        "plans_total": len(plans),
        "feeds": feeds,
        "agency_feeds": agency_feeds if len(agency_feeds) <= LISTED_FILES else [],
        "agency_feeds_total": len(agency_feeds),
        "agency_pattern": {"atom": f"{DATA_DIR}/co-quan/<mã cơ quan>.xml",
                           "ics": f"{DATA_DIR}/co-quan/<mã cơ quan>.ics"},
        "contract": contract,
        "tables": tables,
        "method": urls.relative(here, urls.METHODOLOGY),
    }, description=OPEN_DATA_DESCRIPTION)


def plan_data_links(plan_id: str, here: str | None = None) -> dict[str, str]:
    """Relative links from a plan page to its JSON and Atom files (for ``plan.md.j2``)."""
    page = here or urls.plan_page(plan_id)
    return {
        "json": urls.relative(page, plan_json_path(plan_id)),
        "atom": urls.relative(page, plan_atom_path(plan_id)),
        "open_data": urls.relative(page, OPEN_DATA_PAGE),
    }


def agency_data_links(agency_id: str, here: str | None = None) -> dict[str, str]:
    """Relative links from an agency page to its Atom and iCalendar feeds."""
    page = here or urls.agency_page(agency_id)
    return {
        "atom": urls.relative(page, agency_atom_path(agency_id)),
        "ics": urls.relative(page, agency_ics_path(agency_id)),
        "open_data": urls.relative(page, OPEN_DATA_PAGE),
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.opendata [ROOT]``: regenerate ``schemas/export.schema.json``."""
    import sys

    from generator.cli import find_root

    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else find_root(Path.cwd())
    print(write_export_schema(root))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = [
    "ARCHIVE", "CORPUS_JSON", "DATAPACKAGE", "DATA_DIR", "DEFAULT_SITE_URL", "LICENCE",
    "OPEN_DATA_DESCRIPTION", "OPEN_DATA_PAGE", "OPEN_DATA_TITLE", "SCHEMA_JSON", "TABLES",
    "WORKBOOK", "Counts", "FileInfo",
    "build_downloads", "datapackage", "describe_files", "export_schema", "model_counts",
    "open_data_page",
    "plan_export", "table_rows",
]
