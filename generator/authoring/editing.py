"""Appending a status update to a task of a plan file, leaving the rest of the file as it was.

The text is meant to be read and edited by people, so everything the edit does not have to change
stays exactly as it was. :func:`append_update` finds the task with ruamel.yaml's round-trip
parser (which keeps the position of every node), inserts only the lines of the new update at the
end of the task (or of its ``updates:`` list), and then reads the result back with ruamel.yaml to
prove that the only difference is the new update. Comments, key order, quoting, blank lines,
line endings and the indentation of the rest of the file are untouched by construction — a full
load-and-dump would reformat any file whose layout differs from the dumper's settings.

Errors are :class:`EditError` with a Vietnamese message; nothing is written when one is raised.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.sources.problems import did_you_mean
from generator.sources.schema import UPDATE
from generator.sources.textnorm import nfc
from generator.sources.vocabulary import DOCUMENT_TYPE_LABELS, UPDATE_STATUS_LABELS, UPDATE_STATUSES

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/plan.schema.json"

# The kind code of a plan id for each document type: khanh-hoa-qd-4034-2017.
DOCUMENT_TYPE_CODES = {
    "quyet-dinh": "qd",
    "ke-hoach": "kh",
    "chi-thi": "ct",
    "nghi-quyet": "nq",
    "cong-van": "cv",
    "khac": "vb",
}

_INDENT = 2


class EditError(ValueError):
    """An edit that was refused; the message is Vietnamese and says what to do."""


# --- values as YAML text ---------------------------------------------------------------------


def yaml_scalar(value: Any) -> str:
    """``value`` written as a one-line YAML scalar that YAML 1.1 and 1.2 readers agree on."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if not any(ch in text for ch in "\n\r\t\x85\u2028\u2029"):
        dumper = YAML()
        dumper.width = 1_000_000
        buf = io.StringIO()
        dumper.dump({"x": text}, buf)
        rendered = buf.getvalue()
        if rendered.startswith("x: ") and rendered.count("\n") == 1:
            candidate = rendered[3:-1]
            if candidate.startswith("'"):  # the plans quote with "…"; so do we
                return json.dumps(text, ensure_ascii=False)
            # PyYAML (YAML 1.1, used by the checker) must read the same string: `yes`, `on`…
            try:
                if pyyaml.safe_load("x: " + candidate) == {"x": text}:
                    return candidate
            except pyyaml.YAMLError:
                pass
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


