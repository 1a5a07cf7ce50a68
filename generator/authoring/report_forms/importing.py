"""Importing filled report forms as status updates: read, match, validate, plan, apply.

:func:`plan_import` reads every file, finds the form in it, matches each row to its task by the
row key (never by position), reads and validates every input cell, and compares each proposed
update with what the plan file holds now:

* an update already recorded (the same one, imported before) is skipped — importing a form twice
  adds nothing;
* if the task got another update after the form was made (its fingerprint no longer matches),
  or two forms report on the same task differently, or the agency no longer leads the task,
  the row is a **conflict**: refused unless ``force``;
* otherwise it is a change: the update to append.

Every problem of every file is collected, with its file, its ``sheet!cell``, the value found and
what to do. :func:`apply_import` then appends the updates with
:func:`generator.editing.add_updates_text` (the round-trip editing of ``congkhai update``), checks
the new files with the checks of ``congkhai check`` before anything is written, and replaces the
plan files only when all of them are ready: all or nothing.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from generator.authoring.report_forms.cells import (
    CellProblem,
    Reading,
    read_date,
    read_evidence,
    read_progress,
    read_status,
    read_text,
    shown,
)
from generator.authoring.report_forms.identity import (
    PROPERTY,
    FormId,
    IdentityError,
    RowKey,
    fingerprint,
    looks_like_form_id,
    parse_form_id,
    rowset_digest,
)
from generator.authoring.report_forms.layout import (
    COLUMN,
    ENTRY_SHEET,
    INPUT_KEYS,
    META_SHEET,
    REQUIRED_KEYS,
    SEARCH_ROWS,
    SHEETS,
    header_key,
)
from generator.authoring.report_forms.periods import Period
from generator.editing import EditError, add_updates_text, build_update
from generator.model import Agency, Area, Plan, Project, Task, Update
from generator.plans import check_plan
from generator.problems import ProblemList
from generator.project import SEEDS_DIR
from generator.schema import PLAN, UPDATE_STATUS_NAMES
from generator.snapshot import Snapshot
from generator.sources.spreadsheets import (
    Cell,
    Sheet,
    Spreadsheet,
    SpreadsheetError,
    column_number,
    read_spreadsheet,
)
from generator.validate import validate_nodes

Progress = Callable[[str, int, int], None]
PARALLEL_FROM = 16  # files; fewer are read or edited faster than workers start


@dataclass(frozen=True)
class Message:
    """A problem or a notice about a place in a form: ``where`` is ``Nhập liệu!F12`` (``F12``
    in a CSV file, empty for the whole file)."""

    file: str
    where: str
    code: str
    message: str
    value: str = ""
    hint: str = ""
    row: int = 0
    column: int = 0

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.row, self.column, self.code)

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "where": self.where, "code": self.code,
                "message": self.message, "value": self.value, "hint": self.hint}


@dataclass(frozen=True)
class Change:
    """An update to append to a task, and the row it came from."""

    plan_file: str
    plan_id: str
    task_id: str
    update: dict[str, Any]
    source: str
    where: str
    forced: bool = False

    def as_dict(self) -> dict[str, Any]:
        update = {k: (v.isoformat() if isinstance(v, dt.date) else v)
                  for k, v in self.update.items()}
        return {"plan_file": self.plan_file, "plan": self.plan_id, "task": self.task_id,
                "update": update, "source": self.source, "where": self.where,
                "forced": self.forced}


@dataclass(frozen=True)
class FormSummary:
    """One file read: which form it is and what its rows held."""

    file: str
    agency: str | None = None
    agency_name: str | None = None
    period: Period | None = None
    rows: int = 0
    filled: int = 0


@dataclass
class ImportPlan:
    """What importing a set of files would do, and everything wrong with them."""

    forms: list[FormSummary] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    skipped: list[Message] = field(default_factory=list)
    notices: list[Message] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Proposal:
    """A row read and validated, before it is compared with the plan file."""

    file: str
    where: str
    row: int
    column: int
    form: FormId
    key: RowKey
    plan: Plan
    task: Task
    update: dict[str, Any]
    date_given: bool
    date_where: str
    date_column: int


class _Collector:
    """Messages of one file, located in one sheet."""

    def __init__(self, result: ImportPlan, file: str, sheet: Sheet | None = None) -> None:
        self.result = result
        self.file = file
        self.sheet = sheet

    def where(self, row: int = 0, column: int = 0) -> str:
        if self.sheet is None or not row:
            return self.sheet.name if self.sheet is not None and self.sheet.name else ""
        return self.sheet.location(row, column)

    def problem(self, code: str, message: str, hint: str = "", row: int = 0, column: int = 0,
                value: str = "") -> None:
        self.result.problems.append(Message(self.file, self.where(row, column), code, message,
                                            value, hint, row, column))

    def notice(self, code: str, message: str, row: int = 0, column: int = 0,
               value: str = "") -> None:
        self.result.notices.append(Message(self.file, self.where(row, column), code, message,
                                           value, "", row, column))


def _display(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _task_index(project: Project) -> dict[tuple[str, str], tuple[Plan, Task]]:
    index: dict[tuple[str, str], tuple[Plan, Task]] = {}
    for plan in project.plans:
        for task in plan.tasks:
            index[plan.id, task.id] = (plan, task)
            for sub in task.subtasks:
                index[plan.id, sub.id] = (plan, sub)
    return index


def _update_dict(update: Update) -> dict[str, Any]:
    values = {"date": update.date, "status": update.status, "progress": update.progress,
              "note": update.note, "evidence": update.evidence, "reason": update.reason}
    return {k: v for k, v in values.items() if v is not None}


# --- finding the form in a file ---------------------------------------------------------------


def _identity_cell(sheet: Sheet) -> Cell | None:
    top = sorted((key, cell) for key, cell in sheet.cells.items() if key[0] <= SEARCH_ROWS)
    return next((cell for _key, cell in top if looks_like_form_id(cell.value)), None)


def _header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    rows = sheet.rows()
    for row in sorted(r for r in rows if r <= SEARCH_ROWS):
        found: dict[str, int] = {}
        for column, cell in sorted(rows[row].items()):
            key = header_key(cell.value)
            if key is not None and key not in found:
                found[key] = column
        if "key" in found and len(found) >= 3:
            return row, found
    return None


def _entry_sheet(book: Spreadsheet) -> Sheet | None:
    if book.kind == "csv":
        return book.sheets[0]
    named = book.sheet(ENTRY_SHEET)
    if named is not None:
        return named
    for sheet in book.sheets:  # renamed by hand: the sheet with an identity and a header
        if sheet.name != META_SHEET and _identity_cell(sheet) and _header(sheet):
            return sheet
    return None


class _FileReader:
    """Reads one file into proposals, collecting its problems."""

    def __init__(self, importer: _Importer, path: Path) -> None:
        self.importer = importer
        self.path = path
        self.file = _display(importer.root, path)
        self.result = importer.result
        self.out = _Collector(self.result, self.file)

    def read(self, book: Spreadsheet | SpreadsheetError) -> list[_Proposal]:
        if isinstance(book, SpreadsheetError):
            self.out.problem(book.code, book.message, book.hint)
            self.result.forms.append(FormSummary(self.file))
            return []
        sheet = _entry_sheet(book)
        cell = _identity_cell(sheet) if sheet is not None else None
        if sheet is None or cell is None:
            self.out.problem(
                "not-a-form",
                f"Tệp {self.path.name} là bảng tính nhưng không phải biểu mẫu báo cáo của "
                "congkhai (không thấy mã biểu mẫu).",
                "Dùng đúng tệp biểu mẫu đã gửi cho cơ quan (tạo bằng congkhai report-form); "
                "không chép dữ liệu sang bảng tính khác.")
            self.result.forms.append(FormSummary(self.file))
            return []
        self.out = _Collector(self.result, self.file, sheet)
        form = self._identity(book, sheet, cell)
        if form is None:
            self.result.forms.append(FormSummary(self.file))
            return []
        self._extra_sheets(book)
        proposals = self._rows(book, sheet, form)
        return proposals

    def _identity(self, book: Spreadsheet, sheet: Sheet, cell: Cell) -> FormId | None:
        importer = self.importer
        text = str(cell.value).strip()
        try:
            form = parse_form_id(text)
        except IdentityError as exc:
            self.out.problem("bad-form-id", f"Mã biểu mẫu không dùng được: {exc}.",
                             "Không sửa ô mã biểu mẫu. Đề nghị cơ quan điền lại trên biểu mẫu "
                             "gốc, hoặc tạo lại biểu mẫu.", cell.row, cell.column, shown(cell))
            return None
        others = []
        if book.properties.get(PROPERTY):
            others.append(("thuộc tính của tệp", book.properties[PROPERTY].strip()))
        meta = book.sheet(META_SHEET)
        if meta is not None and isinstance(meta.cell(1, 2).value, str):
            others.append((f"trang {META_SHEET}", meta.cell(1, 2).value.strip()))
        for where, other in others:
            if other != text:
                self.out.problem(
                    "form-id-mismatch",
                    f"Mã biểu mẫu ở ô này khác mã lưu trong {where}: tệp được ghép từ hai "
                    "biểu mẫu khác nhau.",
                    "Điền lại trên đúng một biểu mẫu gốc; không chép trang tính giữa các tệp.",
                    cell.row, cell.column, text)
                return None
        agency = importer.project.agencies.get(form.agency)
        if agency is None:
            self.out.problem("unknown-agency",
                             f"Biểu mẫu của cơ quan “{form.agency}”, không có trong danh mục.",
                             "Kiểm tra danh mục cơ quan hoặc tạo lại biểu mẫu.",
                             cell.row, cell.column, text)
            return None
        problem = False
        if importer.agency is not None and form.agency != importer.agency:
            wanted = importer.project.agencies.get(importer.agency)
            self.out.problem(
                "wrong-agency",
                f"Đây là biểu mẫu của {agency.name}, không phải của "
                f"{wanted.name if wanted else importer.agency} (--agency).",
                "Kiểm tra lại tệp cơ quan gửi về (có thể gửi nhầm biểu mẫu của cơ quan khác).",
                cell.row, cell.column, text)
            problem = True
        if importer.period is not None and form.period != importer.period:
            self.out.problem(
                "wrong-period",
                f"Đây là biểu mẫu kỳ {form.period.label}, không phải kỳ "
                f"{importer.period.label} (--period).",
                "Đề nghị cơ quan điền biểu mẫu của kỳ đang báo cáo.",
                cell.row, cell.column, text)
            problem = True
        if form.as_of > importer.as_of:
            self.out.problem(
                "form-from-future",
                f"Biểu mẫu được tạo tính đến ngày {form.as_of:%d/%m/%Y}, sau ngày nhập "
                f"{importer.as_of:%d/%m/%Y}.", "Chạy lại với --as-of là ngày hôm nay.",
                cell.row, cell.column, text)
            problem = True
        self.result.forms.append(FormSummary(self.file, form.agency, agency.name, form.period,
                                             form.rows))
        return None if problem else form

    def _extra_sheets(self, book: Spreadsheet) -> None:
        if book.kind != "xlsx":
            return
        for sheet in book.sheets:
            if sheet.name not in SHEETS:
                self.result.problems.append(Message(
                    self.file, f"{sheet.name}!A1", "extra-sheet",
                    f"Bảng tính có thêm trang “{sheet.name}” không thuộc biểu mẫu.",
                    "", f"Xóa trang “{sheet.name}” (số liệu chỉ được nhận ở trang "
                    f"“{ENTRY_SHEET}”), hoặc nếu trang này là trang của biểu mẫu bị đổi tên, "
                    "đặt lại tên cũ.", 0, 0))

    def _rows(self, book: Spreadsheet, sheet: Sheet, form: FormId) -> list[_Proposal]:
        out = self.out
        header = _header(sheet)
        if header is None:
            out.problem("missing-column", "Không thấy dòng tiêu đề có cột “Mã dòng (không "
                        "sửa)”: cấu trúc biểu mẫu đã bị thay đổi.",
                        "Điền lại trên biểu mẫu gốc; không xóa cột ẩn “Mã dòng”.")
            return []
        header_row, columns = header
        missing = [COLUMN[k].header for k in REQUIRED_KEYS if k not in columns]
        if missing:
            out.problem("missing-column", "Biểu mẫu thiếu cột: " + "; ".join(
                f"“{h}”" for h in missing) + ".", "Điền lại trên biểu mẫu gốc (không xóa cột).",
                header_row, 1)
            return []
        merged = False
        for ref in sheet.merged:
            first, _, last = ref.partition(":")
            last_row = int("".join(ch for ch in (last or first) if ch.isdigit()))
            if last_row > header_row:
                merged = True
                row = int("".join(ch for ch in first if ch.isdigit()))
                column = column_number("".join(ch for ch in first if ch.isalpha()))
                out.problem("merged-cells", f"Các ô {ref} bị gộp; mỗi nhiệm vụ phải nằm trên "
                            "một dòng riêng, mỗi giá trị trong một ô.",
                            "Bỏ gộp ô (Excel: Trang đầu → Gộp và căn giữa → Bỏ gộp ô) và điền "
                            "giá trị vào từng ô.", row, column, ref)
        if merged:
            return []
        proposals: list[_Proposal] = []
        seen: dict[str, int] = {}
        found: list[RowKey] = []
        filled = 0
        for row in sorted(r for r in sheet.rows() if r > header_row):
            cells = {key: sheet.cell(row, col) for key, col in columns.items()}
            inputs = [cells[k] for k in INPUT_KEYS if k in cells]
            key_cell = cells["key"]
            if key_cell.empty:
                if any(not c.empty for c in inputs):
                    out.problem("row-without-key",
                                f"Dòng {row} không thuộc biểu mẫu (không có mã dòng) nhưng có "
                                "số liệu.",
                                "Biểu mẫu chỉ nhận báo cáo các nhiệm vụ có sẵn: chép số liệu "
                                "vào đúng dòng của nhiệm vụ rồi xóa dòng này. Nhiệm vụ mới "
                                "báo cáo riêng bằng văn bản.", row, cells["status"].column)
                continue
            if key_cell.formula is not None or not isinstance(key_cell.value, str):
                out.problem("bad-row-key", f"Mã dòng {row} bị thay bằng giá trị khác.",
                            "Không sửa cột “Mã dòng”; điền lại trên biểu mẫu gốc.",
                            row, key_cell.column, shown(key_cell))
                continue
            try:
                key = form.read_row_key(key_cell.value)
            except IdentityError as exc:
                out.problem("bad-row-key", f"Dòng {row}: {exc}.",
                            "Không chép dòng giữa các biểu mẫu, không sửa cột “Mã dòng”.",
                            row, key_cell.column, shown(key_cell))
                continue
            task_cell = cells["task"]
            row_key = f"{key.plan_id}#{key.task_id}"
            if row_key in seen:
                out.problem("duplicate-row",
                            f"Dòng {row} trùng với dòng {seen[row_key]} (cùng nhiệm vụ "
                            f"“{key.task_id}” của kế hoạch {key.plan_id}).",
                            "Xóa dòng thừa; mỗi nhiệm vụ chỉ báo cáo trên một dòng.",
                            row, task_cell.column, shown(task_cell))
                continue
            seen[row_key] = row
            found.append(key)
            visible = task_cell.value
            visible_text = (str(int(visible)) if isinstance(visible, float) and
                            visible.is_integer() else str(visible if visible is not None else ""))
            if task_cell.formula is not None or visible_text.strip() != key.task_id:
                out.problem("task-id-edited",
                            f"Số hiệu nhiệm vụ ở dòng {row} đã bị sửa: dòng này là của nhiệm vụ "
                            f"“{key.task_id}” (kế hoạch {key.plan_id}).",
                            f"Ghi lại “{key.task_id}” (không sửa các cột chỉ đọc). Nếu số liệu "
                            "là của nhiệm vụ khác, chép sang đúng dòng của nhiệm vụ đó.",
                            row, task_cell.column, shown(task_cell))
                continue
            if all(c.empty for c in inputs):
                continue
            filled += 1
            proposal = self._row(book, sheet, form, key, row, cells)
            if proposal is not None:
                proposals.append(proposal)
        self._deleted_rows(book, form, found, header_row)
        summary = self.result.forms[-1]
        self.result.forms[-1] = FormSummary(summary.file, summary.agency, summary.agency_name,
                                            summary.period, summary.rows, filled)
        return proposals

    def _deleted_rows(self, book: Spreadsheet, form: FormId, found: list[RowKey],
                      header_row: int) -> None:
        keys = {(k.plan_id, k.task_id) for k in found}
        if rowset_digest(keys) == form.rowset and len(keys) == form.rows:
            return
        expected = self._expected_rows(book, form)
        if expected is None:
            if len(keys) < form.rows:
                self.out.problem(
                    "deleted-row",
                    f"Biểu mẫu có {form.rows} dòng nhiệm vụ, tệp chỉ còn {len(keys)}: có dòng "
                    "đã bị xóa.",
                    "Điền lại trên biểu mẫu gốc; nhiệm vụ không có gì mới thì để trống dòng, "
                    "không xóa.", header_row, 1)
            return
        index = self.importer.index
        for plan_id, task_id in sorted(expected - keys):
            plan_task = index.get((plan_id, task_id))
            title = f" “{plan_task[1].title[:60]}”" if plan_task else ""
            self.out.problem(
                "deleted-row",
                f"Dòng của nhiệm vụ “{task_id}”{title} (kế hoạch {plan_id}) đã bị xóa khỏi "
                "biểu mẫu.",
                "Khôi phục dòng (điền lại trên biểu mẫu gốc); nhiệm vụ không có gì mới thì để "
                "trống dòng, không xóa.", header_row, 1)

    def _expected_rows(self, book: Spreadsheet, form: FormId) -> set[tuple[str, str]] | None:
        """Which tasks the form listed: from its hidden sheet, or by making it again."""
        meta = book.sheet(META_SHEET)
        if meta is not None:
            listed = {(str(meta.cell(r, 2).value), str(meta.cell(r, 3).value))
                      for r in range(7, meta.max_row + 1) if not meta.cell(r, 2).empty}
            if rowset_digest(listed) == form.rowset:
                return listed
        remade = self.importer.remade_rows(form)
        if remade is not None and rowset_digest(remade) == form.rowset:
            return remade
        return None

    def _row(self, book: Spreadsheet, sheet: Sheet, form: FormId, key: RowKey, row: int,
             cells: dict[str, Cell]) -> _Proposal | None:
        importer = self.importer
        out = self.out
        bad = False
        for name in INPUT_KEYS:
            cell = cells.get(name)
            if cell is not None and cell.formula is not None:
                out.problem("formula", f"Ô “{COLUMN[name].header}” chứa công thức, không phải "
                            "giá trị.", "Gõ giá trị vào ô (khi dán, chọn “Dán giá trị”); biểu "
                            "mẫu không nhận công thức.", row, cell.column, cell.formula)
                bad = True
        if bad:
            return None

        def take(name: str, reader: Callable[[Cell], Reading]) -> Any:
            nonlocal bad
            cell = cells[name]
            try:
                reading = reader(cell)
            except CellProblem as exc:
                out.problem(exc.code, exc.message, exc.hint, row, cell.column, shown(cell))
                bad = True
                return None
            if reading.notice:
                out.notice("understood", reading.notice, row, cell.column, shown(cell))
            return reading.value

        status = take("status", read_status)
        progress = take("progress", read_progress)
        day = take("date", lambda c: read_date(c, book.epoch))
        note = take("note", lambda c: Reading(read_text(c, "Kết quả thực hiện, ghi chú")))
        evidence = take("evidence", read_evidence)
        plan_task = importer.index.get((key.plan_id, key.task_id))
        status_cell, date_cell = cells["status"], cells["date"]
        if plan_task is None:
            out.problem("task-not-found",
                        f"Nhiệm vụ “{key.task_id}” của kế hoạch {key.plan_id} không còn trong dữ "
                        "liệu (kế hoạch bị xóa hoặc nhiệm vụ đổi số hiệu sau khi tạo biểu mẫu).",
                        "Kiểm tra lại kế hoạch; nếu nhiệm vụ đổi số hiệu, tạo lại biểu mẫu.",
                        row, cells["task"].column, key.task_id)
            return None
        plan, task = plan_task
        if status is None and not bad:
            out.problem("missing-status", "Dòng có số liệu nhưng chưa chọn tình trạng.",
                        "Chọn tình trạng trong danh sách, hoặc xóa số liệu nếu không báo cáo "
                        "nhiệm vụ này.", row, status_cell.column)
            bad = True
        if status is None or bad:
            return None
        if status == "hoan-thanh" and progress not in (None, 100):
            out.problem("done-progress", f"Tình trạng “Hoàn thành” nhưng tiến độ {progress}%.",
                        "Ghi 100 (hoặc để trống) tiến độ, hoặc chọn “Đang thực hiện”.",
                        row, cells["progress"].column, shown(cells["progress"]))
            bad = True
        if status == "chua-bat-dau" and progress:
            out.problem("not-started-progress",
                        f"Tình trạng “Chưa bắt đầu” nhưng tiến độ {progress}%.",
                        "Ghi 0 (hoặc để trống) tiến độ, hoặc chọn “Đang thực hiện”.",
                        row, cells["progress"].column, shown(cells["progress"]))
            bad = True
        if status in ("tam-dung", "huy") and not note:
            label = UPDATE_STATUS_NAMES[status]
            out.problem("reason-required", f"Tình trạng “{label}” phải nêu lý do.",
                        "Ghi lý do (và văn bản cho phép, nếu có) ở cột “Kết quả thực hiện, "
                        "ghi chú”.", row, cells["note"].column)
            bad = True
        date_given = day is not None
        if day is None:
            if status == "hoan-thanh":
                out.problem("done-without-date", "Tình trạng “Hoàn thành” nhưng chưa ghi ngày "
                            "hoàn thành.", "Ghi ngày hoàn thành (ngày ban hành văn bản, ngày "
                            "nghiệm thu…), dạng ngày/tháng/năm.", row, date_cell.column)
                bad = True
            else:
                day = min(form.period.end, importer.as_of)
                out.notice("date-defaulted", f"Ngày báo cáo để trống: ghi ngày {day:%d/%m/%Y} "
                           f"({'ngày cuối kỳ báo cáo' if day == form.period.end else 'ngày nhập'}"
                           ").", row, date_cell.column)
        if day is not None:
            if day > importer.as_of:
                out.problem("date-in-future", f"Ngày {day:%d/%m/%Y} sau ngày nhập "
                            f"({importer.as_of:%d/%m/%Y}): không ghi trước tình trạng tương lai.",
                            "Kiểm tra lại ngày (nhất là năm); ghi ngày đã thực hiện.",
                            row, date_cell.column, shown(date_cell))
                bad = True
            if day < plan.document.issued:
                out.problem("date-before-issue", f"Ngày {day:%d/%m/%Y} trước ngày ban hành kế "
                            f"hoạch ({plan.document.issued:%d/%m/%Y}).",
                            "Kiểm tra lại ngày (nhất là năm).",
                            row, date_cell.column, shown(date_cell))
                bad = True
        if bad:
            return None
        link, other = evidence if evidence else (None, None)
        reason = None
        if status in ("tam-dung", "huy"):
            reason, note = note, None
        if other:
            note = f"{note}\n\nMinh chứng: {other}" if note else f"Minh chứng: {other}"
        try:
            update = build_update(day, status, progress, note, link, reason)
        except EditError as exc:
            out.problem("bad-value", str(exc), "Sửa giá trị trong dòng này.", row,
                        status_cell.column, shown(status_cell))
            return None
        return _Proposal(self.file, out.where(row, status_cell.column), row, status_cell.column,
                         form, key, plan, task, update, date_given,
                         out.where(row, date_cell.column), date_cell.column)


class _Importer:
    def __init__(self, root: Path, project: Project, as_of: dt.date, force: bool,
                 agency: str | None, period: Period | None) -> None:
        self.root = root
        self.project = project
        self.as_of = as_of
        self.force = force
        self.agency = agency
        self.period = period
        self.index = _task_index(project)
        self.result = ImportPlan()
        self._snapshots: dict[dt.date, Snapshot] = {}

    def remade_rows(self, form: FormId) -> set[tuple[str, str]] | None:
        """The tasks the form would list if it were made again from the data as it is now."""
        from generator.authoring.report_forms.selection import agency_form

        if form.agency not in self.project.agencies:
            return None
        if form.as_of not in self._snapshots:
            self._snapshots[form.as_of] = Snapshot(self.project, form.as_of)
        made = agency_form(self._snapshots[form.as_of], form.agency, form.period, form.as_of)
        return {(r.plan_id, r.task_id) for r in made.rows}

    def compare(self, proposals: list[_Proposal]) -> None:
        """Skip what is already recorded, find conflicts, and turn the rest into changes."""
        result = self.result
        by_task: dict[tuple[str, str], list[_Proposal]] = {}
        for p in proposals:
            by_task.setdefault((p.plan.id, p.task.id), []).append(p)
        for (_plan_id, task_id), group in by_task.items():
            plan, task = group[0].plan, group[0].task
            existing = list(task.updates)
            kept: list[_Proposal] = []
            for p in group:
                twin = next((k for k in kept if k.update == p.update), None)
                if twin is not None:
                    result.skipped.append(Message(
                        p.file, p.where, "same-as-other-row",
                        f"Nhiệm vụ “{task_id}”: giống hệt báo cáo ở {twin.file} {twin.where}; "
                        "chỉ ghi một lần.", row=p.row, column=p.column))
                    continue
                done = self._already_recorded(p, existing)
                if done is not None:
                    result.skipped.append(Message(
                        p.file, p.where, "already-imported",
                        f"Nhiệm vụ “{task_id}”: cập nhật ngày {done.date:%d/%m/%Y} "
                        f"({UPDATE_STATUS_NAMES[done.status]}) đã có trong "
                        f"{plan.path}; không ghi lại.", row=p.row, column=p.column))
                    continue
                kept.append(p)
            if not kept:
                continue
            conflicts = [self._conflict(p, existing) for p in kept]
            if len(kept) > 1:
                places = ", ".join(f"{p.file} {p.where}" for p in kept)
                for i in range(len(kept)):
                    conflicts[i] = conflicts[i] or (
                        f"nhiệm vụ được báo cáo khác nhau ở {len(kept)} nơi ({places})")
            last = existing[-1].date if existing else None
            for p, conflict in sorted(zip(kept, conflicts, strict=True),
                                      key=lambda pc: pc[0].update["date"]):
                day = p.update["date"]
                if conflict and not self.force:
                    result.problems.append(Message(
                        p.file, p.where, "conflict",
                        f"Xung đột ở nhiệm vụ “{task_id}” (kế hoạch {plan.id}): {conflict}.",
                        "", "Xem lại với cơ quan và trong tệp kế hoạch. Nếu báo cáo trong biểu "
                        "mẫu là đúng và mới nhất, nhập lại với --force; nếu không, xóa số liệu "
                        "của dòng này.", p.row, p.column))
                    continue
                if last is not None and day < last:
                    result.problems.append(Message(
                        p.file, p.date_where, "date-before-last-update",
                        f"Nhiệm vụ “{task_id}”: ngày {day:%d/%m/%Y} trước lần cập nhật đã ghi "
                        f"gần nhất ({last:%d/%m/%Y}); các lần cập nhật phải theo thứ tự thời "
                        "gian.", f"{day:%d/%m/%Y}",
                        "Kiểm tra lại ngày; nếu đúng là báo cáo cũ, không cần nhập.",
                        p.row, p.date_column))
                    continue
                last = day
                if conflict:
                    result.notices.append(Message(
                        p.file, p.where, "forced",
                        f"Nhiệm vụ “{task_id}”: {conflict}; vẫn ghi vì có --force.",
                        row=p.row, column=p.column))
                result.changes.append(Change(plan.path, plan.id, task_id, p.update, p.file,
                                             p.where, bool(conflict)))

    @staticmethod
    def _since(p: _Proposal, existing: list[Update]) -> list[Update] | None:
        """The updates recorded after the form was made (None when earlier ones changed)."""
        for n in range(len(existing), -1, -1):
            if fingerprint(p.plan.id, p.task.id, existing[:n]) == p.key.fingerprint:
                return existing[n:]
        return None

    def _already_recorded(self, p: _Proposal, existing: list[Update]) -> Update | None:
        for update in existing:
            if _update_dict(update) == p.update:
                return update
        if not p.date_given:
            # A date left empty is filled in at import time: an update recorded since the form
            # was made that differs only by its date is this row, imported before.
            wanted = {k: v for k, v in p.update.items() if k != "date"}
            for update in self._since(p, existing) or []:
                if {k: v for k, v in _update_dict(update).items() if k != "date"} == wanted:
                    return update
        return None

    def _conflict(self, p: _Proposal, existing: list[Update]) -> str | None:
        leads = {ref.agency for ref in p.task.leads}
        if p.form.agency not in leads:
            return (f"biểu mẫu của {p.form.agency}, nhưng nhiệm vụ nay do "
                    f"{', '.join(sorted(leads)) or 'cơ quan chưa xác định'} chủ trì")
        since = self._since(p, existing)
        if since is None:
            return (f"các lần cập nhật đã ghi của nhiệm vụ bị sửa sau khi tạo biểu mẫu "
                    f"(ngày {p.form.as_of:%d/%m/%Y})")
        if since:
            later = since[-1]
            return (f"đã có cập nhật ngày {later.date:%d/%m/%Y} "
                    f"({UPDATE_STATUS_NAMES.get(later.status, later.status)}) ghi sau khi tạo "
                    f"biểu mẫu (ngày {p.form.as_of:%d/%m/%Y})")
        return None


def _read_book(path: Path) -> Spreadsheet | SpreadsheetError:
    """A form's workbook, or why it cannot be read.

    The guide and the supported tasks are never read back: only the entry sheet and the hidden
    one (every sheet when the entry sheet was renamed).
    """
    try:
        book = read_spreadsheet(path, sheets=(ENTRY_SHEET, META_SHEET))
        if book.kind == "xlsx" and book.sheet(ENTRY_SHEET) is None:
            book = read_spreadsheet(path)
    except SpreadsheetError as exc:
        return exc
    return book


def _in_parallel(function: Callable[[Any], Any], jobs: Sequence[Any],
                 progress: Callable[[int], None] | None = None) -> list[Any]:
    """``function`` over ``jobs`` in forked workers (one per core) when there are many."""
    workers = os.cpu_count() or 1
    results: list[Any] = []
    if workers > 1 and len(jobs) >= PARALLEL_FROM:
        with get_context("fork").Pool(workers) as pool:
            for result in pool.imap(function, jobs, chunksize=2):
                results.append(result)
                if progress:
                    progress(len(results))
        return results
    for job in jobs:
        results.append(function(job))
        if progress:
            progress(len(results))
    return results


def plan_import(root: Path, project: Project, paths: Sequence[Path], as_of: dt.date, *,
                force: bool = False, agency: str | None = None, period: Period | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """Read ``paths`` and say what importing them would change (nothing is written)."""
    importer = _Importer(root, project, as_of, force, agency, period)
    proposals: list[_Proposal] = []
    paths = [Path(p) for p in paths]
    books = _in_parallel(_read_book, paths, progress and (
        lambda done: progress("Đọc biểu mẫu", done, len(paths))))
    for path, book in zip(paths, books, strict=True):
        proposals += _FileReader(importer, path).read(book)
    importer.compare(proposals)
    result = importer.result
    result.problems.sort(key=Message.sort_key)
    result.notices.sort(key=Message.sort_key)
    result.skipped.sort(key=Message.sort_key)
    result.changes.sort(key=lambda c: (c.plan_file, c.update["date"]))
    return result


# --- applying ---------------------------------------------------------------------------------


class ApplyError(Exception):
    """Nothing was written: the reason, in Vietnamese."""


@dataclass(frozen=True)
class Written:
    """A plan file written, and the line where each of its new updates starts."""

    path: str
    lines: tuple[int, ...]


# What the checks of a plan file need, set before the workers are forked.
_registries: tuple[dict[str, Agency], dict[str, Area], frozenset[str], dt.date] | None = None


def _check_new_tree(plan_file: str) -> Callable[[Node], None]:
    """The checks of ``congkhai check`` on a plan file's new node tree (raises ApplyError)."""
    assert _registries is not None
    agencies, areas, seeds, as_of = _registries

    def check(root: Node) -> None:
        problems = ProblemList()
        loaded = validate_nodes(root, PLAN, plan_file, problems)
        if not problems:
            check_plan(loaded, agencies, areas, as_of, problems, seeds)
        found = problems.sorted()
        if found:
            first = found[0]
            raise ApplyError(
                f"sau khi thêm cập nhật, {plan_file} dòng {first.line} không hợp lệ: "
                f"{first.message} ({len(found)} lỗi). Không ghi gì; báo lỗi này cho người "
                "phát triển kèm tệp biểu mẫu.")

    return check


