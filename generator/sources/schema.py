"""The file formats, declared once.

The validator (:mod:`generator.sources.validate`) walks YAML nodes against these declarations, and
the JSON Schema published for editors' autocompletion is generated from them, so the two cannot
disagree. Descriptions are Vietnamese because editors read them in their editor's tooltips.
"""

from __future__ import annotations

from generator.sources.spec import (
    LOCAL_ID_PATTERN,
    MAX_ID_LENGTH,
    RESERVED_IDS,
    SLUG_PATTERN,
    AnyOf,
    Boolean,
    Choice,
    Day,
    Field,
    Integer,
    Items,
    Number,
    Record,
    Reference,
    Text,
    Url,
)
from generator.sources.vocabulary import (
    COMPARATOR_LABELS,
    COMPARATORS,
    CONFIDENCE_LABELS,
    CONFIDENCES,
    DEADLINE_KIND_LABELS,
    DEADLINE_KINDS,
    DOCUMENT_LOST_FIELDS,
    DOCUMENT_TYPE_LABELS,
    DOCUMENT_TYPES,
    DUTY_LOST_FIELDS,
    LEVEL_LABELS,
    LEVELS,
    LINEAGE_KIND_LABELS,
    LINEAGE_KINDS,
    LINEAGE_STATUS_LABELS,
    LINEAGE_STATUSES,
    LOST_FIELD_NAMES,
    NOT_IN_COPY_WORDS,
    NOT_STATED_WORDS,
    SECTION_LOST_FIELDS,
    TASK_LOST_FIELDS,
    UPDATE_STATUS_LABELS,
    UPDATE_STATUSES,
)

# --- shared pieces ---------------------------------------------------------------------------

SLUG = Text(pattern=SLUG_PATTERN, pattern_hint="chỉ chữ thường không dấu, số và dấu gạch ngang",
            max_length=MAX_ID_LENGTH, reserved=RESERVED_IDS)
LOCAL_ID = Text(
    pattern=LOCAL_ID_PATTERN,
    pattern_hint="số hiệu như văn bản ghi, ví dụ \"II.3\", \"1.a\", \"PL.11\"",
    max_length=40,
)


def _lost_in_copy(fields: tuple[str, ...]) -> Field:
    """The ``lost_in_copy`` list of a record that may have lost ``fields`` in our copy."""
    return Field("lost_in_copy", Items(
        item=Choice(values=fields, labels=tuple(LOST_FIELD_NAMES[f] for f in fields)),
        description="Các trường mà bản sao văn bản của chúng tôi không có (mất tiêu đề, dòng "
        "bị cắt, phụ lục không kèm theo), dù văn bản gốc có thể nêu. Trường đó để null (hoặc "
        "[]); trang ghi “" + NOT_IN_COPY_WORDS + "” thay vì “" + NOT_STATED_WORDS + "”. Ghi lý "
        "do trong notes.",
    ), default=())


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
                                   description="So sánh, theo chữ đứng ngay trước con số (chỉ "
                                   "cho con số đó): \"=\" (không có chữ so sánh), \">=\" (tối "
                                   "thiểu, ít nhất, từ … trở lên), \">\" (trên, vượt), \"<=\" "
                                   "(tối đa, không quá, trong tốp), \"<\" (dưới). Khoảng “từ A - "
                                   "B”: \">=\" A; thứ hạng: \"<=\" B."),
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
        _lost_in_copy(TASK_LOST_FIELDS),
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
        _lost_in_copy(SECTION_LOST_FIELDS),
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
        _lost_in_copy(DUTY_LOST_FIELDS),
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
            _lost_in_copy(DOCUMENT_LOST_FIELDS),
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

# --- lineage: what became of an agency or a province, when, under which legal document ----------

SOURCE = Record(
    noun="nguồn",
    description="Nơi tìm thấy thông tin, với đoạn trích nguyên văn.",
    fields=(
        Field("url", Url(description="Địa chỉ trang (https://…)."), required=True),
        Field("quote", Text(description="Đoạn trích nguyên văn từ trang, không dịch, không "
                            "sửa."), required=True),
        Field("type", Text(nullable=True, description="Loại nguồn: cổng thông tin cơ quan nhà "
                           "nước, báo chí, trang sao chép văn bản pháp luật…")),
    ),
)

LEGAL_BASIS = Record(
    noun="căn cứ pháp lý",
    description="Văn bản pháp lý của sự kiện. Phần nào chưa tìm được thì để null (trang ghi "
    "“chưa xác định”) và nêu trong missing của sự kiện.",
    fields=(
        Field("number", Text(nullable=True, description="Số ký hiệu, ví dụ 202/2025/QH15.")),
        Field("date", Day(nullable=True, description="Ngày ban hành hoặc thông qua.")),
        Field("issuer", Text(nullable=True, description="Cơ quan ban hành.")),
        Field("title", Text(nullable=True, description="Trích yếu (tên văn bản).")),
        Field("article", Text(nullable=True, description="Điều, khoản liên quan.")),
        Field("url", Url(nullable=True, description="Nơi đọc văn bản hoặc nơi thuật lại nó.")),
        Field("note", Text(nullable=True, description="Ghi chú về văn bản (vai trò, nguồn).")),
    ),
)


