"""Reading spreadsheets that come from outside the project, safely: filled-in report forms.

What a form can come back as, and how each is read:

* ``.xlsx`` saved by Microsoft Excel, LibreOffice Calc or WPS Spreadsheets — the SpreadsheetML
  parts streamed through expat (about ten times faster than openpyxl, whose per-cell objects
  cost ~100 µs): cell values with their number formats (dates and percentages), formulas kept as
  formulas (never evaluated), hyperlinks, merged ranges, hidden sheets and the workbook's custom
  properties;
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

* XML parts may not declare a DOCTYPE or entities (none of the three suites writes one; they are
  how XML bombs and external-entity reads are made).

Problems are :class:`SpreadsheetError` with an English code and a Vietnamese message and hint;
no parser exception reaches the user.

Imports: the standard library only.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

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
    loaded: bool = True  # False: only listed (its cells were not asked for)

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
        return _read_xlsx(path, sheets)
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


def _check_zip(path: Path) -> set[str]:
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
    return names


def _count(n: int) -> str:
    """1234567 as Vietnamese write it: 1.234.567."""
    return f"{n:,}".replace(",", ".")


class _Unsafe(Exception):
    """An XML part declares a DOCTYPE or entities, which no office suite writes."""


_EXPAT_ERRORS = (expat.ExpatError, ValueError, UnicodeDecodeError, _Unsafe)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _attr(attrs: dict[str, str], local: str) -> str | None:
    """The attribute ``local`` whatever its namespace (``r:id`` is ``…/relationships}id``)."""
    value = attrs.get(local)
    if value is not None:
        return value
    suffix = "}" + local
    return next((v for k, v in attrs.items() if k.endswith(suffix)), None)


def _parse(archive: zipfile.ZipFile, name: str, start: Any = None, end: Any = None,
           text: Any = None) -> None:
    """Stream the XML part ``name`` through expat handlers (tag names are local names).

    DOCTYPE and entity declarations are refused: OOXML has none, and they are how XML bombs
    and external-entity reads are made.
    """
    parser = expat.ParserCreate(namespace_separator="}")

    def refuse(*_args: Any) -> None:
        raise _Unsafe(name)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    if start is not None:
        parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
        parser.buffer_text = True
    with archive.open(name) as part:
        while chunk := part.read(1 << 16):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _rels(archive: zipfile.ZipFile, part: str, names: set[str]) -> dict[str, tuple[str, str, str]]:
    """Relationships of ``part``: id → (type, target resolved to a part name, target mode)."""
    folder, _, base = part.rpartition("/")
    rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    out: dict[str, tuple[str, str, str]] = {}
    if rels_name not in names:
        return out

    def start(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "Relationship":
            target = attrs.get("Target", "")
            mode = attrs.get("TargetMode", "")
            if mode != "External":
                joined = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
                target = joined
            out[attrs.get("Id", "")] = (attrs.get("Type", ""), target, mode)

    _parse(archive, rels_name, start)
    return out


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Number formats Excel does not write out (ECMA-376 18.8.30): the dates, times and percentages.
_BUILTIN_FORMATS = {
    0: "General", 9: "0%", 10: "0.00%", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm",
    17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
    22: "m/d/yy h:mm", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0",
}
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def _unescape(text: str) -> str:
    """OOXML writes characters XML cannot hold as ``_x000D_``."""
    return _ESCAPED.sub(lambda m: chr(int(m[1], 16)), text) if "_x" in text else text


def _is_date_format(code: str) -> bool:
    bare = _FORMAT_NOISE.sub("", code).lower()
    return bare != "general" and any(ch in bare for ch in "dmyhs")


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[str]:
    strings: list[str] = []
    parts: list[str] = []
    state = {"in_t": False, "skip": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "si":
            parts.clear()
        elif local in ("rPh", "phoneticPr"):  # phonetic guides are not the cell's text
            state["skip"] += 1
        elif local == "t" and not state["skip"]:
            state["in_t"] = True

    def end(tag: str) -> None:
        local = _local(tag)
        if local == "si":
            strings.append(_unescape("".join(parts)))
        elif local in ("rPh", "phoneticPr"):
            state["skip"] -= 1
        elif local == "t":
            state["in_t"] = False

    def text(data: str) -> None:
        if state["in_t"]:
            parts.append(data)

    _parse(archive, name, start, end, text)
    return strings


def _styles(archive: zipfile.ZipFile, name: str) -> list[str]:
    """The number format code of each cell style (``cellXfs``), by style index."""
    custom: dict[int, str] = {}
    codes: list[str] = []
    depth = {"cellXfs": False}

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "numFmt":
            with contextlib.suppress(KeyError, ValueError):
                custom[int(attrs["numFmtId"])] = attrs.get("formatCode", "General")
        elif local == "cellXfs":
            depth["cellXfs"] = True
        elif local == "xf" and depth["cellXfs"]:
            try:
                number = int(attrs.get("numFmtId", "0"))
            except ValueError:
                number = 0
            codes.append(str(number))

    def end(tag: str) -> None:
        if _local(tag) == "cellXfs":
            depth["cellXfs"] = False

    _parse(archive, name, start, end)
    return [custom.get(int(c), _BUILTIN_FORMATS.get(int(c), "General")) for c in codes]


_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")


def column_number(letters: str) -> int:
    """The 1-based number of a column from its letters: ``A`` is 1, ``AA`` is 27."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


