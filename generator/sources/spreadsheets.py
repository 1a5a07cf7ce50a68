"""Reading spreadsheets that come from outside the project, safely: filled-in report forms.

What a form can come back as, and how each is read:

* ``.xlsx`` saved by Microsoft Excel, LibreOffice Calc or WPS Spreadsheets — read with openpyxl,
  formulas kept as formulas (never evaluated), hyperlinks, number formats, merged ranges, hidden
  sheets and the workbook's custom properties;
* CSV in UTF-8 with or without a byte-order mark, and the UTF-16 "Unicode text" Excel writes
  (tab-separated); the separator (comma, semicolon or tab) is found from the rows themselves.

Everything arriving from outside is treated as hostile until proven otherwise:

* the size is checked with ``stat`` before the file is opened (:data:`MAX_BYTES`);
* the kind is told from the content, never from the file name: a PDF, a picture, a Word or
  OpenDocument file, an Excel 97–2003 ``.xls`` or a workbook saved with a password (an encrypted
  OLE container) is named as such and refused;
* for ``.xlsx``, the zip directory is checked before any part is inflated: the number of parts,
  the declared sizes and the compression ratio (a zip bomb is refused there). Python's ``zipfile``
  never inflates a part beyond its declared size, so the declared sizes bound the work.

Problems are :class:`SpreadsheetError` with an English code and a Vietnamese message and hint;
openpyxl's own exceptions and warnings never reach the user.

Imports: the standard library, openpyxl and :mod:`generator.textnorm` only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A form for the largest agency of a province (thousands of rows) is under 2 MB as .xlsx and
# under 5 MB as CSV; anything ten times larger is not a form.
MAX_BYTES = 20 * 1024 * 1024
# Inflated size of all the parts of an .xlsx together, and the most parts it may have.
MAX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_PARTS = 2_000
# Inflated / compressed size of one part. Sheet XML compresses 10–30×; a bomb, thousands of times.
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024  # small parts may compress well without harm

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".tab"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
EPOCH_1900 = dt.date(1899, 12, 30)
EPOCH_1904 = dt.date(1904, 1, 1)
# Characters no text file holds (tab, line feed and carriage return excepted).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


class SpreadsheetError(Exception):
    """A file that cannot be read as a spreadsheet; ``message`` and ``hint`` are Vietnamese."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def column_letter(column: int) -> str:
    """Letters of a 1-based column number: 1 is ``A``, 27 is ``AA``."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Cell:
    """One cell as the file holds it.

    ``value`` is what a user sees typed in (a string, a number, a bool, a date or datetime); for
    a formula it is the formula's text and ``formula`` is set. ``link`` is a hyperlink's target.
    """

    row: int
    column: int
    value: Any = None
    formula: str | None = None
    number_format: str = "General"
    link: str | None = None

    @property
    def ref(self) -> str:
        """``F12``."""
        return f"{column_letter(self.column)}{self.row}"

    @property
    def empty(self) -> bool:
        """True when nothing is written in the cell (spaces count as nothing)."""
        if self.formula is not None:
            return False
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class Sheet:
    """A worksheet (or the single table of a CSV file, whose ``name`` is None)."""

    name: str | None
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    visible: bool = True
    merged: tuple[str, ...] = ()
    chart: bool = False

    @property
    def max_row(self) -> int:
        """The last row holding a cell (0 when empty)."""
        return max((r for r, _c in self.cells), default=0)

    def cell(self, row: int, column: int) -> Cell:
        """The cell at ``row``, ``column`` (an empty one when nothing is there)."""
        return self.cells.get((row, column)) or Cell(row, column)

    def location(self, row: int, column: int) -> str:
        """``Nhập liệu!F12`` (``F12`` in a CSV file), as users find a cell."""
        ref = f"{column_letter(column)}{row}"
        return f"{self.name}!{ref}" if self.name else ref

    def rows(self) -> dict[int, dict[int, Cell]]:
        """Non-empty cells by row, then column."""
        out: dict[int, dict[int, Cell]] = {}
        for (r, c), cell in self.cells.items():
            out.setdefault(r, {})[c] = cell
        return out


@dataclass
class Spreadsheet:
    """A spreadsheet file, read."""

    path: Path
    kind: str  # "xlsx" or "csv"
    sheets: list[Sheet]
    properties: dict[str, str] = field(default_factory=dict)
    epoch: dt.date = EPOCH_1900
    encoding: str | None = None
    delimiter: str | None = None

    def sheet(self, name: str) -> Sheet | None:
        """The sheet called ``name`` (None for a CSV file's only table)."""
        return next((s for s in self.sheets if s.name == name), None)


# --- telling what a file is -------------------------------------------------------------------


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

_RESAVE = ("Mở tệp bằng Excel, LibreOffice Calc hoặc WPS rồi lưu lại dạng “Excel Workbook "
           "(.xlsx)”, hoặc dùng đúng tệp biểu mẫu đã được gửi.")


def _not_a_spreadsheet(path: Path, what: str) -> SpreadsheetError:
    return SpreadsheetError(
        "not-a-spreadsheet",
        f"Tệp {path.name} không phải bảng tính mà là {what}.",
        "Gửi lại đúng tệp biểu mẫu báo cáo (.xlsx) hoặc bản CSV của nó.",
    )


def read_spreadsheet(path: Path, max_bytes: int = MAX_BYTES) -> Spreadsheet:
    """Read ``path`` as a spreadsheet, or raise :class:`SpreadsheetError` saying why not."""
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
        return _read_xlsx(path)
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
                _RESAVE,
            )
        raise _not_a_spreadsheet(path, "một tài liệu Word 97–2003 (.doc)" if kind == "doc"
                                 else "một tệp Office cũ")
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise _not_a_spreadsheet(path, what)
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        raise SpreadsheetError(
            "not-a-spreadsheet",
            f"Tệp {path.name} mang đuôi {suffix} nhưng nội dung không phải bảng tính Excel "
            "(có thể là văn bản, trang web hoặc tệp bị đổi đuôi).",
            _RESAVE,
        )
    return _read_csv(path)


