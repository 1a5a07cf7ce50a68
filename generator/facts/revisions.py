"""What changed between two versions of a plan file, in Vietnamese, for the public history.

A plan page's history tells readers what changed in the data (a progress report added, a
task's output corrected, the plan added), computed from the data itself; the commit that made
the change is only a reference. The versions are read as plain YAML, not validated: an old
version may not satisfy today's format, and the history must still say something true about it.

Pure functions: :mod:`generator.facts.history` reads the versions from git.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from generator.sources.fieldnames import (
    DOCUMENT_FIELDS,
    OBJECTIVE_FIELDS,
    PLAN_FIELDS,
    SECTION_FIELDS,
    TASK_FIELDS,
)
from generator.sources.vocabulary import UPDATE_STATUS_NAMES

# Lines shown per change; the rest are counted ("… và 12 thay đổi khác").
MAX_LINES = 12
QUOTE_CHARS = 90

UNREADABLE = "Phiên bản này của tệp dữ liệu có lỗi cú pháp nên không đọc được."
FORMAT_ONLY = "Chỉ sửa cách trình bày tệp dữ liệu; nội dung không đổi."

Raw = Mapping[str, Any]


def quote(value: Any) -> str:
    """A value as the history quotes it: “text” (shortened), dates dd/mm/yyyy, "không nêu"."""
    if value is None or value == [] or value == {}:
        return "không nêu"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int | float):
        return str(value).replace(".", ",")
    text = _plain(value)
    return "nội dung khác" if text is None else _shortened(text, 0)


def _plain(value: Any) -> str | None:
    """The words a value is quoted by, spacing collapsed; None for a value without words."""
    if _is_texts(value):
        text = "; ".join(value)
    elif isinstance(value, Mapping) and isinstance(value.get("text"), str):
        text = value["text"]  # a deadline or an effective date written {text, …}
    elif isinstance(value, Mapping) and isinstance(value.get("agency"), str):
        text = value["agency"]  # an agency with the reason it was derived
    elif isinstance(value, str):
        text = value
    else:
        return None
    return " ".join(text.split())


def _shortened(text: str, start: int) -> str:
    """``text`` quoted from ``start`` (moved back to a word's beginning), at most QUOTE_CHARS
    characters, with "…" where something was left out."""
    if start > 0:
        start = text.rfind(" ", 0, start) + 1
    head = "…" if start > 0 else ""
    rest = text[start:]
    if len(head) + len(rest) > QUOTE_CHARS:
        rest = rest[: QUOTE_CHARS - 1 - len(head)].rstrip() + "…"
    return f"“{head}{rest}”"


def _is_texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _count(items: Any) -> int:
    return len(items) if isinstance(items, list) else 0


def _tasks(plan: Raw) -> dict[str, Raw]:
    """Every task and subtask by id, in file order."""
    out: dict[str, Raw] = {}
    for section in plan.get("sections") or []:
        if not isinstance(section, Mapping):
            continue
        for task in section.get("tasks") or []:
            if isinstance(task, Mapping) and task.get("id") is not None:
                out[str(task["id"])] = task
                for sub in task.get("subtasks") or []:
                    if isinstance(sub, Mapping) and sub.get("id") is not None:
                        out[str(sub["id"])] = sub
    return out


def _by_id(items: Any) -> dict[str, Raw]:
    return {str(i["id"]): i for i in items or [] if isinstance(i, Mapping) and "id" in i}


# Fields that hold registry ids: the history names the agency or area instead.
_REFERENCES = frozenset({"lead", "support", "area", "issuer", "agency"})


def _named(value: Any, names: Mapping[str, str]) -> Any:
    """``value`` (an id, a list of ids, an {agency, derived} mapping) with ids made names."""
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, Mapping) and isinstance(value.get("agency"), str):
        return names.get(value["agency"], value["agency"])
    if isinstance(value, list):
        return [_named(v, names) for v in value]
    return value


def _changed(label: str, old: Any, new: Any) -> str:
    if old is None or old == []:
        return f"ghi {label}: {quote(new)}"
    if new is None or new == []:
        return f"bỏ {label} {quote(old)}"
    if _is_texts(old) and _is_texts(new):
        # A list (the coordinating agencies): who joined and who left, rather than two long
        # quotes that shortening could make look the same.
        added = [v for v in new if v not in old]
        removed = [v for v in old if v not in new]
        parts = ([f"thêm {label} {quote(added)}"] if added else []) + (
            [f"bỏ {label} {quote(removed)}"] if removed else [])
        return ", ".join(parts) if parts else f"sửa thứ tự {label}"
    before, after = quote(old), quote(new)
    if before != after:
        return f"sửa {label} từ {before} thành {after}"
    a, b = _plain(old), _plain(new)
    if a is None or b is None or a == b:
        # Same words: spacing, or what is not quoted (the reason an agency was derived).
        return f"sửa cách ghi {label} {before}"
    # Long texts that differ after the shortened part: quote them from just before the change.
    first = next(i for i, (x, y) in enumerate(zip(a + "\0", b + "\0", strict=False)) if x != y)
    start = max(0, first - QUOTE_CHARS // 3)
    return f"sửa {label} từ {_shortened(a, start)} thành {_shortened(b, start)}"


def _report(update: Any) -> str:
    """A progress report in words: "ngày 12/05/2026 (Đang thực hiện, 50%)"."""
    if not isinstance(update, Mapping):
        return ""
    day = update.get("date")
    status = UPDATE_STATUS_NAMES.get(str(update.get("status")), str(update.get("status")))
    progress = update.get("progress")
    return (f"ngày {quote(day)} ({status}" + (f", {progress}%" if progress is not None else "")
            + ")")


def _dated_entries(what: str, old: Any, new: Any) -> Iterator[str]:
    """Reports (or measurements) added, removed or corrected, matched by position."""
    before = old if isinstance(old, list) else []
    after = new if isinstance(new, list) else []
    for i in range(max(len(before), len(after))):
        if i >= len(before):
            yield f"thêm {what} {_report(after[i])}".rstrip()
        elif i >= len(after):
            yield f"bỏ {what} {_report(before[i])}".rstrip()
        elif before[i] != after[i]:
            yield f"sửa {what} {_report(after[i])}".rstrip()


def _measurements(old: Any, new: Any) -> Iterator[str]:
    before = old if isinstance(old, list) else []
    after = new if isinstance(new, list) else []
    for i in range(max(len(before), len(after))):
        entry = after[i] if i < len(after) else before[i]
        day = quote(entry.get("date")) if isinstance(entry, Mapping) else ""
        if i >= len(before):
            yield f"thêm kết quả đo ngày {day}"
        elif i >= len(after):
            yield f"bỏ kết quả đo ngày {day}"
        elif before[i] != after[i]:
            yield f"sửa kết quả đo ngày {day}"


def _objectives(old: Any, new: Any, where: str) -> Iterator[str]:
    """Sentences about objectives, each starting with ``where`` ("Nhiệm vụ I.1, " or "")."""
    before, after = _by_id(old), _by_id(new)
    for key, obj in after.items():
        if key not in before:
            yield _sentence(f"{where}thêm mục tiêu {key}: {quote(obj.get('text'))}")
            continue
        for field, label in OBJECTIVE_FIELDS.items():
            a, b = before[key].get(field), obj.get(field)
            if a != b:
                what = _changed(label, a, b) if field == "text" else f"sửa {label}"
                yield _sentence(f"{where}mục tiêu {key}: {what}")
        for line in _measurements(before[key].get("updates"), obj.get("updates")):
            yield _sentence(f"{where}mục tiêu {key}: {line}")
    for key in before:
        if key not in after:
            yield _sentence(f"{where}bỏ mục tiêu {key}")


def _task(task_id: str, old: Raw, new: Raw, names: Mapping[str, str]) -> Iterator[str]:
    prefix = f"Nhiệm vụ {task_id}: "
    for field, label in TASK_FIELDS.items():
        a, b = old.get(field), new.get(field)
        if field == "objectives":
            yield from (line[:-1] for line in _objectives(a, b, f"Nhiệm vụ {task_id}, "))
        elif a != b:
            if field in _REFERENCES:
                a, b = _named(a, names), _named(b, names)
            yield prefix + _changed(label, a, b)
    for line in _dated_entries("báo cáo tiến độ", old.get("updates"), new.get("updates")):
        yield prefix + line


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _document(old: Raw, new: Raw, names: Mapping[str, str]) -> Iterator[str]:
    for field, label in DOCUMENT_FIELDS.items():
        a, b = old.get(field), new.get(field)
        if a == b:
            continue
        if field in _REFERENCES:
            a, b = _named(a, names), _named(b, names)
        if field == "signer" and isinstance(a, Mapping | None) and isinstance(b, Mapping | None):
            a, b = (a or {}).get("name"), (b or {}).get("name")
            if a == b:
                yield "Sửa thể thức ký của người ký."
                continue
        if field == "source":
            yield "Sửa nguồn văn bản (bản sao, địa chỉ văn bản gốc)."
            continue
        yield _sentence(_changed(label, a, b))


def _plan_fields(old: Raw, new: Raw) -> Iterator[str]:
    for field in ("title", "demo", "period"):
        if old.get(field) != new.get(field):
            a, b = old.get(field), new.get(field)
            if field == "period":
                a, b = (_period(a), _period(b))
            yield _sentence(_changed(PLAN_FIELDS[field], a, b))
    for field in ("notes", "legal_bases", "baselines", "duties", "relations"):
        a, b = old.get(field), new.get(field)
        if a == b:
            continue
        label = PLAN_FIELDS[field]
        added, removed = _count(b) - _count(a), _count(a) - _count(b)
        if added > 0:
            yield f"Thêm {added} mục vào phần {label}."
        elif removed > 0:
            yield f"Bỏ {removed} mục khỏi phần {label}."
        else:
            yield f"Sửa phần {label}."
    yield from _objectives(old.get("objectives"), new.get("objectives"), "")


def _period(value: Any) -> Any:
    if isinstance(value, Mapping):
        return f"{value.get('start')}–{value.get('end')}"
    return value


def _sections(old: Raw, new: Raw, names: Mapping[str, str]) -> Iterator[str]:
    before, after = _by_id(old.get("sections")), _by_id(new.get("sections"))
    for key, section in after.items():
        if key not in before:
            yield f"Thêm mục {key}: {quote(section.get('title'))}."
            continue
        for field, label in SECTION_FIELDS.items():
            a, b = before[key].get(field), section.get(field)
            if a != b:
                if field in _REFERENCES:
                    a, b = _named(a, names), _named(b, names)
                yield f"Mục {key}: {_changed(label, a, b)}."
    for key in before:
        if key not in after:
            yield f"Bỏ mục {key}."


def describe(old: Raw | None, new: Raw | None,
             names: Mapping[str, str] | None = None) -> list[str]:
    """What changed from ``old`` to ``new`` (parsed plan files; None: no such version), in
    Vietnamese sentences, most important first. ``names`` gives the agencies' and areas' names
    by id, so that a reader sees names, not ids."""
    names = names or {}
    if new is None:
        return ["Gỡ kế hoạch khỏi trang."] if old is not None else []
    tasks_new = _tasks(new)
    if old is None:
        number = (new.get("document") or {}).get("number")
        return ["Đưa kế hoạch lên trang"
                + (f" (văn bản số {number})" if number else "")
                + f": {len(tasks_new)} nhiệm vụ."]
    lines: list[str] = []
    lines += _document(old.get("document") or {}, new.get("document") or {}, names)
    lines += _plan_fields(old, new)
    lines += _sections(old, new, names)
    tasks_old = _tasks(old)
    for task_id, task in tasks_new.items():
        if task_id not in tasks_old:
            lines.append(f"Thêm nhiệm vụ {task_id}: {quote(task.get('title'))}.")
        else:
            lines += [line + "." for line in _task(task_id, tasks_old[task_id], task, names)]
    lines += [f"Bỏ nhiệm vụ {task_id}." for task_id in tasks_old if task_id not in tasks_new]
    if not lines:
        return [FORMAT_ONLY]
    if len(lines) > MAX_LINES:
        rest = len(lines) - (MAX_LINES - 1)
        lines = [*lines[: MAX_LINES - 1], f"… và {rest} thay đổi khác."]
    return lines
