"""Choosing a reader for a file, after the checks that keep a hostile or broken file harmless.

The size is checked before anything is read; the kind of file is told from its first bytes (not
only its name), so a ZIP archive renamed ``.docx`` or a Word 97 file renamed ``.docx`` is named
for what it is. Every refusal is an :class:`UnreadableDocument` whose message is Vietnamese and
says what to do.
"""

from __future__ import annotations

from pathlib import Path

from generator.sources.documents.model import SourceDocument, UnreadableDocument

MAX_BYTES = 20 * 1024 * 1024

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF = b"%PDF-"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def decode_text(data: bytes, name: str) -> str:
    """The text of a plain-text or HTML file, which must be UTF-8 (with or without a BOM)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:4000].count(b"\x00") > 20:
        raise UnreadableDocument(
            f"{name}: tệp được lưu bằng mã UTF-16, congkhai chỉ đọc mã UTF-8. Mở tệp (ví dụ "
            "bằng Notepad), chọn Lưu thành… → Mã hóa: UTF-8, rồi chạy lại lệnh."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableDocument(
            f"{name}, dòng {line}: tệp không phải mã UTF-8 (có thể là Windows-1258, TCVN3 hay "
            "VNI). Mở tệp và lưu lại bằng mã UTF-8 (Unicode), hoặc chuyển mã bằng Unikey "
            "(Công cụ chuyển mã), rồi chạy lại lệnh."
        ) from None
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(5, len(text[:20000]) // 100):
        raise UnreadableDocument(
            f"{name}: tệp không phải văn bản thuần (có nhiều ký tự điều khiển); hãy dùng tệp "
            ".docx, .pdf, .html hoặc .txt."
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> SourceDocument:
    """Read ``path`` (DOCX, PDF, HTML or text) into a :class:`SourceDocument`.

    Raises :class:`UnreadableDocument` when the file is missing, empty, too large, of another
    kind than its name says, encrypted, a scan without text, or not UTF-8 text.
    """
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise UnreadableDocument(f"Không mở được tệp {path}: tệp không tồn tại hoặc không có "
                                 "quyền đọc.") from None
    if not path.is_file():
        raise UnreadableDocument(f"{path} không phải một tệp.")
    if size > max_bytes:
        raise UnreadableDocument(
            f"{name}: tệp lớn {_megabytes(size)}, quá giới hạn {_megabytes(max_bytes)} của lệnh "
            "nhập. Một văn bản kế hoạch thường chỉ vài trăm KB: kiểm tra lại tệp, hoặc bỏ bớt "
            "hình ảnh rồi lưu lại."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"Không đọc được tệp {path}: {exc.strerror}.") from None
    if not data.strip():
        raise UnreadableDocument(f"{name}: tệp rỗng, không có nội dung để nhập.")
    suffix = path.suffix.lower()
    if data.startswith(_ZIP):
        from generator.sources.documents.docx import read_docx

        return read_docx(data, name)
    if data.startswith(_OLE):
        raise UnreadableDocument(
            f"{name}: đây là tệp Word 97–2003 (.doc) hoặc tệp Word có đặt mật khẩu. Mở tệp bằng "
            "Word hay LibreOffice, bỏ mật khẩu (nếu có) và lưu thành .docx, rồi chạy lại lệnh."
        )
    if data.startswith(_PDF) or data[:1024].lstrip().startswith(_PDF):
        from generator.sources.documents.pdf import read_pdf

        return read_pdf(data, name)
    if suffix == ".docx":
        raise UnreadableDocument(
            f"{name}: tên tệp là .docx nhưng nội dung không phải tệp Word .docx. Mở tệp gốc bằng "
            "Word hay LibreOffice và lưu lại thành .docx."
        )
    if suffix == ".pdf":
        raise UnreadableDocument(f"{name}: tên tệp là .pdf nhưng nội dung không phải tệp PDF.")
    text = decode_text(data, name)
    head = text[:2000].lstrip().lower()
    if suffix in (".html", ".htm") or head.startswith(("<!doctype html", "<html")):
        from generator.sources.documents.html import read_html

        return read_html(text, name)
    from generator.sources.documents.text import read_text

    return read_text(text, name)
