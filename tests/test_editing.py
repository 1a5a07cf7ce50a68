"""Editing plan files: ``new_plan`` skeletons, ``append_update`` and their commands.

Every edit is made on a copy of the repository's ``content/`` and ``plans/`` in a temporary
directory, and the result goes through ``load_project`` — the checks of ``congkhai check``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
import yaml as pyyaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.authoring.editing import (
    EditError,
    add_update_text,
    add_updates_text,
    append_update,
    build_update,
    yaml_scalar,
)
from generator.authoring.new_plan import SCHEMA_COMMENT, derive_plan_id, new_plan
from generator.cli.editor import register
from generator.model.project import load_project
from generator.sources.clock import today_in_vietnam
from generator.sources.jsonschema import plan_schema, read_registry
from generator.sources.schema import PLAN
from tests.yaml_instance import load_instance

REPO = Path(__file__).resolve().parent.parent
PLAN_FILES = sorted(p for p in (REPO / "plans").rglob("*") if p.suffix in (".yaml", ".yml"))
# Late enough for every shipped update (the demo plan is written "as of" 23/11/2026).
AS_OF = max(today_in_vietnam(), dt.date(2026, 12, 31))

DEMO_REGISTRY = """\
# Tỉnh hư cấu cho kiểm thử.
province:
  id: thu-nghiem
  name: Thử Nghiệm
  demo: true
agencies:
  - id: thu-nghiem-ubnd
    name: Ủy ban nhân dân tỉnh Thử Nghiệm
    short_name: UBND tỉnh
    level: tinh
    parent: null
    website: null
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the repository's data, with a fictitious province for demo plans."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    (tmp_path / "content/registries/agencies/thu-nghiem.yaml").write_text(
        DEMO_REGISTRY, encoding="utf-8")
    return tmp_path


def problems_of(root: Path, path: Path) -> list[str]:
    _project, problems = load_project(root, AS_OF, [path])
    return [f"{p.location()} {p.code}: {p.message}" for p in problems.sorted()]


def safe_load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def find_task(data: Any, task_id: str) -> dict[str, Any]:
    for section in data.get("sections") or []:
        for task in section["tasks"]:
            if task["id"] == task_id:
                return task
            for sub in task.get("subtasks") or []:
                if sub["id"] == task_id:
                    return sub
    raise KeyError(task_id)


def task_ids(data: Any) -> list[str]:
    out = []
    for section in data.get("sections") or []:
        for task in section["tasks"]:
            out.append(task["id"])
            out.extend(sub["id"] for sub in task.get("subtasks") or [])
    return out


# --- new_plan ---------------------------------------------------------------------------------


def test_new_real_plan_passes_check(root: Path) -> None:
    made = new_plan(root, issuer="khanh-hoa-ubnd", number="12/KH-UBND",
                    issued=dt.date(2024, 3, 15), title="Kế hoạch cải cách hành chính năm 2024",
                    doc_type="ke-hoach", source_url="https://khanhhoa.gov.vn/van-ban/12")
    assert made.plan_id == "khanh-hoa-kh-12-2024"
    assert made.path == root / "plans/khanh-hoa-ubnd/khanh-hoa-kh-12-2024.yaml"
    assert made.path.read_text(encoding="utf-8") == made.text
    assert made.text.splitlines()[0] == SCHEMA_COMMENT
    assert problems_of(root, made.path) == []
    project, _ = load_project(root, AS_OF, [made.path])
    assert [p.id for p in project.plans] == ["khanh-hoa-kh-12-2024"]
    plan = project.plans[0]
    assert plan.document.number == "12/KH-UBND" and plan.document.issued == dt.date(2024, 3, 15)
    assert plan.document.source_url == "https://khanhhoa.gov.vn/van-ban/12" and not plan.demo


