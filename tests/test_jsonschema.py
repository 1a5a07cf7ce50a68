"""The JSON Schemas for editors: generated from generator/schema.py, committed, and in agreement
with the data and with the checker.

Files are checked twice: in-process with the ``jsonschema`` library, and with the real
``check-jsonschema`` command in a subprocess, because that is what CI and editors' tooling run.
``check-jsonschema`` (0.39) reads YAML with ruamel.yaml as YAML 1.2 and turns timestamps back into
strings, so an unquoted ``2017-12-29`` reaches the schema as the string the schema expects
(``type: string``, ``format: date`` and a YYYY-MM-DD pattern); it checks ``format`` by default,
which is what catches impossible dates such as 2024-02-30.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.model.project import load_project
from generator.sources import schema as declared
from generator.sources.jsonschema import (
    AGENCIES_SCHEMA_FILE,
    AREAS_SCHEMA_FILE,
    DATE_PATTERN,
    PLAN_SCHEMA_FILE,
    URL_PATTERN,
    Registry,
    agency_file_schema,
    area_file_schema,
    dumps,
    plan_schema,
    read_registry,
    schema_texts,
    write_schemas,
)
from generator.sources.loader import load_file
from generator.sources.problems import ProblemList
from tests.yaml_instance import load_instance

REPO = Path(__file__).resolve().parent.parent
Validator = jsonschema.Draft202012Validator

PLAN_FILES = sorted(p for p in (REPO / "plans").rglob("*") if p.suffix in (".yaml", ".yml"))
AGENCY_FILES = sorted((REPO / "content" / "registries" / "agencies").glob("*.yaml"))
AREA_FILES = [REPO / "content" / "registries" / "areas.yaml"]


def _check_jsonschema() -> str:
    found = Path(sys.executable).parent / "check-jsonschema"
    if found.exists():
        return str(found)
    on_path = shutil.which("check-jsonschema")
    if on_path is None:  # pragma: no cover - environment problem
        pytest.fail("check-jsonschema chưa được cài: pip install check-jsonschema")
    return on_path


def run_check_jsonschema(schema: Path, files: list[Path], *extra: str) -> dict[str, Any]:
    """Run the real command; its JSON report, with the exit code under ``"rc"``."""
    proc = subprocess.run(
        [_check_jsonschema(), "--schemafile", str(schema), "-o", "json", *extra,
         *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.stdout.strip(), proc.stderr
    report = json.loads(proc.stdout)
    report["rc"] = proc.returncode
    return report


def failing_files(report: dict[str, Any]) -> set[str]:
    return {e["filename"] for e in report.get("errors", [])} | {
        e["filename"] for e in report.get("parse_errors", [])
    }


def validator(schema: dict[str, Any]) -> jsonschema.Validator:
    return Validator(schema, format_checker=Validator.FORMAT_CHECKER)


# --- (a) the committed files are what the declarations produce -------------------------------


def test_committed_schemas_are_up_to_date(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    written = write_schemas(tmp_path)
    assert [p.relative_to(tmp_path) for p in written] == [
        PLAN_SCHEMA_FILE, AGENCIES_SCHEMA_FILE, AREAS_SCHEMA_FILE,
    ]
    for path in written:
        rel = path.relative_to(tmp_path)
        committed = REPO / rel
        assert committed.exists(), f"Thiếu {rel}: chạy `congkhai schemas`."
        assert committed.read_bytes() == path.read_bytes(), (
            f"{rel} không khớp với generator/sources/schema.py hoặc danh mục: chạy "
            "`congkhai schemas` rồi commit lại."
        )


def test_schema_text_is_stable_pretty_utf8() -> None:
    first, second = schema_texts(REPO), schema_texts(REPO)
    assert first == second
    for rel, text in first.items():
        assert text.endswith("}\n") and not text.endswith("\n\n"), rel
        assert "\\u" not in text, f"{rel}: ensure_ascii=False expected"
        assert text.startswith('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema"')
        assert dumps(json.loads(text)) == text


@pytest.mark.parametrize("make", [plan_schema, agency_file_schema, area_file_schema])
def test_schemas_are_valid_2020_12(make) -> None:
    Validator.check_schema(make())


def test_committed_schemas_pass_metaschema_check() -> None:
    files = [REPO / PLAN_SCHEMA_FILE, REPO / AGENCIES_SCHEMA_FILE, REPO / AREAS_SCHEMA_FILE]
    proc = subprocess.run([_check_jsonschema(), "--check-metaschema", *map(str, files)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- the translation, declaration by declaration ---------------------------------------------


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].removeprefix("#/$defs/")] | {
            k: v for k, v in node.items() if k != "$ref"
        }
    return node


def _walk(spec: declared.Spec, node: dict[str, Any], root: dict[str, Any], where: str,
          seen: set[tuple[int, int]]) -> None:
    """Every declaration has its counterpart in the schema."""
    node = _resolve(node, root)
    key = (id(spec), id(node))
    if key in seen:
        return
    seen.add(key)
    if spec.description:
        assert node.get("description") == spec.description.strip(), where
        assert node["markdownDescription"].startswith(spec.description.strip()), where
    if isinstance(spec, declared.Record):
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        assert types == (["object", "null"] if spec.nullable else ["object"]), where
        assert node["additionalProperties"] is False, where
        assert list(node["properties"]) == [f.name for f in spec.fields], where
        assert node.get("required", []) == [f.name for f in spec.fields if f.required], where
        for f in spec.fields:
            _walk(f.spec, node["properties"][f.name], root, f"{where}.{f.name}", seen)
    elif isinstance(spec, declared.Items):
        assert "array" in (node["type"] if isinstance(node["type"], list) else [node["type"]])
        assert ("null" in node["type"]) == spec.nullable, where
        _walk(spec.item, node["items"], root, f"{where}[]", seen)
    elif isinstance(spec, declared.AnyOf):
        options = node["anyOf"]
        assert len(options) == len(spec.options) + (1 if spec.nullable else 0), where
        if spec.nullable:
            assert options[-1] == {"type": "null"}, where
        for option_spec, option in zip(spec.options, options, strict=False):
            _walk(option_spec, option, root, f"{where}|", seen)
    elif isinstance(spec, declared.Reference):
        if spec.nullable:
            assert node["anyOf"][1] == {"type": "null"}, where
            node = _resolve(node["anyOf"][0], root)
        assert node["pattern"] == declared.SLUG_PATTERN, where
        assert node["maxLength"] == declared.MAX_ID_LENGTH, where
    elif isinstance(spec, declared.Choice):
        assert node["enum"] == list(spec.values) + ([None] if spec.nullable else []), where
        assert node["markdownEnumDescriptions"][: len(spec.labels)] == list(spec.labels), where
        assert len(node["markdownEnumDescriptions"]) == len(node["enum"]), where
    elif isinstance(spec, declared.Day):
        assert node["format"] == "date" and node["pattern"] == DATE_PATTERN, where
        assert spec.minimum.isoformat() in node["markdownDescription"], where
        assert spec.maximum.isoformat() in node["markdownDescription"], where
    elif isinstance(spec, declared.Url):
        assert node["pattern"] == URL_PATTERN, where
    elif isinstance(spec, declared.Integer):
        assert node.get("minimum") == spec.minimum and node.get("maximum") == spec.maximum
        assert node["type"] == (["integer", "null"] if spec.nullable else "integer"), where
    elif isinstance(spec, declared.Number):
        assert node["type"] == (["number", "null"] if spec.nullable else "number"), where
        assert (node["minimum"], node["maximum"]) == (spec.minimum, spec.maximum), where
    elif isinstance(spec, declared.Boolean):
        assert node["type"] == (["boolean", "null"] if spec.nullable else "boolean"), where
    elif isinstance(spec, declared.Text):
        assert node["maxLength"] == spec.max_length, where
        if spec.pattern:
            assert node["pattern"] == spec.pattern, where


@pytest.mark.parametrize(("make", "spec"), [
    (plan_schema, declared.PLAN),
    (agency_file_schema, declared.AGENCY_FILE),
    (area_file_schema, declared.AREA_FILE),
])
def test_every_declaration_is_translated(make, spec) -> None:
    schema = make()
    _walk(spec, schema, schema, "(gốc)", set())


ANNOTATIONS = {"$ref", "description", "markdownDescription", "default", "title"}


def _refs(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if "$ref" in node else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


@pytest.mark.parametrize("make", [plan_schema, agency_file_schema, area_file_schema])
def test_ref_siblings_are_annotations_only(make) -> None:
    """Draft-07 engines (the YAML language server's) ignore what sits beside $ref; nothing
    that validates may be there."""
    refs = _refs(make(read_registry(REPO)) if make is plan_schema else make())
    assert refs
    for ref in refs:
        assert set(ref) <= ANNOTATIONS, ref


def test_choices_and_bounds_as_editors_see_them() -> None:
    schema = plan_schema()
    update = schema["$defs"]["update"]["properties"]
    assert update["status"]["enum"] == list(declared.UPDATE_STATUSES)
    assert update["status"]["markdownEnumDescriptions"] == list(declared.UPDATE_STATUS_LABELS)
    assert (update["progress"]["minimum"], update["progress"]["maximum"]) == (0, 100)
    assert update["progress"]["type"] == ["integer", "null"]
    assert "Tiến độ" in update["progress"]["description"]
    assert schema["properties"]["period"]["type"] == ["object", "null"]
    assert schema["properties"]["sections"]["default"] == []
    assert schema["properties"]["demo"]["default"] is False


def test_registry_adds_known_ids() -> None:
    plain = plan_schema()
    assert "enum" not in plain["$defs"]["agency-id"]
    registry = read_registry(REPO)
    assert "khanh-hoa-ubnd" in registry.agencies and "the-che" in registry.areas
    aware = plan_schema(registry)
    agency = aware["$defs"]["agency-id"]
    assert agency["enum"] == sorted(registry.agencies)
    assert agency["markdownEnumDescriptions"] == [registry.agencies[i] for i in agency["enum"]]
    assert aware["$defs"]["area-id"]["enum"] == sorted(registry.areas)
    # A loaded project works as the registry too.
    project, _problems = load_project(REPO, dt.date(2100, 1, 1), [])
    assert plan_schema(project)["$defs"]["agency-id"]["enum"] == sorted(project.agencies)
    # So does a plain mapping, or a list of ids.
    small = plan_schema(Registry({"a-b": "A B"}, ["x"]))
    assert small["$defs"]["agency-id"]["enum"] == ["a-b"]
    assert small["$defs"]["area-id"]["markdownEnumDescriptions"] == ["x"]


# --- (b) every shipped file is valid --------------------------------------------------------

SHIPPED = [
    (PLAN_SCHEMA_FILE, PLAN_FILES),
    (AGENCIES_SCHEMA_FILE, AGENCY_FILES),
    (AREAS_SCHEMA_FILE, AREA_FILES),
]


@pytest.mark.parametrize(
    ("schema_file", "path"),
    [(s, p) for s, files in SHIPPED for p in files],
    ids=lambda v: v.name if isinstance(v, Path) else str(v),
)
def test_shipped_file_is_valid_with_jsonschema(schema_file: Path, path: Path) -> None:
    schema = json.loads((REPO / schema_file).read_text(encoding="utf-8"))
    instance = load_instance(path.read_text(encoding="utf-8"))
    errors = [f"{e.json_path}: {e.message}" for e in validator(schema).iter_errors(instance)]
    assert errors == []


@pytest.mark.parametrize(("schema_file", "files"), SHIPPED, ids=lambda v: str(v))
def test_shipped_files_are_valid_with_check_jsonschema(schema_file: Path, files: list[Path]):
    assert files
    report = run_check_jsonschema(REPO / schema_file, files)
    assert report["rc"] == 0 and report["status"] == "ok", report


def test_dates_reach_the_schema_as_strings() -> None:
    data = load_instance("issued: 2017-12-29\nn: 40\nt: true\nx: null\n")
    assert data == {"issued": "2017-12-29", "n": 40, "t": True, "x": None}


# --- (c) invalid examples are rejected -------------------------------------------------------

BASE = """\
# yaml-language-server: $schema=../../schemas/plan.schema.json
id: khanh-hoa-kh-1-2024
title: Kế hoạch thử nghiệm
document:
  type: ke-hoach
  number: 1/KH-UBND
  issued: 2024-01-15
  issuer: khanh-hoa-ubnd
  signer: null
  summary: null
  source:
    url: https://example.org/van-ban/1
sections:
  - id: I
    title: Cải cách thể chế
    area: the-che
    tasks:
      - id: I.1
        title: Rà soát văn bản quy phạm pháp luật
        output: Báo cáo rà soát
        deadline: Quý I/2024
        lead: khanh-hoa-so-noi-vu
        support: []
        updates:
          - date: 2024-03-01
            status: dang-thuc-hien
            progress: 40
            evidence: https://example.org/bao-cao
"""

# name: (text in BASE, replacement)
INVALID = {
    "unknown-key-dealine": ("        deadline: Quý I/2024", "        dealine: Quý I/2024"),
    "unknown-key-top-level": ("sections:\n", "muc_tieu: []\nsections:\n"),
    "wrong-type-title-list": ("title: Kế hoạch thử nghiệm", "title: [Kế hoạch, thử nghiệm]"),
    "wrong-type-progress-text": ("progress: 40", 'progress: "40%"'),
    "wrong-type-tasks-mapping": ("    tasks:\n", "    tasks: {}\n    x:\n"),
    "bad-enum-status": ("status: dang-thuc-hien", "status: dang-lam"),
    "bad-enum-document-type": ("type: ke-hoach", "type: ke-hoach-nam"),
    "missing-required-output": ("        output: Báo cáo rà soát\n", ""),
    "missing-required-number": ("  number: 1/KH-UBND\n", ""),
    "null-not-allowed-title": ("title: Kế hoạch thử nghiệm", "title: null"),
    "blank-title": ("title: Kế hoạch thử nghiệm", 'title: "  "'),
    "progress-150": ("progress: 40", "progress: 150"),
    "evidence-javascript": ("evidence: https://example.org/bao-cao",
                            "evidence: javascript:alert(1)"),
    "evidence-relative": ("evidence: https://example.org/bao-cao", "evidence: /bao-cao.pdf"),
    "date-vietnamese-order": ("date: 2024-03-01", "date: 01/03/2024"),
    "date-impossible": ("issued: 2024-01-15", "issued: 2024-02-30"),
    "date-with-time": ("date: 2024-03-01", "date: 2024-03-01 08:30"),
    "bad-task-id": ("      - id: I.1", '      - id: "I 1"'),
    "bad-agency-id-shape": ("lead: khanh-hoa-so-noi-vu", "lead: Sở Nội vụ"),
}
# Only the registry-aware schema (the committed one) can reject these.
UNKNOWN_IDS = {
    "unknown-agency": ("lead: khanh-hoa-so-noi-vu", "lead: khanh-hoa-so-khong-ton-tai"),
    "unknown-issuer": ("issuer: khanh-hoa-ubnd", "issuer: khanh-hoa-ubnd-tinh"),
    "unknown-area": ("area: the-che", "area: cai-cach-the-che"),
}


def _write_cases(directory: Path, cases: dict[str, tuple[str, str]]) -> dict[str, Path]:
    out = {}
    for name, (old, new) in cases.items():
        assert BASE.count(old) == 1, name
        path = directory / f"{name}.yaml"
        path.write_text(BASE.replace(old, new), encoding="utf-8")
        out[name] = path
    return out


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    directory = tmp_path_factory.mktemp("invalid")
    base = directory / "00-base.yaml"
    base.write_text(BASE, encoding="utf-8")
    paths = _write_cases(directory, INVALID | UNKNOWN_IDS)
    committed = run_check_jsonschema(REPO / PLAN_SCHEMA_FILE, [base, *paths.values()])
    plain_schema = directory / "plan-without-registry.schema.json"
    plain_schema.write_text(dumps(plan_schema()), encoding="utf-8")
    unknown = [paths[name] for name in UNKNOWN_IDS]
    plain = run_check_jsonschema(plain_schema, [base, *unknown])
    return {"base": base, "paths": paths, "committed": committed, "plain": plain}


def test_base_example_is_valid(cases: dict[str, Any]) -> None:
    assert str(cases["base"]) not in failing_files(cases["committed"]), cases["committed"]
    problems = ProblemList()
    assert load_file(cases["base"], declared.PLAN, "base.yaml", problems) is not None, problems


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_example_is_rejected(cases: dict[str, Any], name: str) -> None:
    path = cases["paths"][name]
    report = cases["committed"]
    assert report["rc"] == 1
    assert str(path) in failing_files(report), f"check-jsonschema accepted {name}"
    # The same file through the jsonschema library, and through congkhai's own validator.
    schema = json.loads((REPO / PLAN_SCHEMA_FILE).read_text(encoding="utf-8"))
    instance = load_instance(path.read_text(encoding="utf-8"))
    assert list(validator(schema).iter_errors(instance)), name
    problems = ProblemList()
    load_file(path, declared.PLAN, path.name, problems)
    assert problems, f"congkhai accepts {name} but the schema rejects it"


@pytest.mark.parametrize("name", sorted(UNKNOWN_IDS))
def test_unknown_ids_are_rejected_by_registry_aware_schema(cases: dict[str, Any],
                                                           name: str) -> None:
    path = cases["paths"][name]
    assert str(path) in failing_files(cases["committed"])
    messages = [e["message"] for e in cases["committed"].get("errors", [])
                if e["filename"] == str(path)]
    assert any("is not one of" in m or "not valid under any" in m for m in messages), messages
    # Without a registry the id only has to look like an id.
    assert str(path) not in failing_files(cases["plain"]), cases["plain"]


def test_impossible_dates_need_format_checking(cases: dict[str, Any]) -> None:
    """check-jsonschema checks ``format`` by default; the pattern alone cannot see 2024-02-30."""
    path = cases["paths"]["date-impossible"]
    report = run_check_jsonschema(REPO / PLAN_SCHEMA_FILE, [path], "--disable-formats", "date")
    assert report["rc"] == 0, report


def test_files_without_yaml_suffix_need_a_filetype(tmp_path: Path) -> None:
    """check-jsonschema picks the parser by suffix (JSON by default): name the file .yaml or
    pass --default-filetype yaml."""
    path = tmp_path / "ke-hoach.txt"
    path.write_text(BASE, encoding="utf-8")
    assert run_check_jsonschema(REPO / PLAN_SCHEMA_FILE, [path])["rc"] == 1
    report = run_check_jsonschema(REPO / PLAN_SCHEMA_FILE, [path], "--default-filetype", "yaml")
    assert report["rc"] == 0, report
