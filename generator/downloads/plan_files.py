"""Each plan's own spreadsheet (XLSX) and CSV, for people.

The site-wide tables (:mod:`generator.downloads.tables`) are for machines: stable English
column names, codes beside labels, a stamp on every row. A plan's own files are for the people
who open them in a spreadsheet: Vietnamese column headers, labels instead of codes ("Đang thực
hiện, quá hạn", not ``dang-thuc-hien-qua-han``), "Có"/"Không" instead of true/false, and the
stamps said once on an information sheet. They are built from the same table declarations and
rows, so they cannot disagree with the site-wide files; the workbook's "Giải thích cột" sheet,
and the open-data page, give each Vietnamese header's stable key and meaning.

* ``du-lieu/ke-hoach/<plan-id>.xlsx``: an information sheet, the plan's tasks, objectives and
  targets, progress reports, and the column dictionary;
* ``du-lieu/ke-hoach/<plan-id>.csv``: the tasks (UTF-8 with a BOM, CRLF line ends).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.common.dataset import LICENCE, PUBLISHER, FieldDoc, SectionDoc
from generator.common.serialise import midnight
from generator.common.urls import absolute_url, normalise_site_url, plan_page
from generator.downloads import xlsx
from generator.downloads.rows import csv_cell
from generator.downloads.tables import TARGETS_TABLE, TASKS_TABLE, UPDATES_TABLE, Column, Table
from generator.facts.snapshot import Snapshot
from generator.model.deadlines import KIND_LABELS
from generator.model.entities import Plan
from generator.sources.clock import vn_date
from generator.sources.vocabulary import DOCUMENT_TYPE_NAMES

# Codes whose label is a column of its own (the label stays, the code goes) ...
_CODE_OF: dict[str, str] = {
    "status": "status_label", "area": "area_name", "lead": "lead_names",
    "support": "support_names", "comparator": "comparator_label",
    "lost_in_copy": "lost_in_copy_label",
}
# ... codes shown as their label in place ...
_LABELS: dict[str, Mapping[str, str]] = {
    "deadline_kind": {k.value: v for k, v in KIND_LABELS.items()},
}
# ... and what every row of a plan's file would repeat, said once on the information sheet.
_ONCE = frozenset({"plan_id", "plan_title", "document_number", "document_issued", "demo",
                   "as_of", "source_commit"})
PEOPLE_TABLES: tuple[Table, ...] = (TASKS_TABLE, TARGETS_TABLE, UPDATES_TABLE)
YES, NO = "Có", "Không"


@dataclass(frozen=True)
class PeopleColumn:
    """A column of a people's table: the machine column it shows, and how."""

    column: Column
    labels: Mapping[str, str] | None = None

    @property
    def header(self) -> str:
        """The Vietnamese header."""
        return self.column.title

    def value(self, raw: Any) -> Any:
        """``raw`` (a machine table's value) as a person reads it."""
        if isinstance(raw, bool):
            return YES if raw else NO
        if self.labels is not None and isinstance(raw, str):
            return self.labels.get(raw, raw)
        return raw


def people_columns(table: Table) -> list[PeopleColumn]:
    """The columns of ``table`` a person gets, in order."""
    names = {c.name for c in table.columns}
    out = [PeopleColumn(c, _LABELS.get(c.name)) for c in table.columns
           if c.name not in _ONCE and not (c.name in _CODE_OF and _CODE_OF[c.name] in names)]
    headers = [c.header for c in out]
    assert len(headers) == len(set(headers)), f"{table.name}: two columns share a header"
    return out


