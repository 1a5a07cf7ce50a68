"""The five real plans against the source documents they were transcribed from.

Counts and texts are derived from the seed files in ``<repo root>/../shared/seeds`` wherever the
layout of the copy allows it (table cells, lettered items, numbered headings), and compared with
what the generator loads from ``plans/``. The expected numbers from the issue are asserted too,
so that a seed parser that went wrong cannot agree with a plan that went wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from generator.facts.snapshot import Snapshot
from generator.facts.status import Status
from generator.model.deadlines import DeadlineKind
from generator.model.entities import Objective, Plan, Project, Task, task_anchor
from generator.model.project import load_project
from generator.sources.textnorm import fold

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
AS_OF = date(2026, 11, 23)

KHANH_HOA = "khanh-hoa-qd-4034-2017"
QUANG_NINH = "quang-ninh-qd-4783-2017"
NAM_DINH = "nam-dinh-qd-337-2012"
LAO_CAI = "lao-cai-kh-165-2020"
QUANG_NGAI = "quang-ngai-ct-09-2021"

# plan id -> (seed file, document number), as indexed in shared/README.md
REAL_PLANS = {
    QUANG_NINH: ("000_3506e9eeafa5270a.txt", "4783/QĐ-UBND"),
    QUANG_NGAI: ("001_ea0420d26a97459d.txt", "09/CT-UBND"),
    LAO_CAI: ("002_9408640d3027ba82.txt", "165/KH-UBND"),
    NAM_DINH: ("003_dcc1f83326a2b6f4.txt", "337/QĐ-UBND"),
    KHANH_HOA: ("004_56be073c6998dd9f.txt", "4034/QĐ-UBND"),
}


# --- helpers ------------------------------------------------------------------------------------


def squash(text: str | None) -> str:
    """NFC text without any whitespace or table pipes (how the copies split cells and lines)."""
    return re.sub(r"[\s|]+", "", unicodedata.normalize("NFC", text or ""))


@dataclass
class Block:
    """A numbered/lettered item of a seed with the heading it sits under."""

    head: str | None
    label: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def blocks(
    lines: list[str], item: re.Pattern[str], head: re.Pattern[str]
) -> tuple[list[Block], dict[str, str]]:
    """Split ``lines`` into items (``item`` gives label and first line) under headings.

    Returns the items and, per heading label, the heading text (which may run over several lines
    until the first item).
    """
    items: list[Block] = []
    heads: dict[str, list[str]] = {}
    current_head: str | None = None
    current: Block | None = None
    for line in lines:
        if m := head.match(line):
            current_head = m.group(1)
            heads[current_head] = [m.group(2)]
            current = None
        elif m := item.match(line):
            current = Block(current_head, m.group(1), [m.group(2)])
            items.append(current)
        elif current is not None:
            current.lines.append(line)
        elif current_head is not None:
            heads[current_head].append(line)
    return items, {k: " ".join(v) for k, v in heads.items()}


def index_of(lines: list[str], predicate, start: int = 0) -> int:  # type: ignore[no-untyped-def]
    return next(i for i in range(start, len(lines)) if predicate(lines[i]))


def all_tasks(plan: Plan) -> Iterator[Task]:
    def walk(task: Task) -> Iterator[Task]:
        yield task
        for sub in task.subtasks:
            yield from walk(sub)

    for task in plan.tasks:
        yield from walk(task)


def all_objectives(plan: Plan) -> Iterator[Objective]:
    yield from plan.objectives
    for task in all_tasks(plan):
        yield from task.objectives


def verbatim_fields(plan: Plan) -> Iterator[tuple[str, str]]:
    """Every field that the transcription rules say is copied word for word."""
    for section in plan.sections:
        if section.title is not None:
            yield f"section {section.id} title", section.title
    for task in all_tasks(plan):
        yield f"task {task.id} title", task.title
        for name, value in (
            ("output", task.output),
            ("deadline", task.deadline.text),
            ("assignment", task.assignment),
        ):
            if value is not None:
                yield f"task {task.id} {name}", value
    for obj in all_objectives(plan):
        yield f"objective {obj.id} text", obj.text
        for i, target in enumerate(obj.targets, 1):
            yield f"objective {obj.id} target {i} label", target.label
            if target.deadline is not None and target.deadline.text is not None:
                yield f"objective {obj.id} target {i} deadline", target.deadline.text
    for duty in plan.duties:
        if duty.heading is not None:
            yield f"duty {duty.id} heading", duty.heading
        if duty.text is not None:
            yield f"duty {duty.id} text", duty.text
        for item in duty.items:
            yield f"duty {duty.id} item {item.id}", item.text
    for baseline in plan.baselines:
        yield "baseline label", baseline.label
    for basis in plan.legal_bases:
        yield f"legal basis {basis.number} title", basis.title


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project() -> Project:
    loaded, problems = load_project(REPO, AS_OF)
    assert not problems, [f"{p.location()} {p.code}: {p.message}" for p in problems]
    return loaded


@pytest.fixture(scope="module")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"shared/seeds not found at {SEEDS} (expected <repo root>/../shared/seeds)")
    return SEEDS


def plan_of(project: Project, plan_id: str) -> Plan:
    plan = project.plan(plan_id)
    assert plan is not None, f"plan {plan_id} not loaded"
    return plan


def seed_text(seeds: Path, plan_id: str) -> str:
    return (seeds / REAL_PLANS[plan_id][0]).read_text(encoding="utf-8")


def seed_lines(seeds: Path, plan_id: str) -> list[str]:
    return seed_text(seeds, plan_id).splitlines()


# --- identity: every plan names its seed --------------------------------------------------------


def test_the_five_real_plans_load(project: Project) -> None:
    real = {p.id for p in project.plans if not p.demo}
    assert real == set(REAL_PLANS)


@pytest.mark.parametrize("plan_id", sorted(REAL_PLANS))
def test_plan_records_its_seed(project: Project, seeds: Path, plan_id: str) -> None:
    plan = plan_of(project, plan_id)
    seed, number = REAL_PLANS[plan_id]
    assert plan.demo is False
    assert plan.document.source_seed == seed
    assert (seeds / seed).is_file()
    assert plan.document.number == number
    # The document number is in the seed itself (spaces in "165 /KH-UBND" aside).
    assert squash(number) in squash(seed_text(seeds, plan_id))


def test_seed_index_agrees(project: Project, seeds: Path) -> None:
    readme = (SHARED / "README.md").read_text(encoding="utf-8")
    rows = {
        m.group(1): line
        for line in readme.splitlines()
        if (m := re.match(r"\|\s*`([^`]+\.txt)`\s*\|", line))
    }
    assert len(rows) == 5
    seeds_used = [plan_of(project, pid).document.source_seed for pid in REAL_PLANS]
    assert len(set(seeds_used)) == 5  # one plan per seed
    for seed, number in REAL_PLANS.values():
        assert seed in rows, f"{seed} not in shared/README.md"
        assert number in rows[seed], f"README row of {seed} does not name {number}"
    assert sorted(rows) == sorted(p.name for p in seeds.glob("*.txt"))


# --- Khánh Hòa: appendix matrix of 44 tasks in sections I–VII -----------------------------------


def khanh_hoa_rows(lines: list[str]) -> tuple[dict[str, str], list[tuple[str, str, list[str]]]]:
    """Cells of the appendix table (header "TT | Nhiệm vụ | …"): sections and 4-cell rows."""
    start = index_of(lines, lambda s: s.strip() == "TT")
    cells: list[str] = []
    current: list[str] = []
    for line in lines[start:]:
        if line.strip() == "|":
            cells.append(" ".join(current))
            current = []
        else:
            current.append(line.strip())
    cells.append(" ".join(current))
    assert cells[:5] == ["TT", "Nhiệm vụ", "Sản phẩm", "Tiến độ",
                         "Phân công và cách thức thực hiện"]
    sections: dict[str, str] = {}
    rows: list[tuple[str, str, list[str]]] = []
    section = ""
    i = 5
    while i < len(cells):
        if re.fullmatch(r"[IVX]+", cells[i]):
            section = cells[i]
            sections[section] = cells[i + 1]
            i += 2
        elif re.fullmatch(r"\d+", cells[i]):
            rows.append((section, cells[i], cells[i + 1 : i + 5]))
            i += 5
        else:
            assert cells[i] == "", f"unexpected cell {cells[i][:60]!r}"
            i += 1
    return sections, rows


def test_khanh_hoa_task_counts(project: Project, seeds: Path) -> None:
    plan = plan_of(project, KHANH_HOA)
    sections, rows = khanh_hoa_rows(seed_lines(seeds, KHANH_HOA))
    assert len(rows) == len(plan.tasks) == 44
    assert list(sections) == [s.id for s in plan.sections] == [
        "I", "II", "III", "IV", "V", "VI", "VII"
    ]
    seed_counts = Counter(section for section, _, _ in rows)
    plan_counts = {s.id: len(s.tasks) for s in plan.sections}
    assert dict(seed_counts) == plan_counts
    assert plan_counts == {"I": 9, "II": 6, "III": 2, "IV": 5, "V": 4, "VI": 5, "VII": 13}
    # Row numbers restart at 1 in each section and run without gaps.
    for section in sections:
        numbers = [int(n) for s, n, _ in rows if s == section]
        assert numbers == list(range(1, len(numbers) + 1))


def test_khanh_hoa_rows_match_cell_by_cell(project: Project, seeds: Path) -> None:
    plan = plan_of(project, KHANH_HOA)
    sections, rows = khanh_hoa_rows(seed_lines(seeds, KHANH_HOA))
    for section in plan.sections:
        assert squash(section.title) == squash(sections[section.id])
    tasks = {t.id: t for t in plan.tasks}
    assert [t.id for t in plan.tasks] == [f"{s}.{n}" for s, n, _ in rows]
    mismatches = []
    for section, number, (title, output, deadline, assignment) in rows:
        task = tasks[f"{section}.{number}"]
        for name, seed_value, plan_value in (
            ("title", title, task.title),
            ("output", output, task.output),
            ("deadline", deadline, task.deadline.text),
            ("assignment", assignment, task.assignment),
        ):
            if squash(seed_value) != squash(plan_value):
                mismatches.append((task.id, name))
    assert mismatches == []


# --- Quảng Ninh: 38 lettered tasks in 6 reform areas (section II) -------------------------------

LETTER_ITEM = re.compile(r"^([a-zđ])\)\s*(.*)$")


def quang_ninh_items(lines: list[str]) -> tuple[list[Block], dict[str, str]]:
    start = index_of(lines, lambda s: s.startswith("II. NHIỆM VỤ CẢI"))
    end = index_of(lines, lambda s: s.startswith("III. TỔ CHỨC"), start)
    return blocks(lines[start + 2 : end], LETTER_ITEM, re.compile(r"^(\d)\.\s*(.*)$"))


def test_quang_ninh_task_counts(project: Project, seeds: Path) -> None:
    plan = plan_of(project, QUANG_NINH)
    items, heads = quang_ninh_items(seed_lines(seeds, QUANG_NINH))
    assert len(items) == len(plan.tasks) == 38
    assert list(heads) == [s.id for s in plan.sections] == ["1", "2", "3", "4", "5", "6"]
    seed_counts = dict(Counter(b.head for b in items))
    plan_counts = {s.id: len(s.tasks) for s in plan.sections}
    assert seed_counts == plan_counts == {"1": 6, "2": 8, "3": 4, "4": 6, "5": 7, "6": 7}
    assert [t.id for t in plan.tasks] == [f"{b.head}.{b.label}" for b in items]
    # Both "d)" and "đ)" occur, so the "đ" items must have kept their letter.
    assert {"4.d", "4.đ"} <= {t.id for t in plan.tasks}


def test_quang_ninh_titles_and_areas_match(project: Project, seeds: Path) -> None:
    plan = plan_of(project, QUANG_NINH)
    items, heads = quang_ninh_items(seed_lines(seeds, QUANG_NINH))
    for section in plan.sections:
        assert squash(section.title) == squash(heads[section.id])
    tasks = {t.id: t for t in plan.tasks}
    bad = [b.label for b in items if squash(b.text) != squash(tasks[f"{b.head}.{b.label}"].title)]
    assert bad == []


# --- Nam Định: 35 tasks in Phần 2 and 18 appendix rows ------------------------------------------


def nam_dinh_part2(lines: list[str]) -> tuple[list[Block], dict[str, str]]:
    start = index_of(lines, lambda s: s.startswith("Phần 2."))
    end = index_of(lines, lambda s: s.startswith("Phần 3."), start)
    return blocks(
        lines[start + 2 : end],
        re.compile(r"^(\d+)\.\s+(.*)$"),
        re.compile(r"^([IVX]+)\.\s+(.*)$"),
    )


def nam_dinh_appendix(lines: list[str]) -> list[list[str]]:
    """Rows of the appendix matrix: STT, nội dung, chủ trì, phối hợp, thời gian."""
    start = index_of(lines, lambda s: s.strip() == "STT")
    header = [s.strip() for s in lines[start : start + 5]]
    assert header == ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp",
                      "Thời gian hoàn thành"]
    rows: list[list[str]] = []
    for line in lines[start + 5 :]:
        if re.fullmatch(r"\t\d+", line):
            rows.append([line.strip()])
        elif line.strip() and rows:
            rows[-1].append(line.strip())
    return rows


def test_nam_dinh_part2_counts_and_titles(project: Project, seeds: Path) -> None:
    plan = plan_of(project, NAM_DINH)
    items, heads = nam_dinh_part2(seed_lines(seeds, NAM_DINH))
    part2 = [s for s in plan.sections if s.part == "Phần 2"]
    assert len(items) == sum(len(s.tasks) for s in part2) == 35
    assert list(heads) == [s.id for s in part2] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    seed_counts = dict(Counter(b.head for b in items))
    plan_counts = {s.id: len(s.tasks) for s in part2}
    assert seed_counts == plan_counts == {
        "I": 5, "II": 4, "III": 4, "IV": 7, "V": 4, "VI": 4, "VII": 7
    }
    for section in part2:
        assert squash(section.title) == squash(heads[section.id])
    tasks = [t for s in part2 for t in s.tasks]
    assert [t.id for t in tasks] == [f"{b.head}.{b.label}" for b in items]
    bad = [t.id for t, b in zip(tasks, items, strict=True) if squash(t.title) != squash(b.text)]
    assert bad == []
    # Phần 2 states no lead, output or deadline per task; three tasks name who acts.
    assert all(t.deadline.kind is DeadlineKind.NONE and t.output is None for t in tasks)
    assert [t.id for t in tasks if t.leads] == ["VII.2", "VII.3", "VII.7"]


def test_nam_dinh_appendix_rows(project: Project, seeds: Path) -> None:
    plan = plan_of(project, NAM_DINH)
    rows = nam_dinh_appendix(seed_lines(seeds, NAM_DINH))
    appendix = [s for s in plan.sections if s.id == "PL"]
    assert len(appendix) == 1
    tasks = appendix[0].tasks
    assert len(rows) == len(tasks) == 18
    assert [t.id for t in tasks] == [f"PL.{row[0]}" for row in rows]
    assert [t.id for t in tasks] == [f"PL.{n}" for n in range(1, 19)]
    assert len(plan.tasks) == 35 + 18
    # Every row has its five cells except the last, cut off after its content.
    assert [len(r) for r in rows[:-1]] == [5] * 17
    assert len(rows[-1]) == 2
    for row, task in zip(rows, tasks, strict=True):
        assert squash(task.title) == squash(row[1])
        deadline = row[4] if len(row) == 5 else None
        assert task.deadline.text == deadline
        if len(row) == 5:
            lead = project.agencies[task.leads[0].agency]
            names = {fold(n).rstrip(".") for n in (lead.name, lead.short_name, *lead.aliases)}
            assert fold(row[2]).rstrip(".") in names, (task.id, row[2])


# --- Lào Cai: 8 index content areas --------------------------------------------------------------


def test_lao_cai_content_areas(project: Project, seeds: Path) -> None:
    plan = plan_of(project, LAO_CAI)
    lines = seed_lines(seeds, LAO_CAI)
    areas = [
        (i, m) for i, line in enumerate(lines)
        if (m := re.match(r"^(\d+)\. (Chỉ số nội dung .*):$", line))
    ]
    assert len(areas) == len(plan.tasks) == len(plan.sections) == 8
    assert [m.group(1) for _, m in areas] == [t.id for t in plan.tasks]
    assert [m.group(2) for _, m in areas] == [s.title for s in plan.sections]
    assert [m.group(2) for _, m in areas] == [t.title for t in plan.tasks]
    for i, m in areas:
        n = m.group(1)
        start = lines.index(f"{n}.1. Nội dung và mục tiêu:", i)
        end = lines.index(f"{n}.2. Phân công trách nhiệm:", start)
        dashes = sum(1 for line in lines[start:end] if line.startswith("- "))
        task = next(t for t in plan.tasks if t.id == n)
        # One objective per "-" bullet ("+" sub-bullets are merged into their parent).
        assert len(task.objectives) == dashes, n


# --- Quảng Ngãi: 13 general requirements a)–n) ---------------------------------------------------


def test_quang_ngai_requirements(project: Project, seeds: Path) -> None:
    plan = plan_of(project, QUANG_NGAI)
    lines = seed_lines(seeds, QUANG_NGAI)
    start = index_of(lines, lambda s: s.rstrip().endswith("Chủ tịch UBND tỉnh yêu cầu:"))
    items: list[Block] = []
    for line in lines[start + 1 :]:
        if m := LETTER_ITEM.match(line):
            if items and m.group(1) == "a":
                break  # the duties per agency start their own a), b), …
            items.append(Block(None, m.group(1), [m.group(2)]))
        elif items:
            items[-1].lines.append(line)
    letters = [b.label for b in items]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n"]
    assert len(items) == len(plan.tasks) == 13
    assert [t.id for t in plan.tasks] == [f"1.{x}" for x in letters]
    # A requirement is its title followed by its subtasks' (the assigned paragraph of đ).
    bad = [
        t.id for t, b in zip(plan.tasks, items, strict=True)
        if squash(" ".join([t.title, *(sub.title for sub in t.subtasks)])) != squash(b.text)
    ]
    assert bad == []


# --- verbatim ------------------------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", sorted(REAL_PLANS))
def test_verbatim_fields_occur_in_seed(project: Project, seeds: Path, plan_id: str) -> None:
    plan = plan_of(project, plan_id)
    hay = squash(seed_text(seeds, plan_id))
    fields = list(verbatim_fields(plan))
    assert len(fields) >= len(plan.tasks)  # at least every task title was checked
    missing = [(where, text[:80]) for where, text in fields if squash(text) not in hay]
    assert missing == []


@pytest.mark.parametrize("plan_id", sorted(REAL_PLANS))
def test_verbatim_check_can_fail(project: Project, seeds: Path, plan_id: str) -> None:
    # Guard against a vacuous check: a title with one word changed is not in the seed.
    plan = plan_of(project, plan_id)
    hay = squash(seed_text(seeds, plan_id))
    title = plan.tasks[0].title
    assert squash(title) in hay
    assert squash(title + " KHÔNG CÓ TRONG VĂN BẢN") not in hay
    assert squash(title[::-1]) not in hay


# --- no status updates in real plans --------------------------------------------------------------


@pytest.mark.parametrize("plan_id", sorted(REAL_PLANS))
def test_real_plans_have_no_updates(project: Project, plan_id: str) -> None:
    plan = plan_of(project, plan_id)
    assert [t.id for t in all_tasks(plan) if t.updates] == []
    assert [o.id for o in all_objectives(plan) if o.updates] == []


def test_snapshot_of_real_plans_shows_only_unreported(project: Project) -> None:
    snapshot = Snapshot(project, AS_OF)
    real = [f for f in snapshot.facts if not f.plan.demo]
    # Top-level tasks, plus the subtask of Quảng Ngãi đ) (its assigned paragraph) and the two of
    # Lào Cai 8 (the two assignments of 8.2).
    assert len(real) == 44 + 38 + 53 + 8 + 13 + 1 + 2
    assert {f.status.code for f in real} <= {Status.NO_REPORT, Status.NO_REPORT_LATE}
    summary = snapshot.summary(real)
    assert summary.reported == 0
    assert summary.progress is None
    # Every task whose due date has passed is "past due, unreported", and nothing else is; none
    # is called overdue and no completion rate is published, since nobody reported.
    past_due = {f.key for f in real if f.task.deadline.due is not None
                and f.task.deadline.due < AS_OF}
    assert {f.key for f in snapshot.past_due_unreported() if not f.plan.demo} == past_due
    assert not [f for f in snapshot.overdue() if not f.plan.demo]
    assert summary.fallen_due == summary.past_due_unreported == len(past_due)
    assert summary.overdue == 0
    assert summary.completion_rate is None


# --- facts from the issue -------------------------------------------------------------------------


def task_of(plan: Plan, task_id: str) -> Task:
    task = next((t for t in all_tasks(plan) if t.id == task_id), None)
    assert task is not None, f"{plan.id} has no task {task_id}"
    return task


def test_khanh_hoa_ii_3(project: Project) -> None:
    task = task_of(plan_of(project, KHANH_HOA), "II.3")
    assert task.deadline.text == "Trong Quý I/2018"
    assert task.deadline.kind is DeadlineKind.FIXED
    assert task.deadline.due == date(2018, 3, 31)
    assert task.deadline.start == date(2018, 1, 1)


def test_khanh_hoa_v_4_compound(project: Project) -> None:
    task = task_of(plan_of(project, KHANH_HOA), "V.4")
    assert task.deadline.kind is DeadlineKind.FIXED
    assert (task.deadline.due, task.deadline.start) == (date(2018, 6, 30), date(2018, 1, 1))


def test_nam_dinh_pl_11_recurring(project: Project) -> None:
    task = task_of(plan_of(project, NAM_DINH), "PL.11")
    assert task.deadline.text == "Tháng 12/năm"
    assert task.deadline.kind is DeadlineKind.RECURRING
    assert task.deadline.due is None


def test_nam_dinh_pl_18_cut_off(project: Project, seeds: Path) -> None:
    task = task_of(plan_of(project, NAM_DINH), "PL.18")
    assert task.leads == ()
    assert task.support == ()
    assert task.deadline.text is None
    assert task.deadline.kind is DeadlineKind.NONE
    assert task.deadline.due is None
    # The row is cut off after its content: lead, support and deadline are lost in our copy,
    # not "not stated" (issue 15, point 4); the appendix has no output column at all.
    rows = nam_dinh_appendix(seed_lines(seeds, NAM_DINH))
    assert len(rows[-1]) == 2
    assert task.lost_in_copy == ("lead", "support", "deadline")
    assert task.output is None


@pytest.mark.parametrize("plan_id", sorted(REAL_PLANS))
def test_task_anchors_are_unique(project: Project, plan_id: str) -> None:
    plan = plan_of(project, plan_id)
    anchors = [task_anchor(t.id) for t in all_tasks(plan)]
    assert len(anchors) == len(set(anchors))


# --- issue 15: what the copy lost, and what the document numbers ------------------------------


def test_nam_dinh_place_lost_in_copy(project: Project, seeds: Path) -> None:
    plan = plan_of(project, NAM_DINH)
    # The copy starts at "QUYẾT ĐỊNH": no national motto, number, place or date line.
    first = [line.strip() for line in seed_lines(seeds, NAM_DINH)[:3]]
    assert first[0] == "QUYẾT ĐỊNH" and not any(", ngày" in line for line in first)
    assert plan.document.place is None
    assert plan.document.lost_in_copy == ("place",)


def test_quang_ninh_appendix_lost_in_copy(project: Project, seeds: Path) -> None:
    plan = plan_of(project, QUANG_NINH)
    # "(Chi tiết như phụ lục đính kèm Kế hoạch)": the appendix detailing the 38 tasks is cited but
    # is not in the copy, so their lead, support, output and deadline are lost, not unstated.
    text = squash(seed_text(seeds, QUANG_NINH))
    assert squash("(Chi tiết như phụ lục đính kèm Kế hoạch)") in text
    assert "STT" not in seed_text(seeds, QUANG_NINH)  # no appendix table in the copy
    assert len(plan.tasks) == 38
    for task in plan.tasks:
        assert task.lost_in_copy == ("lead", "support", "output", "deadline"), task.id
        assert (task.leads, task.support, task.output, task.deadline.text) == (
            (), (), None, None), task.id


QUANG_NGAI_DUTY_IDS = ["khoi-1", "khoi-2", "khoi-3", "khoi-4", "6", "7", "khoi-5", "khoi-6"]


def test_quang_ngai_duty_ids_follow_the_document(project: Project, seeds: Path) -> None:
    """Point 2: the two headings the copy kept are numbered 6 and 7 in the document."""
    plan = plan_of(project, QUANG_NGAI)
    lines = seed_lines(seeds, QUANG_NGAI)
    printed = {m.group(1): m.group(2) for line in lines
               if (m := re.match(r"^(\d+)\. (Sở Thông tin và Truyền thông|Giao Sở Khoa học "
                                 r"và Công nghệ)(?::|$)", line))}
    assert printed == {"6": "Sở Thông tin và Truyền thông",
                       "7": "Giao Sở Khoa học và Công nghệ"}
    duties = {d.id: d for d in plan.duties}
    assert [d.id for d in plan.duties] == QUANG_NGAI_DUTY_IDS
    for number, heading in printed.items():
        assert duties[number].heading == heading
        assert "number" not in duties[number].lost_in_copy
    assert [a.agency for a in duties["6"].agencies] == ["quang-ngai-so-thong-tin-va-truyen-thong"]
    assert [a.agency for a in duties["7"].agencies] == ["quang-ngai-so-khoa-hoc-va-cong-nghe"]


def test_quang_ngai_lost_headings(project: Project) -> None:
    """Point 4: the blocks whose heading the copy lost say so; no agency is guessed."""
    plan = plan_of(project, QUANG_NGAI)
    lost = [d for d in plan.duties if d.id.startswith("khoi-")]
    assert len(lost) == 6
    for duty in lost:
        assert duty.lost_in_copy == ("number", "heading", "agency"), duty.id
        assert duty.agencies == () and duty.heading is None, duty.id
    assert plan.document.signer_name is None
    assert plan.document.signer_form == "CHỦ TỊCH"
    assert plan.document.lost_in_copy == ("signer.name",)
    (section,) = plan.sections
    assert section.title is None and section.lost_in_copy == ("title",)
    assert all("lead" in t.lost_in_copy for t in plan.tasks)


@pytest.mark.parametrize("plan_id", sorted(REAL_PLANS))
def test_lost_fields_are_explained_in_notes(project: Project, plan_id: str) -> None:
    plan = plan_of(project, plan_id)
    uses = [t.id for t in all_tasks(plan) if t.lost_in_copy]
    uses += [d.id for d in plan.duties if d.lost_in_copy]
    uses += [s.id for s in plan.sections if s.lost_in_copy]
    if uses or plan.document.lost_in_copy:
        assert any("lost_in_copy" in note for note in plan.notes), plan_id


def test_quang_ngai_requirement_dd_assignment_has_its_own_scope(project: Project,
                                                                seeds: Path) -> None:
    """Point 1: the agencies and "đến năm 2022" belong to the second paragraph of đ) only."""
    plan = plan_of(project, QUANG_NGAI)
    lines = seed_lines(seeds, QUANG_NGAI)
    first = next(line for line in lines if line.startswith("đ) "))
    second = lines[lines.index(first) + 1]
    assert second.startswith("Giao Sở Tài nguyên và Môi trường, UBND các huyện")
    dd = task_of(plan, "1.đ")
    assert squash(dd.title) == squash(first[len("đ) "):])
    assert (dd.leads, dd.support, dd.deadline.text) == ((), (), None)
    assert dd.lost_in_copy == ("lead",)  # the section heading (if any) is lost, not the leads
    (sub,) = dd.subtasks
    assert sub.id == "1.đ.2"
    assert squash(sub.title) == squash(second)
    assert [r.agency for r in sub.leads] == ["quang-ngai-so-tai-nguyen-va-moi-truong",
                                             "quang-ngai-ubnd-cap-huyen"]
    # The paragraph assigns ("Giao …") without saying "chủ trì": the lead is a reading.
    assert all(r.derived and "chủ trì" in r.derived and "Giao Sở Tài nguyên" in r.derived
               for r in sub.leads)
    assert sub.deadline.text == "đến năm 2022"
    assert sub.deadline.due == date(2022, 12, 31)
    # Only the assigned paragraph can be past due; the general requirement has no deadline.
    snapshot = Snapshot(project, AS_OF)
    assert snapshot.by_key[f"{QUANG_NGAI}#1.đ"].status.code is Status.NO_REPORT
    assert snapshot.by_key[f"{QUANG_NGAI}#1.đ.2"].status.code is Status.NO_REPORT_LATE


def test_quang_ngai_numeric_aims_are_recorded(project: Project, seeds: Path) -> None:
    """Point 3: the aims the document states in numbers, and the ranks it starts from."""
    plan = plan_of(project, QUANG_NGAI)
    text = seed_text(seeds, QUANG_NGAI)
    assert "2016 xếp 59/63, 2017 xếp 63/63, 2018 xếp 56/63, năm 2019 xếp 61/63" in text
    assert [(b.year, b.value, b.unit) for b in plan.baselines] == [
        (2016, 59, "hạng"), (2017, 63, "hạng"), (2018, 56, "hạng"), (2019, 61, "hạng")]
    targets = {o.id: o.targets for t in all_tasks(plan) for o in t.objectives}
    assert set(targets) == {"1.a.1", "1.g.1", "1.đ.2.1"}
    (rank,) = targets["1.a.1"]
    assert "(từ thứ hạng 30 - 35/63" in text
    # A rank range is recorded by the bound it commits to (a smaller rank is better).
    assert (rank.comparator, rank.value, rank.unit) == ("<=", 35, "hạng")
    assert (rank.baseline, rank.baseline_year) == (61, 2019)
    assert rank.deadline is not None and rank.deadline.text == "năm 2021"
    (portal,) = targets["1.g.1"]
    assert text.count("g) 100% các cơ quan, địa phương") == 1
    assert (portal.comparator, portal.value, portal.unit) == ("=", 100, "%")
    (late,) = targets["1.đ.2.1"]
    assert "xuống dưới 5%" in text
    assert (late.comparator, late.value, late.unit) == ("<", 5, "%")
    assert late.deadline is not None and late.deadline.due == date(2022, 12, 31)


def quoted(reason: str) -> list[str]:
    """The passages a derived reason quotes (“…”), without a trailing ellipsis."""
    return [q.rstrip("…") for q in re.findall(r"“([^”]+)”", reason)]


def assert_reason_quotes_seed(reason: str | None, seed: str, where: str) -> None:
    assert reason, f"{where}: not marked derived"
    passages = [q for q in quoted(reason) if q not in ("chủ trì", "phối hợp", "Phân công")]
    assert passages, f"{where}: the reason quotes nothing of the document"
    for passage in passages:
        assert squash(passage) in squash(seed), f"{where}: “{passage}” is not in the seed"


@pytest.mark.parametrize(("task_id", "line", "agencies"), [
    ("VII.2", 76, ["nam-dinh-cac-so-ban-nganh", "nam-dinh-ubnd-cap-huyen",
                   "nam-dinh-ubnd-cap-xa"]),
    ("VII.3", 77, ["nam-dinh-cac-so-ban-nganh", "nam-dinh-ubnd-cap-huyen",
                   "nam-dinh-ubnd-cap-xa"]),
    ("VII.7", 81, ["nam-dinh-ubnd", "nam-dinh-ubnd-cap-huyen", "nam-dinh-ubnd-cap-xa",
                   "nam-dinh-cac-co-quan-don-vi"]),
])
def test_nam_dinh_tasks_that_name_who_acts(project: Project, seeds: Path, task_id: str,
                                           line: int, agencies: list[str]) -> None:
    """Point 5: the text names who acts; the lead is recorded, as a reading (no "chủ trì")."""
    task = task_of(plan_of(project, NAM_DINH), task_id)
    seed_line = seed_lines(seeds, NAM_DINH)[line - 1]
    assert seed_line.startswith(task_id.split(".")[1] + ". ")
    assert "chủ trì" not in seed_line
    assert [r.agency for r in task.leads] == agencies
    for ref in task.leads:
        assert_reason_quotes_seed(ref.derived, seed_line, f"{task_id} {ref.agency}")


def named_in(project: Project, agency_id: str, text: str) -> bool:
    """Whether ``text`` names the agency by its name, short name or an alias."""
    agency = project.agencies[agency_id]
    hay = fold(text)
    return any(fold(n) in hay for n in (agency.name, agency.short_name, *agency.aliases))


@pytest.mark.parametrize(("duty_id", "line", "agencies"), [
    ("2", 184, ["khanh-hoa-cac-so-ban-nganh", "khanh-hoa-ubnd-cap-huyen"]),
    ("3", 203, ["khanh-hoa-so-noi-vu", "khanh-hoa-cac-so-ban-nganh", "khanh-hoa-ubnd-cap-huyen"]),
    ("8", 233, ["khanh-hoa-cac-to-chuc-chinh-tri-xa-hoi", "khanh-hoa-co-quan-thong-tin-dai-chung",
                "khanh-hoa-cac-to-chuc-hoi"]),
])
def test_khanh_hoa_duties_name_their_agencies(project: Project, seeds: Path, duty_id: str,
                                              line: int, agencies: list[str]) -> None:
    """Point 6: duties IV.2, IV.3 and IV.8 give work to agencies the text names."""
    plan = plan_of(project, KHANH_HOA)
    duty = next(d for d in plan.duties if d.id == duty_id)
    lines = seed_lines(seeds, KHANH_HOA)
    assert squash(re.sub(r"^\d+\. ", "", lines[line - 1])) in squash(duty.text)
    assert [r.agency for r in duty.agencies] == agencies
    for ref in duty.agencies:
        assert ref.derived is None  # the text gives them the duty by name
        assert named_in(project, ref.agency, duty.text or ""), (duty_id, ref.agency)


@pytest.mark.parametrize(("plan_id", "agency"), [
    (QUANG_NINH, "quang-ninh-so-noi-vu"), (KHANH_HOA, "khanh-hoa-so-noi-vu"),
])
def test_article_2_of_the_decision_is_a_duty(project: Project, seeds: Path, plan_id: str,
                                             agency: str) -> None:
    """Point 7: Điều 2 of the decision gives Sở Nội vụ a duty; it is recorded first, verbatim."""
    plan = plan_of(project, plan_id)
    text = squash(seed_text(seeds, plan_id))
    duty = plan.duties[0]
    assert duty.id == "Điều-2"
    assert [r.agency for r in duty.agencies] == [agency]
    assert duty.agencies[0].derived is None
    assert squash("Điều 2." + (duty.text or "")) in text
    assert "Sở Nội vụ" in (duty.text or "")
    # Điều 3, the usual "chịu trách nhiệm thi hành Quyết định này", is not a duty of the plan.
    assert not any("thi hành Quyết định này" in (d.text or "") for d in plan.duties)


def test_quang_ninh_duty_2_names_its_agencies(project: Project) -> None:
    """Point 7: items a) and b) name Sở Nội vụ and five other agencies, not a group."""
    plan = plan_of(project, QUANG_NINH)
    duty = next(d for d in plan.duties if d.id == "2")
    agencies = [r.agency for r in duty.agencies]
    assert agencies == [
        "quang-ninh-so-noi-vu", "quang-ninh-van-phong-ubnd", "quang-ninh-so-tu-phap",
        "quang-ninh-so-thong-tin-va-truyen-thong", "quang-ninh-so-khoa-hoc-va-cong-nghe",
        "quang-ninh-so-tai-chinh",
    ]
    items = {i.id: i.text for i in duty.items}
    assert items["a"].startswith("Sở Nội vụ - Cơ quan Thường trực")
    assert "Văn phòng Ủy ban nhân dân tỉnh và các Sở: Nội vụ, Tư pháp, Thông tin và Truyền " \
           "thông, Khoa học công nghệ, Tài chính" in items["b"]
    for agency in agencies:
        assert named_in(project, agency, items["a"] + " " + items["b"]), agency
    assert all(r.derived is None for r in duty.agencies)


@pytest.mark.parametrize(("plan_id", "objective", "label", "value", "comparator", "words"), [
    # "Có từ 50 TTHC…; 30 TTHC…": "từ" stands only before 50.
    (LAO_CAI, "3.1.3", "TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông cùng cấp",
     50, ">=", "Có từ 50 TTHC hoặc nhóm TTHC"),
    (LAO_CAI, "3.1.3", "TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông giữa các "
     "cấp chính quyền", 30, "=", "liên thông cùng cấp; 30 TTHC hoặc nhóm TTHC"),
    (LAO_CAI, "7.1.2", "dịch vụ công trực tuyến thực hiện ở mức độ 4", 30, ">=",
     "Tối thiểu 30% dịch vụ công trực tuyến"),
    (LAO_CAI, "7.1.2", "tích hợp 30% các dịch vụ công trực tuyến mức độ 3, 4 của các bộ, ngành, "
     "địa phương với Cổng Dịch vụ công quốc gia", 30, "=", "; tích hợp 30% các dịch vụ công"),
    # "có tối thiểu 40% … và 15% …": the same rule.
    (KHANH_HOA, "3.a", "hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến ở mức độ 3",
     40, ">=", "có tối thiểu 40% hồ sơ"),
    (KHANH_HOA, "3.a", "hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến ở mức độ 4",
     15, "=", "ở mức độ 3 và 15% hồ sơ"),
])
def test_comparators_follow_the_one_rule(project: Project, seeds: Path, plan_id: str,
                                         objective: str, label: str, value: float,
                                         comparator: str, words: str) -> None:
    """Point 8: one documented comparator rule, the same for every plan."""
    plan = plan_of(project, plan_id)
    assert squash(words) in squash(seed_text(seeds, plan_id))
    obj = next(o for o in all_objectives(plan) if o.id == objective)
    (target,) = [t for t in obj.targets if t.label == label]
    assert (target.value, target.comparator) == (value, comparator)


@pytest.mark.parametrize("plan_id", sorted(REAL_PLANS))
def test_every_target_agrees_with_the_comparator_rule(project: Project, plan_id: str) -> None:
    from generator.model.targets import comparator_in_text

    plan = plan_of(project, plan_id)
    checked = 0
    for obj in all_objectives(plan):
        for target in obj.targets:
            # The rule can read every target of the real plans (none is ambiguous)...
            expected = comparator_in_text(obj.text, target.value, target.unit, target.label)
            assert expected is not None, (plan_id, obj.id, target.label)
            # ...and every recorded comparator is the one it reads.
            assert target.comparator == expected, (plan_id, obj.id, target.label)
            checked += 1
    assert checked > 0


def test_lao_cai_area_8_assignments(project: Project, seeds: Path) -> None:
    """Point 8: Sở Nội vụ "phối hợp" (not a lead), the Ministry's units are not the Ministry,
    and each assignment keeps its own agencies."""
    plan = plan_of(project, LAO_CAI)
    lines = seed_lines(seeds, LAO_CAI)
    start = lines.index("8.2. Phân công trách nhiệm:")
    bullets = [line[2:] for line in lines[start:start + 6] if line.startswith("- ")]
    assert len(bullets) == 2
    assert bullets[0].startswith("Sở Nội vụ phối hợp với các đơn vị thuộc Bộ Nội vụ")
    assert "chủ trì" not in bullets[0]
    assert bullets[1].startswith("Sở Kế hoạch và Đầu tư chủ trì")
    task = task_of(plan, "8")
    assert (task.leads, task.support) == ((), ())
    survey, growth = task.subtasks
    assert [survey.id, growth.id] == ["8.2.1", "8.2.2"]
    assert (survey.title, growth.title) == tuple(bullets)
    assert survey.leads == ()
    assert [r.agency for r in survey.support] == [
        "lao-cai-so-noi-vu", "cac-don-vi-thuoc-bo-noi-vu", "lao-cai-co-quan-lien-quan"]
    assert [r.agency for r in growth.leads] == ["lao-cai-so-ke-hoach-va-dau-tu"]
    assert growth.support == ()
    units = project.agencies["cac-don-vi-thuoc-bo-noi-vu"]
    assert units.group and units.parent == "bo-noi-vu"
    assert named_in(project, "cac-don-vi-thuoc-bo-noi-vu", bullets[0])
    # Nobody in task 8 is recorded as the Ministry itself.
    assert "bo-noi-vu" not in {r.agency for t in all_tasks(plan) for r in (*t.leads, *t.support)}


KHANH_HOA_READINGS = ["I.7", "I.9", "II.2", "III.1", "IV.1", "IV.5", "V.1", "VI.2", "VII.11"]


def test_khanh_hoa_leads_without_chu_tri_are_derived(project: Project, seeds: Path) -> None:
    """Point 9: a lead the "Phân công" cell does not call "chủ trì" is a reading: derived, with
    its reason; a lead the cell calls "chủ trì" is stated."""
    plan = plan_of(project, KHANH_HOA)
    _, rows = khanh_hoa_rows(seed_lines(seeds, KHANH_HOA))
    cells = {f"{s}.{n}": c[3] for s, n, c in rows}
    readings = [t.id for t in plan.tasks if "chủ trì" not in cells[t.id]]
    assert readings == KHANH_HOA_READINGS
    for task in plan.tasks:
        derived = [r.derived is not None for r in task.leads]
        assert task.leads, task.id
        if task.id in KHANH_HOA_READINGS:
            assert all(derived), task.id
        else:
            assert not any(derived), task.id


# Coordination the cell does not call "phối hợp" ("thẩm định", "hướng dẫn, kiểm tra, đôn đốc",
# "tổng hợp, đôn đốc", "thực hiện", "triển khai"): derived too.
KHANH_HOA_DERIVED_SUPPORT = {
    "I.7": ["khanh-hoa-so-ke-hoach-va-dau-tu"],
    "II.2": ["khanh-hoa-van-phong-ubnd"],
    "II.4": ["khanh-hoa-cac-so-ban-nganh", "khanh-hoa-ubnd-cap-huyen"],
    "III.1": ["khanh-hoa-so-noi-vu"],
    "IV.1": ["khanh-hoa-so-noi-vu"],
    "IV.3": ["khanh-hoa-cac-so-ban-nganh", "khanh-hoa-cac-dia-phuong"],
    "IV.5": ["khanh-hoa-so-tai-chinh", "khanh-hoa-so-ke-hoach-va-dau-tu", "khanh-hoa-so-noi-vu"],
    "V.1": ["khanh-hoa-so-noi-vu"],
    "VII.3": ["khanh-hoa-cac-so-ban-nganh", "khanh-hoa-cac-dia-phuong"],
    "VII.11": ["khanh-hoa-so-thong-tin-va-truyen-thong"],
}


def test_khanh_hoa_coordination_not_called_phoi_hop_is_derived(project: Project) -> None:
    plan = plan_of(project, KHANH_HOA)
    derived = {t.id: [r.agency for r in t.support if r.derived] for t in plan.tasks}
    assert {k: v for k, v in derived.items() if v} == KHANH_HOA_DERIVED_SUPPORT
    # I.7: Tài chính and Nội vụ "phối hợp với Sở Kế hoạch và Đầu tư thẩm định" are stated.
    i7 = task_of(plan, "I.7")
    assert [r.agency for r in i7.support if not r.derived] == [
        "khanh-hoa-so-tai-chinh", "khanh-hoa-so-noi-vu"]


@pytest.mark.parametrize("plan_id", sorted(REAL_PLANS))
def test_every_derived_value_quotes_its_document(project: Project, seeds: Path,
                                                 plan_id: str) -> None:
    """A derived value's reason quotes the document, word for word."""
    plan = plan_of(project, plan_id)
    seed = seed_text(seeds, plan_id)
    refs = [(f"task {t.id}", r) for t in all_tasks(plan) for r in (*t.leads, *t.support)]
    refs += [(f"duty {d.id}", r) for d in plan.duties for r in d.agencies]
    for where, ref in refs:
        if ref.derived is not None:
            assert_reason_quotes_seed(ref.derived, seed, f"{plan_id} {where} {ref.agency}")
