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
:class:`Kind` (:func:`generator.site.search_index.build_index`'s ``extra``); the index
carries each kind's label, so the browser needs no change. For example, a page of
organisational changes could add::

    CHANGE = Kind("x", "Thay đổi tổ chức", weight=4)
    SearchDoc(CHANGE, "thay-doi-to-chuc/#su-kien-3", "Sở Nội vụ sáp nhập ...",
              texts=("...", "Sở Nội vụ", "Sở Lao động - Thương binh và Xã hội"),
              names=("Sở Nội vụ",))

(the url is the page's site path and anchor; ``names`` rank like the title, so an agency's new
name can find it).

This module says what is indexed (the kinds, the documents, the tokens);
:mod:`generator.site.search_index` assembles the index from them.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.common import urls
from generator.facts.snapshot import TaskFact
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


__all__ = [
    "CITIZENS", "EDITORS", "INDEX_PATH", "KINDS", "RECORDS_PATH", "HandwrittenPage", "Kind",
    "SearchDoc", "read_handwritten", "text_page", "tokens",
]
