"""A small .xlsx (SpreadsheetML) writer: typed rows in, reproducible workbook bytes out.

It writes what the open-data workbook needs and nothing more: sheets of strings, numbers,
booleans and dates, a bold header row that stays frozen with an autofilter, column widths,
wrapped columns, and the document properties (core and custom). Strings go to the shared string
table, so a value repeated on every row (a plan title, the source commit) is written once; text
is always text, so a value beginning with ``=`` never becomes a formula.

Every part is built as a string with the standard library and zipped with :mod:`zipfile`: no
clock, no set, no random identifier, so the same input gives byte-identical files. The one
timestamp (document created/modified, ZIP entry dates) is the argument of
:meth:`Workbook.to_bytes`. :class:`WorkbookWriter` writes the same parts to a file sheet by
sheet, for workbooks too large to hold in memory.

Cell values: ``None`` (empty cell), ``str``, ``bool``, ``int``, ``float`` (finite) and
``datetime.date`` (a date serial of the 1900 date system, shown ``DD/MM/YYYY``; a date before
1900, which Excel cannot hold, is written as ISO text). Anything else is a :class:`TypeError`.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from generator.common.serialise import zip_info

DATE_FORMAT = "DD/MM/YYYY"
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_TYPE = "application/vnd.openxmlformats-officedocument"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EPOCH = dt.date(1899, 12, 30)  # serial 0 of the 1900 date system, leap-year bug included
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_ROWS_PER_CHUNK = 1000

# Characters XML 1.0 cannot hold (what openpyxl's ILLEGAL_CHARACTERS_RE strips, plus
# surrogates and the two non-characters).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Text that reads as an escaped character (``_x000D_``): its underscore is escaped in turn.
_ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def clean_text(value: str) -> str:
    """``value`` without the characters an XML file cannot hold."""
    return _ILLEGAL.sub("", value)


def _escape(value: str) -> str:
    """XML element text (control characters already removed)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\r", "&#13;") if "\r" in value else value


def _attr(value: str) -> str:
    """An XML attribute value, for double quotes."""
    value = _escape(clean_text(value)).replace('"', "&quot;")
    return value.replace("\n", "&#10;").replace("\t", "&#9;")


