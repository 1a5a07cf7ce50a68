"""Appending status updates to the tasks of a plan file, leaving the rest of the file as it was.

The text is meant to be read and edited by people, so everything the edit does not have to change
stays exactly as it was. :func:`append_update` (one update) and :func:`add_updates_text` (any
number, for the report-form importer) find the tasks in the node tree that the checker's own YAML
parser composes (PyYAML over libyaml, which keeps the position of every node), insert only the
lines of the new updates at the end of each task (or of its ``updates:`` list), and then read the
result back to prove that the only difference is the new updates. Comments, key order, quoting,
blank lines, line endings and the indentation of the rest of the file are untouched by
construction — a full load-and-dump would reformat any file whose layout differs from the
dumper's settings.

Errors are :class:`EditError` with a Vietnamese message; nothing is written when one is raised.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml as pyyaml
from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.sources import yamlsource
from generator.sources.problems import ProblemList, did_you_mean
from generator.sources.schema import UPDATE
from generator.sources.textnorm import nfc
from generator.sources.vocabulary import UPDATE_STATUS_LABELS, UPDATE_STATUSES

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
    return _string_scalar(str(value))


_STR_TAG = "tag:yaml.org,2002:str"
_DUMPER: type = getattr(pyyaml, "CSafeDumper", pyyaml.SafeDumper)
_LOADER: type = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)
_YAML_12 = VersionedResolver(version=(1, 2))


@functools.lru_cache(maxsize=8192)
def _string_scalar(text: str) -> str:
    """Plain when YAML 1.1 (PyYAML, the checker) and 1.2 (ruamel.yaml) both read it back as
    this same string, double-quoted otherwise (the plans quote with "…", never '…')."""
    if not any(ch in text for ch in "\n\r\t\x85\u2028\u2029"):
        # libyaml decides whether the text can be written plain, and writes it (~30 µs; going
        # through ruamel.yaml's pure-Python dumper took ~1 ms a value).
        rendered = pyyaml.dump({"x": text}, Dumper=_DUMPER, width=1_000_000, allow_unicode=True,
                               default_flow_style=False)
        if rendered.startswith("x: ") and rendered.count("\n") == 1:
            candidate = rendered[3:-1]
            # A plain scalar both readers take for a string (`yes` is a boolean in YAML 1.1,
            # `0o17` an integer in YAML 1.2) and that reads back unchanged.
            if (candidate[:1] not in ("'", '"')
                    and _YAML_12.resolve(RuamelScalarNode, candidate, (True, False)) == _STR_TAG):
                try:
                    if pyyaml.load("x: " + candidate, Loader=_LOADER) == {"x": text}:
                        return candidate
                except pyyaml.YAMLError:
                    pass
    # JSON strings are valid YAML double-quoted scalars, once the characters a YAML file may not
    # hold raw (DEL, C1 controls, U+FFFE/U+FFFF) and those YAML reads as line breaks (NEL, LS,
    # PS) are escaped too.
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


def _compose(text: str, display: str) -> Node:
    """The node tree ``congkhai check`` itself composes (scalars tagged str or null only)."""
    problems = ProblemList()
    node = yamlsource.compose(text, display, problems)
    if problems:
        raise EditError(f"Không đọc được {display} (lỗi cú pháp YAML); chạy congkhai check để "
                        f"xem chi tiết. ({problems[0].message})")
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


def _qualified(parent: str, ident: str) -> str:
    """How a page numbers a task: its id under its section (or parent task), "I" + "1" ->
    "I.1"; an id that already starts with the parent's ("I.1") stays as it is."""
    return ident if not parent or ident.startswith(parent + ".") else f"{parent}.{ident}"


def _tasks(root: Node) -> list[tuple[str, str, MappingNode]]:
    """Every task and subtask mapping of a plan, with its id and its id qualified by its
    section (``I.1`` for a task ``1`` of section ``I``), in file order."""
    out: list[tuple[str, str, MappingNode]] = []

    def visit(items: Node | None, parent: str) -> None:
        if not isinstance(items, SequenceNode):
            return
        for task in items.value:
            ident = _get(task, "id")
            if isinstance(task, MappingNode) and isinstance(ident, ScalarNode):
                qualified = _qualified(parent, nfc(ident.value))
                out.append((nfc(ident.value), qualified, task))
                visit(_get(task, "subtasks"), qualified)

    sections = _get(root, "sections")
    if isinstance(sections, SequenceNode):
        for section in sections.value:
            section_id = _get(section, "id")
            parent = nfc(section_id.value) if isinstance(section_id, ScalarNode) else ""
            visit(_get(section, "tasks"), parent)
    return out


