"""Plan files' change history from git: dates and what changed in the data, never who made
the change, and never the developers' commit messages.

Each test builds its own small repository in ``tmp_path`` with a known author, so that the
absence of that author's name and address in the result can be asserted.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.facts.history import (
    EARLIEST_KEPT,
    LOG_FORMAT,
    Change,
    describe_history,
    file_history,
    head_commit,
    history_view,
    mask_emails,
    parse_batch,
    parse_log,
    plan_histories,
    run_git,
)
from generator.facts.revisions import UNREADABLE

AUTHOR = "Nguyễn Văn Tác Giả"
EMAIL = "tac.gia@example.com"
COMMITTER = "Trần Thị Người Gộp"
COMMITTER_EMAIL = "nguoi.gop@example.net"
PLAN = "plans/minh-hoa-ubnd/minh-hoa-kh-01-2025.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": AUTHOR, "GIT_AUTHOR_EMAIL": EMAIL,
        "GIT_COMMITTER_NAME": COMMITTER, "GIT_COMMITTER_EMAIL": COMMITTER_EMAIL,
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent), "GIT_CEILING_DIRECTORIES":
        str(repo.parent),
    }
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main",
                           *args], cwd=repo, env=env, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _commit(repo: Path, path: str, text: str, message: str, when: str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    _commit(root, PLAN, "id: minh-hoa-kh-01-2025\nissued: 2025-01-01\n",
            "Thêm kế hoạch 01/KH-UBND của tỉnh Minh Họa", "2025-01-10T09:30:00+07:00")
    _commit(root, "README.md", "khác\n", "Sửa tệp khác", "2025-01-20T10:00:00+07:00")
    _commit(root, PLAN, "id: minh-hoa-kh-01-2025\nissued: 2025-01-10\n",
            "Đính chính ngày ban hành theo bản gốc\n\nNội dung chi tiết.\n\n"
            f"Signed-off-by: {AUTHOR} <{EMAIL}>",
            "2025-02-03T20:15:00+00:00")  # 04/02/2025 in Vietnam
    return root


def test_two_changes_newest_first_with_dates_and_subjects(repo: Path) -> None:
    changes = file_history(repo, PLAN)
    assert [(c.date, c.subject) for c in changes] == [
        (dt.date(2025, 2, 4), "Đính chính ngày ban hành theo bản gốc"),
        (dt.date(2025, 1, 10), "Thêm kế hoạch 01/KH-UBND của tỉnh Minh Họa"),
    ]
    log = _git(repo, "log", "--format=%H", "--", PLAN).split()
    assert [c.commit for c in changes] == log
    assert all(re.fullmatch(r"[0-9a-f]{7}", c.short) for c in changes)


def test_no_author_or_committer_name_or_address(repo: Path) -> None:
    changes = file_history(repo, PLAN)
    shown = repr(changes) + repr(history_view(changes))
    for secret in (AUTHOR, EMAIL, COMMITTER, COMMITTER_EMAIL, "Tác Giả", "tac.gia"):
        assert secret not in shown
    assert "%a" not in LOG_FORMAT and "%c" in LOG_FORMAT and "%cn" not in LOG_FORMAT


def test_history_follows_renames(repo: Path) -> None:
    new = "plans/minh-hoa-ubnd/minh-hoa-kh-01-2025-moi.yaml"
    (repo / new).parent.mkdir(parents=True, exist_ok=True)
    _git(repo, "mv", PLAN, new)
    _git(repo, "commit", "-q", "-m", "Đổi tên tệp", when="2025-03-01T08:00:00+07:00")
    subjects = [c.subject for c in file_history(repo, new)]
    assert subjects == ["Đổi tên tệp", "Đính chính ngày ban hành theo bản gốc",
                        "Thêm kế hoạch 01/KH-UBND của tỉnh Minh Họa"]


def test_absolute_paths_and_plans(repo: Path) -> None:
    assert len(file_history(repo, repo / PLAN)) == 2
    assert file_history(repo, Path("/elsewhere/plan.yaml")) == []
    plans = [SimpleNamespace(id="minh-hoa-kh-01-2025", path=PLAN),
             SimpleNamespace(id="khong-co", path="plans/khong-co.yaml")]
    histories = plan_histories(repo, plans)  # type: ignore[arg-type]
    assert [len(histories["minh-hoa-kh-01-2025"]), len(histories["khong-co"])] == [2, 0]


def test_emails_in_a_subject_are_masked(repo: Path) -> None:
    _commit(repo, PLAN, "id: x\n", f"Sửa theo góp ý của {EMAIL} và <ban.doc@vi.example.org>",
            "2025-04-01T08:00:00+07:00")
    assert file_history(repo, PLAN)[0].subject == "Sửa theo góp ý của […] và […]"
    assert mask_emails("không có địa chỉ") == "không có địa chỉ"


def test_merges_are_left_out(repo: Path) -> None:
    _git(repo, "checkout", "-q", "-b", "nhanh")
    _commit(repo, PLAN, "id: y\n", "Cập nhật tiến độ", "2025-05-01T08:00:00+07:00")
    _git(repo, "checkout", "-q", "main")
    _commit(repo, "README.md", "khác nữa\n", "Sửa README", "2025-05-02T08:00:00+07:00")
    _git(repo, "merge", "-q", "--no-ff", "-m", f"Merge branch 'nhanh' of {AUTHOR}", "nhanh",
         when="2025-05-03T08:00:00+07:00")
    subjects = [c.subject for c in file_history(repo, PLAN)]
    assert subjects[0] == "Cập nhật tiến độ"
    assert not any("Merge" in s for s in subjects)


def test_head_commit(repo: Path, tmp_path: Path) -> None:
    assert head_commit(repo) == _git(repo, "rev-parse", "HEAD").strip()
    outside = tmp_path / "khong-phai-kho"
    outside.mkdir()
    assert head_commit(outside, runner=lambda args, cwd: None) is None
    assert head_commit(outside, runner=lambda args, cwd: "not a hash\n") is None


def test_unavailable_history_is_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tarball = tmp_path / "tarball"
    (tarball / "plans").mkdir(parents=True)
    (tarball / PLAN).parent.mkdir(parents=True)
    (tarball / PLAN).write_text("id: x\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert file_history(tarball, PLAN) == []  # not a repository
    assert head_commit(tarball) is None
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))  # no git at all
    assert run_git(["--version"], tarball) is None
    assert file_history(tarball, PLAN) == []


def test_empty_repository_and_untracked_file(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    _git(root, "init", "-q")
    (root / "plan.yaml").write_text("id: x\n", encoding="utf-8")
    assert file_history(root, "plan.yaml") == []
    assert head_commit(root) is None


def test_parse_log_is_pure_and_tolerant() -> None:
    sep = "\x1f"
    output = (f"{'a' * 40}{sep}2025-02-03T20:15:00+00:00{sep}Đính chính\0"
              f"\n{'b' * 40}{sep}2025-01-10T09:30:00+07:00{sep}Thêm kế hoạch\0"
              f"garbage\0{'c' * 40}{sep}not a date{sep}x\0")
    assert parse_log(output) == [
        Change("a" * 40, dt.date(2025, 2, 4), "Đính chính"),
        Change("b" * 40, dt.date(2025, 1, 10), "Thêm kế hoạch"),
    ]
    assert parse_log("") == []


def test_history_view() -> None:
    change = Change("0123456789" * 4, dt.date(2025, 2, 4), "Fix the date", "p.yaml",
                    ("Sửa ngày ban hành từ 01/01/2025 thành 10/01/2025.",))
    view = history_view([change])
    assert view == [{"date": "04/02/2025", "iso": "2025-02-04",
                     "details": ["Sửa ngày ban hành từ 01/01/2025 thành 10/01/2025."],
                     "commit": "0123456", "commit_url": ""}]
    linked = history_view([change], "https://git.example.org/so/congkhai/")
    base = "https://git.example.org/so/congkhai/commit/"
    assert linked[0]["commit_url"] == base + "0123456789" * 4
    assert "Fix the date" not in repr(view)  # the commit message is never shown


def test_runner_is_injectable() -> None:
    calls = []

    def fake(args, cwd):
        calls.append(list(args))
        return f"{'d' * 40}\x1f2024-12-31T23:00:00+07:00\x1fMột thay đổi\0"

    changes = file_history(Path("/du-an"), "plans/p.yaml", runner=fake)
    assert changes == [Change("d" * 40, dt.date(2024, 12, 31), "Một thay đổi")]
    assert calls[0][:2] == ["log", "--follow"] and calls[0][-2:] == ["--", "plans/p.yaml"]


# --- what changed in the data -----------------------------------------------------------------

PLAN_V1 = """id: minh-hoa-kh-01-2025
title: Kế hoạch
document: {number: 01/KH-UBND, issued: 2025-01-01, issuer: minh-hoa-ubnd}
sections:
  - id: I
    title: Thể chế
    tasks:
      - id: I.1
        title: Rà soát văn bản
        output: Báo cáo
        lead: minh-hoa-so-tu-phap
      - id: I.2
        title: Xây dựng quy định
        output: Quyết định
