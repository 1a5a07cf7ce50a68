"""Assembling the search index (:mod:`generator.site.search` says what is in it): documents
numbered in order, their records one a line, and each term's postings as base-64 varints.

A preview keeps each plan's prepared documents between rebuilds (:data:`SearchCache`), so an
edit prepares again only the edited plan's.
"""

from __future__ import annotations

import json
import operator
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.common import urls
from generator.facts.snapshot import Snapshot, TaskFact
from generator.facts.status import TaskStatus
from generator.model.entities import Plan
from generator.site.search import (
    AGENCY,
    AREA,
    EDITOR_WORDS,
    EDITORS,
    INDEX_PATH,
    INDEX_VERSION,
    PAGE,
    PROVINCE,
    RECORDS_PATH,
    HandwrittenPage,
    Kind,
    SearchDoc,
    objective_docs,
    page_docs,
    plan_docs,
    task_doc,
    tokens,
)

# The digits of the postings' varints (congkhai-search.js decodes them).
_B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def _varint(delta: int) -> str:
    out = []
    while delta >= 32:
        out.append(_B64[32 | (delta & 31)])
        delta >>= 5
    out.append(_B64[delta])
    return "".join(out)


_SMALL = [_varint(d) for d in range(1024)]


def varints(numbers: list[int]) -> str:
    """Increasing document numbers as deltas, each a base-64 varint (5 bits a character, the
    sixth set when more follow): compact in JSON and decoded only for the terms a query uses."""
    deltas = list(map(operator.sub, numbers, [0, *numbers[:-1]]))
    if not deltas or max(deltas) < len(_SMALL):
        return "".join(map(_SMALL.__getitem__, deltas))
    return "".join(_SMALL[d] if d < len(_SMALL) else _varint(d) for d in deltas)


def _field(text: str) -> str:
    """A field of a document record: no tab, newline or "|" (the separators)."""
    return re.sub(r"[\t\n\r|]+", " ", text)


@dataclass(frozen=True)
class _Prepared:
    """A document as the index takes it, before numbering: its record's fields around the
    plan, agency and status numbers (which depend on what came before it), and its terms."""

    kind: Kind
    head: str  # kind (with "*" for demo data), url, title
    plan: Plan | None
    leads: tuple[str, ...]
    due: str
    status: str
    tail: str  # label, other names
    title: frozenset[str]
    body: frozenset[str]


def _prepare(doc: SearchDoc) -> _Prepared:
    title = tokens(" ".join((doc.title, doc.label, *doc.names)))
    return _Prepared(
        doc.kind,
        "\t".join((doc.kind.code + ("*" if doc.demo else ""), _field(doc.url),
                   _field(doc.title))),
        doc.plan, doc.leads, doc.due, doc.status,
        "\t".join((_field(doc.label), "|".join(_field(n) for n in doc.names if n))),
        title, tokens(" \n ".join(t for t in doc.texts if t)) - title,
    )


@dataclass
class _PlanDocs:
    """A plan's prepared documents, and its tasks' by task key with the status they had."""

    plan: Plan
    docs: list[_Prepared]
    tasks: dict[str, tuple[TaskStatus, list[_Prepared]]] = field(default_factory=dict)


# A preview's prepared documents by plan id, kept between its rebuilds: a plan whose object is
# the same (the loader's memo returns the same object for an unchanged file, and anything its
# documents depend on besides the file changes the object) is not tokenised again.
SearchCache = dict[str, _PlanDocs]


