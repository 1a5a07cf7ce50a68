"""The export contract, declared once: every object's fields, their types, descriptions, and
where each value comes from in the model.

:func:`dump` walks a declaration over a snapshot to make the JSON export
(:mod:`generator.downloads.export`); :func:`json_schema` walks the same declaration to make its
JSON Schema (:mod:`generator.downloads.export_schema`), so a key cannot be exported without being
documented, or documented with a type it does not have.

A :class:`Shape` is a JSON object; a named shape is written once under ``$defs`` and referred
to. A :class:`Field` is one key: its JSON type (``date`` is a string in ISO form), its
description (Vietnamese: the open-data page shows it to people) and ``get``, which reads the
value from the object the shape describes. Getters take that object and the snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# How a field reads its value: a dotted attribute path of the object ("task.title"), or a
# function of the object and the dump's context for anything computed.
Getter = str | Callable[[Any, Any], Any]
_SCALARS = frozenset({"string", "integer", "number", "boolean", "date"})


@dataclass(frozen=True)
class Shape:
    """A JSON object: its fields in output order. ``name`` puts it under ``$defs``."""

    description: str
    fields: tuple[Field, ...]
    name: str | None = None
    # keys that may be absent: the shape is also used where they do not apply
    optional: tuple[str, ...] = ()
    # the object itself may be null wherever it appears
    nullable: bool = False


@dataclass(frozen=True)
class Field:
    """One key of a shape.

    ``kind`` is a JSON type, ``date``, ``object`` (``of`` is a :class:`Shape`), ``array``
    (``of`` is the item: a :class:`Shape` or a scalar :class:`Field` whose ``get`` is unused),
    or ``raw`` (``schema`` is written as is, the value passes through).
    """

    @property
    def target(self) -> Shape | Field | None:
        """``of``, with a self-reference resolved."""
        return self.of() if callable(self.of) else self.of

    name: str
    kind: str
    description: str
    get: Getter
    nullable: bool = False
    # a shape that contains itself (a task's subtasks) names it through a function
    of: Shape | Field | Callable[[], Shape] | None = None
    schema: Mapping[str, Any] = field(default_factory=dict)
    # when ``of`` is a named shape: describe the reference (a plain $ref has no description)
    ref_described: bool = True


def _item(kind: str, description: str = "", **schema: Any) -> Field:
    return Field("", kind, description, lambda v, c: v, schema=schema)


# --- declaring ----------------------------------------------------------------------------------


def text(name: str, description: str, get: Getter, nullable: bool = False,
         **schema: Any) -> Field:
    """A string."""
    return Field(name, "string", description, get, nullable, schema=schema)


def day(name: str, description: str, get: Getter, nullable: bool = False) -> Field:
    """A date, written YYYY-MM-DD."""
    return Field(name, "date", description, get, nullable)


def integer(name: str, description: str, get: Getter, nullable: bool = False,
            **schema: Any) -> Field:
    """An integer."""
    return Field(name, "integer", description, get, nullable, schema=schema)


def number(name: str, description: str, get: Getter, nullable: bool = False) -> Field:
    """A number."""
    return Field(name, "number", description, get, nullable)


def boolean(name: str, description: str, get: Getter) -> Field:
    """true or false."""
    return Field(name, "boolean", description, get)


def obj(name: str, shape: Shape, get: Getter, description: str = "",
        nullable: bool = False) -> Field:
    """An object: inline (its shape's description) or a reference to a named shape."""
    return Field(name, "object", description or shape.description, get, nullable, of=shape)


def array(name: str, description: str, get: Getter,
          of: Shape | Field | Callable[[], Shape]) -> Field:
    """A list of objects of a shape, or of scalars (:func:`strings`)."""
    return Field(name, "array", description, get, of=of, ref_described=False)


def strings(description: str, **schema: Any) -> Field:
    """The item of a list of strings."""
    return _item("string", description, **schema)


def raw(name: str, schema: Mapping[str, Any], get: Getter) -> Field:
    """A value whose schema is written by hand (a map keyed by codes)."""
    return Field(name, "raw", str(schema.get("description", "")), get, schema=schema)


# --- dumping ------------------------------------------------------------------------------------


def _scalar(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def dump(shape: Shape, source: Any, context: Any) -> dict[str, Any]:
    """The JSON-ready dict of ``source`` as ``shape`` declares it."""
    return _compiled(shape)(source, context)


_COMPILED: dict[int, Callable[[Any, Any], dict[str, Any]]] = {}


_COMPILING: set[int] = set()


def _nested(shape: Shape) -> Callable[[Any, Any], dict[str, Any]]:
    if id(shape) not in _COMPILING:
        return _compiled(shape)

    # a shape that contains itself: look its function up when called
    def call(value: Any, context: Any) -> dict[str, Any]:
        return _compiled(shape)(value, context)

    return call


def _compiled(shape: Shape) -> Callable[[Any, Any], dict[str, Any]]:
    """One function per shape that builds its dict in a single literal.

    Generated, as :mod:`dataclasses` generates ``__init__``: a loop over the fields, testing
    each one's kind for every object, made the export of a large corpus a third slower than
    hand-written builders. Only names and getters of our own declarations go into the code.
    """
    done = _COMPILED.get(id(shape))
    if done is not None:
        return done
    names: dict[str, Any] = {"_scalar": _scalar}
    parts = []
    _COMPILING.add(id(shape))
    for k, f in enumerate(shape.fields):
        key = repr(f.name)
        if isinstance(f.get, str):
            assert all(part.isidentifier() for part in f.get.split(".")), f.get
            value = f"src.{f.get}"
        else:
            names[f"g{k}"], value = f.get, f"g{k}(src, ctx)"
        target = f.target
        if f.kind == "object":
            names[f"s{k}"] = _nested(target)  # type: ignore[arg-type]
            parts.append(f"{key}: (None if (v{k} := {value}) is None else s{k}(v{k}, ctx))")
        elif f.kind == "array" and isinstance(target, Shape):
            names[f"s{k}"] = _nested(target)
            parts.append(f"{key}: [s{k}(x, ctx) for x in {value}]")
        elif f.kind == "array":
            parts.append(f"{key}: [_scalar(x) for x in {value}]")
        elif f.kind == "date":
            parts.append(f"{key}: (v{k}.isoformat() if (v{k} := {value}) else None)")
        else:
            parts.append(f"{key}: {value}")
    code = "def dump(src, ctx):\n    return {" + ", ".join(parts) + "}\n"
    exec(code, names)
    _COMPILING.discard(id(shape))
    _COMPILED[id(shape)] = names["dump"]
    return names["dump"]


def dump_all(shape: Shape, sources: Iterable[Any], context: Any) -> list[dict[str, Any]]:
    """:func:`dump` of each of ``sources``."""
    return [dump(shape, s, context) for s in sources]


# --- the schema ---------------------------------------------------------------------------------


class _SchemaWriter:
    """Writes a declaration as JSON Schema; named shapes go to ``$defs`` in first-seen order
    (or the order given)."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.defs: dict[str, dict[str, Any]] = {}

    def shape(self, shape: Shape, nullable: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": ["object", "null"] if nullable else "object",
            "description": shape.description,
            "properties": {f.name: self.field(f) for f in shape.fields},
            "required": [f.name for f in shape.fields if f.name not in shape.optional],
        }
        if self.strict:
            out["additionalProperties"] = False
        return out

    def reserve(self, shape: Shape) -> None:
        """Keep a place in ``$defs`` for ``shape``, to be written when first defined."""
        assert shape.name is not None
        self.defs.setdefault(shape.name, {})

    def define(self, shape: Shape) -> None:
        assert shape.name is not None
        if not self.defs.get(shape.name):
            # mark it begun before writing it: a shape may refer to itself
            self.defs[shape.name] = {"$comment": "…"}
            self.defs[shape.name] = self.shape(shape, shape.nullable)

    def reference(self, shape: Shape, description: str | None, nullable: bool) -> dict[str, Any]:
        self.define(shape)
        ref: dict[str, Any] = {"$ref": f"#/$defs/{shape.name}"}
        if nullable:
            ref = {"anyOf": [ref, {"type": "null"}]}
        if description:
            ref["description"] = description
        return ref

    def field(self, f: Field) -> dict[str, Any]:
        if f.kind == "raw":
            return dict(f.schema)
        if f.kind == "object":
            shape = f.target
            assert isinstance(shape, Shape)
            if shape.name:
                return self.reference(shape, f.description if f.ref_described else None,
                                      f.nullable)
            return self.shape(shape, f.nullable)
        if f.kind == "array":
            item = f.target
            assert item is not None
            if isinstance(item, Shape):
                items = (self.reference(item, None, False) if item.name
                         else self.shape(item))
            else:
                items = self.field(item)
            return {"type": "array", "description": f.description, "items": items}
        return self.scalar(f)

    @staticmethod
    def scalar(f: Field) -> dict[str, Any]:
        kind = "string" if f.kind == "date" else f.kind
        out: dict[str, Any] = {"type": [kind, "null"] if f.nullable else kind,
                               "description": f.description}
        if f.kind == "date":
            out.update(format="date", pattern=DATE_PATTERN)
        out.update(f.schema)
        return out


def json_schema(root: Shape, title: str, defs_order: Sequence[Shape] = (),
                strict: bool = False) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``root``; ``defs_order`` fixes the order of the
    first ``$defs`` entries. ``strict`` forbids undeclared keys (for the tests)."""
    writer = _SchemaWriter(strict)
    for shape in defs_order:
        writer.reserve(shape)
    for shape in defs_order:
        writer.define(shape)
    body = writer.shape(root)
    return {"$schema": JSON_SCHEMA_DIALECT, "title": title, **body, "$defs": writer.defs}


def _walk(shape: Shape, seen: set[int]) -> Iterable[Shape]:
    if id(shape) in seen:
        return
    seen.add(id(shape))
    yield shape
    for f in shape.fields:
        if isinstance(f.target, Shape):
            yield from _walk(f.target, seen)


def shapes(root: Shape) -> list[Shape]:
    """Every shape reachable from ``root``, root first."""
    return list(_walk(root, set()))
