"""Open data: the corpus as downloadable files under the stable prefix ``du-lieu/``.

:func:`build_downloads` turns a snapshot into the files of the "Dữ liệu mở" page, as bytes:

* ``du-lieu/congkhai.json``: the export contract (:func:`generator.downloads.export.export_json`);
* ``du-lieu/ke-hoach/<plan-id>.json``: the same shape with one plan and the registry entries it
  refers to; ``.xlsx`` and ``.csv`` beside it, the plan's tables for people
  (:mod:`generator.downloads.plan_files`);
* ``du-lieu/<table>.csv``: six tables (plans, tasks, objectives/targets, agencies, areas,
  updates), UTF-8 with a BOM and CRLF line ends, each row carrying ``as_of`` and
  ``source_commit``;
* ``du-lieu/congkhai.xlsx``: the same tables, one sheet each, Vietnamese headers;
* ``du-lieu/datapackage.json``: a Frictionless Data Package describing the CSV files;
* ``du-lieu/congkhai.schema.json``: the JSON Schema of the export
  (:func:`generator.downloads.export_schema.export_schema`, also committed as
  ``schemas/export.schema.json``);
* ``du-lieu/congkhai.zip``: all of the above with a README, except the per-plan JSON files,
  which only repeat ``congkhai.json`` plan by plan.

Everything is reproducible: the same snapshot, source commit and site address give
byte-identical files (fixed ZIP timestamps taken from the as-of date, fixed workbook
properties, no set or clock anywhere). No personal data is written: no editor or commit author
appears anywhere; the signer of a document is public information printed on the document.

Regenerate the committed schema with ``congkhai schemas``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, BinaryIO

from generator import __version__
from generator.common.dataset import DATASET_TITLE, EXPORT_VERSION, LICENCE, LICENCE_NOTE
from generator.common.serialise import json_bytes, pretty_json_bytes, write_zip
from generator.common.urls import ARCHIVE, DATA_DIR, normalise_site_url
from generator.common.writer import FileInfo, MemoryWriter, TreeWriter
from generator.downloads.datapackage import datapackage
from generator.downloads.export import export_json, write_export
from generator.downloads.export_schema import export_schema_bytes
from generator.downloads.plan_files import PEOPLE_TABLES, plan_spreadsheets
from generator.downloads.rows import iter_table_rows, table_rows, write_csv
from generator.downloads.workbook import add_info, add_table, workbook_writer
from generator.facts.snapshot import Snapshot
from generator.facts.stats import Counts, model_counts


def _refs_in(value: Any, keys: frozenset[str], found: set[str]) -> set[str]:
    """Add to ``found`` every string under one of ``keys`` anywhere in a JSON-ready structure.

    Plain recursion into a set: nested generators cost seconds on a province's 1,200 plans.
    """
    if isinstance(value, dict):
        for k, v in value.items():
            if k in keys and isinstance(v, str):
                found.add(v)
            elif isinstance(v, dict | list):
                _refs_in(v, keys, found)
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, dict | list):
                _refs_in(v, keys, found)
    return found


_REF_KEYS = frozenset({"agency"})


def plan_export(corpus: Mapping[str, Any], plan_id: str,
                by_id: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The corpus export cut down to one plan and the registry entries it refers to.

    ``by_id`` (agencies of the corpus by id) spares rebuilding it for every plan."""
    plan = next(p for p in corpus["plans"] if p["id"] == plan_id)
    if by_id is None:
        by_id = {a["id"]: a for a in corpus["agencies"]}
    wanted = _refs_in(plan, _REF_KEYS, {plan["document"]["issuer"]})
    for task in _walk_json_tasks(plan["tasks"]):
        wanted.update(task["support"])
    pending = list(wanted)
    while pending:
        parent = by_id.get(pending.pop(), {}).get("parent")
        if parent and parent not in wanted:
            wanted.add(parent)
            pending.append(parent)
    agencies = [a for a in corpus["agencies"] if a["id"] in wanted]
    area_ids = {s["area"] for s in plan["sections"]} | {
        t["area"] for t in _walk_json_tasks(plan["tasks"])}
    areas = [a for a in corpus["areas"] if a["id"] in area_ids]
    framework_ids = {f for a in areas for f in a["frameworks"]}
    province_ids = {a["province"] for a in agencies}
    out = {k: v for k, v in corpus.items()
           if k not in ("plans", "agencies", "areas", "frameworks", "provinces")}
    out.update({
        "plans": [plan],
        "agencies": agencies,
        "areas": areas,
        "frameworks": [f for f in corpus["frameworks"] if f["id"] in framework_ids],
        "provinces": [p for p in corpus["provinces"] if p["id"] in province_ids],
    })
    return out


