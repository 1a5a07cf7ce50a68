"""Feeds: Atom (RFC 4287) of status updates, iCalendar (RFC 5545) of deadlines.

:func:`iter_feeds` yields, as bytes, by path relative to the documentation root:

* ``du-lieu/cap-nhat.xml``: the newest status updates, newest first;
* ``du-lieu/ke-hoach/<plan-id>.xml``: the newest updates of one plan;
* ``du-lieu/co-quan/<agency-id>.xml``: the newest updates of tasks an agency leads or supports;
* ``du-lieu/han.ics``: one all-day event per task with a fixed due date, from a year before the
  status date on;
* ``du-lieu/co-quan/<agency-id>.ics``: the same for the tasks an agency leads or supports;
* ``du-lieu/nguon-tin.xsl``: the stylesheet every Atom feed names, so that a person who opens a
  feed in a browser reads a page (:mod:`generator.downloads.feed_style`).

Feeds carry what is new, as feeds conventionally do (:data:`FEED_ENTRY_LIMIT` entries,
deadlines from :data:`CALENDAR_PAST_DAYS` days back); the complete history is in the CSV, JSON
and Excel downloads. At province scale carrying everything made the feeds a third of the site.

A calendar without any event is not written (RFC 5545 requires at least one component); the
pages link a calendar only when :meth:`Snapshot.has_calendar` says it exists.

Feeds need absolute URLs, so they take the site's base URL (MkDocs' ``site_url``); without one
they use :data:`generator.common.urls.DEFAULT_SITE_URL`. Identifiers are stable: an Atom entry is
``tag:<host>,<year>:ke-hoach/<plan>/nhiem-vu/<task>/cap-nhat/<date>/<n>`` (``n`` counts the
task's updates of that date in file order), an event's UID is ``<plan>.<task anchor>@<host>``.
Nothing depends on the clock: entry times are the update dates, DTSTAMP is the as-of date, so the
same input gives byte-identical files.

Editors record a date, not a time. Entries of the same date would share one ``atom:updated``,
which leaves their order to the reader (the W3C validator warns); so the updates of one date are
numbered in a fixed order (plan id, task id, order in the file) and the n-th gets midnight (in
Vietnam) plus n seconds, in every feed that holds it. The time of day carries no meaning beyond
that order (the open-data page says so), and an entry keeps its time unless an update of the same
date is added before it in that order. Only the editors' dated updates appear, never who wrote
them; the author of every feed is the site.

The site-wide feed and calendar hold what the site-wide views hold (see
:mod:`generator.facts.publication`); demo plans' and agencies' own feeds, and demo data on a
demonstration site, are marked "[Minh họa]" in every title.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

from markupsafe import escape

from generator import __version__
from generator.common import urls
from generator.common.dataset import CALENDAR_PAST_DAYS, FEED_ENTRY_LIMIT, PUBLISHER
from generator.common.markup import markdown_to_html
from generator.common.urls import (
    DATA_DIR,
    SITE_ATOM,
    SITE_ICS,
    absolute_url,
    agency_atom_path,
    agency_ics_path,
    normalise_site_url,
    plan_atom_path,
)
from generator.downloads.feed_style import (
    STYLESHEET,
    STYLESHEET_PATH,
    stylesheet_instruction,
)
from generator.facts.snapshot import Snapshot, TaskFact, has_fixed_deadline
from generator.facts.status import Status
from generator.model.entities import Task, Update, task_anchor
from generator.model.registry import agency_names
from generator.sources.clock import VIETNAM, vn_date
from generator.sources.vocabulary import NOT_IN_COPY_WORDS, NOT_STATED_WORDS, UPDATE_STATUS_NAMES

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Year in the tag: URIs (RFC 4151): when the site's host name was first used for these feeds.
TAG_YEAR = "2026"
DEMO_PREFIX = "[Minh họa] "
PRODID = f"-//congkhai//Cong khai cai cach hanh chinh {__version__}//VI"



@dataclass(frozen=True)
class FeedConfig:
    """Where the site lives: absolute URLs and the authority of tag: URIs derive from it."""

    site_url: str
    tag_authority: str

    @classmethod
    def make(cls, site_url: str | None = None, tag_authority: str | None = None) -> FeedConfig:
        base = normalise_site_url(site_url)
        host = urlsplit(base).hostname or "example.invalid"
        return cls(base, tag_authority or f"{host},{TAG_YEAR}")

    @property
    def host(self) -> str:
        return self.tag_authority.split(",", 1)[0]

    def tag(self, specific: str) -> str:
        """A tag: URI (RFC 4151) for ``specific`` (a slash-separated path of ids)."""
        return f"tag:{self.tag_authority}:{quote(specific, safe='/-._~')}"

    def url(self, src_path: str, anchor: str | None = None) -> str:
        return absolute_url(self.site_url, src_path, anchor)


# --- Atom ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateEntry:
    """One status update of one task, with what an Atom entry needs."""

    entry: TaskFact
    update: Update
    ordinal: int  # 1-based among the task's updates of the same date, in file order
    # Offset from midnight of the update's date that orders the updates of one date (see the
    # module docstring); distinct for every update of the same date.
    offset: dt.timedelta = dt.timedelta(0)

    @property
    def instant(self) -> str:
        """RFC 3339 time of the entry: midnight in Vietnam on its date plus its offset."""
        return _instant(self.update.date, self.offset)

    @property
    def sort_key(self) -> tuple[object, ...]:
        return (self.update.date, self.entry.plan.id, self.entry.task.id, self.ordinal)


def update_entries(snapshot: Snapshot) -> list[UpdateEntry]:
    """Every update dated up to the as-of date, newest first (ties in a fixed order)."""
    out = []
    for e in snapshot.facts:
        seen: Counter[dt.date] = Counter()
        for u in e.task.updates:
            seen[u.date] += 1
            if u.date <= snapshot.as_of:
                out.append(UpdateEntry(e, u, seen[u.date]))
    out.sort(key=lambda ue: ue.sort_key)
    # Number the updates of each date in that order: later in the order, later in the day.
    per_day = Counter(ue.update.date for ue in out)
    seen_day: Counter[dt.date] = Counter()
    for n, ue in enumerate(out):
        day = ue.update.date
        step = 1_000_000 if per_day[day] <= 86_400 else 86_400_000_000 // per_day[day]
        out[n] = replace(ue, offset=dt.timedelta(microseconds=seen_day[day] * step))
        seen_day[day] += 1
    out.reverse()
    return out


def _missing(task: Task, field: str) -> str:
    """Why ``field`` of ``task`` is empty: not stated, or lost in our copy."""
    return NOT_IN_COPY_WORDS if field in task.lost_in_copy else NOT_STATED_WORDS


def _deadline_text(task: Task) -> str:
    return task.deadline.text or _missing(task, "deadline")


def _names_or_missing(snapshot: Snapshot, task: Task, field: str) -> str:
    refs = task.leads if field == "lead" else task.support
    return agency_names(snapshot.project.agencies, refs) or _missing(task, field)


def _instant(day: dt.date, offset: dt.timedelta = dt.timedelta(0)) -> str:
    """RFC 3339 date-time of midnight in Vietnam on ``day``, plus ``offset``."""
    return (dt.datetime(day.year, day.month, day.day, tzinfo=VIETNAM) + offset).isoformat()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _entry_html(snapshot: Snapshot, ue: UpdateEntry) -> str:
    plan, task, u = ue.entry.plan, ue.entry.task, ue.update
    parts = [f"<p><strong>{escape(UPDATE_STATUS_NAMES[u.status])}</strong>"
             f"{f' — {u.progress}%' if u.progress is not None else ''}"
             f" (ghi nhận ngày {escape(vn_date(u.date))})</p>"]
    if u.reason:
        parts.append(f"<p>Lý do: {escape(u.reason)}</p>")
    if u.note:
        parts.append(str(markdown_to_html(u.note)))
    if u.evidence:
        parts.append(f'<p><a href="{escape(u.evidence)}">Minh chứng</a></p>')
    parts.append(
        f"<p>Nhiệm vụ {escape(task.id)}: {escape(task.title)}<br>"
        f"Kế hoạch: {escape(plan.title)} ({escape(plan.document.number)})<br>"
        f"Tiến độ theo văn bản: {escape(_deadline_text(task))}<br>"
        f"Chủ trì: {escape(_names_or_missing(snapshot, task, 'lead'))}</p>"
    )
    if plan.demo:
        parts.append("<p><em>Dữ liệu minh họa, hư cấu.</em></p>")
    return "\n".join(parts)


def entry_xml(snapshot: Snapshot, ue: UpdateEntry, config: FeedConfig) -> str:
    """One ``<entry>``, serialised and indented as a child of ``<feed>``.

    Built once per update and shared by the site-wide, plan and agency feeds.
    """
    plan, task, u = ue.entry.plan, ue.entry.task, ue.update
    entry = ET.Element("entry")
    _sub(entry, "id", config.tag(
        f"ke-hoach/{plan.id}/nhiem-vu/{task.id}/cap-nhat/{u.date.isoformat()}/{ue.ordinal}"
    ))
    prefix = DEMO_PREFIX if plan.demo else ""
    _sub(entry, "title", f"{prefix}{task.id}. {task.title}: {UPDATE_STATUS_NAMES[u.status]}")
    _sub(entry, "updated", ue.instant)
    _sub(entry, "published", ue.instant)
    _sub(entry, "link", rel="alternate", type="text/html",
         href=config.url(urls.plan_page(plan.id), task_anchor(task.id)))
    _sub(entry, "category", term=u.status, label=UPDATE_STATUS_NAMES[u.status])
    if plan.demo:
        _sub(entry, "category", term="minh-hoa", label="Dữ liệu minh họa")
    _sub(entry, "summary", f"{UPDATE_STATUS_NAMES[u.status]}"
         f"{f' ({u.progress}%)' if u.progress is not None else ''} — {plan.document.number}")
    _sub(entry, "content", _entry_html(snapshot, ue), type="html")
    ET.indent(entry, level=1)
    return "  " + ET.tostring(entry, encoding="unicode") + "\n"


class _EntryCache:
    """Serialised entries by update, so that each is built once however many feeds hold it."""

    def __init__(self, snapshot: Snapshot, config: FeedConfig) -> None:
        self.snapshot, self.config = snapshot, config
        self._done: dict[int, str] = {}

    def __call__(self, ue: UpdateEntry) -> str:
        key = id(ue)
        if key not in self._done:
            self._done[key] = entry_xml(self.snapshot, ue, self.config)
        return self._done[key]


def atom_feed(
    snapshot: Snapshot, entries: Iterable[UpdateEntry], config: FeedConfig, *,
    path: str, feed_key: str, title: str, page: str, limit: int | None = None,
    render: Callable[[UpdateEntry], str] | None = None,
) -> bytes:
    """One Atom feed of ``entries`` (newest first), the ``limit`` newest when given.

    ``path`` is the feed's own site path, ``page`` the HTML page it mirrors.
    """
    chosen = list(entries)[:limit] if limit is not None else list(entries)
    render = render or (lambda ue: entry_xml(snapshot, ue, config))
    # Plain tag names with the Atom namespace declared as the default on the root element.
    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: "vi"})
    _sub(feed, "id", config.tag(f"nguon-tin/{feed_key}"))
    _sub(feed, "title", title)
    _sub(feed, "subtitle", f"Cập nhật tiến độ thực hiện, tính đến ngày {vn_date(snapshot.as_of)}.")
    # Entries come newest first, so the first one is the latest.
    _sub(feed, "updated", chosen[0].instant if chosen else _instant(snapshot.as_of))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=config.url(path))
    _sub(feed, "link", rel="alternate", type="text/html", href=config.url(page))
    author = _sub(feed, "author")
    _sub(author, "name", PUBLISHER)
    _sub(author, "uri", config.site_url)
    _sub(feed, "generator", "congkhai", version=__version__)
    _sub(feed, "rights", "Dữ liệu: CC BY 4.0")
    ET.indent(feed)
    head = ET.tostring(feed, encoding="unicode")
    assert head.endswith("</feed>")
    body = "".join(render(ue) for ue in chosen)
    text = (f"<?xml version='1.0' encoding='utf-8'?>\n{stylesheet_instruction(path)}"
            f"{head[:-len('</feed>')]}{body}</feed>\n")
    return text.encode("utf-8")


# --- iCalendar -----------------------------------------------------------------------------------


def ical_escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets (RFC 5545 §3.1).

    Never inside a UTF-8 sequence, and never inside an escape such as ``\\n`` (allowed, but
    some readers unfold naively). Works on the encoded bytes: a calendar at province scale
    folds hundreds of thousands of lines.
    """
    if len(line) * 4 <= limit:
        return line
    data = line.encode("utf-8")
    if len(data) <= limit:
        return line
    parts: list[bytes] = []
    start, budget = 0, limit
    while len(data) - start > budget:
        end = start + budget
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back to a boundary
            end -= 1
        run = end  # a part starts on a unit boundary, so escapes pair up from its start
        while run > start and data[run - 1] == 0x5C:  # backslashes just before the cut
            run -= 1
        if (end - run) % 2:  # an odd run: the last backslash opens an escape, keep it whole
            end -= 1
        if end <= start:  # one unit wider than the limit (only with a tiny limit): take it whole
            end = start + 1 + (data[start] == 0x5C)
            while end < len(data) and data[end] & 0xC0 == 0x80:
                end += 1
        parts.append(data[start:end])
        start, budget = end, limit - 1  # continuation lines start with a space
    if start < len(data):
        parts.append(data[start:])
    return "\r\n ".join(part.decode("utf-8") for part in parts)