def test_skeleton_has_every_key_explained(root: Path) -> None:
    made = new_plan(root, issuer="khanh-hoa-ubnd", number="7/QĐ-UBND", issued="2024-01-02",
                    title="Thử", doc_type="quyet-dinh", seed="goc.txt", write=False)
    assert not made.path.exists()
    data = safe_load(made.text)
    assert list(data) == [f.name for f in PLAN.fields]
    document = next(f.spec for f in PLAN.fields if f.name == "document")
    assert list(data["document"]) == [f.name for f in document.fields]
    assert data["sections"] == [] and data["period"] is None and data["demo"] is False
    lines = made.text.splitlines()
    for i, line in enumerate(lines):
        if line and not line.lstrip().startswith("#"):
            assert lines[i - 1].lstrip().startswith("#"), f"no comment above {line!r}"
    assert "# Mã kế hoạch, trùng tên tệp." in lines
    assert all(len(line) <= 100 for line in lines)
    assert all((len(line) - len(line.lstrip(" "))) % 2 == 0 for line in lines)
    # The skeleton also satisfies the editors' schema.
    schema = plan_schema(read_registry(root))
    checker = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert list(checker.iter_errors(load_instance(made.text))) == []


def test_new_demo_plan_passes_check(root: Path) -> None:
    made = new_plan(root, issuer="thu-nghiem-ubnd", number="3/CT-UBND", issued="2025-02-03",
                    title="Chỉ thị minh họa: “đẩy mạnh”", doc_type="chi-thi", demo=True)
    assert made.plan_id == "thu-nghiem-ct-3-2025"
    assert "demo: true" in made.text.splitlines()
    assert safe_load(made.text)["title"] == "Chỉ thị minh họa: “đẩy mạnh”"
    assert problems_of(root, made.path) == []


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_plan_ids_are_derived_like_the_shipped_ones(path: Path) -> None:
    data = safe_load(path.read_text(encoding="utf-8"))
    doc = data["document"]
    project, _ = load_project(REPO, AS_OF, [])
    agency = project.agencies[doc["issuer"]]
    assert derive_plan_id(doc["issuer"], str(doc["number"]), doc["issued"], doc["type"],
                          agency.province) == data["id"]


def test_derive_plan_id_variants() -> None:
    day = dt.date(2021, 5, 6)
    assert derive_plan_id("quang-ngai-ubnd", "09/CT-UBND", day, "chi-thi",
                          "quang-ngai") == "quang-ngai-ct-09-2021"
    assert derive_plan_id("x-ubnd", "30c/NQ-CP", day, "nghi-quyet", "x") == "x-nq-30c-2021"
    assert derive_plan_id("x-ubnd", "12/2021/QĐ-UBND", day, "quyet-dinh", "x") == "x-qd-12-2021"
    assert derive_plan_id("bo-noi-vu", "Số 5", day, "cong-van") == "bo-noi-vu-cv-5-2021"
    with pytest.raises(EditError, match="Hình thức văn bản"):
        derive_plan_id("x-ubnd", "1/KH", day, "ke-hoach-x", "x")


@pytest.mark.parametrize(("answers", "message"), [
    ({"issuer": "khanh-hoa-ubnd-tinh"}, "Không có cơ quan “khanh-hoa-ubnd-tinh”"),
    ({"source_url": None}, "phải ghi nguồn"),
    ({"source_url": "javascript:alert(1)"}, "không hợp lệ"),
    ({"demo": True}, "cơ quan thật"),
    ({"issuer": "thu-nghiem-ubnd"}, "cơ quan hư cấu"),
    ({"issued": "15/03/2024"}, "YYYY-MM-DD"),
    ({"doc_type": "ke-hoach-5-nam"}, "Hình thức văn bản"),
    ({"title": "  "}, "Tên kế hoạch"),
    ({"number": "/KH-UBND"}, "số văn bản"),
    ({"seed": "../goc.txt"}, "không hợp lệ"),
])
def test_new_plan_refusals(root: Path, answers: dict[str, Any], message: str) -> None:
    kwargs: dict[str, Any] = {
        "issuer": "khanh-hoa-ubnd", "number": "12/KH-UBND", "issued": "2024-03-15",
        "title": "Kế hoạch", "doc_type": "ke-hoach", "source_url": "https://example.org/12",
    } | answers
    before = sorted(p.relative_to(root) for p in (root / "plans").rglob("*"))
    with pytest.raises(EditError, match=message):
        new_plan(root, **kwargs)
    assert sorted(p.relative_to(root) for p in (root / "plans").rglob("*")) == before


