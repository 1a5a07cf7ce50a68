"""PDF files with a text layer, read with pdfplumber: tables found from their ruling lines, and
the lines of text outside them, page by page in reading order.

A PDF that needs a password to open is refused, and so is a scan (pages without a text layer):
congkhai does not recognise characters in images (OCR). A table that continues on the next page
stays two tables here; the importer joins them.
"""

from __future__ import annotations

import io

from generator.sources.documents.model import (
    Cell,
    Location,
    Paragraph,
    Row,
    SourceDocument,
    Table,
    UnreadableDocument,
)
from generator.sources.textnorm import nfc

MAX_PAGES = 500


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    mid_x = (obj["x0"] + obj["x1"]) / 2
    mid_y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= mid_x <= x1 and top <= mid_y <= bottom for x0, top, x1, bottom in boxes)


_LOCKED = ("tệp PDF được đặt mật khẩu nên không đọc được. Xin bản PDF không có mật khẩu (hoặc "
           "bản .docx) của văn bản.")


def _open(data: bytes, name: str):  # -> pdfplumber.PDF
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise UnreadableDocument(f"{name}: {_LOCKED}") from None
    except PDFSyntaxError:
        raise UnreadableDocument(f"{name}: tệp PDF bị hỏng, không đọc được.") from None
    except Exception as exc:  # pdfminer raises many kinds on damaged or encrypted files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise UnreadableDocument(f"{name}: {_LOCKED}") from None
        raise UnreadableDocument(
            f"{name}: không đọc được tệp PDF ({type(exc).__name__})."
        ) from None


def _table(table, page: int, number: int, texts: list[str]) -> Table:
    """One extracted table; a cell merged across columns widens the cell before it."""
    rows: list[Row] = []
    for r, raw in enumerate(table.extract(), 1):
        cells: list[Cell] = []
        for value in raw:
            if value is None:  # covered by a cell merged across columns
                if cells:
                    last = cells[-1]
                    cells[-1] = Cell(last.text, last.where, last.span + 1)
                continue
            text = nfc(value).strip()
            cells.append(Cell(text, Location(page=page, table=number, row=r,
                                             cell=len(cells) + 1)))
            texts.append(text)
        rows.append(Row(tuple(cells), Location(page=page, table=number, row=r)))
    return Table(tuple(rows), Location(page=page, table=number))


def _page(page, number: int, tables_before: int,
          texts: list[str]) -> tuple[list[Paragraph | Table], int]:
    """A page's tables and the text lines outside them, top to bottom; and its table count."""
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    items: list[tuple[float, Paragraph | Table]] = [
        (table.bbox[1], _table(table, number, tables_before + i, texts))
        for i, table in enumerate(found, 1)
    ]
    outside = page.filter(lambda obj, boxes=boxes: obj.get("object_type") != "char"
                          or not _inside(obj, boxes)) if boxes else page
    for line in outside.extract_text_lines(return_chars=False):
        text = nfc(line["text"]).strip()
        if text:
            items.append((line["top"], Paragraph(text, Location(page=number))))
            texts.append(text)
    items.sort(key=lambda item: item[0])
    return [block for _top, block in items], len(found)


def _numbered(blocks: list[Paragraph | Table]) -> tuple[Paragraph | Table, ...]:
    """Line numbers within the document, so that every paragraph has an editor-readable place."""
    numbered: list[Paragraph | Table] = []
    line = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            line += 1
            numbered.append(Paragraph(block.text, Location(line=line, page=block.where.page)))
        else:
            numbered.append(block)
    return tuple(numbered)


def read_pdf(data: bytes, name: str) -> SourceDocument:
    """Read a PDF's bytes into paragraphs (one per text line) and tables, page by page."""
    pdf = _open(data, name)
    blocks: list[Paragraph | Table] = []
    texts: list[str] = []
    images = tables = 0
    with pdf:
        pages = pdf.pages
        if len(pages) > MAX_PAGES:
            raise UnreadableDocument(
                f"{name}: tệp PDF có {len(pages)} trang, quá giới hạn {MAX_PAGES} trang của lệnh "
                "nhập; hãy tách riêng văn bản kế hoạch."
            )
        try:
            for number, page in enumerate(pages, 1):
                images += len(page.images)
                found, count = _page(page, number, tables, texts)
                blocks.extend(found)
                tables += count
        except UnreadableDocument:
            raise
        except Exception as exc:
            raise UnreadableDocument(
                f"{name}: không đọc được nội dung tệp PDF ({type(exc).__name__})."
            ) from None
    # A text layer of a few characters a page (page numbers, a stamp) is still a scan.
    if sum(len(t.split()) for t in texts) < 10 * max(1, len(pages)):
        raise UnreadableDocument(
            f"{name}: tệp PDF không có lớp chữ (có lẽ là bản quét thành ảnh"
            + (f", {images} ảnh" if images else "")
            + "). congkhai không nhận dạng chữ từ ảnh (OCR). Hãy dùng bản .docx hoặc bản PDF "
            "xuất từ Word của văn bản, hoặc chép nội dung từ trang văn bản pháp luật vào tệp .txt."
        )
    return SourceDocument(name=name, kind="pdf", blocks=_numbered(blocks), text="\n".join(texts))
