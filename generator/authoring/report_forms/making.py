"""Writing report forms: an .xlsx workbook (XlsxWriter) and a CSV variant (UTF-8 with BOM).

The workbook has four sheets:

* **Hướng dẫn** — who reports, for which period, by when, and how to fill in each column;
* **Nhập liệu** — one row per task the agency leads: read-only columns (grey, locked) and input
  columns (yellow, unlocked) with data validation on status (a drop-down list of the site's
  Vietnamese labels), progress (whole number 0–100) and date; frozen header, wrapped text,
  column widths for A4 landscape, an autofilter, sheet protection without a password (so nobody
  needs one to fill it in, and nothing read-only changes by accident);
* **Phối hợp** — the tasks it supports, read-only, for information;
* **_congkhai** (hidden) — the form's identity and its row keys.

The identity is also a custom document property and sits in a locked cell of the entry sheet,
which is what survives when someone saves the entry sheet alone as CSV. Text is always written as
text: a title starting with "=" never becomes a formula, a URL never becomes a link.

XlsxWriter rather than :mod:`generator.downloads.xlsx`: forms need data validation, protection,
hidden sheets and custom properties; the open-data writer needs none of them and is faster in
bulk.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from generator.authoring.report_forms.identity import PROPERTY
from generator.authoring.report_forms.layout import (
    COLUMNS,
    ENTRY_SHEET,
    FIRST_ROW,
    GUIDE_SHEET,
    HEADER_ROW,
    ID_LABEL,
    ID_ROW,
    INFO_ROW,
    META_SHEET,
    STATUS_CHOICES,
    SUPPORT_COLUMNS,
    SUPPORT_SHEET,
    TITLE_ROW,
)
from generator.authoring.report_forms.selection import AgencyForm, FormRow
from generator.model.entities import Plan
from generator.sources.vocabulary import UPDATE_STATUS_NAMES

GUIDE_WIDTH = 100
TITLE = "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"
DEMO_NOTE = ("DỮ LIỆU MINH HỌA (HƯ CẤU): biểu mẫu này liệt kê nhiệm vụ của kế hoạch minh họa, "
             "không có thật.")


def _d(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def file_name(form: AgencyForm, suffix: str = ".xlsx") -> str:
    """``bao-cao-<agency>-<period>.xlsx``."""
    return f"bao-cao-{form.agency.id}-{form.period.code}{suffix}"


def _plan_text(plan: Plan) -> str:
    return f"{plan.document.number} ngày {_d(plan.document.issued)}: {plan.title}"


def _last_text(row: FormRow) -> str:
    status = row.fact.status
    latest = status.latest
    if latest is None:
        return status.label
    text = UPDATE_STATUS_NAMES.get(latest.status, latest.status)
    if latest.progress is not None and latest.status != "hoan-thanh":
        text += f", {latest.progress}%"
    text += f" (ghi nhận ngày {_d(latest.date)})"
    if status.overdue:
        text += f"; quá hạn {status.days_overdue} ngày"
    return text


def _leads_text(row: FormRow, names: dict[str, str]) -> str:
    return "; ".join(names.get(ref.agency, ref.agency) for ref in row.fact.task.leads)


def _info_text(form: AgencyForm) -> str:
    return (f"Cơ quan chủ trì: {form.agency.name} — Kỳ báo cáo: {form.period.label} — "
            f"Tình trạng tính đến ngày {_d(form.as_of)} — Hạn gửi lại: {_d(form.return_by)}")


def entry_cells(form: AgencyForm, row: FormRow, number: int) -> dict[str, Any]:
    """The read-only values of one row of the entry sheet, by column key."""
    task = row.fact.task
    return {
        "stt": number,
        "plan": _plan_text(row.fact.plan),
        "task": task.id,
        "title": task.title,
        "output": task.output or "Không nêu",
        "deadline": task.deadline.text or "Không nêu",
        "due": task.deadline.due,
        "last": _last_text(row),
        "key": form.key_of(row),
    }


def guide_lines(form: AgencyForm) -> list[tuple[str, str]]:
    """The instruction sheet as (style, text) lines; style is "title", "head", "warn" or ""."""
    place = f" ({form.province_name})" if form.province_name else ""
    lines: list[tuple[str, str]] = [
        ("title", TITLE),
        ("", ""),
        ("", f"Cơ quan báo cáo: {form.agency.name}{place}"),
        ("", f"Kỳ báo cáo: {form.period.label} (từ {_d(form.period.start)} đến "
             f"{_d(form.period.end)})"),
        ("", f"Tình trạng các nhiệm vụ ghi trong biểu mẫu tính đến ngày {_d(form.as_of)}."),
        ("head", f"Hạn gửi lại biểu mẫu đã điền: {_d(form.return_by)}"),
        ("", f"Số nhiệm vụ cơ quan chủ trì cần báo cáo: {len(form.rows)} (trang “{ENTRY_SHEET}”); "
             f"nhiệm vụ cơ quan phối hợp: {len(form.support)} (trang “{SUPPORT_SHEET}”, chỉ để "
             "tham khảo)."),
    ]
    if form.demo:
        lines.append(("warn", DEMO_NOTE))
    lines += [
        ("", ""),
        ("head", "Cách điền"),
        ("", f"1. Mở trang “{ENTRY_SHEET}”. Mỗi dòng là một nhiệm vụ cơ quan chủ trì, đến hạn "
             "hoặc đang thực hiện trong kỳ. Các cột nền xám chỉ để đọc; chỉ điền vào các cột "
             "nền vàng."),
        ("", "2. Tình trạng: chọn trong danh sách — " + ", ".join(STATUS_CHOICES) + "."),
        ("", "3. Tiến độ (%): số nguyên từ 0 đến 100, ví dụ 80. Với “Hoàn thành” để trống "
             "hoặc ghi 100."),
        ("", "4. Ngày báo cáo: ngày/tháng/năm, ví dụ 15/12/2026. Với “Hoàn thành” bắt buộc "
             "ghi ngày hoàn thành (ngày ban hành văn bản, ngày nghiệm thu…). Với tình trạng "
             "khác, bỏ trống thì lấy ngày cuối kỳ báo cáo."),
        ("", "5. Kết quả thực hiện, ghi chú: nêu ngắn gọn kết quả đạt được. Với “Tạm dừng” "
             "hoặc “Hủy”: bắt buộc ghi lý do (và văn bản cho phép, nếu có)."),
        ("", "6. Minh chứng: số, ký hiệu văn bản và/hoặc đường dẫn đầy đủ (https://…) tới văn "
             "bản, bài viết công bố kết quả."),
        ("", "7. Nhiệm vụ không có gì mới trong kỳ: để trống cả dòng."),
        ("head", "Xin lưu ý"),
        ("", "• Không xóa, không thêm, không nhân đôi dòng; có thể sắp xếp, lọc lại các dòng."),
        ("", "• Không sửa các cột chỉ đọc (nhất là “Số hiệu nhiệm vụ”), không đổi tên hay thêm "
             "trang tính, không gộp ô."),
        ("", "• Gõ giá trị, không dùng công thức (khi dán, chọn “Dán giá trị”)."),
        ("", "• Không đặt mật khẩu cho tệp. Lưu giữ nguyên dạng .xlsx; nếu chỉ dùng được CSV, "
             "lưu trang “Nhập liệu” dạng “CSV UTF-8”."),
        ("", "• Mỗi dòng được nhận diện bằng mã ở cột ẩn “Mã dòng”; đừng xóa cột này."),
        ("", ""),
        ("", f"{ID_LABEL} {form.identity.text}"),
        ("", "Biểu mẫu được tạo bằng lệnh congkhai report-form; dữ liệu nhập lại bằng lệnh "
             "congkhai import-updates."),
    ]
    return lines


LINE_POINTS = 12.75  # one line of 10 pt Arial
MAX_LINES = 12


def row_height(texts: list[tuple[str, float]]) -> float:
    """Points for a row showing each ``(text, column width)`` wrapped in full.

    Written out because no office suite grows a row to its wrapped text when it opens a file
    (Excel only does so when a cell is edited); the estimate counts about 1.1 characters of
    Vietnamese text per unit of column width, and caps a row at twelve lines.
    """
    lines = 1
    for text, width in texts:
        per_line = max(1, int(width * 1.1))
        count = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        lines = max(lines, count)
    return min(lines, MAX_LINES) * LINE_POINTS + 2


def _formats(book: xlsxwriter.Workbook) -> dict[str, Any]:
    base = {"font_name": "Arial", "font_size": 10, "valign": "top"}

    def fmt(**extra: Any) -> Any:
        return book.add_format({**base, **extra})

    grey, yellow = "#EDEDED", "#FFF2CC"
    return {
        "title": fmt(bold=True, font_size=13),
        "info": fmt(italic=True),
        "id": fmt(font_color="#595959", font_size=8),
        "head": fmt(bold=True, text_wrap=True, border=1, bg_color="#D9E1F2", align="center",
                    valign="vcenter"),
        "ro": fmt(border=1, bg_color=grey),
        "ro_wrap": fmt(border=1, bg_color=grey, text_wrap=True),
        "ro_date": fmt(border=1, bg_color=grey, num_format="dd/mm/yyyy", align="left"),
        "in": fmt(border=1, bg_color=yellow, locked=False, text_wrap=True),
        "in_int": fmt(border=1, bg_color=yellow, locked=False, align="center"),
        "in_date": fmt(border=1, bg_color=yellow, locked=False, num_format="dd/mm/yyyy",
                       align="center"),
        "guide": fmt(text_wrap=True),
        "guide_title": fmt(bold=True, font_size=13),
        "guide_head": fmt(bold=True, text_wrap=True),
        "guide_warn": fmt(bold=True, text_wrap=True, font_color="#9C0006", bg_color="#FFC7CE"),
    }


_PROTECTION = {
    "select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True,
    "format_rows": True, "sort": True, "autofilter": True,
}


def _page_setup(sheet: Any, header_row: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row - 1)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def workbook_bytes(form: AgencyForm) -> bytes:
    """The form as .xlsx bytes."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
        "strings_to_urls": False,
    })
    created = dt.datetime.combine(form.as_of, dt.time(0, 0))
    book.set_properties({
        "title": f"{TITLE} — {form.agency.name} — {form.period.label}",
        "subject": f"Biểu mẫu báo cáo {form.period.label}",
        "author": "congkhai", "company": "", "created": created,
        "comments": "Tạo bằng congkhai report-form; nhập lại bằng congkhai import-updates.",
    })
    book.set_custom_property(PROPERTY, form.identity.text)
    f = _formats(book)

    guide = book.add_worksheet(GUIDE_SHEET)
    guide.set_column(0, 0, GUIDE_WIDTH)
    for i, (style, text) in enumerate(guide_lines(form)):
        cell_format = {"title": f["guide_title"], "head": f["guide_head"],
                       "warn": f["guide_warn"]}.get(style, f["guide"])
        if text:
            guide.write_string(i, 0, text, cell_format)
            guide.set_row(i, row_height([(text, GUIDE_WIDTH)]) + (4 if style == "title" else 0))
    guide.set_paper(9)
    guide.fit_to_pages(1, 0)
    guide.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
    guide.activate()

    _entry_sheet(book, form, f)
    _support_sheet(book, form, f)

    meta = book.add_worksheet(META_SHEET)
    meta.write_string(0, 0, "Mã biểu mẫu")
    meta.write_string(0, 1, form.identity.text)
    meta.write_string(1, 0, "Cơ quan")
    meta.write_string(1, 1, form.agency.id)
    meta.write_string(2, 0, "Kỳ báo cáo")
    meta.write_string(2, 1, form.period.code)
    meta.write_string(3, 0, "Tính đến ngày")
    meta.write_string(3, 1, form.as_of.isoformat())
    for c, head in enumerate(("Mã dòng", "Kế hoạch", "Số hiệu nhiệm vụ", "Dấu vân tay")):
        meta.write_string(5, c, head)
    for r, row in enumerate(form.rows, start=6):
        for c, value in enumerate((form.key_of(row), row.plan_id, row.task_id, row.fingerprint)):
            meta.write_string(r, c, value)
    meta.protect("")
    meta.hide()
    book.close()
    return buffer.getvalue()


