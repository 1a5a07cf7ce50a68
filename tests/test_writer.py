"""Writing the generated tree: only changed files are touched, nothing stale survives, and
writing file by file (with open data from a worker process) gives exactly the in-memory result."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

import pytest

from generator.common.writer import MARKER, MemoryWriter, TreeWriter, WriteStats, describe_files
from generator.facts.snapshot import Snapshot
from generator.publish import tree as tree_module

AS_OF = dt.date(2026, 11, 23)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in root.rglob("*") if p.is_file() and p.name != MARKER}


def write_tree(files: dict[str, str | bytes], out_dir: Path) -> WriteStats:
    """Make ``out_dir`` hold exactly ``files`` through a TreeWriter."""
    writer = TreeWriter(out_dir).start()
    for rel, content in files.items():
        writer.put(rel, content)
    return writer.finish()


def test_write_tree_touches_only_changed_files_and_removes_stale(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write_tree({"a.md": "một", "sub/b.md": b"hai", "sub/c.md": "ba"}, out)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    os.utime(out / "a.md", (1, 1))
    second = write_tree({"a.md": "một", "sub/b.md": b"HAI"}, out)
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert (out / "a.md").stat().st_mtime == 1  # unchanged: left alone for dirty rebuilds
    assert tree(out) == {"a.md": "một".encode(), "sub/b.md": b"HAI"}
    assert not list(out.rglob("*.tmp"))


def test_writer_refuses_a_directory_it_did_not_create(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("của người khác", encoding="utf-8")
    with pytest.raises(FileExistsError, match="không do congkhai tạo"):
        TreeWriter(tmp_path).start()
    assert (tmp_path / "notes.txt").exists()


def test_finish_keeps_files_a_merged_copy_wrote(tmp_path: Path) -> None:
    writer = TreeWriter(tmp_path / "out").start()
    writer.put("trang.md", "x")
    worker = TreeWriter(writer.out_dir)
    worker.put("du-lieu/a.csv", b"1")
    (tmp_path / "out" / "cu.md").write_bytes(b"old")
    writer.merge(pickle.loads(pickle.dumps(worker)))
    stats = writer.finish()
    assert (stats.written, stats.removed) == (2, 1)
    assert set(tree(tmp_path / "out")) == {"trang.md", "du-lieu/a.csv"}
    assert writer.paths == {"trang.md", "du-lieu/a.csv"}


@pytest.fixture(scope="module")
def snapshot(synthetic_project) -> Snapshot:
    return Snapshot(synthetic_project(tasks=200, plans=8, seed=3), AS_OF)


def _write(snapshot: Snapshot, out: Path, monkeypatch: pytest.MonkeyPatch, worker: bool):
    # the threshold decides whether downloads and feeds come from a forked worker
    monkeypatch.setattr(tree_module, "PARALLEL_OPEN_DATA", 1 if worker else 10**9)
    kwargs = {"fragments": True, "source_commit": "0" * 40, "site_url": "https://vd.gov.vn/"}
    (out / "stale").mkdir(parents=True)
    (out / MARKER).write_text("", encoding="utf-8")
    (out / "stale" / "old.md").write_text("cũ", encoding="utf-8")
    writer = TreeWriter(out).start()
    return writer, tree_module.write_site(writer, snapshot, **kwargs)


def test_the_open_data_worker_writes_what_the_build_writes_in_process(
    snapshot: Snapshot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("the worker process is used only on machines with two or more cores")
    _, _ = _write(snapshot, tmp_path / "alone", monkeypatch, worker=False)
    expected = tree(tmp_path / "alone")
    writer, stats = _write(snapshot, tmp_path / "out", monkeypatch, worker=True)
    assert tree(tmp_path / "out") == expected
    assert writer.paths == set(expected)
    assert any(p.startswith("du-lieu/") for p in expected)
    assert stats.written == len(expected) and stats.removed == 1


def test_write_site_removes_stale_files_and_counts_what_it_wrote(
    snapshot: Snapshot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer, stats = _write(snapshot, tmp_path / "out", monkeypatch, worker=False)
    written = tree(tmp_path / "out")
    assert "stale/old.md" not in written
    assert writer.paths == set(written)
    assert stats.written == len(written) and stats.removed == 1


def test_streamed_files_are_described_and_touched_only_when_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    writer = TreeWriter(out).start()
    with writer.stream("du-lieu/a.bin") as handle:
        handle.write(b"mot ")
        handle.write(b"hai")
    assert (out / "du-lieu/a.bin").read_bytes() == b"mot hai"
    assert writer.streamed["du-lieu/a.bin"] == describe_files({"x": b"mot hai"})["x"]
    assert writer.finish().written == 1
    os.utime(out / "du-lieu/a.bin", (1, 1))
    again = TreeWriter(out).start()
    with again.stream("du-lieu/a.bin") as handle:
        handle.write(b"mot hai")
    assert (out / "du-lieu/a.bin").stat().st_mtime == 1  # same bytes: left alone
    assert (again.written, again.unchanged) == (0, 1)
    with pytest.raises(RuntimeError), again.stream("du-lieu/a.bin") as handle:
        handle.write(b"half")
        raise RuntimeError("the producer failed")
    assert (out / "du-lieu/a.bin").read_bytes() == b"mot hai"  # never a half-written file
    assert not list(out.rglob("*.tmp"))


def test_memory_writer_streams_like_the_tree_writer() -> None:
    sink = MemoryWriter()
    with sink.stream("a.txt") as handle:
        handle.write(b"abc")
    sink.put("b.txt", "đ")
    assert sink.files == {"a.txt": b"abc", "b.txt": "đ".encode()}
    assert sink.open_read("a.txt").read() == b"abc"
    assert sink.streamed["a.txt"].size == 3
