"""The draft plan an import produces: plain data in the order of a plan file, and the review list.

Every value the importer is unsure of gets a review item on its path; the writer prints each item
as a ``# KIỂM TRA:`` comment above the value, and the command prints the same list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.sources.documents.model import Location

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Review:
    """One thing the editor must check: where in the draft, what, and where in the source."""

    path: Path
    message: str
    where: Location | None = None

    def text(self) -> str:
        """The message with its source location."""
        if self.where is None:
            return self.message
        return f"{self.message} (nguồn: {self.where.describe()})"


@dataclass
class Draft:
    """A plan file's data (dicts and lists, keys in file order) and what to review in it."""

    data: dict[str, Any]
    reviews: list[Review] = field(default_factory=list)

    def review(self, path: Path, message: str, where: Location | None = None) -> None:
        """Add a review item on ``path``."""
        self.reviews.append(Review(path, message, where))

    def reviews_at(self, path: Path) -> list[Review]:
        """The review items on exactly ``path``."""
        return [r for r in self.reviews if r.path == path]

    def tasks(self) -> list[dict[str, Any]]:
        """Every task of every section, in order."""
        return [task for section in self.data.get("sections", []) for task in section["tasks"]]
