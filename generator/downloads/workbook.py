"""The tables as one Excel workbook: an information sheet, then one sheet per table."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import IO, Any

from generator import __version__
from generator.common.dataset import DATASET_TITLE, EXPORT_VERSION, LICENCE, PUBLISHER
from generator.common.serialise import midnight
from generator.downloads import xlsx
from generator.downloads.tables import TABLES, Table
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


INFO_SHEET = "Thông tin"


def workbook_writer(out: IO[bytes], snapshot: Snapshot,
                    source_commit: str | None) -> xlsx.WorkbookWriter:
    """A writer of the open-data workbook to ``out``: add each table with :func:`add_table`,
    then the information sheet with :func:`add_info`, then close it."""
    custom = (("as_of", snapshot.as_of.isoformat()), ("source_commit", source_commit or ""),
              ("export_version", EXPORT_VERSION), ("licence", LICENCE["name"]))
    properties = xlsx.Properties(
        creator=PUBLISHER,
        title=DATASET_TITLE,
        subject=f"Dữ liệu tính đến ngày {snapshot.as_of:%d/%m/%Y}",
        description="; ".join(f"{name}={value}" for name, value in custom),
        identifier=source_commit,
        language="vi-VN",
        keywords="cải cách hành chính; kế hoạch; dữ liệu mở",
        application="congkhai",
        custom=custom,
    )
    return xlsx.WorkbookWriter(out, [INFO_SHEET, *(t.sheet for t in TABLES)],
                               midnight(snapshot.as_of), properties)


def add_info(book: xlsx.WorkbookWriter, snapshot: Snapshot, source_commit: str | None,
             counts: Mapping[str, int]) -> None:
    """The first sheet: what the workbook is, and how many rows each table has."""
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
    info_rows += [[f"Trang “{t.sheet}”", f"{counts[t.name]} dòng. {t.description}"]
                  for t in TABLES]
    book.add_sheet(INFO_SHEET, info_rows, widths=(34, 100), bold_columns=(0,),
                   wrap_columns=(1,))


def _length(value: Any) -> int:
    # Text without line breaks (most cells) is as long as it is.
    if type(value) is str and value.isprintable():
        return len(value)
    return _display_length(value)


def _widest(rows: Sequence[Sequence[Any]], i: int, at_least: int) -> int:
    """The display length of the longest value of column ``i`` (``at_least`` if none is
    longer), scanning no further once it reaches the widest a column may be."""
    best = at_least
    for row in rows:
        value = row[i]
        if value is None:
            continue
        # A text's length bounds its display length; measure lines only when it could win.
        n = len(value) if type(value) is str else _display_length(value)
        if n > best:
            n = _length(value)
            if n > best:
                best = n
                if best + 2 >= _MAX_WIDTH:
                    break
    return best


def add_table(book: xlsx.WorkbookWriter, table: Table, rows: Sequence[Sequence[Any]]) -> None:
    """One table as its sheet, columns as wide as their longest value (within bounds)."""
    widths = [max(_MIN_WIDTH, min(_MAX_WIDTH, 2 + _widest(rows, i, len(c.title))))
              for i, c in enumerate(table.columns)]
    book.add_sheet(table.sheet, rows, header=[c.title for c in table.columns], widths=widths,
                   wrap_columns=[i for i, w in enumerate(widths) if w == _MAX_WIDTH])


def workbook_bytes(
    snapshot: Snapshot, tables: Mapping[str, list[list[Any]]], source_commit: str | None
) -> bytes:
    """The tables as one .xlsx workbook: an information sheet, then one sheet per table."""
    buffer = io.BytesIO()
    with workbook_writer(buffer, snapshot, source_commit) as book:
        for table in TABLES:
            add_table(book, table, tables[table.name])
        add_info(book, snapshot, source_commit, {t.name: len(tables[t.name]) for t in TABLES})
    return buffer.getvalue()
