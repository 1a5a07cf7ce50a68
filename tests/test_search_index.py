"""The search index built at generation time (no browser): folding, tokens, one result per thing
the site publishes, each opening an anchor that exists."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.common import urls
from generator.facts.snapshot import Snapshot
from generator.model.project import load_project
from generator.site.search import (
    AGENCY,
    BASELINE,
    DUTY,
    EDITOR_PAGE,
    KINDS,
    LEGAL_BASIS,
    NOTE,
    OBJECTIVE,
    PAGE,
    PLAN,
    TARGET,
    TASK,
    Kind,
    SearchDoc,
    read_handwritten,
    text_page,
    tokens,
)
from generator.site.search_index import build_index, varints
from generator.sources.fieldnames import plain_words

if TYPE_CHECKING:
    from conftest import BuiltSite, HtmlPage

ROOT = Path(__file__).resolve().parent.parent
B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


@pytest.fixture(scope="module")
def snapshot():
    project, problems = load_project(ROOT, dt.date(2026, 11, 23))
    assert not problems
    return Snapshot(project, dt.date(2026, 11, 23))


@pytest.fixture(scope="module")
def index(snapshot):
    return snapshot, build_index(snapshot, [], read_handwritten(ROOT / "content"))


def decode(text: str) -> list[int]:
    """The browser's decoding of a postings string (congkhai-search.js)."""
    out, n, delta, scale = [], 0, 0, 1
    for ch in text:
        v = B64.index(ch)
        delta += (v & 31) * scale
        if v & 32:
            scale *= 32
            continue
        n += delta
        out.append(n)
        delta, scale = 0, 1
    return out


class Index:
    """The JSON index read as the browser reads it."""

    def __init__(self, built: dict) -> None:
        self.built = built
        self.records = [r.split("\t") for r in built["docs"].split("\n")]
        # the kind field is the kind's letter, then "*" for demo data
        self.demo = [r[0].endswith("*") for r in self.records]
        for r in self.records:
            r[0] = r[0].rstrip("*")
        terms = built["terms"].split(" ")
        self.postings = {}
        for term, both in zip(terms, built["postings"].split(" "), strict=True):
            title, body = both.split(",")
            self.postings[term] = (decode(title), decode(body))

    def of_kind(self, kind: Kind) -> list[list[str]]:
        return [r for r in self.records if r[0] == kind.code]

    def docs_with(self, term: str) -> set[int]:
        title, body = self.postings.get(term, ([], []))
        return set(title) | set(body)

    def find(self, text: str) -> set[int]:
        """Documents holding every token of ``text`` (what the browser's AND does)."""
        found = None
        for token in tokens(text):
            docs = self.docs_with(token)
            found = docs if found is None else found & docs
        return found or set()

    def url(self, n: int) -> str:
        """Where result ``n`` opens, relative to the site root (as congkhai-search.js does)."""
        r = self.records[n]
        plans = self.built["plans"]
        if r[0] == PLAN.code:
            return plans[int(r[3])][0]
        if r[3] != "" and "/" not in r[1]:
            return plans[int(r[3])][0] + "#" + r[1]
        return r[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thủ tục hành chính", {"thu", "tuc", "hanh", "chinh"}),
        ("Đầu tư; Điều 17", {"dau", "tu", "dieu", "17"}),
        ("rà soát, hệ thống hóa", {"ra", "soat", "he", "thong", "hoa"}),
        ("Quyết định 4034/QĐ-UBND", {"quyet", "dinh", "4034", "qd", "ubnd", "4034/qd-ubnd"}),
        ("hạn 31/12/2025.", {"han", "31", "12", "2025", "31/12/2025"}),
        ("Sở TT&TT", {"so", "tt", "tt&tt"}),
    ],
)
def test_tokens_fold_diacritics_and_split_punctuation(text, expected):
    assert tokens(text) == expected


