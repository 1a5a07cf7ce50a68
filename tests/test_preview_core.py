"""The preview's memory between rebuilds (generator.publish.preview), tested without MkDocs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.common.writer import MARKER, MARKER_TEXT
from generator.model.entities import Project
from generator.publish.preview import Preview, generated_files
from tests.test_changes import edit_first_task

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def project(synthetic_project) -> Project:
    return synthetic_project(tasks=60, plans=3, seed=11)


def row_plan(key: object) -> str:
    return key[0].split("#", 1)[0]  # type: ignore[index]


def rows_of(project: Project) -> dict[object, bytes]:
    return {(f"{plan.id}#{plan.sections[0].tasks[0].id}", 1, True): b"<tr>" for plan in
            project.plans}


def built(tmp_path: Path, project: Project) -> tuple[Preview, Path]:
    """A preview whose last build wrote ``project`` into a tree, rows rendered for each plan."""
    out = tmp_path / "generated"
    out.mkdir()
    (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    preview = Preview(row_plan)
    assert preview.scope(project, AS_OF, out, new_histories=True) is None
    preview.rows.update(rows_of(project))
    preview.finished(project, AS_OF, out)
    return preview, out


def test_the_first_build_renders_everything(tmp_path: Path, project: Project) -> None:
    preview = Preview(row_plan)
    preview.rows.update(rows_of(project))
    assert preview.scope(project, AS_OF, tmp_path, new_histories=False) is None
    assert preview.rows == {}


def test_an_edit_renders_what_it_reaches_and_keeps_the_other_rows(
        tmp_path: Path, project: Project) -> None:
    preview, out = built(tmp_path, project)
    edited = edit_first_task(project, 1, title="Tiêu đề đã sửa")
    scope = preview.scope(edited, AS_OF, out, new_histories=False)
    assert scope is not None and scope.plans == {project.plans[1].id}
    assert {row_plan(k) for k in preview.rows} == {project.plans[0].id, project.plans[2].id}


@pytest.mark.parametrize("change", ["as_of", "out", "histories", "marker", "no-marker",
                                    "not-finished"])
def test_anything_else_renders_everything(tmp_path: Path, project: Project, change: str) -> None:
    preview, out = built(tmp_path, project)
    edited = edit_first_task(project, 1, title="Tiêu đề đã sửa")
    as_of, new_histories = AS_OF, False
    if change == "as_of":
        as_of = AS_OF + dt.timedelta(days=1)
    elif change == "out":
        out = tmp_path / "elsewhere"
        out.mkdir()
    elif change == "histories":
        new_histories = True
    elif change == "marker":  # another build (congkhai build) wrote the tree since
        (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    elif change == "no-marker":  # build/ deleted
        (out / MARKER).unlink()
    elif change == "not-finished":  # the last build failed before it finished
        assert preview.scope(project, AS_OF, out, new_histories=False) is not None
    assert preview.scope(edited, as_of, out, new_histories) is None
    assert preview.rows == {}


def test_histories_are_read_again_only_when_their_key_changes() -> None:
    preview = Preview(row_plan)
    reads: list[str] = []

    def read(name: str):
        return lambda: reads.append(name) or {name: []}

    assert preview.histories(("a", ()), read("a")) == ({"a": []}, True)
    assert preview.histories(("a", ()), read("again")) == ({"a": []}, False)
    assert preview.histories(("b", ()), read("b")) == ({"b": []}, True)
    assert reads == ["a", "b"]


def test_generated_files_after_a_partial_build_are_the_whole_tree(
        tmp_path: Path, project: Project) -> None:
    preview, out = built(tmp_path, project)
    (out / "ke-hoach").mkdir()
    (out / "ke-hoach" / "a.md").write_text("a", encoding="utf-8")
    (out / "index.md").write_text("i", encoding="utf-8")
    assert generated_files(out, ["z.md", "index.md"], None) == ["index.md", "z.md"]
    scope = preview.scope(project, AS_OF, out, new_histories=False)
    assert scope is not None
    assert generated_files(out, ["index.md"], scope) == ["index.md", "ke-hoach/a.md"]
