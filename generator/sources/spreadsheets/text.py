"""Reading CSV and Unicode text: UTF-8 with or without a byte-order mark, the UTF-16 text Excel
writes, the separator found from the rows themselves.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from generator.sources.spreadsheets.model import (
    TEXT_SUFFIXES,
    Cell,
    Sheet,
    Spreadsheet,
    SpreadsheetError,
    not_a_spreadsheet,
)

# Characters no text file holds (tab, line feed and carriage return excepted).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


# --- decoding -------------------------------------------------------------------------------


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8-sig", data[3:]
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise not_a_spreadsheet(path, "văn bản UTF-32")
    elif data.startswith(b"\xff\xfe"):
        encoding, body = "utf-16-le", data[2:]
    elif data.startswith(b"\xfe\xff"):
        encoding, body = "utf-16-be", data[2:]
    else:
        encoding, body = "utf-8", data
    if encoding == "utf-8" and b"\x00" in body[:4096]:
        raise not_a_spreadsheet(path, "một tệp nhị phân (có byte NUL)")
    try:
        text = body.decode(encoding.replace("-sig", ""))
    except UnicodeDecodeError as exc:
        if encoding.startswith("utf-16"):
            raise not_a_spreadsheet(path, "một tệp nhị phân") from None
        line = body[: exc.start].count(b"\n") + 1
        raise SpreadsheetError(
            "csv-encoding",
            f"Tệp {path.name} không phải văn bản UTF-8 (byte 0x{body[exc.start]:02x} ở dòng "
            f"{line}); tiếng Việt sẽ bị sai nếu đọc tiếp.",
            "Trong Excel: Lưu thành → “CSV UTF-8 (Comma delimited)” (không chọn “CSV” thường); "
            "trong LibreOffice: chọn bộ ký tự “Unicode (UTF-8)” khi lưu. Tốt nhất gửi lại tệp "
            ".xlsx.",
        ) from None
    bad = _CONTROL.search(text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        raise not_a_spreadsheet(path, f"một tệp nhị phân (ký tự điều khiển ở dòng {line})")
    return text, encoding


def _delimiter(text: str) -> str:
    """The separator that splits the first rows into the most columns."""
    sample = text[:65536]
    best, best_width = ",", 0
    for candidate in (",", ";", "\t"):
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=candidate))[:30]
        except csv.Error:
            continue
        width = max((len(r) for r in rows), default=0)
        if width > best_width:
            best, best_width = candidate, width
    return best


def read_csv(path: Path) -> Spreadsheet:
    suffix = path.suffix.lower()
    data = path.read_bytes()
    text, encoding = _decode(path, data)
    if suffix not in TEXT_SUFFIXES:
        raise not_a_spreadsheet(path, f"một tệp văn bản mang đuôi “{suffix or '(không có)'}”")
    delimiter = _delimiter(text)
    cells: dict[tuple[int, int], Cell] = {}
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter),
                                start=1):
            for c, value in enumerate(row, start=1):
                if value.strip():
                    cells[r, c] = Cell(r, c, value)
    except csv.Error as exc:
        raise SpreadsheetError(
            "corrupt-file", f"Tệp CSV {path.name} sai cấu trúc ({exc}).",
            "Mở bằng Excel hoặc LibreOffice rồi lưu lại dạng CSV UTF-8, hoặc gửi tệp .xlsx.",
        ) from None
    return Spreadsheet(path, "csv", [Sheet(None, cells)], encoding=encoding, delimiter=delimiter)