"""


def test_history_says_what_changed_in_the_data(repo: Path) -> None:
    _commit(repo, PLAN, PLAN_V1, "Add plan (English developer message)",
            "2025-06-01T08:00:00+07:00")
    v2 = (PLAN_V1.replace("output: Báo cáo", "output: Báo cáo kết quả rà soát")
          .replace("        output: Quyết định\n",
                   "        output: Quyết định\n        updates:\n"
                   "          - {date: 2025-07-01, status: dang-thuc-hien, progress: 50}\n")
          .replace("lead: minh-hoa-so-tu-phap", "lead: minh-hoa-so-noi-vu"))
    _commit(repo, PLAN, v2, "Fix output; add update", "2025-07-02T08:00:00+07:00")
    names = {"minh-hoa-so-tu-phap": "Sở Tư pháp", "minh-hoa-so-noi-vu": "Sở Nội vụ"}
    plans = [SimpleNamespace(id="minh-hoa-kh-01-2025", path=PLAN)]
    changes = plan_histories(repo, plans, names=names)["minh-hoa-kh-01-2025"]  # type: ignore[arg-type]
    assert changes[0].details == (
        "Nhiệm vụ I.1: sửa sản phẩm từ “Báo cáo” thành “Báo cáo kết quả rà soát”.",
        "Nhiệm vụ I.1: sửa cơ quan chủ trì từ “Sở Tư pháp” thành “Sở Nội vụ”.",
        "Nhiệm vụ I.2: thêm báo cáo tiến độ ngày 01/07/2025 (Đang thực hiện, 50%).",
    )
    # The first versions were not plans in today's format; the history still says what changed.
    assert changes[-1].details == ("Đưa kế hoạch lên trang: 0 nhiệm vụ.",)
    shown = repr(history_view(changes))
    for message in ("English developer message", "Fix output", "Đính chính ngày ban hành"):
        assert message not in shown


def test_history_of_a_shallow_clone_does_not_claim_the_plan_was_added(repo: Path,
                                                                        tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
                   check=True, capture_output=True)
    plans = [SimpleNamespace(id="p", path=PLAN)]
    changes = plan_histories(clone, plans)["p"]  # type: ignore[arg-type]
    assert len(changes) == 1
    assert changes[0].details == (EARLIEST_KEPT,)


def test_unreadable_versions_are_said_to_be_so() -> None:
    good = b"id: p\nsections: []\n"
    changes = [Change("b" * 40, dt.date(2025, 2, 1), "s", "p.yaml"),
               Change("a" * 40, dt.date(2025, 1, 1), "s", "p.yaml")]
    versions = {f"{'b' * 40}:p.yaml": good, f"{'a' * 40}:p.yaml": b"id: [unclosed\n",
                f"{'a' * 40}^:p.yaml": None}
    described = describe_history(changes, versions)
    assert described[1].details == (UNREADABLE,)
    assert described[0].details == ("Đưa kế hoạch lên trang: 0 nhiệm vụ.",)


def test_cat_file_batch_output_is_parsed() -> None:
    output = b"1111 blob 3\nabc\nx:y missing\n2222 blob 0\n\n"
    assert parse_batch(["a:p", "x:y", "b:p"], output) == {"a:p": b"abc", "x:y": None,
                                                          "b:p": b""}
