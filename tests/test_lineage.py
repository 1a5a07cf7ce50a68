"""Lineage resolution as of a date: pure functions, table-tested without files.

The fixture is a small made-up history:

* ``kh`` (Sở KH&ĐT) merged into ``tc`` (Sở Tài chính) on 2025-03-01;
* ``tc`` merged into ``tc2`` (the new province's Sở Tài chính) on 2025-07-01;
* ``tt`` (Sở TT&TT) split on 2025-03-01 between ``kc`` (IT) and ``vh`` (press);
* ``huyen`` (UBND cấp huyện) ended on 2025-07-01, its successor not established;
* ``dai`` (a radio station) merged on 2019-01-01 into a body known only by its name;
* ``nn`` merged into ``nm`` with no known date but known to be in effect by 2025-04-30;
* ``vhtt`` merged into ``vh`` with no date at all;
* ``lao`` gave part of its functions to ``nv`` and the rest to ``yt`` by two events on one date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.facts.lineage import applies, ending_events, heirs, predecessors
from generator.model.entities import LineageEvent, Party

D = dt.date


def ev(subject: str, when: dt.date | None, *successors: Party, kind: str = "hop-nhat-vao",
       known_by: dt.date | None = None, derived: str | None = None) -> LineageEvent:
    return LineageEvent(subject=subject, scope="agency", kind=kind, date=when,
                        confidence="day-du", successors=successors, known_by=known_by,
                        derived=derived)


EVENTS = {
    "kh": (ev("kh", D(2025, 3, 1), Party("tc")),),
    "tc": (ev("tc", D(2025, 7, 1), Party("tc2")),),
    "tt": (ev("tt", D(2025, 3, 1), Party("kc", functions="công nghệ thông tin"),
              Party("vh", functions="báo chí"), kind="chia-tach"),),
    "huyen": (ev("huyen", D(2025, 7, 1), Party(functions="phân định lại"), kind="ket-thuc"),),
    "dai": (ev("dai", D(2019, 1, 1), Party(name="Trung tâm Truyền thông")),),
    "nn": (ev("nn", None, Party("nm"), known_by=D(2025, 4, 30)),),
    "vhtt": (ev("vhtt", None, Party("vh")),),
    "lao": (ev("lao", D(2025, 3, 1), Party("nv", functions="lao động")),
            ev("lao", D(2025, 3, 1), Party("yt", functions="bảo trợ xã hội"))),
    "ubnd": (ev("ubnd", D(2025, 7, 1), Party("ubnd2"), derived="suy từ NQ 202"),),
}


def names(found) -> list[str]:
    return [h.id or h.party.name or "chưa xác định" for h in found]


@pytest.mark.parametrize(("subject", "as_of", "expected"), [
    # before, on and after a single merge
    ("kh", D(2025, 2, 28), []),
    ("kh", D(2025, 3, 1), ["tc"]),
    # a chain: the successor itself merged later
    ("kh", D(2025, 6, 30), ["tc"]),
    ("kh", D(2025, 7, 1), ["tc2"]),
    ("tc", D(2025, 6, 30), []),
    ("tc", D(2026, 1, 1), ["tc2"]),
    # a split: both successors
    ("tt", D(2025, 2, 28), []),
    ("tt", D(2025, 3, 1), ["kc", "vh"]),
    # an end whose successor is not established
    ("huyen", D(2025, 6, 30), []),
    ("huyen", D(2025, 7, 1), ["chưa xác định"]),
    # a successor known only by its name
    ("dai", D(2018, 12, 31), []),
    ("dai", D(2019, 1, 1), ["Trung tâm Truyền thông"]),
    # no date, but a date by which it had taken effect
    ("nn", D(2025, 4, 29), []),
    ("nn", D(2025, 4, 30), ["nm"]),
    # no date at all: applies at no date
    ("vhtt", D(2030, 1, 1), []),
    # two events on one date share the functions
    ("lao", D(2025, 3, 1), ["nv", "yt"]),
    # an agency without events
    ("nm", D(2030, 1, 1), []),
])
def test_heirs_as_of(subject: str, as_of: dt.date, expected: list[str]) -> None:
    assert names(heirs(EVENTS, subject, as_of)) == expected


def test_chain_keeps_every_step_and_the_date_of_the_last() -> None:
    (heir,) = heirs(EVENTS, "kh", D(2025, 8, 1))
    assert [s.event.subject for s in heir.steps] == ["kh", "tc"]
    assert heir.since == D(2025, 7, 1)
    assert heir.derived is None


def test_split_keeps_the_functions_each_successor_took() -> None:
    found = heirs(EVENTS, "tt", D(2025, 3, 1))
    assert [h.party.functions for h in found] == ["công nghệ thông tin", "báo chí"]


def test_inference_is_carried_along_the_chain() -> None:
    (heir,) = heirs(EVENTS, "ubnd", D(2025, 7, 1))
    assert heir.derived == "suy từ NQ 202"


@pytest.mark.parametrize(("target", "as_of", "expected"), [
    ("tc", D(2025, 2, 28), []),
    ("tc", D(2025, 3, 1), ["kh"]),
    ("tc", D(2025, 7, 1), []),           # by then kh's tasks went on to tc2
    ("tc2", D(2025, 7, 1), ["kh", "tc"]),
    ("vh", D(2025, 3, 1), ["tt"]),       # vhtt has no date: never counted
    ("nm", D(2025, 5, 1), ["nn"]),
])
def test_predecessors_as_of(target: str, as_of: dt.date, expected: list[str]) -> None:
    assert [subject for subject, _heir in predecessors(EVENTS, target, as_of)] == expected


def test_only_the_earliest_ending_date_counts() -> None:
    events = (ev("x", D(2025, 3, 1), Party("a")), ev("x", D(2025, 7, 1), Party("b")))
    assert [e.successors[0].id for e in ending_events(events, D(2026, 1, 1))] == ["a"]


def test_creation_does_not_end_a_subject() -> None:
    created = LineageEvent(subject="kc", scope="agency", kind="thanh-lap", date=D(2025, 3, 1),
                           confidence="day-du", predecessors=(Party("tt"),))
    assert applies(created, D(2025, 3, 1))
    assert ending_events((created,), D(2030, 1, 1)) == ()


def test_a_cycle_does_not_loop_forever() -> None:
    events = {"a": (ev("a", D(2025, 3, 1), Party("b")),),
              "b": (ev("b", D(2025, 3, 1), Party("a")),)}
    assert names(heirs(events, "a", D(2025, 3, 1))) == ["a"]
