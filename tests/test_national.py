"""Sharding by province: each shard builds on its own; the national index links and sums them."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from bench import synthetic
from generator.facts.snapshot import Snapshot
from generator.model.project import load_project
from generator.publish.build import publish
from generator.publish.national import ShardError, build_national

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory):
    corpus = tmp_path_factory.mktemp("corpus")
    synthetic.generate(corpus, synthetic.Size(tasks=240, plans=6, provinces=2), seed=3,
                       as_of=AS_OF)
    shutil.copy(ROOT / "mkdocs.yml", corpus / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", corpus / "theme")
    for page in (ROOT / "content").glob("*.md"):
        shutil.copy(page, corpus / "content" / page.name)
    shutil.copytree(ROOT / "content" / "huong-dan-bien-tap",
                    corpus / "content" / "huong-dan-bien-tap")
    out = tmp_path_factory.mktemp("national")
    whole, problems = load_project(corpus, AS_OF)
    assert not problems
    models = {}
    for province in sorted(whole.provinces):
        project, problems = load_project(corpus, AS_OF, province=province)
        assert not problems
        publish(corpus, project, AS_OF, out / province, shard=province)
        models[province] = project
    return out, whole, models, build_national(out)


def test_each_shard_holds_only_its_province(shards):
    out, whole, models, _summaries = shards
    assert len(models) == 2
    for province, project in models.items():
        assert project.plans and all(
            project.agencies[p.document.issuer].province == province for p in project.plans)
        site = out / province
        for plan in whole.plans:
            built = (site / "ke-hoach" / plan.id / "index.html").exists()
            assert built == (plan in project.plans)
        assert not any(a.province not in (province, None) for a in project.agencies.values())
        # the shard's site name carries the province
        home = (site / "index.html").read_text(encoding="utf-8")
        assert f": {whole.provinces[province].name}" in home
    assert sum(len(m.plans) for m in models.values()) == len(whole.plans)


def test_national_index_sums_the_shards(shards):
    out, _whole, models, summaries = shards
    data = json.loads((out / "du-lieu" / "quoc-gia.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in data["provinces"]] == sorted(models)
    for entry in data["provinces"]:
        snapshot = Snapshot(models[entry["id"]], AS_OF)
        summary = snapshot.summary()
        assert entry["plans"] == len(models[entry["id"]].plans)
        assert entry["tasks"] == summary.total
        assert entry["overdue"] == summary.overdue
        assert entry["unreported"] == summary.unreported
        assert (out / entry["export"]).is_file()
    html = (out / "index.html").read_text(encoding="utf-8")
    for summary in summaries:
        assert f'href="{summary.href}"' in html
        assert (out / summary.href / "index.html").is_file()
    assert "http://" not in html and "https://" not in html


def test_unknown_province_is_a_located_problem(tmp_path: Path):
    _project, problems = load_project(ROOT, AS_OF, province="khong-co")
    assert [p.code for p in problems] == ["unknown-province"]


def test_a_failed_run_leaves_the_previous_index(shards, tmp_path: Path):
    out, *_ = shards
    before = (out / "index.html").read_bytes()
    broken = out / "khong-phai-tinh"
    (broken / "du-lieu").mkdir(parents=True)
    (broken / "du-lieu" / "congkhai.json").write_text("{ not json", encoding="utf-8")
    try:
        with pytest.raises(ShardError, match="khong-phai-tinh"):
            build_national(out)
    finally:
        shutil.rmtree(broken)
    assert (out / "index.html").read_bytes() == before


def test_demo_plans_stay_out_of_a_real_province(tmp_path: Path):
    site = tmp_path / "tinh-that"
    (site / "du-lieu").mkdir(parents=True)
    summary = {"tasks": 4, "overdue": 1, "past_due_unreported": 2, "fallen_due_reported": 1,
               "completed_of_fallen_due": 0, "reported": 2}
    export = {"as_of": "2026-11-23", "source_commit": None,
              "provinces": [{"id": "tinh-that", "name": "Tỉnh Thật", "demo": False}],
              "plans": [{"demo": False, "summary": summary},
                        {"demo": True, "summary": {k: 100 for k in summary}}]}
    (site / "du-lieu" / "congkhai.json").write_text(json.dumps(export), encoding="utf-8")
    [shard] = build_national(tmp_path)
    assert (shard.plans, shard.tasks, shard.overdue, shard.past_due_unreported) == (1, 4, 1, 2)
    assert "tinh-that/" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_nothing_is_written_without_shards(tmp_path: Path):
    assert build_national(tmp_path) == []
    assert list(tmp_path.iterdir()) == []
