"""The reporting loop: ``congkhai report-form`` and ``congkhai import-updates``.

Rules are table-tested as pure functions (periods, what people type into cells, identities,
which tasks a form lists); the commands run on a copy of the repository, whose demo plan (the
fictional province Minh Họa, as of 23/11/2026) is the loop's example. Bad inputs, one by one,
are in the invalid-forms corpus (tests/test_invalid_forms.py); LibreOffice filling a form is in
tests/test_report_forms_office.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest
from formfill import congkhai, congkhai_process, fill, fill_csv, rows_by_task

from generator.authoring.report_forms import applying, importing
from generator.authoring.report_forms.cells import (
    CellProblem,
    read_date,
    read_evidence,
    read_progress,
    read_status,
)
from generator.authoring.report_forms.identity import (
    FormId,
    IdentityError,
    fingerprint,
    parse_form_id,
    rowset_digest,
)
from generator.authoring.report_forms.layout import (
    COLUMNS,
    ENTRY_SHEET,
    HEADER_ROW,
    META_SHEET,
    SHEETS,
)
from generator.authoring.report_forms.periods import (
    Period,
    PeriodError,
    parse_period,
    quarter_of,
)
from generator.authoring.report_forms.records import Message, capped
from generator.authoring.report_forms.selection import agency_form, reporting_agencies
from generator.cli.progress import Progress
from generator.facts.snapshot import Snapshot
from generator.model.entities import Update
from generator.model.project import load_project
from generator.sources.problems import MAX_PER_FILE, MAX_SAME_CODE, SUMMARY_CODE
from generator.sources.spreadsheets import EPOCH_1900, Cell

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
DEMO_PLAN = "plans/minh-hoa-ubnd/minh-hoa-kh-01-2025.yaml"
SNV = "minh-hoa-so-noi-vu"
FIXTURE = REPO / "tests/fixtures/bao-cao/bao-cao-minh-hoa-so-noi-vu-2026-Q4-da-dien.xlsx"
GUIDE = REPO / "content/huong-dan-bien-tap/bao-cao-dinh-ky.md"


# --- periods ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "code", "label", "start", "end"), [
    ("2026-Q3", "2026-Q3", "Quý III/2026", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    ("2026-q1", "2026-Q1", "Quý I/2026", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("2026-H1", "2026-H1", "6 tháng đầu năm 2026", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
    ("2026-H2", "2026-H2", "6 tháng cuối năm 2026", dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
    ("2026", "2026", "Năm 2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ("2028-Q1", "2028-Q1", "Quý I/2028", dt.date(2028, 1, 1), dt.date(2028, 3, 31)),
])
def test_periods(text, code, label, start, end):
    period = parse_period(text)
    assert (period.code, period.label, period.start, period.end) == (code, label, start, end)
    assert parse_period(period.code) == period
    assert start in period and end in period and end + dt.timedelta(days=1) not in period


@pytest.mark.parametrize("text", ["2026-Q5", "2026-H3", "Q3-2026", "26", "2026-Q", "1999",
                                  "quý 3"])
def test_bad_periods(text):
    with pytest.raises(PeriodError, match=re.escape(f"“{text}”")):
        parse_period(text)


def test_default_period_is_the_quarter_of_the_date():
    assert quarter_of(dt.date(2026, 11, 23)) == Period(2026, "Q", 4)
    assert quarter_of(dt.date(2026, 3, 31)) == Period(2026, "Q", 1)


# --- what people type -------------------------------------------------------------------------

def cell(value, number_format="General", link=None, formula=None) -> Cell:
    return Cell(5, 9, value, formula, number_format, link)


@pytest.mark.parametrize(("typed", "code", "noticed"), [
    ("Hoàn thành", "hoan-thanh", False),
    ("  hoàn   THÀNH ", "hoan-thanh", False),
    ("hoan-thanh", "hoan-thanh", False),
    ("hoan thanh", "hoan-thanh", True),
    ("HOAN THANH", "hoan-thanh", True),
    ("Đã hoàn thành", "hoan-thanh", True),
    ("Hoàn thành đúng hạn", "hoan-thanh", True),
    ("dang thuc hien", "dang-thuc-hien", True),
    ("Đang thực hiện quá hạn", "dang-thuc-hien", True),
    ("chua bat dau", "chua-bat-dau", True),
    ("Chưa bắt đầu, quá hạn", "chua-bat-dau", True),
    ("tam dung", "tam-dung", True),
    ("Huỷ", "huy", True),
    ("huy", "huy", False),  # the code itself
    ("Hủy", "huy", False),
    (None, None, False),
    ("   ", None, False),
])
def test_status_typed_by_hand(typed, code, noticed):
    reading = read_status(cell(typed))
    assert reading.value == code
    assert bool(reading.notice) == noticed
    if noticed:
        assert "được hiểu là" in reading.notice


@pytest.mark.parametrize(("typed", "code"), [
    ("xong", "bad-status"), ("Done", "bad-status"), ("hoàn thàn", "bad-status"),
    ("chưa hoàn thành", "ambiguous-status"), ("không thực hiện", "ambiguous-status"),
    ("Đang thực hiện, hoàn thành một phần", "ambiguous-status"), (80, "bad-status"),
])
def test_status_refused(typed, code):
    with pytest.raises(CellProblem) as info:
        read_status(cell(typed))
    assert info.value.code == code
    assert "Chưa bắt đầu, Đang thực hiện, Hoàn thành, Tạm dừng, Hủy" in info.value.hint


def test_status_typo_suggests_the_label():
    with pytest.raises(CellProblem) as info:
        read_status(cell("hoan thnh"))
    assert "“Hoàn thành”" in info.value.hint


@pytest.mark.parametrize(("value", "number_format", "percent", "noticed"), [
    (80, "General", 80, False),
    (80.0, "General", 80, False),
    (0.8, "General", 80, True),
    (0.8, "0%", 80, False),
    (0.35, "0.00%", 35, False),
    (1, "0%", 100, False),
    (1, "General", 1, False),
    (0, "General", 0, False),
    ("80", "General", 80, False),
    ("80%", "General", 80, False),
    ("80 %", "General", 80, False),
    ("80\u00a0%", "General", 80, False),
    ("0,8", "General", 80, True),
    ("0.8", "General", 80, True),
    ("100%", "General", 100, False),
    (None, "General", None, False),
])
def test_progress_forms(value, number_format, percent, noticed):
    reading = read_progress(cell(value, number_format))
    assert reading.value == percent
    assert bool(reading.notice) == noticed


@pytest.mark.parametrize("value", ["khoảng 80", "80,5%", 80.5, 150, -5, "101%", True, "8O"])
def test_progress_refused(value):
    with pytest.raises(CellProblem) as info:
        read_progress(cell(value))
    assert info.value.code == "bad-progress"


@pytest.mark.parametrize(("value", "day", "noticed"), [
    (dt.datetime(2026, 3, 15), dt.date(2026, 3, 15), False),
    (dt.date(2026, 3, 15), dt.date(2026, 3, 15), False),
    (46096, dt.date(2026, 3, 15), True),
    (46096.5, dt.date(2026, 3, 15), True),
    ("46096", dt.date(2026, 3, 15), True),
    ("15/3/2026", dt.date(2026, 3, 15), False),
    ("15-03-2026", dt.date(2026, 3, 15), False),
    ("15.03.2026", dt.date(2026, 3, 15), False),
    (" 5/3/2026 ", dt.date(2026, 3, 5), False),
    ("2026-03-15", dt.date(2026, 3, 15), False),
    ("2026-03-15 00:00:00", dt.date(2026, 3, 15), False),
    ("ngày 15 tháng 3 năm 2026", dt.date(2026, 3, 15), False),
    (None, None, False),
])
def test_dates(value, day, noticed):
    reading = read_date(cell(value), EPOCH_1900)
    assert reading.value == day
    assert bool(reading.notice) == noticed


def test_serial_dates_follow_the_workbook_epoch():
    assert read_date(cell(44634), dt.date(1904, 1, 1)).value == dt.date(2026, 3, 15)


@pytest.mark.parametrize(("value", "hint"), [
    ("3/15/2026", "15/03/2026"), ("15/3/26", "15/03/2026"), ("31/2/2026", "ngày/tháng/năm"),
    ("tháng 3", "ngày/tháng/năm"), (12, "ngày/tháng/năm"), (True, "ngày/tháng/năm"),
    (dt.time(10, 0), "ngày/tháng/năm"),
])
def test_dates_refused(value, hint):
    with pytest.raises(CellProblem) as info:
        read_date(cell(value), EPOCH_1900)
    assert info.value.code == "bad-date"
    assert hint in info.value.hint


@pytest.mark.parametrize(("value", "link", "expected"), [
    ("https://example.org/a", None, ("https://example.org/a", None)),
    ("Công văn 12/SNV https://example.org/a.", None, ("https://example.org/a", "Công văn 12/SNV")),
    ("Quyết định 5/QĐ-UBND", None, (None, "Quyết định 5/QĐ-UBND")),
    ("Quyết định 5/QĐ-UBND", "https://example.org/qd-5",
     ("https://example.org/qd-5", "Quyết định 5/QĐ-UBND")),
    ("https://example.org/a; https://example.org/b", None,
     ("https://example.org/a", "https://example.org/b")),
    (None, None, (None, None)),
])
def test_evidence(value, link, expected):
    assert read_evidence(cell(value, link=link)).value == expected


@pytest.mark.parametrize(("value", "link"), [
    ("javascript:alert(1)", None), ("data:text/html,x", None), ("www.example.org/a", None),
    ("file:///etc/passwd", None), ("Văn bản", "mailto:a@example.org"), ("https://x y", None),
])
def test_evidence_refused(value, link):
    with pytest.raises(CellProblem) as info:
        read_evidence(cell(value, link=link))
    assert info.value.code == "bad-evidence"


# --- identities -------------------------------------------------------------------------------

def test_form_identity_round_trip_and_edits():
    form = FormId("minh-hoa-so-noi-vu", Period(2026, "Q", 4), AS_OF, 9,
                  rowset_digest([("p", "I.1")]))
    assert parse_form_id(form.text) == form
    for edit in (form.text.replace("rows=9", "rows=8"),
                 form.text.replace("2026-Q4", "2026-Q3"),
                 form.text.replace("so-noi-vu", "so-tu-phap"),
                 form.text[:-2]):
        with pytest.raises(IdentityError):
            parse_form_id(edit)
    key = form.row_key("p", "I.1", "0123456789")
    assert form.read_row_key(key).task_id == "I.1"
    other = FormId("minh-hoa-so-tu-phap", Period(2026, "Q", 4), AS_OF, 9, form.rowset)
    with pytest.raises(IdentityError, match="biểu mẫu khác"):
        other.read_row_key(key)
    with pytest.raises(IdentityError):
        form.read_row_key(key.replace("#I.1#", "#I.2#"))


def test_fingerprint_changes_with_any_update_field():
    base = [Update(dt.date(2026, 1, 1), "dang-thuc-hien", 10)]
    prints = {fingerprint("p", "I.1", base),
              fingerprint("p", "I.1", [Update(dt.date(2026, 1, 1), "dang-thuc-hien", 20)]),
              fingerprint("p", "I.1", [*base, Update(dt.date(2026, 2, 1), "hoan-thanh")]),
              fingerprint("p", "I.2", base), fingerprint("p", "I.1", [])}
    assert len(prints) == 5
    assert rowset_digest([("p", "a"), ("p", "b")]) == rowset_digest([("p", "b"), ("p", "a")])


# --- which tasks a form lists -----------------------------------------------------------------

@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    project, problems = load_project(REPO, AS_OF)
    assert not problems
    return Snapshot(project, AS_OF)


def test_demo_form_lists_tasks_due_or_open_in_the_period(snapshot):
    form = agency_form(snapshot, SNV, Period(2026, "Q", 4), AS_OF)
    listed = [r.task_id for r in form.rows]
    # Due in Q4 (III.5 Tháng 12/2026), open and overdue (I.4, IV.1, V.2), paused (IV.3, V.4),
    # recurring (I.5), due later but open (V.3), co-led (VI.1).
    assert listed == ["I.4", "I.5", "III.5", "IV.1", "IV.3", "V.2", "V.3", "V.4", "VI.1"]
    # Completed before the period (I.1–I.3, V.1, IV.4) are not listed.
    assert not {"I.1", "I.2", "I.3", "V.1", "IV.4"} & set(listed)
    assert [r.task_id for r in form.support] == ["I.6"]
    assert form.demo
    # A plan whose stated period ended before the year is over: nothing of it is listed.
    later = agency_form(snapshot, SNV, Period(2027, "Q", 1), AS_OF)
    assert later.rows == ()


def test_all_agencies_skip_groups(snapshot):
    agencies, groups = reporting_agencies(snapshot, Period(2026, "Q", 4), "minh-hoa")
    assert SNV in agencies and "minh-hoa-so-tu-phap" in agencies
    assert "minh-hoa-cac-so-ban-nganh" in groups
    assert not any(a.startswith("quang-ngai") for a in agencies)


# --- the workbook and the CSV variant ---------------------------------------------------------

@pytest.fixture(scope="module")
def demo_form(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("form") / "snv.xlsx"
    congkhai("report-form", "--root", REPO, "--agency", SNV, "--period", "2026-Q4",
             "--as-of", "2026-11-23", "--out", out, "--csv").ok()
    return out


def test_workbook_opens_as_designed(demo_form):
    book = openpyxl.load_workbook(demo_form)
    assert book.sheetnames == list(SHEETS)
    assert book[META_SHEET].sheet_state == "hidden"
    assert book.active.title == "Hướng dẫn"
    sheet = book[ENTRY_SHEET]
    assert sheet.freeze_panes == "D5"
    assert sheet.protection.sheet and sheet.protection.password is None
    assert sheet.protection.sort is False and sheet.protection.autoFilter is False  # allowed
    headers = [c.value for c in sheet[4]]
    assert headers == [c.header for c in COLUMNS]
    letters = {c.key: openpyxl.utils.get_column_letter(i + 1) for i, c in enumerate(COLUMNS)}
    assert sheet.column_dimensions[letters["key"]].hidden
    assert sheet.column_dimensions[letters["title"]].width == pytest.approx(40, abs=1)
    rows = rows_by_task(sheet)
    r = rows["I.4"]
    for column in COLUMNS:
        target = sheet[f"{letters[column.key]}{r}"]
        assert target.protection.locked is (not column.input), column.key
    assert sheet[f"{letters['title']}{r}"].alignment.wrap_text
    assert sheet.row_dimensions[r].height > 20  # the wrapped title shows in full
    assert sheet[f"{letters['due']}{r}"].value == dt.datetime(2026, 9, 30)
    validations = {dv.type: dv for dv in sheet.data_validations.dataValidation}
    assert validations["list"].formula1 == ('"Chưa bắt đầu,Đang thực hiện,Hoàn thành,Tạm dừng,'
                                            'Hủy"')
    assert str(validations["list"].sqref) == f"{letters['status']}5:{letters['status']}13"
    assert (validations["whole"].formula1, validations["whole"].formula2) == ("0", "100")
    assert validations["date"].type == "date"
    identity = sheet["B3"].value
    assert parse_form_id(identity).agency == SNV
    assert {p.name: p.value for p in book.custom_doc_props}["congkhai-bieu-mau"] == identity
    assert book[META_SHEET]["B1"].value == identity
    guide = "\n".join(str(c.value) for c in book["Hướng dẫn"]["A"] if c.value)
    assert "Sở Nội vụ tỉnh Minh Họa" in guide and "Quý IV/2026" in guide
    assert "Hạn gửi lại biểu mẫu đã điền: 03/12/2026" in guide
    assert "DỮ LIỆU MINH HỌA" in guide


def test_csv_variant_has_a_bom_and_the_entry_sheet(demo_form):
    data = demo_form.with_suffix(".csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[2][1] == openpyxl.load_workbook(demo_form)[ENTRY_SHEET]["B3"].value
    assert rows[3] == [c.header for c in COLUMNS]
    assert [r[2] for r in rows[4:]] == ["I.4", "I.5", "III.5", "IV.1", "IV.3", "V.2", "V.3",
                                        "V.4", "VI.1"]


def test_csv_text_cannot_turn_into_a_formula(tmp_path):
    root = tmp_path / "p"
    from test_invalid_forms import make_project

    make_project(root)
    out = tmp_path / "f.csv"
    congkhai("report-form", "--root", root, "--agency", "thu-nghiem-so-noi-vu", "--period",
             "2026-Q4", "--as-of", "2026-11-23", "--out", out).ok()
    text = out.read_bytes().decode("utf-8-sig")
    assert ", =Sắp xếp" in text and ", - Đề án" in text  # a space keeps Excel from evaluating
    from generator.authoring.report_forms.making import _inert

    assert [_inert(s) for s in ("\t=1+1", "\r+1", "@x", "Đề án", "")] == [
        " \t=1+1", " \r+1", " @x", "Đề án", ""]


# --- the commands: making forms ---------------------------------------------------------------

def test_all_agencies_with_index(tmp_path):
    run = congkhai("report-form", "--root", REPO, "--all-agencies", "--period", "2026-Q4",
                   "--as-of", "2026-11-23", "--out-dir", tmp_path / "out", "--csv",
                   "--province", "minh-hoa").ok()
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "bao-cao-minh-hoa-so-noi-vu-2026-Q4.xlsx" in names
    assert "bao-cao-minh-hoa-so-noi-vu-2026-Q4.csv" in names
    assert not any("cac-so-ban-nganh" in n for n in names)
    index = (tmp_path / "out" / "danh-sach-bieu-mau.csv").read_bytes().decode("utf-8-sig")
    assert "minh-hoa-so-noi-vu,Sở Nội vụ tỉnh Minh Họa,bao-cao-minh-hoa-so-noi-vu-2026-Q4.xlsx" \
        in index
    assert re.search(r"Bỏ qua \d+ nhóm cơ quan \(Các sở, ban, ngành", run.out)
    # Not a terminal: plain phase lines, one per phase.
    assert re.search(r"Tạo biểu mẫu \d+/\d+ \(\d+\.\d s\)", run.err)


@pytest.mark.parametrize(("args", "message"), [
    (["--agency", SNV, "--all-agencies", "--out-dir", "x"], "không ghi cả hai"),
    ([], "--all-agencies"),
    (["--all-agencies"], "--out-dir"),
    (["--agency", SNV, "--period", "2026-Q5"], "2026-Q3"),
    (["--agency", "minh-hoa-so-noi-vuu"], "Có phải ý bạn là “minh-hoa-so-noi-vu”"),
    (["--agency", SNV, "--out", "x.pdf"], ".xlsx"),
    (["--agency", SNV, "--province", "minh-hoa"], "--province"),
    (["--agency", SNV, "--as-of", "23/13/2026"], "YYYY-MM-DD"),
])
def test_report_form_usage_errors_exit_2(tmp_path, args, message):
    run = congkhai("report-form", "--root", REPO, *args)
    assert run.code == 2, run.out + run.err
    assert message in run.err
    assert not list(tmp_path.iterdir())


def test_report_form_never_overwrites(tmp_path):
    out = tmp_path / "snv.xlsx"
    out.write_bytes(b"filled in already")
    run = congkhai("report-form", "--root", REPO, "--agency", SNV, "--as-of", "2026-11-23",
                   "--out", out, "--csv")
    assert run.code == 2 and "không ghi đè" in run.err
    assert out.read_bytes() == b"filled in already"
    assert not out.with_suffix(".csv").exists()  # all or nothing


def test_report_form_without_tasks_exits_1(tmp_path):
    run = congkhai("report-form", "--root", REPO, "--agency", SNV, "--period", "2030",
                   "--as-of", "2026-11-23", "--out", tmp_path / "x.xlsx")
    assert run.code == 1 and "Không tạo biểu mẫu" in run.err
    assert not (tmp_path / "x.xlsx").exists()


def test_progress_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(Progress, "DELAY", 0.0)
    screen = Terminal()
    progress = Progress(screen)
    progress.phase("Đọc dữ liệu")
    progress("Tạo biểu mẫu", 3, 10)
    progress.close()
    text = screen.getvalue()
    assert "\rTạo biểu mẫu 3/10 (" in text and text.endswith("\n")
    monkeypatch.setattr(Progress, "DELAY", 2.0)
    quiet = Terminal()
    progress = Progress(quiet)  # a command done within 2 s shows nothing
    progress("Tạo biểu mẫu", 1, 1)
    progress.close()
    assert quiet.getvalue() == ""


# --- the commands: importing ------------------------------------------------------------------

FILLED = {
    "I.4": {"status": "Hoàn thành", "date": dt.date(2026, 11, 20),
            "note": "Đã kiểm tra 22/22 cơ quan (hư cấu).",
            "evidence": "Báo cáo 215/BC-SNV https://example.org/minh-hoa/bc-215"},
    "III.5": {"status": "dang thuc hien", "progress": 0.85, "date": "21/11/2026"},
    "V.3": {"status": "Tạm dừng", "date": dt.date(2026, 11, 18),
            "note": "Lùi sang năm 2027 (hư cấu)."},
}


@pytest.fixture
def repo(repo_copy: Path) -> Path:
    return repo_copy


def import_(root: Path, *files: Path, fmt: str = "json", extra: tuple = ()):
    run = congkhai("import-updates", "--root", root, "--as-of", "2026-11-23", "--format", fmt,
                   *extra, *files)
    return run, (json.loads(run.out) if fmt == "json" else None)


def test_import_appends_only_the_updates(repo, demo_form, tmp_path):
    filled = fill(demo_form, tmp_path / "filled.xlsx", FILLED)
    before = (repo / DEMO_PLAN).read_text(encoding="utf-8")
    run, report = import_(repo, filled)
    assert run.code == 0, run.err
    after = (repo / DEMO_PLAN).read_text(encoding="utf-8")
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    changed = [line for line in diff[2:] if not line.startswith("@@")]
    assert all(line.startswith("+") for line in changed), diff  # nothing removed or edited
    assert len([line for line in diff if line.startswith("@@")]) == 3  # one hunk per task
    assert [line[1:].strip() for line in changed] == [
        "- date: 2026-11-20", "status: hoan-thanh",
        'note: "Đã kiểm tra 22/22 cơ quan (hư cấu).\\n\\nMinh chứng: Báo cáo 215/BC-SNV"',
        "evidence: https://example.org/minh-hoa/bc-215",
        "- date: 2026-11-21", "status: dang-thuc-hien", "progress: 85",
        "- date: 2026-11-18", "status: tam-dung", "reason: Lùi sang năm 2027 (hư cấu).",
    ]
    assert [w["file"] for w in report["written"]] == [DEMO_PLAN]
    assert congkhai("check", "--root", repo, "--as-of", "2026-11-23").code == 0
    # Importing the same form again adds nothing, and says why.
    again, report = import_(repo, filled)
    assert again.code == 0 and report["changes"] == [] and report["written"] == []
    assert {m["code"] for m in report["skipped"]} == {"already-imported"}
    assert (repo / DEMO_PLAN).read_text(encoding="utf-8") == after


def test_dry_run_writes_nothing_and_says_what_it_would_do(repo, demo_form, tmp_path):
    filled = fill(demo_form, tmp_path / "filled.xlsx", FILLED)
    before = (repo / DEMO_PLAN).read_bytes()
    run, _ = import_(repo, filled, fmt="human", extra=("--dry-run",))
    assert run.code == 0
    assert (repo / DEMO_PLAN).read_bytes() == before
    assert "Sẽ ghi 3 cập nhật vào 1 tệp kế hoạch" in run.out
    assert "I.4 ← 20/11/2026 Hoàn thành" in run.out
    assert "“dang thuc hien” được hiểu là “Đang thực hiện”" in run.out
    assert "Chạy thử (--dry-run): không ghi gì." in run.out


def test_xlsx_and_csv_and_unicode_text_import_to_the_same_updates(repo, demo_form, tmp_path):
    text_values = {k: {c: (v if not isinstance(v, float) else "85%") for c, v in cells.items()}
                   for k, cells in FILLED.items()}
    files = [
        fill(demo_form, tmp_path / "f.xlsx", FILLED),
        fill_csv(demo_form.with_suffix(".csv"), tmp_path / "f.csv", text_values),
        fill_csv(demo_form.with_suffix(".csv"), tmp_path / "f.txt", text_values,
                 encoding="utf-16", delimiter="\t"),
    ]
    changes = []
    for path in files:
        run, report = import_(repo, path, extra=("--dry-run",))
        assert run.code == 0, run.out
        changes.append([(c["task"], c["update"]) for c in report["changes"]])
    assert changes[0] == changes[1] == changes[2] and len(changes[0]) == 3


def test_conflict_is_refused_unless_forced(repo, demo_form, tmp_path):
    filled = fill(demo_form, tmp_path / "filled.xlsx", FILLED)
    congkhai("update", "III.5", "--plan", "minh-hoa-kh-01-2025", "--status", "dang-thuc-hien",
             "--date", "2026-11-19", "--progress", "75", "--root", repo,
             "--as-of", "2026-11-23").ok()
    before = (repo / DEMO_PLAN).read_bytes()
    run, report = import_(repo, filled)
    assert run.code == 1
    conflict = [p for p in report["problems"] if p["code"] == "conflict"]
    assert len(conflict) == 1 and "19/11/2026" in conflict[0]["message"]
    assert conflict[0]["where"] == "Nhập liệu!I7"
    assert (repo / DEMO_PLAN).read_bytes() == before
    forced, report = import_(repo, filled, extra=("--force",))
    assert forced.code == 0
    assert [c["forced"] for c in report["changes"] if c["task"] == "III.5"] == [True]
    assert len(report["written"]) == 1


def test_all_or_nothing_when_writing_fails(tmp_path, monkeypatch):
    """Two plan files to change; the second cannot be replaced: the first is put back."""
    from test_invalid_forms import make_project

    root = make_project(tmp_path / "p")
    plans = sorted((root / "plans").rglob("*.yaml"))
    before = {p: p.read_bytes() for p in plans}
    made = []
    for agency, task in (("thu-nghiem-so-noi-vu", "II.1"),
                         ("thu-nghiem-so-thong-tin-va-truyen-thong", "I.2")):
        form = tmp_path / f"{agency}.xlsx"
        congkhai("report-form", "--root", root, "--agency", agency, "--period", "2026-Q4",
                 "--as-of", "2026-11-23", "--out", form).ok()
        made.append(fill(form, tmp_path / f"{agency}-filled.xlsx",
                         {task: {"status": "Đang thực hiện", "date": dt.date(2026, 11, 20)}}))
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(applying.os, "replace", failing_replace)
    run, _report = import_(root, *made)
    assert run.code == 1 and "không tệp nào bị thay đổi" in run.err
    assert {p: p.read_bytes() for p in plans} == before
    assert not list(root.rglob("*.congkhai-import"))


def test_new_plan_files_are_checked_before_anything_is_written(repo, demo_form, tmp_path):
    """apply_import runs the checks of congkhai check on each new file; one failing stops all."""
    import dataclasses

    filled = fill(demo_form, tmp_path / "filled.xlsx", FILLED)
    project, problems = load_project(repo, AS_OF)
    assert not problems
    plan = importing.plan_import(repo, project, [filled], AS_OF)
    assert plan.ok and len(plan.changes) == 3
    before = (repo / DEMO_PLAN).read_bytes()
    # Registries without the demo province's agencies: the new file no longer passes the checks.
    broken = dataclasses.replace(project, agencies={
        k: v for k, v in project.agencies.items() if not k.startswith("minh-hoa")})
    with pytest.raises(applying.ApplyError, match="không hợp lệ"):
        applying.apply_import(repo, broken, plan.changes, AS_OF)
    assert (repo / DEMO_PLAN).read_bytes() == before
    written = applying.apply_import(repo, project, plan.changes, AS_OF)
    assert [w.path for w in written] == [DEMO_PLAN] and len(written[0].lines) == 3


def test_a_warning_of_the_checks_does_not_refuse_an_import(repo, demo_form, tmp_path):
    """congkhai check only warns when a plan names an agency that had ended before the plan was
    signed; the checks of the new plan file before it is written must not refuse it either."""
    import dataclasses

    from generator.model.entities import MERGED_INTO, LineageEvent, Party
    from generator.model.plans import check_plan
    from generator.sources.loader import load_file
    from generator.sources.problems import ProblemList
    from generator.sources.schema import PLAN

    filled = fill(demo_form, tmp_path / "filled.xlsx", FILLED)
    project, problems = load_project(repo, AS_OF)
    assert not problems
    plan = importing.plan_import(repo, project, [filled], AS_OF)
    assert plan.ok and len(plan.changes) == 3
    ended = LineageEvent(SNV, "agency", MERGED_INTO, dt.date(2024, 1, 1), "day-du",
                         successors=(Party(id="minh-hoa-ubnd"),))
    agencies = {**project.agencies,
                SNV: dataclasses.replace(project.agencies[SNV], lineage=(ended,))}
    warned = ProblemList()
    loaded = load_file(repo / DEMO_PLAN, PLAN, DEMO_PLAN, warned)
    check_plan(loaded, agencies, project.areas, AS_OF, warned)
    assert [p.code for p in warned] == ["agency-ended-before-plan"]
    assert not warned.errors()
    written = applying.apply_import(repo, dataclasses.replace(project, agencies=agencies),
                                    plan.changes, AS_OF)
    assert [w.path for w in written] == [DEMO_PLAN] and len(written[0].lines) == 3


def test_what_a_form_holds_cannot_act_on_the_terminal(repo, demo_form, tmp_path):
    """A cell's text is quoted in messages; an 8-bit CSI (clears the screen on many terminals)
    and a right-to-left override are shown as escapes in every format, and JSON reads back."""
    hostile = "\x9b2J\u202exong"
    filled = fill(demo_form, tmp_path / "filled.xlsx", {"I.4": {"status": hostile}})
    human, _ = import_(repo, filled, fmt="human")
    github, _ = import_(repo, filled, fmt="github")
    run, report = import_(repo, filled)
    assert human.code == github.code == run.code == 1
    for text in (human.out + human.err, github.out + github.err, run.out):
        assert "\x9b" not in text and "\u202e" not in text
    assert "\\x9b2J<U+202E>xong" in human.err and "\\x9b2J<U+202E>xong" in github.out
    assert [p["value"] for p in report["problems"]] == [hostile]


def test_import_usage_errors_exit_2(repo, tmp_path):
    assert congkhai("import-updates", "--root", repo).code == 2  # no file
    missing = congkhai("import-updates", "--root", repo, tmp_path / "khong-co.xlsx")
    assert missing.code == 2
    assert congkhai("import-updates", "--root", repo, "--period", "Q4", REPO / "README.md"
                    ).code == 2
    agency = congkhai("import-updates", "--root", repo, "--agency", "khong-co", FIXTURE)
    assert agency.code == 2 and "Không có cơ quan" in agency.err


def test_import_refuses_when_the_project_is_invalid(repo, demo_form, tmp_path):
    (repo / DEMO_PLAN).write_text("id: [\n", encoding="utf-8")
    run, _ = import_(repo, demo_form, fmt="human")
    assert run.code == 1 and "Dữ liệu không hợp lệ" in run.err


def test_github_annotations(repo, demo_form, tmp_path):
    filled = fill(demo_form, tmp_path / "filled.xlsx", {"I.4": {"status": "xong"}})
    run, _ = import_(repo, filled, fmt="github")
    assert run.code == 1
    line = next(x for x in run.out.splitlines() if x.startswith("::error"))
    assert line.startswith("::error file=") and "title=bad-status::Nhập liệu!I5:" in line
    assert "Cách sửa:" in line
    assert "lỗi [bad-status]" not in run.err  # once, as an annotation
    assert "Không ghi gì: 1 lỗi trong 1 tệp" in run.err


def test_console_script_reports_bad_files_without_traceback(repo, tmp_path):
    pdf = tmp_path / "bao-cao.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n")
    encrypted = REPO / "tests/fixtures/bao-cao/mat-khau.xlsx"
    run = congkhai_process("import-updates", "--root", repo, "--as-of", "2026-11-23", pdf,
                           encrypted)
    assert run.code == 1 and "Traceback" not in run.err
    assert "không phải bảng tính mà là một tệp PDF" in run.err
    assert "được đặt mật khẩu" in run.err


# --- the demo plan, end to end ----------------------------------------------------------------

def test_demo_form_filled_in_libreoffice_imports(repo):
    """The committed demo form (made by report-form, filled and saved by LibreOffice Calc)."""
    before = (repo / DEMO_PLAN).read_text(encoding="utf-8")
    run, report = import_(repo, FIXTURE)
    assert run.code == 0, run.out
    written = {c["task"]: c["update"] for c in report["changes"]}
    assert written == {
        "V.3": {"date": "2026-11-18", "status": "tam-dung",
                "reason": "Lùi lớp bồi dưỡng sang năm 2027 theo Công văn số 301/SNV-CCVC "
                          "(hư cấu)."},
        "I.4": {"date": "2026-11-20", "status": "hoan-thanh",
                "note": "Đã kiểm tra 22/22 cơ quan, đơn vị (số liệu hư cấu).\n\nMinh chứng: Báo "
                        "cáo số 215/BC-SNV ngày 20/11/2026 (hư cấu)",
                "evidence": "https://example.org/minh-hoa/bao-cao/215-bc-snv-2026"},
        "III.5": {"date": "2026-11-21", "status": "dang-thuc-hien", "progress": 85,
                  "note": "Đã thu về 3.900/4.500 phiếu khảo sát (hư cấu)."},
        "VI.1": {"date": "2026-11-23", "status": "dang-thuc-hien", "progress": 90},
    }
    assert {n["code"] for n in report["notices"]} == {"understood", "date-defaulted"}
    after = (repo / DEMO_PLAN).read_text(encoding="utf-8")
    added = [x for x in difflib.ndiff(before.splitlines(), after.splitlines())
             if x.startswith(("+ ", "- "))]
    assert all(x.startswith("+ ") for x in added) and len(added) == 14
    assert congkhai("check", "--root", repo, "--as-of", "2026-11-23").code == 0
    assert (REPO / DEMO_PLAN).read_text(encoding="utf-8") == before  # the repository's own


# --- the editors' guide -----------------------------------------------------------------------

def test_every_import_problem_code_is_explained_in_the_guide():
    sources = "".join(p.read_text(encoding="utf-8") for p in
                      (REPO / "generator").rglob("*.py")
                      if "report_forms" in p.parts or "spreadsheets" in p.parts)
    codes = set(re.findall(r'(?:problem|CellProblem|SpreadsheetError)\(\s*"([a-z0-9-]+)"',
                           sources))
    codes |= set(re.findall(r'Message\(\s*[^,]+,\s*[^,]+,\s*"([a-z0-9-]+)"', sources))
    codes |= {"conflict", "extra-sheet", "date-before-last-update"}
    assert {"zip-bomb", "encrypted-workbook", "task-id-edited", "bad-status"} <= codes
    guide = GUIDE.read_text(encoding="utf-8")
    missing = sorted(c for c in codes if f"`{c}`" not in guide)
    assert not missing, f"codes not explained in {GUIDE.name}: {missing}"


def test_guide_page_is_in_the_navigation():
    assert "huong-dan-bien-tap/bao-cao-dinh-ky.md" in (REPO / "mkdocs.yml").read_text()


def test_problems_are_capped_per_file_and_the_rest_counted():
    def message(file: str, code: str, row: int) -> Message:
        return Message(file, f"F{row}", code, "m", row=row)

    many = [message("a.xlsx", "bad-status", r) for r in range(1, 31)]
    varied = [message("b.csv", f"code-{r:03}", r) for r in range(1, 131)]
    few = [message("c.csv", "bad-date", r) for r in range(1, 4)]
    out = capped([*many, *varied, *few])
    by_file = {f: [m for m in out if m.file == f] for f in ("a.xlsx", "b.csv", "c.csv")}
    assert by_file["a.xlsx"][:-1] == many[:MAX_SAME_CODE]
    assert by_file["a.xlsx"][-1].code == SUMMARY_CODE
    assert "Còn 10 lỗi" in by_file["a.xlsx"][-1].message
    assert "10 [bad-status]" in by_file["a.xlsx"][-1].message
    assert by_file["b.csv"][:-1] == varied[:MAX_PER_FILE]
    assert "Còn 30 lỗi" in by_file["b.csv"][-1].message
    assert by_file["c.csv"] == few


def test_a_form_with_many_bad_rows_prints_a_bounded_report(repo, demo_form, tmp_path):
    # every row of the form five times over (36 duplicated rows), each with a status nobody
    # can read
    source = demo_form.with_suffix(".csv")
    text = source.read_bytes().decode("utf-8-sig").split("\r\n")
    rows = [line for line in text[HEADER_ROW:] if line]
    copy = tmp_path / "form.csv"
    copy.write_bytes(("\r\n".join([*text[:HEADER_ROW], *rows * 5]) + "\r\n")
                     .encode("utf-8-sig"))
    filled = fill_csv(copy, tmp_path / "filled.csv",
                      {task: {"status": "???", "date": dt.date(2026, 11, 20)}
                       for task in ("I.4", "I.5", "III.5", "IV.1", "IV.3", "V.2", "V.3", "V.4",
                                    "VI.1")})
    run, report = import_(repo, filled)
    assert run.code == 1
    codes = [p["code"] for p in report["problems"]]
    assert codes[-1] == SUMMARY_CODE
    assert max(codes.count(c) for c in set(codes)) <= MAX_SAME_CODE
    assert len(codes) <= MAX_PER_FILE + 1
    assert codes.count("duplicate-row") == MAX_SAME_CODE
    assert "16 [duplicate-row]" in report["problems"][-1]["message"]
