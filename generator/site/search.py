"""The site's search index: everything the site publishes, Vietnamese-aware, compact.

Material's lunr search only lowercases (it does not fold diacritics, and "đ" has no Unicode
decomposition), leaves punctuation glued to syllables and builds its index in the browser from
the full text of every page. This index is built here instead:

* every token is folded ("Đầu tư" -> "dau tu"), so queries match with or without diacritics;
* words are split on anything that is not a letter or digit, and runs like "4034/qd-ubnd" or
  "31/12/2025" are also kept whole, so document numbers and dates are findable;
* every published text is a result of its own kind that opens its exact anchor: each task (with
  its output, deadline, assignment, how and update notes), plan, agency (with its registry
  aliases and abbreviations, "SNV", "Sở TT&TT"), area, province, objective, target, baseline,
  duty, legal basis and plan note, and each section of a hand-written page (:data:`KINDS`);
* pages for editors are a kind of their own (:data:`EDITOR_PAGE`), which the results page keeps
  in a tab apart from citizens' results;
* the text a result shows is stored once; what finds it is only in the postings, which are
  delta-encoded document numbers written as base-64 varints, each term's split into documents
  whose title (or registry name) holds it and the others, so the browser ranks without folding
  every candidate's title. Scoring happens in the browser
  (``theme/assets/javascripts/congkhai-search.js``), which folds the query the same way.

Other parts of the site add documents of new kinds through :class:`SearchDoc` and
:class:`Kind` (``build_index(..., extra=...)``); the index carries each kind's label, so the
browser needs no change. For example, a page of organisational changes could add::

    CHANGE = Kind("x", "Thay đổi tổ chức", weight=4)
    SearchDoc(CHANGE, "thay-doi-to-chuc/#su-kien-3", "Sở Nội vụ sáp nhập ...",
              texts=("...", "Sở Nội vụ", "Sở Lao động - Thương binh và Xã hội"),
              names=("Sở Nội vụ",))

(the url is the page's site path and anchor; ``names`` rank like the title, so an agency's new
name can find it).
"""

from __future__ import annotations

import functools
import html
import json
import operator
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.common import urls
from generator.facts.snapshot import Snapshot, TaskFact
from generator.facts.status import TaskStatus
from generator.model.entities import Objective, Plan, Task
from generator.site.views import (
    COMPARATOR_SIGNS,
    baseline_anchor,
    basis_anchor,
    duty_anchor,
    note_anchor,
    number,
    objective_anchor,
    target_anchor,
)
from generator.sources.clock import vn_date
from generator.sources.fieldnames import plain_words
from generator.sources.textnorm import fold, toc_slugify
from generator.sources.vocabulary import DOCUMENT_TYPE_NAMES

INDEX_PATH = urls.SEARCH_INDEX
# The records (what each result shows), one a line, in a plain UTF-8 file of their own: the
# browser keeps them as bytes and decodes only those it shows, instead of parsing megabytes of
# text into JavaScript strings before the first result.
RECORDS_PATH = urls.SEARCH_RECORDS
INDEX_VERSION = 2

# A word, or a run of words joined by . / - & (a document number, a date): the run is kept
# whole as well as split into its words.
_RUN = re.compile(r"[a-z0-9]+(?:[./\-&][a-z0-9]+)*")
_JOINER = re.compile(r"[./\-&]")
# What a result shows of a long text (an objective, a duty); all of it is indexed.
SHOWN_CHARS = 180
# Indexed characters of each text of a task (titles and outputs are rarely longer).
TASK_TEXT_CHARS = 1200

CITIZENS = "citizens"
EDITORS = "editors"
# Hand-written pages under this folder are the editors' guide.
EDITORS_FOLDER = "huong-dan-bien-tap/"
# A query with one of these is about editing: the results page opens the editors' tab.
EDITOR_WORDS = ("biên tập", "yaml", "congkhai", "mã lỗi", "thông báo lỗi", "định dạng dữ liệu",
                "git", "pull request", "schema", "tệp kế hoạch", "kiểm tra dữ liệu")


