"""A real office suite fills in a report form: LibreOffice Calc, driven through its UNO bridge.

tests/office/calc.py runs in Debian's /usr/bin/python3 (python3-uno; the project's virtualenv
cannot import uno), starts a headless LibreOffice of its own, opens the form made by
``congkhai report-form``, reports what Calc sees (sheets, protection, validation, hidden column,
custom property), types the values in, and saves the workbook as .xlsx and as CSV. Both files
must import to the same updates.

LibreOffice comes from ``scripts/setup --with-browser`` (Debian's libreoffice-calc-nogui and
python3-uno). Without it these tests are skipped on a workstation and fail under CI=true.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from formfill import congkhai

REPO = Path(__file__).resolve().parent.parent
CALC = REPO / "tests" / "office" / "calc.py"
SYSTEM_PYTHON = Path("/usr/bin/python3")
FIXTURE = REPO / "tests/fixtures/bao-cao/bao-cao-minh-hoa-so-noi-vu-2026-Q4-da-dien.xlsx"
DEMO_PLAN = "plans/minh-hoa-ubnd/minh-hoa-kh-01-2025.yaml"

# What Sở Nội vụ tỉnh Minh Họa (fictional) reports for Quý IV/2026, as typed into Calc: dates as
# dates, "85%" as typed text (Calc turns it into 0.85), 90 as a number, one date left empty.
DEMO_FILL = {
    "I.4": {"Tình trạng (chọn": "Hoàn thành", "Ngày báo cáo": {"date": "2026-11-20"},
            "Kết quả": "Đã kiểm tra 22/22 cơ quan, đơn vị (số liệu hư cấu).",
            "Minh chứng": "Báo cáo số 215/BC-SNV ngày 20/11/2026 (hư cấu) "
                          "https://example.org/minh-hoa/bao-cao/215-bc-snv-2026"},
    "III.5": {"Tình trạng (chọn": "Đang thực hiện", "Tiến độ": "85%",
              "Ngày báo cáo": {"date": "2026-11-21"},
              "Kết quả": "Đã thu về 3.900/4.500 phiếu khảo sát (hư cấu)."},
    "V.3": {"Tình trạng (chọn": "Tạm dừng", "Ngày báo cáo": {"date": "2026-11-18"},
            "Kết quả": "Lùi lớp bồi dưỡng sang năm 2027 theo Công văn số 301/SNV-CCVC (hư cấu)."},
    "VI.1": {"Tình trạng (chọn": "Đang thực hiện", "Tiến độ": 90},
}


def _require_libreoffice() -> None:
    missing = None
    if shutil.which("soffice") is None:
        missing = "LibreOffice (soffice)"
    elif not SYSTEM_PYTHON.exists() or subprocess.run(
            [str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True).returncode != 0:
        missing = "LibreOffice's Python bridge (python3-uno for /usr/bin/python3)"
    if missing is None:
        return
    message = f"{missing} not found; run ./scripts/setup --with-browser"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def calc(tmp_path: Path, form: Path, fill: dict, saves: list[tuple[str, Path]]) -> dict:
    """Run tests/office/calc.py on ``form``; return what Calc saw."""
    _require_libreoffice()
    job = tmp_path / "job.json"
    job.write_text(json.dumps({
        "form": str(form), "profile": str(tmp_path / "lo-profile"), "fill": fill,
        "save": [{"filter": kind, "path": str(path)} for kind, path in saves],
    }, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([str(SYSTEM_PYTHON), str(CALC), str(job)], capture_output=True,
                          text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def saved_csv(path: Path) -> Path:
    """Calc names a CSV of one chosen sheet after the sheet: ``name-Nhập liệu.csv``."""
    (found,) = path.parent.glob(path.stem + "*.csv")
    return found


def changes(root: Path, path: Path) -> list:
    run = congkhai("import-updates", "--root", root, "--as-of", "2026-11-23", "--format", "json",
                   "--dry-run", path)
    assert run.code == 0, run.out
    report = json.loads(run.out)
    return [(c["task"], c["update"]) for c in report["changes"]]


class Filled:
    """One LibreOffice session: the demo form opened, described, filled in and saved."""

    def __init__(self, directory: Path) -> None:
        self.form = directory / "bao-cao-minh-hoa-so-noi-vu-2026-Q4.xlsx"
        congkhai("report-form", "--root", REPO, "--agency", "minh-hoa-so-noi-vu", "--period",
                 "2026-Q4", "--as-of", "2026-11-23", "--out", self.form).ok()
        self.xlsx = directory / "da-dien.xlsx"
        self.xls = directory / "da-dien.xls"
        self.seen = calc(directory, self.form, DEMO_FILL, [
            ("xlsx", self.xlsx), ("csv", directory / "da-dien.csv"), ("xls", self.xls)])
        self.csv = saved_csv(directory / "da-dien.csv")


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    return Filled(tmp_path_factory.mktemp("libreoffice"))


def test_libreoffice_opens_a_generated_form_cleanly(filled):
    seen = filled.seen
    assert [(s["name"], s["visible"], s["protected"]) for s in seen["sheets"]] == [
        ("Hướng dẫn", True, True), ("Nhập liệu", True, True), ("Phối hợp", True, True),
        ("_congkhai", False, True)]
    entry = seen["entry"]
    assert entry["a1"] == "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH — Quý IV/2026"
    assert entry["status_validation"]["type"] == "LIST"
    assert all(f'"{label}"' in entry["status_validation"]["list"]
               for label in ("Chưa bắt đầu", "Đang thực hiện", "Hoàn thành", "Tạm dừng", "Hủy"))
    assert entry["status_validation"]["input_cell_locked"] is False
    assert entry["task_cell_locked"] is True
    assert (entry["progress_validation"], entry["date_validation"]) == ("WHOLE", "DATE")
    assert entry["key_hidden"] is True
    assert entry["title_width_mm"] > 60
    assert seen["custom_properties"]["congkhai-bieu-mau"].startswith("congkhai-bao-cao/1 ")


def test_xlsx_and_csv_saved_by_libreoffice_import_to_the_same_updates(filled, repo_copy):
    from_xlsx = changes(repo_copy, filled.xlsx)
    from_csv = changes(repo_copy, filled.csv)
    assert from_xlsx == from_csv
    assert [task for task, _update in from_xlsx] == ["V.3", "I.4", "III.5", "VI.1"]
    assert dict(from_xlsx)["III.5"]["progress"] == 85

    before = (repo_copy / DEMO_PLAN).read_text(encoding="utf-8")
    congkhai("import-updates", "--root", repo_copy, "--as-of", "2026-11-23", filled.xlsx).ok()
    after = (repo_copy / DEMO_PLAN).read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(after.splitlines()) == len(before.splitlines()) + 14
    assert sum(line.strip().startswith("- date: 2026-11-") for line in added) == 4
    assert congkhai("check", "--root", repo_copy, "--as-of", "2026-11-23").code == 0


def test_demo_fixture_can_be_made_again(filled, repo_copy):
    """The committed demo form is what LibreOffice makes of today's form and DEMO_FILL."""
    assert changes(repo_copy, filled.xlsx) == changes(repo_copy, FIXTURE)


def test_excel_97_saved_by_libreoffice_is_refused(filled, repo_copy):
    run = congkhai("import-updates", "--root", repo_copy, "--as-of", "2026-11-23", filled.xls)
    assert run.code == 1 and "[old-xls]" in run.err and ".xlsx" in run.err
