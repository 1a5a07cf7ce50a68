"""What a report form carries so that its rows can be trusted when it comes back.

* The **form identity** names the agency, the period, the as-of date the form was made for, the
  number of task rows and a digest of which tasks they are; a check digest catches an edited
  identity. It is written in a visible, locked cell of the entry sheet (so it survives "save as
  CSV"), in a hidden sheet and in the workbook's custom properties.
* Each row carries a **row key**: the plan id and task id it belongs to, the **fingerprint** of
  the task's recorded updates when the form was made, and a check digest tied to the form's
  identity (a row pasted from another agency's or period's form, or a key typed over, fails it).
  Rows are matched to tasks by this key, never by their position, so re-sorting is harmless.

The fingerprint lets the importer tell "nothing was recorded for this task since the form was
made" from "someone recorded a later update" (a conflict) and from "this very update is already
there" (an import run twice).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.authoring.report_forms.periods import Period, PeriodError, parse_period
from generator.model.entities import Update

SCHEME = "congkhai-bao-cao"
VERSION = 1
PROPERTY = "congkhai-bieu-mau"  # the custom document property holding the identity

_ID = re.compile(
    r"^\s*" + SCHEME + r"/(?P<version>\d+)\s+agency=(?P<agency>[a-z0-9-]+)\s+"
    r"period=(?P<period>\S+)\s+as-of=(?P<as_of>\d{4}-\d{2}-\d{2})\s+rows=(?P<rows>\d+)\s+"
    r"set=(?P<rowset>[0-9a-f]{10})\s+check=(?P<check>[0-9a-f]{8})\s*$"
)
_KEY = re.compile(r"^\s*(?P<plan>[a-z0-9-]+)#(?P<task>[^#\s]+)#(?P<fp>[0-9a-f]{10})"
                  r"#(?P<check>[0-9a-f]{6})\s*$")


class IdentityError(ValueError):
    """An identity or row key that cannot be read or fails its check; message in Vietnamese."""


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def fingerprint(plan_id: str, task_id: str, updates: Sequence[Update]) -> str:
    """A digest of a task's recorded updates (all of them, in file order)."""
    canonical = json.dumps(
        [plan_id, task_id,
         [[u.date.isoformat(), u.status, u.progress, u.note, u.evidence, u.reason]
          for u in updates]],
        ensure_ascii=False, separators=(",", ":"),
    )
    return _digest(canonical, 10)


def rowset_digest(keys: Iterable[tuple[str, str]]) -> str:
    """A digest of which tasks (plan id, task id) a form lists, whatever their order."""
    return _digest("\n".join(sorted(f"{p}#{t}" for p, t in keys)), 10)


@dataclass(frozen=True)
class FormId:
    """The identity of one report form."""

    agency: str
    period: Period
    as_of: dt.date
    rows: int
    rowset: str

    @property
    def core(self) -> str:
        return f"{self.agency}|{self.period.code}|{self.as_of.isoformat()}"

    def _check(self) -> str:
        return _digest(f"{VERSION}|{self.core}|{self.rows}|{self.rowset}", 8)

    @property
    def text(self) -> str:
        """The identity as written into the form."""
        return (f"{SCHEME}/{VERSION} agency={self.agency} period={self.period.code} "
                f"as-of={self.as_of.isoformat()} rows={self.rows} set={self.rowset} "
                f"check={self._check()}")

    def row_key(self, plan_id: str, task_id: str, task_print: str) -> str:
        """The key written in a row of this form."""
        return f"{plan_id}#{task_id}#{task_print}#{self._row_check(plan_id, task_id, task_print)}"

    def _row_check(self, plan_id: str, task_id: str, task_print: str) -> str:
        return _digest(f"{self.core}|{plan_id}#{task_id}#{task_print}", 6)

    def read_row_key(self, text: str) -> RowKey:
        """The row key ``text`` if it belongs to this form; :class:`IdentityError` otherwise."""
        match = _KEY.match(text)
        if not match:
            raise IdentityError("không đúng dạng mã dòng của biểu mẫu")
        key = RowKey(match["plan"], match["task"], match["fp"])
        if match["check"] != self._row_check(key.plan_id, key.task_id, key.fingerprint):
            raise IdentityError("mã dòng không khớp biểu mẫu này (dòng được chép từ biểu mẫu "
                                "khác hoặc mã bị sửa)")
        return key


@dataclass(frozen=True)
class RowKey:
    """What a row says it is: a task of a plan, and its fingerprint when the form was made."""

    plan_id: str
    task_id: str
    fingerprint: str


def looks_like_form_id(text: object) -> bool:
    """True for a cell value that starts like a form identity (checked or not)."""
    return isinstance(text, str) and text.strip().startswith(SCHEME + "/")


def parse_form_id(text: str) -> FormId:
    """Read a form identity; :class:`IdentityError` if it is malformed or was edited."""
    match = _ID.match(text)
    if not match:
        raise IdentityError("mã biểu mẫu không đúng dạng (đã bị sửa hoặc cắt bớt)")
    if int(match["version"]) != VERSION:
        raise IdentityError(f"biểu mẫu phiên bản {match['version']}, chương trình này đọc "
                            f"phiên bản {VERSION}")
    try:
        period = parse_period(match["period"])
        as_of = dt.date.fromisoformat(match["as_of"])
    except (PeriodError, ValueError):
        raise IdentityError("mã biểu mẫu không đúng dạng (kỳ hoặc ngày sai)") from None
    form = FormId(match["agency"], period, as_of, int(match["rows"]), match["rowset"])
    if form._check() != match["check"]:
        raise IdentityError("mã biểu mẫu đã bị sửa (mã kiểm tra không khớp)")
    return form