def _parse_day(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise EditError(
            f"{what} “{value}” không phải ngày hợp lệ; viết theo dạng YYYY-MM-DD."
        ) from None


def _check_url(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    text = value.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and " " not in text:
        return text
    raise EditError(
        f"{what} “{value[:80]}” không hợp lệ: chỉ chấp nhận địa chỉ đầy đủ bắt đầu bằng https:// "
        "hoặc http://."
    )


def _text(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    text = nfc(str(value)).strip()
    if not text:
        raise EditError(f"{what} đang rỗng; bỏ trống thì đừng ghi trường này.")
    return text


# --- a status update -------------------------------------------------------------------------


@dataclass(frozen=True)
class AppendedUpdate:
    """Where :func:`append_update` put the new update."""

    path: Path
    task_id: str
    line: int


def _rt_yaml() -> YAML:
    loader = YAML(typ="rt")
    loader.preserve_quotes = True
    return loader


def _compose(text: str, display: str) -> Node:
    try:
        node = _rt_yaml().compose(text)
    except YAMLError as exc:
        raise EditError(f"Không đọc được {display} (lỗi cú pháp YAML); chạy congkhai check để "
                        f"xem chi tiết. ({str(exc).splitlines()[0]})") from None
    if not isinstance(node, MappingNode):
        raise EditError(f"{display} không phải một kế hoạch (cần một bảng khóa–giá trị).")
    return node


def _get(node: Node, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return value_node
    return None


def _key_node(node: MappingNode, key: str) -> Node:
    return next(k for k, _v in node.value if isinstance(k, ScalarNode) and k.value == key)


def _tasks(root: Node) -> list[tuple[str, MappingNode]]:
    """Every task and subtask mapping of a plan, with its id, in file order."""
    out: list[tuple[str, MappingNode]] = []

    def visit(items: Node | None) -> None:
        if not isinstance(items, SequenceNode):
            return
        for task in items.value:
            ident = _get(task, "id")
            if isinstance(task, MappingNode) and isinstance(ident, ScalarNode):
                out.append((nfc(ident.value), task))
                visit(_get(task, "subtasks"))

    sections = _get(root, "sections")
    if isinstance(sections, SequenceNode):
        for section in sections.value:
            visit(_get(section, "tasks"))
    return out


def _content_end(node: Node, text: str) -> int:
    """Index just after the last character written for ``node`` (trailing blanks excluded)."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _line_after(text: str, index: int) -> int:
    """Index of the start of the line after the one containing ``index`` (or ``len(text)``)."""
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _check_order(updates: SequenceNode, day: dt.date, task_id: str) -> None:
    last = _get(updates.value[-1], "date")
    if not isinstance(last, ScalarNode):
        return
    try:
        last_day = dt.date.fromisoformat(last.value.strip())
    except ValueError:
        return
    if day < last_day:
        raise EditError(
            f"Ngày cập nhật {day:%d/%m/%Y} trước lần cập nhật gần nhất của nhiệm vụ “{task_id}” "
            f"({last_day:%d/%m/%Y}); các lần cập nhật phải theo thứ tự thời gian."
        )


def _update_lines(update: dict[str, Any], dash_col: int, key_col: int) -> list[str]:
    lines = []
    for i, (key, value) in enumerate(update.items()):
        lead = " " * dash_col + "-" + " " * (key_col - dash_col - 1) if i == 0 else " " * key_col
        lines.append(f"{lead}{key}: {yaml_scalar(value)}")
    return lines


def _safe_load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def _find_task(data: Any, task_id: str) -> dict[str, Any] | None:
    for section in (data or {}).get("sections") or []:
        stack = list(section.get("tasks") or [])
        while stack:
            task = stack.pop(0)
            if nfc(str(task.get("id"))) == task_id:
                return task
            stack[:0] = task.get("subtasks") or []
    return None


def build_update(
    date: dt.date | str,
    status: str,
    progress: int | None = None,
    note: str | None = None,
    evidence: str | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """A checked update record, keys in the declared order, unset ones left out."""
    day = _parse_day(date, "Ngày cập nhật")
    if status not in UPDATE_STATUSES:
        raise EditError(
            f"Tình trạng “{status}” không hợp lệ. "
            + (did_you_mean(status, UPDATE_STATUSES) or "Chọn một trong: " + ", ".join(
                f"{v} ({label})" for v, label in zip(UPDATE_STATUSES, UPDATE_STATUS_LABELS,
                                                     strict=True)) + ".")
        )
    if progress is not None and (
        isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100
    ):
        raise EditError(f"Tiến độ “{progress}” không hợp lệ: ghi số nguyên từ 0 đến 100.")
    if status == "hoan-thanh" and progress not in (None, 100):
        raise EditError(f"Trạng thái hoàn thành nhưng tiến độ là {progress}%; ghi 100 hoặc bỏ "
                        "trống tiến độ.")
    note = _text(note, "Ghi chú")
    reason = _text(reason, "Lý do")
    evidence = _check_url(_text(evidence, "Đường dẫn minh chứng"), "Đường dẫn minh chứng")
    if status in ("tam-dung", "huy") and not reason:
        raise EditError("Tạm dừng hoặc hủy nhiệm vụ phải nêu lý do (reason).")
    values = {"date": day, "status": status, "progress": progress, "note": note,
              "evidence": evidence, "reason": reason}
    return {f.name: values[f.name] for f in UPDATE.fields if values.get(f.name) is not None}


def add_update_text(text: str, task_id: str, update: dict[str, Any],
                    display: str = "tệp") -> tuple[str, int]:
    """``text`` with ``update`` (from :func:`build_update`) appended to the task ``task_id``.

    Returns the new text and the 1-based line of the update's first line.
    """
    task_id = nfc(str(task_id).strip())
    root = _compose(text, display)
    tasks = _tasks(root)
    found = [node for ident, node in tasks if ident == task_id]
    if not found:
        ids = [ident for ident, _ in tasks]
        hint = did_you_mean(task_id, ids) or (
            "Kế hoạch này chưa có nhiệm vụ nào." if not ids
            else "Số hiệu nhiệm vụ có trong tệp: " + ", ".join(ids[:12])
            + (", …" if len(ids) > 12 else "") + "."
        )
        raise EditError(f"Không có nhiệm vụ “{task_id}” trong {display}. {hint}")
    task = found[0]
    if task.flow_style:
        raise EditError(f"Nhiệm vụ “{task_id}” được viết trên một dòng dạng {{…}}; hãy viết mỗi "
                        "khóa trên một dòng rồi thử lại.")
    newline = "\r\n" if "\r\n" in text else "\n"
    day: dt.date = update["date"]

    updates = _get(task, "updates")
    header: list[str] = []
    if isinstance(updates, SequenceNode) and updates.value:
        if updates.flow_style:
            raise EditError(f"Danh sách updates của nhiệm vụ “{task_id}” viết dạng [...]; hãy "
                            "viết mỗi lần cập nhật trên nhiều dòng rồi thử lại.")
        _check_order(updates, day, task_id)
        dash_col = updates.start_mark.column
        first = updates.value[0]
        key_col = (first.value[0][0].start_mark.column
                   if isinstance(first, MappingNode) and first.value and not first.flow_style
                   else dash_col + _INDENT)
        at = _line_after(text, _content_end(updates, text))
        head = text[:at]
    else:
        task_col = task.value[0][0].start_mark.column
        dash_col, key_col = task_col + _INDENT, task_col + 2 * _INDENT
        if updates is not None:
            # `updates: []`, `updates: null` or an empty value: becomes the block list in place.
            start, end = updates.start_mark.index, updates.end_mark.index
            if isinstance(updates, ScalarNode) and updates.value == "" and not updates.style:
                # An empty value is marked where the next token starts: use the key's line.
                start = end = _key_node(task, "updates").end_mark.index
            at = _line_after(text, start)
            head = text[:start].rstrip(" ") + text[end:at]
        else:
            pairs = task.value
            anchor = pairs[-2] if pairs[-1][0].value == "subtasks" and len(pairs) > 1 else pairs[-1]
            at = _line_after(text, _content_end(anchor[1], text))
            head = text[:at]
            header = [" " * task_col + "updates:"]
    if head and not head.endswith("\n"):
        head += newline
    block = [*header, *_update_lines(update, dash_col, key_col)]
    new_text = head + newline.join(block) + newline + text[at:]
    first_line = head.count("\n") + 1 + len(header)

    _verify(text, new_text, task_id, update, display)
    return new_text, first_line


def _verify(old: str, new: str, task_id: str, update: dict[str, Any], display: str) -> None:
    """The new text must read as the old one plus exactly the new update."""
    try:
        before, after = _safe_load(old), _safe_load(new)
    except YAMLError:
        before = after = None
    expected_task = _find_task(before, task_id)
    if expected_task is not None:
        expected_task.setdefault("updates", [])
        if expected_task["updates"] is None:
            expected_task["updates"] = []
        expected_task["updates"].append(dict(update))
    if before is None or expected_task is None or before != after:
        raise EditError(f"Không thể thêm cập nhật vào {display} mà vẫn giữ nguyên phần còn lại "
                        "của tệp (cách viết của nhiệm vụ này khác thường); hãy thêm bằng tay.")


def append_update(
    path: Path,
    task_id: str,
    date: dt.date | str,
    status: str,
    progress: int | None = None,
    note: str | None = None,
    evidence: str | None = None,
    reason: str | None = None,
) -> AppendedUpdate:
    """Append a status update to task (or subtask) ``task_id`` of the plan file at ``path``.

    Only the lines of the new update are added (and an ``updates:`` line when the task had none);
    the rest of the file is left byte for byte as it was. Refused, with a Vietnamese
    :class:`EditError` and nothing written: an unknown task id, a date before the task's last
    update, and values ``congkhai check`` would reject in an update (status, progress, evidence,
    missing reason for tam-dung/huy).
    """
    path = Path(path)
    update = build_update(date, status, progress, note, evidence, reason)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EditError(f"Không đọc được {path}: {exc.strerror}.") from None
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EditError(f"{path} không phải văn bản UTF-8.") from None
    new_text, line = add_update_text(text, task_id, update, path.name)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8"))
    return AppendedUpdate(path, nfc(str(task_id).strip()), line)


__all__ = [
    "DOCUMENT_TYPE_CODES",
    "DOCUMENT_TYPE_LABELS",
    "AppendedUpdate",
    "EditError",
    "add_update_text",
    "append_update",
    "build_update",
    "yaml_scalar",
]
