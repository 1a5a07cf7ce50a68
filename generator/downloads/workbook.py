"""The tables as one Excel workbook: an information sheet, then one sheet per table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from generator import __version__
from generator.common.dataset import DATASET_TITLE, EXPORT_VERSION, LICENCE, PUBLISHER
from generator.common.serialise import midnight
from generator.downloads import xlsx
from generator.downloads.tables import TABLES
from generator.facts.snapshot import Snapshot

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
    return book.to_bytes(midnight(snapshot.as_of))
