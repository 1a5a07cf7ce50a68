"""Which tasks go into an agency's report form for a period.

A task is listed when its plan is in force in the period and the task is due in it or still
open:

* the plan was issued on or before the period's last day, and its stated period (if any) does
  not end before the reporting period's year;
* and either its due date falls within the period, or, as of the form's date, it is neither
  completed nor cancelled and its deadline does not start after the period.

The tasks an agency leads are the rows to fill in; the tasks it supports are listed read-only.
Group labels ("Các sở, ban, ngành", "UBND cấp xã") do not report themselves, so making every
agency's form skips them; a form can still be made for one explicitly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.authoring.report_forms.identity import FormId, fingerprint, rowset_digest
from generator.authoring.report_forms.periods import Period
from generator.facts.snapshot import Snapshot, TaskFact
from generator.facts.status import COMPLETED, Status
from generator.model.entities import Agency


@dataclass(frozen=True)
class FormRow:
    """A task listed in a form, with the fingerprint of its updates when the form was made."""

    fact: TaskFact
    fingerprint: str

    @property
    def plan_id(self) -> str:
        return self.fact.plan.id

    @property
    def task_id(self) -> str:
        return self.fact.task.id


@dataclass(frozen=True)
class AgencyForm:
    """Everything one agency's form shows."""

    agency: Agency
    province_name: str | None
    period: Period
    as_of: dt.date
    return_by: dt.date
    rows: tuple[FormRow, ...]
    support: tuple[FormRow, ...]
    identity: FormId
    lead_names: dict[str, str] = field(default_factory=dict)

    @property
    def demo(self) -> bool:
        """True when any listed plan is fictional demo data."""
        return self.agency.demo or any(r.fact.plan.demo for r in self.rows + self.support)

    def key_of(self, row: FormRow) -> str:
        """The row key written in the form for ``row``."""
        return self.identity.row_key(row.plan_id, row.task_id, row.fingerprint)


def in_scope(fact: TaskFact, period: Period) -> bool:
    """True when the task of ``fact`` belongs in a form for ``period`` (rules above)."""
    plan = fact.plan
    if plan.document.issued > period.end:
        return False
    if plan.period is not None and plan.period[1] < period.start.year:
        return False
    due = fact.task.deadline.due
    if due is not None and due in period:
        return True
    if fact.status.code in COMPLETED or fact.status.code is Status.CANCELLED:
        return False
    start = fact.task.deadline.start
    return start is None or start <= period.end


def _rows(facts: Iterable[TaskFact], period: Period) -> tuple[FormRow, ...]:
    return tuple(
        FormRow(f, fingerprint(f.plan.id, f.task.id, f.task.updates))
        for f in facts if in_scope(f, period)
    )


def agency_form(snapshot: Snapshot, agency_id: str, period: Period,
                return_by: dt.date) -> AgencyForm:
    """The form of ``agency_id`` for ``period``, as of the snapshot's date."""
    project = snapshot.project
    agency = project.agencies[agency_id]
    rows = _rows(snapshot.led_by.get(agency_id, ()), period)
    led = {(r.plan_id, r.task_id) for r in rows}
    support = tuple(r for r in _rows(snapshot.supported_by.get(agency_id, ()), period)
                    if (r.plan_id, r.task_id) not in led)
    identity = FormId(agency_id, period, snapshot.as_of, len(rows),
                      rowset_digest((r.plan_id, r.task_id) for r in rows))
    province = project.provinces.get(agency.province) if agency.province else None
    names = {ref.agency: project.agencies[ref.agency].short_name
             for r in support for ref in r.fact.task.leads if ref.agency in project.agencies}
    return AgencyForm(agency, province.name if province else None, period, snapshot.as_of,
                      return_by, rows, support, identity, names)


def reporting_agencies(snapshot: Snapshot, period: Period,
                       province: str | None = None) -> tuple[list[str], list[str]]:
    """Agencies with tasks to report in ``period`` (sorted by id), and the group labels skipped.

    ``province`` keeps only that province's agencies.
    """
    agencies, groups = [], []
    for agency_id in sorted(snapshot.led_by):
        agency = snapshot.project.agencies.get(agency_id)
        if agency is None or (province is not None and agency.province != province):
            continue
        if not any(in_scope(f, period) for f in snapshot.led_by[agency_id]):
            continue
        (groups if agency.group else agencies).append(agency_id)
    return agencies, groups
