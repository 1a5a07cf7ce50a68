"""Tests of generator.model.deadlines: Vietnamese deadline texts read into kind, due and start.

The conventions under test are the ones the module documents: a named period is due on its last
day, "Trong …" also gives the period's first day as the start, "Từ …" gives only a start, and the
parser never raises (unreadable text comes back with ``understood=False``).
"""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.deadlines import (
    KIND_LABELS,
    NOT_STATED,
    Deadline,
    DeadlineKind,
    explicit_deadline,
    parse_deadline,
)
from generator.model.entities import Task
from generator.model.plans import read_deadline

REPO = Path(__file__).resolve().parent.parent

FIXED = DeadlineKind.FIXED
RECURRING = DeadlineKind.RECURRING
ONGOING = DeadlineKind.ONGOING
CONDITIONAL = DeadlineKind.CONDITIONAL
START_ONLY = DeadlineKind.START_ONLY
NONE = DeadlineKind.NONE

D = date

# (text, kind, due, start) — the expressions named in the issue, plus the compound one.
ISSUE_TABLE: list[tuple[str, DeadlineKind, date | None, date | None]] = [
    ("Quý I/2018", FIXED, D(2018, 3, 31), None),
    ("Quý 1/2013", FIXED, D(2013, 3, 31), None),
    ("Trong Quý I/2018", FIXED, D(2018, 3, 31), D(2018, 1, 1)),
    ("Trong năm 2018", FIXED, D(2018, 12, 31), D(2018, 1, 1)),
    ("Tháng 12/2012", FIXED, D(2012, 12, 31), None),
    ("Quý IV/2013", FIXED, D(2013, 12, 31), None),
    ("Hoàn thành chậm nhất Quý III/2018", FIXED, D(2018, 9, 30), None),
    ("Từ Quý II/2018", START_ONLY, None, D(2018, 4, 1)),
    ("Hàng tháng/năm", RECURRING, None, None),
    ("Tháng 12/năm", RECURRING, None, None),
    ("Thường xuyên", ONGOING, None, None),
    ("Theo tiến độ của Đề án", CONDITIONAL, None, None),
    ("Theo tiến độ triển khai của Trung ương", CONDITIONAL, None, None),
    ("Theo tiến độ của Bộ Khoa học và Công nghệ", CONDITIONAL, None, None),
    ("6 tháng đầu năm 2019", FIXED, D(2019, 6, 30), None),
    ("30/6/2019", FIXED, D(2019, 6, 30), None),
    (
        "Hoàn thành chậm nhất Quý II/2018 Triển khai thí điểm từ năm 2018-2020",
        FIXED,
        D(2018, 6, 30),
        D(2018, 1, 1),
    ),
]

# Further documented conventions (module docstring), each with its hand-worked result.
CONVENTION_TABLE: list[tuple[str, DeadlineKind, date | None, date | None]] = [
    ("Năm 2018", FIXED, D(2018, 12, 31), None),
    ("6 tháng cuối năm 2019", FIXED, D(2019, 12, 31), None),
    ("Trong 6 tháng đầu năm 2019", FIXED, D(2019, 6, 30), D(2019, 1, 1)),
    ("ngày 5 tháng 6 năm 2019", FIXED, D(2019, 6, 5), None),
    ("Tháng 6 năm 2019", FIXED, D(2019, 6, 30), None),
    ("Quý I năm 2018", FIXED, D(2018, 3, 31), None),
    ("Trong Quý II/2018", FIXED, D(2018, 6, 30), D(2018, 4, 1)),
    ("Quý II/2012", FIXED, D(2012, 6, 30), None),
    ("đến năm 2022", FIXED, D(2022, 12, 31), None),
    ("Từ năm 2018 đến năm 2020", FIXED, D(2020, 12, 31), D(2018, 1, 1)),
    ("Quý I/2019 và các năm tiếp theo", START_ONLY, None, D(2019, 1, 1)),
    ("Từ năm 2018 trở đi", START_ONLY, None, D(2018, 1, 1)),
    ("Hằng năm", RECURRING, None, None),
    ("Hàng quý", RECURRING, None, None),
    ("Định kỳ hàng quý", RECURRING, None, None),
    ("Liên tục", ONGOING, None, None),
    ("Theo tiến độ Đề án được phê duyệt", CONDITIONAL, None, None),
    ("Khi có hướng dẫn của Bộ Nội vụ", CONDITIONAL, None, None),
    ("Sau khi Đề án được phê duyệt", CONDITIONAL, None, None),
    # "a text with a date is fixed even when it also says theo …"
    ("Theo tiến độ, chậm nhất Quý IV/2019", FIXED, D(2019, 12, 31), None),
]


