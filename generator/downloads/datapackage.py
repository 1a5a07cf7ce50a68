"""The Frictionless Data Package descriptor of the CSV tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator import __version__
from generator.common.dataset import (
    DATASET_NAME,
    DATASET_TITLE,
    EXPORT_VERSION,
    LICENCE,
    PUBLISHER,
)
from generator.common.serialise import midnight
from generator.common.urls import normalise_site_url
from generator.common.writer import FileInfo
from generator.downloads.csvsafe import csv_field
from generator.downloads.tables import TABLES
from generator.facts.snapshot import Snapshot
from generator.model.entities import Project


def _sources(project: Project, site_url: str) -> list[dict[str, str]]:
    out = [{"title": PUBLISHER, "path": site_url}]
    for plan in project.plans:
        if plan.document.source_url:
            out.append({"title": f"{plan.document.number}: {plan.title}",
                        "path": plan.document.source_url})
    return out


def datapackage(
    snapshot: Snapshot, csv_files: Mapping[str, FileInfo], source_commit: str | None,
    site_url: str | None = None,
) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the CSV files (their sizes and digests,
    keyed by file name)."""
    base = normalise_site_url(site_url)
    resources = []
    for table in TABLES:
        info = csv_files[table.csv_name]
        schema: dict[str, Any] = {
            "fields": [csv_field(c.field()) for c in table.columns],
            "missingValues": [""],
            "primaryKey": list(table.primary_key),
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fk.fields),
                 "reference": {"resource": fk.resource, "fields": list(fk.reference)}}
                for fk in table.foreign_keys
            ]
        resources.append({
            "name": table.name,
            "path": table.csv_name,
            "profile": "tabular-data-resource",
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": info.size,
            "hash": "sha256:" + info.sha256,
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
                        "doubleQuote": True, "header": True},
            "schema": schema,
        })
    return {
        "profile": "tabular-data-package",
        "name": DATASET_NAME,
        "title": DATASET_TITLE,
        "description": (
            "Kế hoạch cải cách hành chính của các địa phương: văn bản, nhiệm vụ, mục tiêu và chỉ "
            "tiêu, cơ quan, lĩnh vực và các lần cập nhật tiến độ, với trạng thái tính đến ngày "
            f"{snapshot.as_of:%d/%m/%Y}. Có kèm dữ liệu minh họa (hư cấu), đánh dấu ở cột demo."
        ),
        "homepage": base,
        "created": midnight(snapshot.as_of).isoformat(),
        "keywords": ["cải cách hành chính", "kế hoạch", "Việt Nam", "dữ liệu mở"],
        "licenses": [dict(LICENCE)],
        "sources": _sources(snapshot.project, base),
        "as_of": snapshot.as_of.isoformat(),
        "source_commit": source_commit,
        "export_version": EXPORT_VERSION,
        "generator": f"congkhai {__version__}",
        "resources": resources,
    }
