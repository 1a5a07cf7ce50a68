"""Writing a generated tree to disk, touching only files whose content changed.

Unchanged files keep their modification time, so a builder that rebuilds only modified sources
(``mkdocs serve --dirty``) redoes only the pages an edit affects.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MARKER = ".congkhai-generated"


@dataclass(frozen=True)
class WriteStats:
    """What a write changed."""

    written: int
    unchanged: int
    removed: int


def write_tree(files: dict[str, str] | dict[str, str | bytes], out_dir: Path) -> WriteStats:
    """Make ``out_dir`` hold exactly ``files``; refuse to clean a directory we did not create."""
    out_dir.mkdir(parents=True, exist_ok=True)
    marker = out_dir / MARKER
    existing = {
        p.relative_to(out_dir).as_posix()
        for p in out_dir.rglob("*")
        if p.is_file() and p.name != MARKER
    }
    if existing and not marker.exists():
        raise FileExistsError(
            f"{out_dir} có tệp không do congkhai tạo; chọn thư mục khác hoặc xóa nó trước."
        )
    marker.write_text("Thư mục do congkhai tạo; mọi thay đổi sẽ bị ghi đè.\n", encoding="utf-8")
    written = unchanged = 0
    for rel, text in files.items():
        target = out_dir / rel
        data = text.encode("utf-8") if isinstance(text, str) else text
        if target.exists() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        written += 1
    removed = 0
    for rel in sorted(existing - set(files)):
        (out_dir / rel).unlink()
        removed += 1
    for directory in sorted((p for p in out_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return WriteStats(written, unchanged, removed)