# --- .xlsx --------------------------------------------------------------------------------------


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SpreadsheetError(
            "corrupt-file", f"Tệp {path.name} bị hỏng (tệp nén .xlsx không đọc được).",
            "Có thể tệp tải về chưa hết: tải lại, hoặc mở bằng Excel rồi lưu lại.",
        ) from None
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        if any(n.startswith("word/") for n in names):
            raise _not_a_spreadsheet(path, "một tài liệu Word (.docx)")
        if any(n.startswith("ppt/") for n in names):
            raise _not_a_spreadsheet(path, "một bản trình chiếu PowerPoint (.pptx)")
        if "content.xml" in names and "mimetype" in names:
            raise SpreadsheetError(
                "not-a-spreadsheet",
                f"Tệp {path.name} là tệp OpenDocument (.ods/.odt), không phải .xlsx.",
                "Trong LibreOffice: Tệp → Lưu thành… → chọn “Excel 2007-365 (.xlsx)”.",
            )
        raise _not_a_spreadsheet(path, "một tệp nén (zip)")
    if len(infos) > MAX_PARTS:
        raise SpreadsheetError(
            "zip-bomb", f"Tệp {path.name} chứa {len(infos)} thành phần, bất thường với một "
            "biểu mẫu; tệp không được đọc.", _RESAVE)
    if any(info.flag_bits & 0x1 for info in infos):
        raise SpreadsheetError(
            "encrypted-workbook", f"Các thành phần của tệp {path.name} được đặt mật khẩu.",
            "Bỏ mật khẩu rồi gửi lại.")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (info.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO):
            raise SpreadsheetError(
                "zip-bomb",
                f"Tệp {path.name} nén {_count(info.compress_size)} byte thành "
                f"{_count(info.file_size)} byte (“{info.filename}”): quá lớn hoặc nén bất thường "
                "(zip bomb); tệp không được giải nén.",
                "Không mở tệp này. Đề nghị cơ quan gửi lại đúng biểu mẫu đã điền.",
            )