class _IndexBuilder:
    def __init__(self, snapshot: Snapshot, cache: SearchCache | None = None) -> None:
        self.cache = cache
        self.s = snapshot
        self.project = snapshot.project
        self.records: list[str] = []
        self.title_postings: defaultdict[str, list[int]] = defaultdict(list)
        self.body_postings: defaultdict[str, list[int]] = defaultdict(list)
        self.plan_index: dict[str, int] = {}
        self.plans: list[list[object]] = []
        self.agency_index: dict[str, int] = {}
        self.agencies: list[str] = []
        self.province_index: dict[str, int] = {}
        self.provinces: list[str] = []
        self.status_index: dict[str, int] = {}
        self.statuses: list[str] = []
        self.kinds: dict[str, Kind] = {}

    def agency_number(self, agency_id: str) -> int:
        if agency_id not in self.agency_index:
            agency = self.project.agencies[agency_id]
            self.agency_index[agency_id] = len(self.agencies)
            self.agencies.append(agency.name)
        return self.agency_index[agency_id]

    def agency_words(self, agency_id: str) -> str:
        agency = self.project.agencies[agency_id]
        return " ".join((agency.name, agency.short_name, *agency.aliases))

    def short_words(self, agency_id: str) -> str:
        """An agency's short name and aliases: how a task's lead is searched for."""
        agency = self.project.agencies[agency_id]
        return " ".join((agency.short_name, *agency.aliases))

    def province_number(self, province_id: str | None) -> int | str:
        province = self.project.provinces.get(province_id) if province_id else None
        if province is None:
            return ""
        if province.id not in self.province_index:
            self.province_index[province.id] = len(self.provinces)
            self.provinces.append(province.name)
        return self.province_index[province.id]

    def plan_number(self, plan: Plan) -> int:
        if plan.id not in self.plan_index:
            issuer = self.project.agencies.get(plan.document.issuer)
            self.plan_index[plan.id] = len(self.plans)
            self.plans.append([urls.url_of(urls.plan_page(plan.id)), plan.document.number,
                               plan.title, 1 if plan.demo else 0,
                               self.province_number(issuer.province if issuer else None)])
        return self.plan_index[plan.id]

    def add(self, doc: SearchDoc | _Prepared) -> None:
        p = doc if isinstance(doc, _Prepared) else _prepare(doc)
        number_ = len(self.records)
        self.kinds.setdefault(p.kind.code, p.kind)
        plan = self.plan_number(p.plan) if p.plan is not None else ""
        leads = ",".join(str(self.agency_number(a)) for a in p.leads
                         if a in self.project.agencies)
        status = ""
        if p.status:
            status = self.status_index.setdefault(p.status, len(self.statuses))
            if status == len(self.statuses):
                self.statuses.append(p.status)
        self.records.append("\t".join((p.head, str(plan), leads, p.due, str(status), p.tail)))
        titles, bodies = self.title_postings, self.body_postings
        for token in p.title:
            titles[token].append(number_)
        for token in p.body:
            bodies[token].append(number_)

    def heir_words(self, agency_id: str) -> str:
        """Short names and aliases of the bodies that succeed an agency as of the snapshot date
        (or the name a source gives one outside the registries), so that typing the new name
        finds the tasks it inherited."""
        words = []
        for heir in self.s.lineage.heirs(agency_id):
            if heir.id is not None and heir.id in self.project.agencies:
                words.append(self.short_words(heir.id))
            elif heir.party.name:
                words.append(heir.party.name)
        return " ".join(words)

    def _plan_docs(self, plan: Plan) -> list[_Prepared]:
        issuer = plan.document.issuer
        return [_prepare(d) for d in plan_docs(plan, self.agency_words(issuer)
                                                 if issuer in self.project.agencies else "")]

    def _task_docs(self, fact: TaskFact) -> list[_Prepared]:
        leads = [r.agency for r in fact.task.leads if r.agency in self.project.agencies]
        docs = [task_doc(fact, " ".join((*map(self.short_words, leads),
                                         *map(self.heir_words, leads))))]
        docs.extend(doc for obj in fact.task.objectives
                    for doc in objective_docs(fact.plan, obj, fact.task))
        return [_prepare(d) for d in docs]

    def plan_and_task_docs(self) -> Iterator[_Prepared]:
        """Every plan's documents, then every task's, each prepared once per plan object (and
        task status) while the cache keeps them. Without a cache nothing is kept: a build's
        prepared documents held 340 MB at L until the index was written."""
        if self.cache is None:
            for plan in self.project.plans:
                yield from self._plan_docs(plan)
            for fact in self.s.facts:
                yield from self._task_docs(fact)
            return
        cache = self.cache
        kept: SearchCache = {}
        for plan in self.project.plans:
            entry = cache.get(plan.id)
            if entry is None or entry.plan is not plan:
                entry = _PlanDocs(plan, self._plan_docs(plan))
            kept[plan.id] = entry
            yield from entry.docs
        for fact in self.s.facts:
            entry = kept.get(fact.plan.id)
            if entry is None or entry.plan is not fact.plan:
                entry = kept[fact.plan.id] = _PlanDocs(fact.plan, [])
            known = entry.tasks.get(fact.key)
            if known is None or known[0] != fact.status:  # another plan's edit may replace it
                known = entry.tasks[fact.key] = (fact.status, self._task_docs(fact))
            yield from known[1]
        cache.clear()
        cache.update(kept)

    def model_docs(self) -> Iterator[SearchDoc | _Prepared]:
        project = self.project
        yield from self.plan_and_task_docs()
        for agency in project.agencies.values():
            province = project.provinces.get(agency.province) if agency.province else None
            yield SearchDoc(AGENCY, urls.url_of(urls.agency_page(agency.id)), agency.name,
                            (self.agency_words(agency.id), province.name if province else None),
                            names=(agency.short_name, *agency.aliases), demo=agency.demo)
        for province in project.provinces.values():
            yield SearchDoc(PROVINCE, urls.url_of(urls.province_page(province.id)),
                            province.name if province.demo else f"Tỉnh {province.name}",
                            (province.name,), demo=province.demo)
        for area in project.areas.values():
            yield SearchDoc(AREA, urls.url_of(urls.area_page(area.id)), area.name,
                            (area.name, *area.aliases), names=area.aliases)

    def build(self, pages: Iterable[tuple[str, str, str]], texts: Iterable[HandwrittenPage],
              extra: Iterable[SearchDoc]) -> dict[str, object]:
        for doc in self.model_docs():
            self.add(doc)
        for path, title, description in pages:
            self.add(SearchDoc(PAGE, urls.url_of(path), title, (title, description)))
        for page in texts:
            for doc in page_docs(page):
                self.add(doc)
        for doc in extra:
            self.add(doc)
        terms = sorted(self.title_postings.keys() | self.body_postings.keys())
        return {
            "v": INDEX_VERSION,
            "kinds": {k.code: [k.label, k.weight, 1 if k.audience == EDITORS else 0]
                      for k in self.kinds.values()},
            "editor_words": list(EDITOR_WORDS),
            "plans": self.plans,
            "provinces": self.provinces,
            "agencies": self.agencies,
            "statuses": self.statuses,
            "docs": "\n".join(self.records),
            "terms": " ".join(terms),
            "postings": " ".join(
                varints(self.title_postings.get(t, [])) + "," + varints(
                    self.body_postings.get(t, []))
                for t in terms),
        }