def test_varints_round_trip():
    numbers = [0, 1, 2, 31, 32, 33, 1000, 1023, 1024, 40_000, 1_000_000, 33_554_432]
    assert decode(varints(numbers)) == numbers
    assert varints([]) == ""
    assert all(ch in B64 for ch in varints(numbers))


def test_every_task_is_its_own_entry_with_its_anchor(index):
    snapshot, built = index
    read = Index(built)
    tasks = read.of_kind(TASK)
    assert len(tasks) == len(snapshot.facts)
    plans = built["plans"]
    for fact, doc in zip(snapshot.facts, tasks, strict=True):
        assert doc[1] == fact.anchor
        assert doc[2] == fact.task.title
        assert plans[int(doc[3])][1] == fact.plan.document.number
        leads = [built["agencies"][int(i)] for i in doc[4].split(",") if i]
        assert leads == [snapshot.project.agencies[r.agency].name for r in fact.task.leads]
        assert built["statuses"][int(doc[6])] == fact.status.label
    demo = {n for n, r in enumerate(read.records) if r[0] == TASK.code and read.demo[n]}
    assert len(demo) == sum(1 for f in snapshot.facts if f.plan.demo) > 0


def test_postings_are_exactly_the_entries_containing_the_term(snapshot):
    # Documents whose words we choose, after every document of the real data: the postings of
    # a made-up term must name exactly the ones holding it (in the title or the text, with or
    # without diacritics, as a part of a compound such as "zqxa-b", not inside a longer word).
    texts = [("Báo cáo zqxa quý I", ""), ("Không liên quan", "cuối năm"),
             ("Tiêu đề", "ZQXÁ, 2025"), ("zqxab", "zqxa-b"), ("Kết quả", "zqxab"),
             ("zqxa", "zqxa zqxa")]
    extra = [SearchDoc(NOTE, f"ghi-chu-{i}", title, (body,))
             for i, (title, body) in enumerate(texts)]
    read = Index(build_index(snapshot, [], [], extra))
    first = len(read.records) - len(extra)
    assert [r[2] for r in read.records[first:]] == [title for title, _ in texts]
    assert read.docs_with("zqxa") == {first, first + 2, first + 3, first + 5}
    # a term of real data: every entry it names holds it, and no entry holding it is missed
    for term in ("4034/qd-ubnd", "31/12/2025"):
        docs = read.docs_with(term)
        assert docs
        for n in docs:
            record = read.records[n]
            if record[0] == TASK.code and term == "31/12/2025":
                assert record[5] == "31/12/2025"
    due = {n for n, r in enumerate(read.records) if r[0] == TASK.code and r[5] == "31/12/2025"}
    assert due <= read.docs_with("31/12/2025")


def test_title_postings_are_the_words_of_the_title(index):
    _snapshot, built = index
    read = Index(built)
    for term, (title, body) in read.postings.items():
        assert not set(title) & set(body), term
        for n in title[:50]:
            record = read.records[n]
            shown = " ".join((record[2], record[7], record[8].replace("|", " ")))
            assert term in tokens(shown), (term, record[:3])


def test_terms_are_folded_ascii_and_sorted(index):
    _snapshot, built = index
    terms = built["terms"].split(" ")
    assert all(term.isascii() for term in terms)
    assert terms == sorted(terms) and len(set(terms)) == len(terms)