def test_new_plan_refuses_to_overwrite(root: Path) -> None:
    kwargs = {"issuer": "khanh-hoa-ubnd", "number": "4034/QĐ-UBND", "issued": "2017-12-29",
              "title": "Trùng", "doc_type": "quyet-dinh", "seed": "x.txt"}
    path = root / "plans/khanh-hoa-ubnd/khanh-hoa-qd-4034-2017.yaml"
    before = path.read_bytes()
    with pytest.raises(EditError, match="đã có"):
        new_plan(root, **kwargs)
    assert path.read_bytes() == before


# --- append_update on every shipped plan ------------------------------------------------------


def _chosen_tasks(data: Any) -> list[str]:
    """First and last task, every subtask's first, and a task that already has updates."""
    ids = task_ids(data)
    chosen = [ids[0], ids[-1]]
    for section in data["sections"]:
        for task in section["tasks"]:
            if task.get("subtasks"):
                chosen.append(task["subtasks"][0]["id"])
                chosen.append(task["id"])
    with_updates = [i for i in ids if find_task(data, i).get("updates")]
    chosen += with_updates[:2]
    return list(dict.fromkeys(chosen))


@pytest.mark.parametrize("plan", PLAN_FILES, ids=lambda p: p.stem)
def test_append_update_adds_only_the_update(root: Path, plan: Path) -> None:
    path = root / plan.relative_to(REPO)
    if problems_of(root, path):
        pytest.skip(f"{plan.name} đang có lỗi, không phải do append_update")
    original = path.read_text(encoding="utf-8")
    data = safe_load(original)
    if not task_ids(data):
        pytest.skip(f"{plan.name} chưa có nhiệm vụ")
    for task_id in _chosen_tasks(data):
        before = path.read_text(encoding="utf-8")
        task = find_task(safe_load(before), task_id)
        last = max([u["date"] for u in task.get("updates") or []], default=None)
        day = max(data["document"]["issued"], last or data["document"]["issued"])
        done = append_update(path, task_id, day, "dang-thuc-hien", progress=50,
                             note="Đã họp lần 1: thống nhất # nội dung “dự thảo”",
                             evidence="https://example.org/bien-ban?so=1&nam=2026")
        after = path.read_text(encoding="utf-8")

        diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(),
                                         lineterm="", n=0))
        hunks = [line for line in diff if line.startswith("@@")]
        changed = [line for line in diff[2:] if not line.startswith("@@")]
        assert len(hunks) == 1, diff
        assert all(line.startswith("+") for line in changed), diff  # nothing removed or edited
        added = [line[1:] for line in changed]
        expected = [
            f"- date: {day.isoformat()}",
            "status: dang-thuc-hien",
            "progress: 50",
            'note: "Đã họp lần 1: thống nhất # nội dung “dự thảo”"',
            "evidence: https://example.org/bien-ban?so=1&nam=2026",
        ]
        if not task.get("updates"):
            expected.insert(0, "updates:")
        assert [line.strip() for line in added] == expected
        # Indentation: two spaces per level, under the task's own keys.
        key_col = len(added[0]) - len(added[0].lstrip())
        dash = next(line for line in added if line.lstrip().startswith("- "))
        dash_col = len(dash) - len(dash.lstrip())
        assert all(len(line) - len(line.lstrip()) == dash_col + 2
                   for line in added[added.index(dash) + 1:])
        if not task.get("updates"):
            assert dash_col == key_col + 2
        assert after.splitlines()[done.line - 1] == dash

        updated = find_task(safe_load(after), task_id)["updates"][-1]
        assert updated == {"date": day, "status": "dang-thuc-hien", "progress": 50,
                           "note": "Đã họp lần 1: thống nhất # nội dung “dự thảo”",
                           "evidence": "https://example.org/bien-ban?so=1&nam=2026"}
        assert problems_of(root, path) == []