def _check(parsed: Deadline, kind: DeadlineKind, due: date | None, start: date | None) -> None:
    assert (parsed.kind, parsed.due, parsed.start) == (kind, due, start)


@pytest.mark.parametrize(("text", "kind", "due", "start"), ISSUE_TABLE)
def test_issue_expressions(
    text: str, kind: DeadlineKind, due: date | None, start: date | None
) -> None:
    parsed = parse_deadline(text)
    _check(parsed, kind, due, start)
    assert parsed.understood is True
    assert parsed.explicit is False
    assert parsed.text == text


@pytest.mark.parametrize(("text", "kind", "due", "start"), CONVENTION_TABLE)
def test_documented_conventions(
    text: str, kind: DeadlineKind, due: date | None, start: date | None
) -> None:
    parsed = parse_deadline(text)
    _check(parsed, kind, due, start)
    assert parsed.understood is True


def test_bare_dinh_ky_is_recurring_as_documented() -> None:
    parsed = parse_deadline("Định kỳ")
    assert parsed.kind is RECURRING
    assert parsed.understood is True


# --- quarters and months -------------------------------------------------------------------------

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
@pytest.mark.parametrize("year", [2012, 2018, 2023, 2024])
def test_quarter_roman_and_arabic_agree(quarter: int, year: int) -> None:
    roman = parse_deadline(f"Quý {ROMAN[quarter]}/{year}")
    arabic = parse_deadline(f"Quý {quarter}/{year}")
    first_of_next = D(year + 1, 1, 1) if quarter == 4 else D(year, 3 * quarter + 1, 1)
    assert roman.due == arabic.due == first_of_next - timedelta(days=1)
    assert roman.kind is arabic.kind is FIXED
    within = parse_deadline(f"Trong Quý {ROMAN[quarter]}/{year}")
    assert within.start == D(year, 3 * quarter - 2, 1)
    assert within.due == roman.due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Tháng 2/2024", D(2024, 2, 29)),  # leap year
        ("Tháng 2/2023", D(2023, 2, 28)),
        ("Tháng 2/2000", D(2000, 2, 29)),  # divisible by 400
        ("Tháng 2/1900", D(1900, 2, 28)),  # century, not leap
        ("29/2/2024", D(2024, 2, 29)),
        ("Quý I/2024", D(2024, 3, 31)),  # end of February irrelevant to the quarter's end
        ("Quý I/2023", D(2023, 3, 31)),
        ("6 tháng đầu năm 2024", D(2024, 6, 30)),
    ],
)
def test_leap_years(text: str, due: date) -> None:
    parsed = parse_deadline(text)
    assert parsed.kind is FIXED
    assert parsed.due == due


def test_within_february_of_leap_year() -> None:
    parsed = parse_deadline("Trong Tháng 2/2024")
    assert (parsed.start, parsed.due) == (D(2024, 2, 1), D(2024, 2, 29))


@pytest.mark.parametrize(
    "text",
    [
        "31/2/2019",
        "29/2/2023",
        "30/2/2020",
        "31/4/2019",
        "32/1/2019",
        "0/1/2019",
        "00/6/2019",
        "15/13/2019",
        "ngày 31 tháng 2 năm 2019",
        "Trong 31/2/2019",
        "Tháng 13/2019",
        "Tháng 0/2019",
        "Quý 5/2019",
        "Quý 0/2019",
        "2020-2018",
    ],
)
def test_impossible_dates_give_no_due(text: str) -> None:
    parsed = parse_deadline(text)  # must not raise
    assert parsed.due is None
    assert parsed.start is None
    assert parsed.kind is NONE
    assert parsed.understood is False
    assert parsed.text == text


