"""Every coded value of the formats and its Vietnamese label, in one place.

Levels of agencies, document types, reported statuses, deadline kinds, comparators, the two
ways a value can be absent ("not stated" and "not in our copy"), and the kinds of lineage events.
The validator, the editors' guide, the site and the downloads all take their words from here.
"""

from __future__ import annotations

LEVELS = ("trung-uong", "tinh", "so-nganh", "huyen", "xa", "khac")
LEVEL_LABELS = ("Trung ương", "Tỉnh", "Sở, ban, ngành", "Huyện", "Xã", "Khác")

DOCUMENT_TYPES = ("quyet-dinh", "ke-hoach", "chi-thi", "nghi-quyet", "cong-van", "khac")
DOCUMENT_TYPE_LABELS = ("Quyết định", "Kế hoạch", "Chỉ thị", "Nghị quyết", "Công văn", "Khác")

UPDATE_STATUSES = ("chua-bat-dau", "dang-thuc-hien", "hoan-thanh", "tam-dung", "huy")
UPDATE_STATUS_LABELS = ("Chưa bắt đầu", "Đang thực hiện", "Hoàn thành", "Tạm dừng", "Hủy")

# The one table of deadline kinds: the JSON Schema tooltips, the editors' guide (a test compares
# its table with this one), the site and the exports all show these words.
DEADLINE_KINDS = ("fixed", "recurring", "ongoing", "conditional", "start-only", "none")
DEADLINE_KIND_LABELS = (
    "Có hạn cụ thể",
    "Định kỳ",
    "Thường xuyên",
    "Theo điều kiện, tiến độ bên ngoài",
    "Chỉ nêu thời điểm bắt đầu",
    "Không nêu",
)

COMPARATORS = ("=", ">=", ">", "<=", "<")
COMPARATOR_LABELS = ("bằng", "từ … trở lên", "trên", "tối đa", "dưới")

# Code -> Vietnamese label, for every page, feed and download that shows them.
DOCUMENT_TYPE_NAMES = dict(zip(DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, strict=True))
LEVEL_NAMES = dict(zip(LEVELS, LEVEL_LABELS, strict=True))
UPDATE_STATUS_NAMES = dict(zip(UPDATE_STATUSES, UPDATE_STATUS_LABELS, strict=True))
COMPARATOR_NAMES = dict(zip(COMPARATORS, COMPARATOR_LABELS, strict=True))
DEADLINE_KIND_NAMES = dict(zip(DEADLINE_KINDS, DEADLINE_KIND_LABELS, strict=True))

# Two different silences, in the words every page and download uses: the document does not
# state a value (null, []), or our copy of the document lost the part that held it (the field is
# then listed in the record's ``lost_in_copy``).
NOT_STATED_WORDS = "không nêu trong văn bản"
NOT_IN_COPY_WORDS = "không có trong bản sao văn bản của chúng tôi"
# What each record may list in ``lost_in_copy``, and how pages and exports name each field.
LOST_FIELD_NAMES = {
    "lead": "cơ quan chủ trì",
    "support": "cơ quan phối hợp",
    "output": "sản phẩm",
    "deadline": "thời hạn",
    "number": "số thứ tự",
    "heading": "tiêu đề",
    "agency": "cơ quan được giao",
    "title": "tiêu đề mục",
    "place": "địa danh",
    "signer.name": "họ tên người ký",
    "signer.form": "thể thức ký",
    "summary": "trích yếu",
    "effective": "hiệu lực",
}


def lost_in_copy_label(fields: tuple[str, ...]) -> str | None:
    """The lost fields as the downloads say them ("Không có trong bản sao văn bản của chúng
    tôi: cơ quan chủ trì; thời hạn"), or None when nothing was lost."""
    if not fields:
        return None
    return (NOT_IN_COPY_WORDS[:1].upper() + NOT_IN_COPY_WORDS[1:] + ": "
            + "; ".join(LOST_FIELD_NAMES[f] for f in fields))


TASK_LOST_FIELDS = ("lead", "support", "output", "deadline")
DUTY_LOST_FIELDS = ("number", "heading", "agency")
SECTION_LOST_FIELDS = ("title",)
DOCUMENT_LOST_FIELDS = ("place", "signer.name", "signer.form", "summary", "effective")

LINEAGE_KINDS = ("doi-ten", "hop-nhat-vao", "chia-tach", "ket-thuc", "thanh-lap")
LINEAGE_KIND_LABELS = (
    "Đổi tên",
    "Hợp nhất, sáp nhập",
    "Chia tách",
    "Giải thể, kết thúc hoạt động",
    "Thành lập",
)
CONFIDENCES = ("day-du", "mot-phan")
CONFIDENCE_LABELS = (
    "Đầy đủ: nguồn nêu số văn bản, nội dung và ngày hiệu lực",
    "Một phần: còn thiếu thông tin (ghi ở missing) hoặc có suy luận (ghi ở derived)",
)
LINEAGE_STATUSES = (
    "chua-xac-dinh", "khong-thay-doi", "chua-thay-su-kien", "nhan-hop-nhat", "nhan-nhom",
)
LINEAGE_STATUS_LABELS = (
    "Chưa xác định: chưa tìm được văn bản xác lập cơ quan kế thừa",
    "Không thay đổi: có văn bản cho biết không sắp xếp",
    "Chưa thấy sự kiện nào (không phải khẳng định là không thay đổi)",
    "Vẫn giữ tên, nhận hợp nhất cơ quan khác",
    "Không áp dụng: nhãn nhóm, không chỉ một cơ quan xác định",
)
LINEAGE_KIND_NAMES = dict(zip(LINEAGE_KINDS, LINEAGE_KIND_LABELS, strict=True))
CONFIDENCE_NAMES = dict(zip(CONFIDENCES, CONFIDENCE_LABELS, strict=True))
LINEAGE_STATUS_NAMES = dict(zip(LINEAGE_STATUSES, LINEAGE_STATUS_LABELS, strict=True))
