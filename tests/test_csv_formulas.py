"""No CSV download is a formula in a spreadsheet (CSV injection), and real data still reads right.

Editor text that starts like a formula (``=HYPERLINK(…)``, ``+cmd|…``, ``@SUM(…)``, ``-2+3``, a tab
or CR) is written to every CSV file (the six ``du-lieu/*.csv`` tables, each plan's own CSV for
people and ``congkhai export --format csv``) with a single quote in front, per OWASP; so are
shipped values such as task titles beginning "- " and the comparator "=". The files are read as
a spreadsheet reads them: with LibreOffice itself (``soffice --headless`` converts each CSV to
XLSX, with formula evaluation on, as Excel always does) and openpyxl then finds no formula cell.
Without LibreOffice (``scripts/setup --with-browser`` installs it) that test is skipped locally
and fails in CI.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.common import urls
from generator.downloads.csvsafe import FORMULA_START, csv_field, neutralise
from generator.downloads.opendata import build_downloads
from generator.downloads.rows import csv_cell, export_tasks_csv
from generator.downloads.tables import TABLES
from generator.facts.snapshot import Snapshot
from generator.model.project import load_project

AS_OF = dt.date(2026, 11, 23)
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
PAYLOADS = {
    "title": '=HYPERLINK("https://example.org/x","bấm vào đây")',
    "output": "+cmd|' /C calc'!A0",
    "assignment": "\tSUM(1+1)",
    "second title": "-2+3+cmd|' /C calc'!A0",
    "third title": "@SUM(1+1)*cmd|' /C calc'!A0",
    "deadline": "=1+1 Quý I/2026",
}


@pytest.fixture(scope="module")
def csv_files(tmp_path_factory: pytest.TempPathFactory,
              copy_repo) -> dict[str, bytes]:
    root = copy_repo(tmp_path_factory.mktemp("csv") / "repo")
    project, problems = load_project(root, AS_OF)
    assert not problems
    plan = next(p for p in project.plans if p.demo)
    path = root / plan.path
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    task = data["sections"][0]["tasks"][0]
    task.update({k: PAYLOADS[k] for k in ("title", "output", "assignment")})
    task["deadline"] = {"text": PAYLOADS["deadline"], "due": dt.date(2026, 3, 31)}
    data["sections"][0]["tasks"][1]["title"] = PAYLOADS["second title"]
    data["sections"][0]["tasks"][2]["title"] = PAYLOADS["third title"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    project, problems = load_project(root, AS_OF)
    assert not problems, [p.message for p in problems]
    snapshot = Snapshot(project, AS_OF)
    files = {p: b for p, b in build_downloads(snapshot).items() if p.endswith(".csv")}
    files["export.csv"] = ("\ufeff" + export_tasks_csv(snapshot)).encode("utf-8")
    # the tables, each plan's CSV for people (issue 18), the export
    assert len(files) == len(TABLES) + len(project.plans) + 1
    assert urls.plan_csv_path(plan.id) in files
    return files


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_no_text_cell_starts_like_a_formula(csv_files: dict[str, bytes]) -> None:
    for name, data in csv_files.items():
        for row in rows(data)[1:]:
            for cell in row:
                if cell.startswith(FORMULA_START):
                    # only numbers may start with "-" (a negative number is not a formula)
                    assert re.fullmatch(r"-[0-9]+(\.[0-9]+)?", cell), (name, cell)


def test_payloads_and_shipped_data_read_back_behind_one_quote(
        csv_files: dict[str, bytes]) -> None:
    cells = {cell for data in csv_files.values() for row in rows(data) for cell in row}
    for value in PAYLOADS.values():
        assert "'" + value in cells, value
    # shipped data: the comparator "=" and task titles that begin with "- "
    assert "'=" in cells
    assert any(c.startswith("'- ") for c in cells)
    tasks = rows(csv_files["du-lieu/nhiem-vu.csv"])
    header = tasks[0]
    titles = [r[header.index("title")] for r in tasks[1:]]
    assert "'" + PAYLOADS["title"] in titles
    # the edited plan's own CSV for people too
    people = [rows(d) for n, d in csv_files.items() if n.startswith("du-lieu/ke-hoach/")]
    assert any("'" + PAYLOADS["title"] in row for table in people for row in table)


def test_neutralise() -> None:
    assert [neutralise(v) for v in ("=", "- a", "+1", "@x", "\tx", "\rx", "a=b", " =x", "")] == [
        "'=", "'- a", "'+1", "'@x", "'\tx", "'\rx", "a=b", " =x", ""]
    # only text is quoted: a negative number stays a number
    assert [csv_cell(v) for v in ("=1", -2.5, -3, None, "x")] == ["'=1", "-2.5", "-3", "", "x"]
    field = {"name": "c", "type": "string", "constraints": {"enum": ["=", ">="]}}
    assert csv_field(field)["constraints"]["enum"] == ["'=", ">="]


def spreadsheet_cells(tmp_path: Path, files: dict[str, bytes]) -> dict[str, list]:
    """Open every file with LibreOffice as a UTF-8 CSV, evaluating formulas (one run for all),
    and return each file's cells as openpyxl reads the converted workbook."""
    from openpyxl import load_workbook

    if not Path(SOFFICE).exists():
        message = "LibreOffice (soffice) not found; run ./scripts/setup --with-browser"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    sources = {}
    for name, data in files.items():
        source = tmp_path / "in" / (name.replace("/", "_").removesuffix(".csv") + ".csv")
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(data)
        sources[name] = source
    # CSV filter: comma, double quote, UTF-8 (76), from line 1, …, evaluate formulas (true)
    options = "CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         f"--infilter={options}", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"),
         *map(str, sources.values())],
        check=True, capture_output=True, timeout=300,
    )
    out = {}
    for name, source in sources.items():
        book = load_workbook(tmp_path / "out" / (source.stem + ".xlsx"))
        out[name] = [cell for row in book.active.iter_rows() for cell in row]
    return out


def test_libreoffice_finds_no_formula(csv_files: dict[str, bytes], tmp_path: Path) -> None:
    converted = spreadsheet_cells(tmp_path, csv_files)
    assert set(converted) == set(csv_files)
    for name, cells in converted.items():
        formulas = [f"{c.coordinate}: {c.value}" for c in cells if c.data_type == "f"]
        assert not formulas, f"{name}: {formulas[:5]}"
        if name.endswith(("nhiem-vu.csv", "export.csv")):
            values = {c.value for c in cells}
            assert "'" + PAYLOADS["title"] in values, name
            assert "'=1+1 Quý I/2026" in values, name


def test_libreoffice_would_run_the_unneutralised_payload(tmp_path: Path) -> None:
    """The check above can fail: the same cell without the quote is a formula."""
    data = ('\ufeffa,b\r\n"' + PAYLOADS["title"].replace('"', '""') + '",x\r\n').encode()
    cells = spreadsheet_cells(tmp_path, {"raw.csv": data})["raw.csv"]
    assert any(c.data_type == "f" for c in cells)
