"""Word documents (.docx), read with python-docx: body paragraphs and real tables in order.

Before python-docx sees the file, the archive is checked: it must be a Word document (not any ZIP
renamed ``.docx``), and its members must not unpack to more than :data:`MAX_UNPACKED` bytes or
at a ratio above :data:`MAX_RATIO` (a zip bomb). Merged cells are read from the table's own XML:
a cell spanning several grid columns keeps its ``span``; a cell continuing a vertical merge
repeats the text of the cell where the merge starts, with ``merged_from`` pointing there.
"""

from __future__ import annotations

import io
import zipfile

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

MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_archive(data: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableDocument(
            f"{name}: tệp .docx bị hỏng (không mở được phần nén bên trong). Mở tệp bằng Word "
            "hay LibreOffice và lưu lại thành .docx."
        ) from None
    names = {m.filename for m in members}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise UnreadableDocument(
            f"{name}: đây là một tệp nén ZIP, không phải văn bản Word .docx (không có "
            "word/document.xml). Hãy dùng tệp .docx gốc của văn bản."
        )
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNPACKED or (member.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise UnreadableDocument(
                f"{name}: tệp .docx khi giải nén lớn bất thường ({member.filename}); có thể là "
                "tệp độc hại (zip bomb). Không đọc tệp này; hãy xin bản .docx gốc của văn bản."
            )


def _text(p) -> str:
    """A paragraph's text; line breaks inside it become new lines, tabs spaces."""
    parts = []
    for node in p.iter(_W + "t", _W + "br", _W + "cr", _W + "tab"):
        if node.tag == _W + "t":
            parts.append(node.text or "")
        else:
            parts.append(" " if node.tag == _W + "tab" else "\n")
    return "\n".join(line.strip() for line in "".join(parts).split("\n") if line.strip())


def _cell_text(tc) -> str:
    lines = [_text(p) for p in tc.iter(_W + "p")]
    return nfc("\n".join(line for line in lines if line))


def _table(tbl, number: int) -> Table:
    rows: list[Row] = []
    # Vertical merges: grid column -> (text, location) of the cell where the merge started.
    open_merges: dict[int, tuple[str, Location]] = {}
    for r, tr in enumerate(tbl.findall(_W + "tr"), 1):
        cells: list[Cell] = []
        column = 0
        for c, tc in enumerate(tr.findall(_W + "tc"), 1):
            props = tc.find(_W + "tcPr")
            span = 1
            vmerge = None
            if props is not None:
                grid = props.find(_W + "gridSpan")
                if grid is not None:
                    span = max(1, int(grid.get(_W + "val", "1")))
                merge = props.find(_W + "vMerge")
                if merge is not None:
                    vmerge = merge.get(_W + "val", "continue")
            where = Location(table=number, row=r, cell=c)
            text = _cell_text(tc)
            if vmerge == "continue" and column in open_merges:
                origin_text, origin = open_merges[column]
                cells.append(Cell(origin_text, where, span, merged_from=origin))
            else:
                cells.append(Cell(text, where, span))
                if vmerge == "restart":
                    open_merges[column] = (text, where)
                else:
                    open_merges.pop(column, None)
            column += span
        rows.append(Row(tuple(cells), Location(table=number, row=r)))
    return Table(tuple(rows), Location(table=number))


def read_docx(data: bytes, name: str) -> SourceDocument:
    """Read a .docx file's bytes into paragraphs and tables (body order)."""
    _check_archive(data, name)
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UnreadableDocument(
            f"{name}: không đọc được tệp .docx ({type(exc).__name__}). Mở tệp bằng Word hay "
            "LibreOffice và lưu lại thành .docx."
        ) from None
    except Exception as exc:  # lxml errors on malformed XML have many types
        raise UnreadableDocument(
            f"{name}: nội dung tệp .docx bị hỏng ({type(exc).__name__}). Mở tệp bằng Word hay "
            "LibreOffice và lưu lại thành .docx."
        ) from None
    blocks: list[Paragraph | Table] = []
    texts: list[str] = []
    paragraphs = 0
    tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == _W + "p":
            paragraphs += 1
            text = nfc(_text(element))
            if text:
                blocks.append(Paragraph(text, Location(paragraph=paragraphs)))
                texts.append(text)
        elif element.tag == _W + "tbl":
            tables += 1
            table = _table(element, tables)
            blocks.append(table)
            for row in table.rows:
                texts.extend(c.text for c in row.cells if c.merged_from is None)
    return SourceDocument(name=name, kind="docx", blocks=tuple(blocks), text="\n".join(texts))
