"""Saying what an import found and did: for people, for GitHub annotations, for tools (JSON).

Pure functions from an :class:`~.importing.ImportPlan` to text; the command prints them. Messages
quote what the forms hold (cell values, sheet and file names), so, as for the problems of
``congkhai check``, every character that could act on a terminal (C0 and C1 controls, bidi
overrides, zero-width characters) is shown as an escape
(:func:`generator.sources.report.terminal_safe`, :func:`~generator.sources.report.json_safe`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.authoring.report_forms.applying import Written
from generator.authoring.report_forms.records import ImportPlan, Message
from generator.sources.report import json_safe, terminal_safe
from generator.sources.vocabulary import UPDATE_STATUS_NAMES


def _inert(text: str) -> str:
    """``text`` with its line breaks kept and everything else that could act on a terminal
    shown as an escape."""
    return "\n".join(terminal_safe(line) for line in text.split("\n"))


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _place(m: Message) -> str:
    return f"{m.file} — {m.where}" if m.where else m.file


def update_text(update: dict) -> str:
    """``20/11/2026 Đang thực hiện, 90% — “ghi chú…”``."""
    text = f"{update['date']:%d/%m/%Y} {UPDATE_STATUS_NAMES[update['status']]}"
    if update.get("progress") is not None:
        text += f", {update['progress']}%"
    said = update.get("reason") or update.get("note")
    if said:
        text += f" — “{_short(said, 60)}”"
    if update.get("evidence"):
        text += " [có minh chứng]"
    return text


def format_problems(problems: Sequence[Message]) -> str:
    """Each problem with its place, the value found and what to do."""
    blocks = []
    for m in problems:
        lines = [f"{_place(m)}: lỗi [{m.code}] {m.message}"]
        if m.value:
            lines.append(f"  Giá trị: {_short(m.value, 100)}")
        if m.hint:
            lines.append(f"  Cách sửa: {m.hint}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def format_human(plan: ImportPlan, dry_run: bool, problems: bool = True) -> tuple[str, str]:
    """(stdout, stderr) text for people; ``problems=False`` leaves the problems out (they were
    printed as GitHub annotations) but keeps the count."""
    out: list[str] = []
    files = len(plan.forms)
    out.append(f"Đọc {files} tệp:")
    for form in plan.forms:
        if form.agency is None:
            out.append(f"  {form.file}: không đọc được (xem lỗi)")
            continue
        period = form.period.label if form.period else "?"
        out.append(f"  {form.file}: {form.agency_name}, {period} — {form.rows} nhiệm vụ, "
                   f"{form.filled} dòng có số liệu")
    if plan.notices:
        out.append("")
        out.append("Lưu ý (đã hiểu như sau, xem lại nếu chưa đúng):")
        out += [f"  {_place(m)}: {m.message}" for m in plan.notices]
    if plan.skipped:
        out.append("")
        out.append(f"Bỏ qua {len(plan.skipped)} dòng:")
        out += [f"  {_place(m)}: {m.message}" for m in plan.skipped]
    err = ""
    if plan.problems:
        files_with = len({m.file for m in plan.problems})
        err = ((format_problems(plan.problems) + "\n\n" if problems else "")
               + f"Không ghi gì: {len(plan.problems)} lỗi trong {files_with} tệp. Sửa (hoặc đề "
               "nghị cơ quan sửa) rồi nhập lại; không tệp kế hoạch nào bị thay đổi.")
        return _inert("\n".join(out)), _inert(err)
    out.append("")
    if not plan.changes:
        out.append("Không có cập nhật mới nào để ghi.")
        return _inert("\n".join(out)), err
    by_file: dict[str, list] = {}
    for change in plan.changes:
        by_file.setdefault(change.plan_file, []).append(change)
    verb = "Sẽ ghi" if dry_run else "Ghi"
    out.append(f"{verb} {len(plan.changes)} cập nhật vào {len(by_file)} tệp kế hoạch:")
    for plan_file, changes in by_file.items():
        out.append(f"  {plan_file}")
        for c in changes:
            forced = " (--force)" if c.forced else ""
            out.append(f"    {c.task_id} ← {update_text(c.update)}{forced}  "
                       f"[{c.source} {c.where}]")
    return _inert("\n".join(out)), err


def format_written(written: Sequence[Written]) -> str:
    """What was written, and what to do next."""
    count = sum(len(w.lines) for w in written)
    return (f"Đã ghi {count} cập nhật vào {len(written)} tệp kế hoạch; các tệp mới đã qua kiểm "
            "tra của congkhai check.\nTiếp theo: xem lại thay đổi (git diff), rồi mở pull "
            "request như mọi lần sửa dữ liệu.")


def _escape(text: str) -> str:
    return terminal_safe(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def format_github(plan: ImportPlan) -> str:
    """GitHub Actions workflow commands: problems as errors, notices as notices."""
    lines = []
    for kind, messages in (("error", plan.problems), ("notice", plan.notices)):
        for m in messages:
            text = f"{m.where}: {m.message}" if m.where else m.message
            if m.value:
                text += f" Giá trị: {m.value}."
            if m.hint:
                text += f" Cách sửa: {m.hint}"
            lines.append(f"::{kind} file={_escape_property(m.file)},"
                         f"title={_escape_property(m.code)}::{_escape(text)}")
    return "\n".join(lines)


def format_json(plan: ImportPlan, dry_run: bool, written: Sequence[Written] = ()) -> str:
    """Everything as one JSON object, for tools."""
    text = json.dumps({
        "dry_run": dry_run,
        "forms": [{"file": f.file, "agency": f.agency,
                   "period": f.period.code if f.period else None, "rows": f.rows,
                   "filled": f.filled} for f in plan.forms],
        "changes": [c.as_dict() for c in plan.changes],
        "skipped": [m.as_dict() for m in plan.skipped],
        "notices": [m.as_dict() for m in plan.notices],
        "problems": [m.as_dict() for m in plan.problems],
        "written": [{"file": w.path, "lines": list(w.lines)} for w in written],
    }, ensure_ascii=False, indent=2)
    return json_safe(text)