def _ical_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _event_lines(snapshot: Snapshot, e: TaskFact, config: FeedConfig, stamp: str) -> list[str]:
    plan, task, st = e.plan, e.task, e.status
    due = task.deadline.due
    assert due is not None

    url = config.url(urls.plan_page(plan.id), task_anchor(task.id))
    prefix = DEMO_PREFIX if plan.demo else ""
    description = "\n".join([
        f"Nhiệm vụ {task.id}: {task.title}",
        f"Kế hoạch: {plan.title} ({plan.document.number})",
        f"Tiến độ theo văn bản: {_deadline_text(task)}",
        f"Chủ trì: {_names_or_missing(snapshot, task, 'lead')}",
        f"Phối hợp: {_names_or_missing(snapshot, task, 'support')}",
        f"Trạng thái tính đến {vn_date(snapshot.as_of)}: {st.label}",
        *(["Dữ liệu minh họa, hư cấu."] if plan.demo else []),
        url,
    ])
    lines = [
        "BEGIN:VEVENT",
        f"UID:{ical_escape(f'{plan.id}.{task_anchor(task.id)}@{config.host}')}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_ical_date(due)}",
        f"DTEND;VALUE=DATE:{_ical_date(due + dt.timedelta(days=1))}",
        f"SUMMARY:{ical_escape(f'{prefix}Hạn: {task.title} ({plan.document.number}, {task.id})')}",
        f"DESCRIPTION:{ical_escape(description)}",
        f"URL;VALUE=URI:{url}",
        f"CATEGORIES:{ical_escape(st.label)}",
        "TRANSP:TRANSPARENT",
        # A cancelled task's deadline, or one another document replaced, no longer stands.
        f"STATUS:{'CANCELLED' if st.code in (Status.CANCELLED, Status.REPLACED) else 'CONFIRMED'}",
        "END:VEVENT",
    ]
    return lines


