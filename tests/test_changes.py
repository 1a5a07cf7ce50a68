"""A preview rebuilds only what an edit changed, and ends with exactly the full build's tree."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from generator.common.writer import MARKER, TreeWriter
from generator.facts.changes import Scope, edit_scope, plan_reach
from generator.facts.snapshot import Snapshot
from generator.model.entities import AgencyRef, Project, Task, Update
from generator.publish.tree import page_family, write_site

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def project(synthetic_project) -> Project:
    return synthetic_project(tasks=240, plans=10, seed=7)


def edit_first_task(project: Project, plan_index: int, **changes: object) -> Project:
    plan = project.plans[plan_index]
    section = plan.sections[0]
    task = dataclasses.replace(section.tasks[0], **changes)
    section = dataclasses.replace(section, tasks=(task, *section.tasks[1:]))
    plan = dataclasses.replace(plan, sections=(section, *plan.sections[1:]))
    plans = list(project.plans)
    plans[plan_index] = plan
    return dataclasses.replace(project, plans=tuple(plans))


def first_task(project: Project, plan_index: int) -> Task:
    return project.plans[plan_index].sections[0].tasks[0]


def test_no_change_no_scope(project: Project) -> None:
    assert edit_scope(project, project) == Scope(frozenset(), frozenset(), frozenset())


def test_registry_change_rebuilds_everything(project: Project) -> None:
    agencies = dict(project.agencies)
    some = next(iter(agencies))
    agencies[some] = dataclasses.replace(agencies[some], name="Tên mới")
    assert edit_scope(project, dataclasses.replace(project, agencies=agencies)) is None


def test_reordering_a_registry_rebuilds_everything(project: Project) -> None:
    # equal as dicts, but a parent agency's page lists its children in registry order
    reordered = dict(reversed(list(project.agencies.items())))
    assert reordered == project.agencies
    assert edit_scope(project, dataclasses.replace(project, agencies=reordered)) is None


def test_a_moved_task_reaches_its_old_and_new_agencies_and_areas(project: Project) -> None:
    task = first_task(project, 0)
    old_lead = task.leads[0].agency
    new_lead = next(a for a in project.agencies if a not in plan_reach(project.plans[0])[0])
    new_area = next(a for a in project.areas if a != task.area)
    edited = edit_first_task(project, 0, leads=(AgencyRef(new_lead),), area=new_area)
    scope = edit_scope(project, edited)
    assert scope is not None
    assert scope.plans == {project.plans[0].id}
    assert {old_lead, new_lead, project.plans[0].document.issuer} <= scope.agencies
    assert {task.area, new_area} <= scope.areas
    assert not scope.agencies & (
        set(project.agencies) - plan_reach(project.plans[0])[0] - {new_lead})


def test_page_family() -> None:
    assert page_family("co-quan/so-noi-vu.md") == "co-quan/so-noi-vu"
    assert page_family("co-quan/so-noi-vu/chu-tri/trang-3.md") == "co-quan/so-noi-vu"
    assert page_family("co-quan/so-noi-vu/chu-tri.json") == "co-quan/so-noi-vu"
    assert page_family("co-quan/so-noi-vu--chu-tri-3/index.html") == "co-quan/so-noi-vu"
    assert page_family("_fragments/co-quan/so-noi-vu/chu-tri/trang-3.html") == "co-quan/so-noi-vu"
    assert page_family("linh-vuc/mot-cua/minh-hoa/trang-2.md") == "linh-vuc/mot-cua"
    assert page_family("ke-hoach/danh-sach/trang-2.md") == "ke-hoach/index"
    assert page_family("ke-hoach/index--trang-2/index.html") == "ke-hoach/index"
    assert page_family("ke-hoach/khanh-hoa-qd-4034-2017.md") == "ke-hoach/khanh-hoa-qd-4034-2017"
    assert page_family("qua-han/chua-bao-cao/trang-2.md") == "qua-han"
    assert page_family("qua-han/danh-sach.json") == "qua-han"
    assert page_family("qua-han--trang-2/index.html") == "qua-han"
    assert page_family("tim-kiem/chi-muc.json") == "tim-kiem/chi-muc.json"
    assert page_family("du-lieu/co-quan/so-noi-vu.xml") == "du-lieu/co-quan/so-noi-vu.xml"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in root.rglob("*") if p.is_file() and p.name != MARKER}


def full(project: Project, out: Path) -> None:
    write_site(TreeWriter(out).start(), Snapshot(project, AS_OF), fragments=True,
               open_data=False)


EDITS = {
    "title": lambda p: edit_first_task(p, 1, title="Nhiệm vụ đã sửa tên <b>để thử</b>"),
    "lead": lambda p: edit_first_task(
        p, 2, leads=(AgencyRef(next(a for a in p.agencies
                                    if a not in plan_reach(p.plans[2])[0])),)),
    "status": lambda p: edit_first_task(
        p, 3, updates=(*first_task(p, 3).updates,
                       Update(date=AS_OF, status="hoan-thanh", progress=100))),
    "plan deleted": lambda p: dataclasses.replace(p, plans=p.plans[:4] + p.plans[5:]),
    "plan added back": lambda p: p,
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_incremental_rebuild_equals_full_build(project: Project, tmp_path: Path,
                                               edit: str) -> None:
    before = project
    if edit == "plan added back":  # the preview saw the plan removed, then restored
        before = dataclasses.replace(project, plans=project.plans[:4] + project.plans[5:])
    after = EDITS[edit](project)
    scope = edit_scope(before, after)
    assert scope is not None and scope.plans

    previewed = tmp_path / "preview"
    full(before, previewed)
    untouched = tree(previewed)
    writer = TreeWriter(previewed).start()
    write_site(writer, Snapshot(after, AS_OF), fragments=True, open_data=False, scope=scope)

    expected = tmp_path / "full"
    full(after, expected)
    assert tree(previewed) == tree(expected)
    # and the preview did not redo everything
    assert writer.written + writer.unchanged < len(untouched) / 2


def test_links_do_not_depend_on_the_page_a_row_was_first_rendered_on() -> None:
    # A list row is rendered once per page depth; its link to an agency must read the same on
    # that agency's own page as on any other (it once read "./" everywhere after the first).
    from generator.common.urls import relative
    here, other = "co-quan/so-a.md", "co-quan/so-b.md"
    assert relative(here, here) == relative(other, here) == "../../co-quan/so-a/"
    assert relative(here, here, "nv-1") == "#nv-1"
