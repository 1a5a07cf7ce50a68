"""Tests of generator.facts.stats.summarise over statuses derived by task_status."""

from __future__ import annotations

from datetime import date

import pytest

from generator.facts.stats import summarise
from generator.facts.status import ORDER, Status, TaskStatus, task_status
from generator.model.entities import Update

AS_OF = date(2018, 12, 31)


def u(d: date, status: str, progress: int | None = None, reason: str | None = None) -> Update:
    return Update(d, status, progress, None, None, reason)


# (name, due, updates, expected code as of AS_OF)
TASKS: list[tuple[str, date | None, list[Update], Status]] = [
    ("on-time", date(2018, 3, 31), [u(date(2018, 3, 20), "hoan-thanh")], Status.DONE_ON_TIME),
    ("late", date(2018, 3, 31), [u(date(2018, 4, 10), "hoan-thanh")], Status.DONE_LATE),
    (
        "doing-late",
        date(2018, 6, 30),
        [u(date(2018, 5, 1), "dang-thuc-hien", 50)],
        Status.IN_PROGRESS_LATE,
    ),
    ("silent-late", date(2018, 6, 30), [], Status.NO_REPORT_LATE),
    (
        "cancelled",
        date(2018, 6, 30),
        [u(date(2018, 2, 1), "dang-thuc-hien", 30), u(date(2018, 5, 1), "huy", 30, "QĐ 12")],
        Status.CANCELLED,
    ),
    (
        "done-early-not-yet-due",
        date(2019, 3, 31),
        [u(date(2018, 10, 1), "hoan-thanh")],
        Status.DONE_ON_TIME,
    ),
    ("no-due-doing", None, [u(date(2018, 7, 1), "dang-thuc-hien", 20)], Status.IN_PROGRESS),
    ("no-due-silent", None, [], Status.NO_REPORT),
    (
        "due-today-not-started",
        AS_OF,
        [u(date(2018, 11, 1), "chua-bat-dau")],
        Status.NOT_STARTED,
    ),
    (
        "paused-fallen-due",
        date(2018, 9, 30),
        [u(date(2018, 8, 1), "tam-dung", 60, "chờ vốn")],
        Status.PAUSED,
    ),
]


def statuses(rows=TASKS, as_of: date = AS_OF) -> list[TaskStatus]:  # type: ignore[no-untyped-def]
    return [task_status(due, updates, as_of) for _, due, updates, _ in rows]


def test_fixture_statuses_are_what_the_rows_say() -> None:
    got = {name: st.code for (name, *_), st in zip(TASKS, statuses(), strict=True)}
    assert got == {name: code for name, _, _, code in TASKS}


def test_summary_counts() -> None:
    s = summarise(statuses())
    assert s.total == 10
    assert s.with_due_date == 8
    assert s.without_due_date == 2
    # fallen due: due before as-of, not cancelled -> on-time, late, doing-late, silent-late, paused.
    # Not: cancelled, done-early-not-yet-due, the two without due date, due-today.
    assert s.fallen_due == 5
    assert s.fallen_due_reported == 4  # silent-late has no report
    assert s.completed_of_fallen_due == 2
    assert s.on_time_of_fallen_due == 1
    # Overdue is reported: doing-late. silent-late is past due, unreported: never "overdue".
    assert s.overdue == 1
    assert s.past_due_unreported == 1
    assert s.completed == 3  # includes the task done before its (future) due date
    assert s.reported == 8
    assert s.unreported == 2


def test_summary_rates() -> None:
    s = summarise(statuses())
    # Over the four fallen-due tasks with a report; the silent one is counted apart.
    assert s.completion_rate == pytest.approx(2 / 4)
    assert s.on_time_rate == pytest.approx(1 / 4)


def test_summary_progress_excludes_unreported_and_cancelled() -> None:
    s = summarise(statuses())
    # 100 (on-time) + 100 (late) + 50 (doing-late) + 100 (done early) + 20 (no-due doing)
    # + 0 (not started) + 60 (paused); silent tasks and the cancelled one (30) are left out.
    assert s.progress == pytest.approx((100 + 100 + 50 + 100 + 20 + 0 + 60) / 7)


def test_by_status() -> None:
    s = summarise(statuses())
    assert set(s.by_status) == set(ORDER)
    expected = {code: 0 for code in Status}
    for *_, code in TASKS:
        expected[code] += 1
    assert s.by_status == expected
    assert s.count(Status.DONE_ON_TIME) == 2
    assert s.count(Status.NO_REPORT) == 1
    assert sum(s.by_status.values()) == s.total


def test_denominator_moves_with_as_of() -> None:
    # One day later the task due on AS_OF has fallen due too (not started -> overdue).
    later = summarise(statuses(as_of=date(2019, 1, 1)))
    assert later.fallen_due == 6
    assert later.fallen_due_reported == 5
    assert later.overdue == 2
    assert later.completion_rate == pytest.approx(2 / 5)
    # After 31/3/2019 the early completion joins the denominator and the on-time count.
    much_later = summarise(statuses(as_of=date(2019, 4, 1)))
    assert much_later.fallen_due == 7
    assert much_later.on_time_of_fallen_due == 2
    assert much_later.completed_of_fallen_due == 3
    assert much_later.on_time_rate == pytest.approx(2 / 6)


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([], id="empty"),
        pytest.param([r for r in TASKS if r[1] is None], id="only-without-due"),
        pytest.param(
            [r for r in TASKS if r[0] in ("done-early-not-yet-due", "due-today-not-started")],
            id="only-not-yet-due",
        ),
        pytest.param([r for r in TASKS if r[0] == "cancelled"], id="only-cancelled"),
    ],
)
def test_rates_are_none_when_nothing_has_fallen_due(rows) -> None:  # type: ignore[no-untyped-def]
    s = summarise(statuses(rows))
    assert s.total == len(rows)
    assert s.fallen_due == 0
    assert s.completion_rate is None
    assert s.on_time_rate is None


def test_empty_summary() -> None:
    s = summarise([])
    assert (s.total, s.reported, s.unreported, s.overdue, s.completed) == (0, 0, 0, 0, 0)
    assert s.progress is None


def test_progress_none_when_nobody_reported() -> None:
    s = summarise(statuses([r for r in TASKS if not r[2]]))
    assert s.total == 2
    assert s.reported == 0
    assert s.progress is None
    assert s.fallen_due == 1  # the silent past-due one
    assert s.past_due_unreported == 1
    assert s.overdue == 0
    # Nobody reported, so nothing is known about completion: no rate, not 0%.
    assert s.completion_rate is None
    assert s.on_time_rate is None


def test_summarise_accepts_a_generator() -> None:
    s = summarise(st for st in statuses())
    assert s.total == len(TASKS)
