"""Telling what a file is from its content, never its name, and reading it as a spreadsheet."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from generator.sources.spreadsheets.model import (
    MAX_BYTES,
    OLE_MAGIC,
    RESAVE,
    XLSX_SUFFIXES,
    ZIP_MAGIC,
    Spreadsheet,
    SpreadsheetError,
    not_a_spreadsheet,
)
from generator.sources.spreadsheets.text import read_csv
from generator.sources.spreadsheets.xlsx import read_xlsx


def _ole_kind(data: bytes) -> str:
    """What an OLE compound file holds, from the names in its directory (UTF-16 LE)."""
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return "encrypted"
    if has("Workbook") or has("Book"):
        return "xls"
    if has("WordDocument"):
        return "doc"
    return "ole"


_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "một tệp PDF"),
    (b"\x89PNG", "một ảnh PNG"),
    (b"\xff\xd8\xff", "một ảnh JPEG"),
    (b"GIF8", "một ảnh GIF"),
    (b"{\\rtf", "một văn bản RTF"),
    (b"Rar!", "một tệp nén RAR"),
    (b"7z\xbc\xaf", "một tệp nén 7z"),
    (b"\x1f\x8b", "một tệp nén gzip"),
)


def read_spreadsheet(path: Path, max_bytes: int = MAX_BYTES,
                     sheets: Collection[str] | None = None) -> Spreadsheet:
    """Read ``path`` as a spreadsheet, or raise :class:`SpreadsheetError` saying why not.

    ``sheets`` names the worksheets whose cells are wanted (all by default); the others are
    listed, with their names and visibility, but not read.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SpreadsheetError("unreadable-file", f"Không đọc được tệp {path.name}: "
                               f"{exc.strerror or exc}.", "Kiểm tra đường dẫn và quyền đọc tệp."
                               ) from None
    if size > max_bytes:
        raise SpreadsheetError(
            "file-too-large",
            f"Tệp {path.name} nặng {size / 1_000_000:.1f} MB, quá giới hạn "
            f"{max_bytes / 1_000_000:.0f} MB của một biểu mẫu báo cáo; tệp không được đọc.",
            "Biểu mẫu chỉ chứa các dòng nhiệm vụ: xóa ảnh, trang tính thừa, hoặc gửi bản CSV.",
        )
    if size == 0:
        raise SpreadsheetError("empty-file", f"Tệp {path.name} rỗng (0 byte).",
                               "Gửi lại tệp biểu mẫu đã điền.")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise SpreadsheetError("unreadable-file", f"Không đọc được tệp {path.name}: "
                               f"{exc.strerror or exc}.", "Kiểm tra quyền đọc tệp.") from None
    if head.startswith(ZIP_MAGIC):
        return read_xlsx(path, sheets)
    if head.startswith(OLE_MAGIC):
        kind = _ole_kind(path.read_bytes())
        if kind == "encrypted":
            raise SpreadsheetError(
                "encrypted-workbook",
                f"Bảng tính {path.name} được đặt mật khẩu (mã hóa) nên không đọc được.",
                "Mở tệp, bỏ mật khẩu (Excel: Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng "
                "mật khẩu, xóa mật khẩu; LibreOffice: Lưu thành, bỏ chọn “Lưu với mật khẩu”) rồi "
                "gửi lại.",
            )
        if kind == "xls":
            raise SpreadsheetError(
                "old-xls",
                f"Tệp {path.name} là bảng tính Excel 97–2003 (.xls), định dạng cũ không được nhận.",
                RESAVE,
            )
        raise not_a_spreadsheet(path, "một tài liệu Word 97–2003 (.doc)" if kind == "doc"
                                 else "một tệp Office cũ")
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise not_a_spreadsheet(path, what)
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        raise SpreadsheetError(
            "not-a-spreadsheet",
            f"Tệp {path.name} mang đuôi {suffix} nhưng nội dung không phải bảng tính Excel "
            "(có thể là văn bản, trang web hoặc tệp bị đổi đuôi).",
            RESAVE,
        )
    return read_csv(path)
