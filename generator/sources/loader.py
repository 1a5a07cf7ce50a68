"""Finding the data files of a project and validating each against its format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.sources.problems import ProblemList
from generator.sources.safety import inside
from generator.sources.schema import AGENCY_FILE, AREA_FILE
from generator.sources.spec import Record
from generator.sources.validate import Loaded, validate_nodes
from generator.sources.yamlsource import load_nodes

AREAS_FILE = Path("content/registries/areas.yaml")
AGENCIES_DIR = Path("content/registries/agencies")
PLANS_DIR = Path("plans")


def find_root(start: Path) -> Path:
    """The nearest directory at or above ``start`` that holds ``content/registries``."""
    for candidate in (start, *start.parents):
        if (candidate / "content" / "registries").is_dir():
            return candidate
    return start


@dataclass(frozen=True)
class Layout:
    """Where a project's data files live."""

    root: Path

    @property
    def areas_file(self) -> Path:
        """The reform-area registry."""
        return self.root / AREAS_FILE

    def agency_files(self) -> list[Path]:
        """Agency registry files, sorted (none reached through a symlink: generator.sources.safety
        reports those)."""
        base = self.root / AGENCIES_DIR
        return sorted(p for p in base.glob("*.y*ml")
                      if p.suffix in (".yaml", ".yml") and inside(self.root, p))

    def plan_files(self) -> list[Path]:
        """Plan files, sorted (none reached through a symlink: generator.sources.safety reports
        those)."""
        base = self.root / PLANS_DIR
        return sorted(p for p in base.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
                      and inside(self.root, p))

    def display(self, path: Path) -> str:
        """``path`` relative to the project root, for messages."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def load_file(path: Path, spec: Record, display: str, problems: ProblemList) -> Loaded | None:
    """Read and validate one file; None when it cannot be read or has any problem."""
    before = problems.total
    root, _text = load_nodes(path, display, problems)
    if root is None:
        return None
    loaded = validate_nodes(root, spec, display, problems)
    if problems.total > before:
        return None
    return loaded


def load_areas(layout: Layout, problems: ProblemList) -> Loaded | None:
    """The validated reform-area registry."""
    path = layout.areas_file
    if not inside(layout.root, path):
        return None  # generator.sources.safety reports the link
    if not path.exists():
        problems.add(layout.display(path), 1, 1, "missing-registry",
                     "Không tìm thấy danh mục lĩnh vực.",
                     f"Tạo tệp {AREAS_FILE.as_posix()} theo hướng dẫn.")
        return None
    return load_file(path, AREA_FILE, layout.display(path), problems)


def load_agency_files(layout: Layout, problems: ProblemList) -> list[Loaded]:
    """Every validated agency registry file."""
    out = []
    for path in layout.agency_files():
        loaded = load_file(path, AGENCY_FILE, layout.display(path), problems)
        if loaded is not None:
            out.append(loaded)
    return out
