"""The .xlsx writer: what openpyxl reads back, well-formed parts, reproducible bytes."""

from __future__ import annotations

import datetime as dt
import enum
import io
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils.datetime import to_excel

from generator.downloads.xlsx import (
    DATE_FORMAT,
    Properties,
    Workbook,
    clean_text,
    column_letter,
    date_serial,
)

VIETNAM = dt.timezone(dt.timedelta(hours=7))
MODIFIED = dt.datetime(2026, 11, 23, tzinfo=VIETNAM)  # 2026-11-22 17:00 UTC
HEADER = ["Mã", "Tên nhiệm vụ", "Hạn", "Tiến độ (%)", "Tỷ lệ", "Minh họa", "Ghi chú"]
ROWS: list[list[Any]] = [
    ["a-1", "Rà soát, đơn giản hóa thủ tục hành chính", dt.date(2026, 3, 31), 100, 0.5, True,
     "=1+1"],
    ["a-2", "Số hóa hồ sơ\nkết quả giải quyết", dt.date(1900, 1, 1), 0, -1.25, False, None],
    ["a-3", None, None, None, None, None, "  khoảng trắng đầu và cuối  "],
    ["a-4", "Ký tự\x00 điều\x1f khiển\x0b bị bỏ", dt.date(2099, 12, 31), -7, 1e-9, True,
     "tab\tvà\r\nxuống dòng"],
    ["a-5", "<b>&amp; \"trích dẫn\" 'đơn'</b>", dt.date(1900, 3, 1), 2**40, 3.0, False,
     "_x000D_ giữ nguyên"],
]
WIDTHS = [8, 60, 12, 14, 8, 10, 40]
PROPS = Properties(
    title="Kế hoạch cải cách hành chính",
    subject="Dữ liệu tính đến ngày 23/11/2026",
    creator="Công khai cải cách hành chính",
    keywords="cải cách hành chính; dữ liệu mở",
    description="as_of=2026-11-23; licence=CC-BY-4.0",
    identifier="0123456789abcdef",
    language="vi-VN",
    application="congkhai",
    custom=(("as_of", "2026-11-23"), ("source_commit", "0123456789abcdef"),
            ("export_version", "1.0"), ("licence", "CC-BY-4.0"), ("ghi chú", "<&\">")),
)


def _build(rows: list[list[Any]] | None = None) -> bytes:
    book = Workbook(PROPS)
    book.add_sheet("Thông tin", [["Bộ dữ liệu", "Kế hoạch"], ["Tính đến ngày",
                                                               dt.date(2026, 11, 23)]],
                   widths=(34, 100), bold_columns=(0,), wrap_columns=(1,))
    book.add_sheet("Nhiệm vụ", ROWS if rows is None else rows, header=HEADER, widths=WIDTHS,
                   wrap_columns=(1,))
    book.add_sheet("Trống", [], header=["x", "y"])
    book.add_sheet("Không khung", [[1, "x"]], header=["a", "b"], freeze_header=False,
                   autofilter=False)
    return book.to_bytes(MODIFIED)


@pytest.fixture(scope="module")
def data() -> bytes:
    return _build()


@pytest.fixture(scope="module", params=[False, True], ids=["full", "read_only"])
def book(data: bytes, request: pytest.FixtureRequest) -> Any:
    wb = load_workbook(io.BytesIO(data), read_only=request.param)
    yield wb
    wb.close()


def _expected_row(row: list[Any]) -> tuple[Any, ...]:
    out = []
    for value in row:
        if isinstance(value, str):
            value = clean_text(value)
        elif isinstance(value, dt.date):
            value = dt.datetime(value.year, value.month, value.day)
        out.append(value)
    return tuple(out)


# --- what a reader sees --------------------------------------------------------------------------


def test_values_and_types_read_back(book: Any) -> None:
    assert book.sheetnames == ["Thông tin", "Nhiệm vụ", "Trống", "Không khung"]
    rows = list(book["Nhiệm vụ"].iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER)
    assert rows[1:] == [_expected_row(r) for r in ROWS]
    first = rows[1]
    assert type(first[3]) is int and type(first[4]) is float and first[5] is True
    assert type(rows[5][4]) is float  # 3.0 stays a float, 2**40 an int
    assert type(rows[5][3]) is int
    info = list(book["Thông tin"].iter_rows(values_only=True))
    assert info == [("Bộ dữ liệu", "Kế hoạch"), ("Tính đến ngày", dt.datetime(2026, 11, 23))]
    assert list(book["Trống"].iter_rows(values_only=True)) == [("x", "y")]