@pytest.mark.parametrize("text", ["xyz", "abc 123", "Tháng 12", "chưa xác định", "??"])
def test_unreadable_text_is_not_understood(text: str) -> None:
    parsed = parse_deadline(text)
    assert parsed.understood is False
    assert parsed.kind is NONE
    assert parsed.due is None
    assert parsed.text == text  # the original is kept for the editor to see


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t "])
def test_missing_text_is_not_stated(text: str | None) -> None:
    parsed = parse_deadline(text)
    assert parsed == NOT_STATED
    assert parsed.text is None
    assert parsed.kind is NONE
    assert parsed.understood is True


# --- case, whitespace and Unicode form -----------------------------------------------------------

ALL_TEXTS = [row[0] for row in ISSUE_TABLE + CONVENTION_TABLE]


def _spaced(text: str) -> str:
    return " \t" + text.replace(" ", "  \n\u00a0") + "  \n"


VARIANTS = {
    "upper": str.upper,
    "lower": str.lower,
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "nfd-upper": lambda t: unicodedata.normalize("NFD", t.upper()),
    "whitespace": _spaced,
    "trailing-punct": lambda t: t + ".",
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("text", ALL_TEXTS)
def test_case_whitespace_and_form_insensitive(text: str, variant: str) -> None:
    plain = parse_deadline(text)
    other = parse_deadline(VARIANTS[variant](text))
    assert (other.kind, other.due, other.start, other.understood) == (
        plain.kind,
        plain.due,
        plain.start,
        plain.understood,
    )


def test_nfd_input_is_stored_as_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Trong Quý I/2018")
    assert nfd != "Trong Quý I/2018"
    parsed = parse_deadline(nfd)
    assert parsed.text == "Trong Quý I/2018"
    assert unicodedata.is_normalized("NFC", parsed.text)


def test_line_break_inside_a_table_cell() -> None:
    # Khánh Hòa VII.12 is split across lines in the seed: "Trong Quý\nI/2018".
    parsed = parse_deadline("Trong Quý\nI/2018")
    assert (parsed.kind, parsed.due, parsed.start) == (FIXED, D(2018, 3, 31), D(2018, 1, 1))


# --- read_deadline and explicit deadlines ---------------------------------------------------------


def test_read_deadline_null_and_text() -> None:
    assert read_deadline(None) == NOT_STATED
    assert read_deadline("Quý III/2018") == parse_deadline("Quý III/2018")
    assert read_deadline("Quý III/2018").due == D(2018, 9, 30)


def test_read_deadline_mapping_overrides_parser() -> None:
    raw = {"text": "Theo tiến độ của Đề án", "due": D(2018, 6, 30), "start": None, "kind": None}
    parsed = read_deadline(raw)
    assert parsed.kind is FIXED  # a due date given by the editor makes it fixed
    assert parsed.due == D(2018, 6, 30)
    assert parsed.explicit is True
    assert parsed.understood is True
    assert parsed.text == "Theo tiến độ của Đề án"


def test_explicit_kind_without_due_keeps_parsed_start_only() -> None:
    parsed = explicit_deadline("Quý I/2018", None, None, "recurring")
    assert parsed.kind is RECURRING
    assert parsed.due is None  # the parser's due is dropped once the kind is not fixed
    unreadable = explicit_deadline("khó đọc", None, None, "conditional")
    assert (unreadable.kind, unreadable.understood) == (CONDITIONAL, True)


def test_explicit_without_kind_or_dates_falls_back_to_parser() -> None:
    parsed = explicit_deadline("Trong Quý II/2018", None, None, None)
    assert (parsed.kind, parsed.due, parsed.start) == (FIXED, D(2018, 6, 30), D(2018, 4, 1))
    assert parsed.explicit is True


# --- every deadline in the shipped plans ---------------------------------------------------------


def _shipped_deadline_texts() -> list[tuple[str, str]]:
    from generator.model.project import load_project

    project, problems = load_project(REPO, D(2026, 11, 23))
    assert not problems, [f"{p.location()} {p.code}: {p.message}" for p in problems]
    found: list[tuple[str, str]] = []

    def walk(plan_id: str, task: Task) -> None:
        if task.deadline.text is not None:
            found.append((f"{plan_id}#{task.id}", task.deadline.text))
        for obj in task.objectives:
            for target in obj.targets:
                if target.deadline is not None and target.deadline.text is not None:
                    found.append((f"{plan_id}#{task.id}/{obj.id}", target.deadline.text))
        for sub in task.subtasks:
            walk(plan_id, sub)

    for plan in project.plans:
        if plan.demo:
            continue
        for obj in plan.objectives:
            for target in obj.targets:
                if target.deadline is not None and target.deadline.text is not None:
                    found.append((f"{plan.id}/{obj.id}", target.deadline.text))
        for task in plan.tasks:
            walk(plan.id, task)
    return found


def test_every_shipped_deadline_is_understood() -> None:
    texts = _shipped_deadline_texts()
    # The real plans carry 65 deadline texts (44 Khánh Hòa tasks, 17 Nam Định appendix rows and
    # 2 target deadlines, 1 Quảng Ngãi task, 1 Quảng Ninh target); guard against the check
    # silently running over nothing.
    assert len(texts) >= 60
    not_understood = [(where, t) for where, t in texts if not parse_deadline(t).understood]
    assert not_understood == []
    # The issue's expressions that are real come from these plans: make sure they are there.
    distinct = {t for _, t in texts}
    for text in ("Trong Quý I/2018", "Tháng 12/năm", "Hàng tháng/năm", "Thường xuyên"):
        assert text in distinct


# --- properties ----------------------------------------------------------------------------------

WORDS = [
    "quý", "Quý", "QUÝ", "tháng", "Tháng", "năm", "ngày", "trong", "Trong", "từ", "Từ", "đến",
    "đến hết", "trước", "chậm nhất", "Hoàn thành", "xong", "hạn chót", "bắt đầu", "suốt",
    "thường xuyên", "liên tục", "hàng", "hằng", "định kỳ", "mỗi", "theo", "Theo tiến độ", "khi",
    "sau khi", "tùy", "căn cứ", "các năm tiếp theo", "trở đi", "về sau", "đầu", "cuối", "6",
    "I", "II", "III", "IV", "i", "iv", "V", "/", "-", "–", "—", ",", ".", ";", ":", " ", "  ",
    "\n", "(", ")", "và", "Triển khai thí điểm", "Đề án", "Trung ương",
]
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=40).map(str),
    st.integers(min_value=1890, max_value=2110).map(str),
    st.integers(min_value=0, max_value=99999).map(str),
)
TOKENS = st.one_of(st.sampled_from(WORDS), NUMBERS)
VIETNAMESE_DEADLINE_TEXT = st.lists(TOKENS, max_size=14).flatmap(
    lambda toks: st.sampled_from([" ".join(toks), "".join(toks), "/".join(toks)])
)
ANY_TEXT = st.one_of(st.text(), VIETNAMESE_DEADLINE_TEXT, st.none())