@dataclass(frozen=True)
class Kind:
    """What a search result is: its code in the index, the label each result shows, a ranking
    bonus, and whom it is for (editors' results sit in their own tab)."""

    code: str
    label: str
    weight: int = 0
    audience: str = CITIZENS

    def __post_init__(self) -> None:
        # The browser reads a result's kind from the first character of its record.
        if not (len(self.code) == 1 and self.code.isalpha() and self.code.islower()):
            raise ValueError(f"a kind's code is one lowercase letter, not {self.code!r}")


TASK = Kind("t", "Nhiệm vụ", 3)
PLAN = Kind("p", "Văn bản", 6)
AGENCY = Kind("a", "Cơ quan", 8)
AREA = Kind("l", "Lĩnh vực", 8)
# A province's page (its plans, agencies and organisational changes); below its plans, which a
# province's name brings first.
PROVINCE = Kind("v", "Tỉnh", 4)
OBJECTIVE = Kind("o", "Mục tiêu", 1)
TARGET = Kind("c", "Chỉ tiêu", 1)
BASELINE = Kind("b", "Số liệu xuất phát", 1)
DUTY = Kind("d", "Trách nhiệm", 1)
LEGAL_BASIS = Kind("k", "Căn cứ", 0)
NOTE = Kind("n", "Ghi chú", 0)
PAGE = Kind("g", "Trang", 3)
EDITOR_PAGE = Kind("e", "Hướng dẫn biên tập", 3, EDITORS)
KINDS: tuple[Kind, ...] = (TASK, PLAN, AGENCY, AREA, PROVINCE, OBJECTIVE, TARGET, BASELINE,
                           DUTY, LEGAL_BASIS, NOTE, PAGE, EDITOR_PAGE)


@dataclass(frozen=True)
class SearchDoc:
    """One search result.

    ``url`` is the page's site path with its anchor (``co-quan/x/``) or, for a document that
    belongs to a plan, just the anchor on the plan's page (``mt-1``). ``title`` is what the
    result shows (shortened), ``texts`` what finds it (all of it), ``names`` other names that
    rank as the title does (an agency's aliases). ``label`` is an identifier shown before the
    title (a task's number).
    """

    kind: Kind
    url: str
    title: str
    texts: tuple[str | None, ...] = ()
    names: tuple[str, ...] = ()
    plan: Plan | None = None
    leads: tuple[str, ...] = ()
    due: str = ""
    status: str = ""
    label: str = ""
    demo: bool = False


@functools.lru_cache(maxsize=1 << 13)
def tokens(text: str) -> frozenset[str]:
    """Folded word tokens and whole compound tokens ("4034/qd-ubnd", "tt&tt") of ``text``.

    Cached, boundedly (a province's texts would take a hundred MB): agency names, deadlines
    and plan numbers recur on every task."""
    found = set(_RUN.findall(fold(text)))
    for run in [r for r in found if not r.isalnum()]:
        found.update(_JOINER.split(run))
    return frozenset(found)


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` on one line, cut at a word boundary after at most ``limit`` characters."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:.") + " …"


# --- hand-written pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TextSection:
    """A part of a page under one heading: its anchor ("" before the first heading)."""

    anchor: str
    heading: str
    text: str


@dataclass(frozen=True)
class HandwrittenPage:
    """A Markdown page: its source path, title and sections (the text under each heading)."""

    path: str
    title: str
    sections: tuple[TextSection, ...]
    excluded: bool = False

    @property
    def text(self) -> str:
        """All of the page's text."""
        return " ".join(s.text for s in self.sections)


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"\{\s*:?\s*#([\w-]+)[^}]*\}\s*$")
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}")


def _plain(markdown: str) -> str:
    """The text of some Markdown: tags, link targets and markup characters dropped."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = _ATTR_LIST.sub(" ", text)
    text = re.sub(r"[#*_`>|\[\]]", " ", text)
    text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
    return re.sub(r"\s+", " ", text.replace("&amp;", "&")).strip()


