"""JSON Schema (draft 2020-12) for editors, generated from the declarations in
:mod:`generator.sources.schema`.

The formats are declared once, as Python objects; this module only translates them, so the
schemas VS Code (redhat.vscode-yaml) and ``check-jsonschema`` use cannot drift from what
``congkhai check`` accepts. A schema cannot express everything the checker does (rules across
files, demo/real data, readable deadlines, Unicode normalisation), so it is looser there. It is
stricter in one way only: values are typed as YAML 1.2 reads them, so a text field must be a
string — write ``id: "1"``, not ``id: 1`` (the checker reads the characters and accepts both).

Only keywords that mean the same in draft-07 are used, and ``$ref`` only ever has annotations
(descriptions, defaults) beside it, because the YAML language server validates with a draft-07
engine whatever ``$schema`` says.

Regenerate the committed files with ``congkhai schemas``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.sources import schema as declared
from generator.sources.schema import AGENCY_FILE, AREA_FILE, PLAN
from generator.sources.spec import (
    MAX_DIGITS,
    MAX_ID_LENGTH,
    SLUG_PATTERN,
    AnyOf,
    Boolean,
    Choice,
    Day,
    Integer,
    Items,
    Number,
    Record,
    Reference,
    Spec,
    Text,
    Url,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS_DIR = Path("schemas")
PLAN_SCHEMA_FILE = SCHEMAS_DIR / "plan.schema.json"
AGENCIES_SCHEMA_FILE = SCHEMAS_DIR / "agencies.schema.json"
AREAS_SCHEMA_FILE = SCHEMAS_DIR / "areas.schema.json"

# Years 1945 to 2100, as generator.sources.spec bounds every date.
DATE_PATTERN = r"^(19(4[5-9]|[5-9][0-9])|20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$"
# What generator.sources.validate accepts: an http(s) scheme (any case), a host, no white space.
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*$"
# generator.sources.validate refuses text that is empty or only white space.
NONBLANK_PATTERN = r"\S"

GENERATED_NOTE = (
    "Tệp sinh tự động từ generator/sources/schema.py; không sửa tay. "
    "Tạo lại: congkhai schemas."
)

_REFERENCE_DEFS = {
    "agency": (
        "agency-id",
        "Mã cơ quan trong danh mục content/registries/agencies/*.yaml.",
    ),
    "area": ("area-id", "Mã lĩnh vực trong danh mục content/registries/areas.yaml."),
    "framework": ("framework-id", "Mã khung trong mục frameworks của danh mục lĩnh vực."),
    "province": ("province-id", "Mã tỉnh (trường province.id của một tệp danh mục cơ quan)."),
}


@dataclass(frozen=True)
class Registry:
    """The ids editors may refer to, each with the name shown next to it in completion lists."""

    agencies: Mapping[str, str] = field(default_factory=dict)
    areas: Mapping[str, str] = field(default_factory=dict)


def read_registry(root: Path) -> Registry:
    """The agency and area ids of the project at ``root`` (files with problems are skipped)."""
    from generator.sources.loader import Layout, load_agency_files, load_areas
    from generator.sources.problems import ProblemList

    layout = Layout(root)
    problems = ProblemList()
    agencies: dict[str, str] = {}
    for loaded in load_agency_files(layout, problems):
        for raw in loaded.value["agencies"]:
            agencies.setdefault(raw["id"], raw["name"])
    areas: dict[str, str] = {}
    if layout.areas_file.exists():
        loaded_areas = load_areas(layout, problems)
        if loaded_areas is not None:
            for raw in loaded_areas.value["areas"]:
                areas.setdefault(raw["id"], raw["name"])
    return Registry(agencies, areas)


def _names(entries: Mapping[str, Any] | Iterable[str] | None) -> dict[str, str] | None:
    """Accept ``{id: name}``, ``{id: object with .name}`` (a Project's dicts) or a list of ids."""
    if entries is None:
        return None
    if isinstance(entries, Mapping):
        return {
            str(k): (v if isinstance(v, str) else str(getattr(v, "name", "") or ""))
            for k, v in entries.items()
        }
    return {str(k): "" for k in entries}


class _Builder:
    """Translates one root declaration; shared declarations become ``$defs``."""

    def __init__(self, root: Record, registry: Any = None) -> None:
        self.root = root
        self.known: dict[str, dict[str, str] | None] = {"agency": None, "area": None}
        if registry is not None:
            self.known["agency"] = _names(getattr(registry, "agencies", None))
            self.known["area"] = _names(getattr(registry, "areas", None))
        # Module-level declarations of generator.sources.schema get a $defs entry under their
        # own name.
        self.names: dict[int, str] = {}
        for name, value in vars(declared).items():
            if isinstance(value, (Record, AnyOf)) and value is not root and name.isupper():
                self.names.setdefault(id(value), name.lower().replace("_", "-"))
        self.defs: dict[str, dict[str, Any]] = {}

    def build(self, title: str) -> dict[str, Any]:
        body = self.node(self.root, inline=True)
        body.pop("title", None)
        out: dict[str, Any] = {"$schema": DIALECT, "$comment": GENERATED_NOTE, "title": title}
        out.update(body)
        if self.defs:
            out["$defs"] = {k: self.defs[k] for k in sorted(self.defs)}
        return out

    # --- one declaration -> one schema --------------------------------------------------------

    def node(self, spec: Spec, inline: bool = False) -> dict[str, Any]:
        name = None if inline else self.names.get(id(spec))
        if name is not None:
            if name not in self.defs:
                self.defs[name] = {}  # reserve first: declarations may be recursive
                self.defs[name] = self.node(spec, inline=True)
            return {"$ref": f"#/$defs/{name}"}
        if isinstance(spec, Record):
            return self.record(spec)
        if isinstance(spec, Items):
            out = {"type": _nullable("array", spec), "items": self.node(spec.item)}
            return _describe(out, spec)
        if isinstance(spec, AnyOf):
            options = [self.node(option) for option in spec.options]
            if spec.nullable:
                options.append({"type": "null"})
            return _describe({"anyOf": options}, spec)
        if isinstance(spec, Reference):
            return self.reference(spec)
        return _describe(_scalar(spec), spec)

    def record(self, spec: Record) -> dict[str, Any]:
        out: dict[str, Any] = {"type": _nullable("object", spec)}
        if spec.noun:
            out["title"] = spec.noun
        out = _describe(out, spec)
        properties: dict[str, Any] = {}
        for f in spec.fields:
            prop = self.node(f.spec)
            if f.default is not None:
                prop["default"] = list(f.default) if isinstance(f.default, tuple) else f.default
            properties[f.name] = prop
        out["properties"] = properties
        required = [f.name for f in spec.fields if f.required]
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def reference(self, spec: Reference) -> dict[str, Any]:
        name, what = _REFERENCE_DEFS.get(spec.target, (f"{spec.target}-id", ""))
        if name not in self.defs:
            definition: dict[str, Any] = {
                "description": what,
                "type": "string",
                "pattern": SLUG_PATTERN,
                "maxLength": MAX_ID_LENGTH,
                "patternErrorMessage": "Mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang.",
            }
            known = self.known.get(spec.target)
            if known is not None:
                ids = sorted(known)
                definition["enum"] = ids
                labels = [known[i] or i for i in ids]
                definition["enumDescriptions"] = labels
                definition["markdownEnumDescriptions"] = labels
            self.defs[name] = definition
        ref: dict[str, Any] = {"$ref": f"#/$defs/{name}"}
        if spec.nullable:
            ref = {"anyOf": [ref, {"type": "null"}]}
        return _describe(ref, spec)


def _nullable(kind: str, spec: Spec) -> str | list[str]:
    return [kind, "null"] if spec.nullable else kind


def _scalar(spec: Spec) -> dict[str, Any]:
    if isinstance(spec, Choice):
        values: list[Any] = list(spec.values)
        labels = list(spec.labels) if len(spec.labels) == len(spec.values) else list(spec.values)
        if spec.nullable:
            values.append(None)
            labels.append("Không nêu (null)")
        return {
            "type": _nullable("string", spec),
            "enum": values,
            "enumDescriptions": labels,
            "markdownEnumDescriptions": labels,
        }
    if isinstance(spec, Day):
        return {
            "type": _nullable("string", spec),
            "format": "date",
            "pattern": DATE_PATTERN,
            "patternErrorMessage": "Viết ngày dạng YYYY-MM-DD, ví dụ 2024-03-15, từ năm 1945 "
            "đến năm 2100.",
        }
    if isinstance(spec, Url):
        return {
            "type": _nullable("string", spec),
            "pattern": URL_PATTERN,
            "patternErrorMessage": "Chỉ chấp nhận địa chỉ đầy đủ bắt đầu bằng https:// hoặc "
            "http:// (không chấp nhận javascript:, data: hay đường dẫn tương đối).",
        }
    if isinstance(spec, Integer):
        out: dict[str, Any] = {"type": _nullable("integer", spec)}
        if spec.minimum is not None:
            out["minimum"] = spec.minimum
        if spec.maximum is not None:
            out["maximum"] = spec.maximum
        return out
    if isinstance(spec, Number):
        return {"type": _nullable("number", spec), "minimum": spec.minimum,
                "maximum": spec.maximum}
    if isinstance(spec, Boolean):
        return {"type": _nullable("boolean", spec)}
    if isinstance(spec, Text):
        out = {"type": _nullable("string", spec), "minLength": 1, "maxLength": spec.max_length}
        if spec.pattern:
            out["pattern"] = spec.pattern
            if spec.pattern_hint:
                out["patternErrorMessage"] = f"Cần {spec.pattern_hint}."
        else:
            out["pattern"] = NONBLANK_PATTERN
            out["patternErrorMessage"] = (
                "Không được để trống; viết null nếu trường cho phép và văn bản không nêu."
            )
        if spec.reserved:
            out["not"] = {"enum": list(spec.reserved)}
        return out
    raise TypeError(f"unsupported declaration {spec!r}")  # pragma: no cover - schema bug


def _describe(out: dict[str, Any], spec: Spec) -> dict[str, Any]:
    """Add the Vietnamese description, and a Markdown one with the details editors need."""
    text = spec.description.strip()
    extra: list[str] = []
    if isinstance(spec, Choice):
        extra.append("\n".join(f"- `{v}`: {label}" for v, label in zip(
            spec.values, spec.labels or spec.values, strict=False)))
    elif isinstance(spec, Day):
        extra.append(f"Viết `YYYY-MM-DD`, ví dụ `2024-03-15` (không cần dấu ngoặc), từ "
                     f"{spec.minimum.isoformat()} đến {spec.maximum.isoformat()}.")
    elif isinstance(spec, Url):
        extra.append("Địa chỉ đầy đủ bắt đầu bằng `https://` hoặc `http://`.")
    elif isinstance(spec, Integer) and spec.minimum is not None and spec.maximum is not None:
        extra.append(f"Số nguyên từ {spec.minimum} đến {spec.maximum}.")
    elif isinstance(spec, Number):
        extra.append(f"Tối đa {MAX_DIGITS} chữ số, dùng dấu chấm thập phân.")
    elif isinstance(spec, Text) and spec.pattern and spec.pattern_hint:
        extra.append(f"Cần {spec.pattern_hint}.")
    elif isinstance(spec, Text) and spec.markdown:
        extra.append("Viết được Markdown; HTML không được hiển thị.")
    if spec.nullable and "null" not in text:
        extra.append("Có thể ghi `null`.")
    head: dict[str, Any] = {}
    if "title" in out:
        head["title"] = out.pop("title")
    if text:
        head["description"] = text
    if text or extra:
        head["markdownDescription"] = "\n\n".join(part for part in (text, *extra) if part)
    head.update(out)
    return head


# --- public API ------------------------------------------------------------------------------


def plan_schema(registry: Any = None) -> dict[str, Any]:
    """JSON Schema of a plan file.

    ``registry`` (a :class:`Registry`, a loaded :class:`generator.model.entities.Project`, or
    anything with ``agencies`` and ``areas`` mappings) adds the known ids as ``enum``s so editors
    offer them and flag unknown ones; without it, references are only checked to look like ids.
    """
    return _Builder(PLAN, registry).build("Kế hoạch cải cách hành chính (congkhai)")


def agency_file_schema() -> dict[str, Any]:
    """JSON Schema of an agency registry file ``content/registries/agencies/<tỉnh>.yaml``."""
    return _Builder(AGENCY_FILE).build("Danh mục cơ quan (congkhai)")


def area_file_schema() -> dict[str, Any]:
    """JSON Schema of the reform-area registry ``content/registries/areas.yaml``."""
    return _Builder(AREA_FILE).build("Danh mục lĩnh vực cải cách hành chính (congkhai)")


def dumps(schema: dict[str, Any]) -> str:
    """The committed text of a schema: pretty, UTF-8 as is, with a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_texts(root: Path) -> dict[Path, str]:
    """What :func:`write_schemas` writes, by path relative to ``root``."""
    return {
        PLAN_SCHEMA_FILE: dumps(plan_schema(read_registry(root))),
        AGENCIES_SCHEMA_FILE: dumps(agency_file_schema()),
        AREAS_SCHEMA_FILE: dumps(area_file_schema()),
    }


def write_schemas(root: Path) -> list[Path]:
    """Write ``schemas/*.schema.json`` under the project ``root``; return the paths written.

    The plan schema lists the agency and area ids of the registries under ``root``, so it must be
    regenerated when a registry changes (the tests say so when it was not).
    """
    written = []
    for rel, text in schema_texts(root).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