def _entry_sheet(book: xlsxwriter.Workbook, form: AgencyForm, f: dict[str, Any]) -> None:
    sheet = book.add_worksheet(ENTRY_SHEET)
    last_col = len(COLUMNS) - 1
    for c, column in enumerate(COLUMNS):
        sheet.set_column(c, c, column.width, None, {"hidden": True} if column.hidden else None)
    sheet.write_string(TITLE_ROW - 1, 0, f"{TITLE} — {form.period.label}", f["title"])
    sheet.write_string(INFO_ROW - 1, 0, _info_text(form), f["info"])
    sheet.write_string(ID_ROW - 1, 0, ID_LABEL, f["id"])
    sheet.write_string(ID_ROW - 1, 1, form.identity.text, f["id"])
    sheet.set_row(HEADER_ROW - 1, 45)
    for c, column in enumerate(COLUMNS):
        sheet.write_string(HEADER_ROW - 1, c, column.header, f["head"])
    input_format = {"status": f["in"], "progress": f["in_int"], "date": f["in_date"],
                    "note": f["in"], "evidence": f["in"]}
    for i, row in enumerate(form.rows):
        r = FIRST_ROW - 1 + i
        values = entry_cells(form, row, i + 1)
        sheet.set_row(r, row_height([(str(values[c.key]), c.width) for c in COLUMNS
                                     if c.wrap and not c.input]))
        for c, column in enumerate(COLUMNS):
            if column.input:
                sheet.write_blank(r, c, None, input_format[column.key])
                continue
            value = values[column.key]
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), f["ro_date"])
            elif isinstance(value, int):
                sheet.write_number(r, c, value, f["ro"])
            elif value is None:
                sheet.write_blank(r, c, None, f["ro"])
            else:
                sheet.write_string(r, c, value, f["ro_wrap"] if column.wrap else f["ro"])
    if form.rows:
        first, last = FIRST_ROW - 1, FIRST_ROW - 2 + len(form.rows)
        col = {column.key: c for c, column in enumerate(COLUMNS)}
        sheet.data_validation(first, col["status"], last, col["status"], {
            "validate": "list", "source": list(STATUS_CHOICES),
            "input_title": "Tình trạng",
            "input_message": "Chọn trong danh sách. Không có gì mới: để trống cả dòng.",
            "error_title": "Tình trạng không hợp lệ",
            "error_message": "Chọn một trong: " + ", ".join(STATUS_CHOICES) + ".",
        })
        sheet.data_validation(first, col["progress"], last, col["progress"], {
            "validate": "integer", "criteria": "between", "minimum": 0, "maximum": 100,
            "input_title": "Tiến độ (%)",
            "input_message": "Số nguyên từ 0 đến 100, ví dụ 80.",
            "error_title": "Tiến độ không hợp lệ",
            "error_message": "Ghi số nguyên từ 0 đến 100 (không ghi dấu %).",
        })
        earliest = min(r.fact.plan.document.issued for r in form.rows)
        latest = max(form.return_by, form.period.end) + dt.timedelta(days=92)
        sheet.data_validation(first, col["date"], last, col["date"], {
            "validate": "date", "criteria": "between",
            "minimum": dt.datetime.combine(earliest, dt.time()),
            "maximum": dt.datetime.combine(latest, dt.time()),
            "input_title": "Ngày báo cáo",
            "input_message": "Ngày/tháng/năm, ví dụ 15/12/2026. Hoàn thành: ghi ngày hoàn thành.",
            "error_title": "Ngày không hợp lệ",
            "error_message": f"Ghi ngày dạng ngày/tháng/năm, từ {_d(earliest)} đến {_d(latest)}.",
        })
        sheet.autofilter(HEADER_ROW - 1, 0, last, last_col)
    sheet.freeze_panes(HEADER_ROW, 3)
    _page_setup(sheet, HEADER_ROW)
    sheet.protect("", _PROTECTION)