def test_unknown_task_is_refused_in_vietnamese(root: Path) -> None:
    path = root / "plans/khanh-hoa-ubnd/khanh-hoa-qd-4034-2017.yaml"
    before = path.read_bytes()
    with pytest.raises(EditError, match=r"Không có nhiệm vụ “I\.99” .*Có phải ý bạn là"):
        append_update(path, "I.99", "2018-02-01", "dang-thuc-hien")
    assert path.read_bytes() == before


def test_update_before_last_update_is_refused(root: Path) -> None:
    path = root / "plans/khanh-hoa-ubnd/khanh-hoa-qd-4034-2017.yaml"
    append_update(path, "I.1", "2018-03-01", "dang-thuc-hien", progress=20)
    append_update(path, "I.1", "2018-03-01", "dang-thuc-hien", progress=30)  # same day: fine
    before = path.read_bytes()
    with pytest.raises(EditError, match="trước lần cập nhật gần nhất"):
        append_update(path, "I.1", dt.date(2018, 2, 28), "hoan-thanh")
    assert path.read_bytes() == before
    updates = find_task(safe_load(path.read_text(encoding="utf-8")), "I.1")["updates"]
    assert [u["progress"] for u in updates] == [20, 30]
    assert problems_of(root, path) == []


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"status": "xong"}, "Tình trạng “xong” không hợp lệ"),
    ({"progress": 150}, "từ 0 đến 100"),
    ({"progress": -1}, "từ 0 đến 100"),
    ({"evidence": "javascript:alert(1)"}, "https://"),
    ({"status": "tam-dung"}, "phải nêu lý do"),
    ({"status": "hoan-thanh", "progress": 80}, "hoàn thành"),
    ({"date": "1/2/2018"}, "YYYY-MM-DD"),
    ({"note": "   "}, "Ghi chú đang rỗng"),
])
def test_bad_update_values_are_refused(root: Path, kwargs: dict[str, Any], message: str):
    path = root / "plans/khanh-hoa-ubnd/khanh-hoa-qd-4034-2017.yaml"
    before = path.read_bytes()
    args = {"date": "2018-02-01", "status": "dang-thuc-hien"} | kwargs
    with pytest.raises(EditError, match=message):
        append_update(path, "I.1", **args)
    assert path.read_bytes() == before


LAYOUT = """\
# Đầu tệp.
sections:
  - id: I
    tasks:
      - id: I.1
        title: 'Nháy đơn'   # ghi chú cuối dòng
        updates: []
        support: [a, b]
      - id: I.2
        title: >-
          Gấp
          dòng

      # Ghi chú trước nhiệm vụ I.3
      - id: I.3
        updates:
        - date: 2024-01-01
          status: chua-bat-dau
        subtasks:
          - id: I.3.a
            title: "Con"
"""


def test_layout_quoting_and_comments_are_kept() -> None:
    update = build_update("2024-02-01", "dang-thuc-hien", note="yes")
    text = LAYOUT
    for task_id in ("I.2", "I.3", "I.3.a"):
        new, _line = add_update_text(text, task_id, update)
        diff = [line for line in list(difflib.unified_diff(text.splitlines(), new.splitlines(),
                                                           lineterm="", n=0))[2:]
                if not line.startswith("@@")]
        assert all(line.startswith("+") for line in diff), diff
        text = new
    lines = text.splitlines()
    # I.2: after the folded scalar, before the blank line and the comment of I.3.
    i = lines.index("          dòng")
    assert lines[i + 1:i + 6] == [
        "        updates:",
        "          - date: 2024-02-01",
        "            status: dang-thuc-hien",
        '            note: "yes"',
        "",
    ]
    # I.3: appended to its existing (unindented) list, before `subtasks:`, in the list's style.
    i = lines.index("          status: chua-bat-dau")
    assert lines[i + 1:i + 5] == [
        "        - date: 2024-02-01",
        "          status: dang-thuc-hien",
        '          note: "yes"',
        "        subtasks:",
    ]
    # I.3.a: a subtask, at the end of the file.
    assert lines[-6:] == [
        "          - id: I.3.a",
        '            title: "Con"',
        "            updates:",
        "              - date: 2024-02-01",
        "                status: dang-thuc-hien",
        '                note: "yes"',
    ]
    assert lines[:7] == LAYOUT.splitlines()[:7]
    assert "      # Ghi chú trước nhiệm vụ I.3" in lines
    assert safe_load(text)["sections"][0]["tasks"][2]["subtasks"][0]["updates"] == [
        {"date": dt.date(2024, 2, 1), "status": "dang-thuc-hien", "note": "yes"}]