def _heading_anchor(heading: str, seen: set[str]) -> tuple[str, str]:
    """(anchor, plain heading) as Python-Markdown's toc extension makes them: an explicit
    ``{ #id }`` wins, otherwise the slug of the heading's text, made unique with ``_1``…"""
    explicit = _EXPLICIT_ID.search(heading)
    text = _plain(_EXPLICIT_ID.sub("", heading))
    if explicit:
        anchor = explicit.group(1)
    else:
        anchor = toc_slugify(text)
        base, n = anchor, 1
        while anchor in seen:
            anchor, n = f"{base}_{n}", n + 1
    seen.add(anchor)
    return anchor, text


def text_page(path: str, markdown: str) -> HandwrittenPage:
    """A Markdown page (front matter and body) cut into its sections. The title is the front
    matter's, else the first ``#`` heading's; ``search: {exclude: true}`` (Material's key) in
    the front matter leaves the page out of the index."""
    body, title, excluded = markdown, "", False
    if markdown.startswith("---\n"):
        end = markdown.find("\n---", 4)
        if end != -1:
            body = markdown[end + 4:]
            try:
                front = yaml.safe_load(markdown[4:end]) or {}
            except yaml.YAMLError:
                front = {}
            if isinstance(front, dict):
                # generated pages' titles are HTML-escaped in their front matter (render.py)
                title = html.unescape(str(front.get("title") or ""))
                search = front.get("search")
                excluded = isinstance(search, dict) and search.get("exclude") is True
    seen: set[str] = set()
    sections: list[TextSection] = []
    anchor, heading, lines = "", "", []
    fenced = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match is None:
            lines.append(line)
            continue
        level = len(match.group(1))
        if level == 1 and not sections and not heading:
            head = _plain(_EXPLICIT_ID.sub("", match.group(2)))
            title = title or head
            seen.add(_heading_anchor(match.group(2), set())[0])
            continue
        sections.append(TextSection(anchor, heading, _plain("\n".join(lines))))
        anchor, heading = _heading_anchor(match.group(2), seen)
        lines = []
    sections.append(TextSection(anchor, heading, _plain("\n".join(lines))))
    sections = [s for s in sections if s.anchor == "" or s.heading or s.text]
    return HandwrittenPage(path, title or path, tuple(sections), excluded)


def read_handwritten(content_dir: Path) -> list[HandwrittenPage]:
    """Each hand-written Markdown page under ``content_dir``, cut into its sections."""
    pages = []
    for path in sorted(content_dir.rglob("*.md")):
        rel = path.relative_to(content_dir).as_posix()
        if rel.startswith("registries/"):
            continue
        pages.append(text_page(rel, path.read_text(encoding="utf-8")))
    return pages


def page_docs(page: HandwrittenPage) -> Iterator[SearchDoc]:
    """One result per section of a page; editors' guide pages are of :data:`EDITOR_PAGE`."""
    if page.excluded:
        return
    kind = EDITOR_PAGE if page.path.startswith(EDITORS_FOLDER) else PAGE
    base = urls.url_of(page.path)
    for section in page.sections:
        if section.anchor:
            yield SearchDoc(kind, f"{base}#{section.anchor}", f"{page.title} › {section.heading}",
                            (section.heading, section.text), names=(section.heading,))
        else:
            yield SearchDoc(kind, base, page.title, (page.title, section.text))


# --- documents of the model ----------------------------------------------------------------------


def _target_title(label: str, sign: str, value: float, unit: str) -> str:
    return f"{label}: {sign} {number(value)} {unit}".rstrip()


def objective_docs(plan: Plan, obj: Objective, task: Task | None) -> Iterator[SearchDoc]:
    """An objective (of the plan or of one of its tasks) and each of its targets."""
    label = f"{task.id} · {obj.id}" if task else obj.id
    notes = [m.note for m in obj.updates]
    yield SearchDoc(OBJECTIVE, objective_anchor(obj.id, task), shorten(obj.text),
                    (obj.text, *notes), plan=plan, label=label, demo=plan.demo)
    for n, t in enumerate(obj.targets, start=1):
        baseline = (f"xuất phát {number(t.baseline)} {t.unit}" if t.baseline is not None else "")
        yield SearchDoc(
            TARGET, target_anchor(obj.id, n, task),
            shorten(_target_title(t.label, COMPARATOR_SIGNS[t.comparator], t.value, t.unit)),
            (t.label, t.unit, baseline, t.deadline.text if t.deadline else None, obj.text),
            names=(t.label,), plan=plan, label=label, demo=plan.demo)


