"""The invalid-input corpus of report forms: every bad form an agency might send back (or an
attacker might try), and what ``congkhai import-updates`` must say about it.

Spreadsheets cannot be committed as annotated text like the YAML cases, so each case is a small
function that makes its file(s) from a pristine form, declared with ``@case(...)`` and its
expectations (tests/invalid/forms/README.md lists them all). Two inputs that only real software
makes are committed files: a workbook encrypted with a password and an Excel 97–2003 file.

Every case runs ``congkhai import-updates --root PROJECT --as-of 2026-11-23 --format json FILES``
on a fresh copy of tests/invalid/_project plus tests/invalid/forms/plan.yaml. A bad case must exit
1 with every expected problem (code, sheet!cell, a substring of its message, hint or value), no
other problem, no traceback, and no plan file changed; an accepted case must exit 0 with the
expected changes and notices.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from formfill import congkhai, congkhai_process, fill, fill_csv
from openpyxl.styles import numbers

from generator.authoring.editing import append_update

HERE = Path(__file__).parent / "invalid"
PROJECT = HERE / "_project"
BASELINE = HERE / "cases" / "00-valid-baseline.yaml"
FORMS = HERE / "forms"
FIXTURES = Path(__file__).parent / "fixtures" / "bao-cao"
AS_OF = "2026-11-23"
AGENCY = "thu-nghiem-so-noi-vu"
PLAN = "plans/thu-nghiem-ubnd/thu-nghiem-kh-02-2026.yaml"
E = "Nhập liệu!"  # the entry sheet, as messages name it
NOV20 = dt.date(2026, 11, 20)


def make_project(dest: Path) -> Path:
    """tests/invalid/_project with the baseline plan and the form corpus's plan."""
    shutil.copytree(PROJECT, dest)
    plans = dest / "plans" / "thu-nghiem-ubnd"
    plans.mkdir(parents=True, exist_ok=True)
    baseline = BASELINE.read_bytes().split(b"\n", 4)[4]  # without its four header comments
    (plans / "thu-nghiem-kh-01-2025.yaml").write_bytes(baseline)
    shutil.copy(FORMS / "plan.yaml", plans / "thu-nghiem-kh-02-2026.yaml")
    return dest


@dataclass
class Forms:
    """The pristine forms of the corpus, made once by the real command."""

    xlsx: Path
    csv: Path
    other_agency: Path  # Sở Tài chính's form, for rows and identities from another form
    tttt: Path  # Sở Thông tin và Truyền thông's form (the baseline plan's I.2)


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Forms:
    base = tmp_path_factory.mktemp("forms")
    root = make_project(base / "project")
    made = {}
    for agency, name in ((AGENCY, "snv.xlsx"), ("thu-nghiem-so-tai-chinh", "stc.xlsx"),
                         ("thu-nghiem-so-thong-tin-va-truyen-thong", "tttt.xlsx")):
        congkhai("report-form", "--root", root, "--agency", agency, "--period", "2026-Q4",
                 "--as-of", AS_OF, "--out", base / name, "--csv").ok()
        made[name] = base / name
    return Forms(made["snv.xlsx"], base / "snv.csv", made["stc.xlsx"], made["tttt.xlsx"])


@dataclass
class Work:
    """One case's workspace: its project copy, the pristine forms, a directory for its files."""

    root: Path
    forms: Forms
    dir: Path

    def filled(self, values: dict, edit: Callable | None = None, name: str = "bao-cao.xlsx",
               form: Path | None = None) -> Path:
        return fill(form or self.forms.xlsx, self.dir / name, values, edit)

    def file(self, name: str, data: bytes) -> Path:
        path = self.dir / name
        path.write_bytes(data)
        return path


@dataclass(frozen=True)
class Expect:
    """A problem (or notice) with this code at this place whose text contains ``text``."""

    code: str
    where: str
    text: str = ""


@dataclass
class Case:
    name: str
    build: Callable[[Work], list[Path]]
    problems: list[Expect] = field(default_factory=list)
    notices: list[Expect] = field(default_factory=list)
    changes: list[tuple[str, str]] | None = None  # accepted: (task id, status) written
    args: tuple[str, ...] = ()
    max_seconds: float | None = None
    process: bool = False  # run the console script in a child process


CASES: list[Case] = []


def case(name: str, *problems: Expect, notices: tuple[Expect, ...] = (),
         changes: list[tuple[str, str]] | None = None, args: tuple[str, ...] = (),
         max_seconds: float | None = None, process: bool = False):
    """Declare a case: ``problems`` for a refused input (exit 1), ``changes`` for an accepted
    one (exit 0)."""
    assert bool(problems) != (changes is not None), name

    def register(build: Callable[[Work], list[Path]]) -> Callable[[Work], list[Path]]:
        CASES.append(Case(name, build, list(problems), list(notices), changes, args,
                          max_seconds, process))
        return build

    return register