class _SheetReader:
    """Cells, merged ranges and hyperlinks of one worksheet part, streamed."""

    def __init__(self, strings: list[str], formats: list[str], epoch: dt.date) -> None:
        self.strings = strings
        self.formats = formats
        self.epoch = epoch
        self.cells: dict[tuple[int, int], Cell] = {}
        self.merged: list[str] = []
        self.links: dict[str, str] = {}  # cell ref → relationship id
        self.row = 0
        self.column = 0
        self.cell: dict[str, str] | None = None
        self.field: str | None = None  # "v", "f" or "t" (inline string) being read
        self.buffer: list[str] = []
        self.value: str | None = None
        self.formula: str | None = None
        self.inline: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag[tag.rfind("}") + 1:]
        if local == "c":
            ref = attrs.get("r")
            match = _REF.match(ref) if ref else None
            if match:
                self.row, self.column = int(match[2]), column_number(match[1])
            else:  # a cell may leave out its reference: the next column of the row
                self.column += 1
            self.cell = attrs
            self.value = self.formula = None
            self.inline = []
        elif local == "row":
            number = attrs.get("r")
            self.row = int(number) if number and number.isdigit() else self.row + 1
            self.column = 0
        elif self.cell is not None and local in ("v", "f", "t"):
            self.field = local
            self.buffer = []
            if local == "f" and attrs.get("t") == "shared" and "ref" not in attrs:
                self.formula = "=…"  # a copy of a shared formula: its text is elsewhere
        elif local == "mergeCell" and attrs.get("ref"):
            self.merged.append(attrs["ref"])
        elif local == "hyperlink" and attrs.get("ref"):
            rid = _attr(attrs, "id")
            if rid:
                self.links[attrs["ref"].split(":")[0]] = rid

    def text(self, data: str) -> None:
        if self.field is not None:
            self.buffer.append(data)

    def end(self, tag: str) -> None:
        local = tag[tag.rfind("}") + 1:]
        if local == "c":
            self._store()
            self.cell = None
        elif local == self.field:
            content = "".join(self.buffer)
            if local == "v":
                self.value = content
            elif local == "f":
                if content:
                    self.formula = "=" + _unescape(content)
            else:
                self.inline.append(content)
            self.field = None

    def _store(self) -> None:
        attrs = self.cell or {}
        kind = attrs.get("t", "n")
        style = attrs.get("s")
        number_format = "General"
        if style and style.isdigit() and int(style) < len(self.formats):
            number_format = self.formats[int(style)]
        value: Any = None
        raw = self.value
        if kind == "s" and raw is not None:
            with contextlib.suppress(ValueError, IndexError):
                value = self.strings[int(raw)]
        elif kind == "inlineStr":
            value = _unescape("".join(self.inline))
        elif kind in ("str", "e") and raw is not None:
            value = _unescape(raw)
        elif kind == "b" and raw is not None:
            value = raw.strip() in ("1", "true")
        elif kind == "d" and raw:
            with contextlib.suppress(ValueError):
                value = dt.datetime.fromisoformat(raw.strip().rstrip("Z"))
        elif raw is not None and raw.strip():
            try:
                number = float(raw)
            except ValueError:
                value = raw
            else:
                if _is_date_format(number_format) and 0 <= number < 2_958_466:
                    value = dt.datetime.combine(self.epoch, dt.time()) + dt.timedelta(
                        seconds=round(number * 86_400))
                else:
                    value = int(number) if number.is_integer() and "." not in raw and \
                        "E" not in raw.upper() else number
        if self.formula is not None:
            value = self.formula
        if value is None or value == "":
            return
        self.cells[self.row, self.column] = Cell(self.row, self.column, value, self.formula,
                                                  number_format)


