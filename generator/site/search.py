"""The site's search index: Vietnamese-aware, task-level, compact.

Material's lunr search only lowercases (it does not fold diacritics, and "đ" has no Unicode
decomposition), leaves punctuation glued to syllables and builds its index in the browser from
the full text of every page. This index is built here instead:

* every token is folded ("Đầu tư" -> "dau tu"), so queries match with or without diacritics;
* words are split on anything that is not a letter or digit, and runs like "4034/qd-ubnd" or
  "31/12/2025" are also kept whole, so document numbers and dates are findable;
* each task is its own entry (a result links to the task's anchor and shows its title, lead
  agency and plan); pages are entries too;
* only what identifies an entry is indexed (titles, numbers, agency names, deadlines, outputs),
  not the bulk text of every table cell, and postings are delta-encoded document numbers;
  scoring happens in the browser (``theme/assets/javascripts/congkhai-search.js``), which folds
  the query the same way.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.common import urls
from generator.facts.snapshot import Snapshot
from generator.model.entities import Plan, Task, task_anchor
from generator.sources.textnorm import fold

INDEX_PATH = "tim-kiem/chi-muc.json"
INDEX_VERSION = 1

_WORD = re.compile(r"[a-z0-9]+")
_COMPOUND = re.compile(r"[a-z0-9]+(?:[./\-][a-z0-9]+)+")
_MAX_INDEXED_CHARS = 600

KIND_TASK = "t"
KIND_PLAN = "p"
KIND_AGENCY = "a"
KIND_AREA = "l"
KIND_PAGE = "g"


@functools.lru_cache(maxsize=1 << 13)
def tokens(text: str) -> frozenset[str]:
    """Folded word tokens and whole compound tokens ("4034/qd-ubnd") of ``text``.

    Cached, boundedly (a province's texts would take a hundred MB): agency names, deadlines
    and plan numbers recur on every task."""
    folded = fold(text)
    return frozenset((*_WORD.findall(folded), *_COMPOUND.findall(folded)))


@dataclass
class _Doc:
    kind: str
    target: str
    title: str
    plan: int = -1
    leads: list[int] = field(default_factory=list)
    due: str = ""
    status: str = ""
    demo: bool = False
    label: str = ""


@dataclass(frozen=True)
class HandwrittenPage:
    """A hand-written page of ``content/``: its source path, title and plain text."""

    path: str
    title: str
    text: str


def read_handwritten(content_dir: Path) -> list[HandwrittenPage]:
    """Title and plain text of each hand-written Markdown page under ``content_dir``."""
    pages = []
    for path in sorted(content_dir.rglob("*.md")):
        rel = path.relative_to(content_dir).as_posix()
        if rel.startswith("registries/"):
            continue
        raw = path.read_text(encoding="utf-8")
        title = ""
        body = raw
        if raw.startswith("---\n"):
            end = raw.find("\n---", 4)
            if end != -1:
                front, body = raw[4:end], raw[end + 4 :]
                match = re.search(r"^title:\s*(.+)$", front, re.MULTILINE)
                if match:
                    title = match.group(1).strip().strip("\"'")
        if not title:
            heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
            title = heading.group(1).strip() if heading else rel
        text = re.sub(r"```.*?```", " ", body, flags=re.DOTALL)
        text = re.sub(r"[#*_`>|\[\]()]", " ", text)
        pages.append(HandwrittenPage(rel, title, re.sub(r"\s+", " ", text).strip()))
    return pages


class _IndexBuilder:
    def __init__(self, snapshot: Snapshot) -> None:
        self.s = snapshot
        self.project = snapshot.project
        self.docs: list[_Doc] = []
        self.postings: dict[str, list[int]] = {}
        self.plan_index: dict[str, int] = {}
        self.plans: list[list[object]] = []
        self.agency_index: dict[str, int] = {}
        self.agencies: list[str] = []

    def add(self, doc: _Doc, *texts: str | None, limit: int | None = _MAX_INDEXED_CHARS) -> None:
        number = len(self.docs)
        self.docs.append(doc)
        found: set[str] = set()
        for text in texts:
            if text:
                found |= tokens(text[:limit])
        for token in found:
            self.postings.setdefault(token, []).append(number)

    def agency_number(self, agency_id: str) -> int:
        if agency_id not in self.agency_index:
            agency = self.project.agencies[agency_id]
            self.agency_index[agency_id] = len(self.agencies)
            self.agencies.append(agency.name)
        return self.agency_index[agency_id]

    def agency_words(self, agency_id: str) -> str:
        agency = self.project.agencies[agency_id]
        return " ".join((agency.name, agency.short_name, *agency.aliases))

    def plan_number(self, plan: Plan) -> int:
        if plan.id not in self.plan_index:
            self.plan_index[plan.id] = len(self.plans)
            self.plans.append([urls.url_of(urls.plan_page(plan.id)), plan.document.number,
                               plan.title, 1 if plan.demo else 0])
        return self.plan_index[plan.id]

    def add_plan(self, plan: Plan) -> None:
        doc = plan.document
        issuer = self.project.agencies[doc.issuer]
        self.add(
            _Doc(KIND_PLAN, urls.url_of(urls.plan_page(plan.id)), plan.title,
                 plan=self.plan_number(plan), demo=plan.demo),
            plan.title, doc.number, doc.summary, issuer.name, issuer.short_name,
            f"{doc.issued:%d/%m/%Y}",
        )

    def add_task(self, plan: Plan, task: Task, status: str) -> None:
        leads = [r.agency for r in task.leads if r.agency in self.project.agencies]
        due = f"{task.deadline.due:%d/%m/%Y}" if task.deadline.due else ""
        self.add(
            _Doc(KIND_TASK, task_anchor(task.id), task.title, plan=self.plan_number(plan),
                 leads=[self.agency_number(a) for a in leads], due=due, status=status,
                 demo=plan.demo, label=task.id),
            task.id, task.title, task.output, task.deadline.text, due,
            plan.document.number, *(self.agency_words(a) for a in leads),
        )

    def build(self, pages: list[tuple[str, str, str]],
              handwritten: list[HandwrittenPage]) -> dict[str, object]:
        for plan in self.project.plans:
            self.add_plan(plan)
        for fact in self.s.facts:
            self.add_task(fact.plan, fact.task, fact.status.label)
        for agency in self.project.agencies.values():
            self.add(_Doc(KIND_AGENCY, urls.url_of(urls.agency_page(agency.id)), agency.name,
                          demo=agency.demo), self.agency_words(agency.id))
        for area in self.project.areas.values():
            self.add(_Doc(KIND_AREA, urls.url_of(urls.area_page(area.id)), area.name),
                     area.name, *area.aliases)
        for path, title, description in pages:
            self.add(_Doc(KIND_PAGE, urls.url_of(path), title), title, description)
        for page in handwritten:
            self.add(_Doc(KIND_PAGE, urls.url_of(page.path), page.title), page.title, page.text,
                     limit=None)
        return {
            "v": INDEX_VERSION,
            "plans": self.plans,
            "agencies": self.agencies,
            "docs": [
                [d.kind, d.target, d.title, d.plan, d.leads, d.due, d.status, 1 if d.demo else 0,
                 d.label]
                for d in self.docs
            ],
            "terms": {term: _deltas(numbers) for term, numbers in sorted(self.postings.items())},
        }


def _deltas(numbers: list[int]) -> list[int]:
    out, previous = [], 0
    for n in numbers:
        out.append(n - previous)
        previous = n
    return out


def build_index(snapshot: Snapshot, pages: list[tuple[str, str, str]],
                handwritten: list[HandwrittenPage]) -> dict[str, object]:
    """The search index: generated ``pages`` as (path, title, description), plus tasks, plans,
    agencies, areas and hand-written pages."""
    return _IndexBuilder(snapshot).build(pages, handwritten)


def index_json(index: dict[str, object]) -> str:
    """Compact, deterministic JSON text of the index."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