def _assert_consistent(text: str | None, parsed: Deadline) -> None:
    assert isinstance(parsed, Deadline)
    if parsed.due is not None and parsed.start is not None:
        assert parsed.start <= parsed.due
    # A due date exactly when the kind is fixed.
    assert (parsed.kind is FIXED) == (parsed.due is not None)
    if not parsed.understood:
        assert parsed.kind is NONE and parsed.due is None and parsed.start is None
    if parsed.kind is START_ONLY:
        assert parsed.start is not None
    if text is None or not text.strip():
        assert parsed == NOT_STATED
    else:
        assert parsed.text == unicodedata.normalize("NFC", text).strip()


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_parse_never_raises_and_start_not_after_due(text: str | None) -> None:
    _assert_consistent(text, parse_deadline(text))


@settings(max_examples=300, deadline=None)
@given(VIETNAMESE_DEADLINE_TEXT)
def test_vietnamese_text_case_and_form_do_not_matter(text: str) -> None:
    plain = parse_deadline(text)
    for variant in (text.upper(), unicodedata.normalize("NFD", text)):
        other = parse_deadline(variant)
        assert (other.kind, other.due, other.start, other.understood) == (
            plain.kind,
            plain.due,
            plain.start,
            plain.understood,
        )


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1900, max_value=2099),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=31),
)
def test_generated_dates_and_months(year: int, month: int, day: int) -> None:
    month_end = (D(year + 1, 1, 1) if month == 12 else D(year, month + 1, 1)) - timedelta(days=1)
    assert parse_deadline(f"Tháng {month}/{year}").due == month_end
    assert parse_deadline(f"Trong tháng {month}/{year}").start == D(year, month, 1)
    parsed = parse_deadline(f"{day}/{month}/{year}")
    if day <= calendar.monthrange(year, month)[1]:
        assert (parsed.kind, parsed.due) == (FIXED, D(year, month, day))
    else:
        assert parsed.due is None
        assert parsed.understood is False


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Trước Quý II/2018", date(2018, 3, 31)),
        ("Trước tháng 6/2018", date(2018, 5, 31)),
        ("Trước năm 2020", date(2019, 12, 31)),
        ("Trước ngày 30/6/2019", date(2019, 6, 30)),
    ],
)
def test_before_a_period_is_due_the_day_before_it_starts(text, due):
    d = parse_deadline(text)
    assert (d.kind, d.due, d.understood) == (DeadlineKind.FIXED, due, True)


