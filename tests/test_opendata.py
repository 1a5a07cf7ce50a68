"""Open-data downloads: contract, schema, Data Package, workbook, ZIP, counts, reproducibility.

Everything is built in-process from the shipped plans; no MkDocs. The Data Package is checked
with Frictionless itself (its Python API, which is what ``frictionless validate`` runs).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.common.dataset import CALENDAR_PAST_DAYS, FEED_ENTRY_LIMIT, LICENCE
from generator.common.serialise import deterministic_zip, json_bytes
from generator.common.urls import (
    ARCHIVE,
    CORPUS_JSON,
    DATA_DIR,
    DATAPACKAGE,
    DEFAULT_SITE_URL,
    OPEN_DATA_PAGE,
    SCHEMA_JSON,
    WORKBOOK,
    agency_data_links,
    plan_csv_path,
    plan_data_links,
    plan_json_path,
    plan_xlsx_path,
)
from generator.common.writer import describe_files
from generator.downloads.export import export_json, write_export
from generator.downloads.export_schema import EXPORT_SCHEMA_FILE, export_schema, export_schema_bytes
from generator.downloads.feeds import iter_feeds
from generator.downloads.opendata import build_downloads
from generator.downloads.rows import csv_cell, export_tasks_csv
from generator.downloads.tables import (
    AGENCIES_TABLE,
    AREAS_TABLE,
    PLANS_TABLE,
    TABLES,
    TARGETS_TABLE,
    TASK_CSV_COLUMNS,
    TASKS_TABLE,
    UPDATES_TABLE,
)
from generator.facts.snapshot import Snapshot
from generator.facts.stats import Counts, model_counts
from generator.model.project import load_project
from generator.publish.tree import data_catalogue
from generator.site.open_data_page import human_size, open_data_page
from generator.site.render import make_environment, render_page

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
COMMIT = "0123456789abcdef0123456789abcdef01234567"
SITE = "https://congkhai.example.org/tinh/"
Validator = jsonschema.Draft202012Validator


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    project, problems = load_project(REPO, AS_OF)
    assert problems.sorted() == []
    return Snapshot(project, AS_OF)


@pytest.fixture(scope="module")
def files(snapshot: Snapshot) -> dict[str, bytes]:
    return build_downloads(snapshot, COMMIT, SITE)


@pytest.fixture(scope="module")
def counts(snapshot: Snapshot) -> Counts:
    return model_counts(snapshot.project)


def _json(files: dict[str, bytes], path: str) -> Any:
    return json.loads(files[path].decode("utf-8"))


def _csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _walk_tasks(tasks: list[dict[str, Any]]):
    for t in tasks:
        yield t
        yield from _walk_tasks(t["subtasks"])


def _write(files: dict[str, bytes], root: Path) -> None:
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


# --- layout ------------------------------------------------------------------------------------


def test_every_file_is_bytes_under_the_stable_prefix(files, snapshot) -> None:
    assert all(isinstance(v, bytes) for v in files.values())
    assert all(p.startswith(f"{DATA_DIR}/") for p in files)
    expected = {CORPUS_JSON, SCHEMA_JSON, DATAPACKAGE, WORKBOOK, ARCHIVE,
                *(t.path for t in TABLES),
                *(plan_json_path(p.id) for p in snapshot.project.plans),
                *(plan_xlsx_path(p.id) for p in snapshot.project.plans),
                *(plan_csv_path(p.id) for p in snapshot.project.plans)}
    assert set(files) == expected


# --- JSON and its schema -----------------------------------------------------------------------


def test_corpus_json_is_the_export_contract(files, snapshot) -> None:
    data = _json(files, CORPUS_JSON)
    assert data == json.loads(json.dumps(export_json(snapshot, COMMIT)))
    assert data["as_of"] == AS_OF.isoformat()
    assert data["source_commit"] == COMMIT
    assert files[CORPUS_JSON].endswith(b"}\n")
    # written plan by plan, it is byte for byte the whole export serialised at once
    assert files[CORPUS_JSON] == json_bytes(export_json(snapshot, COMMIT))


def test_streamed_export_calls_back_with_each_plan(snapshot) -> None:
    seen = []
    out = io.BytesIO()
    write_export(out, snapshot, COMMIT, lambda plan, rest: seen.append((plan, sorted(rest))))
    whole = export_json(snapshot, COMMIT)
    assert [plan for plan, _ in seen] == whole["plans"]
    assert all(keys == sorted(k for k in whole if k != "plans") for _, keys in seen)


def test_committed_schema_is_generated_from_code(files) -> None:
    committed = (REPO / EXPORT_SCHEMA_FILE).read_bytes()
    assert committed == export_schema_bytes(), (
        "schemas/export.schema.json is stale: run congkhai schemas"
    )
    assert files[SCHEMA_JSON] == committed


@pytest.mark.parametrize("strict", [False, True], ids=["published", "strict"])
def test_exports_validate_against_the_schema(files, strict: bool) -> None:
    schema = export_schema(strict=strict)
    Validator.check_schema(schema)
    validator = Validator(schema, format_checker=Validator.FORMAT_CHECKER)
    paths = [CORPUS_JSON, *(p for p in files
                            if p.startswith(f"{DATA_DIR}/ke-hoach/") and p.endswith(".json"))]
    assert len(paths) > 1
    for path in paths:
        errors = [f"{list(e.absolute_path)}: {e.message}"
                  for e in validator.iter_errors(_json(files, path))]
        assert errors == [], path


def test_strict_schema_catches_undocumented_and_wrong_values(files) -> None:
    validator = Validator(export_schema(strict=True), format_checker=Validator.FORMAT_CHECKER)
    data = _json(files, CORPUS_JSON)
    task = data["plans"][0]["tasks"][0]
    task["surprise"] = 1
    task["status"]["code"] = "xong"
    data["plans"][0]["document"]["issued"] = "2024-02-30"
    del data["agencies"][0]["name"]
    messages = " | ".join(e.message for e in validator.iter_errors(data))
    assert "surprise" in messages
    assert "'xong' is not one of" in messages
    assert "is not a 'date'" in messages
    assert "'name' is a required property" in messages
    # The published schema lets later versions add keys but still checks the rest.
    published = Validator(export_schema(), format_checker=Validator.FORMAT_CHECKER)
    assert not any("surprise" in e.message for e in published.iter_errors(data))
    assert any("xong" in e.message for e in published.iter_errors(data))


def test_every_exported_key_is_described(files) -> None:
    schema = export_schema()

    def undocumented(node: Any, where: str) -> list[str]:
        out = []
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if not value.get("description"):
                    out.append(f"{where}.{key}")
            for key, value in node.items():
                out += undocumented(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                out += undocumented(value, f"{where}[{i}]")
        return out

    assert undocumented(schema, "$") == []


def test_per_plan_json_holds_its_plan_and_what_it_refers_to(files, snapshot) -> None:
    corpus = _json(files, CORPUS_JSON)
    for plan in snapshot.project.plans:
        data = _json(files, plan_json_path(plan.id))
        assert [p["id"] for p in data["plans"]] == [plan.id]
        assert data["plans"][0] == next(p for p in corpus["plans"] if p["id"] == plan.id)
        for key in ("export_version", "generator", "as_of", "source_commit", "statuses"):
            assert data[key] == corpus[key]
        agency_ids = {a["id"] for a in data["agencies"]}
        p = data["plans"][0]
        used = {p["document"]["issuer"]}
        for t in _walk_tasks(p["tasks"]):
            used.update(r["agency"] for r in t["leads"] + t["support_refs"])
        for d in p["duties"]:
            used.update(r["agency"] for r in d["agencies"])
        assert used <= agency_ids
        assert all(a["parent"] in agency_ids for a in data["agencies"] if a["parent"])
        area_ids = {a["id"] for a in data["areas"]}
        assert {t["area"] for t in _walk_tasks(p["tasks"]) if t["area"]} <= area_ids
        assert {f for a in data["areas"] for f in a["frameworks"]} <= {
            f["id"] for f in data["frameworks"]}
        assert {a["province"] for a in data["agencies"] if a["province"]} <= {
            pr["id"] for pr in data["provinces"]}


# --- counts ------------------------------------------------------------------------------------


def test_model_counts_of_the_shipped_plans(counts: Counts, snapshot) -> None:
    project = snapshot.project
    assert counts.plans == len(project.plans) == 7
    assert counts.top_level_tasks == sum(len(p.tasks) for p in project.plans) == 192
    assert counts.tasks == counts.top_level_tasks + counts.subtasks == len(snapshot.facts)
    assert counts.agencies == len(project.agencies)
    assert counts.areas == len(project.areas)
    assert counts.updates > 0 and counts.objectives > 0 and counts.targets > 0


def test_counts_in_json_equal_the_model(files, counts: Counts) -> None:
    for paths in ([CORPUS_JSON], [p for p in files
                                  if p.startswith(f"{DATA_DIR}/ke-hoach/")
                                  and p.endswith(".json")]):
        plans = [p for path in paths for p in _json(files, path)["plans"]]
        tasks = [t for p in plans for t in _walk_tasks(p["tasks"])]
        objectives = [o for p in plans for o in p["objectives"]] + [
            o for t in tasks for o in t["objectives"]]
        assert len(plans) == counts.plans
        assert len(tasks) == counts.tasks
        assert sum(len(p["tasks"]) for p in plans) == counts.top_level_tasks
        assert sum(p["summary"]["tasks"] for p in plans) == counts.tasks
        assert len(objectives) == counts.objectives
        assert sum(len(o["targets"]) for o in objectives) == counts.targets
        assert sum(len(o["measurements"]) for o in objectives) == counts.measurements
        assert sum(len(t["updates"]) for t in tasks) == counts.updates
    corpus = _json(files, CORPUS_JSON)
    assert len(corpus["agencies"]) == counts.agencies
    assert len(corpus["areas"]) == counts.areas


def _table_counts(rows: dict[str, list[Any]], key: Any) -> dict[str, int]:
    """Counts from table rows; ``key(row, column)`` reads a cell."""
    tasks = rows[TASKS_TABLE.name]
    targets = rows[TARGETS_TABLE.name]
    return {
        "plans": len(rows[PLANS_TABLE.name]),
        "tasks": len(tasks),
        "top_level_tasks": sum(1 for r in tasks if key(r, TASKS_TABLE, "parent_task_id") is None),
        "objectives": len({(key(r, TARGETS_TABLE, "plan_id"), key(r, TARGETS_TABLE, "task_id"),
                            key(r, TARGETS_TABLE, "objective_id")) for r in targets}),
        "targets": sum(1 for r in targets if key(r, TARGETS_TABLE, "target_no") is not None),
        "agencies": len(rows[AGENCIES_TABLE.name]),
        "areas": len(rows[AREAS_TABLE.name]),
        "updates": len(rows[UPDATES_TABLE.name]),
        "tasks_in_plans": sum(int(key(r, PLANS_TABLE, "tasks")) for r in rows[PLANS_TABLE.name]),
    }


def _expected(counts: Counts) -> dict[str, int]:
    return {"plans": counts.plans, "tasks": counts.tasks,
            "top_level_tasks": counts.top_level_tasks, "objectives": counts.objectives,
            "targets": counts.targets, "agencies": counts.agencies, "areas": counts.areas,
            "updates": counts.updates, "tasks_in_plans": counts.tasks}


def test_counts_in_csv_equal_the_model(files, counts: Counts) -> None:
    rows = {t.name: _csv(files[t.path]) for t in TABLES}
    assert _table_counts(rows, lambda r, _t, c: r[c] or None) == _expected(counts)


def test_counts_in_workbook_equal_the_model(files, counts: Counts) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(files[WORKBOOK]))
    rows = {t.name: list(wb[t.sheet].iter_rows(min_row=2, values_only=True)) for t in TABLES}

    def cell(row: tuple[Any, ...], table: Any, column: str) -> Any:
        return row[[c.name for c in table.columns].index(column)]

    assert _table_counts(rows, cell) == _expected(counts)


def test_zip_holds_the_same_files_and_counts(files, snapshot, counts: Counts) -> None:
    with zipfile.ZipFile(io.BytesIO(files[ARCHIVE])) as archive:
        names = archive.namelist()
        assert names[0] == "README.txt"
        inner = {n: archive.read(n) for n in names}
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(AS_OF.year, AS_OF.month, AS_OF.day, 0, 0, 0)}
    # every download but the per-plan files, which only split congkhai.json plan by plan
    archived = [p for p in files if p != ARCHIVE and not p.startswith(f"{DATA_DIR}/ke-hoach/")]
    for path in archived:
        assert inner[path.removeprefix(f"{DATA_DIR}/")] == files[path], path
    assert set(names) == {"README.txt", *(p.removeprefix(f"{DATA_DIR}/") for p in archived)}
    corpus = json.loads(inner["congkhai.json"])
    for plan in corpus["plans"]:
        single = json.loads(files[f"{DATA_DIR}/ke-hoach/{plan['id']}.json"])
        assert single["plans"] == [plan]
    readme = inner["README.txt"].decode("utf-8")
    assert AS_OF.isoformat() in readme and COMMIT in readme
    assert f"{counts.tasks} nhiệm vụ" in readme and f"{counts.updates} lần cập" in readme


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_files_are_utf8_bom_crlf_with_as_of_and_commit(files) -> None:
    for table in TABLES:
        data = files[table.path]
        assert data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        records = list(csv.reader(io.StringIO(text, newline="")))
        again = io.StringIO()
        csv.writer(again, lineterminator="\r\n").writerows(records)
        assert again.getvalue() == text  # every record ends with CRLF
        rows = _csv(data)
        assert list(rows[0]) == [c.name for c in table.columns]
        assert {r["as_of"] for r in rows} == {AS_OF.isoformat()}
        assert {r["source_commit"] for r in rows} == {COMMIT}


def test_tasks_csv_extends_the_existing_export(files, snapshot) -> None:
    """Rows begin with exactly the columns of ``congkhai export --format csv``."""
    old = list(csv.reader(io.StringIO(export_tasks_csv(snapshot), newline="")))
    new = list(csv.reader(io.StringIO(files[TASKS_TABLE.path].decode("utf-8-sig"),
                                      newline="")))
    width = len(TASK_CSV_COLUMNS)
    assert new[0][:width] == list(TASK_CSV_COLUMNS) == old[0]
    assert [row[:width] for row in new[1:]] == old[1:]


def test_derived_and_lost_values_are_marked_in_the_exports(files, snapshot) -> None:
    """Issue 15, points 4 and 9: a reading is marked with its reason, and what our copy lost is
    told apart from what the document does not state, in the CSV (hence the workbook and
    ``congkhai export --format csv``) and in the JSON."""
    assert {"lead_derived", "support_derived", "lost_in_copy",
            "lost_in_copy_label"} <= set(TASK_CSV_COLUMNS)
    rows = {(r["plan_id"], r["task_id"]): r for r in _csv(files[TASKS_TABLE.path])}
    project = snapshot.project
    seen = 0
    for plan in project.plans:
        for task in _walk_model_tasks(plan.tasks):
            row = rows[plan.id, task.id]
            for column, refs in (("lead_derived", task.leads), ("support_derived", task.support)):
                derived = [r for r in refs if r.derived]
                if not derived:
                    assert row[column] == "", (plan.id, task.id, column)
                for ref in derived:
                    seen += 1
                    part = next(p for p in row[column].split(" | ") if p.endswith(ref.derived))
                    assert ref.agency in part.split(": ", 1)[0].split(", "), (task.id, ref.agency)
            assert row["lost_in_copy"] == "; ".join(task.lost_in_copy)
            if task.lost_in_copy:
                assert row["lost_in_copy_label"].startswith(
                    "Không có trong bản sao văn bản của chúng tôi: ")
            else:
                assert row["lost_in_copy_label"] == ""
    assert seen > 40  # the Khánh Hòa readings alone
    pl18 = rows["nam-dinh-qd-337-2012", "PL.18"]
    assert pl18["lost_in_copy"] == "lead; support; deadline"
    assert pl18["lost_in_copy_label"] == ("Không có trong bản sao văn bản của chúng tôi: cơ quan "
                                          "chủ trì; cơ quan phối hợp; thời hạn")
    assert pl18["lead"] == pl18["deadline_text"] == ""
    i7 = rows["khanh-hoa-qd-4034-2017", "I.7"]
    assert i7["lead_derived"].startswith(
        "khanh-hoa-so-giao-duc-va-dao-tao, khanh-hoa-so-y-te, "
        "khanh-hoa-so-lao-dong-thuong-binh-va-xa-hoi, khanh-hoa-so-van-hoa-va-the-thao: "
        "Cột “Phân công” không ghi “chủ trì”")
    assert i7["support_derived"].startswith("khanh-hoa-so-ke-hoach-va-dau-tu: ")
    assert rows["khanh-hoa-qd-4034-2017", "I.1"]["lead_derived"] == ""
    plans = {r["plan_id"]: r for r in _csv(files[PLANS_TABLE.path])}
    assert plans["nam-dinh-qd-337-2012"]["lost_in_copy"] == "place"
    assert plans["quang-ngai-ct-09-2021"]["lost_in_copy"] == "signer.name"
    assert plans["khanh-hoa-qd-4034-2017"]["lost_in_copy"] == ""
    data = _json(files, CORPUS_JSON)
    assert data["missing_labels"] == {
        "not_stated": "không nêu trong văn bản",
        "lost_in_copy": "không có trong bản sao văn bản của chúng tôi",
    }
    by_id = {p["id"]: p for p in data["plans"]}
    task = next(t for t in by_id["nam-dinh-qd-337-2012"]["tasks"] if t["id"] == "PL.18")
    assert task["lost_in_copy"] == ["lead", "support", "deadline"]
    assert by_id["nam-dinh-qd-337-2012"]["document"]["lost_in_copy"] == ["place"]
    duties = {d["id"]: d for d in by_id["quang-ngai-ct-09-2021"]["duties"]}
    assert duties["khoi-1"]["lost_in_copy"] == ["number", "heading", "agency"]
    assert duties["6"]["lost_in_copy"] == []


def _walk_model_tasks(tasks):
    for t in tasks:
        yield t
        yield from _walk_model_tasks(t.subtasks)


def test_csv_references_that_frictionless_cannot_check(files) -> None:
    tasks = _csv(files[TASKS_TABLE.path])
    keys = {(r["plan_id"], r["task_id"]) for r in tasks}
    assert len(keys) == len(tasks)
    assert all((r["plan_id"], r["parent_task_id"]) in keys for r in tasks if r["parent_task_id"])
    targets = _csv(files[TARGETS_TABLE.path])
    assert all((r["plan_id"], r["task_id"]) in keys for r in targets if r["task_id"])
    updates = Counter((r["plan_id"], r["task_id"]) for r in _csv(files[UPDATES_TABLE.path]))
    assert all(int(r["updates"]) == updates[(r["plan_id"], r["task_id"])] for r in tasks)


def test_csv_cells() -> None:
    assert [csv_cell(v) for v in (None, True, False, dt.date(2018, 3, 31), 88.0, 85.12, 7,
                                  "a, b")] == ["", "true", "false", "2018-03-31", "88",
                                               "85.12", "7", "a, b"]


# --- Frictionless Data Package -------------------------------------------------------------------


def _frictionless_errors(descriptor: Path) -> list[list[Any]]:
    from frictionless import Package

    report = Package(str(descriptor)).validate()
    return report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])


def test_datapackage_validates_with_frictionless(files, tmp_path: Path) -> None:
    _write(files, tmp_path)
    assert _frictionless_errors(tmp_path / DATAPACKAGE) == []


def test_datapackage_inside_the_zip_validates(files, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(files[ARCHIVE])) as archive:
        archive.extractall(tmp_path)
    assert _frictionless_errors(tmp_path / "datapackage.json") == []


def test_frictionless_notices_a_changed_or_broken_file(files, tmp_path: Path) -> None:
    """The validation above is not vacuous: hashes, types and keys are checked."""
    _write(files, tmp_path)
    path = tmp_path / TASKS_TABLE.path
    text = path.read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    lines.append(lines[1])  # duplicate primary key
    path.write_bytes(("\ufeff" + "\r\n".join(lines)).encode("utf-8"))
    kinds = {e[3] for e in _frictionless_errors(tmp_path / DATAPACKAGE)}
    assert {"hash-count", "byte-count", "primary-key"} <= kinds


def test_datapackage_describes_every_table(files, snapshot) -> None:
    package = _json(files, DATAPACKAGE)
    assert package["licenses"] == [LICENCE]
    assert package["as_of"] == AS_OF.isoformat() and package["source_commit"] == COMMIT
    assert package["sources"][0]["path"] == SITE
    urls = {s["path"] for s in package["sources"]}
    assert {p.document.source_url for p in snapshot.project.plans
            if p.document.source_url} <= urls
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == [t.name for t in TABLES]
    for table in TABLES:
        r = resources[table.name]
        data = files[table.path]
        assert r["path"] == table.csv_name
        assert r["bytes"] == len(data)
        assert r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        fields = r["schema"]["fields"]
        assert [f["name"] for f in fields] == [c.name for c in table.columns]
        assert all(f["type"] in {"string", "integer", "number", "boolean", "date"}
                   for f in fields)
        assert r["schema"]["primaryKey"] == list(table.primary_key)
        required = {f["name"] for f in fields if f.get("constraints", {}).get("required")}
        assert {"as_of"} <= required or table.name == TASKS_TABLE.name


# --- workbook ------------------------------------------------------------------------------------


def test_workbook_layout(files, snapshot) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(files[WORKBOOK]))
    assert wb.sheetnames == ["Thông tin", "Kế hoạch", "Nhiệm vụ", "Mục tiêu - Chỉ tiêu",
                             "Cơ quan", "Lĩnh vực", "Cập nhật"]
    for table in TABLES:
        ws = wb[table.sheet]
        assert [c.value for c in ws[1]] == [c.title for c in table.columns]
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
        for i, column in enumerate(table.columns, start=1):
            letter = ws.cell(row=1, column=i).column_letter
            assert 6 <= ws.column_dimensions[letter].width <= 60
            values = [r[0] for r in ws.iter_rows(min_row=2, min_col=i, max_col=i,
                                                  values_only=True) if r[0] is not None]
            if column.type == "date":
                assert values and all(isinstance(v, dt.datetime) for v in values), column.name
                cells = [r[0] for r in ws.iter_rows(min_row=2, min_col=i, max_col=i)
                         if r[0].value is not None]
                assert all(c.is_date and c.number_format == "DD/MM/YYYY" for c in cells)
            if column.type == "integer":
                assert all(isinstance(v, int) for v in values), column.name
    assert wb["Nhiệm vụ"].cell(row=2, column=1).value == snapshot.facts[0].plan.id


def test_workbook_carries_as_of_and_commit(files) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(files[WORKBOOK]))
    moment = dt.datetime(2026, 11, 22, 17, 0, 0)  # midnight of the as-of date in Vietnam, UTC
    assert wb.properties.created == moment and wb.properties.modified == moment
    assert wb.properties.identifier == COMMIT
    assert AS_OF.isoformat() in wb.properties.description
    custom = {p.name: p.value for p in wb.custom_doc_props.props}
    assert custom["as_of"] == AS_OF.isoformat() and custom["source_commit"] == COMMIT
    info = {r[0]: r[1] for r in wb["Thông tin"].iter_rows(values_only=True)}
    assert info["Tính đến ngày"] == dt.datetime(2026, 11, 23)
    assert info["Phiên bản dữ liệu nguồn (commit)"] == COMMIT
    with zipfile.ZipFile(io.BytesIO(files[WORKBOOK])) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 23, 0, 0, 0)}


def test_workbook_never_turns_text_into_formulas(snapshot) -> None:
    from openpyxl import load_workbook

    from generator.downloads.workbook import workbook_bytes

    tables = {t.name: [] for t in TABLES}
    row = [None] * len(UPDATES_TABLE.columns)
    row[[c.name for c in UPDATES_TABLE.columns].index("note")] = "=HYPERLINK(\"http://x\")"
    tables[UPDATES_TABLE.name] = [row]
    wb = load_workbook(io.BytesIO(workbook_bytes(snapshot, tables, None)))
    cell = wb["Cập nhật"].cell(row=2, column=[c.name for c in UPDATES_TABLE.columns]
                               .index("note") + 1)
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"


# --- reproducibility and privacy -----------------------------------------------------------------


def test_same_input_gives_identical_bytes(files, snapshot) -> None:
    project, _ = load_project(REPO, AS_OF)
    assert build_downloads(Snapshot(project, AS_OF), COMMIT, SITE) == files


_DIGEST_SCRIPT = """
import datetime as dt, hashlib, json, sys
from pathlib import Path
from generator.downloads.feeds import iter_feeds
from generator.downloads.opendata import build_downloads
from generator.model.project import load_project
from generator.facts.snapshot import Snapshot
as_of = dt.date.fromisoformat(sys.argv[2])
snapshot = Snapshot(load_project(Path(sys.argv[1]), as_of)[0], as_of)
files = build_downloads(snapshot, sys.argv[3], sys.argv[4])
files.update(iter_feeds(snapshot, sys.argv[4]))
print(json.dumps({k: hashlib.sha256(v).hexdigest() for k, v in sorted(files.items())}))
"""


def _digests_in_subprocess(seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": "America/Los_Angeles"}
    done = subprocess.run(
        [sys.executable, "-c", _DIGEST_SCRIPT, str(REPO), AS_OF.isoformat(), COMMIT, SITE],
        capture_output=True, env=env, cwd=REPO, timeout=300, check=True,
    )
    return json.loads(done.stdout)


def test_reproducible_across_processes_hash_seeds_and_time_zones(files, snapshot) -> None:
    here = {**files, **_feeds(snapshot, SITE)}
    mine = {k: hashlib.sha256(v).hexdigest() for k, v in sorted(here.items())}
    assert _digests_in_subprocess("1") == mine
    assert _digests_in_subprocess("2") == mine


def test_deterministic_zip_is_stable() -> None:
    members = [("b.txt", b"b"), ("a/c.txt", "ă".encode())]
    first = deterministic_zip(members, AS_OF)
    assert first == deterministic_zip(members, AS_OF)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == ["b.txt", "a/c.txt"]
        assert archive.read("a/c.txt") == "ă".encode()


def _all_text(files: dict[str, bytes]) -> str:
    parts = []
    for path, data in files.items():
        if path.endswith((".zip", ".xlsx")):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts.extend(archive.read(n).decode("utf-8", "replace")
                             for n in archive.namelist())
        else:
            parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


def _git_identities() -> set[str]:
    try:
        out = subprocess.run(["git", "log", "--format=%an%n%ae%n%cn%n%ce"], cwd=REPO,
                             capture_output=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in out.decode("utf-8", "replace").splitlines()
            if len(line.strip()) >= 6}


def test_no_commit_author_or_email_anywhere(files, snapshot) -> None:
    text = _all_text({**files, **_feeds(snapshot, SITE)})
    for identity in _git_identities():
        assert identity not in text
    assert re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", text.replace("@congkhai.example.org", "")) is None
    # Signer names printed on documents are public and kept.
    demo = snapshot.project.plan("minh-hoa-kh-01-2025")
    assert demo is not None and demo.document.signer_name in text


# --- the "Dữ liệu mở" page -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_source(files, snapshot) -> str:
    page = open_data_page(snapshot, describe_files({**files, **_feeds(snapshot, SITE)}),
                          COMMIT, data_catalogue(snapshot.project))
    assert page.path == OPEN_DATA_PAGE
    return render_page(make_environment(), page)


def test_open_data_page_explains_the_quote_before_formula_like_cells(page_source: str) -> None:
    assert 'id="chong-chen-cong-thuc"' in page_source
    assert "OWASP" in page_source and "<code>'- Xây dựng…</code>" in page_source


def test_open_data_page_lists_every_download(page_source: str, files) -> None:
    front = yaml.safe_load(page_source.split("---\n")[1])
    assert front["title"] == "Dữ liệu mở"
    for path, data in files.items():
        link = posixpath.relpath(path, "du-lieu-mo")
        assert f'href="{link}"' in page_source, path
        assert hashlib.sha256(data).hexdigest() in page_source or path.startswith(
            f"{DATA_DIR}/ke-hoach/")
    for path in (ARCHIVE, CORPUS_JSON, WORKBOOK, DATAPACKAGE, SCHEMA_JSON):
        assert human_size(len(files[path])) in page_source
    assert 'href="../du-lieu/cap-nhat.xml"' in page_source
    assert 'href="../du-lieu/han.ics"' in page_source


def test_open_data_page_states_licence_date_commit_and_contract(page_source: str) -> None:
    assert "CC BY 4.0" in page_source and LICENCE["path"] in page_source
    assert "23/11/2026" in page_source and COMMIT[:12] in page_source
    for key in ("export_version", "as_of", "source_commit", "plans", "agencies", "deadline",
                "fixed_deadline", "days_overdue"):
        assert f"<code>{key}</code>" in page_source
    for table in TABLES:
        assert f"<code>{table.csv_name}</code>" in page_source


def test_open_data_page_states_the_feed_limits(page_source: str) -> None:
    since = AS_OF - dt.timedelta(days=CALENDAR_PAST_DAYS)
    assert f"<strong>{FEED_ENTRY_LIMIT} cập nhật mới nhất</strong>" in page_source
    assert f"<strong>từ ngày {since:%d/%m/%Y}</strong>" in page_source
    assert "<code>cap-nhat.csv</code>" in page_source


def test_open_data_page_without_commit_or_feeds(files, snapshot) -> None:
    page = open_data_page(snapshot, describe_files(files), None,
                          data_catalogue(snapshot.project))
    text = render_page(make_environment(), page)
    assert "không xác định" in text
    assert "cap-nhat.xml" not in text.split("## Giấy phép")[0].split("## Theo dõi")[1]


def test_links_for_plan_and_agency_pages() -> None:
    assert plan_data_links("x") == {"json": "../../du-lieu/ke-hoach/x.json",
                                    "xlsx": "../../du-lieu/ke-hoach/x.xlsx",
                                    "csv": "../../du-lieu/ke-hoach/x.csv",
                                    "atom": "../../du-lieu/ke-hoach/x.xml",
                                    "open_data": "../../du-lieu-mo/"}
    assert agency_data_links("so-noi-vu") == {"atom": "../../du-lieu/co-quan/so-noi-vu.xml",
                                              "ics": "../../du-lieu/co-quan/so-noi-vu.ics",
                                              "open_data": "../../du-lieu-mo/"}


def test_human_size() -> None:
    assert [human_size(n) for n in (0, 999, 1000, 86841, 527276, 1_234_567)] == [
        "0 B", "999 B", "1,0 kB", "86,8 kB", "527 kB", "1,2 MB"]


def test_default_site_url_is_a_placeholder(snapshot) -> None:
    rows = _csv(build_downloads(snapshot)[PLANS_TABLE.path])
    assert all(r["url"].startswith(DEFAULT_SITE_URL) for r in rows)
    assert {r["source_commit"] for r in rows} == {""}


def _feeds(snapshot, site_url=None, tag_authority=None, limit=None):
    """Every feed file, as bytes, by path."""
    kwargs = {} if limit is None else {"limit": limit}
    return dict(iter_feeds(snapshot, site_url, tag_authority, **kwargs))


def test_csv_and_sheet_widths_take_shortcuts_without_changing_anything(
        snapshot, synthetic_project) -> None:
    """write_csv converts only the columns that need it, and the workbook measures column
    widths lazily; both give what converting and measuring every cell gives."""
    from generator.downloads.rows import iter_table_rows, write_csv
    from generator.downloads.workbook import _MAX_WIDTH, _MIN_WIDTH, _widest

    def every_cell_csv(table, rows) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.name for c in table.columns])
        writer.writerows([csv_cell(v) for v in row] for row in rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    def every_cell_width(rows, i, title) -> int:
        lengths = [len(title)]
        for row in rows:
            value = row[i]
            if value is not None:
                lengths.append(10 if isinstance(value, dt.date) else 5 if isinstance(value, bool)
                               else max((len(x) for x in str(value).splitlines()), default=0))
        return max(_MIN_WIDTH, min(_MAX_WIDTH, 2 + max(lengths)))

    for snap in (snapshot, Snapshot(synthetic_project(400, 8, 11), AS_OF)):
        for table, rows in iter_table_rows(snap, COMMIT, SITE):
            buffer = io.BytesIO()
            write_csv(buffer, table, rows)
            assert buffer.getvalue() == every_cell_csv(table, rows), table.name
            for i, column in enumerate(table.columns):
                fast = max(_MIN_WIDTH, min(_MAX_WIDTH, 2 + _widest(rows, i, len(column.title))))
                assert fast == every_cell_width(rows, i, column.title), (table.name, column.name)


# --- export contract 2.0: leads, not a first lead (issue 15, point 10) --------------------------


def test_contract_2_0_exports_every_lead(files, snapshot) -> None:
    from generator.common.dataset import EXPORT_CHANGES, EXPORT_VERSION

    assert EXPORT_VERSION == "2.1" == EXPORT_CHANGES[0][0]
    assert EXPORT_CHANGES[1][0] == "2.0"  # 2.1 only added keys
    data = _json(files, CORPUS_JSON)
    assert data["export_version"] == "2.1"
    model = {(p.id, t.id): t for p in snapshot.project.plans for t in _walk_model_tasks(p.tasks)}
    co_led = []
    for plan in data["plans"]:
        for task in _walk_tasks(plan["tasks"]):
            assert "lead" not in task  # it held the first of several leads only
            leads = model[plan["id"], task["id"]].leads
            assert task["leads"] == [{"agency": r.agency, "derived": r.derived} for r in leads]
            if len(leads) > 1:
                co_led.append((plan["id"], task["id"]))
    # Co-leads of the real plans: Lào Cai 7, Quảng Ngãi 1.đ.2, Nam Định VII.2, VII.3, VII.7,
    # Khánh Hòa II.3 and eight of its readings.
    real = sorted(k for k in co_led if not k[0].startswith("minh-hoa"))
    assert ("lao-cai-kh-165-2020", "7") in real and ("quang-ngai-ct-09-2021", "1.đ.2") in real
    assert len(real) == 14
    # The tasks table holds every lead too, as it always did.
    rows = {(r["plan_id"], r["task_id"]): r for r in _csv(files[TASKS_TABLE.path])}
    for key in real:
        assert rows[key]["lead"] == "; ".join(r.agency for r in model[key].leads)
    schema = export_schema()
    assert "lead" not in schema["$defs"]["task"]["properties"]
    # the schema says what its version changed; the open-data page lists every version
    assert "2.1" in schema["title"] and "Chỉ thêm khóa" in schema["description"]


def test_open_data_page_documents_the_contract_versions(page_source: str) -> None:
    from generator.common.dataset import EXPORT_CHANGES

    assert "phiên bản 2.1" in page_source
    for version, text in EXPORT_CHANGES:
        assert f"Phiên bản {version}" in page_source
        assert text.split(":")[0] in page_source
