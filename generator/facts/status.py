"""The public status of a task as of a date, derived from the editors' dated updates.

Rules (documented on the methodology page):

* Only updates dated on or before the as-of date count; the latest one is the recorded state.
* With no update: "chưa có báo cáo", or "đã qua hạn, chưa có báo cáo" once the due date has
  passed. Nothing else is ever shown for a task nobody reported on, and it is never "quá hạn":
  the site does not know whether it was done.
* "hoan-thanh" is on time when its date is on or before the due date, late ("trễ hạn")
  otherwise; when
  several "hoan-thanh" updates follow one another (evidence added later), the first one dates
  the completion.
* "dang-thuc-hien" and "chua-bat-dau" are overdue ("quá hạn") when the as-of date is after the
  due date. This is the only meaning of "quá hạn" anywhere on the site and in its downloads.
* "tam-dung" and "huy" are shown as such, with the editor's reason.
* A task without a due date (thường xuyên, định kỳ, theo tiến độ…, không nêu) never becomes
  overdue; it belongs to the "không có hạn cố định" class and stays out of on-time rates.
* A task that another document replaced (:mod:`generator.facts.relations`) is "đã được thay
  thế" from the replacement's date, unless it was completed or cancelled: it is counted apart,
  never overdue, and stays out of the rates like a cancelled task.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from generator.model.entities import Update


class Status(StrEnum):
    """Public status codes. Stable: they appear in exports and URLs."""

    DONE_ON_TIME = "hoan-thanh-dung-han"
    DONE_LATE = "hoan-thanh-qua-han"
    DONE = "hoan-thanh"
    IN_PROGRESS_ON_TIME = "dang-thuc-hien-trong-han"
    IN_PROGRESS_LATE = "dang-thuc-hien-qua-han"
    IN_PROGRESS = "dang-thuc-hien"
    NOT_STARTED = "chua-bat-dau"
    NOT_STARTED_LATE = "chua-bat-dau-qua-han"
    PAUSED = "tam-dung"
    CANCELLED = "huy"
    NO_REPORT = "chua-co-bao-cao"
    NO_REPORT_LATE = "qua-han-chua-co-bao-cao"
    REPLACED = "da-duoc-thay-the"


LABELS: dict[Status, str] = {
    Status.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Status.DONE_LATE: "Hoàn thành trễ hạn",
    Status.DONE: "Hoàn thành",
    Status.IN_PROGRESS_ON_TIME: "Đang thực hiện, trong hạn",
    Status.IN_PROGRESS_LATE: "Đang thực hiện, quá hạn",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.NOT_STARTED: "Chưa bắt đầu",
    Status.NOT_STARTED_LATE: "Chưa bắt đầu, quá hạn",
    Status.PAUSED: "Tạm dừng",
    Status.CANCELLED: "Hủy",
    Status.NO_REPORT: "Chưa có báo cáo",
    Status.NO_REPORT_LATE: "Đã qua hạn, chưa có báo cáo",
    Status.REPLACED: "Đã được thay thế",
}

# Display order: what needs attention first.
ORDER: tuple[Status, ...] = (
    Status.NOT_STARTED_LATE,
    Status.IN_PROGRESS_LATE,
    Status.NO_REPORT_LATE,
    Status.DONE_LATE,
    Status.IN_PROGRESS_ON_TIME,
    Status.IN_PROGRESS,
    Status.NOT_STARTED,
    Status.DONE_ON_TIME,
    Status.DONE,
    Status.PAUSED,
    Status.CANCELLED,
    Status.REPLACED,
    Status.NO_REPORT,
)

# Overdue is a reported fact: an editor recorded the task as not finished and its due date has
# passed. A task past its due date that nobody reported on is "đã qua hạn, chưa có báo cáo", a
# class of its own: the site does not know whether it was done, so it never counts it as late
# work, never colours it as late and never counts days against it.
OVERDUE: frozenset[Status] = frozenset({Status.NOT_STARTED_LATE, Status.IN_PROGRESS_LATE})

# The site's vocabulary, defined once: every label, count, chart, feed, calendar and download
# uses these words with these meanings, and the methodology page prints these definitions.
OVERDUE_TERM = "quá hạn"
PAST_DUE_UNREPORTED_TERM = "đã qua hạn, chưa có báo cáo"
LATE_DONE_TERM = "hoàn thành trễ hạn"
UNREPORTED_TERM = "chưa có báo cáo"
NO_FIXED_DEADLINE_TERM = "không có hạn cố định"

VOCABULARY: tuple[tuple[str, str], ...] = (
    (OVERDUE_TERM,
     "Nhiệm vụ có hạn cụ thể đã qua mà lần báo cáo gần nhất ghi là chưa bắt đầu hoặc đang "
     "thực hiện. Chỉ những nhiệm vụ này được gọi là quá hạn, được tô màu cảnh báo và có số "
     "ngày quá hạn."),
    (PAST_DUE_UNREPORTED_TERM,
     "Nhiệm vụ có hạn cụ thể đã qua nhưng chưa có báo cáo nào được ghi nhận. Trang không biết "
     "nhiệm vụ đã xong hay chưa, nên không gọi là quá hạn, không tô màu cảnh báo và không đếm "
     "số ngày; đây là những nhiệm vụ cần cơ quan chủ trì báo cáo."),
    (LATE_DONE_TERM,
     "Nhiệm vụ được báo cáo hoàn thành sau ngày hạn; kèm số ngày trễ."),
    (UNREPORTED_TERM,
     "Chưa có lần báo cáo nào được ghi nhận (gồm cả nhiệm vụ chưa đến hạn và nhiệm vụ không có "
     "hạn cố định)."),
    (NO_FIXED_DEADLINE_TERM,
     "Nhiệm vụ thường xuyên, định kỳ, theo tiến độ của việc khác hoặc văn bản không nêu hạn: "
     "không bao giờ quá hạn và không tính vào tỷ lệ đúng hạn."),
)
COMPLETED: frozenset[Status] = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE, Status.DONE})


def counted_as(code: Status) -> str:
    """Which figure of the site a task with status ``code`` is counted in (in words)."""
    if code in OVERDUE:
        return "Quá hạn"
    if code is Status.NO_REPORT_LATE:
        return "Đã qua hạn, chưa có báo cáo"
    if code in COMPLETED:
        return "Hoàn thành"
    if code is Status.NO_REPORT:
        return "Chưa có báo cáo"
    if code is Status.CANCELLED:
        return "Đã hủy: không tính vào các tỷ lệ"
    if code is Status.REPLACED:
        return "Tính riêng: văn bản khác đã thay thế nhiệm vụ, không tính vào các tỷ lệ"
    if code is Status.PAUSED:
        return "Tạm dừng, theo báo cáo"
    return "Đang làm hoặc chưa bắt đầu, chưa đến hạn, theo báo cáo"


@dataclass(frozen=True)
class TaskStatus:
    """A task's status as of a date, with what it was derived from."""

    code: Status
    as_of: dt.date
    due: dt.date | None
    latest: Update | None = None
    # Days overdue (reported unfinished past the due date) or days late (completed after it);
    # None otherwise, and always None for a task nobody reported on.
    days_overdue: int | None = None

    @property
    def label(self) -> str:
        """Vietnamese label."""
        return LABELS[self.code]

    @property
    def fixed_deadline(self) -> bool:
        """True when the task has a due date (it counts in on-time figures)."""
        return self.due is not None

    @property
    def overdue(self) -> bool:
        """True when the task was reported unfinished and is past its due date."""
        return self.code in OVERDUE

    @property
    def past_due_unreported(self) -> bool:
        """True when the due date has passed and nobody has reported on the task."""
        return self.code is Status.NO_REPORT_LATE

    @property
    def days_past_due(self) -> int | None:
        """Days since the due date, whatever was reported (for ordering lists, never shown as
        "quá hạn"); None when the due date has not passed or there is none."""
        if self.due is None or self.as_of <= self.due:
            return None
        return (self.as_of - self.due).days

    @property
    def counter(self) -> str | None:
        """The day counter shown beside the label: "quá hạn N ngày" for an overdue task,
        "trễ N ngày" for one completed late; None otherwise (never for an unreported task)."""
        if self.days_overdue is None:
            return None
        if self.code in OVERDUE:
            return f"{OVERDUE_TERM} {self.days_overdue} ngày"
        if self.code is Status.DONE_LATE:
            return f"trễ {self.days_overdue} ngày"
        return None

    @property
    def progress(self) -> int | None:
        """Percent complete as last reported (100 when done, 0 when not started)."""
        if self.code in COMPLETED:
            return 100
        if self.latest is None:
            return None
        if self.latest.progress is not None:
            return self.latest.progress
        return 0 if self.code in (Status.NOT_STARTED, Status.NOT_STARTED_LATE) else None


