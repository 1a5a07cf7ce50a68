"""The plan cache: typed JSON that round-trips the model, never runs code, survives any damage
and stays bounded."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from generator.model.entities import Plan
from generator.model.plancache import Cache, CacheError, decode, encode
from generator.model.project import load_project
from generator.sources.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture
def project_copy(tmp_path: Path, copy_repo) -> Path:
    return copy_repo(tmp_path / "repo")


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file())


def test_every_shipped_plan_round_trips_exactly() -> None:
    project, problems = load_project(ROOT, AS_OF)
    assert not problems
    for plan in project.plans:
        again = decode(Plan, json.loads(json.dumps(encode(plan))))
        assert again == plan, plan.id
        assert encode(again) == encode(plan)
    problem = Problem("a.yaml", 1, 2, "too-many-problems", "m", "h", omitted=(("x", 3),))
    assert decode(Problem, json.loads(json.dumps(encode(problem)))) == problem


@pytest.mark.parametrize("data", [
    None, [], "x", {"id": "x"},
    {"file": "a", "line": "1", "column": 1, "code": "c", "message": "m", "hint": "",
     "severity": "error", "omitted": []},
    {"file": "a", "line": True, "column": 1, "code": "c", "message": "m", "hint": "",
     "severity": "error", "omitted": []},
    {"file": "a", "line": 1, "column": 1, "code": "c", "message": "m", "hint": "",
     "severity": "error", "omitted": [], "extra": 1},
    {"__reduce__": "os.system", "args": ["touch /tmp/x"]},
])
def test_anything_else_is_refused(data) -> None:
    with pytest.raises(CacheError):
        decode(Problem, data)


def test_cache_hits_and_equals_a_fresh_load(project_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh, _ = load_project(project_copy, AS_OF, cache_dir=None)
    first, _ = load_project(project_copy, AS_OF, cache_dir=cache)
    stored = entries(cache)
    assert len(stored) == len(fresh.plans)
    assert all(p.suffix == ".json" for p in stored)
    mtimes = [p.stat().st_mtime_ns for p in stored]
    second, _ = load_project(project_copy, AS_OF, cache_dir=cache)
    assert second.plans == fresh.plans == first.plans
    assert [p.stat().st_mtime_ns for p in entries(cache)] == mtimes  # read, not rewritten


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "pickle", "wrong-type",
                                    "other-key", "directory"])
def test_a_damaged_entry_is_ignored_and_rebuilt(project_copy: Path, tmp_path: Path,
                                                damage: str) -> None:
    cache = tmp_path / "cache"
    fresh, _ = load_project(project_copy, AS_OF, cache_dir=cache)
    marker = tmp_path / "ran"

    class Boom:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    for entry in entries(cache):
        data = entry.read_bytes()
        if damage == "truncate":
            entry.write_bytes(data[: len(data) // 2])
        elif damage == "garbage":
            entry.write_bytes(b"\x80\x04\x95garbage{[")
        elif damage == "empty":
            entry.write_bytes(b"")
        elif damage == "pickle":
            entry.write_bytes(pickle.dumps(Boom()))
        elif damage == "wrong-type":
            entry.write_text(data.decode().replace('"id_line":', '"id_line":"x","x":'))
        elif damage == "other-key":
            doc = json.loads(data)
            doc["key"] = "0" * 64
            entry.write_text(json.dumps(doc))
        else:
            entry.unlink()
            entry.mkdir()
    again, problems = load_project(project_copy, AS_OF, cache_dir=cache)
    assert not problems
    assert again.plans == fresh.plans
    assert not marker.exists()
    if damage != "directory":
        for entry in entries(cache):
            doc = json.loads(entry.read_bytes())  # rebuilt as a valid entry
            assert doc["format"] == 1


def test_an_unwritable_cache_costs_nothing_but_time(project_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a directory")
    project, problems = load_project(project_copy, AS_OF, cache_dir=blocker)
    assert not problems and project.plans


def test_cache_keeps_one_status_date_and_one_entry_per_file(project_copy: Path,
                                                            tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plans = sorted((project_copy / "plans").rglob("*.yaml"))
    for day in range(5):
        as_of = AS_OF + dt.timedelta(days=day)
        for edit in range(3):
            path = plans[edit % len(plans)]
            path.write_text(path.read_text("utf-8") + f"# sửa {day} {edit}\n", encoding="utf-8")
            load_project(project_copy, as_of, cache_dir=cache)
        assert len([d for d in cache.iterdir() if d.is_dir()]) == 1
        assert len(entries(cache)) == len(plans)
    # a partial load (one file) does not prune the others
    load_project(project_copy, as_of, plan_paths=plans[:1], cache_dir=cache)
    assert len(entries(cache)) == len(plans)


def test_old_pickles_are_removed(project_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "deadbeef.pickle").write_bytes(b"\x80\x04N.")
    (cache / "deadbeef.1.tmp").write_bytes(b"x")
    load_project(project_copy, AS_OF, cache_dir=cache)
    assert not list(cache.glob("*.pickle")) and not list(cache.glob("*.tmp"))
    shutil.rmtree(cache)


def test_unreadable_cache_directory_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "missing" / "deeper", "salt")
    assert cache.get("k", Problem) is None
    cache.put("k", Problem("a", 1, 1, "c", "m"))
    assert cache.get("k", Problem) == Problem("a", 1, 1, "c", "m")


def test_a_memo_reads_again_only_the_edited_file(project_copy: Path, monkeypatch) -> None:
    # A preview keeps what each plan file gave in memory: after an edit, only that file is
    # read (no cache entry decoded either), and the project equals a fresh load.
    from generator.model import project as loading
    read: list[str] = []
    original = loading._read_outcome

    def counted(path: Path, display: str, as_of: dt.date):  # type: ignore[no-untyped-def]
        read.append(display)
        return original(path, display, as_of)

    monkeypatch.setattr(loading, "_read_outcome", counted)
    memo: dict[str, object] = {}
    first, _ = load_project(project_copy, AS_OF, memo=memo, workers=1)
    assert len(read) == len(first.plans) == len(memo)
    read.clear()
    again, _ = load_project(project_copy, AS_OF, memo=memo, workers=1)
    assert read == [] and again == first
    plan = first.plans[0]
    path = project_copy / plan.path
    path.write_text(path.read_text(encoding="utf-8").replace(plan.title, plan.title + " (sửa)", 1),
                    encoding="utf-8")
    edited, problems = load_project(project_copy, AS_OF, memo=memo, workers=1)
    assert not problems and read == [plan.path]
    assert edited == load_project(project_copy, AS_OF)[0]
    assert len(memo) == len(first.plans)  # the outcome of the file as it was is gone
    read.clear()
    load_project(project_copy, AS_OF + dt.timedelta(days=1), memo=memo, workers=1)
    assert len(read) == len(first.plans)  # another status date: everything read again
