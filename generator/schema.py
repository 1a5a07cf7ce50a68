"""The file formats, declared once.

The validator (:mod:`generator.validate`) walks YAML nodes against these declarations, and the JSON
Schema published for editors' autocompletion is generated from them, so the two cannot disagree.
Descriptions are Vietnamese because editors read them in their editor's tooltips.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Every value check accepts must build, so every kind of value is bounded here. Ids name files
# and addresses (a file name has at most 255 bytes, with suffixes such as "--trach-nhiem-2");
# dates lie between the first documents of the Vietnamese state and the end of the planning
# horizon (the same years as the year fields); numbers are finite, written with at most 15
# digits (what a double and a spreadsheet cell hold exactly) and within ±10^12.
MAX_ID_LENGTH = 80
# Ids that would take a generated address: "index" is every list directory's own page
# (ke-hoach/index.md), "du-lieu" the data directory beside the province sites of the national
# index.
RESERVED_IDS = ("index", "du-lieu")
FIRST_DAY = dt.date(1945, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
MAX_NUMBER = 10**12
MAX_DIGITS = 15
# Task, section and objective ids as documents number them: "II.3", "1.đ", "PL.11", "I.1.2".
LOCAL_ID_PATTERN = r"^[0-9A-Za-zÀ-ỹĐđ]+([.\-][0-9A-Za-zÀ-ỹĐđ]+)*$"


@dataclass(frozen=True)
class Spec:
    """Base of all value declarations."""

    description: str = ""
    nullable: bool = False


@dataclass(frozen=True)
class Text(Spec):
    """A string. ``markdown`` strings are rendered as Markdown with raw HTML disabled."""

    pattern: str | None = None
    pattern_hint: str = ""
    markdown: bool = False
    max_length: int = 20_000
    reserved: tuple[str, ...] = ()


@dataclass(frozen=True)
class Integer(Spec):
    """A whole number within bounds."""

    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Number(Spec):
    """A decimal number (targets, scores), finite, within bounds, with at most
    :data:`MAX_DIGITS` digits."""

    minimum: float = -MAX_NUMBER
    maximum: float = MAX_NUMBER


@dataclass(frozen=True)
class Boolean(Spec):
    """true or false."""


@dataclass(frozen=True)
class Day(Spec):
    """A calendar date written YYYY-MM-DD, between :data:`FIRST_DAY` and :data:`LAST_DAY`."""

    minimum: dt.date = FIRST_DAY
    maximum: dt.date = LAST_DAY


@dataclass(frozen=True)
class Url(Spec):
    """An http(s) address."""


@dataclass(frozen=True)
class Choice(Spec):
    """One of a fixed set of codes; ``labels`` gives each its Vietnamese meaning."""

    values: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference(Spec):
    """The id of an entry of a registry (``agency``, ``area`` or ``framework``)."""

    target: str = "agency"


@dataclass(frozen=True)
class Items(Spec):
    """A list of values of one kind."""

    item: Spec = field(default_factory=Spec)


@dataclass(frozen=True)
class Field:
    """One key of a record."""

    name: str
    spec: Spec
    required: bool = False
    default: object = None


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with known keys. ``noun`` names it in messages ("nhiệm vụ", "cập nhật")."""

    noun: str = ""
    fields: tuple[Field, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    def field_named(self, name: str) -> Field | None:
        """The field called ``name``, if any."""
        return self._by_name.get(name)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class AnyOf(Spec):
    """One of several shapes, told apart by the kind of YAML node (scalar, list or mapping)."""

    options: tuple[Spec, ...] = ()


# --- shared pieces ---------------------------------------------------------------------------

LEVELS = ("trung-uong", "tinh", "so-nganh", "huyen", "xa", "khac")
LEVEL_LABELS = ("Trung ương", "Tỉnh", "Sở, ban, ngành", "Huyện", "Xã", "Khác")

DOCUMENT_TYPES = ("quyet-dinh", "ke-hoach", "chi-thi", "nghi-quyet", "cong-van", "khac")
DOCUMENT_TYPE_LABELS = ("Quyết định", "Kế hoạch", "Chỉ thị", "Nghị quyết", "Công văn", "Khác")

UPDATE_STATUSES = ("chua-bat-dau", "dang-thuc-hien", "hoan-thanh", "tam-dung", "huy")
UPDATE_STATUS_LABELS = ("Chưa bắt đầu", "Đang thực hiện", "Hoàn thành", "Tạm dừng", "Hủy")

DEADLINE_KINDS = ("fixed", "recurring", "ongoing", "conditional", "start-only", "none")
DEADLINE_KIND_LABELS = (
    "Có hạn cụ thể",
    "Định kỳ",
    "Thường xuyên",
    "Theo điều kiện, tiến độ bên ngoài",
    "Chỉ có thời điểm bắt đầu",
    "Không nêu",
)

COMPARATORS = ("=", ">=", ">", "<=", "<")
COMPARATOR_LABELS = ("bằng", "từ … trở lên", "trên", "tối đa", "dưới")

# Code -> Vietnamese label, for every page, feed and download that shows them.
DOCUMENT_TYPE_NAMES = dict(zip(DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, strict=True))
LEVEL_NAMES = dict(zip(LEVELS, LEVEL_LABELS, strict=True))
UPDATE_STATUS_NAMES = dict(zip(UPDATE_STATUSES, UPDATE_STATUS_LABELS, strict=True))
COMPARATOR_NAMES = dict(zip(COMPARATORS, COMPARATOR_LABELS, strict=True))

SLUG = Text(pattern=SLUG_PATTERN, pattern_hint="chỉ chữ thường không dấu, số và dấu gạch ngang",
            max_length=MAX_ID_LENGTH, reserved=RESERVED_IDS)
LOCAL_ID = Text(
    pattern=LOCAL_ID_PATTERN,
    pattern_hint="số hiệu như văn bản ghi, ví dụ \"II.3\", \"1.a\", \"PL.11\"",
    max_length=40,
)

DERIVED_AGENCY = Record(
    noun="cơ quan suy ra",
    description="Cơ quan không ghi trực tiếp ở trường này nhưng được suy ra từ văn bản; "
    "phải nêu lý do.",
    fields=(
        Field("agency", Reference(description="Mã cơ quan trong danh mục.", target="agency"),
              required=True),
        Field("derived", Text(description="Lý do suy ra, trích nguyên văn câu chữ của văn bản."),
              required=True),
    ),
)

AGENCY_REF = AnyOf(
    description="Mã cơ quan trong danh mục, hoặc {agency, derived} khi cơ quan được suy ra.",
    options=(Reference(target="agency"), DERIVED_AGENCY),
)

DEADLINE = AnyOf(
    nullable=True,
    description="Tiến độ/thời hạn chép nguyên văn (ví dụ \"Quý I/2018\", \"Thường xuyên\"); "
    "null nếu văn bản không nêu. Khi hệ thống không tự hiểu được, dùng dạng {text, due}.",
    options=(
        Text(description="Thời hạn nguyên văn."),
        Record(
            noun="thời hạn",
            fields=(
                Field("text", Text(description="Thời hạn nguyên văn."), required=True),
                Field("due", Day(nullable=True,
                                 description="Hạn chót do biên tập viên ghi rõ (YYYY-MM-DD).")),
                Field("start", Day(nullable=True, description="Ngày bắt đầu, nếu có.")),
                Field("kind", Choice(nullable=True, values=DEADLINE_KINDS,
                                     labels=DEADLINE_KIND_LABELS,
                                     description="Loại thời hạn, khi cần ghi rõ.")),
            ),
        ),
    ),
)

TARGET = Record(
    noun="chỉ tiêu",
    description="Một con số mà mục tiêu cam kết.",
    fields=(
        Field("label", Text(description="Đoạn nguyên văn mô tả chỉ tiêu."), required=True),
        Field("comparator", Choice(values=COMPARATORS, labels=COMPARATOR_LABELS,
                                   description="So sánh: \"=\", \">=\" (tối thiểu, từ … trở lên), "
                                   "\">\" (trên), \"<=\" (tối đa), \"<\" (dưới)."),
              required=True),
        Field("value", Number(description="Giá trị chỉ tiêu."), required=True),
        Field("unit", Text(description="Đơn vị: %, điểm, hạng…"), required=True),
        Field("baseline", Number(nullable=True, description="Giá trị xuất phát, nếu văn bản nêu.")),
        Field("baseline_year", Integer(nullable=True, minimum=1945, maximum=2100,
                                       description="Năm của giá trị xuất phát.")),
        Field("deadline", DEADLINE),
    ),
)

MEASUREMENT = Record(
    noun="kết quả đo",
    description="Kết quả thực hiện chỉ tiêu tại một ngày.",
    fields=(
        Field("date", Day(description="Ngày ghi nhận kết quả."), required=True),
        Field("value", Number(description="Giá trị đạt được (cùng đơn vị với chỉ tiêu)."),
              required=True),
        Field("target", Integer(nullable=True, minimum=1, maximum=100,
                                description="Số thứ tự chỉ tiêu (1 = chỉ tiêu đầu tiên) khi "
                                "mục tiêu có nhiều chỉ tiêu.")),
        Field("note", Text(nullable=True, markdown=True, description="Ghi chú (Markdown).")),
        Field("evidence", Url(nullable=True, description="Đường dẫn minh chứng (https://…).")),
    ),
)

OBJECTIVE = Record(
    noun="mục tiêu",
    fields=(
        Field("id", LOCAL_ID, required=True),
        Field("text", Text(description="Nội dung mục tiêu, chép nguyên văn."), required=True),
        Field("targets", Items(item=TARGET, description="Các chỉ tiêu định lượng."), default=()),
        Field("updates", Items(item=MEASUREMENT, description="Kết quả đo theo thời gian."),
              default=()),
    ),
)

UPDATE = Record(
    noun="cập nhật tiến độ",
    description="Một lần ghi nhận tình trạng của nhiệm vụ.",
    fields=(
        Field("date", Day(description="Ngày ghi nhận (YYYY-MM-DD). Với “hoan-thanh”: ngày hoàn "
                          "thành."), required=True),
        Field("status", Choice(values=UPDATE_STATUSES, labels=UPDATE_STATUS_LABELS,
                               description="Tình trạng tại ngày ghi nhận."), required=True),
        Field("progress", Integer(nullable=True, minimum=0, maximum=100,
                                  description="Tiến độ phần trăm (0–100).")),
        Field("note", Text(nullable=True, markdown=True, description="Ghi chú (Markdown).")),
        Field("evidence", Url(nullable=True, description="Đường dẫn minh chứng (https://…).")),
        Field("reason", Text(nullable=True, description="Lý do, bắt buộc khi tạm dừng hoặc hủy.")),
    ),
)


def _task_record(with_subtasks: bool) -> Record:
    fields = [
        Field("id", LOCAL_ID, required=True),
        Field("title", Text(description="Tên nhiệm vụ, chép nguyên văn."), required=True),
        Field("output", Text(nullable=True, description="Sản phẩm, chép nguyên văn; null nếu "
                             "văn bản không nêu."), required=True),
        Field("deadline", DEADLINE, required=True),
        Field("lead", AnyOf(
            nullable=True,
            description="Cơ quan chủ trì: một mã, danh sách mã (đồng chủ trì) hoặc null nếu "
            "văn bản không nêu.",
            options=(
                Reference(target="agency"),
                Items(item=AGENCY_REF),
                DERIVED_AGENCY,
            ),
        ), required=True),
        Field("support", Items(item=AGENCY_REF, nullable=True,
                               description="Cơ quan phối hợp; [] nếu văn bản không nêu."),
              default=()),
        Field("assignment", Text(nullable=True,
                                 description="Nguyên văn cột phân công, khi có.")),
        Field("how", Text(nullable=True, markdown=True,
                          description="Cách thức thực hiện (Markdown).")),
        Field("area", Reference(nullable=True, target="area",
                                description="Lĩnh vực, khi khác lĩnh vực của mục.")),
        Field("objectives", Items(item=OBJECTIVE, description="Mục tiêu, chỉ tiêu của nhiệm vụ."),
              default=()),
        Field("updates", Items(item=UPDATE, description="Các lần cập nhật tiến độ, theo thứ tự "
                               "thời gian."), default=()),
    ]
    if with_subtasks:
        fields.append(Field("subtasks", Items(item=_task_record(False),
                                              description="Nhiệm vụ con."), default=()))
    return Record(noun="nhiệm vụ", fields=tuple(fields))


TASK = _task_record(True)

SECTION = Record(
    noun="mục",
    description="Một nhóm nhiệm vụ, đúng như văn bản nhóm.",
    fields=(
        Field("id", LOCAL_ID, required=True),
        Field("part", Text(nullable=True, description="Phần lớn chứa mục (\"Phần 2\", "
                           "\"Phụ lục\").")),
        Field("title", Text(nullable=True, description="Tiêu đề mục, chép nguyên văn."),
              required=True),
        Field("area", Reference(nullable=True, target="area", description="Lĩnh vực CCHC."),
              required=True),
        Field("tasks", Items(item=TASK, description="Các nhiệm vụ của mục."), required=True),
    ),
)

DUTY = Record(
    noun="trách nhiệm",
    description="Trách nhiệm giao cho một cơ quan trong phần tổ chức thực hiện.",
    fields=(
        Field("id", LOCAL_ID, required=True),
        Field("agency", AnyOf(nullable=True, options=(
            Reference(target="agency"), Items(item=AGENCY_REF), DERIVED_AGENCY,
        ), description="Cơ quan được giao: một mã, danh sách mã, hoặc null nếu văn bản không "
            "nêu."), required=True),
        Field("heading", Text(nullable=True, description="Tiêu đề như văn bản ghi.")),
        Field("text", Text(nullable=True, description="Nội dung, chép nguyên văn.")),
        Field("items", Items(item=Record(noun="ý", fields=(
            Field("id", LOCAL_ID, required=True),
            Field("text", Text(description="Nội dung, chép nguyên văn."), required=True),
        )), description="Các ý a), b)…"), default=()),
    ),
)

PLAN = Record(
    noun="kế hoạch",
    description="Một văn bản kế hoạch cải cách hành chính.",
    fields=(
        Field("id", Text(pattern=SLUG_PATTERN, pattern_hint=SLUG.pattern_hint,
                         max_length=MAX_ID_LENGTH, reserved=RESERVED_IDS,
                         description="Mã kế hoạch, trùng tên tệp."), required=True),
        Field("title", Text(description="Tên hiển thị của kế hoạch."), required=True),
        Field("demo", Boolean(description="true nếu là dữ liệu minh họa (hư cấu)."),
              default=False),
        Field("document", Record(noun="thông tin văn bản", fields=(
            Field("type", Choice(values=DOCUMENT_TYPES, labels=DOCUMENT_TYPE_LABELS,
                                 description="Hình thức văn bản."), required=True),
            Field("number", Text(description="Số ký hiệu, ví dụ 4034/QĐ-UBND."), required=True),
            Field("issued", Day(description="Ngày ban hành."), required=True),
            Field("effective", Record(nullable=True, noun="hiệu lực", fields=(
                Field("date", Day(nullable=True, description="Ngày có hiệu lực.")),
                Field("text", Text(description="Câu chữ của văn bản về hiệu lực."),
                      required=True),
            ), description="Hiệu lực, nếu văn bản nêu; null nếu không.")),
            Field("issuer", Reference(target="agency", description="Cơ quan ban hành."),
                  required=True),
            Field("place", Text(nullable=True, description="Địa danh ghi ở dòng ngày tháng.")),
            Field("signer", Record(nullable=True, noun="người ký", fields=(
                Field("name", Text(nullable=True, description="Họ tên người ký.")),
                Field("form", Text(nullable=True, description="Thể thức ký, ví dụ "
                                   "\"TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH\".")),
            )), required=True),
            Field("summary", Text(nullable=True, description="Trích yếu, chép nguyên văn."),
                  required=True),
            Field("source", Record(noun="nguồn", fields=(
                Field("seed", Text(nullable=True, description="Tệp văn bản gốc trong "
                                   "shared/seeds.")),
                Field("url", Url(nullable=True, description="Địa chỉ văn bản gốc.")),
            )), required=True),
        )), required=True),
        Field("period", Record(nullable=True, noun="giai đoạn", fields=(
            Field("start", Integer(minimum=1945, maximum=2100, description="Năm bắt đầu."),
                  required=True),
            Field("end", Integer(minimum=1945, maximum=2100, description="Năm kết thúc."),
                  required=True),
        ), description="Giai đoạn kế hoạch; null nếu không nêu.")),
        Field("notes", Items(item=Text(), description="Ghi chú của người nhập liệu về bản sao."),
              default=()),
        Field("legal_bases", Items(item=Record(noun="căn cứ", fields=(
            Field("number", Text(nullable=True, description="Số ký hiệu; null với luật."),
                  required=True),
            Field("date", Day(nullable=True, description="Ngày ban hành."), required=True),
            Field("title", Text(description="Trích yếu, chép nguyên văn."), required=True),
        )), description="Căn cứ pháp lý."), default=()),
        Field("objectives", Items(item=OBJECTIVE, description="Mục tiêu của kế hoạch."),
              default=()),
        Field("baselines", Items(item=Record(noun="số liệu xuất phát", fields=(
            Field("label", Text(description="Đoạn nguyên văn."), required=True),
            Field("value", Number(description="Giá trị."), required=True),
            Field("unit", Text(description="Đơn vị."), required=True),
            Field("year", Integer(nullable=True, minimum=1945, maximum=2100)),
        )), description="Số liệu xuất phát văn bản nêu."), default=()),
        Field("sections", Items(item=SECTION, description="Các mục nhiệm vụ."), default=()),
        Field("duties", Items(item=DUTY, description="Trách nhiệm của các cơ quan."), default=()),
    ),
)

PROVINCE = Record(
    noun="tỉnh",
    nullable=True,
    fields=(
        Field("id", SLUG, required=True),
        Field("name", Text(description="Tên tỉnh."), required=True),
        Field("demo", Boolean(description="true nếu là tỉnh hư cấu dùng cho dữ liệu minh họa."),
              default=False),
    ),
    description="Tỉnh của các cơ quan trong tệp; null với cơ quan trung ương.",
)

AGENCY = Record(
    noun="cơ quan",
    fields=(
        Field("id", SLUG, required=True),
        Field("name", Text(description="Tên chính thức."), required=True),
        Field("short_name", Text(description="Tên ngắn hiển thị."), required=True),
        Field("aliases", Items(item=Text(), description="Tên gọi, viết tắt xuất hiện trong "
                               "văn bản."), default=()),
        Field("level", Choice(values=LEVELS, labels=LEVEL_LABELS, description="Cấp."),
              required=True),
        Field("group", Boolean(description="true nếu là nhóm (\"Các sở, ban, ngành\", "
                               "\"UBND cấp huyện\")."), default=False),
        Field("parent", Reference(nullable=True, target="agency", description="Cơ quan cấp trên.")),
        Field("website", Url(nullable=True,
                             description="Trang web chính thức, khi đã kiểm chứng.")),
    ),
)

AGENCY_FILE = Record(
    noun="danh mục cơ quan",
    fields=(
        Field("province", PROVINCE, required=True),
        Field("agencies", Items(item=AGENCY, description="Các cơ quan."), required=True),
    ),
)

AREA_FILE = Record(
    noun="danh mục lĩnh vực",
    fields=(
        Field("frameworks", Items(item=Record(noun="khung", fields=(
            Field("id", SLUG, required=True),
            Field("name", Text(), required=True),
            Field("basis", Text(nullable=True), required=True),
        ))), required=True),
        Field("areas", Items(item=Record(noun="lĩnh vực", fields=(
            Field("id", SLUG, required=True),
            Field("name", Text(), required=True),
            Field("frameworks", Items(item=Reference(target="framework")), required=True),
            Field("aliases", Items(item=Text()), default=()),
        ))), required=True),
    ),
)