def plan_docs(plan: Plan, issuer_words: str) -> Iterator[SearchDoc]:
    """A plan and everything it says besides its tasks: objectives, targets, baselines,
    legal bases, duties and notes, each opening its anchor on the plan's page."""
    doc = plan.document
    yield SearchDoc(PLAN, "", plan.title,
                    (plan.title, DOCUMENT_TYPE_NAMES[doc.type], doc.number, doc.summary,
                     issuer_words, f"{doc.issued:%d/%m/%Y}", doc.place, doc.signer_name),
                    names=(doc.number,), plan=plan, demo=plan.demo)
    for n, basis in enumerate(plan.legal_bases, start=1):
        date = f" ngày {vn_date(basis.date)}" if basis.date else ""
        head = f"{basis.number or ''}{date}".strip()
        yield SearchDoc(LEGAL_BASIS, basis_anchor(n),
                        shorten(f"{head}: {basis.title}" if head else basis.title),
                        (basis.number, basis.title, vn_date(basis.date) if basis.date else None),
                        names=(basis.number or "",), plan=plan, demo=plan.demo)
    for obj in plan.objectives:
        yield from objective_docs(plan, obj, None)
    for n, b in enumerate(plan.baselines, start=1):
        year = f" ({b.year})" if b.year else ""
        yield SearchDoc(BASELINE, baseline_anchor(n),
                        shorten(f"{b.label}: {number(b.value)} {b.unit}{year}"),
                        (b.label, b.unit, str(b.year) if b.year else None), names=(b.label,),
                        plan=plan, demo=plan.demo)
    for duty in plan.duties:
        text = " ".join(filter(None, (duty.heading, duty.text,
                                      *(f"{i.id}) {i.text}" for i in duty.items))))
        yield SearchDoc(DUTY, duty_anchor(duty.id), shorten(text), (text,),
                        names=(duty.heading or "",), plan=plan,
                        leads=tuple(r.agency for r in duty.agencies), label=duty.id,
                        demo=plan.demo)
    for n, raw in enumerate(plan.notes, start=1):
        note = plain_words(raw)  # as the plan page shows it: Vietnamese words, not key names
        yield SearchDoc(NOTE, note_anchor(n), shorten(note), (note,), plan=plan, demo=plan.demo)


def task_doc(fact: TaskFact, lead_words: str = "") -> SearchDoc:
    """A task: its title, output, deadline, assignment, how and update notes find it, and
    ``lead_words`` (its lead agencies' names and aliases)."""
    task, plan = fact.task, fact.plan
    due = vn_date(task.deadline.due) if task.deadline.due else ""
    cut = TASK_TEXT_CHARS
    # Not the plan's number nor the leads' full names (they hold the province's name): every
    # task of a province has them, and the plan's and agencies' own results answer them.
    texts = (task.id, task.title[:cut], (task.output or "")[:cut], task.deadline.text, due,
             (task.assignment or "")[:cut], (task.how or "")[:cut],
             *((u.note or "")[:cut] for u in task.updates if u.date <= fact.status.as_of),
             *((u.reason or "")[:cut] for u in task.updates if u.date <= fact.status.as_of),
             lead_words)
    return SearchDoc(TASK, fact.anchor, task.title, texts, plan=plan,
                     leads=tuple(r.agency for r in task.leads), due=due,
                     status=fact.status.label, label=task.id, demo=plan.demo)


# --- the index ------------------------------------------------------------------------------------

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
        task status) while the cache keeps them."""
        cache = self.cache if self.cache is not None else {}
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
        if self.cache is not None:
            self.cache.clear()
            self.cache.update(kept)

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


__all__ = [
    "CITIZENS", "EDITORS", "INDEX_PATH", "KINDS", "RECORDS_PATH", "HandwrittenPage", "Kind",
    "SearchDoc", "build_index", "index_files", "read_handwritten", "text_page", "tokens",
]