def test_text_stays_text(book: Any) -> None:
    ws = book["Nhiệm vụ"]
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None}
    assert cells["=1+1"].data_type == "s"
    assert "Ký tự điều khiển bị bỏ" in cells  # control characters stripped, the rest kept
    assert "tab\tvà\r\nxuống dòng" in cells  # tab, CR and LF are legal and kept
    assert "  khoảng trắng đầu và cuối  " in cells
    assert "_x000D_ giữ nguyên" in cells  # not read as an escaped carriage return
    assert "<b>&amp; \"trích dẫn\" 'đơn'</b>" in cells


def test_dates_are_real_dates_shown_dd_mm_yyyy(book: Any) -> None:
    ws = book["Nhiệm vụ"]
    dates = [row[2] for row in ws.iter_rows(min_row=2) if row[2].value is not None]
    assert len(dates) == 4
    for cell in dates:
        assert isinstance(cell.value, dt.datetime) and cell.is_date
        assert cell.number_format == DATE_FORMAT == "DD/MM/YYYY"
    info = book["Thông tin"]
    assert info["B2"].is_date and info["B2"].number_format == DATE_FORMAT
    assert info["B2"].alignment.wrap_text  # a date in a wrapped column keeps both


def test_header_frozen_bold_filtered_with_widths() -> None:
    wb = load_workbook(io.BytesIO(_build()))
    ws = wb["Nhiệm vụ"]
    assert ws.freeze_panes == "A2"
    assert all(c.font.bold for c in ws[1])
    assert not any(c.font.bold for row in ws.iter_rows(min_row=2) for c in row)
    assert ws.auto_filter.ref == "A1:G6"
    assert [ws.column_dimensions[column_letter(i)].width for i in range(7)] == WIDTHS
    assert wb["Trống"].auto_filter.ref == "A1:B1" and wb["Trống"].freeze_panes == "A2"
    assert wb["Không khung"].freeze_panes is None and wb["Không khung"].auto_filter.ref is None
    info = wb["Thông tin"]
    assert info.freeze_panes is None and info.auto_filter.ref is None
    assert info["A1"].font.bold and not info["B1"].font.bold
    assert [info.column_dimensions[c].width for c in "AB"] == [34, 100]


def test_wrap_only_where_asked() -> None:
    ws = load_workbook(io.BytesIO(_build()))["Nhiệm vụ"]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.value is None:
                continue
            wrapped = cell.column == 2
            assert bool(cell.alignment.wrap_text) == wrapped, cell.coordinate
            assert (cell.alignment.vertical == "top") == wrapped, cell.coordinate
    assert not any(c.alignment.wrap_text for c in ws[1])


def test_document_properties() -> None:
    wb = load_workbook(io.BytesIO(_build()))
    p = wb.properties
    assert p.created == p.modified == dt.datetime(2026, 11, 22, 17, 0, 0)
    assert (p.title, p.subject, p.creator, p.keywords, p.description, p.identifier,
            p.language) == (PROPS.title, PROPS.subject, PROPS.creator, PROPS.keywords,
                            PROPS.description, PROPS.identifier, PROPS.language)
    assert p.lastModifiedBy is None
    assert [(c.name, c.value) for c in wb.custom_doc_props.props] == list(PROPS.custom)


def test_many_rows_span_several_chunks() -> None:
    rows = [[f"nv-{i}", f"Nhiệm vụ {i % 7}", dt.date(2026, 1, 1) + dt.timedelta(i % 365), i,
             None, i % 2 == 0, None] for i in range(2_345)]
    ws = load_workbook(io.BytesIO(_build(rows)), read_only=True)["Nhiệm vụ"]
    back = list(ws.iter_rows(min_row=2, values_only=True))
    assert back == [_expected_row(r) for r in rows]


def test_subclasses_of_cell_types_are_written_as_the_type() -> None:
    class Status(str, enum.Enum):  # noqa: UP042 - str() of this kind is "Status.DONE"
        DONE = "hoan-thanh"

    class Level(enum.IntEnum):
        TOP = 2

    ws = load_workbook(io.BytesIO(_build([[Status.DONE, None, None, Level.TOP]])))["Nhiệm vụ"]
    assert [c.value for c in ws[2]][:4] == ["hoan-thanh", None, None, 2]


# --- the file itself -----------------------------------------------------------------------------


