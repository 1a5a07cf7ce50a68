"""The document readers (generator.sources.documents): one test group per format, and the checks
that turn hostile or broken files into Vietnamese messages."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import pytest

from generator.sources.documents import Table
from generator.sources.documents.model import Paragraph, UnreadableDocument, flatten
from generator.sources.documents.read import read_document

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def _tables(document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


def test_flatten_drops_line_breaks_and_pipes_only():
    assert flatten("Sở Kế hoạch\nvà Đầu tư | chủ trì") == "Sở Kế hoạch và Đầu tư chủ trì"
    assert flatten("Hòa") == flatten("Hòa")  # decomposed input is NFC after flattening


# --- copied text -------------------------------------------------------------------------------


def test_text_marks_cells_after_pipe_lines_and_keeps_line_numbers(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("Số: 1/KH-UBND\n|\nTT\n|\nNhiệm vụ\nhai dòng\n", encoding="utf-8")
    blocks = read_document(path).blocks
    assert [(b.text, b.where.line, b.cell_break) for b in blocks] == [
        ("Số: 1/KH-UBND", 1, False), ("TT", 3, True), ("Nhiệm vụ", 5, True),
        ("hai dòng", 6, False)]


def test_text_splits_cells_written_on_one_line(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n", encoding="utf-8")
    texts = [b.text for b in read_document(path).blocks]
    assert texts == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


def test_text_reads_tab_rows_as_a_table(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("\tSTT\n\tNội dung\n\tCơ quan chủ trì\n\n\t1\n\tViệc một\n\tSở Nội vụ\n",
                    encoding="utf-8")
    (table,) = _tables(read_document(path))
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["STT", "Nội dung", "Cơ quan chủ trì"], ["1", "Việc một", "Sở Nội vụ"]]
    assert table.rows[1].cells[1].where.line == 6


# --- DOCX --------------------------------------------------------------------------------------


def test_docx_reads_tables_with_merged_cells_in_body_order():
    document = read_document(FIXTURES / "ke-hoach-minh-hoa.docx")
    header, matrix = _tables(document)
    assert header.rows[0].cells[0].text == "ỦY BAN NHÂN DÂN\nTỈNH MINH HỌA"
    section = matrix.rows[1]
    assert len(section.cells) == 1 and section.cells[0].span == 6
    assert section.cells[0].text == "I. CẢI CÁCH THỂ CHẾ"
    law_2 = matrix.rows[3]
    assert law_2.cells[2].text == "Sở Tư pháp"
    assert law_2.cells[2].merged_from == matrix.rows[2].cells[2].where
    assert law_2.cells[1].text == "Xây dựng quy chế phối hợp\ntheo dõi thi hành pháp luật"
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0].text == "Số: 12/KH-UBND" and paragraphs[0].where.paragraph == 1


def test_docx_that_is_a_renamed_zip_is_refused(tmp_path: Path):
    path = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "không phải Word")
    with pytest.raises(UnreadableDocument, match="tệp nén ZIP, không phải văn bản Word"):
        read_document(path)


def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path: Path):
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    with pytest.raises(UnreadableDocument, match="zip bomb"):
        read_document(path)


def test_word_97_or_encrypted_docx_is_named(tmp_path: Path):
    path = tmp_path / "cu.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UnreadableDocument, match="Word 97–2003"):
        read_document(path)


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_reads_text_lines_and_ruled_tables_page_by_page():
    document = read_document(FIXTURES / "ke-hoach-minh-hoa.pdf")
    first, second = _tables(document)
    assert [flatten(c.text) for c in first.rows[0].cells] == [
        "TT", "Nhiệm vụ", "Sản phẩm", "Tiến độ", "Phân công và cách thức thực hiện"]
    assert first.where.page == 1 and second.where.page == 2
    assert flatten(second.rows[0].cells[1].text) == "Khảo sát sự hài lòng của người dân"
    lines = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert "Số: 12/KH-UBND" in lines and "Nguyễn Văn Mẫu" in lines


def test_encrypted_pdf_is_refused(tmp_path: Path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "mat-khau.pdf"
    drawing = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("bi-mat"))
    drawing.drawString(72, 720, "Ke hoach cai cach hanh chinh")
    drawing.save()
    with pytest.raises(UnreadableDocument, match="mật khẩu"):
        read_document(path)


def test_scanned_pdf_without_text_is_refused_with_ocr_message(tmp_path: Path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    drawing = canvas.Canvas(str(path))
    for page in range(2):
        drawing.rect(50, 50 + page, 400, 600, fill=1)
        drawing.showPage()
    drawing.save()
    with pytest.raises(UnreadableDocument, match="OCR"):
        read_document(path)


def test_file_named_pdf_that_is_not_one(tmp_path: Path):
    path = tmp_path / "gia.pdf"
    path.write_text("xin chào", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="không phải tệp PDF"):
        read_document(path)


# --- HTML --------------------------------------------------------------------------------------


def test_html_skips_menus_and_reads_spans():
    document = read_document(FIXTURES / "ke-hoach-minh-hoa.html")
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert "Trang chủ" not in " ".join(texts) and "Bản quyền" not in " ".join(texts)
    matrix = _tables(document)[1]
    assert matrix.rows[1].cells[0].span == 6
    second = matrix.rows[3]
    assert second.cells[2].text == "Quý II/2026" and second.cells[2].merged_from is not None
    assert matrix.rows[2].cells[1].where.line is not None


# --- bad input ---------------------------------------------------------------------------------


def test_empty_file_is_refused(tmp_path: Path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"  \n")
    with pytest.raises(UnreadableDocument, match="tệp rỗng"):
        read_document(path)


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "lon.docx"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is written, nothing is read
    with pytest.raises(UnreadableDocument, match=r"50,0 MB, quá giới hạn 20,0 MB"):
        read_document(path)


def test_utf16_text_is_refused(tmp_path: Path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Kế hoạch cải cách hành chính".encode("utf-16"))
    with pytest.raises(UnreadableDocument, match="UTF-16"):
        read_document(path)


def test_windows_1258_text_is_refused_with_its_line(tmp_path: Path):
    path = tmp_path / "cp1258.txt"
    path.write_bytes(b"So: 1/KH\n" + unicodedata.normalize("NFD", "Khánh Hòa").encode("cp1258"))
    with pytest.raises(UnreadableDocument, match=r"dòng 2: .*Windows-1258"):
        read_document(path)


def test_utf8_with_bom_is_read(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Kế hoạch".encode())
    assert read_document(path).blocks[0].text == "Kế hoạch"


def test_binary_data_is_refused(tmp_path: Path):
    path = tmp_path / "anh.txt"
    path.write_bytes(bytes(range(1, 31)) * 200)
    with pytest.raises(UnreadableDocument, match="không phải văn bản thuần"):
        read_document(path)


def test_document_contains_is_verbatim_up_to_line_breaks(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("Sở Kế hoạch\n|\nvà Đầu tư\n", encoding="utf-8")
    document = read_document(path)
    assert document.contains("Sở Kế hoạch và Đầu tư")
    assert not document.contains("Sở Kế hoạch và Đầu tư tỉnh")