def _read_xlsx(path: Path, wanted: Collection[str] | None) -> Spreadsheet:
    names = _check_zip(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_package(path, archive, names, wanted)
    except SpreadsheetError:
        raise
    except _Unsafe as exc:
        raise SpreadsheetError(
            "corrupt-file", f"Phần “{exc}” của tệp {path.name} khai báo DOCTYPE hoặc thực thể "
            "XML, điều mà Excel, LibreOffice và WPS không bao giờ ghi; tệp không được đọc.",
            "Không mở tệp này. Đề nghị cơ quan gửi lại đúng biểu mẫu đã điền.") from None
    except (*_EXPAT_ERRORS, KeyError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise SpreadsheetError(
            "corrupt-file",
            f"Không đọc được bảng tính {path.name} (tệp hỏng: {type(exc).__name__}).",
            _RESAVE,
        ) from None


def _read_package(path: Path, archive: zipfile.ZipFile, names: set[str],
                  wanted: Collection[str] | None) -> Spreadsheet:
    root = _rels(archive, "", names) if "_rels/.rels" in names else {}
    workbook = next((t for kind, t, _m in root.values() if kind.endswith("/officeDocument")),
                    "xl/workbook.xml")
    custom = next((t for kind, t, _m in root.values() if kind.endswith("/custom-properties")),
                  "docProps/custom.xml")
    book_rels = _rels(archive, workbook, names)
    listed: list[tuple[str, str, str]] = []  # name, state, relationship id
    epoch = {"value": EPOCH_1900}

    def book_start(tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "sheet":
            listed.append((attrs.get("name", ""), attrs.get("state", "visible"),
                           _attr(attrs, "id") or ""))
        elif local == "workbookPr" and attrs.get("date1904", "").lower() in ("1", "true"):
            epoch["value"] = EPOCH_1904

    _parse(archive, workbook, book_start)
    by_type = {kind.rsplit("/", 1)[-1]: target for kind, target, _m in book_rels.values()}
    strings = (_shared_strings(archive, by_type["sharedStrings"])
               if by_type.get("sharedStrings") in names else [])
    formats = _styles(archive, by_type["styles"]) if by_type.get("styles") in names else []
    sheets: list[Sheet] = []
    for name, state, rid in listed:
        kind, target, _mode = book_rels.get(rid, ("", "", ""))
        visible = state == "visible"
        if not kind.endswith("/worksheet") or target not in names:
            sheets.append(Sheet(name, visible=visible, chart=True))
            continue
        if wanted is not None and name not in wanted:
            sheets.append(Sheet(name, visible=visible, loaded=False))
            continue
        reader = _SheetReader(strings, formats, epoch["value"])
        _parse(archive, target, reader.start, reader.end, reader.text)
        cells = reader.cells
        if reader.links:
            sheet_rels = _rels(archive, target, names)
            for ref, link_id in reader.links.items():
                match = _REF.match(ref)
                link = sheet_rels.get(link_id, ("", "", ""))[1]
                if match and link:
                    key = (int(match[2]), column_number(match[1]))
                    old = cells.get(key) or Cell(*key)
                    cells[key] = Cell(old.row, old.column, old.value, old.formula,
                                      old.number_format, link)
        sheets.append(Sheet(name, cells, visible, tuple(reader.merged)))
    properties: dict[str, str] = {}
    if custom in names:
        current: dict[str, Any] = {"name": None, "text": []}

        def prop_start(tag: str, attrs: dict[str, str]) -> None:
            if _local(tag) == "property":
                current["name"], current["text"] = attrs.get("name"), []

        def prop_end(tag: str) -> None:
            if _local(tag) == "property" and current["name"]:
                properties[current["name"]] = "".join(current["text"])
                current["name"] = None

        def prop_text(data: str) -> None:
            if current["name"]:
                current["text"].append(data)

        _parse(archive, custom, prop_start, prop_end, prop_text)
    return Spreadsheet(path, "xlsx", sheets, properties, epoch["value"])


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
    "column_number",
    "read_spreadsheet",
]
