"""Importing a signed plan document as a draft plan file for an editor to review.

:func:`import_document` reads a DOCX, PDF, HTML or text file (``generator.sources.documents``),
recognises the document block, legal bases, period, objectives, the task lists and matrices and
the agencies named (matched to the registry), and writes a draft plan file whose uncertain values
carry ``# KIỂM TRA:`` comments; the same review list is returned for the command to print. It
never overwrites a file. It may import sources, model and facts modules and its sibling
``generator.authoring.editing``; nothing from the site, downloads, publishing or the command line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.authoring.importer.build import ImportRefused, Registries, build_draft
from generator.authoring.importer.build import load_registries as load_registries
from generator.authoring.importer.draft import Draft, Review
from generator.authoring.importer.writer import draft_text
from generator.sources.documents.model import UnreadableDocument
from generator.sources.documents.read import read_document

__all__ = ["ImportRefused", "ImportResult", "UnreadableDocument", "import_document",
           "load_registries"]


@dataclass(frozen=True)
class ImportResult:
    """A written draft: where, its text, the draft data and what to review."""

    path: Path
    text: str
    draft: Draft
    reviews: tuple[Review, ...]
    review_lines: dict[int, Review]  # line of the draft file -> review item


def _review_lines(text: str, reviews: list[Review]) -> dict[int, Review]:
    """The draft line of each review item's comment (in order of appearance)."""
    out: dict[int, Review] = {}
    remaining = list(reviews)
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped.startswith("# KIỂM TRA: "):
            continue
        head = stripped[len("# KIỂM TRA: "):]
        for review in remaining:
            if review.text().startswith(head[: min(len(head), 40)]):
                out[number] = review
                remaining.remove(review)
                break
    return out


def import_document(
    source: Path,
    root: Path,
    issuer: str | None = None,
    out: Path | None = None,
    registries: Registries | None = None,
    source_url: str | None = None,
) -> ImportResult:
    """Read ``source`` and write its draft plan file (default ``plans/<issuer>/<id>.yaml``).

    Raises :class:`UnreadableDocument` when the file cannot be read, :class:`ImportRefused` when
    it holds no plan or the issuer is unknown, and :class:`FileExistsError` when the target file
    exists (nothing is overwritten). Nothing is written when any of them is raised.
    """
    document = read_document(source)
    registries = registries or load_registries(root)
    draft = build_draft(document, registries, issuer, source.name, source_url)
    text = draft_text(draft, source.name)
    target = out or root / "plans" / draft.data["document"]["issuer"] / f"{draft.data['id']}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: the file is created only if it does not exist, with no window for a race.
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return ImportResult(target, text, draft, tuple(draft.reviews),
                        _review_lines(text, draft.reviews))