def replaced_status(st: TaskStatus, since: dt.date) -> TaskStatus:
    """``st`` for a task that another document replaced on ``since``."""
    if st.as_of < since or st.code in COMPLETED or st.code is Status.CANCELLED:
        return st
    return TaskStatus(Status.REPLACED, st.as_of, st.due, st.latest)


def latest_update(updates: Sequence[Update], as_of: dt.date) -> Update | None:
    """The last update dated on or before ``as_of`` (file order breaks ties)."""
    latest: Update | None = None
    for update in updates:
        if update.date <= as_of and (latest is None or update.date >= latest.date):
            latest = update
    return latest


def completion_date(updates: Sequence[Update], as_of: dt.date) -> dt.date:
    """When a task was completed: the first of the "hoan-thanh" updates it ends with.

    A later "hoan-thanh" update that adds evidence or a note does not move the completion date.
    """
    known = sorted(
        (u for u in updates if u.date <= as_of), key=lambda u: u.date
    )
    done = known[-1].date
    for update in reversed(known):
        if update.status != "hoan-thanh":
            break
        done = update.date
    return done


def task_status(due: dt.date | None, updates: Sequence[Update], as_of: dt.date) -> TaskStatus:
    """Derive the public status of a task with due date ``due`` as of ``as_of``."""
    latest = latest_update(updates, as_of)
    past_due = due is not None and as_of > due
    days_overdue = (as_of - due).days if past_due and due is not None else None

    def result(code: Status, late: bool = False) -> TaskStatus:
        return TaskStatus(code, as_of, due, latest, days_overdue if late else None)

    if latest is None:
        return result(Status.NO_REPORT_LATE) if past_due else result(Status.NO_REPORT)
    if latest.status == "hoan-thanh":
        if due is None:
            return result(Status.DONE)
        done = completion_date(updates, as_of)
        if done <= due:
            return result(Status.DONE_ON_TIME)
        return TaskStatus(Status.DONE_LATE, as_of, due, latest, (done - due).days)
    if latest.status == "tam-dung":
        return result(Status.PAUSED)
    if latest.status == "huy":
        return result(Status.CANCELLED)
    if latest.status == "chua-bat-dau":
        if due is None:
            return result(Status.NOT_STARTED)
        return result(Status.NOT_STARTED_LATE, True) if past_due else result(Status.NOT_STARTED)
    if due is None:
        return result(Status.IN_PROGRESS)
    if past_due:
        return result(Status.IN_PROGRESS_LATE, True)
    return result(Status.IN_PROGRESS_ON_TIME)