def _count(n: int) -> str:
    """1234567 as Vietnamese write it: 1.234.567."""
    return f"{n:,}".replace(",", ".")


def _formula_text(value: Any) -> str:
    text = getattr(value, "text", value)  # ArrayFormula keeps its text in .text
    text = str(text)
    return text if text.startswith("=") else "=" + text


def _read_xlsx(path: Path) -> Spreadsheet:
    _check_zip(path)
    import openpyxl  # imported here: reading CSV files, or nothing at all, should not pay for it

    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it drops (extensions, unknown validations): not for users.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=False, data_only=False,
                                          keep_links=False, rich_text=False)
    except Exception as exc:  # openpyxl raises many kinds on a malformed part
        raise SpreadsheetError(
            "corrupt-file",
            f"Không đọc được bảng tính {path.name} ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0][:120] if str(exc) else 'tệp hỏng'}).",
            _RESAVE,
        ) from None
    try:
        sheets: list[Sheet] = []
        for sheet in book.worksheets:
            cells: dict[tuple[int, int], Cell] = {}
            # ``_cells`` holds only the cells the file wrote; iterating the sheet's dimension
            # would create every cell of a range a stray format can stretch to XFD1048576.
            for (row, column), raw in sheet._cells.items():
                value = raw.value
                link = raw.hyperlink.target if raw.hyperlink is not None else None
                if value is None and link is None:
                    continue
                formula = _formula_text(value) if raw.data_type == "f" else None
                cells[row, column] = Cell(row, column, formula if formula else value, formula,
                                          raw.number_format or "General", link)
            sheets.append(Sheet(sheet.title, cells, sheet.sheet_state == "visible",
                                tuple(str(r) for r in sheet.merged_cells.ranges)))
        for chart in book.chartsheets:
            sheets.append(Sheet(chart.title, visible=chart.sheet_state == "visible", chart=True))
        order = {name: i for i, name in enumerate(book.sheetnames)}
        sheets.sort(key=lambda s: order.get(s.name or "", len(order)))
        properties = {}
        for prop in getattr(book, "custom_doc_props", None) or []:
            if prop.name and prop.value is not None:
                properties[str(prop.name)] = str(prop.value)
        epoch = EPOCH_1904 if book.epoch.date() == EPOCH_1904 else EPOCH_1900
    finally:
        book.close()
    return Spreadsheet(path, "xlsx", sheets, properties, epoch)


# --- CSV ----------------------------------------------------------------------------------------


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8-sig", data[3:]
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _not_a_spreadsheet(path, "văn bản UTF-32")
    elif data.startswith(b"\xff\xfe"):
        encoding, body = "utf-16-le", data[2:]
    elif data.startswith(b"\xfe\xff"):
        encoding, body = "utf-16-be", data[2:]
    else:
        encoding, body = "utf-8", data
    if encoding == "utf-8" and b"\x00" in body[:4096]:
        raise _not_a_spreadsheet(path, "một tệp nhị phân (có byte NUL)")
    try:
        text = body.decode(encoding.replace("-sig", ""))
    except UnicodeDecodeError as exc:
        if encoding.startswith("utf-16"):
            raise _not_a_spreadsheet(path, "một tệp nhị phân") from None
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
        raise _not_a_spreadsheet(path, f"một tệp nhị phân (ký tự điều khiển ở dòng {line})")
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


def _read_csv(path: Path) -> Spreadsheet:
    suffix = path.suffix.lower()
    data = path.read_bytes()
    text, encoding = _decode(path, data)
    if suffix not in TEXT_SUFFIXES:
        raise _not_a_spreadsheet(path, f"một tệp văn bản mang đuôi “{suffix or '(không có)'}”")
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


__all__ = [
    "MAX_BYTES",
    "Cell",
    "Sheet",
    "Spreadsheet",
    "SpreadsheetError",
    "column_letter",
    "read_spreadsheet",
]
