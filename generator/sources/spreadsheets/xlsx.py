"""Reading ``.xlsx`` as Excel, LibreOffice Calc and WPS Spreadsheets save it: the zip directory
checked before any part is inflated, then the SpreadsheetML parts streamed through expat (no
DOCTYPE or entity accepted), cell values with their number formats, formulas as text,
hyperlinks, merged ranges, hidden sheets and custom properties.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Collection
from pathlib import Path
from typing import Any
from xml.parsers import expat

from generator.sources.spreadsheets.model import (
    CELL_REF,
    EPOCH_1900,
    EPOCH_1904,
    MAX_PARTS,
    MAX_RATIO,
    MAX_UNCOMPRESSED,
    RATIO_FROM_BYTES,
    RESAVE,
    Cell,
    Sheet,
    Spreadsheet,
    SpreadsheetError,
    column_number,
    not_a_spreadsheet,
)

# --- the zip directory ------------------------------------------------------------------------


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
            raise not_a_spreadsheet(path, "một tài liệu Word (.docx)")
        if any(n.startswith("ppt/") for n in names):
            raise not_a_spreadsheet(path, "một bản trình chiếu PowerPoint (.pptx)")
        if "content.xml" in names and "mimetype" in names:
            raise SpreadsheetError(
                "not-a-spreadsheet",
                f"Tệp {path.name} là tệp OpenDocument (.ods/.odt), không phải .xlsx.",
                "Trong LibreOffice: Tệp → Lưu thành… → chọn “Excel 2007-365 (.xlsx)”.",
            )
        raise not_a_spreadsheet(path, "một tệp nén (zip)")
    if len(infos) > MAX_PARTS:
        raise SpreadsheetError(
            "zip-bomb", f"Tệp {path.name} chứa {len(infos)} thành phần, bất thường với một "
            "biểu mẫu; tệp không được đọc.", RESAVE)
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
            match = CELL_REF.match(ref) if ref else None
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


def read_xlsx(path: Path, wanted: Collection[str] | None) -> Spreadsheet:
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
            RESAVE,
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
                match = CELL_REF.match(ref)
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
