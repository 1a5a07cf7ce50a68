"""The preview (``mkdocs serve``'s rebuilds, run here in-process as serve runs them): after an
edit it redoes only what the edit reaches, unless something else touched the generated tree;
fragments are put back only into a generated page's own body."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from markupsafe import escape
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.common.writer import TreeWriter

pytestmark = pytest.mark.slow
SERVE_URL = "http://127.0.0.1:8000/"


class Preview:
    """A corpus copy and the rebuild loop of ``mkdocs serve`` over it."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.site = root.parent / "site"
        monkeypatch.setenv("CONGKHAI_AS_OF", "2026-11-23")
        monkeypatch.chdir(root)
        self.generated = root / "build" / "generated"
        self.started = False

    def rebuild(self) -> None:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        if not self.started:  # serve calls on_startup once; the plugin then lives on
            config.plugins.on_startup(command="serve", dirty=True)
            self.started = True
        build(config, serve_url=SERVE_URL, dirty=True)

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def preview(repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Preview:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return Preview(repo_copy, monkeypatch)


def edit_first_task_title(root: Path, plan: str, title: str) -> None:
    path = next(root.glob(f"plans/*/{plan}.yaml"))
    text = path.read_text(encoding="utf-8")
    head, tasks = re.split(r"\n *tasks:\n", text, maxsplit=1)
    old = re.search(r"title: .*\n", tasks)
    assert old is not None
    # the first task's title, not the plan's or a section's (those come before "tasks:")
    path.write_text(head + text[len(head):].replace(old.group(0), f"title: {title}\n", 1),
                    encoding="utf-8")


PLAN = "lao-cai-kh-165-2020"
# The generated file of a plan page the edit does not reach: a finished body for the plugin
# (generated pages outside the navigation), its Markdown otherwise.
UNRELATED = "_pages/ke-hoach/khanh-hoa-qd-4034-2017.html"


def test_an_edit_shows_up_and_leaves_unreached_pages_alone(preview: Preview) -> None:
    preview.rebuild()
    (preview.generated / UNRELATED).unlink()  # a partial rebuild would not bring it back
    edit_first_task_title(preview.root, PLAN, "Tiêu đề sửa trong xem trước")
    preview.rebuild()
    assert "Tiêu đề sửa trong xem trước" in preview.page(f"ke-hoach/{PLAN}")
    assert not (preview.generated / UNRELATED).exists()


def test_a_tree_touched_by_another_build_is_rebuilt_in_full(preview: Preview) -> None:
    preview.rebuild()
    (preview.generated / UNRELATED).unlink()
    TreeWriter(preview.generated).start()  # what `congkhai build` or `generate` does first
    edit_first_task_title(preview.root, PLAN, "Tiêu đề sửa lần hai")
    preview.rebuild()
    assert "Tiêu đề sửa lần hai" in preview.page(f"ke-hoach/{PLAN}")
    assert (preview.generated / UNRELATED).exists()


def test_a_fragment_marker_in_a_handwritten_title_stays_inert(preview: Preview) -> None:
    page = preview.root / "content" / "gioi-thieu.md"
    text = page.read_text(encoding="utf-8")
    marker = f"<!-- congkhai:fragment _fragments/ke-hoach/{PLAN}.html 0 x -->"
    assert "\ntitle: Giới thiệu\n" in text
    page.write_text(text.replace("\ntitle: Giới thiệu\n", f"\ntitle: 'Giới thiệu {marker}'\n"),
                    encoding="utf-8")
    preview.rebuild()
    plan_page = preview.page(f"ke-hoach/{PLAN}")
    assert plan_page.count('class="ck-doc"') == 1  # its own table, once, not again in the nav
    assert preview.page("phuong-phap").count('class="ck-doc"') == 0


def test_list_rows_of_an_edited_plan_are_rendered_again(preview: Preview) -> None:
    """A preview keeps rendered list rows between rebuilds, except the edited plan's."""
    def lists_with(text: str) -> set[str]:
        return {p.relative_to(preview.site).as_posix() for folder in ("co-quan", "linh-vuc")
                for p in (preview.site / folder).rglob("index.html")
                if text in p.read_text(encoding="utf-8")}

    preview.rebuild()
    path = next(preview.root.glob(f"plans/*/{PLAN}.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    old_title = next(t["title"] for s in data["sections"] for t in s.get("tasks") or [])
    before = lists_with(str(escape(old_title)))
    assert before  # the task is listed on its agencies' and area's pages
    edit_first_task_title(preview.root, PLAN, "Tiêu đề sửa trên các danh sách")
    preview.rebuild()
    assert lists_with("Tiêu đề sửa trên các danh sách") == before