def column_letter(index: int) -> str:
    """The letters of a column from its 0-based index: 0 is ``A``, 26 is ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def date_serial(day: dt.date) -> int:
    """The day number of ``day`` in the 1900 date system (1 is 1900-01-01).

    Excel counts a 29 February 1900 that never was, so days before 1 March 1900 are one less.
    """
    serial = (day - _EPOCH).days
    return serial - 1 if serial <= 60 else serial


def _number(value: float | int) -> str:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"a cell cannot hold {value!r}")
        return repr(value)
    return str(value)


def _quoted_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _check_sheet_name(name: str, taken: Iterable[str]) -> None:
    if not 1 <= len(name) <= 31 or _SHEET_NAME_FORBIDDEN.search(name) or _ILLEGAL.search(name):
        raise ValueError(f"invalid sheet name {name!r}: 1 to 31 characters, none of []:*?/\\")
    if name.startswith("'") or name.endswith("'") or name.casefold() == "history":
        raise ValueError(f"invalid sheet name {name!r}")
    if name.casefold() in {t.casefold() for t in taken}:
        raise ValueError(f"duplicate sheet name {name!r}")


# --- styles --------------------------------------------------------------------------------------
# One cell format for each combination of bold, wrapped (top-aligned) and date: index
# bold * 4 + wrap * 2 + date. Index 0 is the default and never written.

_DATE_FORMAT_ID = 164  # the first id free for custom number formats


def _style(bold: bool, wrap: bool, date: bool) -> int:
    return bold * 4 + wrap * 2 + date


def _styles_xml() -> str:
    xfs = []
    for bold in (False, True):
        for wrap in (False, True):
            for date in (False, True):
                attrs = (f'numFmtId="{_DATE_FORMAT_ID if date else 0}" fontId="{int(bold)}" '
                         'fillId="0" borderId="0" xfId="0"')
                attrs += ' applyNumberFormat="1"' * date + ' applyFont="1"' * bold
                if wrap:
                    xfs.append(f'<xf {attrs} applyAlignment="1">'
                               '<alignment vertical="top" wrapText="1"/></xf>')
                else:
                    xfs.append(f"<xf {attrs}/>")
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    return (
        f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="1"><numFmt numFmtId="{_DATE_FORMAT_ID}" formatCode="{DATE_FORMAT}"/>'
        f'</numFmts><fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


# --- the workbook --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Properties:
    """Document properties: the core ones (Dublin Core) and custom string properties."""

    title: str | None = None
    subject: str | None = None
    creator: str | None = None
    keywords: str | None = None
    description: str | None = None
    identifier: str | None = None
    language: str | None = None
    application: str | None = None
    custom: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Sheet:
    name: str
    rows: Sequence[Sequence[Any]]
    header: tuple[str, ...] | None
    widths: tuple[float, ...]
    wrap: frozenset[int]
    bold: frozenset[int]
    freeze_header: bool
    autofilter: bool

    @property
    def width(self) -> int:
        """Number of columns."""
        return max([len(self.header or ()), len(self.widths), *map(len, self.rows)])

    @property
    def height(self) -> int:
        """Number of rows, the header included."""
        return len(self.rows) + (self.header is not None)

    @property
    def filter_ref(self) -> str | None:
        """The autofilter range (header and data), if the sheet has one."""
        if not (self.autofilter and self.header):
            return None
        return f"A1:{column_letter(self.width - 1)}{self.height}"


class _SharedStrings:
    """The shared string table: each distinct text once, cells refer to it by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def write(self, out: IO[bytes]) -> None:
        """The shared strings part, written in chunks (a province's texts are tens of MB)."""
        out.write(f'{_DECLARATION}<sst xmlns="{_MAIN}" count="{self.count}" '
                  f'uniqueCount="{len(self.index)}">'.encode())
        items = []
        for text in self.index:
            value = clean_text(text)
            if "_x" in value:
                value = _ESCAPE_LIKE.sub(r"_x005F_\1", value)
            space = ' xml:space="preserve"' if value != value.strip() else ""
            items.append(f"<si><t{space}>{_escape(value)}</t></si>")
            if len(items) == _ROWS_PER_CHUNK:
                out.write("".join(items).encode("utf-8"))
                items.clear()
        items.append("</sst>")
        out.write("".join(items).encode("utf-8"))


class Workbook:
    """A workbook being assembled: add sheets, then :meth:`to_bytes`.

    For a workbook too large to hold, :class:`WorkbookWriter` writes each sheet as it comes.
    """

    def __init__(self, properties: Properties | None = None) -> None:
        self.properties = properties or Properties()
        self.sheets: list[_Sheet] = []

    def add_sheet(
        self,
        name: str,
        rows: Sequence[Sequence[Any]],
        *,
        header: Sequence[str] | None = None,
        widths: Sequence[float] = (),
        wrap_columns: Iterable[int] = (),
        bold_columns: Iterable[int] = (),
        freeze_header: bool = True,
        autofilter: bool = True,
    ) -> None:
        """Add a sheet of ``rows`` (lists of cell values, in column order).

        ``header`` is a bold first row, frozen (``freeze_header``) and carrying an autofilter
        over the whole table (``autofilter``); ``widths`` are column widths in characters, from
        the first column; cells of ``wrap_columns`` (0-based) wrap and align to the top; text
        of ``bold_columns`` is bold.
        """
        _check_sheet_name(name, (s.name for s in self.sheets))
        self.sheets.append(_make_sheet(name, rows, header, widths, wrap_columns, bold_columns,
                                       freeze_header, autofilter))

    def to_bytes(self, modified: dt.datetime) -> bytes:
        """The .xlsx file. ``modified`` dates the document and every ZIP entry.

        The document properties carry it in UTC (a naive ``modified`` is taken as UTC); the
        ZIP entries carry its wall-clock time, as ZIP dates are local.
        """
        if not self.sheets:
            raise ValueError("a workbook needs at least one sheet")
        buffer = io.BytesIO()
        with WorkbookWriter(buffer, [s.name for s in self.sheets], modified,
                            self.properties) as writer:
            for sheet in self.sheets:
                writer.write(sheet)
        return buffer.getvalue()