def test_empty_flow_list_becomes_a_block_list() -> None:
    update = build_update("2024-02-01", "hoan-thanh", progress=100)
    new, line = add_update_text(LAYOUT, "I.1", update)
    lines = new.splitlines()
    assert lines[line - 2:line + 3] == [
        "        updates:",
        "          - date: 2024-02-01",
        "            status: hoan-thanh",
        "            progress: 100",
        "        support: [a, b]",
    ]
    assert "        title: 'Nháy đơn'   # ghi chú cuối dòng" in lines


def test_batch_equals_one_update_at_a_time() -> None:
    first = build_update("2024-02-01", "dang-thuc-hien", progress=10, note="yes")
    second = build_update("2024-03-01", "hoan-thanh", evidence="https://example.org/a?b=1")
    items = [("I.3.a", first), ("I.1", first), ("I.2", first), ("I.3", first), ("I.2", second),
             ("I.3.a", second)]
    for text in (LAYOUT, LAYOUT.replace("\n", "\r\n"), LAYOUT.rstrip("\n")):
        one_by_one = text
        for task_id, update in sorted(items, key=lambda item: item[1]["date"]):
            one_by_one, _line = add_update_text(one_by_one, task_id, update)
        batch, lines = add_updates_text(text, items)
        assert batch == one_by_one
        rows = batch.splitlines()
        assert [rows[n - 1].strip() for n in lines] == [
            "- date: 2024-02-01", "- date: 2024-02-01", "- date: 2024-02-01",
            "- date: 2024-02-01", "- date: 2024-03-01", "- date: 2024-03-01"]


@pytest.mark.parametrize("plan", PLAN_FILES, ids=lambda p: p.stem)
def test_batch_on_every_task_of_a_shipped_plan(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    data = safe_load(text)
    items = []
    for task_id in task_ids(data):
        last = max([u["date"] for u in find_task(data, task_id).get("updates") or []],
                   default=data["document"]["issued"])
        items.append((task_id, build_update(max(last, AS_OF), "dang-thuc-hien", progress=50)))
    if not items:
        pytest.skip(f"{plan.name} chưa có nhiệm vụ")
    new, _lines = add_updates_text(text, items)
    diff = list(difflib.unified_diff(text.splitlines(), new.splitlines(), lineterm="", n=0))
    assert all(line.startswith("+") for line in diff[2:] if not line.startswith("@@")), diff
    after = safe_load(new)
    for task_id, update in items:
        assert find_task(after, task_id)["updates"][-1] == update


def test_read_back_catches_any_other_difference() -> None:
    """The read-back refuses a text that differs anywhere else, or holds other updates."""
    from generator.authoring import editing

    update = build_update("2024-02-01", "dang-thuc-hien", note="Ghi chú")
    good, _lines = add_updates_text(LAYOUT, [("I.2", update)])
    root = editing._compose(LAYOUT, "tệp")
    targets = {id(node): ident for ident, _, node in editing._tasks(root) if ident == "I.2"}
    editing._verify(root, good, [("I.2", update)], targets, "tệp")  # the real result passes
    for broken in (good.replace("Nháy đơn", "Nháy kép"),  # another task changed
                   good.replace("note: Ghi chú", "note: Ghi chu"),  # the update not as given
                   good.replace("- id: I.3.a", "- id: I.3.b"),  # a subtask renamed
                   good + "extra: 1\n",  # a key added at the top
                   good.replace("status: dang-thuc-hien", "status: dang-thuc-hien\n"
                                "          - date: 2024-03-01\n"
                                "            status: huy", 1)):  # one update too many
        assert broken != good
        with pytest.raises(EditError, match="hãy thêm bằng tay"):
            editing._verify(root, broken, [("I.2", update)], targets, "tệp")


def test_batch_refuses_dates_going_backwards() -> None:
    later = build_update("2024-03-01", "dang-thuc-hien")
    earlier = build_update("2024-02-01", "dang-thuc-hien")
    with pytest.raises(EditError, match="không theo thứ tự thời gian"):
        add_updates_text(LAYOUT, [("I.2", later), ("I.2", earlier)])


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + LAYOUT.replace("\n", "\r\n").encode("utf-8"))
    append_update(path, "I.2", "2024-02-01", "chua-bat-dau")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n") == LAYOUT.count("\n") + 3