def _resolve(tasks: list[tuple[str, str, MappingNode]], task_id: str, display: str) -> str:
    """The id of the task ``task_id`` names: its own id, or the id qualified by its section
    ("I.1" for a task written ``id: "1"`` under section I, as the plan page numbers it)."""
    if any(ident == task_id for ident, _, _ in tasks):
        return task_id
    found = [ident for ident, qualified, _ in tasks if qualified == task_id]
    if len(found) > 1:
        raise EditError(f"“{task_id}” trỏ tới {len(found)} nhiệm vụ trong {display}; ghi "
                        "đúng số hiệu (id) như trong tệp.")
    if found:
        return found[0]
    ids = [ident for ident, _, _ in tasks]
    hint = did_you_mean(task_id, ids) or (
        "Kế hoạch này chưa có nhiệm vụ nào." if not ids
        else "Số hiệu nhiệm vụ có trong tệp: " + ", ".join(ids[:12])
        + (", …" if len(ids) > 12 else "") + "."
    )
    raise EditError(f"Không có nhiệm vụ “{task_id}” trong {display}. {hint}")


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
    new_text, lines = add_updates_text(text, [(task_id, update)], display)
    return new_text, lines[0]


@dataclass(frozen=True)
class _Edit:
    """Replace ``text[start:end]`` by ``keep``, then the lines of ``header`` and ``block``."""

    start: int
    end: int
    keep: str
    header: list[str]
    block: list[str]


def _task_edit(text: str, task: MappingNode, task_id: str,
               updates_to_add: list[dict[str, Any]]) -> _Edit:
    if task.flow_style:
        raise EditError(f"Nhiệm vụ “{task_id}” được viết trên một dòng dạng {{…}}; hãy viết mỗi "
                        "khóa trên một dòng rồi thử lại.")
    previous: dt.date | None = None
    for update in updates_to_add:
        day: dt.date = update["date"]
        if previous is not None and day < previous:
            raise EditError(
                f"Hai cập nhật mới của nhiệm vụ “{task_id}” không theo thứ tự thời gian "
                f"({previous:%d/%m/%Y} rồi {day:%d/%m/%Y})."
            )
        previous = day

    updates = _get(task, "updates")
    header: list[str] = []
    if isinstance(updates, SequenceNode) and updates.value:
        if updates.flow_style:
            raise EditError(f"Danh sách updates của nhiệm vụ “{task_id}” viết dạng [...]; hãy "
                            "viết mỗi lần cập nhật trên nhiều dòng rồi thử lại.")
        _check_order(updates, updates_to_add[0]["date"], task_id)
        dash_col = updates.start_mark.column
        first = updates.value[0]
        key_col = (first.value[0][0].start_mark.column
                   if isinstance(first, MappingNode) and first.value and not first.flow_style
                   else dash_col + _INDENT)
        at = _line_after(text, _content_end(updates, text))
        start, keep = at, ""
    else:
        task_col = task.value[0][0].start_mark.column
        dash_col, key_col = task_col + _INDENT, task_col + 2 * _INDENT
        if updates is not None:
            # `updates: []`, `updates: null` or an empty value: becomes the block list in place.
            value_start, value_end = updates.start_mark.index, updates.end_mark.index
            if isinstance(updates, ScalarNode) and updates.value == "" and not updates.style:
                # An empty value is marked where the next token starts: use the key's line.
                value_start = value_end = _key_node(task, "updates").end_mark.index
            at = _line_after(text, value_start)
            start = len(text[:value_start].rstrip(" "))
            keep = text[value_end:at]
        else:
            pairs = task.value
            anchor = pairs[-2] if pairs[-1][0].value == "subtasks" and len(pairs) > 1 else pairs[-1]
            at = _line_after(text, _content_end(anchor[1], text))
            start, keep = at, ""
            header = [" " * task_col + "updates:"]
    block = [line for update in updates_to_add
             for line in _update_lines(update, dash_col, key_col)]
    return _Edit(start, at, keep, header, block)


def add_updates_text(text: str, items: list[tuple[str, dict[str, Any]]],
                     display: str = "tệp",
                     check: Callable[[Node], None] | None = None) -> tuple[str, list[int]]:
    """``text`` with every ``(task_id, update)`` of ``items`` appended to its task, in one pass.

    Updates of one task are appended in the order given (their dates must not go backwards).
    The file is parsed once and read back once, so adding hundreds of updates to a plan costs
    about as much as adding one. ``check``, if given, is called with the new text's node tree
    once it is verified (to validate it without parsing it again; it raises to refuse). Returns
    the new text and, for each item, the 1-based line where its update starts. Raises
    :class:`EditError` (nothing changed) as :func:`add_update_text`.
    """
    root = _compose(text, display)
    tasks = _tasks(root)
    nodes: dict[str, MappingNode] = {}
    for ident, _, node in tasks:
        nodes.setdefault(ident, node)
    grouped: dict[str, list[int]] = {}
    resolved: list[str] = []
    for i, (task_id, _update) in enumerate(items):
        ident = _resolve(tasks, nfc(str(task_id).strip()), display)
        resolved.append(ident)
        grouped.setdefault(ident, []).append(i)
    edits = sorted(
        ((_task_edit(text, nodes[ident], ident, [items[i][1] for i in indices]), indices)
         for ident, indices in grouped.items()),
        key=lambda pair: pair[0].start,
    )

    newline = "\r\n" if "\r\n" in text else "\n"
    pieces: list[str] = []
    newlines = 0
    ends_line = True  # the text written so far is empty or ends with a line break
    position = 0
    first_lines = [0] * len(items)
    for edit, indices in edits:
        if edit.start < position:
            raise EditError(f"Không thể thêm cập nhật vào {display}: hai nhiệm vụ chồng lên nhau "
                            "trong tệp; hãy thêm bằng tay.")
        for piece in (text[position:edit.start], edit.keep):
            if piece:
                pieces.append(piece)
                newlines += piece.count("\n")
                ends_line = piece.endswith("\n")
        if not ends_line:
            pieces.append(newline)
            newlines += 1
        line = newlines + 1 + len(edit.header)
        for i in indices:
            first_lines[i] = line
            line += len(_update_lines(items[i][1], 0, 2))
        added = newline.join([*edit.header, *edit.block]) + newline
        pieces.append(added)
        newlines += added.count("\n")
        ends_line = True
        position = edit.end
    pieces.append(text[position:])
    new_text = "".join(pieces)

    targets = {id(nodes[ident]): ident for ident in grouped}
    new_root = _verify(root, new_text, [(ident, u) for ident, (_, u) in zip(resolved, items,
                                                                            strict=True)],
                       targets, display)
    if check is not None:
        check(new_root)
    return new_text, first_lines