def ical_feed(snapshot: Snapshot, entries: Iterable[TaskFact], config: FeedConfig,
              name: str, render: Callable[[TaskFact], str] | None = None,
              past_days: int | None = CALENDAR_PAST_DAYS) -> bytes:
    """An iCalendar file with one all-day event per entry that has a fixed due date, due at
    most ``past_days`` days before the as-of date (None: every one)."""
    as_of = snapshot.as_of
    stamp = _dtstamp(as_of)
    render = render or (lambda e: event_text(snapshot, e, config, stamp))
    since = dt.date.min if past_days is None else as_of - dt.timedelta(days=past_days)
    fixed = [e for e in entries if has_fixed_deadline(e)]
    # A calendar whose deadlines all lie before the window keeps the events of its latest
    # deadline: RFC 5545 wants an event in every calendar, and the pages link every calendar
    # that has a deadline.
    recent = [e for e in fixed if e.task.deadline.due >= since]
    if not recent and fixed:
        last = max(e.task.deadline.due for e in fixed)
        recent = [e for e in fixed if e.task.deadline.due == last]
    dated = sorted(recent,
                   key=lambda e: (e.task.deadline.due, e.plan.id))
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_escape(name)}",
        f"X-WR-CALDESC:{ical_escape(f'Hạn nhiệm vụ, trạng thái tính đến {vn_date(as_of)}.')}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    text = ("".join(fold(line) + "\r\n" for line in head)
            + "".join(render(e) for e in dated) + "END:VCALENDAR\r\n")
    return text.encode("utf-8")