def _support_sheet(book: xlsxwriter.Workbook, form: AgencyForm, f: dict[str, Any]) -> None:
    sheet = book.add_worksheet(SUPPORT_SHEET)
    for c, (_head, width) in enumerate(SUPPORT_COLUMNS):
        sheet.set_column(c, c, width)
    sheet.write_string(0, 0, f"Nhiệm vụ {form.agency.name} phối hợp thực hiện — "
                             f"{form.period.label} (chỉ để tham khảo, không cần điền)", f["title"])
    sheet.set_row(1, 30)
    for c, (head, _width) in enumerate(SUPPORT_COLUMNS):
        sheet.write_string(1, c, head, f["head"])
    for i, row in enumerate(form.support):
        r = 2 + i
        task = row.fact.task
        values = (i + 1, _plan_text(row.fact.plan), task.id, task.title,
                  task.output or "Không nêu", task.deadline.text or "Không nêu",
                  task.deadline.due, _leads_text(row, form.lead_names) or "Không nêu",
                  _last_text(row))
        sheet.set_row(r, row_height([(str(v), w) for v, (_h, w) in
                                     zip(values, SUPPORT_COLUMNS, strict=True)
                                     if isinstance(v, str)]))
        for c, value in enumerate(values):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), f["ro_date"])
            elif isinstance(value, int):
                sheet.write_number(r, c, value, f["ro"])
            elif value is None:
                sheet.write_blank(r, c, None, f["ro"])
            else:
                sheet.write_string(r, c, value, f["ro_wrap"])
    sheet.freeze_panes(2, 3)
    _page_setup(sheet, 2)
    sheet.protect("", _PROTECTION)


