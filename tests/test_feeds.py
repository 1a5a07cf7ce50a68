"""Atom feeds of status updates and iCalendar feeds of deadlines.

Atom is parsed with feedparser (no "bozo" error allowed) and its RFC 4287 requirements are
checked on the XML itself; iCalendar is parsed with the icalendar library and its RFC 5545 line
rules (CRLF, 75-octet folding, escaping) are checked on the bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import feedparser
import icalendar
import pytest

from generator.common import urls
from generator.common.urls import (
    DEFAULT_SITE_URL,
    SITE_ATOM,
    SITE_ICS,
    agency_atom_path,
    agency_ics_path,
    plan_atom_path,
)
from generator.downloads.feed_style import STYLESHEET_PATH
from generator.downloads.feeds import (
    ATOM_NS,
    CALENDAR_PAST_DAYS,
    DEMO_PREFIX,
    FEED_ENTRY_LIMIT,
    FeedConfig,
    fold,
    ical_escape,
    iter_feeds,
    update_entries,
)
from generator.facts.snapshot import Snapshot
from generator.facts.stats import model_counts
from generator.facts.status import Status
from generator.model.entities import task_anchor
from generator.model.project import load_project
from generator.site.pages import Builder
from generator.site.render import make_environment, render_page

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
SITE = "https://congkhai.example.org/tinh/"
A = f"{{{ATOM_NS}}}"
TAG = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(-\d\d(-\d\d)?)?:[A-Za-z0-9/%._~-]+$")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    project, problems = load_project(REPO, AS_OF)
    assert problems.sorted() == []
    return Snapshot(project, AS_OF)


@pytest.fixture(scope="module")
def feeds(snapshot: Snapshot) -> dict[str, bytes]:
    return _feeds(snapshot, SITE)


@pytest.fixture(scope="module")
def complete(snapshot: Snapshot) -> dict[str, bytes]:
    """The feeds with neither the entry limit nor the calendar window."""
    return _feeds(snapshot, SITE, limit=10**9, past_days=None)


def _involved(task, agency_id: str) -> bool:
    return any(r.agency == agency_id for r in (*task.leads, *task.support))


def test_one_file_per_feed(feeds, snapshot) -> None:
    project = snapshot.project
    dated = {r.agency for f in snapshot.facts if f.task.deadline.due is not None
             for r in (*f.task.leads, *f.task.support)}
    expected = {SITE_ATOM, SITE_ICS, STYLESHEET_PATH,
                *(plan_atom_path(p.id) for p in project.plans),
                *(agency_atom_path(a) for a in project.agencies),
                *(agency_ics_path(a) for a in project.agencies if a in dated)}
    assert set(feeds) == expected
    # The repository's data has agencies with no dated task: they get no (empty) calendar.
    assert set(project.agencies) - dated
    assert all(isinstance(v, bytes) for v in feeds.values())


# --- Atom ----------------------------------------------------------------------------------------


def _atom_paths(feeds: dict[str, bytes]) -> list[str]:
    return sorted(p for p in feeds if p.endswith(".xml"))


def test_every_atom_feed_parses_without_error(feeds) -> None:
    for path in _atom_paths(feeds):
        parsed = feedparser.parse(feeds[path])
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.id.startswith("tag:")
        assert parsed.feed.title
        assert parsed.feed.updated_parsed is not None
        selves = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert selves == [SITE + path]
        for entry in parsed.entries:
            assert entry.id and entry.title and entry.updated_parsed and entry.content
            assert entry.link.startswith(SITE + "ke-hoach/") and "#nv-" in entry.link


def test_atom_follows_rfc_4287(feeds) -> None:
    for path in _atom_paths(feeds):
        root = ET.fromstring(feeds[path])
        assert root.tag == f"{A}feed"
        for name in ("id", "title", "updated"):
            assert len(root.findall(f"{A}{name}")) == 1, (path, name)
        assert TAG.match(root.findtext(f"{A}id")), path
        assert RFC3339.match(root.findtext(f"{A}updated"))
        assert root.find(f"{A}author/{A}name").text  # entries inherit the feed's author
        rels = Counter(link.get("rel") for link in root.findall(f"{A}link"))
        assert rels == {"self": 1, "alternate": 1}
        updated = []
        for entry in root.findall(f"{A}entry"):
            for name in ("id", "title", "updated", "content"):
                assert len(entry.findall(f"{A}{name}")) == 1, (path, name)
            assert TAG.match(entry.findtext(f"{A}id")), entry.findtext(f"{A}id")
            assert RFC3339.match(entry.findtext(f"{A}updated"))
            assert entry.find(f"{A}content").get("type") == "html"
            links = entry.findall(f"{A}link[@rel='alternate']")
            assert len(links) == 1 and links[0].get("href").startswith("https://")
            assert entry.find(f"{A}author") is None
            updated.append(entry.findtext(f"{A}updated"))
        assert updated == sorted(updated, reverse=True)  # newest first
        # ... and unambiguous: no two entries of a feed share a time (W3C validator warning)
        assert len(set(updated)) == len(updated), path
        if updated:
            assert root.findtext(f"{A}updated") == updated[0]


def test_atom_entries_match_the_updates(complete, snapshot) -> None:
    feeds = complete
    counts = model_counts(snapshot.project)
    site = feedparser.parse(feeds[SITE_ATOM])
    assert len(site.entries) == counts.updates
    ids = [e.id for e in site.entries]
    assert len(set(ids)) == len(ids)
    for plan in snapshot.project.plans:
        parsed = feedparser.parse(feeds[plan_atom_path(plan.id)])
        expected = sum(len(e.task.updates) for e in snapshot.facts if e.plan is plan)
        assert len(parsed.entries) == expected
        assert all(f"/{plan.id}/" in e.link for e in parsed.entries)
    for agency_id in snapshot.project.agencies:
        parsed = feedparser.parse(feeds[agency_atom_path(agency_id)])
        expected = sum(len(e.task.updates) for e in snapshot.facts
                       if _involved(e.task, agency_id))
        assert len(parsed.entries) == expected, agency_id


def test_atom_entry_content(feeds, snapshot) -> None:
    entries = update_entries(snapshot)
    newest = entries[0]
    parsed = feedparser.parse(feeds[SITE_ATOM]).entries[0]
    task, update = newest.entry.task, newest.update
    assert parsed.id == (f"tag:congkhai.example.org,2026:ke-hoach/{newest.entry.plan.id}"
                         f"/nhiem-vu/{task.id}/cap-nhat/{update.date.isoformat()}/1")
    assert parsed.link == (f"{SITE}ke-hoach/{newest.entry.plan.id}/#{task_anchor(task.id)}")
    assert parsed.title.startswith(DEMO_PREFIX + task.id + ". " + task.title)
    assert parsed.updated.startswith(update.date.isoformat())
    html = parsed.content[0].value
    assert task.title in html and newest.entry.plan.document.number in html
    if update.note:
        assert "<p>" in html


def test_entry_links_point_at_anchors_that_exist(feeds, snapshot) -> None:
    env = make_environment()
    builder = Builder(snapshot)
    pages = {urls.url_of(urls.plan_page(p.id)): render_page(env, builder.plan(p))
             for p in snapshot.project.plans}
    links = [e.link for e in feedparser.parse(feeds[SITE_ATOM]).entries]
    cal = icalendar.Calendar.from_ical(feeds[SITE_ICS])
    links += [str(e["URL"]) for e in cal.walk("VEVENT")]
    for link in links:
        page_url, anchor = link.removeprefix(SITE).split("#")
        assert f'id="{anchor}"' in pages[page_url], link


def test_an_entry_has_the_same_time_in_every_feed(feeds, snapshot) -> None:
    seen: dict[str, set[str]] = {}
    for path in _atom_paths(feeds):
        for entry in ET.fromstring(feeds[path]).findall(f"{A}entry"):
            seen.setdefault(entry.findtext(f"{A}id"), set()).add(entry.findtext(f"{A}updated"))
    assert seen and all(len(times) == 1 for times in seen.values())
    # Several updates share a date in the repository's data, which is what this is about.
    dates = Counter(ue.update.date for ue in update_entries(snapshot))
    assert max(dates.values()) > 1
    for ue in update_entries(snapshot):
        assert ue.instant.startswith(ue.update.date.isoformat() + "T00:")


def test_entry_ids_are_stable_when_time_passes(snapshot) -> None:
    later = Snapshot(snapshot.project, AS_OF + dt.timedelta(days=40))
    now_ids = [e.id for e in feedparser.parse(_feeds(snapshot, SITE)[SITE_ATOM]).entries]
    later_ids = [e.id for e in feedparser.parse(_feeds(later, SITE)[SITE_ATOM]).entries]
    assert now_ids == later_ids


def test_updates_after_the_as_of_date_are_left_out(snapshot) -> None:
    earlier = Snapshot(snapshot.project, dt.date(2026, 1, 1))
    parsed = feedparser.parse(_feeds(earlier, SITE)[SITE_ATOM])
    assert parsed.entries
    assert all(e.updated[:10] <= "2026-01-01" for e in parsed.entries)


def test_same_date_updates_get_distinct_ids() -> None:
    config = FeedConfig.make(SITE)
    assert config.tag("ke-hoach/p/nhiem-vu/1.đ/cap-nhat/2026-01-02/2") == (
        "tag:congkhai.example.org,2026:ke-hoach/p/nhiem-vu/1.%C4%91/cap-nhat/2026-01-02/2")
    assert FeedConfig.make(None).site_url == DEFAULT_SITE_URL
    assert FeedConfig.make(SITE, "congkhai.vn,2027").tag("x") == "tag:congkhai.vn,2027:x"


# --- iCalendar -----------------------------------------------------------------------------------


def _ics_paths(feeds: dict[str, bytes]) -> list[str]:
    return sorted(p for p in feeds if p.endswith(".ics"))


def test_ics_lines_are_crlf_folded_utf8(feeds) -> None:
    for path in _ics_paths(feeds):
        data = feeds[path]
        assert data.endswith(b"\r\n")
        assert b"\n" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n")[:-1]:
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # folding never splits a character


def test_every_ics_parses_with_icalendar(feeds, snapshot) -> None:
    stamp = dt.datetime(2026, 11, 22, 17, 0, tzinfo=dt.UTC)
    for path in _ics_paths(feeds):
        cal = icalendar.Calendar.from_ical(feeds[path])
        assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"])
        assert not getattr(cal, "errors", [])
        for event in cal.walk("VEVENT"):
            assert not getattr(event, "errors", [])
            start, end = event["DTSTART"].dt, event["DTEND"].dt
            assert type(start) is dt.date and end - start == dt.timedelta(days=1)
            assert event["DTSTAMP"].dt == stamp
            assert str(event["SUMMARY"]).startswith(("Hạn: ", DEMO_PREFIX + "Hạn: "))
            assert str(event["URL"]).startswith(SITE + "ke-hoach/")
            assert "Trạng thái tính đến 23/11/2026" in str(event["DESCRIPTION"])


def test_feeds_carry_the_newest_entries_and_the_recent_deadlines(feeds, complete,
                                                                snapshot) -> None:
    """By default an Atom feed is its complete version cut to the newest FEED_ENTRY_LIMIT
    entries, and a calendar its complete version without the deadlines more than
    CALENDAR_PAST_DAYS before the status date (both stated on the open-data page); a calendar
    whose deadlines are all older keeps the events of its latest deadline (RFC 5545 wants an
    event in every calendar, and the pages link every calendar with a deadline)."""
    since = snapshot.as_of - dt.timedelta(days=CALENDAR_PAST_DAYS)
    assert set(feeds) == set(complete)
    cut = kept_only_latest = 0
    for path, data in feeds.items():
        if path.endswith(".xml"):
            every = [e.id for e in feedparser.parse(complete[path]).entries]
            kept = [e.id for e in feedparser.parse(data).entries]
            assert kept == every[:FEED_ENTRY_LIMIT], path
            cut += len(every) > FEED_ENTRY_LIMIT
        elif path.endswith(".ics"):  # (the feeds' stylesheet is neither)
            every = icalendar.Calendar.from_ical(complete[path]).walk("VEVENT")
            kept = icalendar.Calendar.from_ical(data).walk("VEVENT")
            recent = [str(e["UID"]) for e in every if e["DTSTART"].dt >= since]
            last = max(e["DTSTART"].dt for e in every)
            latest = [str(e["UID"]) for e in every if e["DTSTART"].dt == last]
            assert [str(e["UID"]) for e in kept] == (recent or latest), path
            cut += len(kept) < len(every)
            kept_only_latest += not recent
    assert cut  # the repository's data is long enough to be cut somewhere
    assert kept_only_latest  # and some calendar has nothing within the window


def test_one_event_per_task_with_a_fixed_due_date(complete, snapshot) -> None:
    feeds = complete
    counts = model_counts(snapshot.project)
    entries = snapshot.facts
    cal = icalendar.Calendar.from_ical(feeds[SITE_ICS])
    events = cal.walk("VEVENT")
    assert len(events) == counts.fixed_deadlines
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    by_uid = {str(e["UID"]): e for e in events}
    for e in entries:
        uid = f"{e.plan.id}.{task_anchor(e.task.id)}@congkhai.example.org"
        if e.task.deadline.due is None:
            assert uid not in by_uid
        else:
            event = by_uid[uid]
            assert event["DTSTART"].dt == e.task.deadline.due
            assert e.task.title in str(event["SUMMARY"])
            # A cancelled task's deadline, or one another document replaced, no longer stands.
            stands = e.status.code not in (Status.CANCELLED, Status.REPLACED)
            assert str(event["STATUS"]) == ("CONFIRMED" if stands else "CANCELLED")
    for agency_id in snapshot.project.agencies:
        expected = sum(1 for e in entries
                       if e.task.deadline.due is not None and _involved(e.task, agency_id))
        if not expected:  # RFC 5545: a calendar holds at least one component
            assert agency_ics_path(agency_id) not in feeds, agency_id
            continue
        cal = icalendar.Calendar.from_ical(feeds[agency_ics_path(agency_id)])
        assert len(cal.walk("VEVENT")) == expected, agency_id


def test_no_calendar_is_empty(feeds) -> None:
    for path in _ics_paths(feeds):
        assert b"BEGIN:VEVENT" in feeds[path], path


def test_escaping_and_folding_round_trip() -> None:
    text = ("Nhiệm vụ 1; phối hợp: Sở A, Sở B\\C\nDòng hai — " + "cải cách hành chính " * 12)
    line = "DESCRIPTION:" + ical_escape(text)
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert all(part.startswith(" ") for part in folded.split("\r\n")[1:])
    raw = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//VI\r\nBEGIN:VEVENT\r\n"
           "UID:x@y\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260102\r\n"
           f"{folded}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    event = icalendar.Calendar.from_ical(raw.encode()).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]) == text
    assert ical_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_fold_never_splits_an_escape() -> None:
    for width in range(1, 12):
        line = "X:" + "a" * width + "\\n" * 40
        for part in fold(line).split("\r\n"):
            assert not part.rstrip().endswith("\\") or part.endswith("\\\\")


def test_fold_keeps_every_octet_and_cuts_only_between_units() -> None:
    import random

    rng = random.Random(5)
    units = ["a", " ", ":", "ệ", "ữ", "€", "𝄞", "\\n", "\\;", "\\,", "\\\\"]
    for _ in range(3000):
        chosen = [rng.choice(units) for _ in range(rng.randint(0, 120))]
        line = "DESCRIPTION:" + "".join(chosen)
        folded = fold(line)
        parts = folded.split("\r\n")
        assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line  # unfolds to the line
        assert all(len(p.encode()) <= 75 for p in parts)
        assert all(p.startswith(" ") and len(p) > 1 for p in parts[1:])
        # each cut falls on a unit boundary: the line re-splits into the same units
        bounds, at = {0}, len("DESCRIPTION:")
        for unit in chosen:
            bounds.add(at)
            at += len(unit)
        at = len(parts[0])
        for p in parts[1:]:
            assert at in bounds | {len(line)}
            at += len(p) - 1


# --- reproducibility and defaults ----------------------------------------------------------------


def test_feeds_are_reproducible(feeds, snapshot) -> None:
    project, _ = load_project(REPO, AS_OF)
    assert _feeds(Snapshot(project, AS_OF), SITE) == feeds


def test_default_site_url(snapshot) -> None:
    files = _feeds(snapshot)
    parsed = feedparser.parse(files[SITE_ATOM])
    assert parsed.feed.id.startswith("tag:example.invalid,2026:")
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [
        DEFAULT_SITE_URL + SITE_ATOM]


def test_no_author_of_an_edit_in_feeds(feeds) -> None:
    for path in _atom_paths(feeds):
        root = ET.fromstring(feeds[path])
        authors = [a.findtext(f"{A}name") for a in root.iter(f"{A}author")]
        assert authors == ["Công khai cải cách hành chính"]
        assert root.find(f".//{A}email") is None


def _feeds(snapshot, site_url=None, tag_authority=None, **limits):
    """Every feed file, as bytes, by path (``limit`` and ``past_days`` as iter_feeds)."""
    return dict(iter_feeds(snapshot, site_url, tag_authority, **limits))
