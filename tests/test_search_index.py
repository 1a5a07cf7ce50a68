"""The search index built at generation time (no browser): folding, tokens, task-level entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from generator.facts.snapshot import Snapshot
from generator.model.project import load_project
from generator.site.search import KIND_TASK, build_index, read_handwritten, tokens

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def index():
    project, problems = load_project(ROOT, dt.date(2026, 11, 23))
    assert not problems
    snapshot = Snapshot(project, dt.date(2026, 11, 23))
    return snapshot, build_index(snapshot, [], read_handwritten(ROOT / "content"))


def expand(deltas: list[int]) -> list[int]:
    out, n = [], 0
    for d in deltas:
        n += d
        out.append(n)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thủ tục hành chính", {"thu", "tuc", "hanh", "chinh"}),
        ("Đầu tư; Điều 17", {"dau", "tu", "dieu", "17"}),
        ("rà soát, hệ thống hóa", {"ra", "soat", "he", "thong", "hoa"}),
        ("Quyết định 4034/QĐ-UBND", {"quyet", "dinh", "4034", "qd", "ubnd", "4034/qd-ubnd"}),
        ("hạn 31/12/2025.", {"han", "31", "12", "2025", "31/12/2025"}),
    ],
)
def test_tokens_fold_diacritics_and_split_punctuation(text, expected):
    assert tokens(text) == expected


def test_every_task_is_its_own_entry_with_its_anchor(index):
    snapshot, built = index
    tasks = [d for d in built["docs"] if d[0] == KIND_TASK]
    assert len(tasks) == len(snapshot.facts)
    plans = built["plans"]
    for fact, doc in zip(snapshot.facts, tasks, strict=True):
        assert doc[1] == fact.anchor
        assert doc[2] == fact.task.title
        assert plans[doc[3]][1] == fact.plan.document.number
        assert [built["agencies"][i] for i in doc[4]] == [
            snapshot.project.agencies[r.agency].name for r in fact.task.leads
        ]


def test_postings_point_at_entries_containing_the_term(index):
    _snapshot, built = index
    docs = built["docs"]
    for term in ("dau", "noi", "4034/qd-ubnd", "31/12/2025"):
        for n in expand(built["terms"][term]):
            doc = docs[n]
            assert n < len(docs)
            if doc[0] == KIND_TASK and term == "31/12/2025":
                assert doc[5] == "31/12/2025"


def test_terms_are_folded_ascii(index):
    _snapshot, built = index
    assert all(term.isascii() for term in built["terms"])


def test_bulk_text_is_not_indexed_but_titles_are(index):
    snapshot, _built = index
    project = snapshot.project
    plan = project.plan("khanh-hoa-qd-4034-2017")
    task = plan.sections[0].tasks[0]
    marked = replace(task, assignment=task.assignment + " zzassignmentmarker",
                     how="zzhowmarker", title=task.title + " zztitlemarker")
    section = replace(plan.sections[0], tasks=(marked, *plan.sections[0].tasks[1:]))
    plan2 = replace(plan, sections=(section, *plan.sections[1:]))
    project2 = replace(project, plans=tuple(plan2 if p.id == plan.id else p for p in project.plans))
    built = build_index(Snapshot(project2, snapshot.as_of), [], [])
    assert "zztitlemarker" in built["terms"]
    assert "zzassignmentmarker" not in built["terms"]
    assert "zzhowmarker" not in built["terms"]