def one(path: Path) -> list[Path]:
    return [path]


# --- accepted: what people type that is understood ------------------------------------------

@case("a01-status-without-diacritics", notices=(Expect("understood", E + "I5", "Hoàn thành"),),
      changes=[("II.1", "hoan-thanh")])
def _(w: Work):
    return one(w.filled({"II.1": {"status": "hoan thanh", "date": NOV20}}))


@case("a02-status-in-a-phrase", notices=(Expect("understood", E + "I5", "Đã hoàn thành"),
                                         Expect("understood", E + "I6", "Đang thực hiện")),
      changes=[("II.2", "dang-thuc-hien"), ("II.1", "hoan-thanh")])
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Đã hoàn thành", "date": NOV20},
                         "II.2": {"status": "đang thực hiện quá hạn", "date": NOV20}}))


@case("a03-progress-fraction-80-and-percent-text",
      notices=(Expect("understood", E + "J6", "80%"),),
      changes=[("II.2", "dang-thuc-hien"), ("II.3", "dang-thuc-hien"),
               ("II.5", "dang-thuc-hien")])
def _(w: Work):
    return one(w.filled({
        "II.2": {"status": "Đang thực hiện", "progress": 0.8, "date": NOV20},
        "II.3": {"status": "Đang thực hiện", "progress": "80%", "date": NOV20},
        "II.5": {"status": "Đang thực hiện", "progress": "80 %", "date": NOV20},
    }))


@case("a04-progress-percent-format", changes=[("II.2", "dang-thuc-hien")])
def _(w: Work):
    def percent(book, sheet):
        sheet["J6"].number_format = numbers.FORMAT_PERCENTAGE

    return one(w.filled({"II.2": {"status": "Đang thực hiện", "progress": 0.8, "date": NOV20}},
                        percent))


@case("a05-date-excel-serial", notices=(Expect("understood", E + "K5", "20/11/2026"),),
      changes=[("II.1", "hoan-thanh")])
def _(w: Work):
    def general(book, sheet):
        sheet["K5"].number_format = numbers.FORMAT_GENERAL

    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": 46346}}, general))


@case("a06-dates-as-text", changes=[("II.2", "dang-thuc-hien"), ("II.1", "hoan-thanh"),
                                    ("II.3", "dang-thuc-hien")])
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": "15/11/2026"},
                         "II.2": {"status": "Đang thực hiện", "date": "1-10-2026"},
                         "II.3": {"status": "Đang thực hiện", "date": "20.11.2026"}}))


@case("a07-rows-sorted-in-reverse", changes=[("II.1", "hoan-thanh"), ("II.5", "tam-dung")])
def _(w: Work):
    def reverse(book, sheet):
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5, max_row=9)]
        for r, values in enumerate(reversed(rows), start=5):
            for c, value in enumerate(values, start=1):
                sheet.cell(r, c).value = value

    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20},
                         "II.5": {"status": "Tạm dừng", "note": "Chờ hướng dẫn của Bộ."}},
                        reverse))


FILLED_TEXT = {"II.1": {"status": "Hoàn thành", "date": NOV20, "evidence": "https://example.org/qd"},
               "II.2": {"status": "Đang thực hiện", "progress": "70", "date": NOV20}}
TEXT_CHANGES = [("II.1", "hoan-thanh"), ("II.2", "dang-thuc-hien")]


@case("a08-csv-utf8-bom", changes=TEXT_CHANGES)
def _(w: Work):
    return one(fill_csv(w.forms.csv, w.dir / "bao-cao.csv", FILLED_TEXT))


@case("a09-csv-utf8-without-bom", changes=TEXT_CHANGES)
def _(w: Work):
    return one(fill_csv(w.forms.csv, w.dir / "bao-cao.csv", FILLED_TEXT, encoding="utf-8"))


@case("a10-unicode-text-utf16-tabs", changes=TEXT_CHANGES)
def _(w: Work):
    return one(fill_csv(w.forms.csv, w.dir / "bao-cao.txt", FILLED_TEXT, encoding="utf-16",
                        delimiter="\t"))


@case("a11-csv-semicolons", changes=TEXT_CHANGES)
def _(w: Work):
    return one(fill_csv(w.forms.csv, w.dir / "bao-cao.csv", FILLED_TEXT, delimiter=";"))