def _edit(job: tuple[Path, str, list[tuple[str, dict[str, Any]]]]
          ) -> tuple[str, bytes, bytes, list[int]]:
    """One plan file with its new updates, checked as ``congkhai check`` would check it."""
    root, plan_file, items = job
    raw = (root / plan_file).read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        new_text, lines = add_updates_text(raw.decode("utf-8-sig"), items, plan_file,
                                           check=_check_new_tree(plan_file))
    except (UnicodeDecodeError, EditError) as exc:
        raise ApplyError(f"{plan_file}: {exc}") from None
    return plan_file, raw, (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8"), lines


def _new_texts(root: Path, project: Project, as_of: dt.date, changes: Iterable[Change]
               ) -> dict[str, tuple[bytes, bytes, list[int]]]:
    global _registries
    by_file: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for change in changes:
        by_file.setdefault(change.plan_file, []).append((change.task_id, change.update))
    jobs = [(root, plan_file, items) for plan_file, items in sorted(by_file.items())]
    seeds = frozenset(p.name for p in (root / SEEDS_DIR).glob("*") if p.is_file())
    _registries = (project.agencies, project.areas, seeds, as_of)
    try:
        return {name: (old, new, lines) for name, old, new, lines in _in_parallel(_edit, jobs)}
    finally:
        _registries = None


def apply_import(root: Path, project: Project, changes: Sequence[Change], as_of: dt.date,
                 progress: Progress | None = None) -> list[Written]:
    """Append ``changes`` to their plan files: every file, or (on any error) none.

    Each new file is checked with the checks of ``congkhai check`` (the project's registries,
    the import date) before any file is written.
    """
    if not changes:
        return []
    texts = _new_texts(root, project, as_of, changes)
    if progress:
        progress("Ghép và kiểm tra cập nhật", len(texts), len(texts))
    temporary: dict[str, Path] = {}
    replaced: list[str] = []
    try:
        for plan_file, (_old, new, _lines) in texts.items():
            target = root / plan_file
            tmp = target.with_name(f".{target.name}.congkhai-import")
            tmp.write_bytes(new)
            temporary[plan_file] = tmp
        for plan_file, tmp in temporary.items():
            os.replace(tmp, root / plan_file)
            replaced.append(plan_file)
    except OSError as exc:
        for plan_file in replaced:  # put back what was already replaced
            (root / plan_file).write_bytes(texts[plan_file][0])
        for tmp in temporary.values():
            tmp.unlink(missing_ok=True)
        raise ApplyError(f"không ghi được tệp kế hoạch ({exc.strerror or exc}); đã khôi phục "
                         "các tệp đã ghi, không tệp nào bị thay đổi.") from None
    if progress:
        progress("Ghi tệp", len(replaced), len(texts))
    return [Written(name, tuple(texts[name][2])) for name in replaced]