def _make_sheet(name: str, rows: Sequence[Sequence[Any]], header: Sequence[str] | None,
                widths: Sequence[float], wrap_columns: Iterable[int],
                bold_columns: Iterable[int], freeze_header: bool, autofilter: bool) -> _Sheet:
    sheet = _Sheet(name, rows, tuple(header) if header is not None else None,
                   tuple(widths), frozenset(wrap_columns), frozenset(bold_columns),
                   freeze_header, autofilter)
    if sheet.height > MAX_ROWS or sheet.width > MAX_COLUMNS:
        raise ValueError(f"sheet {name!r} is larger than Excel allows: "
                         f"{sheet.height} rows, {sheet.width} columns")
    return sheet


class WorkbookWriter:
    """Writes a workbook to ``out`` (seekable) sheet by sheet, so that only one sheet's rows
    need exist at a time. The sheet names, in workbook order, are given up front; sheets may
    then be written in any order. Use as a context manager: leaving it writes the shared
    strings and the workbook part and closes the archive (every sheet must have been written).

    ``modified`` dates the document and every ZIP entry, as in :meth:`Workbook.to_bytes`.
    """

    def __init__(self, out: IO[bytes], sheet_names: Sequence[str], modified: dt.datetime,
                 properties: Properties | None = None) -> None:
        if not sheet_names:
            raise ValueError("a workbook needs at least one sheet")
        for i, name in enumerate(sheet_names):
            _check_sheet_name(name, sheet_names[:i])
        self.names = list(sheet_names)
        self.properties = properties or Properties()
        self.modified = modified
        self.refs: dict[str, str | None] = {}
        self.strings = _SharedStrings()
        self.stamp = (max(modified.year, 1980), modified.month, modified.day,
                      modified.hour, modified.minute, modified.second)
        self.archive = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
        self._put("[Content_Types].xml", self._content_types_xml())
        self._put("_rels/.rels", _ROOT_RELS)
        self._put("docProps/app.xml", self._app_xml())
        self._put("docProps/core.xml", self._core_xml(modified))
        self._put("docProps/custom.xml", self._custom_xml())
        self._put("xl/_rels/workbook.xml.rels", self._workbook_rels_xml())
        self._put("xl/styles.xml", _styles_xml())

    def __enter__(self) -> WorkbookWriter:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is None:
            self.close()
        else:
            self.archive.close()

    def _put(self, name: str, text: str) -> None:
        self.archive.writestr(zip_info(name, self.stamp), text.encode("utf-8"))

    def add_sheet(
        self,
        name: str,
        rows: Sequence[Sequence[Any]],
        *,
        header: Sequence[str] | None = None,
        widths: Sequence[float] = (),
        wrap_columns: Iterable[int] = (),
        bold_columns: Iterable[int] = (),
        freeze_header: bool = True,
        autofilter: bool = True,
    ) -> None:
        """Write the sheet ``name`` (one of the names given up front); arguments as
        :meth:`Workbook.add_sheet`. ``rows`` may be dropped once this returns."""
        self.write(_make_sheet(name, rows, header, widths, wrap_columns, bold_columns,
                               freeze_header, autofilter))

    def write(self, sheet: _Sheet) -> None:
        if sheet.name not in self.names or sheet.name in self.refs:
            raise ValueError(f"sheet {sheet.name!r} is not expected or already written")
        number = self.names.index(sheet.name) + 1
        info = zip_info(f"xl/worksheets/sheet{number}.xml", self.stamp)
        with self.archive.open(info, "w") as out:
            _write_sheet(out, sheet, self.strings, selected=number == 1)
        self.refs[sheet.name] = sheet.filter_ref

    def close(self) -> None:
        missing = [n for n in self.names if n not in self.refs]
        if missing:
            self.archive.close()
            raise ValueError(f"sheets never written: {', '.join(missing)}")
        with self.archive.open(zip_info("xl/sharedStrings.xml", self.stamp), "w") as out:
            self.strings.write(out)
        self._put("xl/workbook.xml", self._workbook_xml())
        self.archive.close()

    # --- the parts -------------------------------------------------------------------------------

    def _content_types_xml(self) -> str:
        sheet = f"{_DOC_TYPE}.spreadsheetml.worksheet+xml"
        overrides = [
            ("/docProps/app.xml", f"{_DOC_TYPE}.extended-properties+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/custom.xml", f"{_DOC_TYPE}.custom-properties+xml"),
            ("/xl/workbook.xml", f"{_DOC_TYPE}.spreadsheetml.sheet.main+xml"),
            ("/xl/styles.xml", f"{_DOC_TYPE}.spreadsheetml.styles+xml"),
            ("/xl/sharedStrings.xml", f"{_DOC_TYPE}.spreadsheetml.sharedStrings+xml"),
            *((f"/xl/worksheets/sheet{n}.xml", sheet) for n in range(1, len(self.names) + 1)),
        ]
        return (
            f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
            + "</Types>"
        )

    def _app_xml(self) -> str:
        application = self.properties.application
        body = f"<Application>{_escape(clean_text(application))}</Application>" if application \
            else ""
        return (f'{_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/'
                f'officeDocument/2006/extended-properties">{body}</Properties>')

    def _core_xml(self, modified: dt.datetime) -> str:
        if modified.tzinfo is not None:
            modified = modified.astimezone(dt.UTC).replace(tzinfo=None)
        when = modified.replace(microsecond=0).isoformat() + "Z"
        p = self.properties
        fields = [("dc:title", p.title), ("dc:subject", p.subject), ("dc:creator", p.creator),
                  ("cp:keywords", p.keywords), ("dc:description", p.description),
                  ("dc:identifier", p.identifier), ("dc:language", p.language)]
        body = "".join(f"<{tag}>{_escape(clean_text(value))}</{tag}>"
                       for tag, value in fields if value)
        return (
            f'{_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'{body}<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            "</cp:coreProperties>"
        )

    def _custom_xml(self) -> str:
        body = "".join(
            f'<property fmtid="{_CUSTOM_FMTID}" pid="{pid}" name="{_attr(name)}">'
            f"<vt:lpwstr>{_escape(clean_text(value))}</vt:lpwstr></property>"
            for pid, (name, value) in enumerate(self.properties.custom, start=2)
        )
        return (
            f'{_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            '2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes">{body}</Properties>'
        )

    def _workbook_xml(self) -> str:
        sheets = "".join(f'<sheet name="{_attr(name)}" sheetId="{n}" r:id="rId{n}"/>'
                         for n, name in enumerate(self.names, start=1))
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
            f"{_escape(_quoted_sheet(name))}!{_absolute(ref)}</definedName>"
            for n, name in enumerate(self.names) if (ref := self.refs[name])
        )
        return (
            f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/>'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + "</workbook>"
        )

    def _workbook_rels_xml(self) -> str:
        n = len(self.names)
        rels = [(f"rId{i}", "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, n + 1)]
        rels += [(f"rId{n + 1}", "styles", "styles.xml"),
                 (f"rId{n + 2}", "sharedStrings", "sharedStrings.xml")]
        return (
            f'{_DECLARATION}<Relationships xmlns="{_PKG_REL}">'
            + "".join(f'<Relationship Id="{i}" Type="{_REL}/{t}" Target="{target}"/>'
                      for i, t, target in rels)
            + "</Relationships>"
        )


_ROOT_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}/custom-properties" Target="docProps/custom.xml"/>'
    "</Relationships>"
)