def _verify(old_root: Node, new: str, items: list[tuple[str, dict[str, Any]]],
            targets: dict[int, str], display: str) -> Node:
    """The new text must read as the old one plus exactly the new updates.

    Both node trees, composed by the checker's own parser, must be equal except that each
    changed task (``targets``: its node in the old tree, by ``id()``) has an ``updates`` list
    that ends with the new updates, whose keys and scalar texts must be exactly the records
    given. Comparing trees instead of loading both texts whole costs a third as much, and proves
    as much.
    """
    expected: dict[str, list[dict[str, Any]]] = {}
    for task_id, update in items:
        expected.setdefault(task_id, []).append(dict(update))
    new_root = yamlsource.compose(new, display, ProblemList())
    seen: set[str] = set()
    if new_root is None or not _same(old_root, new_root, expected, targets, seen) \
            or seen != set(expected):
        raise EditError(f"Không thể thêm cập nhật vào {display} mà vẫn giữ nguyên phần còn lại "
                        "của tệp (cách viết của nhiệm vụ này khác thường); hãy thêm bằng tay.")
    return new_root


def _same(old: Node, new: Node, expected: dict[str, list[dict[str, Any]]],
          targets: dict[int, str], seen: set[str]) -> bool:
    if type(old) is not type(new) or old.tag != new.tag:
        return False
    if isinstance(old, ScalarNode):
        return old.value == new.value
    if isinstance(old, SequenceNode):
        return len(old.value) == len(new.value) and all(
            _same(a, b, expected, targets, seen) for a, b in zip(old.value, new.value, strict=True))
    task_id = targets.get(id(old))
    if task_id is None:
        return len(old.value) == len(new.value) and all(
            _same(ka, kb, expected, targets, seen) and _same(va, vb, expected, targets, seen)
            for (ka, va), (kb, vb) in zip(old.value, new.value, strict=True))
    seen.add(task_id)
    rest_old = [(k, v) for k, v in old.value if not (isinstance(k, ScalarNode)
                                                     and k.value == "updates")]
    rest_new = [(k, v) for k, v in new.value if not (isinstance(k, ScalarNode)
                                                     and k.value == "updates")]
    if len(rest_old) != len(rest_new) or not all(
            _same(ka, kb, expected, targets, seen) and _same(va, vb, expected, targets, seen)
            for (ka, va), (kb, vb) in zip(rest_old, rest_new, strict=True)):
        return False
    before, after = _get(old, "updates"), _get(new, "updates")
    kept = before.value if isinstance(before, SequenceNode) else []
    if not isinstance(after, SequenceNode) or len(after.value) != len(kept) + len(
            expected[task_id]):
        return False
    if not all(_same(a, b, expected, targets, seen)
               for a, b in zip(kept, after.value, strict=False)):
        return False
    added = after.value[len(kept):]
    return all(_reads_as(node, update) for node, update in zip(added, expected[task_id],
                                                                  strict=True))


def _reads_as(node: Node, update: dict[str, Any]) -> bool:
    """An update written by :func:`_update_lines`: the same keys, in order, and values."""
    if not isinstance(node, MappingNode) or len(node.value) != len(update):
        return False
    for (key, value), (name, wanted) in zip(node.value, update.items(), strict=True):
        text = (wanted.isoformat() if isinstance(wanted, dt.date) else
                ("true" if wanted else "false") if isinstance(wanted, bool) else
                repr(wanted) if isinstance(wanted, int | float) else str(wanted))
        if not (isinstance(key, ScalarNode) and key.value == name
                and isinstance(value, ScalarNode) and value.value == text):
            return False
    return True


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
    "AppendedUpdate",
    "EditError",
    "add_update_text",
    "add_updates_text",
    "append_update",
    "build_update",
    "yaml_scalar",
]
