"""The layout of a report form, shared by the writer and the importer.

The importer finds columns by their header text, not their position, and rows by their key, so
a form whose columns or rows were moved still reads right; the writer and the importer must only
agree on the names below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.sources.textnorm import fold, nfc
from generator.sources.vocabulary import UPDATE_STATUS_LABELS

GUIDE_SHEET = "Hướng dẫn"
ENTRY_SHEET = "Nhập liệu"
SUPPORT_SHEET = "Phối hợp"
META_SHEET = "_congkhai"
SHEETS = (GUIDE_SHEET, ENTRY_SHEET, SUPPORT_SHEET, META_SHEET)

# Rows of the entry sheet (1-based): a title, one line about the form, the form's identity,
# the header, then one row per task.
TITLE_ROW = 1
INFO_ROW = 2
ID_ROW = 3
HEADER_ROW = 4
FIRST_ROW = 5
ID_LABEL = "Mã biểu mẫu (không sửa):"
# How far down the importer looks for the identity and the header (rows may be inserted above).
SEARCH_ROWS = 12


@dataclass(frozen=True)
class Column:
    """A column of the entry sheet: ``key`` for the code, ``header`` as written in the form."""

    key: str
    header: str
    width: float
    input: bool = False
    wrap: bool = False
    hidden: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", 5),
    Column("plan", "Kế hoạch", 24, wrap=True),
    Column("task", "Số hiệu nhiệm vụ", 9, wrap=True),
    Column("title", "Nhiệm vụ", 40, wrap=True),
    Column("output", "Sản phẩm", 22, wrap=True),
    Column("deadline", "Thời hạn (theo văn bản)", 14, wrap=True),
    Column("due", "Hạn hoàn thành", 11),
    Column("last", "Tình trạng đã ghi nhận", 20, wrap=True),
    Column("status", "Tình trạng (chọn trong danh sách)", 16, input=True, wrap=True),
    Column("progress", "Tiến độ (%)", 9, input=True, wrap=True),
    Column("date", "Ngày báo cáo (hoàn thành: ngày hoàn thành)", 13, input=True, wrap=True),
    Column("note", "Kết quả thực hiện, ghi chú (tạm dừng, hủy: ghi lý do)", 36, input=True,
           wrap=True),
    Column("evidence", "Minh chứng (số văn bản và/hoặc đường dẫn https://…)", 26, input=True,
           wrap=True),
    Column("key", "Mã dòng (không sửa)", 34, hidden=True),
)
COLUMN = {c.key: c for c in COLUMNS}
INPUT_KEYS = tuple(c.key for c in COLUMNS if c.input)
REQUIRED_KEYS = ("task", "status", "progress", "date", "note", "evidence", "key")

SUPPORT_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 5), ("Kế hoạch", 24), ("Số hiệu nhiệm vụ", 9), ("Nhiệm vụ", 40), ("Sản phẩm", 22),
    ("Thời hạn (theo văn bản)", 14), ("Hạn hoàn thành", 11), ("Cơ quan chủ trì", 22),
    ("Tình trạng đã ghi nhận", 20),
)

STATUS_CHOICES = UPDATE_STATUS_LABELS


def header_key(text: object) -> str | None:
    """The column key whose header ``text`` is (case, accents and spacing aside), if any."""
    if not isinstance(text, str) or not text.strip():
        return None
    wanted = _norm(text)
    # A header shortened by hand to its part before the brackets still counts.
    return _HEADERS.get(wanted) or _SHORT_HEADERS.get(wanted)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", fold(nfc(text))).strip(" :")


_HEADERS = {_norm(c.header): c.key for c in COLUMNS}
_SHORT_HEADERS = {_norm(c.header.split("(")[0]): c.key for c in COLUMNS}
