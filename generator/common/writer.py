"""Writing a generated tree to disk, touching only files whose content changed.

Unchanged files keep their modification time, so a builder that rebuilds only modified sources
(``mkdocs serve --dirty``) redoes only the pages an edit affects. Files are written as they are
produced, so a large site never has to be held in memory at once.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MARKER = ".congkhai-generated"
MARKER_TEXT = "Thư mục do congkhai tạo; mọi thay đổi sẽ bị ghi đè.\n"


@dataclass(frozen=True)
class WriteStats:
    """What a write changed."""

    written: int
    unchanged: int
    removed: int


class TreeWriter:
    """Fills ``out_dir`` file by file; :meth:`finish` removes whatever was not put.

    A writer is plain data (a path, counters and the paths put), so a worker process can write
    its share of the tree through a writer of its own and send it back to be merged.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.written = 0
        self.unchanged = 0
        self._put: set[str] = set()
        self._dirs: set[Path] = set()
        # size and digest of each file written with :meth:`stream`
        self.streamed: dict[str, FileInfo] = {}

    def start(self) -> TreeWriter:
        """Create ``out_dir``; refuse a non-empty directory that congkhai did not create."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        marker = self.out_dir / MARKER
        if not marker.exists() and any(self.out_dir.iterdir()):
            raise FileExistsError(
                f"{self.out_dir} có tệp không do congkhai tạo; chọn thư mục khác hoặc xóa nó "
                "trước."
            )
        marker.write_text(MARKER_TEXT, encoding="utf-8")
        return self

    def put(self, rel: str, content: str | bytes) -> None:
        """Write one file (``rel`` relative to ``out_dir``) unless it already holds ``content``.

        An existing file is replaced atomically (a preview may be reading it); a new one is
        written in place, since creating files dominates the cost of a first build.
        """
        self._put.add(rel)
        target = self.out_dir / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            size = target.stat().st_size
        except FileNotFoundError:
            parent = target.parent
            if parent not in self._dirs:
                parent.mkdir(parents=True, exist_ok=True)
                self._dirs.add(parent)
            target.write_bytes(data)
            self.written += 1
            return
        if size == len(data) and target.read_bytes() == data:
            self.unchanged += 1
            return
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        self.written += 1

    @contextmanager
    def stream(self, rel: str) -> Iterator[BinaryIO]:
        """Write one file piece by piece: a large download never has to be held in memory.

        The pieces go to a temporary file beside the target, which replaces the target only
        if its content differs (like :meth:`put`). The file is seekable (a ZIP writer needs
        that). Its size and SHA-256 are recorded in :attr:`streamed`.
        """
        self._put.add(rel)
        target = self.out_dir / rel
        parent = target.parent
        if parent not in self._dirs:
            parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        tmp = target.with_name(target.name + ".tmp")
        try:
            with open(tmp, "w+b") as out:
                yield out
                out.flush()
                out.seek(0)
                info = _describe_stream(out)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self.streamed[rel] = info
        try:
            same = target.stat().st_size == info.size and _describe_path(target) == info
        except FileNotFoundError:
            same = False
        if same:
            tmp.unlink()
            self.unchanged += 1
        else:
            os.replace(tmp, target)
            self.written += 1

    def open_read(self, rel: str) -> BinaryIO:
        """A file written through this writer, open for reading."""
        return open(self.out_dir / rel, "rb")

    @property
    def paths(self) -> frozenset[str]:
        """Every file put so far (and, after :meth:`finish`, those kept)."""
        return frozenset(self._put)

    def merge(self, other: TreeWriter) -> None:
        """Count as ours what ``other`` (a worker's writer on the same directory) wrote."""
        self.written += other.written
        self.unchanged += other.unchanged
        self._put |= other._put
        self.streamed.update(other.streamed)

    def finish(self, keep: Callable[[str], bool] | None = None) -> WriteStats:
        """Remove every file not put through this writer (or a merged copy), except those for
        which ``keep`` (given a path relative to ``out_dir``) is true."""
        removed = 0
        wanted = self._put | {MARKER}
        for path in sorted(p for p in self.out_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(self.out_dir).as_posix()
            # a .tmp file is what an interrupted write left behind: never worth keeping
            if rel not in wanted and (rel.endswith(".tmp") or not (keep and keep(rel))):
                path.unlink()
                removed += 1
        for directory in sorted((p for p in self.out_dir.rglob("*") if p.is_dir()),
                                reverse=True):
            if not any(directory.iterdir()):
                directory.rmdir()
        return WriteStats(self.written, self.unchanged, removed)


@dataclass(frozen=True)
class FileInfo:
    """What the open-data page says of a file: its size and SHA-256."""

    size: int
    sha256: str


def describe_files(files: Mapping[str, bytes]) -> dict[str, FileInfo]:
    """Size and digest of each file, so that the files themselves need not be kept."""
    return {path: FileInfo(len(data), hashlib.sha256(data).hexdigest())
            for path, data in files.items()}


def _describe_stream(handle: BinaryIO) -> FileInfo:
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(1 << 20):
        digest.update(chunk)
        size += len(chunk)
    return FileInfo(size, digest.hexdigest())


def _describe_path(path: Path) -> FileInfo:
    with open(path, "rb") as handle:
        return _describe_stream(handle)


class MemoryWriter:
    """The writing side of :class:`TreeWriter` in memory: files end up in :attr:`files`.

    Code that writes downloads takes either; tests and callers that want bytes use this one.
    """

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.streamed: dict[str, FileInfo] = {}

    def put(self, rel: str, content: str | bytes) -> None:
        self.files[rel] = content.encode("utf-8") if isinstance(content, str) else content

    @contextmanager
    def stream(self, rel: str) -> Iterator[BinaryIO]:
        buffer = io.BytesIO()
        yield buffer
        self.files[rel] = buffer.getvalue()
        self.streamed[rel] = describe_files({rel: self.files[rel]})[rel]

    def open_read(self, rel: str) -> BinaryIO:
        return io.BytesIO(self.files[rel])