# What makes a spreadsheet read a CSV cell as a formula: the OWASP list the open-data CSV files
# neutralise too (generator.downloads.csvsafe), tab and carriage return included.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """Text Excel will not take for a formula when it opens the CSV ("- Sở Nội vụ …", "=…")."""
    return " " + text if text.startswith(_FORMULA_START) else text


def csv_bytes(form: AgencyForm) -> bytes:
    """The entry sheet as CSV: UTF-8 with a BOM (so Excel reads Vietnamese right), CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f"{TITLE} — {form.period.label}"])
    writer.writerow([_info_text(form)])
    writer.writerow([ID_LABEL, form.identity.text])
    writer.writerow([c.header for c in COLUMNS])
    for i, row in enumerate(form.rows):
        values = entry_cells(form, row, i + 1)
        cells = []
        for column in COLUMNS:
            value = values.get(column.key)
            text = _d(value) if isinstance(value, dt.date) else "" if value is None else str(value)
            cells.append(_inert(text))
        writer.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


INDEX_NAME = "danh-sach-bieu-mau.csv"


def form_files(form: AgencyForm, xlsx: bool = True, with_csv: bool = False) -> dict[str, bytes]:
    """The files of one form by name: the workbook and/or the CSV variant."""
    files = {}
    if xlsx:
        files[file_name(form)] = workbook_bytes(form)
    if with_csv:
        files[file_name(form, ".csv")] = csv_bytes(form)
    return files


def index_bytes(forms: Sequence[Any], xlsx: bool = True) -> bytes:
    """A CSV list of the forms made (UTF-8 with BOM): whom to send which file, by when.

    ``forms`` are :class:`~.batch.MadeForm` (agency id and name, period, counts, return-by).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Mã cơ quan", "Cơ quan", "Tệp", "Kỳ báo cáo", "Nhiệm vụ chủ trì",
                     "Nhiệm vụ phối hợp", "Hạn gửi lại"])
    for form in forms:
        writer.writerow([form.agency_id, form.agency_name,
                         f"bao-cao-{form.agency_id}-{form.period.code}"
                         f"{'.xlsx' if xlsx else '.csv'}", form.period.label,
                         form.rows, form.support, _d(form.return_by)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_new_files(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` into ``directory``: all of them, or none if any exists or fails.

    Raises :class:`FileExistsError` naming the first file already there (nothing written), or
    :class:`OSError` after removing what was written.
    """
    targets = [directory / name for name in files]
    for target in targets:
        if target.exists():
            raise FileExistsError(str(target))
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for target, data in zip(targets, files.values(), strict=True):
            with target.open("xb") as handle:
                handle.write(data)
            written.append(target)
    except OSError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
