"""What the lineage events mean as of a date: who answers now for an agency (or a province) that
no longer exists under the name a document used.

Pure functions over the events the registries record; no file is read here. The rules, also
stated on the methodology page:

* An event applies as of a date D when its effective date is on or before D. The effective date
  is the event's date; when that is unknown, the latest date by which the sources show the event
  had taken effect (``known_by``); an event with neither applies at no date (pages still list it,
  with "ngày hiệu lực chưa xác định").
* A subject ends with its earliest applying event that ends it; every ending event on that same
  date counts (a body whose functions went to several successors by several events).
* Its successors as of D follow the chain: a successor that has itself ended by D is replaced by
  its own successors. The walk stops at a body that still exists as of D, at a successor known
  only by its name, or at one the sources do not establish ("chưa xác định").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.model.entities import LineageEvent, Party, Project


@dataclass(frozen=True)
class Step:
    """One link of a chain: the event and the successor it names."""

    event: LineageEvent
    party: Party


@dataclass(frozen=True)
class Heir:
    """A successor as of a date and the steps that lead to it from the original subject."""

    steps: tuple[Step, ...]

    @property
    def party(self) -> Party:
        """The last successor of the chain."""
        return self.steps[-1].party

    @property
    def id(self) -> str | None:
        """Registry id of the successor, when it has one."""
        return self.party.id

    @property
    def derived(self) -> str | None:
        """The first reason any step of the chain is an inference rather than a stated fact."""
        for step in self.steps:
            reason = step.party.derived or step.event.derived
            if reason:
                return reason
        return None

    @property
    def since(self) -> dt.date | None:
        """When the last step took effect."""
        return self.steps[-1].event.effective


def applies(event: LineageEvent, as_of: dt.date) -> bool:
    """True when ``event`` has taken effect on or before ``as_of``."""
    return event.effective is not None and event.effective <= as_of


def ending_events(events: Iterable[LineageEvent], as_of: dt.date) -> tuple[LineageEvent, ...]:
    """The events that ended their subject as of ``as_of``: every applying ending event on the
    earliest such date; empty while the subject still exists."""
    ending = [e for e in events if e.ends and applies(e, as_of)]
    if not ending:
        return ()
    first = min(e.effective for e in ending if e.effective is not None)
    return tuple(e for e in ending if e.effective == first)


def heirs(events_by_id: Mapping[str, Sequence[LineageEvent]], subject: str,
          as_of: dt.date) -> tuple[Heir, ...]:
    """The successors of ``subject`` as of ``as_of`` at the end of each chain, in the order the
    events list them; empty when the subject still exists."""
    found: dict[object, Heir] = {}

    def walk(current: str, path: tuple[Step, ...], seen: frozenset[str]) -> None:
        for event in ending_events(events_by_id.get(current, ()), as_of):
            for party in event.successors:
                chain = (*path, Step(event, party))
                nxt = party.id
                if nxt is not None and nxt not in seen and ending_events(
                    events_by_id.get(nxt, ()), as_of
                ):
                    walk(nxt, chain, seen | {nxt})
                    continue
                key = nxt or party.name or ("?", len(found))
                found.setdefault(key, Heir(chain))

    walk(subject, (), frozenset({subject}))
    return tuple(found.values())


def predecessors(events_by_id: Mapping[str, Sequence[LineageEvent]], target: str,
                 as_of: dt.date) -> tuple[tuple[str, Heir], ...]:
    """Every subject whose successor as of ``as_of`` is ``target``, with the chain that leads
    there, in the order of ``events_by_id``."""
    return tuple(
        (subject, heir)
        for subject in events_by_id
        for heir in heirs(events_by_id, subject, as_of)
        if heir.id == target
    )


class Lineage:
    """The lineage of every agency and province of a project as of one date, indexed."""

    def __init__(self, project: Project, as_of: dt.date) -> None:
        self.as_of = as_of
        self.agency_events: dict[str, tuple[LineageEvent, ...]] = {
            a.id: a.lineage for a in project.agencies.values() if a.lineage
        }
        self.province_events: dict[str, tuple[LineageEvent, ...]] = {
            p.id: p.lineage for p in project.provinces.values() if p.lineage
        }
        self._heirs = {i: heirs(self.agency_events, i, as_of) for i in self.agency_events}
        self._province_heirs = {
            i: heirs(self.province_events, i, as_of) for i in self.province_events
        }
        self._inherited: dict[str, list[tuple[str, Heir]]] = {}
        for subject, found in self._heirs.items():
            for heir in found:
                if heir.id is not None:
                    self._inherited.setdefault(heir.id, []).append((subject, heir))

    def heirs(self, agency_id: str) -> tuple[Heir, ...]:
        """Successors of an agency as of the date; empty while it exists."""
        return self._heirs.get(agency_id, ())

    def ended(self, agency_id: str) -> tuple[LineageEvent, ...]:
        """The events that ended an agency as of the date; empty while it exists."""
        return ending_events(self.agency_events.get(agency_id, ()), self.as_of)

    def predecessors(self, agency_id: str) -> list[tuple[str, Heir]]:
        """The agencies whose successor as of the date is this one, with their chains."""
        return self._inherited.get(agency_id, [])

    def province_heirs(self, province_id: str) -> tuple[Heir, ...]:
        """Successors of a province as of the date; empty while it exists."""
        return self._province_heirs.get(province_id, ())

    def province_ended(self, province_id: str) -> tuple[LineageEvent, ...]:
        """The events that ended a province as of the date."""
        return ending_events(self.province_events.get(province_id, ()), self.as_of)

    def events(self) -> list[LineageEvent]:
        """Every event of agencies and provinces: dated ones by date, then undated ones."""
        found = [e for events in (*self.agency_events.values(), *self.province_events.values())
                 for e in events]
        return sorted(found, key=lambda e: (e.effective is None, e.effective or dt.date.min,
                                            e.scope != "province", e.subject))


__all__ = ["Heir", "Lineage", "Step", "applies", "ending_events", "heirs", "predecessors"]