@case("a12-empty-date-is-the-import-date",
      notices=(Expect("date-defaulted", E + "K6", "23/11/2026"),),
      changes=[("II.2", "dang-thuc-hien")])
def _(w: Work):
    return one(w.filled({"II.2": {"status": "Đang thực hiện", "progress": 60}}))


@case("a13-nothing-filled", changes=[])
def _(w: Work):
    return [w.forms.xlsx]


# --- refused: values ------------------------------------------------------------------------

@case("01-status-unknown", Expect("bad-status", E + "I5", "xong"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "xong", "date": NOV20}}))


@case("02-status-ambiguous", Expect("ambiguous-status", E + "I5", "chưa hoàn thành"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "chưa hoàn thành", "date": NOV20}}))


@case("03-progress-text", Expect("bad-progress", E + "J6", "khoảng 80"))
def _(w: Work):
    return one(w.filled({"II.2": {"status": "Đang thực hiện", "progress": "khoảng 80"}}))


@case("04-progress-not-whole", Expect("bad-progress", E + "J6", "80"))
def _(w: Work):
    return one(w.filled({"II.2": {"status": "Đang thực hiện", "progress": "80,5%"}}))


@case("05-progress-over-100", Expect("bad-progress", E + "J6", "0–100"))
def _(w: Work):
    return one(w.filled({"II.2": {"status": "Đang thực hiện", "progress": 150}}))


@case("06-date-month-first", Expect("bad-date", E + "K5", "25/11/2026"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": "11/25/2026"}}))


@case("07-date-two-digit-year", Expect("bad-date", E + "K5", "20/11/2026"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": "20/11/26"}}))


@case("08-date-not-on-the-calendar", Expect("bad-date", E + "K5", "31/11/2026"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": "31/11/2026"}}))


@case("09-date-in-the-future", Expect("date-in-future", E + "K5", "20/12/2026"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": dt.date(2026, 12, 20)}}))


@case("10-date-before-the-plan", Expect("date-before-issue", E + "K5", "15/01/2026"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": dt.date(2026, 1, 10)}}))


@case("11-done-without-date", Expect("done-without-date", E + "K5", "ngày hoàn thành"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành"}}))


@case("12-done-with-progress-60", Expect("done-progress", E + "J5", "60%"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "progress": 60, "date": NOV20}}))


@case("13-not-started-with-progress", Expect("not-started-progress", E + "J5", "30%"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Chưa bắt đầu", "progress": 30, "date": NOV20}}))


@case("14-paused-without-reason", Expect("reason-required", E + "L5", "lý do"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Tạm dừng", "date": NOV20}}))


@case("15-values-without-status", Expect("missing-status", E + "I6", "tình trạng"))
def _(w: Work):
    return one(w.filled({"II.2": {"progress": 70, "date": NOV20}}))


@case("16-evidence-javascript", Expect("bad-evidence", E + "M5", "https://"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20,
                                  "evidence": "javascript:alert(1)"}}))


@case("17-evidence-without-https", Expect("bad-evidence", E + "M5", "https://www.example.org"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20,
                                  "evidence": "Quyết định 12/QĐ-UBND, www.example.org/qd-12"}}))


@case("18-note-too-long", Expect("text-too-long", E + "L6", "20.000"))
def _(w: Work):
    return one(w.filled({"II.2": {"status": "Đang thực hiện", "note": "x" * 20_001}}))


@case("19-date-before-the-last-update", Expect("date-before-last-update", E + "K6", "30/09/2026"))
def _(w: Work):
    return one(w.filled({"II.2": {"status": "Đang thực hiện", "progress": 60,
                                  "date": dt.date(2026, 9, 1)}}))


# --- refused: the form's structure ----------------------------------------------------------

@case("20-task-id-edited", Expect("task-id-edited", E + "C6", "II.2"))
def _(w: Work):
    def edit(book, sheet):
        sheet["C6"] = "II.9"

    return one(w.filled({"II.2": {"status": "Đang thực hiện", "progress": 70}}, edit))


@case("21-row-deleted", Expect("deleted-row", E + "A4", "II.4"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20}},
                        lambda book, sheet: sheet.delete_rows(8)))


@case("22-row-duplicated", Expect("duplicate-row", E + "C10", "dòng 6"))
def _(w: Work):
    def duplicate(book, sheet):
        for c in range(1, 15):
            sheet.cell(10, c).value = sheet.cell(6, c).value

    return one(w.filled({"II.2": {"status": "Đang thực hiện", "progress": 70}}, duplicate))


@case("23-formula-instead-of-value", Expect("formula", E + "J6", "=40+40"))
def _(w: Work):
    return one(w.filled({"II.2": {"status": "Đang thực hiện", "progress": "=40+40"}}))


@case("24-merged-cells", Expect("merged-cells", E + "L5", "L5:M5"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20, "note": "Xong."}},
                        lambda book, sheet: sheet.merge_cells("L5:M5")))


@case("25-extra-sheet", Expect("extra-sheet", "Sheet1!A1", "Sheet1"))
def _(w: Work):
    def extra(book, sheet):
        book.create_sheet("Sheet1")["A1"] = "Ghi chú của chuyên viên"

    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20}}, extra))


@case("26-form-of-another-agency", Expect("wrong-agency", E + "B3", "Sở Tài chính"),
      args=("--agency", AGENCY))
def _(w: Work):
    return one(w.filled({"II.5": {"status": "Hoàn thành", "date": NOV20}},
                        form=w.forms.other_agency))


@case("27-form-of-another-period", Expect("wrong-period", E + "B3", "Quý IV/2026"),
      args=("--period", "2027-Q1"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20}}))