def test_yaml_scalar_reads_back_the_same() -> None:
    for value in ["12/KH-UBND", "yes", "No", "on", "null", "2024-01-01", "123", "a #b", "- x",
                  "Ghi chú: có", "it's", "“trích”", "**đậm**", "@x", " lead", "dòng\nhai",
                  "tab\tx", "", "~", "1.10"]:
        rendered = yaml_scalar(value)
        assert "\n" not in rendered
        assert safe_load(f"x: {rendered}\n") == {"x": value}, rendered
        assert pyyaml.safe_load(f"x: {rendered}\n") == {"x": value}, rendered


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
       | st.sampled_from(["yes", "No", "on", "~", "0o17", "0x1F", "1_000", "1e3", ".inf",
                          "2024-01-01 10:00", "- x", "? x", ": x", "a: b", "a #b", "#x", "@x",
                          "`x", "!x", "&x", "*x", "%x", "|x", ">x", "[x]", "{x}", "x,", "...",
                          "---", "'x'", '"x"', "Đã xong.", "https://example.org/a?b=1&c=2#d"]))
def test_yaml_scalar_is_read_back_the_same_by_yaml_11_and_12(text: str) -> None:
    rendered = yaml_scalar(text)
    assert "\n" not in rendered
    assert pyyaml.safe_load(f"x: {rendered}\n") == {"x": text}, rendered
    assert safe_load(f"x: {rendered}\n") == {"x": text}, rendered
    assert not rendered.startswith("'")


# --- the commands -----------------------------------------------------------------------------


@pytest.fixture
def cli() -> click.Group:
    group = click.Group()
    register(group)
    return group


def test_cli_new_plan_with_options(root: Path, cli: click.Group) -> None:
    result = CliRunner().invoke(cli, [
        "new", "plan", "--root", str(root), "--issuer", "lao-cai-ubnd", "--number", "20/KH-UBND",
        "--issued", "2021-01-20", "--title", "Kế hoạch CCHC năm 2021", "--type", "ke-hoach",
        "--no-demo", "--url", "https://laocai.gov.vn/20", "--as-of", AS_OF.isoformat(),
    ])
    assert result.exit_code == 0, result.output
    assert "Đã tạo plans/lao-cai-ubnd/lao-cai-kh-20-2021.yaml" in result.output
    assert "hợp lệ" in result.output
    assert problems_of(root, root / "plans/lao-cai-ubnd/lao-cai-kh-20-2021.yaml") == []


