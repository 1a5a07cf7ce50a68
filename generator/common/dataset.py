"""The dataset as published: its name, publisher and licence, and the export contract version.

Downloads stamp these into their files; the open-data page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Keys of the export contract are only ever added, never renamed or removed, without raising it.
EXPORT_VERSION = "2.1"
# What each version changed, newest first: the open-data page and the schema say it.
EXPORT_CHANGES: tuple[tuple[str, str], ...] = (
    ("2.1", "Chỉ thêm khóa, không bỏ hay đổi nghĩa khóa nào. Cơ quan và tỉnh thêm lineage (các "
            "sự kiện tổ chức lại: loại, ngày hiệu lực, căn cứ pháp lý, cơ quan trước và sau), "
            "lineage_status và successors_as_of (nơi kế thừa tính đến ngày tính). Kế hoạch thêm "
            "relations (kế hoạch này sửa đổi hoặc thay thế kế hoạch nào: số, ngày, các nhiệm vụ) "
            "và summary.replaced; nhiệm vụ được thay thế thêm replaced_by."),
    ("2.0", "Bỏ khóa lead của nhiệm vụ: khóa này chỉ chứa cơ quan chủ trì thứ nhất, nên người "
            "đọc không thấy các cơ quan đồng chủ trì. Dùng leads: danh sách mọi cơ quan chủ trì "
            "(mỗi phần tử có agency và derived, lý do khi cơ quan được suy ra). Thêm "
            "lost_in_copy (nhiệm vụ, mục, trách nhiệm, thông tin văn bản): các trường bản sao "
            "văn bản không có, khác với “văn bản không nêu”; thêm missing_labels và "
            "lost_field_labels. Bảng nhiệm vụ thêm các cột lead_derived, support_derived, "
            "lost_in_copy, lost_in_copy_label; bảng kế hoạch thêm lost_in_copy, "
            "lost_in_copy_label. Cột lead của bảng nhiệm vụ vẫn là mọi cơ quan chủ trì, cách "
            "nhau bởi “; ”."),
    ("1.0", "Phiên bản đầu tiên."),
)

DATASET_NAME = "congkhai"
DATASET_TITLE = "Kế hoạch cải cách hành chính của các địa phương và tiến độ thực hiện"
PUBLISHER = "Công khai cải cách hành chính"

# Feeds are notifications, not the record: an Atom feed holds the newest updates only and a
# calendar the deadlines from a year before the status date on, as feeds conventionally do; the
# full history is in the CSV, JSON and Excel downloads. The open-data page states both limits.
FEED_ENTRY_LIMIT = 20
CALENDAR_PAST_DAYS = 365

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


@dataclass(frozen=True)
class FieldDoc:
    """One documented field of a download: name, type in words, description."""

    name: str
    type: str
    description: str
    title: str = ""
    required: bool = False


@dataclass(frozen=True)
class SectionDoc:
    """A group of documented fields (an object of the JSON export, or a table)."""

    title: str
    fields: tuple[FieldDoc, ...]
    file: str = ""
    path: str = ""
    sheet: str = ""
    description: str = ""
    key: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Catalogue:
    """What the open-data page documents of the downloads: the JSON contract and the tables."""

    contract: tuple[SectionDoc, ...] = ()
    tables: tuple[SectionDoc, ...] = field(default_factory=tuple)
    # Each plan's own XLSX and CSV for people: Vietnamese headers and the keys behind them.
    people: tuple[SectionDoc, ...] = field(default_factory=tuple)