def test_every_kind_of_published_text_is_a_result(index):
    """Objectives, targets, baselines, duties, legal bases, notes, pages: each thing is one
    result of its kind, and its whole text finds it."""
    snapshot, built = index
    read = Index(built)
    project = snapshot.project
    expected = {
        OBJECTIVE: sum(len(p.objectives) for p in project.plans) + sum(
            len(f.task.objectives) for f in snapshot.facts),
        TARGET: sum(len(o.targets) for p in project.plans for o in p.objectives) + sum(
            len(o.targets) for f in snapshot.facts for o in f.task.objectives),
        BASELINE: sum(len(p.baselines) for p in project.plans),
        DUTY: sum(len(p.duties) for p in project.plans),
        LEGAL_BASIS: sum(len(p.legal_bases) for p in project.plans),
        NOTE: sum(len(p.notes) for p in project.plans),
        PLAN: len(project.plans),
        AGENCY: len(project.agencies),
    }
    for kind, count in expected.items():
        assert count, kind
        assert len(read.of_kind(kind)) == count, kind.label
    assert read.of_kind(PAGE) and read.of_kind(EDITOR_PAGE)
    assert {r[0] for r in read.records} <= {k.code for k in KINDS}
    assert set(built["kinds"]) == {r[0] for r in read.records}
    # the whole text, however long, finds its result (a word from the end of each)
    for plan in project.plans:
        for obj in plan.objectives:
            last = max(tokens(obj.text[-60:]) - {""}, key=len)
            assert any(read.records[n][0] == OBJECTIVE.code for n in read.docs_with(last)), obj.id
        for note in map(plain_words, plan.notes):  # as the plan page shows it
            last = max(tokens(note[-60:]), key=len)
            assert any(read.records[n][0] == NOTE.code for n in read.docs_with(last))


def test_assignment_how_and_update_notes_find_their_task(snapshot):
    project = snapshot.project
    plan = project.plan("khanh-hoa-qd-4034-2017")
    task = plan.sections[0].tasks[0]
    marked = replace(task, assignment=(task.assignment or "") + " zzassignmentmarker",
                     how="zzhowmarker", title=task.title + " zztitlemarker")
    section = replace(plan.sections[0], tasks=(marked, *plan.sections[0].tasks[1:]))
    plan2 = replace(plan, sections=(section, *plan.sections[1:]))
    project2 = replace(project, plans=tuple(plan2 if p.id == plan.id else p for p in project.plans))
    read = Index(build_index(Snapshot(project2, snapshot.as_of), [], []))
    for marker in ("zztitlemarker", "zzassignmentmarker", "zzhowmarker"):
        (n,) = read.docs_with(marker)
        assert read.records[n][:2] == [TASK.code, task.anchor]
    title, body = read.postings["zztitlemarker"]
    assert title and not body


def test_agency_aliases_and_abbreviations_find_their_agency(index):
    snapshot, built = index
    read = Index(built)
    agencies = snapshot.project.agencies
    for agency in agencies.values():
        url = urls.url_of(urls.agency_page(agency.id))
        for alias in (*agency.aliases, agency.short_name):
            found = {read.url(n) for n in read.find(alias)}
            assert url in found, (agency.id, alias)
    assert any("SNV" in a.aliases for a in agencies.values())
    assert any("Sở TT&TT" in a.aliases for a in agencies.values())


def test_results_open_anchors_that_exist(index, built_site: BuiltSite,
                                         site_pages: dict[str, HtmlPage]):
    """Every result of the repository's index opens a page of the built site, at an anchor
    that page has."""
    _snapshot, built = index
    read = Index(built)
    missing = []
    for n in range(len(read.records)):
        url = read.url(n)
        page, _, anchor = url.partition("#")
        rel = page + "index.html"
        if rel not in site_pages:
            missing.append(f"{url}: no page")
        elif anchor and anchor not in site_pages[rel].ids:
            missing.append(f"{url}: no anchor ({read.records[n][0]})")
    assert not missing, "\n".join(missing[:30])


def test_search_page_itself_is_not_indexed(index):
    _snapshot, built = index
    assert not [r for r in Index(built).records if r[1].startswith("tim-kiem/")]


def test_editors_guide_is_its_own_kind(index):
    _snapshot, built = index
    read = Index(built)
    for record in read.records:
        assert (record[0] == EDITOR_PAGE.code) == record[1].startswith("huong-dan-bien-tap/")
    assert built["kinds"][EDITOR_PAGE.code][2] == 1
    assert built["kinds"][PAGE.code][2] == 0


