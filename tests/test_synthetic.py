"""The synthetic corpus generator used by the benchmarks (bench/synthetic.py)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from bench import synthetic
from generator.model.plans import read_deadline
from generator.model.project import load_project

ROOT = Path(__file__).resolve().parent.parent

AS_OF = dt.date(2026, 11, 23)
SMALL = synthetic.Size(tasks=200, plans=10, provinces=2)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, synthetic.Summary]:
    out = tmp_path_factory.mktemp("small")
    return out, synthetic.generate(out, SMALL, seed=7, as_of=AS_OF)


def test_same_seed_gives_identical_bytes(small, tmp_path: Path) -> None:
    first, _ = small
    synthetic.generate(tmp_path, SMALL, seed=7, as_of=AS_OF)
    assert _files(first) == _files(tmp_path)


def test_other_seed_gives_other_plans(small, tmp_path: Path) -> None:
    first, _ = small
    synthetic.generate(tmp_path, SMALL, seed=8, as_of=AS_OF)
    assert _files(first) != _files(tmp_path)


def test_corpus_passes_check_with_requested_counts(small) -> None:
    root, summary = small
    project, problems = load_project(root, AS_OF)
    assert problems.sorted() == []
    assert len(project.plans) == SMALL.plans == summary.plans
    assert sum(len(p.tasks) for p in project.plans) == SMALL.tasks == summary.tasks
    assert len(project.provinces) == SMALL.provinces == summary.provinces
    assert len(project.agencies) == summary.agencies
    assert all(p.demo for p in project.plans)
    assert all(prov.demo and "tổng hợp" in prov.name for prov in project.provinces.values())
    assert summary.bytes == sum(len(b) for b in _files(root).values())


def test_updates_respect_issue_and_as_of_dates(small) -> None:
    root, _ = small
    project, _ = load_project(root, AS_OF)
    statuses = set()
    for plan in project.plans:
        for task in plan.tasks:
            dates = [u.date for u in task.updates]
            assert len(dates) <= 4
            assert dates == sorted(dates)
            assert all(plan.document.issued <= d <= AS_OF for d in dates)
            statuses.update(u.status for u in task.updates)
    assert {"dang-thuc-hien", "hoan-thanh"} <= statuses


def test_earlier_as_of_date_is_respected(tmp_path: Path) -> None:
    as_of = dt.date(2025, 3, 1)
    synthetic.generate(tmp_path, synthetic.Size(tasks=120, plans=6, provinces=1), seed=3,
                       as_of=as_of)
    project, problems = load_project(tmp_path, as_of)
    assert problems.sorted() == []
    assert len(project.plans) == 6


def test_every_deadline_form_is_understood_as_generated() -> None:
    rng = random.Random(0)
    for _, make in synthetic.DEADLINES:
        for year in (2019, 2024, 2026):
            for _ in range(5):
                raw, due, start = make(rng, year)
                if isinstance(raw, dict):  # what the validator fills in for absent keys
                    raw = {"due": None, "start": None, "kind": None, **raw}
                parsed = read_deadline(raw)
                assert parsed.understood, raw
                assert parsed.due == due, raw
                if start is not None:
                    assert parsed.start == start, raw


def test_task_allocation_is_exact() -> None:
    assert sum(synthetic.allocate(5_000, [2.2, 1.0, 0.85] * 40)) == 5_000
    assert min(synthetic.allocate(130, [50.0, 0.1, 0.1])) >= 1
    assert sum(synthetic.allocate(2, [1.0, 1.0, 1.0])) == 2
    assert synthetic.split_evenly(10, 3) == [4, 3, 3]


def test_cli_prints_plain_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = synthetic.main(["--tasks", "30", "--plans", "3", "--provinces", "1", "--seed", "2",
                           "--out", str(tmp_path / "c")])
    assert code == 0
    figures = dict(line.split() for line in capsys.readouterr().out.splitlines())
    assert figures["plans"] == "3"
    assert figures["tasks"] == "30"
    assert figures["provinces"] == "1"
    assert int(figures["bytes"]) > 0
    float(figures["seconds"])


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, synthetic.Size(tasks=5, plans=1, provinces=1))
    with pytest.raises(SystemExit):
        synthetic.generate(tmp_path, synthetic.Size(tasks=5, plans=1, provinces=1))
    with pytest.raises(SystemExit):
        synthetic.generate(synthetic.REPO, synthetic.Size(tasks=5, plans=1, provinces=1))
    synthetic.generate(tmp_path, synthetic.Size(tasks=5, plans=1, provinces=1), force=True)


def test_yaml_writers_agree(small) -> None:
    import yaml

    root, _ = small
    plan_file = sorted((root / "plans").rglob("*.yaml"))[0]
    data = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    assert yaml.safe_load(synthetic.to_yaml(data)) == data
    assert yaml.safe_load(synthetic.to_yaml_pyyaml(data)) == data
