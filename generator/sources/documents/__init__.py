"""Readers of outside documents: a signed plan as DOCX, PDF (text layer), a saved HTML page or
copied text, turned into one neutral, located structure (:class:`SourceDocument`: paragraphs and
tables with cells, each with where it came from) after safe-input checks (size before reading,
zip bombs, renamed archives, encrypted or scanned PDFs, text encodings).

The readers know formats, not plans: recognising a document block, a task matrix or an agency is
the importer's work (``generator.authoring.importer``). Modules here import only the standard
library, the format libraries (python-docx, pdfplumber) and ``generator.sources.textnorm``.
"""

from __future__ import annotations

from generator.sources.documents.model import (
    Block,
    Cell,
    Location,
    Paragraph,
    Row,
    SourceDocument,
    Table,
    UnreadableDocument,
    flatten,
)
from generator.sources.documents.read import MAX_BYTES, read_document

__all__ = [
    "MAX_BYTES",
    "Block",
    "Cell",
    "Location",
    "Paragraph",
    "Row",
    "SourceDocument",
    "Table",
    "UnreadableDocument",
    "flatten",
    "read_document",
]