def test_other_parts_of_the_site_can_add_documents_of_new_kinds(snapshot):
    lineage = Kind("x", "Thay đổi tổ chức", 4)
    read = Index(build_index(snapshot, [], [], extra=[
        SearchDoc(lineage, "thay-doi/#su-kien-1", "Sáp nhập Sở Zzmoi", ("Sở Zzmoi sáp nhập",)),
    ]))
    (n,) = read.docs_with("zzmoi")
    assert read.records[n][:3] == ["x", "thay-doi/#su-kien-1", "Sáp nhập Sở Zzmoi"]
    assert read.built["kinds"]["x"] == ["Thay đổi tổ chức", 4, 0]


def test_pages_are_cut_at_their_headings():
    page = text_page("huong-dan/x.md", (
        "---\ntitle: Trang X\n---\n\n# Trang X\n\nMở đầu.\n\n## Cách đọc `--format`\n\nMột.\n\n"
        "```text\n## không phải tiêu đề\n```\n\n## Cách đọc `--format`\n\nHai.\n\n"
        "### Mục riêng { #rieng }\n\nBa <b>đậm</b> [liên kết](../a/).\n"))
    assert page.title == "Trang X"
    assert [(s.anchor, s.heading) for s in page.sections] == [
        ("", ""), ("cach-doc-format", "Cách đọc --format"),
        ("cach-doc-format_1", "Cách đọc --format"), ("rieng", "Mục riêng")]
    assert page.sections[0].text == "Mở đầu."
    assert "không phải tiêu đề" in page.sections[1].text
    assert page.sections[3].text == "Ba đậm liên kết ."
    excluded = text_page("x.md", "---\ntitle: T\nsearch:\n  exclude: true\n---\n# T\n")
    assert excluded.excluded


def test_handwritten_text_is_found(index):
    _snapshot, built = index
    read = Index(built)
    found = {read.url(n) for n in read.find("Điều 17 Luật Tiếp cận thông tin")}
    assert any(u.startswith("gioi-thieu/") for u in found)
    assert any(re.match(r"huong-dan-bien-tap/thong-bao-loi/#unknown-key$", u)
               for u in (read.url(n) for n in read.find("unknown-key")))


def test_a_cache_prepares_again_only_what_changed(snapshot, monkeypatch):
    # A preview keeps each plan's prepared documents: an unchanged plan object is not prepared
    # again, an edited plan (a new object) is, and so is a task whose status moved; the index
    # is always the one built without a cache.
    from generator.site import search_index as search
    prepared = {"n": 0}
    original = search._prepare

    def counted(doc):  # type: ignore[no-untyped-def]
        prepared["n"] += 1
        return original(doc)

    monkeypatch.setattr(search, "_prepare", counted)
    cache: search.SearchCache = {}
    first = build_index(snapshot, [], [], cache=cache)
    everything = prepared["n"]
    assert first == build_index(snapshot, [], [])
    prepared["n"] = 0
    assert build_index(snapshot, [], [], cache=cache) == first
    unchanged = prepared["n"]
    assert unchanged < everything / 4  # agencies, provinces and areas only

    project = snapshot.project
    edited = replace(project.plans[0], title=project.plans[0].title + " (sửa)")
    after = Snapshot(replace(project, plans=(edited, *project.plans[1:])), snapshot.as_of)
    expected = build_index(after, [], [])
    prepared["n"] = 0
    assert build_index(after, [], [], cache=cache) == expected
    tasks = len([f for f in after.facts if f.plan is edited])
    assert unchanged + tasks < prepared["n"] < everything / 2

    later = Snapshot(after.project, after.as_of + dt.timedelta(days=400))
    moved = sum(1 for f in later.facts if f.status != after.by_key[f.key].status)
    assert moved  # a year on, some tasks have fallen due
    assert build_index(later, [], [], cache=cache) == build_index(later, [], [])
