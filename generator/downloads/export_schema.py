"""The JSON Schema of the export contract, and the field documentation made from it.

Both come from the declarations in :mod:`generator.downloads.export`. Published as
``schemas/export.schema.json`` and ``du-lieu/congkhai.schema.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.common.dataset import EXPORT_VERSION, FieldDoc, SectionDoc
from generator.common.serialise import pretty_json_bytes
from generator.downloads.contract import json_schema
from generator.downloads.export import CORPUS, DEFS_ORDER

EXPORT_SCHEMA_FILE = Path("schemas") / "export.schema.json"


def export_schema(strict: bool = False) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of :func:`generator.downloads.export.export_json` and of the
    per-plan files, made from the same declarations as the export.

    The published schema allows keys it does not list, because the contract only ever adds
    keys within a version; ``strict=True`` forbids them, so that the tests notice a key the
    schema does not document yet.
    """
    return json_schema(CORPUS, f"Hợp đồng xuất dữ liệu congkhai, phiên bản {EXPORT_VERSION}",
                       DEFS_ORDER, strict)


def export_schema_bytes() -> bytes:
    """The published schema file (``schemas/export.schema.json``, ``du-lieu/congkhai.schema.json``).
    """
    return pretty_json_bytes(export_schema())


def write_export_schema(root: Path) -> Path:
    """Write ``schemas/export.schema.json`` under ``root`` when it changed; return its path."""
    path = root / EXPORT_SCHEMA_FILE
    data = export_schema_bytes()
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def _schema_fields(schema: Mapping[str, Any], node: Mapping[str, Any]) -> list[dict[str, str]]:
    """Name, type and description of each property of one object of the schema."""
    out = []
    for name, prop in node["properties"].items():
        if "$ref" in prop or "anyOf" in prop:
            target = prop.get("$ref") or prop["anyOf"][0]["$ref"]
            kind = "đối tượng " + target.rsplit("/", 1)[-1]
        elif prop.get("type") == "array":
            items = prop["items"]
            inner = items.get("$ref", "").rsplit("/", 1)[-1] or _type_name(items)
            kind = f"danh sách {inner}"
        else:
            kind = _type_name(prop)
        out.append({"name": name, "type": kind, "description": prop.get("description", "")})
    return out


def _type_name(prop: Mapping[str, Any]) -> str:
    kinds = prop.get("type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    names = {"string": "chuỗi", "integer": "số nguyên", "number": "số", "boolean": "true/false",
             "object": "đối tượng", "null": "null", "array": "danh sách"}
    words = [names.get(k, k) for k in kinds]
    if prop.get("format") == "date":
        words = ["ngày" if w == "chuỗi" else w for w in words]
    return " hoặc ".join(words)


def contract_docs() -> tuple[SectionDoc, ...]:
    """The export contract's main objects and their fields, for the open-data page."""
    schema = export_schema()
    defs = schema["$defs"]
    parts = (
        ("Cấp ngoài cùng", schema),
        ("Kế hoạch (plans[])", defs["plan"]),
        ("Nhiệm vụ (plans[].tasks[])", defs["task"]),
        ("Trạng thái (tasks[].status)", defs["status"]),
        ("Thời hạn (deadline)", defs["deadline"]),
        ("Cập nhật tiến độ (tasks[].updates[])", defs["update"]),
        ("Cơ quan (agencies[])", defs["agency"]),
        ("Sự kiện tổ chức lại (agencies[].lineage[], provinces[].lineage[])",
         defs["lineage_event"]),
        ("Nơi kế thừa tính đến as_of (successors_as_of[])", defs["heir"]),
    )
    return tuple(SectionDoc(title, tuple(FieldDoc(**f) for f in _schema_fields(schema, node)))
                 for title, node in parts)
