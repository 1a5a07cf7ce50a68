"""The open data as tables, declared: plans, tasks, objectives/targets, agencies, areas, updates.

Each :class:`Table` is declared once and serves as the CSV header, the Table Schema of the Data
Package, the spreadsheet's headers and the open-data page's documentation;
:mod:`generator.downloads.rows` fills the tables from a snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.common.dataset import FieldDoc, SectionDoc
from generator.common.urls import DATA_DIR
from generator.facts.stats import Counts
from generator.facts.status import ORDER
from generator.model.deadlines import DeadlineKind
from generator.sources.vocabulary import COMPARATORS, DOCUMENT_TYPES, LEVELS, UPDATE_STATUSES


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
        _c("lost_in_copy", "string", "Mã trường bản sao không có",
           "Thông tin văn bản (place, signer.name, signer.form, summary, effective) mà bản sao "
           "của chúng tôi không có, cách nhau bởi “; ”: ô trống của các trường đó KHÔNG có "
           "nghĩa là văn bản không nêu."),
        _c("lost_in_copy_label", "string", "Không có trong bản sao",
           "Các trường đó bằng chữ, như trang web ghi."),
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

# The columns of ``congkhai export --format csv``: the first columns of the tasks table.
TASK_CSV_COLUMNS = (
    "plan_id", "plan_title", "demo", "document_number", "document_issued", "task_id",
    "parent_task_id", "section",
    "area", "area_name", "title", "output", "deadline_text", "deadline_kind", "due", "start",
    "lead", "lead_names", "support", "support_names", "lead_derived", "support_derived",
    "lost_in_copy", "lost_in_copy_label", "status", "status_label", "progress",
    "days_overdue", "last_update", "as_of",
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
    "lead_derived": ("string", "Chủ trì suy ra (lý do)",
                     "Cơ quan chủ trì mà văn bản không ghi là chủ trì (cách đọc của người nhập "
                     "liệu, trên trang ghi “suy ra”): “mã, mã: lý do”, các lý do cách nhau bởi "
                     "“ | ”; trống khi văn bản ghi rõ mọi cơ quan chủ trì.", {}),
    "support_derived": ("string", "Phối hợp suy ra (lý do)",
                        "Cơ quan phối hợp mà văn bản không ghi là phối hợp, cùng cách viết như "
                        "lead_derived.", {}),
    "lost_in_copy": ("string", "Mã trường bản sao không có",
                     "Các trường (lead, support, output, deadline) mà bản sao văn bản của chúng "
                     "tôi không có, cách nhau bởi “; ”: ô trống của các trường đó KHÔNG có "
                     "nghĩa là văn bản không nêu.", {}),
    "lost_in_copy_label": ("string", "Không có trong bản sao",
                           "Các trường đó bằng chữ, như trang web ghi (“Không có trong bản sao "
                           "văn bản của chúng tôi: …”).", {}),
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


def table_docs(counts: Counts) -> tuple[SectionDoc, ...]:
    """Each table's columns and size, for the open-data page."""
    sizes = {
        PLANS_TABLE.name: f"{counts.plans} kế hoạch",
        TASKS_TABLE.name: f"{counts.tasks} nhiệm vụ (kể cả {counts.subtasks} nhiệm vụ con)",
        TARGETS_TABLE.name: f"{counts.objectives} mục tiêu, {counts.targets} chỉ tiêu",
        AGENCIES_TABLE.name: f"{counts.agencies} cơ quan",
        AREAS_TABLE.name: f"{counts.areas} lĩnh vực",
        UPDATES_TABLE.name: f"{counts.updates} lần cập nhật",
    }
    return tuple(
        SectionDoc(
            title=t.title, file=t.csv_name, path=t.path, sheet=t.sheet,
            description=t.description, key=", ".join(t.primary_key), summary=sizes[t.name],
            fields=tuple(FieldDoc(c.name, c.type, c.description, c.title, c.required)
                         for c in t.columns),
        )
        for t in TABLES
    )