@case("28-row-pasted-from-another-form", Expect("bad-row-key", E + "N5", "biểu mẫu khác"),
      Expect("deleted-row", E + "A4", "II.1"))
def _(w: Work):
    other = openpyxl.load_workbook(w.forms.other_agency)["Nhập liệu"]["N5"].value

    def paste(book, sheet):
        sheet["N5"] = other

    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20}}, paste))


@case("29-form-id-edited", Expect("bad-form-id", E + "B3", "bị sửa"))
def _(w: Work):
    def edit(book, sheet):
        sheet["B3"] = sheet["B3"].value.replace("rows=5", "rows=4")

    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20}}, edit))


@case("30-form-id-from-another-form", Expect("form-id-mismatch", E + "B3", "ghép"))
def _(w: Work):
    other = openpyxl.load_workbook(w.forms.other_agency)["Nhập liệu"]["B3"].value

    def edit(book, sheet):
        sheet["B3"] = other

    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20}}, edit))


@case("31-row-without-key", Expect("row-without-key", E + "I20", "mã dòng"))
def _(w: Work):
    def add(book, sheet):
        sheet["C20"], sheet["I20"] = "II.8", "Hoàn thành"

    return one(w.filled({}, add))


@case("32-column-deleted", Expect("missing-column", E + "A4", "Tiến độ"))
def _(w: Work):
    return one(w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20}},
                        lambda book, sheet: sheet.delete_cols(10)))


# --- refused: the file ----------------------------------------------------------------------

@case("33-not-a-spreadsheet-pdf", Expect("not-a-spreadsheet", "", "PDF"))
def _(w: Work):
    return one(w.file("bao-cao.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"))


@case("34-word-document", Expect("not-a-spreadsheet", "", "Word"))
def _(w: Work):
    path = w.dir / "bao-cao.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return [path]


@case("35-spreadsheet-that-is-not-a-form", Expect("not-a-form", "", "mã biểu mẫu"))
def _(w: Work):
    book = openpyxl.Workbook()
    book.active.append(["Nhiệm vụ", "Tình trạng"])
    book.active.append(["II.1", "Hoàn thành"])
    book.save(w.dir / "tu-lam.xlsx")
    return [w.dir / "tu-lam.xlsx"]


@case("36-password-protected", Expect("encrypted-workbook", "", "mật khẩu"))
def _(w: Work):
    return [FIXTURES / "mat-khau.xlsx"]


@case("37-excel-97-2003", Expect("old-xls", "", ".xls"))
def _(w: Work):
    return [FIXTURES / "excel-97.xls"]


@case("38-zip-bomb", Expect("zip-bomb", "", "zip bomb"), max_seconds=5, process=True)
def _(w: Work):
    path = w.dir / "bao-cao.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range(128):  # 128 MiB of spaces, about 130 KB compressed
                part.write(chunk)
    return [path]


@case("39-file-of-50-mb", Expect("file-too-large", "", "50"), max_seconds=5, process=True)
def _(w: Work):
    path = w.dir / "bao-cao.xlsx"
    with path.open("wb") as handle:  # sparse: 50 MB that take no disk
        handle.truncate(50 * 1000 * 1000)
    return [path]


@case("40-csv-in-windows-1258", Expect("csv-encoding", "", "UTF-8"))
def _(w: Work):
    text = w.forms.csv.read_bytes().decode("utf-8-sig")
    return one(w.file("bao-cao.csv", text.encode("cp1258", errors="replace")))


@case("41-empty-file", Expect("empty-file", "", "rỗng"))
def _(w: Work):
    return one(w.file("bao-cao.xlsx", b""))


