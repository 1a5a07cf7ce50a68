"""The CSV downloads read as Excel reads a CSV: UTF-8 only when a BOM says so."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from generator.downloads.opendata import build_downloads
from generator.downloads.rows import export_tasks_csv
from generator.facts.snapshot import Snapshot
from generator.model.project import load_project

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


def read_like_excel(data: bytes) -> str:
    """Excel opens a double-clicked CSV as UTF-8 if it starts with a BOM, otherwise in the
    system's ANSI code page, which on Vietnamese Windows is Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    return data.decode("cp1258", errors="replace")


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    project, problems = load_project(ROOT, AS_OF)
    assert not problems
    return Snapshot(project, AS_OF)


def csv_files(snapshot: Snapshot) -> dict[str, bytes]:
    files = {p: b for p, b in build_downloads(snapshot).items() if p.endswith(".csv")}
    files["export"] = ("\ufeff" + export_tasks_csv(snapshot)).encode("utf-8")
    return files


def test_vietnamese_survives_opening_in_excel(snapshot):
    task = snapshot.project.plan("khanh-hoa-qd-4034-2017").sections[0].tasks[0]
    for name, data in csv_files(snapshot).items():
        text = read_like_excel(data)
        assert text == data.decode("utf-8-sig") and "\ufffd" not in text, name
        if "nhiem-vu" in name or name == "export":
            titles = {row["title"] for row in csv.DictReader(io.StringIO(text))}
            assert task.title in titles, name


def test_without_the_bom_excel_would_garble_it(snapshot):
    data = csv_files(snapshot)["export"][3:]
    assert "Xây dựng" not in read_like_excel(data)
