"""Publishing under faults: the served path is always one complete site.

* A build is killed (SIGKILL, in a child process) at each step of publishing: before anything,
  with a staging tree made, with the working tree made, with the site built but not marked,
  just before and just after the atomic exchange, halfway through removing the old site, and at
  a moment in the middle of the MkDocs build. After each kill the served path is byte for byte
  the old site or the new one, and the next build removes every leftover.
* A step fails (full disk, read-only file system, no permission) in process: the site is
  unchanged, nothing is left beside it, and ``congkhai build`` says so in Vietnamese.
* Two builds with different status dates run at once on the same project and site directory:
  both succeed and the published site is, byte for byte, one of the two.
* Without ``RENAME_EXCHANGE`` the two-rename fallback works, and a build killed between its two
  renames has its old site put back by the next build.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.commands import main
from generator.model.project import load_project
from generator.publish import atomic
from generator.publish import build as pub

pytestmark = pytest.mark.slow

CONGKHAI = Path(sys.executable).with_name("congkhai")
OLD, NEW = dt.date(2026, 11, 23), dt.date(2026, 12, 20)


def digest(directory: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def build(root: Path, site: Path, as_of: dt.date) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CONGKHAI), "build", "--root", str(root), "--site-dir", str(site),
         "--as-of", as_of.isoformat()], capture_output=True, text=True, timeout=300,
        check=False)


def leftovers(root: Path, site: Path) -> list[str]:
    beside = [p.name for p in site.parent.iterdir() if p != site]
    work = [p.name for p in (root / "build").iterdir()] if (root / "build").exists() else []
    return beside + work


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory, copy_repo) -> dict[str, object]:
    """A project, and the digests of its site as of OLD and as of NEW."""
    base = tmp_path_factory.mktemp("atomic")
    root = copy_repo(base / "repo")
    out: dict[str, object] = {"root": root}
    for name, day in (("old", OLD), ("new", NEW)):
        site = base / name / "site"
        result = build(root, site, day)
        assert result.returncode == 0, result.stderr
        out[name] = digest(site)
        out[f"{name}_site"] = site
    assert out["old"] != out["new"]
    return out


@pytest.fixture
def served(references: dict[str, object], tmp_path: Path) -> Path:
    """A private copy of the OLD site, as the served path."""
    site = tmp_path / "www" / "site"
    shutil.copytree(references["old_site"], site)  # type: ignore[arg-type]
    return site


VICTIM = textwrap.dedent('''
    import datetime as dt, os, signal, sys
    from pathlib import Path
    from generator.publish import atomic
    from generator.publish import build as pub
    from generator.model.project import load_project

    root, site, step = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def before(module, name):
        real = getattr(module, name)
        def patched(*a, **k):
            die()
        setattr(module, name, patched)

    def after(module, name, nth=1):
        real = getattr(module, name)
        calls = []
        def patched(*a, **k):
            result = real(*a, **k)
            calls.append(1)
            if len(calls) == nth:
                die()
            return result
        setattr(module, name, patched)

    if step == "before-cleaning":
        before(pub, "clean_leftovers")
    elif step == "staging-made":
        after(pub, "claimed_directory", 1)
    elif step == "work-tree-made":
        after(pub, "claimed_directory", 2)
    elif step == "built-not-marked":
        after(pub, "run_mkdocs")
    elif step == "before-exchange":
        before(atomic, "exchange")
    elif step == "after-exchange":
        after(atomic, "exchange")
    elif step == "removing-old-site":
        import shutil
        real_rmtree = shutil.rmtree
        def half(path, *a, **k):
            files = sorted(p for p in Path(path).rglob("*") if p.is_file())
            for f in files[: len(files) // 2]:
                f.unlink()
            die()
        pub_remove = atomic.remove
        def remove(path):
            if (path / "index.html").exists() and path.name.startswith("." + site.name):
                atomic.release(path)
                half(path)
            return pub_remove(path)
        atomic.remove = remove
        pub.remove = remove
    elif step == "between-fallback-renames":
        def unsupported(a, b):
            raise NotImplementedError("test")
        atomic.exchange = unsupported
        real_rename = Path.rename
        calls = []
        def rename(self, target):
            result = real_rename(self, target)
            if Path(target).name.startswith("." + site.name + ".old-"):
                die()
            return result
        Path.rename = rename
    as_of = dt.date.fromisoformat(sys.argv[4])
    project, problems = load_project(root, as_of)
    assert not problems
    pub.publish(root, project, as_of, site)
''')

STEPS = ["before-cleaning", "staging-made", "work-tree-made", "built-not-marked",
         "before-exchange", "after-exchange", "removing-old-site"]


def kill_at(root: Path, site: Path, step: str) -> int:
    proc = subprocess.run([sys.executable, "-c", VICTIM, str(root), str(site), step,
                           NEW.isoformat()], capture_output=True, text=True, timeout=300,
                          check=False)
    return proc.returncode


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_each_step_leaves_a_complete_site(references, served: Path, step: str):
    root = references["root"]
    assert kill_at(root, served, step) == -9  # type: ignore[arg-type]
    assert digest(served) in (references["old"], references["new"]), step
    if step in ("after-exchange", "removing-old-site"):
        assert digest(served) == references["new"]
    else:
        assert digest(served) == references["old"]
    # what the next build does first (test_the_next_build_cleans_up runs a whole build)
    pub.clean_leftovers(root, served)  # type: ignore[arg-type]
    assert leftovers(root, served) == [], step  # type: ignore[arg-type]


def test_the_next_build_cleans_up(references, served: Path):
    root = references["root"]
    assert kill_at(root, served, "built-not-marked") == -9  # type: ignore[arg-type]
    assert leftovers(root, served)  # type: ignore[arg-type]
    result = build(root, served, NEW)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    assert digest(served) == references["new"]
    assert leftovers(root, served) == []  # type: ignore[arg-type]


def test_a_kill_in_the_middle_of_the_builder(references, served: Path):
    root = references["root"]
    proc = subprocess.Popen([str(CONGKHAI), "build", "--root", str(root), "--site-dir",
                             str(served), "--as-of", NEW.isoformat()],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # wait until the staging tree has pages in it, then kill
    deadline = dt.datetime.now() + dt.timedelta(seconds=120)
    while dt.datetime.now() < deadline and proc.poll() is None:
        staging = [p for p in served.parent.iterdir() if p.name.startswith(".site.new-")]
        if staging and any(staging[0].rglob("*.html")):
            break
    proc.kill()
    proc.wait()
    assert digest(served) in (references["old"], references["new"])
    assert build(root, served, NEW).returncode == 0  # type: ignore[arg-type]
    assert leftovers(root, served) == []  # type: ignore[arg-type]


def test_fallback_without_exchange_and_recovery_after_a_kill(references, served: Path,
                                                             monkeypatch):
    root = references["root"]
    assert kill_at(root, served, "between-fallback-renames") == -9  # type: ignore[arg-type]
    assert not served.exists()  # the window the exchange closes
    result = build(root, served, NEW)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    assert digest(served) == references["new"]
    assert leftovers(root, served) == []  # type: ignore[arg-type]
    # recovery alone puts the complete old site back
    assert kill_at(root, served, "between-fallback-renames") == -9  # type: ignore[arg-type]
    assert atomic.recover(served)
    assert digest(served) == references["new"]
    # and a publish through the fallback in process
    monkeypatch.setattr(atomic, "exchange", _unsupported)
    project, _ = load_project(root, OLD)  # type: ignore[arg-type]
    pub.publish(root, project, OLD, served)  # type: ignore[arg-type]
    assert digest(served) == references["old"]
    assert leftovers(root, served) == []  # type: ignore[arg-type]


def _unsupported(a: Path, b: Path) -> None:
    raise NotImplementedError("test")


@pytest.mark.parametrize(("where", "code"), [
    ("claimed_directory", errno.EACCES), ("run_mkdocs", errno.ENOSPC),
    ("write_marker", errno.EROFS), ("swap_in", errno.ENOSPC),
])
def test_a_failing_step_keeps_the_site_and_says_so(references, served: Path, monkeypatch,
                                                   where: str, code: int):
    root = references["root"]
    before = digest(served)

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(served.parent / "x"))

    if where == "write_marker":
        real = Path.write_text

        def write_text(self, *args, **kwargs):
            if self.name == pub.SITE_MARKER:
                fail()
            return real(self, *args, **kwargs)
        monkeypatch.setattr(Path, "write_text", write_text)
    elif where == "claimed_directory":
        monkeypatch.setattr(pub, "claimed_directory", fail)
    else:
        monkeypatch.setattr(pub, where, fail)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--site-dir", str(served),
                                       "--as-of", NEW.isoformat()])
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, OSError)
    assert "Traceback" not in result.output
    assert "Xây dựng thất bại" in result.output
    assert f"Trang cũ tại {served} được giữ nguyên" in result.output
    assert errno.errorcode[code] in result.output
    assert digest(served) == before
    assert leftovers(root, served) == []  # type: ignore[arg-type]


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small file system needs root")
@pytest.mark.parametrize("options", ["size=2m", "size=1m,ro"])
def test_a_real_full_or_read_only_disk(references, tmp_path: Path, options: str):
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mnt)],
                      check=False).returncode:
        pytest.skip("cannot mount tmpfs here")
    try:
        result = build(references["root"], mnt / "site", NEW)  # type: ignore[arg-type]
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        expected = "ENOSPC" if options == "size=2m" else "EROFS"
        assert "Xây dựng thất bại" in result.stderr and expected in result.stderr
        assert "Chưa có gì được ghi vào" in result.stderr
        assert sorted(p.name for p in mnt.iterdir()) == []
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_two_builds_at_once_publish_one_complete_site(references, tmp_path: Path):
    root = references["root"]
    site = tmp_path / "www" / "site"
    for _ in range(2):
        procs = [subprocess.Popen(
            [str(CONGKHAI), "build", "--root", str(root), "--site-dir", str(site),
             "--as-of", day.isoformat()], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True) for day in (OLD, NEW)]
        outcomes = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
        for code, err in outcomes:
            assert code == 0, err
            assert "Traceback" not in err
        assert digest(site) in (references["old"], references["new"])
        assert leftovers(root, site) == []  # type: ignore[arg-type]


def test_leftovers_of_a_running_build_are_not_touched(tmp_path: Path):
    parent = tmp_path / "www"
    running = atomic.claimed_directory(parent, ".site.new-")
    (running / "page.html").write_text("x")
    dead = parent / ".site.new-dead"
    dead.mkdir()
    (dead / "page.html").write_text("x")
    assert atomic.clean_stale(parent, (".site.new-", ".site.old-")) == 1
    assert running.exists() and not dead.exists()
    # another process sees the lock too
    code = subprocess.run([sys.executable, "-c",
                           "import sys; from pathlib import Path;"
                           "from generator.publish import atomic;"
                           "sys.exit(0 if atomic.is_claimed(Path(sys.argv[1])) else 1)",
                           str(running)], check=False).returncode
    assert code == 0
    atomic.remove(running)
    assert not running.exists()
