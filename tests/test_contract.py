"""The export contract's declarations make both the JSON and its schema (downloads.contract)."""

from __future__ import annotations

import datetime as dt

import jsonschema

from generator.downloads.contract import (
    Shape,
    array,
    boolean,
    day,
    dump,
    integer,
    json_schema,
    obj,
    strings,
    text,
)

POINT = Shape("A point.", (
    integer("x", "x.", lambda p, c: p[0]),
    integer("y", "y.", lambda p, c: p[1], True),
), name="point")
NODE: Shape = Shape("A node.", (
    text("id", "Id.", lambda n, c: n["id"], pattern="^[a-z]+$"),
    day("on", "Date.", lambda n, c: n.get("on"), True),
    boolean("leaf", "Leaf.", lambda n, c: not n.get("children")),
    obj("at", POINT, lambda n, c: n.get("at"), "Where.", True),
    array("tags", "Tags.", lambda n, c: n.get("tags", ()), strings("A tag.")),
    array("children", "Children.", lambda n, c: n.get("children", ()), lambda: NODE),
    text("context", "From the context.", lambda n, c: c),
), name="node", optional=("context",))
TREE = {"id": "root", "on": dt.date(2026, 3, 1), "at": (1, None), "tags": ["a"],
        "children": [{"id": "kid", "tags": []}]}


def test_dump_follows_the_declaration() -> None:
    assert dump(NODE, TREE, "ctx") == {
        "id": "root", "on": "2026-03-01", "leaf": False, "at": {"x": 1, "y": None},
        "tags": ["a"],
        "children": [{"id": "kid", "on": None, "leaf": True, "at": None, "tags": [],
                      "children": [], "context": "ctx"}],
        "context": "ctx",
    }


def test_schema_of_the_same_declaration_accepts_the_dump_and_documents_every_key() -> None:
    schema = json_schema(NODE, "T", strict=True)
    assert set(schema["$defs"]) == {"node", "point"}
    assert schema["properties"]["on"] == {"type": ["string", "null"], "description": "Date.",
                                          "format": "date",
                                          "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    assert schema["properties"]["at"] == {
        "anyOf": [{"$ref": "#/$defs/point"}, {"type": "null"}], "description": "Where."}
    assert schema["properties"]["children"]["items"] == {"$ref": "#/$defs/node"}
    assert "context" not in schema["required"]
    jsonschema.Draft202012Validator(schema).validate(dump(NODE, TREE, "ctx"))
    bad = dump(NODE, TREE, "ctx") | {"undeclared": 1}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_defs_keep_the_order_given() -> None:
    schema = json_schema(NODE, "T", defs_order=(POINT, NODE))
    assert list(schema["$defs"]) == ["point", "node"]
