"""Reading spreadsheets from outside: our streaming .xlsx reader against openpyxl, CSV variants,
and files that are not what their names say.

The .xlsx reader is tested differentially: workbooks written by openpyxl (and by XlsxWriter, in
the report-form tests, and LibreOffice, in the office tests) must read to the same cells as
openpyxl reads them.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import numbers
from openpyxl.worksheet.formula import ArrayFormula

from generator.sources.spreadsheets import (
    EPOCH_1904,
    SpreadsheetError,
    column_letter,
    column_number,
    read_spreadsheet,
)


def workbook(path: Path, date1904: bool = False, chart: bool = False) -> Path:
    book = openpyxl.Workbook()
    if date1904:
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Nhập liệu"
    sheet["A1"] = "Đang thực hiện — “trích dẫn” & <thẻ>"
    sheet["B1"] = 80
    sheet["C1"] = 0.85
    sheet["C1"].number_format = numbers.FORMAT_PERCENTAGE
    sheet["D1"] = dt.datetime(2026, 11, 20)
    sheet["D1"].number_format = "dd/mm/yyyy"
    sheet["E1"] = dt.datetime(2026, 11, 20, 13, 30)
    sheet["F1"] = True
    sheet["G1"] = "=SUM(B1:B3)"
    sheet["H1"] = ArrayFormula("H1:H2", "=B1:B2*2")
    sheet["I1"] = "dòng 1\ndòng 2"
    sheet["J1"] = 46346
    sheet["K1"] = "Công văn 12"
    sheet["K1"].hyperlink = "https://example.org/cv-12"
    sheet["A3"] = "gộp"
    sheet.merge_cells("A3:C3")
    sheet["AB700"] = 1.5
    hidden = book.create_sheet("_congkhai")
    hidden["B1"] = "mã"
    hidden.sheet_state = "hidden"
    if chart:
        book.create_chartsheet("Biểu đồ")
    book.custom_doc_props.append(StringProperty(name="congkhai-bieu-mau", value="abc"))
    book.save(path)
    return path


def openpyxl_cells(path: Path, name: str) -> dict:
    sheet = openpyxl.load_workbook(path)[name]
    out = {}
    for (row, column), cell in sheet._cells.items():
        value = cell.value
        if isinstance(value, ArrayFormula):
            value = value.text
        if value is None:
            continue
        out[row, column] = value
    return out


@pytest.mark.parametrize("date1904", [False, True])
def test_xlsx_reads_like_openpyxl(tmp_path, date1904):
    path = workbook(tmp_path / "a.xlsx", date1904)
    book = read_spreadsheet(path)
    assert [(s.name, s.visible, s.chart) for s in book.sheets] == [
        ("Nhập liệu", True, False), ("_congkhai", False, False)]
    assert book.properties == {"congkhai-bieu-mau": "abc"}
    assert book.epoch == (EPOCH_1904 if date1904 else dt.date(1899, 12, 30))
    sheet = book.sheet("Nhập liệu")
    ours = {key: cell.value for key, cell in sheet.cells.items() if cell.value is not None}
    assert ours == openpyxl_cells(path, "Nhập liệu")
    assert sheet.cell(1, 7).formula == "=SUM(B1:B3)"
    assert sheet.cell(1, 8).formula == "=B1:B2*2"
    assert sheet.cell(1, 2).formula is None
    assert "%" in sheet.cell(1, 3).number_format
    assert sheet.cell(1, 11).link == "https://example.org/cv-12"
    assert sheet.merged == ("A3:C3",)
    assert sheet.location(700, 28) == "Nhập liệu!AB700"
    assert book.sheet("_congkhai").cell(1, 2).value == "mã"


def test_chart_sheets_are_listed(tmp_path):
    book = read_spreadsheet(workbook(tmp_path / "a.xlsx", chart=True))
    assert [(s.name, s.chart) for s in book.sheets][-1] == ("Biểu đồ", True)


def test_only_the_sheets_asked_for_are_read(tmp_path):
    book = read_spreadsheet(workbook(tmp_path / "a.xlsx"), sheets=("_congkhai",))
    assert not book.sheet("Nhập liệu").loaded and not book.sheet("Nhập liệu").cells
    assert book.sheet("_congkhai").loaded


def test_columns():
    for number in (1, 26, 27, 52, 703, 16_384):
        assert column_number(column_letter(number)) == number
    assert column_letter(28) == "AB"


@pytest.mark.parametrize(("data", "name", "encoding", "delimiter"), [
    ("\ufeffa,b\r\n1,2\r\n".encode(), "x.csv", "utf-8-sig", ","),
    (b"a;b\n1;2\n", "x.csv", "utf-8", ";"),
    ("a\tb\n1\t2\n".encode("utf-16"), "x.txt", "utf-16-le", "\t"),
    (b"\xfe\xff" + "a\tb\n1\t2\n".encode("utf-16-be"), "x.txt", "utf-16-be", "\t"),
    ('"x, y",b\n"dòng\nhai",2\n'.encode(), "x.csv", "utf-8", ","),
])
def test_csv_variants(tmp_path, data, name, encoding, delimiter):
    path = tmp_path / name
    path.write_bytes(data)
    book = read_spreadsheet(path)
    assert (book.kind, book.encoding, book.delimiter) == ("csv", encoding, delimiter)
    sheet = book.sheets[0]
    assert sheet.name is None and sheet.location(2, 2) == "B2"
    assert sheet.cell(2, 2).value == "2"


@pytest.mark.parametrize(("data", "name", "code", "text"), [
    (b"", "x.xlsx", "empty-file", "rỗng"),
    (b"%PDF-1.4 ...", "x.csv", "not-a-spreadsheet", "PDF"),
    (b"\x89PNG\r\n\x1a\n....", "x.xlsx", "not-a-spreadsheet", "PNG"),
    ("a,b\nTiến độ,80\n".encode("cp1258", errors="replace"), "x.csv", "csv-encoding",
     "ở dòng 2"),
    (b"a,b\x00c\n", "x.csv", "not-a-spreadsheet", "nhị phân"),
    (b"a,b\x07\n", "x.csv", "not-a-spreadsheet", "điều khiển"),
    (b"# notes\n", "x.md", "not-a-spreadsheet", ".md"),
    (b"a,b\n", "x.xlsx", "not-a-spreadsheet", "đuôi .xlsx"),
    (b"PK\x03\x04 broken", "x.xlsx", "corrupt-file", "hỏng"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), "x.doc",
     "not-a-spreadsheet", "Word"),
])
def test_files_that_are_not_spreadsheets(tmp_path, data, name, code, text):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SpreadsheetError) as info:
        read_spreadsheet(path)
    assert info.value.code == code
    assert text in info.value.message + info.value.hint


def _zip(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def test_opendocument_and_docx_are_named(tmp_path):
    ods = _zip(tmp_path / "x.xlsx", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                                      "content.xml": "<x/>"})
    with pytest.raises(SpreadsheetError, match="OpenDocument"):
        read_spreadsheet(ods)


def test_xml_with_a_doctype_is_refused(tmp_path):
    """A "billion laughs" worksheet: refused before any entity is expanded."""
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE w [{entities}]><worksheet xmlns="http://schemas.'
            'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
            't="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>')
    source_path = workbook(tmp_path / "a.xlsx")
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source_path) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, bomb.encode() if info.filename.endswith("sheet1.xml")
                            and "worksheets" in info.filename else data)
    with pytest.raises(SpreadsheetError) as info:
        read_spreadsheet(path)
    assert info.value.code == "corrupt-file" and "DOCTYPE" in info.value.message


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(SpreadsheetError) as info:
        read_spreadsheet(path)
    assert info.value.code == "file-too-large" and "31.5 MB" in info.value.message
