"""Reading one filled report form: finding the form in the file (its entry sheet, identity and
header row), checking its identity against the import, and reading and validating every row into
a proposed update, each problem located by ``sheet!cell``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from generator.authoring.editing import EditError, build_update
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
from generator.authoring.report_forms.records import (
    Collector,
    FormSummary,
    ImportPlan,
    Message,
    Proposal,
    display_path,
)
from generator.model.entities import Plan, Project, Task
from generator.sources.spreadsheets import (
    Cell,
    Sheet,
    Spreadsheet,
    SpreadsheetError,
    column_number,
    read_spreadsheet,
)
from generator.sources.vocabulary import UPDATE_STATUS_NAMES


class ImportRun(Protocol):
    """What reading a file needs of the import it is part of (:class:`.importing.Importer`)."""

    root: Path
    project: Project
    as_of: dt.date
    agency: str | None
    period: Period | None
    index: dict[tuple[str, str], tuple[Plan, Task]]
    result: ImportPlan

    def remade_rows(self, form: FormId) -> set[tuple[str, str]] | None:
        """The tasks the form would list if it were made again from the data as it is now."""


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


class FileReader:
    """Reads one file into proposals, collecting its problems."""

    def __init__(self, importer: ImportRun, path: Path) -> None:
        self.importer = importer
        self.path = path
        self.file = display_path(importer.root, path)
        self.result = importer.result
        self.out = Collector(self.result, self.file)

    def read(self, book: Spreadsheet | SpreadsheetError) -> list[Proposal]:
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
        self.out = Collector(self.result, self.file, sheet)
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

    def _rows(self, book: Spreadsheet, sheet: Sheet, form: FormId) -> list[Proposal]:
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
        proposals: list[Proposal] = []
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
             cells: dict[str, Cell]) -> Proposal | None:
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
        return Proposal(self.file, out.where(row, status_cell.column), row, status_cell.column,
                         form, key, plan, task, update, date_given,
                         out.where(row, date_cell.column), date_cell.column)


def read_book(path: Path) -> Spreadsheet | SpreadsheetError:
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
