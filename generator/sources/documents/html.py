"""A web page saved from a legal-document website (.html), read with the standard library.

Block elements (``p``, ``div``, headings, list items) and ``<br>`` end paragraphs; tables keep
their rows and cells (``colspan`` as the cell's span; ``rowspan`` repeats the cell's text in the
rows below, marked ``merged_from``). A table inside a cell is read as part of that cell's text.
Scripts, styles, navigation, headers, footers and forms are skipped. Locations are the line of
the HTML file where the paragraph or cell starts.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from generator.sources.documents.model import (
    Cell,
    Location,
    Paragraph,
    Row,
    SourceDocument,
    Table,
)
from generator.sources.textnorm import nfc

_SKIP = frozenset({"script", "style", "nav", "header", "footer", "form", "noscript", "select",
                   "button", "svg", "template", "iframe", "head"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article",
                    "blockquote", "pre", "dd", "dt", "center", "main", "ul", "ol", "body"})
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base"})


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Paragraph | Table] = []
        self.skip = 0
        self.buffer: list[str] = []
        self.start_line: int | None = None
        # A stack of open tables: each holds rows, the current row and the current cell.
        self.tables: list[dict] = []
        self.table_count = 0
        self.nested = 0  # depth of tables inside a cell

    # --- text ----------------------------------------------------------------------------
    def _flush(self) -> None:
        text = nfc(" ".join("".join(self.buffer).split(" ")))
        lines = [" ".join(part.split()) for part in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            where = Location(line=self.start_line)
            if self.tables and self.tables[-1]["cell"] is not None:
                self.tables[-1]["cell"]["lines"].append(text)
            else:
                self.blocks.append(Paragraph(text, where))
        self.buffer = []
        self.start_line = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if data.strip() and self.start_line is None:
            self.start_line = self.getpos()[0]
        self.buffer.append(data.replace("\n", " ").replace("\t", " "))

    # --- tags ----------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        attributes = dict(attrs)
        if tag == "br":
            self.buffer.append("\n")
            return
        if tag in _BLOCK:
            self._flush()
            return
        if tag == "table":
            self._flush()
            if self.tables and self.tables[-1]["cell"] is not None:
                self.nested += 1
                return
            self.table_count += 1
            self.tables.append({"rows": [], "row": None, "cell": None,
                                "number": self.table_count, "line": self.getpos()[0],
                                "spans": {}})
            return
        if not self.tables or self.nested:
            if self.nested and tag in ("tr", "td", "th"):
                self._flush()
            return
        table = self.tables[-1]
        if tag == "tr":
            self._close_row(table)
            table["row"] = {"cells": [], "line": self.getpos()[0]}
        elif tag in ("td", "th"):
            self._close_cell(table)
            if table["row"] is None:
                table["row"] = {"cells": [], "line": self.getpos()[0]}
            table["cell"] = {"lines": [], "line": self.getpos()[0],
                             "span": _int(attributes.get("colspan")),
                             "rowspan": _int(attributes.get("rowspan"))}

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if self.skip:
                self.skip -= 1
            return
        if self.skip:
            return
        if tag in _BLOCK:
            self._flush()
        elif tag == "table":
            self._flush()
            if self.nested:
                self.nested -= 1
                return
            if self.tables:
                table = self.tables.pop()
                self._close_row(table)
                self._emit(table)
        elif tag in ("td", "th") and self.tables and not self.nested:
            self._close_cell(self.tables[-1])
        elif tag == "tr" and self.tables and not self.nested:
            self._close_row(self.tables[-1])

    def _close_cell(self, table: dict) -> None:
        self._flush()
        if table["cell"] is not None and table["row"] is not None:
            table["row"]["cells"].append(table["cell"])
        table["cell"] = None

    def _close_row(self, table: dict) -> None:
        self._close_cell(table)
        if table["row"] is not None:
            table["rows"].append(table["row"])
        table["row"] = None

    def _emit(self, table: dict) -> None:
        rows: list[Row] = []
        pending: dict[int, tuple[str, Location, int]] = {}  # column -> (text, origin, rows left)
        for r, raw in enumerate(table["rows"], 1):
            cells: list[Cell] = []
            column = 0
            raw_cells = list(raw["cells"])
            c = 0
            while raw_cells or column in pending:
                if column in pending:
                    text, origin, left = pending[column]
                    cells.append(Cell(text, Location(line=origin.line, table=table["number"],
                                                     row=r, cell=len(cells) + 1),
                                      merged_from=origin))
                    if left <= 1:
                        del pending[column]
                    else:
                        pending[column] = (text, origin, left - 1)
                    column += 1
                    continue
                cell = raw_cells.pop(0)
                c += 1
                text = "\n".join(cell["lines"])
                where = Location(line=cell["line"], table=table["number"], row=r,
                                 cell=len(cells) + 1)
                cells.append(Cell(text, where, cell["span"]))
                if cell["rowspan"] > 1:
                    pending[column] = (text, where, cell["rowspan"] - 1)
                column += cell["span"]
            rows.append(Row(tuple(cells), Location(line=raw["line"], table=table["number"],
                                                   row=r)))
        block = Table(tuple(rows), Location(line=table["line"], table=table["number"]))
        if self.tables and self.tables[-1]["cell"] is not None:
            self.tables[-1]["cell"]["lines"].extend(
                c.text for row in rows for c in row.cells if c.text)
        else:
            self.blocks.append(block)


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 100))
    except ValueError:
        return 1


def read_html(text: str, name: str) -> SourceDocument:
    """Read an HTML page (already decoded) into paragraphs and tables."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader._flush()
    while reader.tables:
        table = reader.tables.pop()
        reader._close_row(table)
        reader._emit(table)
    texts: list[str] = []
    for block in reader.blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        else:
            texts.extend(c.text for row in block.rows for c in row.cells if c.merged_from is None)
    return SourceDocument(name=name, kind="html", blocks=tuple(reader.blocks),
                          text=html.unescape("\n".join(texts)))