def test_every_part_is_well_formed_xml_and_dated(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names[0] == "[Content_Types].xml"
        assert {"_rels/.rels", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml",
                "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/sharedStrings.xml", "xl/worksheets/sheet4.xml"} <= set(names)
        assert {i.date_time for i in infos} == {(2026, 11, 23, 0, 0, 0)}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        for name in names:
            ET.fromstring(archive.read(name))  # raises on malformed XML
        styles = archive.read("xl/styles.xml").decode()
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    assert 'numFmtId="164" formatCode="DD/MM/YYYY"' in styles
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    filters = {(d.get("localSheetId"), d.text) for d in workbook.iterfind(".//m:definedName", ns)}
    assert filters == {("1", "'Nhiệm vụ'!$A$1:$G$6"), ("2", "'Trống'!$A$1:$B$1")}


def test_what_excel_reads_but_openpyxl_does_not_check(data: bytes) -> None:
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    space = "{http://www.w3.org/XML/1998/namespace}space"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        strings = ET.fromstring(archive.read("xl/sharedStrings.xml"))
        sheet = ET.fromstring(archive.read("xl/worksheets/sheet2.xml"))
    texts = {t.text: t.get(space) for t in strings.iter(f"{ns}t")}
    assert texts["  khoảng trắng đầu và cuối  "] == "preserve"  # Excel trims otherwise
    assert texts["Mã"] is None
    assert "_x005F_x000D_ giữ nguyên" in texts  # Excel would read _x000D_ as a CR
    (pane,) = sheet.iter(f"{ns}pane")
    assert pane.attrib == {"ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft",
                           "state": "frozen"}
    (dimension,) = sheet.iter(f"{ns}dimension")
    assert dimension.get("ref") == "A1:G6"


def test_identical_input_gives_identical_bytes(data: bytes) -> None:
    assert _build() == data
    assert _build(ROWS[:-1]) != data


def test_vietnamese_text_is_utf8_in_the_file(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        strings = archive.read("xl/sharedStrings.xml").decode("utf-8")
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
    assert "Rà soát, đơn giản hóa thủ tục hành chính" in strings
    assert 'name="Nhiệm vụ"' in workbook


# --- the pieces ----------------------------------------------------------------------------------


def test_date_serials_match_excel() -> None:
    assert date_serial(dt.date(1900, 1, 1)) == 1
    assert date_serial(dt.date(1900, 2, 28)) == 59
    assert date_serial(dt.date(1900, 3, 1)) == 61  # 60 is Excel's 29 February 1900
    assert date_serial(dt.date(2026, 11, 23)) == 46349
    for day in (dt.date(1900, 1, 2), dt.date(1950, 6, 15), dt.date(2026, 2, 28)):
        assert date_serial(day) == to_excel(day)


def test_dates_before_1900_become_iso_text() -> None:
    ws = load_workbook(io.BytesIO(_build([[None, None, dt.date(1899, 12, 31)]])))["Nhiệm vụ"]
    assert ws["C2"].value == "1899-12-31" and ws["C2"].data_type == "s"


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 51, 701, 702, 16383)] == [
        "A", "Z", "AA", "AZ", "ZZ", "AAA", "XFD"]


@pytest.mark.parametrize("value", [dt.datetime(2026, 1, 1, 12), object(), b"bytes"])
def test_unsupported_values_are_refused(value: Any) -> None:
    book = Workbook()
    book.add_sheet("S", [[value]])
    with pytest.raises(TypeError):
        book.to_bytes(MODIFIED)


def test_non_finite_numbers_are_refused() -> None:
    book = Workbook()
    book.add_sheet("S", [[float("nan")]])
    with pytest.raises(ValueError, match="nan"):
        book.to_bytes(MODIFIED)


@pytest.mark.parametrize("name", ["", "x" * 32, "a/b", "a:b", "[a]", "'a", "History"])
def test_invalid_sheet_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        Workbook().add_sheet(name, [])


def test_duplicate_sheet_names_are_refused() -> None:
    book = Workbook()
    book.add_sheet("Cơ quan", [])
    with pytest.raises(ValueError, match="duplicate"):
        book.add_sheet("CƠ QUAN", [])


def test_sheet_names_are_escaped_and_quoted() -> None:
    book = Workbook()
    book.add_sheet("Cơ quan & đơn vị's <1>", [["x"]], header=["Tên"])
    data = book.to_bytes(MODIFIED)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Cơ quan & đơn vị's <1>"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    (name,) = workbook.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
                            "definedName")
    assert name.text == "'Cơ quan & đơn vị''s <1>'!$A$1:$A$2"


def test_a_workbook_needs_a_sheet() -> None:
    with pytest.raises(ValueError, match="at least one sheet"):
        Workbook().to_bytes(MODIFIED)


def test_a_bare_workbook_opens() -> None:
    book = Workbook()
    book.add_sheet("Trang 1", [])
    wb = load_workbook(io.BytesIO(book.to_bytes(dt.datetime(2026, 1, 2, 3, 4, 5))))
    assert wb.sheetnames == ["Trang 1"] and wb["Trang 1"].max_row == 1
    assert wb.properties.modified == dt.datetime(2026, 1, 2, 3, 4, 5)