def test_cli_new_plan_prompts_in_vietnamese(root: Path, cli: click.Group) -> None:
    answers = "\n".join([
        "khanh-hoa-ubnd", "5 / QĐ-UBND", "3/2/2024", "Kế hoạch: thử", "quyet-dinh", "không",
        "https://example.org/5",
    ]) + "\n"
    result = CliRunner().invoke(cli, ["new", "plan", "--root", str(root)], input=answers)
    assert result.exit_code == 0, result.output
    for prompt in ("Mã cơ quan ban hành", "Số ký hiệu văn bản", "Ngày ban hành",
                   "Tên kế hoạch", "Hình thức văn bản", "Dữ liệu minh họa",
                   "Địa chỉ văn bản gốc"):
        assert prompt in result.output
    path = root / "plans/khanh-hoa-ubnd/khanh-hoa-qd-5-2024.yaml"
    data = safe_load(path.read_text(encoding="utf-8"))
    assert data["document"]["number"] == "5/QĐ-UBND"
    assert data["document"]["issued"] == dt.date(2024, 2, 3)
    assert data["title"] == "Kế hoạch: thử"


def test_cli_new_plan_demo_needs_no_source(root: Path, cli: click.Group) -> None:
    result = CliRunner().invoke(cli, [
        "new", "plan", "--root", str(root), "--issuer", "thu-nghiem-ubnd", "--number", "1/KH-UBND",
        "--issued", "2025-01-10", "--title", "Minh họa", "--type", "ke-hoach", "--demo",
    ])
    assert result.exit_code == 0, result.output
    assert "Địa chỉ văn bản gốc" not in result.output


def test_cli_new_plan_refusal_exits_2(root: Path, cli: click.Group) -> None:
    result = CliRunner().invoke(cli, [
        "new", "plan", "--root", str(root), "--issuer", "khanh-hoa-ubndd", "--number", "1/KH",
        "--issued", "2024-01-01", "--title", "X", "--type", "ke-hoach", "--no-demo",
        "--url", "https://example.org",
    ])
    assert result.exit_code == 2
    assert "Không có cơ quan “khanh-hoa-ubndd”" in result.output
    assert "Có phải ý bạn là “khanh-hoa-ubnd”" in result.output


def test_cli_new_plan_issued_in_future_is_refused(root: Path, cli: click.Group) -> None:
    result = CliRunner().invoke(cli, [
        "new", "plan", "--root", str(root), "--issuer", "khanh-hoa-ubnd", "--number", "1/KH-UBND",
        "--issued", "2030-01-01", "--title", "X", "--type", "ke-hoach", "--no-demo",
        "--url", "https://example.org", "--as-of", "2026-01-01",
    ])
    assert result.exit_code == 2, result.output
    assert "Ngày ban hành 01/01/2030 sau ngày 01/01/2026" in result.output
    assert not (root / "plans/khanh-hoa-ubnd/khanh-hoa-kh-1-2030.yaml").exists()


def test_cli_update_by_plan_id(root: Path, cli: click.Group) -> None:
    path = root / "plans/khanh-hoa-ubnd/khanh-hoa-qd-4034-2017.yaml"
    before = path.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, [
        "update", "I.1", "--plan", "khanh-hoa-qd-4034-2017", "--status", "hoan-thanh",
        "--date", "2018-06-30", "--progress", "100", "--note", "Đã ban hành quy chế.",
        "--evidence", "https://khanhhoa.gov.vn/qc", "--root", str(root),
        "--as-of", AS_OF.isoformat(),
    ])
    assert result.exit_code == 0, result.output
    assert "Đã thêm cập nhật ngày 30/06/2018 (hoan-thanh) cho nhiệm vụ “I.1”" in result.output
    assert "hợp lệ" in result.output
    added = [line for line in difflib.ndiff(before.splitlines(),
                                            path.read_text(encoding="utf-8").splitlines())
             if line[:1] in "+-"]
    assert all(line.startswith("+") for line in added) and len(added) == 6


def test_cli_update_by_path_and_default_date(root: Path, cli: click.Group,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, [
        "update", "1.a", "--plan", "plans/quang-ngai-ubnd/quang-ngai-ct-09-2021.yaml",
        "--status", "dang-thuc-hien", "--as-of", "2022-01-05",
    ])
    assert result.exit_code == 0, result.output
    data = safe_load((root / "plans/quang-ngai-ubnd/quang-ngai-ct-09-2021.yaml")
                     .read_text(encoding="utf-8"))
    assert find_task(data, "1.a")["updates"] == [
        {"date": dt.date(2022, 1, 5), "status": "dang-thuc-hien"}]


