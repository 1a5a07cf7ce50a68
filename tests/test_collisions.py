"""The addresses the generator claims cover everything it generates, and hand-written pages are
compared with them as MkDocs addresses them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.common.collisions import _owner, address, check_addresses
from generator.facts.snapshot import Snapshot
from generator.model.project import load_project
from generator.publish.tree import render_site
from generator.sources.problems import ProblemList

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


@pytest.mark.parametrize(("rel", "expected"), [
    ("index.md", ""), ("README.md", ""), ("gioi-thieu.md", "gioi-thieu/"),
    ("ke-hoach/index.md", "ke-hoach/"), ("ke-hoach/README.md", "ke-hoach/"),
    ("ke-hoach/x.md", "ke-hoach/x/"), ("Ke-Hoach/X.MD", "Ke-Hoach/X/"),
    ("du-lieu/nhiem-vu.csv", "du-lieu/nhiem-vu.csv"), ("a/b/c.png", "a/b/c.png"),
])
def test_address(rel: str, expected: str) -> None:
    assert address(rel) == expected


def test_every_generated_file_is_claimed() -> None:
    project, problems = load_project(ROOT, AS_OF)
    assert not problems
    files = render_site(Snapshot(project, AS_OF), fragments=True)
    unclaimed = [rel for rel in files if _owner(address(rel).casefold()) is None]
    assert not unclaimed, unclaimed[:10]
    assert len(files) > 100


def test_paginated_lists_and_their_former_addresses_are_claimed(synthetic_project) -> None:
    # the repository's lists fit one page; a synthetic province's do not
    snapshot = Snapshot(synthetic_project(tasks=700, plans=6, seed=3), AS_OF)
    files = render_site(snapshot, fragments=True, open_data=False)
    continued = [rel for rel in files if "/trang-" in rel or "--" in rel]
    assert any(rel.startswith("sap-den-han/") and "/trang-" in rel for rel in continued)
    assert any(rel.startswith("sap-den-han--") for rel in continued)
    unclaimed = [rel for rel in files if _owner(address(rel).casefold()) is None]
    assert not unclaimed, unclaimed[:10]


def test_the_shipped_pages_collide_with_nothing() -> None:
    problems = ProblemList()
    check_addresses(ROOT, problems)
    assert problems == []