def _lineage_party(target: str, noun: str, functions: bool) -> Record:
    """A successor (or, for "thanh-lap", a predecessor): an id of the registry, or a name."""
    fields = [
        Field(target, Reference(nullable=True, target=target,
                                description="Mã trong danh mục; null nếu chưa có trong danh "
                                "mục (ghi name) hoặc chưa xác định (để cả hai null).")),
        Field("name", Text(nullable=True, description="Tên như nguồn ghi, khi không có mã.")),
    ]
    if functions:
        fields.append(Field("functions", Text(
            nullable=True, description="Chức năng, nhiệm vụ được chuyển giao, theo văn bản; null "
            "nếu văn bản không nêu (chuyển giao toàn bộ).")))
    fields.append(Field("derived", Text(nullable=True, description="Lý do, khi đây là suy luận "
                                        "chứ không phải điều nguồn nói thẳng.")))
    return Record(noun=noun, fields=tuple(fields))


def _lineage_event(target: str) -> Record:
    party = _lineage_party(target, "cơ quan kế thừa" if target == "agency" else "tỉnh kế thừa",
                           target == "agency")
    return Record(
        noun="sự kiện tổ chức lại",
        description="Một thay đổi về tổ chức (đổi tên, hợp nhất, chia tách, giải thể, thành lập) "
        "với ngày hiệu lực và căn cứ pháp lý.",
        fields=(
            Field("kind", Choice(values=LINEAGE_KINDS, labels=LINEAGE_KIND_LABELS,
                                 description="Loại sự kiện."), required=True),
            Field("date", Day(nullable=True, description="Ngày có hiệu lực; null nếu chưa xác "
                              "định."), required=True),
            Field("date_text", Text(nullable=True, description="Thời điểm như nguồn ghi, khi "
                                    "không có ngày cụ thể (\"Tháng 7-2025\").")),
            Field("known_by", Day(nullable=True, description="Khi chưa biết ngày hiệu lực: ngày "
                                  "muộn nhất mà nguồn cho thấy sự kiện đã có hiệu lực.")),
            Field("successors", Items(item=party, description="Cơ quan (tỉnh) kế thừa; bắt buộc "
                                      "với đổi tên, hợp nhất, chia tách."), default=()),
            Field("predecessors", Items(item=_lineage_party(target, "cơ quan tiền nhiệm", False),
                                        description="Với thành lập: hình thành từ những cơ quan "
                                        "(tỉnh) nào."), default=()),
            Field("co_predecessors", Items(item=Text(), description="Tên các cơ quan (tỉnh) khác "
                                           "cùng hợp nhất, không có trong danh mục."), default=()),
            Field("basis", LEGAL_BASIS),
            Field("other_bases", Items(item=LEGAL_BASIS, description="Văn bản liên quan khác "
                                       "(khung chung, văn bản dẫn chiếu)."), default=()),
            Field("confidence", Choice(values=CONFIDENCES, labels=CONFIDENCE_LABELS,
                                       description="Mức độ đầy đủ của trích dẫn."), required=True),
            Field("missing", Items(item=Text(), description="Những gì chưa xác định được."),
                  default=()),
            Field("derived", Text(nullable=True, description="Phần suy luận và lý do.")),
            Field("note", Text(nullable=True, description="Ghi chú.")),
            Field("sources", Items(item=SOURCE, description="Nguồn, mỗi nguồn một đoạn trích "
                                   "nguyên văn."), default=()),
        ),
    )


LINEAGE_STATUS = Record(
    noun="tình trạng tổ chức lại",
    nullable=True,
    description="Khi không ghi được sự kiện: điều đã biết (hoặc chưa biết) về cơ quan sau các "
    "đợt sắp xếp.",
    fields=(
        Field("status", Choice(values=LINEAGE_STATUSES, labels=LINEAGE_STATUS_LABELS,
                               description="Tình trạng."), required=True),
        Field("note", Text(nullable=True, description="Giải thích.")),
        Field("searched", Items(item=Text(), description="Những gì đã tìm mà chưa thấy."),
              default=()),
        Field("sources", Items(item=SOURCE, description="Nguồn."), default=()),
    ),
)

AGENCY_LINEAGE = _lineage_event("agency")
PROVINCE_LINEAGE = _lineage_event("province")

PROVINCE = Record(
    noun="tỉnh",
    nullable=True,
    fields=(
        Field("id", SLUG, required=True),
        Field("name", Text(description="Tên tỉnh."), required=True),
        Field("demo", Boolean(description="true nếu là tỉnh hư cấu dùng cho dữ liệu minh họa."),
              default=False),
        Field("lineage", Items(item=PROVINCE_LINEAGE, description="Các sự kiện tổ chức lại của "
                               "tỉnh (sáp nhập, hợp nhất…), theo thứ tự thời gian."), default=()),
        Field("lineage_status", LINEAGE_STATUS),
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
        Field("lineage", Items(item=AGENCY_LINEAGE, description="Các sự kiện tổ chức lại của cơ "
                               "quan, theo thứ tự thời gian."), default=()),
        Field("lineage_status", LINEAGE_STATUS),
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