@pytest.mark.parametrize(
    "text",
    ["Từ 31/2/2019 đến 30/6/2019", "Quý I/2018 (31/2/2018)", "Từ Quý III/2018 đến Quý II/2018"],
)
def test_impossible_or_contradictory_dates_are_not_understood(text):
    d = parse_deadline(text)
    assert (d.understood, d.due) == (False, None)


# --- one table of deadline-kind labels (issue 15, point 11) --------------------------------------


def test_one_table_of_kind_labels():
    from generator.sources.vocabulary import DEADLINE_KIND_LABELS, DEADLINE_KINDS

    # The site and the exports (KIND_LABELS) say what the format declaration says, kind by kind.
    assert [k.value for k in DeadlineKind] == list(DEADLINE_KINDS)
    assert [KIND_LABELS[k] for k in DeadlineKind] == list(DEADLINE_KIND_LABELS)
    assert KIND_LABELS[CONDITIONAL] == "Theo điều kiện, tiến độ bên ngoài"
    assert KIND_LABELS[START_ONLY] == "Chỉ nêu thời điểm bắt đầu"


def test_guide_kind_table_uses_the_same_words():
    import re

    from generator.sources.vocabulary import DEADLINE_KIND_NAMES

    guide = (REPO / "content" / "huong-dan-bien-tap" / "dinh-dang-du-lieu.md").read_text("utf-8")
    start = guide.index("Các loại thời hạn (`kind`):")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|\n]+) \|$", guide[start:start + 800],
                           re.MULTILINE))
    assert set(rows) == set(DEADLINE_KIND_NAMES)
    for code, label in DEADLINE_KIND_NAMES.items():
        # A row may explain more after the label, in brackets.
        assert rows[code] == label or rows[code].startswith(label + " ("), (code, rows[code])


def test_exports_and_json_schema_use_the_same_words():
    from generator.downloads.contract import dump
    from generator.downloads.export import DEADLINE
    from generator.sources.jsonschema import plan_schema

    assert dump(DEADLINE, parse_deadline("Theo tiến độ của Đề án"), None)["kind_label"] == (
        "Theo điều kiện, tiến độ bên ngoài")
    text = str(plan_schema())
    assert "Chỉ nêu thời điểm bắt đầu" in text
    assert "Chỉ có thời điểm bắt đầu" not in text