# --- refused: against what the plan files say -----------------------------------------------

@case("42-conflict-later-update", Expect("conflict", E + "I6", "27/11/2026"),
      args=("--as-of", "2026-11-30"))
def _(w: Work):
    append_update(w.root / PLAN, "II.2", "2026-11-27", "dang-thuc-hien", progress=65)
    return one(w.filled({"II.2": {"status": "Đang thực hiện", "progress": 70,
                                  "date": dt.date(2026, 11, 28)}}))


@case("43-reported-twice-differently", Expect("conflict", E + "I5", "2 nơi"),
      Expect("conflict", E + "I5", "2 nơi"))
def _(w: Work):
    return [w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20}}, name="a.xlsx"),
            w.filled({"II.1": {"status": "Đang thực hiện", "progress": 90, "date": NOV20}},
                     name="b.xlsx")]


@case("44-one-bad-file-writes-nothing", Expect("bad-status", E + "I5", "xong"))
def _(w: Work):
    good = w.filled({"II.1": {"status": "Hoàn thành", "date": NOV20}}, name="snv.xlsx")
    bad = w.filled({"I.2": {"status": "xong"}}, name="tttt.xlsx", form=w.forms.tttt)
    return [good, bad]


@case("45-note-with-a-control-character", Expect("control-character", E + "L6", "U+007F"))
def _(w: Work):
    return one(w.filled({"II.2": {"status": "Đang thực hiện", "note": "Đã xong\x7f phần 1"}}))


@case("46-note-with-an-invisible-character", Expect("invisible-character", E + "L6", "U+200B"))
def _(w: Work):
    return one(w.filled({"II.2": {"status": "Đang thực hiện", "note": "Đã xong\u200b phần 1"}}))


# --- running --------------------------------------------------------------------------------


def _matches(expect: Expect, message: dict, file: str | None = None) -> bool:
    return (message["code"] == expect.code and message["where"] == expect.where
            and (file is None or message["file"] == file)
            and expect.text in message["message"] + "\n" + message["hint"] + "\n"
            + message["value"])


def run_case(c: Case, work: Work) -> None:
    files = c.build(work)
    plans = {p: p.read_bytes() for p in (work.root / "plans").rglob("*.yaml")}
    args = ("import-updates", "--root", work.root, "--as-of", AS_OF, "--format", "json",
            *c.args, *files)
    start = time.perf_counter()
    run = congkhai_process(*args) if c.process else congkhai(*args)
    seconds = time.perf_counter() - start
    assert "Traceback" not in run.err, run.err
    if c.max_seconds is not None:
        assert seconds < c.max_seconds, f"took {seconds:.1f} s"
    report = json.loads(run.out)
    problems, notices = report["problems"], report["notices"]
    described = json.dumps(problems, ensure_ascii=False, indent=1)
    if c.changes is None:
        assert run.code == 1, f"exit {run.code}, expected 1\n{run.out}\n{run.err}"
        for expect in c.problems:
            assert any(_matches(expect, p) for p in problems), f"missing {expect}: {described}"
        extra = [p for p in problems
                 if not any(_matches(Expect(e.code, e.where), p) for e in c.problems)]
        assert not extra, f"unexpected problems: {json.dumps(extra, ensure_ascii=False)}"
        assert len(problems) == len(c.problems), described
        assert report["written"] == []
        after = {p: p.read_bytes() for p in (work.root / "plans").rglob("*.yaml")}
        assert after == plans, "a plan file was changed although the import was refused"
        return
    assert run.code == 0, f"exit {run.code}\n{run.out}\n{run.err}"
    assert problems == []
    for expect in c.notices:
        assert any(_matches(expect, n) for n in notices), (
            f"missing notice {expect}: {json.dumps(notices, ensure_ascii=False)}")
    written = [(ch["task"], ch["update"]["status"]) for ch in report["changes"]]
    assert sorted(written) == sorted(c.changes)
    assert len(report["written"]) == (1 if c.changes else 0)
    check = congkhai("check", "--root", work.root, "--as-of", AS_OF)
    assert check.code == 0, check.err


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_form_case(c: Case, forms: Forms, tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    work_dir = tmp_path / "files"
    work_dir.mkdir()
    run_case(c, Work(root, forms, work_dir))


def test_every_case_is_listed_in_the_readme() -> None:
    readme = (FORMS / "README.md").read_text(encoding="utf-8")
    missing = [c.name for c in CASES if f"`{c.name}`" not in readme]
    assert not missing, missing
    assert len({c.name[:3] for c in CASES}) == len(CASES), "case numbers must be unique"
    assert len([c for c in CASES if c.changes is None]) >= 40