def _people_rows(table: Table, rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    index = {c.name: i for i, c in enumerate(table.columns)}
    columns = people_columns(table)
    return [[c.value(row[index[c.column.name]]) for c in columns] for row in rows]


def plan_csv(rows: Sequence[Sequence[Any]]) -> bytes:
    """A plan's tasks as CSV for people: UTF-8 with a BOM, CRLF, Vietnamese headers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in people_columns(TASKS_TABLE)])
    for row in _people_rows(TASKS_TABLE, rows):
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def people_docs() -> tuple[SectionDoc, ...]:
    """What the open-data page documents of the people's tables: each header's key."""
    return tuple(
        SectionDoc(title=t.title, sheet=t.sheet, description=t.description,
                   file="<mã kế hoạch>.csv" if t is TASKS_TABLE else "",
                   fields=tuple(FieldDoc(c.column.name, c.column.type, c.column.description,
                                         c.header) for c in people_columns(t)))
        for t in PEOPLE_TABLES
    )


def dictionary_rows() -> list[list[str]]:
    """The column dictionary: sheet, Vietnamese header, stable key, meaning."""
    return [[table.sheet, c.header, c.column.name, c.column.description]
            for table in PEOPLE_TABLES for c in people_columns(table)]


def plan_workbook(snapshot: Snapshot, plan: Plan, tables: Mapping[str, Sequence[Sequence[Any]]],
                  source_commit: str | None, site_url: str | None) -> bytes:
    """A plan's own workbook (see the module docstring)."""
    doc = plan.document
    issuer = snapshot.project.agencies.get(doc.issuer)
    book = xlsx.Workbook(xlsx.Properties(
        creator=PUBLISHER, title=f"{DOCUMENT_TYPE_NAMES[doc.type]} số {doc.number}: {plan.title}",
        subject=f"Nhiệm vụ và tiến độ, tính đến ngày {vn_date(snapshot.as_of)}",
        identifier=source_commit, language="vi-VN", application="congkhai",
        custom=(("plan_id", plan.id), ("as_of", snapshot.as_of.isoformat()),
                ("source_commit", source_commit or "")),
    ))
    counts = {t.name: len(tables[t.name]) for t in PEOPLE_TABLES}
    book.add_sheet("Thông tin", [
        ["Kế hoạch", plan.title],
        ["Văn bản", f"{DOCUMENT_TYPE_NAMES[doc.type]} số {doc.number} ngày {vn_date(doc.issued)}"],
        ["Cơ quan ban hành", issuer.name if issuer else doc.issuer],
        ["Dữ liệu minh họa (hư cấu)", YES if plan.demo else NO],
        ["Trang của kế hoạch", absolute_url(normalise_site_url(site_url), plan_page(plan.id))],
        ["Tính đến ngày", snapshot.as_of],
        ["Phiên bản dữ liệu nguồn (commit)", source_commit or "không xác định"],
        ["Giấy phép", f"{LICENCE['title']}: {LICENCE['path']}"],
        *([f"Trang “{t.sheet}”", f"{counts[t.name]} dòng. {t.description}"]
          for t in PEOPLE_TABLES),
        ["Trang “Giải thích cột”", "Ý nghĩa từng cột và tên cột ổn định dùng cho máy đọc (như "
                                   "trong các bảng CSV toàn trang và datapackage.json)."],
    ], widths=(34, 100), bold_columns=(0,), wrap_columns=(1,))
    for table in PEOPLE_TABLES:
        columns = people_columns(table)
        book.add_sheet(table.sheet, _people_rows(table, tables[table.name]),
                       header=[c.header for c in columns],
                       widths=[min(60, max(8, len(c.header) + 2)) for c in columns],
                       wrap_columns=range(len(columns)))
    book.add_sheet("Giải thích cột", dictionary_rows(),
                   header=["Trang tính", "Cột", "Tên ổn định (máy đọc)", "Ý nghĩa"],
                   widths=(20, 34, 26, 90), wrap_columns=(3,))
    return book.to_bytes(midnight(snapshot.as_of))


def _by_plan(table: Table, rows: Sequence[Sequence[Any]]) -> dict[str, list[Sequence[Any]]]:
    at = [c.name for c in table.columns].index("plan_id")
    out: dict[str, list[Sequence[Any]]] = {}
    for row in rows:
        out.setdefault(row[at], []).append(row)
    return out


def plan_spreadsheets(snapshot: Snapshot, tables: Mapping[str, Sequence[Sequence[Any]]],
                      source_commit: str | None, site_url: str | None,
                      ) -> Iterator[tuple[str, bytes]]:
    """Each plan's XLSX and CSV, by path inside ``du-lieu/``."""
    grouped = {t.name: _by_plan(t, tables[t.name]) for t in PEOPLE_TABLES}
    for plan in snapshot.project.plans:
        own = {t.name: grouped[t.name].get(plan.id, []) for t in PEOPLE_TABLES}
        yield f"ke-hoach/{plan.id}.xlsx", plan_workbook(snapshot, plan, own, source_commit,
                                                        site_url)
        yield f"ke-hoach/{plan.id}.csv", plan_csv(own[TASKS_TABLE.name])
