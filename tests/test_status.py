"""Tests of generator.facts.status: a task's public status as of a date, from dated updates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from generator.facts.status import (
    COMPLETED,
    LABELS,
    ORDER,
    OVERDUE,
    Status,
    latest_update,
    replaced_status,
    task_status,
)
from generator.model.entities import Update

DUE = date(2018, 3, 31)  # "Quý I/2018"


def day(offset: int) -> date:
    """A date relative to DUE."""
    return DUE + timedelta(days=offset)


def up(offset: int, status: str, progress: int | None = None, reason: str | None = None) -> Update:
    return Update(day(offset), status, progress, None, None, reason)


# (case id, updates, as_of offset from DUE, expected code, expected days_overdue)
AROUND_DUE = [
    # no updates: past due, but nobody reported, so no day counts against the task
    ("none/due-1", [], -1, Status.NO_REPORT, None),
    ("none/due", [], 0, Status.NO_REPORT, None),
    ("none/due+1", [], 1, Status.NO_REPORT_LATE, None),
    ("none/due+30", [], 30, Status.NO_REPORT_LATE, None),
    # done
    ("done-before/due-1", [up(-10, "hoan-thanh")], -1, Status.DONE_ON_TIME, None),
    ("done-on-due/due", [up(0, "hoan-thanh")], 0, Status.DONE_ON_TIME, None),
    ("done-on-due/due+1", [up(0, "hoan-thanh")], 1, Status.DONE_ON_TIME, None),
    ("done-after/due+1", [up(1, "hoan-thanh")], 1, Status.DONE_LATE, 1),
    # a late completion is late by (completion date - due), not by (as_of - due)
    ("done-after-7/due+100", [up(7, "hoan-thanh")], 100, Status.DONE_LATE, 7),
    # in progress
    ("doing/due-1", [up(-20, "dang-thuc-hien", 40)], -1, Status.IN_PROGRESS_ON_TIME, None),
    ("doing/due", [up(-20, "dang-thuc-hien", 40)], 0, Status.IN_PROGRESS_ON_TIME, None),
    ("doing/due+1", [up(-20, "dang-thuc-hien", 40)], 1, Status.IN_PROGRESS_LATE, 1),
    ("doing-on-due/due+5", [up(0, "dang-thuc-hien")], 5, Status.IN_PROGRESS_LATE, 5),
    # not started
    ("notstarted/due-1", [up(-20, "chua-bat-dau")], -1, Status.NOT_STARTED, None),
    ("notstarted/due", [up(-20, "chua-bat-dau")], 0, Status.NOT_STARTED, None),
    ("notstarted/due+1", [up(-20, "chua-bat-dau")], 1, Status.NOT_STARTED_LATE, 1),
    ("notstarted/due+9", [up(-20, "chua-bat-dau")], 9, Status.NOT_STARTED_LATE, 9),
    # paused and cancelled are shown as such, never overdue
    ("paused/due-1", [up(-5, "tam-dung", reason="QĐ số 1")], -1, Status.PAUSED, None),
    ("paused/due+40", [up(-5, "tam-dung", reason="QĐ số 1")], 40, Status.PAUSED, None),
    ("cancelled/due", [up(-5, "huy", reason="QĐ số 2")], 0, Status.CANCELLED, None),
    ("cancelled/due+40", [up(-5, "huy", reason="QĐ số 2")], 40, Status.CANCELLED, None),
    # updates dated after as_of do not count
    ("future-done-only/due", [up(1, "hoan-thanh")], 0, Status.NO_REPORT, None),
    ("future-done-only/due-1", [up(0, "hoan-thanh")], -1, Status.NO_REPORT, None),
    (
        "doing-then-future-done/due",
        [up(-10, "dang-thuc-hien", 70), up(3, "hoan-thanh")],
        0,
        Status.IN_PROGRESS_ON_TIME,
        None,
    ),
    (
        "doing-then-future-done/due+2",
        [up(-10, "dang-thuc-hien", 70), up(3, "hoan-thanh")],
        2,
        Status.IN_PROGRESS_LATE,
        2,
    ),
    (
        "doing-then-done/due+3",
        [up(-10, "dang-thuc-hien", 70), up(3, "hoan-thanh")],
        3,
        Status.DONE_LATE,
        3,
    ),
    # the latest update is the recorded state, whatever came before
    (
        "done-then-reopened/due+1",
        [up(-10, "hoan-thanh"), up(-2, "dang-thuc-hien", 90)],
        1,
        Status.IN_PROGRESS_LATE,
        1,
    ),
    (
        "paused-then-resumed/due-1",
        [up(-10, "tam-dung", reason="chờ"), up(-3, "dang-thuc-hien")],
        -1,
        Status.IN_PROGRESS_ON_TIME,
        None,
    ),
    # ties on the same date: file order decides (the later entry wins)
    (
        "tie-doing-then-done",
        [up(-1, "dang-thuc-hien", 50), up(-1, "hoan-thanh")],
        5,
        Status.DONE_ON_TIME,
        None,
    ),
    (
        "tie-done-then-doing",
        [up(-1, "hoan-thanh"), up(-1, "dang-thuc-hien", 50)],
        5,
        Status.IN_PROGRESS_LATE,
        5,
    ),
    (
        "tie-cancel-then-notstarted",
        [up(-1, "huy", reason="x"), up(-1, "chua-bat-dau")],
        2,
        Status.NOT_STARTED_LATE,
        2,
    ),
]


@pytest.mark.parametrize(
    ("updates", "as_of", "code", "days_overdue"),
    [pytest.param(u, a, c, d, id=i) for i, u, a, c, d in AROUND_DUE],
)
def test_status_around_due(
    updates: list[Update], as_of: int, code: Status, days_overdue: int | None
) -> None:
    st = task_status(DUE, updates, day(as_of))
    assert st.code is code
    assert st.days_overdue == days_overdue
    assert st.as_of == day(as_of)
    assert st.due == DUE
    assert st.fixed_deadline is True
    assert st.overdue is (code in OVERDUE)
    assert st.days_past_due == (as_of if as_of > 0 else None)


# The vocabulary (issue 18): "quá hạn" only where a report says unfinished past due.
@pytest.mark.parametrize(
    ("updates", "as_of", "counter"),
    [
        ([], 30, None),
        ([], -1, None),
        ([up(-20, "dang-thuc-hien", 40)], 12, "quá hạn 12 ngày"),
        ([up(-20, "chua-bat-dau")], 3, "quá hạn 3 ngày"),
        ([up(7, "hoan-thanh")], 100, "trễ 7 ngày"),
        ([up(-1, "hoan-thanh")], 100, None),
        ([up(-5, "tam-dung", reason="r")], 40, None),
    ],
)
def test_day_counter_only_for_reported_lateness(
    updates: list[Update], as_of: int, counter: str | None
) -> None:
    assert task_status(DUE, updates, day(as_of)).counter == counter


def test_only_overdue_labels_say_qua_han() -> None:
    for code, label in LABELS.items():
        assert ("quá hạn" in label.lower()) is (code in OVERDUE), (code, label)


@pytest.mark.parametrize(
    ("updates", "code"),
    [
        ([], Status.NO_REPORT),
        ([up(-1, "hoan-thanh")], Status.DONE),
        ([up(-1, "dang-thuc-hien", 10)], Status.IN_PROGRESS),
        ([up(-1, "chua-bat-dau")], Status.NOT_STARTED),
        ([up(-1, "tam-dung", reason="r")], Status.PAUSED),
        ([up(-1, "huy", reason="r")], Status.CANCELLED),
    ],
)
@pytest.mark.parametrize("as_of", [-1, 0, 1, 3650])
def test_no_due_date_never_overdue(updates: list[Update], code: Status, as_of: int) -> None:
    st = task_status(None, updates, day(as_of))
    assert st.code is code
    assert st.days_overdue is None
    assert st.overdue is False
    assert st.fixed_deadline is False
    assert st.due is None


def test_latest_update_is_the_reported_object() -> None:
    first = up(-10, "dang-thuc-hien", 20)
    second = up(-5, "dang-thuc-hien", 60)
    future = up(10, "hoan-thanh")
    st = task_status(DUE, [first, second, future], day(0))
    assert st.latest is second
    assert st.progress == 60


def test_latest_update_uses_dates_not_file_order() -> None:
    # Files should be in date order (the validator says so), but the status does not rely on it.
    later = up(-2, "hoan-thanh")
    earlier = up(-8, "dang-thuc-hien", 30)
    assert latest_update([later, earlier], day(0)) is later
    assert task_status(DUE, [later, earlier], day(0)).code is Status.DONE_ON_TIME


def test_latest_update_ties_take_the_last_in_file() -> None:
    a = up(-1, "dang-thuc-hien", 10)
    b = up(-1, "dang-thuc-hien", 20)
    c = up(-1, "dang-thuc-hien", 30)
    assert latest_update([a, b, c], day(0)) is c
    assert latest_update([c, b, a], day(0)) is a
    assert latest_update([a, b, c], day(-2)) is None
    assert latest_update([], day(0)) is None


# (updates, as_of offset, due, expected progress)
PROGRESS = [
    pytest.param([], 0, DUE, None, id="no-report"),
    pytest.param([], 10, DUE, None, id="no-report-late"),
    pytest.param([up(-1, "hoan-thanh")], 0, DUE, 100, id="done-without-percent"),
    pytest.param([up(5, "hoan-thanh", 100)], 9, DUE, 100, id="done-late"),
    pytest.param([up(-1, "hoan-thanh")], 0, None, 100, id="done-no-due"),
    pytest.param([up(-1, "dang-thuc-hien", 40)], 0, DUE, 40, id="doing-40"),
    pytest.param([up(-1, "dang-thuc-hien", 40)], 9, DUE, 40, id="doing-late-40"),
    pytest.param([up(-1, "dang-thuc-hien")], 0, DUE, None, id="doing-without-percent"),
    pytest.param([up(-1, "chua-bat-dau")], 0, DUE, 0, id="not-started"),
    pytest.param([up(-1, "chua-bat-dau")], 9, DUE, 0, id="not-started-late"),
    pytest.param([up(-1, "chua-bat-dau")], 0, None, 0, id="not-started-no-due"),
    pytest.param([up(-1, "tam-dung", 60, "r")], 0, DUE, 60, id="paused-60"),
    pytest.param([up(-1, "tam-dung", None, "r")], 0, DUE, None, id="paused-without-percent"),
    pytest.param([up(-1, "huy", None, "r")], 0, DUE, None, id="cancelled"),
    pytest.param(
        [up(-9, "dang-thuc-hien", 80), up(-1, "dang-thuc-hien")], 0, DUE, None,
        id="latest-without-percent-does-not-inherit",
    ),
    pytest.param(
        [up(-9, "dang-thuc-hien", 80), up(3, "dang-thuc-hien", 95)], 0, DUE, 80,
        id="future-percent-ignored",
    ),
]


@pytest.mark.parametrize(("updates", "as_of", "due", "progress"), PROGRESS)
def test_progress(
    updates: list[Update], as_of: int, due: date | None, progress: int | None
) -> None:
    assert task_status(due, updates, day(as_of)).progress == progress


def test_status_tables_are_complete() -> None:
    assert set(ORDER) == set(Status)
    assert len(ORDER) == len(Status)
    assert set(LABELS) == set(Status)
    # a reader tells every status apart by its words alone
    assert len(set(LABELS.values())) == len(LABELS)
    assert {Status.DONE_ON_TIME, Status.DONE_LATE, Status.DONE} == COMPLETED
    assert OVERDUE.isdisjoint(COMPLETED)


def test_a_later_done_update_adding_evidence_does_not_make_completion_late():
    due = date(2018, 12, 31)
    updates = [
        Update(date(2018, 3, 1), "hoan-thanh"),
        Update(date(2019, 5, 1), "hoan-thanh", evidence="https://example.org/bien-ban"),
    ]
    st = task_status(due, updates, date(2026, 11, 23))
    assert st.code is Status.DONE_ON_TIME
    assert st.latest is updates[1]


def test_completion_is_dated_by_the_run_of_done_updates_it_ends_with():
    due = date(2018, 6, 30)
    updates = [
        Update(date(2018, 3, 1), "hoan-thanh"),
        Update(date(2018, 8, 1), "dang-thuc-hien", progress=80),
        Update(date(2018, 9, 15), "hoan-thanh"),
        Update(date(2019, 1, 1), "hoan-thanh"),
    ]
    st = task_status(due, updates, date(2026, 11, 23))
    assert (st.code, st.days_overdue) == (Status.DONE_LATE, 77)


# --- tasks another document replaced ---------------------------------------------------------


@pytest.mark.parametrize(
    ("updates", "as_of", "since", "code"),
    [
        ([], 30, 10, Status.REPLACED),  # was past due and unreported: now counted apart
        ([up(-20, "dang-thuc-hien", 40)], 30, 10, Status.REPLACED),  # would be overdue
        ([], 5, 10, Status.NO_REPORT_LATE),  # before the replacement took effect
        ([up(-1, "hoan-thanh")], 30, 10, Status.DONE_ON_TIME),  # done work stays done
        ([up(-5, "huy", reason="r")], 30, 10, Status.CANCELLED),
    ],
)
def test_replaced_status(updates: list[Update], as_of: int, since: int, code: Status) -> None:
    st = replaced_status(task_status(DUE, updates, day(as_of)), day(since))
    assert st.code is code
    if code is Status.REPLACED:
        assert not st.overdue and not st.past_due_unreported and st.counter is None
