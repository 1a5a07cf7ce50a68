"""The "Dữ liệu mở" page: every download with its size and digest, and what the files hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.common import urls
from generator.common.dataset import (
    CALENDAR_PAST_DAYS,
    EXPORT_CHANGES,
    EXPORT_VERSION,
    FEED_ENTRY_LIMIT,
    LICENCE,
    LICENCE_NOTE,
    Catalogue,
)
from generator.common.urls import (
    ARCHIVE,
    CORPUS_JSON,
    DATA_DIR,
    DATAPACKAGE,
    OPEN_DATA_PAGE,
    SCHEMA_JSON,
    SITE_ATOM,
    SITE_ICS,
    WORKBOOK,
    agency_atom_path,
    agency_ics_path,
    plan_atom_path,
    plan_csv_path,
    plan_json_path,
    plan_xlsx_path,
)
from generator.common.writer import FileInfo
from generator.facts.snapshot import Snapshot
from generator.facts.stats import model_counts
from generator.site.views import Page
from generator.sources.clock import vn_date


def human_size(n: int) -> str:
    """A size as Vietnamese readers write it: "1,2 MB", "532 kB", "812 B"."""
    if n < 1000:
        return f"{n} B"
    for unit, scale in (("kB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        value = n / scale
        if value < 1000 or unit == "GB":
            text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
            return text.replace(".", ",") + f" {unit}"
    raise AssertionError  # pragma: no cover


_FORMATS = {
    ".json": "JSON", ".csv": "CSV (UTF-8 có BOM)", ".xlsx": "Excel (.xlsx)", ".zip": "ZIP",
    ".xml": "Atom", ".ics": "iCalendar",
}


def _kind(path: str) -> str:
    return _FORMATS.get(Path(path).suffix, Path(path).suffix.lstrip(".").upper())


LISTED_FILES = 100
OPEN_DATA_TITLE = "Dữ liệu mở"
OPEN_DATA_DESCRIPTION = ("Tải toàn bộ dữ liệu kế hoạch cải cách hành chính: JSON, CSV, Excel, "
                         "Data Package, nguồn tin Atom và lịch iCalendar; giấy phép CC BY 4.0.")


def open_data_page(
    snapshot: Snapshot, files: Mapping[str, FileInfo], source_commit: str | None,
    catalogue: Catalogue,
) -> Page:
    """The "Dữ liệu mở" page (``du-lieu-mo.md``) listing ``files`` with sizes.

    ``files`` describes (:func:`generator.common.writer.describe_files`) the downloads and
    feeds; the page lists those present. ``catalogue`` documents the contract and the tables.
    """
    here = OPEN_DATA_PAGE
    counts = model_counts(snapshot.project)

    def entry(path: str, content: str) -> dict[str, Any]:
        info = files[path]
        return {
            "name": path.rsplit("/", 1)[-1], "url": urls.relative(here, path), "path": path,
            "content": content, "format": _kind(path), "size": human_size(info.size),
            "bytes": info.size, "sha256": info.sha256,
        }

    main = [
        (ARCHIVE, "Tất cả các tệp dữ liệu dưới đây trong một tệp nén, kèm README."),
        (CORPUS_JSON, f"Toàn bộ dữ liệu theo hợp đồng xuất dữ liệu: {counts.plans} kế hoạch, "
                      f"{counts.tasks} nhiệm vụ, danh mục cơ quan và lĩnh vực."),
        (WORKBOOK, "Các bảng dưới đây trong một tệp Excel, mỗi bảng một trang tính."),
        *((t.path, f"Bảng {t.title.lower()}: {t.summary}.") for t in catalogue.tables),
        (DATAPACKAGE, "Mô tả các bảng CSV (Frictionless Data Package): kiểu dữ liệu, khóa, "
                      "giấy phép, nguồn."),
        (SCHEMA_JSON, "JSON Schema của tệp JSON toàn bộ và từng kế hoạch."),
    ]
    downloads = [entry(p, c) for p, c in main if p in files]
    plans = []
    for plan in snapshot.project.plans:
        row: dict[str, Any] = {"title": plan.title, "number": plan.document.number,
                               "demo": plan.demo,
                               "page": urls.relative(here, urls.plan_page(plan.id))}
        for key, path in (("json", plan_json_path(plan.id)), ("xlsx", plan_xlsx_path(plan.id)),
                          ("csv", plan_csv_path(plan.id)), ("atom", plan_atom_path(plan.id))):
            row[key] = entry(path, "") if path in files else None
        plans.append(row)
    feeds = [entry(p, c) for p, c in (
        (SITE_ATOM, f"{FEED_ENTRY_LIMIT} cập nhật tiến độ mới nhất, mới nhất trước."),
        (SITE_ICS, "Hạn của các nhiệm vụ có hạn cố định (từ một năm trước ngày tính), để thêm "
                   "vào lịch."),
    ) if p in files]
    agency_feeds = []
    for agency in sorted(snapshot.project.agencies.values(), key=lambda a: a.name):
        if not (snapshot.led_by.get(agency.id) or snapshot.supported_by.get(agency.id)):
            continue
        atom, ics = agency_atom_path(agency.id), agency_ics_path(agency.id)
        if atom in files or ics in files:
            agency_feeds.append({
                "name": agency.name, "demo": agency.demo,
                "atom": entry(atom, "") if atom in files else None,
                "ics": entry(ics, "") if ics in files else None,
            })
    contract = [{"title": s.title, "fields": [
        {"name": f.name, "type": f.type, "description": f.description} for f in s.fields]}
        for s in catalogue.contract]
    tables = [
        {"title": t.title, "file": t.file, "sheet": t.sheet, "description": t.description,
         "key": t.key,
         "columns": [{"name": c.name, "title": c.title, "type": c.type,
                      "description": c.description, "required": c.required}
                     for c in t.fields]}
        for t in catalogue.tables
    ]
    return Page(here, "open_data.md.j2", OPEN_DATA_TITLE, {
        "as_of": vn_date(snapshot.as_of),
        "as_of_iso": snapshot.as_of.isoformat(),
        "commit": source_commit,
        "commit_short": source_commit[:12] if source_commit else None,
        "export_version": EXPORT_VERSION,
        "export_changes": [{"version": v, "text": t} for v, t in EXPORT_CHANGES],
        "licence": LICENCE,
        "licence_note": LICENCE_NOTE,
        "downloads": downloads,
        # Beyond a page's worth, per-plan and per-agency files are linked from their own pages
        # only: listing thousands here would make this page heavier than any other.
        "plans": plans if len(plans) <= LISTED_FILES else [],
        "plans_total": len(plans),
        "feeds": feeds,
        "feed_limits": {
            "entries": FEED_ENTRY_LIMIT, "calendar_days": CALENDAR_PAST_DAYS,
            "calendar_since": vn_date(snapshot.as_of - dt.timedelta(days=CALENDAR_PAST_DAYS)),
        },
        "agency_feeds": agency_feeds if len(agency_feeds) <= LISTED_FILES else [],
        "agency_feeds_total": len(agency_feeds),
        "agency_pattern": {"atom": f"{DATA_DIR}/co-quan/<mã cơ quan>.xml",
                           "ics": f"{DATA_DIR}/co-quan/<mã cơ quan>.ics"},
        "contract": contract,
        "tables": tables,
        "people": [
            {"title": t.title, "sheet": t.sheet, "file": t.file,
             "columns": [{"name": c.name, "title": c.title, "description": c.description}
                         for c in t.fields]}
            for t in catalogue.people
        ],
        "method": urls.relative(here, urls.METHODOLOGY),
    }, description=OPEN_DATA_DESCRIPTION)
