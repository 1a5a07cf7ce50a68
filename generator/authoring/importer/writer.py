"""The draft as plan-file text: the layout of the hand-written plans, with each review item as a
``# KIỂM TRA:`` comment on the lines above the value it concerns."""

from __future__ import annotations

import textwrap
from typing import Any

from generator.authoring.editing import yaml_scalar
from generator.authoring.importer.draft import Draft, Path
from generator.authoring.new_plan import SCHEMA_COMMENT


def _comments(draft: Draft, path: Path, indent: int) -> list[str]:
    out: list[str] = []
    pad = " " * indent
    for review in draft.reviews_at(path):
        lines = textwrap.wrap("KIỂM TRA: " + review.text(), width=max(40, 98 - indent),
                              break_long_words=False, break_on_hyphens=False)
        out.append(pad + "# " + lines[0])
        out.extend(pad + "#   " + line for line in lines[1:])
    return out


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _emit(draft: Draft, value: Any, path: Path, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if key.startswith("_"):
                continue
            sub = (*path, key)
            out.extend(_comments(draft, sub, indent))
            if _is_scalar(item):
                out.append(f"{pad}{key}: {yaml_scalar(item)}")
            elif not item:
                out.append(f"{pad}{key}: " + ("[]" if isinstance(item, list) else "{}"))
            else:
                out.append(f"{pad}{key}:")
                _emit(draft, item, sub, indent + 2, out)
    else:
        for i, item in enumerate(value):
            sub = (*path, i)
            out.extend(_comments(draft, sub, indent))
            if _is_scalar(item):
                out.append(f"{pad}- {yaml_scalar(item)}")
                continue
            lines: list[str] = []
            _emit(draft, item, sub, indent + 2, lines)
            # The first line of the item carries the dash.
            for n, line in enumerate(lines):
                if not line.lstrip().startswith("#"):
                    lines[n] = pad + "- " + line[indent + 2:]
                    break
            out.extend(lines)


def draft_text(draft: Draft, source_name: str) -> str:
    """The draft plan file's text."""
    out = [
        SCHEMA_COMMENT,
        f"# BẢN NHÁP do lệnh “congkhai import” tạo từ {source_name}.",
        "# Đối chiếu với văn bản gốc, sửa từng chỗ “KIỂM TRA” rồi xóa dòng chú thích đó;",
        "# sau cùng chạy: congkhai check <tệp này>",
    ]
    out.extend(_comments(draft, (), 0))
    _emit(draft, draft.data, (), 0, out)
    return "\n".join(out) + "\n"
