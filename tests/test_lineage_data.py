"""The lineage recorded in the repository's registries: coverage of the real plans, the demo
province exercising every kind, and the honesty rules the data must keep."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.facts.changes import plan_reach
from generator.model.entities import Project
from generator.model.project import load_project
from generator.sources.vocabulary import LINEAGE_KINDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project() -> Project:
    loaded, problems = load_project(ROOT, dt.date(2026, 12, 1), cache_dir=None)
    assert not problems.errors(), problems
    return loaded


def test_every_agency_and_province_of_the_real_plans_says_what_became_of_it(project) -> None:
    named: set[str] = set()
    for plan in project.plans:
        if not plan.demo:
            named |= plan_reach(plan)[0]
    agencies = project.agencies
    silent = sorted(a for a in named
                    if not agencies[a].lineage and agencies[a].lineage_status is None)
    assert not silent, f"agencies with neither lineage events nor a lineage status: {silent}"
    provinces = {project.agencies[a].province for a in named} - {None}
    assert provinces == {"khanh-hoa", "lao-cai", "nam-dinh", "quang-ngai", "quang-ninh"}
    for province_id in provinces:
        province = project.provinces[province_id]
        assert province.lineage or province.lineage_status, province_id


def test_real_events_carry_a_legal_basis_and_sources(project) -> None:
    events = [e for a in project.agencies.values() for e in a.lineage if not a.demo]
    events += [e for p in project.provinces.values() for e in p.lineage if not p.demo]
    assert len(events) >= 40
    for event in events:
        assert event.basis is not None, event.subject
        assert event.sources and all(s.url.startswith("http") for s in event.sources)
        assert not any("example.org" in s.url for s in event.sources), event.subject
        if event.confidence == "mot-phan":
            assert event.missing or event.derived, event.subject


def test_the_merged_provinces_point_to_the_provinces_they_became(project) -> None:
    expected = {"khanh-hoa": "khanh-hoa-2025", "lao-cai": "lao-cai-2025",
                "quang-ngai": "quang-ngai-2025", "nam-dinh": "ninh-binh-2025"}
    for old, new in expected.items():
        (event,) = project.provinces[old].lineage
        assert event.date == dt.date(2025, 7, 1)
        assert [p.id for p in event.successors] == [new]
        assert event.basis is not None and event.basis.number == "202/2025/QH15"
    assert project.provinces["quang-ninh"].lineage_status.status == "khong-thay-doi"


def test_district_level_ended_with_its_successor_not_established(project) -> None:
    for province in ("khanh-hoa", "lao-cai", "nam-dinh", "quang-ngai", "quang-ninh"):
        (event,) = project.agencies[f"{province}-ubnd-cap-huyen"].lineage
        assert event.kind == "ket-thuc" and event.date == dt.date(2025, 7, 1)
        assert all(p.unknown for p in event.successors)
        assert event.basis.number == "72/2025/QH15"


def test_the_demo_province_exercises_every_kind_and_only_fictional_sources(project) -> None:
    demo = [e for a in project.agencies.values() if a.demo for e in a.lineage]
    assert {e.kind for e in demo} == set(LINEAGE_KINDS)
    assert all(e.demo for e in demo)
    assert all("example.org" in s.url for e in demo for s in e.sources)
    assert all("hư cấu" in (e.basis.issuer or "") for e in demo)


def test_the_export_adds_lineage_and_the_successor_as_of_the_status_date(project) -> None:
    from generator.downloads.export import export_json
    from generator.facts.snapshot import Snapshot

    def agency(data: dict, agency_id: str) -> dict:
        return next(a for a in data["agencies"] if a["id"] == agency_id)

    later = export_json(Snapshot(project, dt.date(2026, 12, 1)))
    earlier = export_json(Snapshot(project, dt.date(2025, 1, 1)))
    kh = agency(later, "khanh-hoa-so-ke-hoach-va-dau-tu")
    assert [h["id"] for h in kh["successors_as_of"]] == ["khanh-hoa-so-tai-chinh"]
    assert kh["successors_as_of"][0]["since_exact"] is False  # known_by, the date is unknown
    assert kh["lineage"][0]["basis"]["number"] is None
    assert agency(earlier, "khanh-hoa-so-ke-hoach-va-dau-tu")["successors_as_of"] == []
    assert agency(earlier, "khanh-hoa-so-ke-hoach-va-dau-tu")["lineage"][0]["in_effect"] is False
    chain = agency(later, "khanh-hoa-so-van-hoa-the-thao-va-du-lich")["successors_as_of"]
    assert [h["id"] for h in chain] == ["khanh-hoa-2025-so-van-hoa-the-thao-va-du-lich"]
    district = agency(later, "lao-cai-ubnd-cap-huyen")["successors_as_of"]
    assert district and district[0]["id"] is None and district[0]["name"] is None
    nam_dinh = next(p for p in later["provinces"] if p["id"] == "nam-dinh")
    assert [h["id"] for h in nam_dinh["successors_as_of"]] == ["ninh-binh-2025"]
    assert agency(later, "khanh-hoa-so-y-te")["lineage_status"]["status"] == "chua-xac-dinh"
    # leads stay as the documents name them
    plan = next(p for p in later["plans"] if p["id"] == "khanh-hoa-qd-4034-2017")
    leads = {r["agency"] for t in plan["tasks"] for r in t["leads"]}
    assert "khanh-hoa-so-ke-hoach-va-dau-tu" in leads