def build_index(snapshot: Snapshot, pages: Iterable[tuple[str, str, str]],
                handwritten: Iterable[HandwrittenPage],
                extra: Iterable[SearchDoc] = (),
                cache: SearchCache | None = None) -> dict[str, object]:
    """The search index: tasks, plans and what they say, agencies, areas, the generated
    ``pages`` as (path, title, description), the sections of the ``handwritten`` pages (and of
    any generated page given as text), and ``extra`` documents of other kinds.

    ``docs`` holds one record a line, fields separated by tabs: kind (its letter, followed by
    "*" for demo data), url (or anchor on the plan's page), title, plan number, lead agency
    numbers, due date, status number, label, other names ("|"-separated). ``terms`` are the
    sorted folded terms, space-separated; ``postings`` the documents of each term, in the same
    order: "title,rest" varints.

    A ``cache`` (a preview's, kept between its rebuilds) spares preparing again the documents
    of plans that did not change.
    """
    return _IndexBuilder(snapshot, cache).build(pages, handwritten, extra)


def index_files(index: dict[str, object]) -> dict[str, str]:
    """The files of the index, by site path: the JSON (terms, postings, tables; it names the
    records file) and the records, one a line."""
    head = {k: v for k, v in index.items() if k != "docs"}
    head["records"] = RECORDS_PATH.rsplit("/", 1)[1]
    return {
        INDEX_PATH: json.dumps(head, ensure_ascii=False, separators=(",", ":")),
        RECORDS_PATH: str(index["docs"]) + "\n",
    }


__all__ = ["SearchCache", "build_index", "index_files", "varints"]