@pytest.mark.parametrize(("args", "message"), [
    (["I.99", "--plan", "khanh-hoa-qd-4034-2017", "--status", "huy", "--reason", "x"],
     "Không có nhiệm vụ “I.99”"),
    (["I.1", "--plan", "khanh-hoa-qd-4034-2018", "--status", "huy", "--reason", "x"],
     "Không tìm thấy kế hoạch “khanh-hoa-qd-4034-2018”"),
    (["I.1", "--plan", "khanh-hoa-qd-4034-2017", "--status", "huy"], "phải nêu lý do"),
    (["I.1", "--plan", "khanh-hoa-qd-4034-2017", "--status", "dang-thuc-hien",
      "--date", "2100-01-01"], "không ghi trước tình trạng tương lai"),
])
def test_cli_update_refusals_write_nothing(root: Path, cli: click.Group, args: list[str],
                                           message: str) -> None:
    path = root / "plans/khanh-hoa-ubnd/khanh-hoa-qd-4034-2017.yaml"
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["update", *args, "--root", str(root),
                                      "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Không ghi gì vào tệp." in result.output
    assert path.read_bytes() == before


def test_cli_update_reports_check_problems(root: Path, cli: click.Group) -> None:
    """Written, but ``congkhai check`` objects (an update before the plan was issued): exit 1."""
    result = CliRunner().invoke(cli, [
        "update", "I.1", "--plan", "khanh-hoa-qd-4034-2017", "--status", "dang-thuc-hien",
        "--date", "2017-01-01", "--root", str(root), "--as-of", AS_OF.isoformat(),
    ])
    assert result.exit_code == 1, result.output
    assert "update-before-issue" in result.output or "trước ngày ban hành" in result.output
    assert "Dữ liệu không hợp lệ: 1 lỗi trong 1 tệp." in result.output


def test_cli_schemas_command(tmp_path: Path, cli: click.Group) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = CliRunner().invoke(cli, ["schemas", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("plan", "agencies", "areas", "export"):
        written = tmp_path / "schemas" / f"{name}.schema.json"
        assert json.loads(written.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")
    # the committed files are what the command writes
    for name in ("plan", "agencies", "areas", "settings", "export"):
        rel = f"schemas/{name}.schema.json"
        assert (tmp_path / rel).read_bytes() == (REPO / rel).read_bytes(), rel


NUMBERED_IN_SECTIONS = """\
sections:
  - id: I
    tasks:
      - id: "1"
        title: Một
        subtasks:
          - id: a
            title: Con
      - id: "2"
        title: Hai
  - id: II
    tasks:
      - id: "3"
        title: Ba
"""


def test_update_finds_a_task_numbered_under_its_section() -> None:
    # A new plan's tasks are often written `id: "1"` under section I; its page shows them
    # under "I.", and an editor types "I.1": both forms find the task.
    from ruamel.yaml import YAML

    update = build_update("2024-02-01", "dang-thuc-hien")
    for typed, section, position in (("I.1", 0, 0), ("1", 0, 0), ("II.3", 1, 0),
                                     ("I.2", 0, 1)):
        new, _line = add_update_text(NUMBERED_IN_SECTIONS, typed, update)
        data = YAML(typ="safe").load(new)
        task = data["sections"][section]["tasks"][position]
        assert task["updates"][0]["status"] == "dang-thuc-hien", typed
    new, _line = add_update_text(NUMBERED_IN_SECTIONS, "I.1.a", update)
    sub = YAML(typ="safe").load(new)["sections"][0]["tasks"][0]["subtasks"][0]
    assert sub["updates"][0]["date"] == dt.date(2024, 2, 1)
    with pytest.raises(EditError, match=r"Không có nhiệm vụ “I\.3”"):
        add_update_text(NUMBERED_IN_SECTIONS, "I.3", update)