def _walk_json_tasks(tasks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for t in tasks:
        yield t
        yield from _walk_json_tasks(t["subtasks"])


README_NAME = "README.txt"


def _readme(snapshot: Snapshot, counts: Counts, source_commit: str | None,
            names: Sequence[str]) -> bytes:
    lines = [
        DATASET_TITLE,
        "=" * len(DATASET_TITLE),
        "",
        f"Tính đến ngày: {snapshot.as_of.isoformat()} ({snapshot.as_of:%d/%m/%Y})",
        f"Phiên bản dữ liệu nguồn (commit): {source_commit or 'không xác định'}",
        f"Phiên bản hợp đồng xuất dữ liệu: {EXPORT_VERSION}",
        f"Chương trình tạo tệp: congkhai {__version__}",
        f"Giấy phép: {LICENCE['title']} — {LICENCE['path']}",
        "",
        LICENCE_NOTE,
        "",
        f"Số liệu: {counts.plans} kế hoạch, {counts.tasks} nhiệm vụ (trong đó "
        f"{counts.subtasks} nhiệm vụ con), {counts.objectives} mục tiêu, {counts.targets} chỉ "
        f"tiêu, {counts.agencies} cơ quan, {counts.areas} lĩnh vực, {counts.updates} lần cập "
        "nhật tiến độ. Dữ liệu minh họa (hư cấu) có demo = true.",
        "",
        "Các tệp:",
        "  congkhai.json         toàn bộ dữ liệu theo hợp đồng xuất dữ liệu",
        "  congkhai.schema.json  JSON Schema của congkhai.json và ke-hoach/*.json",
        "  *.csv                 các bảng (UTF-8 có BOM, xuống dòng CRLF); ô chữ bắt đầu "
        "bằng = + - @ có thêm dấu ' ở đầu để bảng tính không coi là công thức",
        "  datapackage.json      mô tả các bảng CSV (Frictionless Data Package)",
        "  congkhai.xlsx         các bảng trong một tệp Excel",
        "Tệp JSON của từng kế hoạch (ke-hoach/<mã>.json, cùng cấu trúc) chỉ chia nhỏ "
        "congkhai.json nên không có trong tệp nén; tải từ trang Dữ liệu mở.",
        "",
        "Danh sách tệp:",
        *(f"  {name}" for name in names),
        "",
        "Không có dữ liệu cá nhân: không có tên hay thư điện tử của người biên tập. Họ tên người "
        "ký in trên văn bản là thông tin công khai của văn bản.",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def _plan_files(snapshot: Snapshot, corpus: Mapping[str, Any],
                tables: Mapping[str, Sequence[Sequence[Any]]], source_commit: str | None,
                site_url: str) -> dict[str, bytes]:
    """Each plan's own files (JSON, and for people XLSX and CSV), by path inside
    ``du-lieu/``."""
    files = {f"ke-hoach/{plan.id}.json": json_bytes(plan_export(corpus, plan.id))
             for plan in snapshot.project.plans}
    files.update(plan_spreadsheets(snapshot, tables, source_commit, site_url))
    return files


def plan_downloads(
    snapshot: Snapshot, source_commit: str | None = None, site_url: str | None = None
) -> dict[str, bytes]:
    """Only the per-plan files of ``snapshot``'s plans, by path relative to the documentation
    root: what the demo section's plans get, kept out of the site-wide files."""
    base = normalise_site_url(site_url)
    corpus = export_json(snapshot, source_commit)
    tables = table_rows(snapshot, source_commit, base)
    files = _plan_files(snapshot, corpus, tables, source_commit, base)
    return {f"{DATA_DIR}/{name}": data for name, data in files.items()}


def build_downloads(
    snapshot: Snapshot, source_commit: str | None = None, site_url: str | None = None
) -> dict[str, bytes]:
    """Every open-data file, as bytes, by path relative to the documentation root."""
    sink = MemoryWriter()
    write_downloads(sink, snapshot, source_commit, site_url)
    return sink.files


def write_downloads(
    sink: TreeWriter | MemoryWriter, snapshot: Snapshot, source_commit: str | None = None,
    site_url: str | None = None,
) -> list[str]:
    """Write every open-data file through ``sink``, each as it is made, and the archive from
    what was written: at province scale nothing larger than one table's rows is held. Returns
    the paths written (relative to the documentation root); their sizes and digests are in
    ``sink.streamed``."""
    base = normalise_site_url(site_url)
    names: list[str] = []

    def stream(name: str) -> AbstractContextManager[BinaryIO]:
        names.append(name)
        return sink.stream(f"{DATA_DIR}/{name}")

    by_id: dict[str, Any] = {}

    def each_plan(plan: dict[str, Any], rest: dict[str, Any]) -> None:
        if not by_id:
            by_id.update((a["id"], a) for a in rest["agencies"])
        with stream(f"ke-hoach/{plan['id']}.json") as out:
            out.write(json_bytes(plan_export({**rest, "plans": [plan]}, plan["id"], by_id)))

    with stream("congkhai.json") as out:
        write_export(out, snapshot, source_commit, each_plan)
    with stream("congkhai.schema.json") as out:
        out.write(export_schema_bytes())
    csv_info: dict[str, FileInfo] = {}
    counts: dict[str, int] = {}
    # the rows each plan's own spreadsheets need (the other tables are dropped once written)
    people = {t.name for t in PEOPLE_TABLES}
    kept: dict[str, Sequence[Sequence[Any]]] = {}
    with stream("congkhai.xlsx") as xlsx_out, \
            workbook_writer(xlsx_out, snapshot, source_commit) as book:
        for table, rows in iter_table_rows(snapshot, source_commit, base):
            with stream(table.csv_name) as out:
                write_csv(out, table, rows)
            csv_info[table.csv_name] = sink.streamed[f"{DATA_DIR}/{table.csv_name}"]
            add_table(book, table, rows)
            counts[table.name] = len(rows)
            if table.name in people:
                kept[table.name] = rows
            del rows
        add_info(book, snapshot, source_commit, counts)
    with stream("datapackage.json") as out:
        out.write(pretty_json_bytes(datapackage(snapshot, csv_info, source_commit, base)))
    for name, data in plan_spreadsheets(snapshot, kept, source_commit, base):
        with stream(name) as out:
            out.write(data)
    del kept
    # The archive: everything above but the per-plan files, which only split the tables.
    inner = [n for n in names if not n.startswith("ke-hoach/")]
    inner = [*(n for n in inner if n.endswith(".json")), *(n for n in inner if n.endswith(".csv")),
             *(n for n in inner if n.endswith(".xlsx"))]
    readme = _readme(snapshot, model_counts(snapshot.project), source_commit, inner)
    members = [(README_NAME, lambda: io.BytesIO(readme)),
               *((n, lambda n=n: sink.open_read(f"{DATA_DIR}/{n}")) for n in inner)]
    with sink.stream(ARCHIVE) as out:
        write_zip(out, members, snapshot.as_of)
    return [*(f"{DATA_DIR}/{n}" for n in names), ARCHIVE]