def _absolute(ref: str) -> str:
    """``A1:C9`` as ``$A$1:$C$9``."""
    return ":".join(re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", part) for part in ref.split(":"))


def _write_sheet(out: IO[bytes], sheet: _Sheet, strings: _SharedStrings, selected: bool) -> None:
    """Write the worksheet part of ``sheet``, adding its texts to ``strings``."""
    width = sheet.width
    letters = [column_letter(i) for i in range(width)]
    dimension = f"A1:{letters[-1]}{sheet.height}" if width and sheet.height else "A1"
    frozen = bool(sheet.header) and sheet.freeze_header
    tab = ' tabSelected="1"' if selected else ""
    view = ('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>') if frozen else ""
    cols = "".join(f'<col min="{i}" max="{i}" width="{_number(w)}" customWidth="1"/>'
                   for i, w in enumerate(sheet.widths, start=1))
    head = (
        f'{_DECLARATION}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<dimension ref="{dimension}"/><sheetViews>'
        f'<sheetView{tab} workbookViewId="0">{view}</sheetView>'
        '</sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + "<sheetData>"
    )
    out.write(head.encode("utf-8"))

    index = strings.index
    # Per column, the ' s="n"' attribute of a text or number cell, and of a date cell.
    plain = [_style(i in sheet.bold, i in sheet.wrap, False) for i in range(width)]
    dated = [_style(i in sheet.bold, i in sheet.wrap, True) for i in range(width)]
    plain_s = [f' s="{s}"' if s else "" for s in plain]
    dated_s = [f' s="{s}"' for s in dated]
    header_s = f' s="{_style(True, False, False)}"'

    parts: list[str] = []
    rows: Iterable[Sequence[Any]] = sheet.rows
    if sheet.header is not None:
        rows = [sheet.header, *sheet.rows]
    for number, row in enumerate(rows, start=1):
        r = str(number)
        parts.append(f'<row r="{r}">')
        is_header = number == 1 and sheet.header is not None
        for i, value in enumerate(row):
            kind = type(value)
            if value is None:
                continue
            if kind is not str and kind is not bool and kind is not int \
                    and kind is not float and kind is not dt.date:
                value, kind = _coerce(value)
            if kind is dt.date:
                if value.year >= 1900:
                    parts.append(f'<c r="{letters[i]}{r}"{dated_s[i]}>'
                                 f"<v>{date_serial(value)}</v></c>")
                    continue
                value, kind = value.isoformat(), str  # Excel has no day before 1900
            if kind is str:
                at = index.get(value)
                if at is None:
                    at = index[value] = len(index)
                strings.count += 1
                s = header_s if is_header else plain_s[i]
                parts.append(f'<c r="{letters[i]}{r}"{s} t="s"><v>{at}</v></c>')
            elif kind is bool:
                parts.append(f'<c r="{letters[i]}{r}"{plain_s[i]} t="b"><v>{int(value)}</v></c>')
            else:
                parts.append(f'<c r="{letters[i]}{r}"{plain_s[i]}><v>{_number(value)}</v></c>')
        parts.append("</row>")
        if number % _ROWS_PER_CHUNK == 0:
            out.write("".join(parts).encode("utf-8"))
            parts.clear()
    parts.append("</sheetData>")
    if ref := sheet.filter_ref:
        parts.append(f'<autoFilter ref="{ref}"/>')
    parts.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                 'footer="0.3"/></worksheet>')
    out.write("".join(parts).encode("utf-8"))


def _coerce(value: Any) -> tuple[Any, type]:
    """A value of a subclass of a cell type as that type (an ``IntEnum`` as a number)."""
    if isinstance(value, dt.datetime):
        raise TypeError(f"a cell takes a date, not a date and time: {value!r}")
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day), dt.date
    if isinstance(value, str):
        return str.__str__(value), str  # the text itself, whatever __str__ the subclass has
    if isinstance(value, int):
        return int.__int__(value), int
    if isinstance(value, float):
        return float.__float__(value), float
    raise TypeError(f"a cell cannot hold {type(value).__name__}: {value!r}")