def _dtstamp(as_of: dt.date) -> str:
    """DTSTAMP: midnight of the as-of date in Vietnam, in UTC (never the clock)."""
    moment = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=VIETNAM)
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_text(snapshot: Snapshot, e: TaskFact, config: FeedConfig, stamp: str) -> str:
    """One VEVENT, folded, with CRLF line ends."""
    return "".join(fold(line) + "\r\n" for line in _event_lines(snapshot, e, config, stamp))


# --- everything ----------------------------------------------------------------------------------


def iter_feeds(
    snapshot: Snapshot, site_url: str | None = None, tag_authority: str | None = None,
    limit: int = FEED_ENTRY_LIMIT, past_days: int | None = CALENDAR_PAST_DAYS,
    site_wide: bool = True,
) -> Iterator[tuple[str, bytes]]:
    """Every Atom and iCalendar file as (path relative to the documentation root, bytes), one
    at a time so that each can be written and dropped.

    Atom feeds hold the ``limit`` newest updates (all of them are in ``cap-nhat.csv``);
    calendars hold every task with a fixed due date at most ``past_days`` before the as-of date
    (all of them are in ``nhiem-vu.csv``). Without ``site_wide`` (the demo section's snapshot),
    only the feeds of its plans and agencies: the site-wide feed and calendar are the site-wide
    data's alone.
    """
    config = FeedConfig.make(site_url, tag_authority)
    updates = update_entries(snapshot)
    entries = snapshot.facts
    entry_cache = _EntryCache(snapshot, config)
    stamp = _dtstamp(snapshot.as_of)
    events: dict[int, str] = {}

    def event(e: TaskFact) -> str:
        if id(e) not in events:
            events[id(e)] = event_text(snapshot, e, config, stamp)
        return events[id(e)]

    if site_wide:
        yield STYLESHEET_PATH, STYLESHEET.encode("utf-8")
        yield SITE_ATOM, atom_feed(snapshot, updates, config, path=SITE_ATOM,
                                   feed_key="cap-nhat", title=f"{PUBLISHER}: cập nhật tiến độ",
                                   page=urls.HOME, limit=limit, render=entry_cache)
        if snapshot.has_calendar():
            yield SITE_ICS, ical_feed(snapshot, entries, config, f"{PUBLISHER}: hạn nhiệm vụ",
                                      event, past_days)
    # Group once (linear in the corpus), keeping the newest-first / document order.
    by_plan: dict[str, list[UpdateEntry]] = defaultdict(list)
    by_agency: dict[str, list[UpdateEntry]] = defaultdict(list)
    for ue in updates:
        by_plan[ue.entry.plan.id].append(ue)
        for agency_id in _agencies_of(ue.entry.task):
            by_agency[agency_id].append(ue)
    tasks_of: dict[str, list[TaskFact]] = defaultdict(list)
    for e in entries:
        for agency_id in _agencies_of(e.task):
            tasks_of[agency_id].append(e)
    for plan in snapshot.project.plans:
        path = plan_atom_path(plan.id)
        yield path, atom_feed(
            snapshot, by_plan[plan.id], config, path=path, feed_key=f"ke-hoach/{plan.id}",
            title=f"{DEMO_PREFIX if plan.demo else ''}{plan.document.number}: {plan.title}",
            page=urls.plan_page(plan.id), limit=limit, render=entry_cache,
        )
    for agency in sorted(snapshot.project.agencies.values(), key=lambda a: a.id):
        prefix = DEMO_PREFIX if agency.demo else ""
        atom = agency_atom_path(agency.id)
        yield atom, atom_feed(
            snapshot, by_agency[agency.id], config, path=atom, feed_key=f"co-quan/{agency.id}",
            title=f"{prefix}{agency.name}: cập nhật tiến độ", page=urls.agency_page(agency.id),
            limit=limit, render=entry_cache,
        )
        if snapshot.has_calendar(agency.id):
            yield agency_ics_path(agency.id), ical_feed(
                snapshot, tasks_of[agency.id], config, f"{prefix}{agency.name}: hạn nhiệm vụ",
                event, past_days,
            )


def _agencies_of(task: Task) -> list[str]:
    """Agencies that lead or support ``task``, each once."""
    return list(dict.fromkeys(r.agency for r in (*task.leads, *task.support)))


__all__ = [
    "CALENDAR_PAST_DAYS", "DATA_DIR", "FEED_ENTRY_LIMIT", "FeedConfig", "atom_feed", "entry_xml",
    "event_text", "fold", "ical_escape", "ical_feed", "iter_feeds", "update_entries",
]
