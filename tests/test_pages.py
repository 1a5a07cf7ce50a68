"""Page building without MkDocs: pagination keeps every item, once, at any corpus size."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.common.urls import agency_page, list_page
from generator.facts.snapshot import Snapshot
from generator.site import pages as pages_module
from generator.site.pages import iter_pages

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def snapshot(synthetic_project) -> Snapshot:
    # A small synthetic province: its UBND plans give departments duties year after year.
    return Snapshot(synthetic_project(tasks=300, plans=12, seed=5), AS_OF)


def test_duties_are_paginated_and_none_is_lost(snapshot, monkeypatch):
    monkeypatch.setattr(pages_module, "DUTY_PAGE_SIZE", 1)
    built = list(iter_pages(snapshot))
    by_path = {p.path: p for p in built}
    holders: dict[str, list[tuple[str, str]]] = {}
    for plan in snapshot.project.plans:
        for duty in plan.duties:
            for agency in dict.fromkeys(r.agency for r in duty.agencies):
                holders.setdefault(agency, []).append((plan.id, duty.id))
    busy = {a: ds for a, ds in holders.items() if len(ds) >= 2}
    assert busy, "the corpus gives some agency several duties"
    for agency_id, expected in busy.items():
        main = by_path[agency_page(agency_id)]
        stem = agency_page(agency_id)[: -len(".md")]
        extra = sorted((p for p in built if p.path.startswith(f"{stem}/trach-nhiem/trang-")),
                       key=lambda p: int(p.path.rsplit("-", 1)[1][:-3]))
        assert [p.path for p in extra] == [list_page(agency_page(agency_id), n, "trach-nhiem")
                                           for n in range(2, len(expected) + 1)]
        # each continuation page leaves a redirect at the address it had before
        assert [p.former for p in extra] == [f"{stem}--trach-nhiem-{n}.md"
                                             for n in range(2, len(expected) + 1)]
        assert len(extra) == len(expected) - 1
        shown = [(d["plan"].url.rstrip("/").rsplit("/", 1)[1], d["id"])
                 for page in (main, *extra) for d in page.context["duties"]]
        assert sorted(shown) == sorted(expected)
        assert main.context["duty_total"] == len(expected)
        assert all(p.demo == snapshot.project.agencies[agency_id].demo for p in extra)
