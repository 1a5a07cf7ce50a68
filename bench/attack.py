"""A hostile and careless editor against a ``congkhai`` install: tries each attack of issue 11
(and its class) on a fresh copy of the project and tallies what happened.

Run it with any install, old or new, so that the same cases give the figures before and after a
change::

    .venv/bin/python -m bench.attack                       # this checkout's congkhai
    .venv/bin/python -m bench.attack --congkhai /tmp/old/.venv/bin/congkhai --json before.json

Each case copies the repository's sources (plans/, content/, theme/, mkdocs.yml) into a
temporary directory, breaks one thing and runs the real console script in a subprocess, with an
address-space limit (so a memory blow-up ends as a failure, not as the machine swapping) and a
timeout. A case is either

* ``refuse``: the input is wrong. *clear error* when ``congkhai check`` (or, if check let it
  through, ``congkhai build``) exits 1 or 2 with a Vietnamese message naming the place, without a
  traceback, within bounded output (1 MB) and without terminal escape sequences; *traceback*
  when a traceback, a kill, a time-out or unbounded output is what the user gets; *wrongly
  accepted* when check accepts it (even if the build then stops with a clear message: check is
  the editors' and CI's gate), or
* ``accept``: the input is legitimate but dangerous (formula-looking cells, odd link schemes, a
  poisoned cache): *ok* when check and build succeed and the output is inert; *traceback* as
  above; *wrongly accepted* when the site leaks or carries the payload live.

Then two fault sweeps: kills of ``congkhai build`` at spread-out moments (is the served path a
complete site after each, and what is left beside it), and pairs of concurrent builds with
different status dates (is each published site entirely one build's).

This is a probe, not a test: it prints measured figures and never fails on a finding. Progress
goes to stderr, the table to stdout; ``--json`` keeps every outcome.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import json
import os
import re
import resource
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-23"
DEMO = "plans/minh-hoa-ubnd/minh-hoa-kh-01-2025.yaml"
SECRET = "probe-secret-" + hashlib.sha256(str(os.getpid()).encode()).hexdigest()[:16]
MEMORY_LIMIT = 4 * 1024**3
TIMEOUT = 120
MAX_OUTPUT = 1024 * 1024
# file:line (human), line=N (GitHub annotations), "line": N (JSON)
_LOCATED = re.compile(r"[\w./-]+:\d+(:\d+)?|,line=\d+|\"line\": \d+")
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


@dataclass
class Run:
    """One command's exit status and (bounded) output."""

    returncode: int
    out: str
    err: str
    out_bytes: int
    err_bytes: int
    seconds: float
    timed_out: bool = False

    @property
    def text(self) -> str:
        return self.out + "\n" + self.err


@dataclass
class Case:
    name: str
    group: str
    expect: str  # "refuse" or "accept"
    setup: Callable[[Path], None] | None = None
    # accept: what is wrong with the built site (None when fine)
    post: Callable[[Path, Path], str | None] | None = None
    # replaces check + build entirely; returns (verdict, detail)
    custom: Callable[[Path], tuple[str, str]] | None = None
    check_args: tuple[str, ...] = ()
    # run check on a terminal (click strips escape sequences from output that is not a tty)
    tty: bool = False


@dataclass
class Result:
    name: str
    group: str
    expect: str
    verdict: str  # clear | ok | traceback | accepted
    detail: str = ""
    figures: dict = field(default_factory=dict)


# --- running ------------------------------------------------------------------------------------


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.setsid()


def run(cmd: list[str], cwd: Path, timeout: float = TIMEOUT, env: dict | None = None,
        user: str | None = None, tty: bool = False) -> Run:
    """Run ``cmd`` with the limits; keep at most 256 KB of each stream in memory."""
    full_env = {**os.environ, "CONGKHAI_PROBE_SECRET": SECRET, "NO_COLOR": "1", **(env or {})}
    if tty:  # util-linux script gives the command a pseudo-terminal; output comes on stdout
        cmd = ["script", "-qec", shlex.join(cmd), "/dev/null"]
    if user:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=full_env,
                                preexec_fn=_limits)
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        seconds = time.perf_counter() - start

        def grab(handle) -> tuple[str, int]:
            size = handle.seek(0, io.SEEK_END)
            handle.seek(0)
            head = handle.read(128 * 1024)
            if size > 256 * 1024:
                handle.seek(size - 128 * 1024)
                head += b"\n[...]\n" + handle.read()
            return head.decode("utf-8", errors="replace"), size

        o, ob = grab(out)
        e, eb = grab(err)
    return Run(proc.returncode, o, e, ob, eb, seconds, timed_out)


class Probe:
    def __init__(self, congkhai: Path, repo: Path, workdir: Path) -> None:
        self.congkhai = congkhai
        self.repo = repo
        self.workdir = workdir

    def project(self, name: str) -> Path:
        root = self.workdir / re.sub(r"[^a-z0-9-]", "-", name.lower())
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        for sub in ("plans", "content", "theme"):
            shutil.copytree(self.repo / sub, root / sub, symlinks=True)
        shutil.copy2(self.repo / "mkdocs.yml", root / "mkdocs.yml")
        return root

    def cli(self, root: Path, *args: str, **kw) -> Run:
        return run([str(self.congkhai), *args], cwd=root, **kw)

    def check(self, root: Path, *extra: str, tty: bool = False) -> Run:
        return self.cli(root, "check", "--root", str(root), "--as-of", AS_OF, *extra, tty=tty)

    def build(self, root: Path, site: Path | None = None, **kw) -> Run:
        site = site or root / "site"
        return self.cli(root, "build", "--root", str(root), "--as-of", AS_OF,
                        "--site-dir", str(site), **kw)


def failure(r: Run) -> str | None:
    """Why ``r`` is not a clean outcome (traceback, kill, time-out, unbounded or unsafe output)."""
    if r.timed_out:
        return f"time-out after {r.seconds:.0f} s"
    if r.returncode < 0:
        return f"killed by signal {-r.returncode} after {r.seconds:.1f} s"
    if "Traceback" in r.text:
        last = [ln for ln in r.err.splitlines() if ln.strip()][-1:] or [""]
        return "traceback: " + last[0][:160]
    if r.out_bytes + r.err_bytes > MAX_OUTPUT:
        return f"unbounded output: {(r.out_bytes + r.err_bytes) / 1e6:.1f} MB in {r.seconds:.1f} s"
    if "\x1b" in r.text or "\x9b" in r.text:
        return "terminal escape sequence in the output"
    return None


def clear_refusal(r: Run) -> str | None:
    """None when ``r`` refused with a located Vietnamese message; else what is missing."""
    if r.returncode not in (1, 2):
        return f"exit {r.returncode}"
    if not _VIETNAMESE.search(r.text):
        return "message not in Vietnamese"
    if r.returncode == 1 and not _LOCATED.search(r.text):
        return "message names no place"
    english = re.search(r"\b(exceeded|recursion|maximum|Errno|Error:|error:)\b", r.err)
    if english and r.returncode == 1:
        return f"untranslated English: {english.group()}"
    return None


def judge(probe: Probe, case: Case) -> Result:
    root = probe.project(case.name)
    if case.setup:
        case.setup(root)
    if case.custom:
        verdict, detail = case.custom(root)
        return Result(case.name, case.group, case.expect, verdict, detail)
    checked = probe.check(root, *case.check_args, tty=case.tty)
    figures = {"check_seconds": round(checked.seconds, 2),
               "check_output_bytes": checked.out_bytes + checked.err_bytes}
    broken = failure(checked)
    if broken:
        return Result(case.name, case.group, case.expect, "traceback", "check: " + broken, figures)
    if case.expect == "refuse" and checked.returncode != 0:
        why = clear_refusal(checked)
        return Result(case.name, case.group, case.expect, "clear" if why is None else "traceback",
                      "" if why is None else "check: " + why, figures)
    if case.expect == "accept" and checked.returncode != 0:
        return Result(case.name, case.group, case.expect, "traceback",
                      "check refused legitimate input: " + checked.err[-300:], figures)
    site = root / "site"
    built = probe.build(root, site)
    figures["build_seconds"] = round(built.seconds, 2)
    broken = failure(built)
    if broken:
        return Result(case.name, case.group, case.expect, "traceback",
                      "check passed, build: " + broken, figures)
    if case.expect == "refuse":
        how = "build stopped cleanly" if built.returncode else "build published it"
        return Result(case.name, case.group, case.expect, "accepted",
                      f"check passed; {how}", figures)
    if built.returncode != 0:
        return Result(case.name, case.group, case.expect, "traceback",
                      "build failed: " + built.err[-300:], figures)
    wrong = case.post(root, site) if case.post else None
    if wrong:
        return Result(case.name, case.group, case.expect, "accepted", wrong, figures)
    return Result(case.name, case.group, case.expect, "ok", "", figures)


# --- helpers for setups -------------------------------------------------------------------------


def edit(root: Path, old: str, new: str, path: str = DEMO, count: int = 1) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new, count), encoding="utf-8")


def outside(root: Path) -> Path:
    """A directory beside the project (not inside it) holding a secret file."""
    out = root.parent / (root.name + "-outside")
    out.mkdir(exist_ok=True)
    (out / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (out / "secret.md").write_text(f"# Bí mật\n\n{SECRET}\n", encoding="utf-8")
    return out


def site_has_secret(_root: Path, site: Path) -> str | None:
    for path in site.rglob("*"):
        if path.is_file() and SECRET.encode() in path.read_bytes():
            return f"secret published in {path.relative_to(site)}"
    return None


def symlink(root: Path, rel: str, target: Path | str) -> None:
    link = root / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_formulas(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row
            if cell.startswith(FORMULA_START)]


def site_csv_formulas(root: Path, site: Path, probe: Probe) -> str | None:
    found: list[str] = []
    for path in sorted((site / "du-lieu").glob("*.csv")):
        found += [f"{path.name}: {c[:40]!r}" for c in csv_formulas(path.read_bytes())]
    exported = probe.cli(root, "export", "--root", str(root), "--format", "csv",
                         "--as-of", AS_OF)
    found += [f"export: {c[:40]!r}" for c in csv_formulas(exported.out.encode("utf-8"))]
    return f"{len(found)} formula-like cells, e.g. {found[:3]}" if found else None


def links_with(pattern: str) -> Callable[[Path, Path], str | None]:
    def post(_root: Path, site: Path) -> str | None:
        page = (site / "ke-hoach" / "minh-hoa-kh-01-2025" / "index.html").read_text("utf-8")
        hits = re.findall(r'<a [^>]*href="(' + pattern + r')"', page)
        return f"rendered as a link: {hits[:3]}" if hits else None
    return post


def link_present(url: str) -> Callable[[Path, Path], str | None]:
    def post(_root: Path, site: Path) -> str | None:
        page = (site / "ke-hoach" / "minh-hoa-kh-01-2025" / "index.html").read_text("utf-8")
        return None if f'href="{url}"' in page else f"legitimate link {url} lost"
    return post


# --- the cases ----------------------------------------------------------------------------------


def cases(probe: Probe) -> list[Case]:
    out: list[Case] = []

    def add(name: str, group: str, expect: str, setup=None, **kw) -> None:
        out.append(Case(name, group, expect, setup, **kw))

    # 1. files from outside the project
    g = "1 outside files"
    add("content symlink to /proc/self/environ", g, "refuse",
        lambda r: symlink(r, "content/env.md", "/proc/self/environ"), post=site_has_secret)
    add("content symlink to /etc/os-release", g, "refuse",
        lambda r: symlink(r, "content/os.txt", "/etc/os-release"))
    add("content symlink to a file outside", g, "refuse",
        lambda r: symlink(r, "content/bi-mat.md", outside(r) / "secret.md"))
    add("content directory symlink outside", g, "refuse",
        lambda r: symlink(r, "content/ngoai", outside(r)))
    add("content dangling symlink", g, "refuse",
        lambda r: symlink(r, "content/mat.md", "/nonexistent/mat.md"))
    add("content symlink inside the project", g, "refuse",
        lambda r: symlink(r, "content/ban-sao.md", r / "content" / "lien-he.md"))
    add("seed copy symlink outside", g, "refuse",
        lambda r: symlink(r, "content/nguon/zz.txt", outside(r) / "secret.txt"))

    def content_dir_link(r: Path) -> None:
        o = outside(r)
        shutil.copytree(r / "content", o / "content")
        shutil.copy2(o / "secret.md", o / "content" / "bi-mat.md")
        shutil.rmtree(r / "content")
        (r / "content").symlink_to(o / "content")
    add("content/ itself a symlink outside", g, "refuse", content_dir_link)

    def plan_file_link(r: Path) -> None:
        symlink(r, "plans/minh-hoa-ubnd/minh-hoa-kh-02-2025.yaml", "/etc/passwd")
    add("plan file symlink to /etc/passwd", g, "refuse", plan_file_link)

    def plan_dir_link(r: Path) -> None:
        o = outside(r)
        shutil.move(r / "plans" / "minh-hoa-ubnd", o / "minh-hoa-ubnd")
        (r / "plans" / "minh-hoa-ubnd").symlink_to(o / "minh-hoa-ubnd")
    add("plan directory symlink outside", g, "refuse", plan_dir_link)

    def registry_link(r: Path) -> None:
        o = outside(r)
        reg = r / "content/registries/agencies/minh-hoa.yaml"
        shutil.move(reg, o / "minh-hoa.yaml")
        reg.symlink_to(o / "minh-hoa.yaml")
    add("agency registry symlink outside", g, "refuse", registry_link)
    add("theme file symlink outside", g, "refuse",
        lambda r: symlink(r, "theme/assets/bi-mat.txt", outside(r) / "secret.txt"),
        post=site_has_secret)
    add("theme template symlink to /etc/passwd", g, "refuse",
        lambda r: symlink(r, "theme/partials/copyright.html", "/etc/passwd"))

    def theme_dir_link(r: Path) -> None:
        o = outside(r)
        shutil.copytree(r / "theme", o / "theme")
        shutil.copy2(o / "secret.txt", o / "theme" / "bi-mat.txt")
        shutil.rmtree(r / "theme")
        (r / "theme").symlink_to(o / "theme")
    add("theme/ itself a symlink outside", g, "refuse", theme_dir_link)

    def docs_dir_outside(r: Path) -> None:
        o = outside(r)
        shutil.copytree(r / "content", o / "docs")
        shutil.copy2(o / "secret.md", o / "docs" / "bi-mat.md")
        edit(r, "docs_dir: content", f"docs_dir: {o / 'docs'}", "mkdocs.yml")
    add("mkdocs.yml docs_dir outside the project", g, "refuse", docs_dir_outside)

    def custom_dir_outside(r: Path) -> None:
        o = outside(r)
        shutil.copytree(r / "theme", o / "theme")
        shutil.copy2(o / "secret.txt", o / "theme" / "bi-mat.txt")
        edit(r, "custom_dir: theme", f"custom_dir: {o / 'theme'}", "mkdocs.yml")
    add("mkdocs.yml theme custom_dir outside the project", g, "refuse", custom_dir_outside)
    add("FIFO in content/", g, "refuse", lambda r: os.mkfifo(r / "content" / "ong.md"))
    add("FIFO as a plan file", g, "refuse",
        lambda r: os.mkfifo(r / "plans/minh-hoa-ubnd/minh-hoa-kh-03-2025.yaml"))

    # 2. unbounded error output
    g = "2 error output"
    for n, fmt in ((5_000, "human"), (50_000, "human"), (50_000, "github"), (50_000, "json")):
        ids = ", ".join(["minh-hoa-so-noi-vuu"] * n)
        add(f"{n} misspelled ids on one line ({fmt})", g, "refuse",
            lambda r, ids=ids: edit(r, "support: []", f"support: [{ids}]"),
            check_args=("--format", fmt))

    def many_unknown_keys(r: Path) -> None:
        path = r / DEMO
        lines = "".join(f"k{i}: x\n" for i in range(400_000))
        path.write_text(path.read_text("utf-8") + lines[: 4_900_000], encoding="utf-8")
    add("400,000 unknown keys (4.9 MB)", g, "refuse", many_unknown_keys)

    def long_line_one_error(r: Path) -> None:
        edit(r, 'title: "Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2026 của tỉnh"',
             'title: ["' + "x" * 4_000_000 + '"]')
    add("one error on a 4 MB line", g, "refuse", long_line_one_error)

    # 3. ids that overwrite site pages
    g = "3 page collisions"

    def plan_named(r: Path, plan_id: str, suffix: str = ".yaml") -> None:
        src = (r / DEMO).read_text("utf-8").replace("id: minh-hoa-kh-01-2025",
                                                     f"id: {plan_id}", 1)
        (r / f"plans/minh-hoa-ubnd/{plan_id}{suffix}").write_text(src, encoding="utf-8")
    add("plan id index", g, "refuse", lambda r: plan_named(r, "index"))
    add("area id index", g, "refuse", lambda r: edit(
        r, "areas:\n", "areas:\n  - id: index\n    name: Chỉ mục\n    frameworks: [nq-76]\n",
        "content/registries/areas.yaml"))
    add("central agency id index", g, "refuse", lambda r: edit(
        r, "agencies:\n", "agencies:\n  - id: index\n    name: Chỉ mục\n    short_name: Chỉ mục\n"
        "    level: trung-uong\n", "content/registries/agencies/trung-uong.yaml"))
    add("hand-written page at a plan's address", g, "refuse", lambda r: (
        (r / "content/ke-hoach").mkdir(),
        (r / "content/ke-hoach/minh-hoa-kh-01-2025.md").write_text("# Giả\n", "utf-8")))
    add("hand-written page at a plan's address, other case", g, "refuse", lambda r: (
        (r / "content/ke-hoach").mkdir(),
        (r / "content/ke-hoach/Minh-Hoa-KH-01-2025.md").write_text("# Giả\n", "utf-8")))
    add("hand-written directory page at an agency's address", g, "refuse", lambda r: (
        (r / "content/co-quan/minh-hoa-so-noi-vu").mkdir(parents=True),
        (r / "content/co-quan/minh-hoa-so-noi-vu/index.md").write_text("# Giả\n", "utf-8")))
    add("hand-written page over a generated list page", g, "refuse",
        lambda r: (r / "content/qua-han.md").write_text("# Giả\n", "utf-8"))
    add("hand-written page over the open-data page, other case", g, "refuse",
        lambda r: (r / "content/Du-Lieu-Mo.md").write_text("# Giả\n", "utf-8"))
    add("plan saved as .YAML", g, "refuse",
        lambda r: plan_named(r, "minh-hoa-kh-09-2025", ".YAML"))
    add("plan saved as .Yml", g, "refuse",
        lambda r: plan_named(r, "minh-hoa-kh-09-2025", ".Yml"))

    # 4. accepted by check, crashing the build
    g = "4 check passes, build crashes"
    add("due 9999-12-31", g, "refuse", lambda r: edit(
        r, 'deadline: "Quý I/2026"', 'deadline: {text: "Quý I/2026", due: 9999-12-31}'))
    add("due 0001-01-01", g, "refuse", lambda r: edit(
        r, 'deadline: "Quý I/2026"', 'deadline: {text: "Quý I/2026", due: 0001-01-01}'))
    add("start 0001-01-01", g, "refuse", lambda r: edit(
        r, 'deadline: "Quý I/2026"', 'deadline: {text: "Quý I/2026", start: 0001-01-01}'))
    add("400-digit target value", g, "refuse",
        lambda r: edit(r, "value: 88\n", "value: " + "9" * 400 + "\n"))
    add("400-digit baseline value", g, "refuse",
        lambda r: edit(r, "value: 85.12\n", "value: " + "9" * 400 + "\n"))
    add("400-digit target baseline", g, "refuse",
        lambda r: edit(r, "baseline: 85.12\n", "baseline: " + "9" * 400 + "\n"))
    add("value with 400 decimals (underflows to 0)", g, "refuse",
        lambda r: edit(r, "value: 85.12\n", "value: 0." + "0" * 400 + "1\n"))
    add("5000-digit progress", g, "refuse",
        lambda r: edit(r, "progress: 40\n", "progress: " + "1" * 5000 + "\n"))
    add("5000-digit measurement target number", g, "refuse",
        lambda r: edit(r, "target: 2\n", "target: " + "2" * 5000 + "\n"))

    def long_agency(r: Path) -> None:
        long_id = "minh-hoa-" + "a" * 300
        edit(r, "agencies:\n", f"agencies:\n  - id: {long_id}\n    name: Dài\n    short_name: Dài\n"
             "    level: so-nganh\n", "content/registries/agencies/minh-hoa.yaml")
        edit(r, "support: []", f"support: [{long_id}]")
    add("300-character agency id", g, "refuse", long_agency)

    def long_area(r: Path) -> None:
        long_id = "a" * 300
        edit(r, "areas:\n", f"areas:\n  - id: {long_id}\n    name: Dài\n    frameworks: [nq-76]\n",
             "content/registries/areas.yaml")
        edit(r, "area: chi-dao-dieu-hanh", f"area: {long_id}")
    add("300-character area id", g, "refuse", long_area)
    add("250-character plan id", g, "refuse", lambda r: plan_named(r, "minh-hoa-" + "b" * 241))
    add("--as-of 9999-12-31", g, "refuse", check_args=("--as-of", "9999-12-31"))
    add("--as-of 0001-01-01", g, "refuse", check_args=("--as-of", "0001-01-01"))
    add("baseline_year 10^400", g, "refuse",
        lambda r: edit(r, "baseline_year: 2024", "baseline_year: 1" + "0" * 400))

    # 7. CSV formula injection (legitimate text that must arrive inert)
    g = "7 CSV formulas"

    def csv_payload(r: Path, text: str) -> None:
        edit(r, '"Kế hoạch của UBND tỉnh"', json.dumps(text, ensure_ascii=False))
    for payload in ('=HYPERLINK("https://example.org","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)",
                    "-2+3", "\t=1+1", "\r=1+1"):
        add(f"output {payload[:18]!r}", g, "accept",
            lambda r, p=payload: csv_payload(r, p),
            post=lambda root, site: site_csv_formulas(root, site, probe))
    add("shipped data as is", g, "accept",
        post=lambda root, site: site_csv_formulas(root, site, probe))

    # 9. silently accepted
    g = "9 silently accepted"
    title = 'title: "Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2026 của tỉnh"'
    add("YAML anchor without alias", g, "refuse", lambda r: edit(r, title, title.replace(
        'title: "', 'title: &ten "')))
    add("tag !!python/name:os.system", g, "refuse", lambda r: edit(r, title, title.replace(
        'title: "', 'title: !!python/name:os.system "')))
    add("tag !!python/object/apply", g, "refuse", lambda r: edit(
        r, title, 'title: !!python/object/apply:os.system ["true"]'))
    add("tag !!str", g, "refuse", lambda r: edit(r, title, title.replace(
        'title: "', 'title: !!str "')))
    add("tag !evil", g, "refuse", lambda r: edit(r, title, title.replace(
        'title: "', 'title: !evil "')))
    add("tag on a mapping key", g, "refuse", lambda r: edit(r, title, "!!str " + title))
    for name, ch in (("zero-width space", "\u200b"), ("RTL override U+202E", "\u202e"),
                     ("line separator U+2028", "\u2028"), ("BOM inside text", "\ufeff"),
                     ("isolate U+2066", "\u2066"), ("word joiner U+2060", "\u2060")):
        add(f"{name} in a title", g, "refuse",
            lambda r, ch=ch: edit(r, "Xây dựng, ban hành", f"Xây dựng,{ch} ban hành"))
    add("issued 0001-01-01", g, "refuse",
        lambda r: edit(r, "issued: 2025-01-10", "issued: 0001-01-01"))
    add("legal basis dated 0001-01-01", g, "refuse",
        lambda r: edit(r, "date: 2015-06-19", "date: 0001-01-01"))

    # 10. link schemes in Markdown fields
    g = "10 link schemes"
    note = 'note: "Đã gửi dự thảo lấy ý kiến các sở, ban, ngành."'
    for label, md, pattern in (
        ("protocol-relative", "[x](//evil.example/x)", "//evil[^\"]*"),
        ("absolute path", "[x](/etc/passwd)", "/etc/passwd"),
        ("ftp", "[x](ftp://example.org/x)", "ftp:[^\"]*"),
        ("tel", "[x](tel:+84123456)", "tel:[^\"]*"),
        ("ftp autolink", "<ftp://example.org/y>", "ftp:[^\"]*"),
        ("relative", "[x](../../etc)", r"\.\./\.\./etc"),
    ):
        add(f"Markdown link {label}", g, "accept",
            lambda r, md=md: edit(r, note, f'note: "Xem {md}."'), post=links_with(pattern))
    add("Markdown https and mailto links kept", g, "accept",
        lambda r: edit(r, note, 'note: "Xem [a](https://example.org/a) và '
                       '[b](mailto:a@example.org)."'),
        post=lambda root, site: link_present("https://example.org/a")(root, site)
        or link_present("mailto:a@example.org")(root, site))

    # 11. the plan cache
    g = "11 plan cache"

    def poisoned(kind: str) -> Callable[[Path], tuple[str, str]]:
        def go(root: Path) -> tuple[str, str]:
            first = probe.check(root)
            if first.returncode != 0:
                return "traceback", "baseline check failed"
            marker = root / "pwned"
            entries = [p for p in (root / ".cache").rglob("*") if p.is_file()]
            for entry in entries:
                if kind == "corrupt":
                    entry.write_bytes(entry.read_bytes()[: max(1, entry.stat().st_size // 2)])
                elif kind == "garbage":
                    entry.write_bytes(b"\x80\x04garbage{[")
                else:
                    import pickle

                    class Boom:
                        def __reduce__(self):
                            return (os.system, (f"touch {marker}",))
                    entry.write_bytes(pickle.dumps(Boom()))
            again = probe.check(root)
            if marker.exists():
                return "accepted", "crafted cache entry ran code"
            broken = failure(again)
            if broken:
                return "traceback", broken
            if again.returncode != 0:
                return "traceback", f"check failed on a bad cache: {again.err[-200:]}"
            return "ok", f"{len(entries)} entries replaced"
        return go
    for kind in ("corrupt", "garbage", "crafted pickle"):
        add(f"cache entries {kind}", g, "accept", custom=poisoned(kind))

    # 12. terminal output and nesting
    g = "12 terminal and nesting"
    add("raw ESC in a plan line", g, "refuse", lambda r: edit(
        r, title, title.replace("Xây dựng", "Xây \x1b[31mdựng")), tty=True)
    add("OSC title sequence in a plan line", g, "refuse", lambda r: edit(
        r, title, title.replace("Xây dựng", "\x1b]0;pwned\x07Xây dựng")), tty=True)
    add("escaped ESC in a key", g, "refuse", lambda r: edit(r, title, '"ti\\e[2Jtle": "x"'),
        tty=True)
    add("10,000 nested block lists on one line", g, "refuse",
        lambda r: edit(r, "notes:\n", "notes:\n  - " + "- " * 10_000 + "x\n", count=1))
    add("120 nested flow mappings", g, "refuse",
        lambda r: edit(r, "notes:\n", "xx: " + "{a: " * 120 + "1" + "}" * 120 + "\nnotes:\n"))
    deep = "xx:\n" + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(1, 195))
    add("deep indentation 390 columns", g, "refuse",
        lambda r: edit(r, "notes:\n", deep + " " * 390 + "v: 1\nnotes:\n"))
    return out


# --- disks, permissions and the preview server --------------------------------------------------


@contextlib.contextmanager
def tmpfs(where: Path, size: str, readonly: bool = False):
    where.mkdir(parents=True, exist_ok=True)
    opts = f"size={size}" + (",ro" if readonly else "")
    subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def disk_cases(probe: Probe) -> list[Case]:
    g = "8 disks and permissions"
    out: list[Case] = []
    root_user = os.geteuid() == 0

    def refused(r: Run, old_site: Path | None = None, digest: str | None = None) -> tuple[str, str]:
        broken = failure(r)
        if broken:
            return "traceback", broken
        if r.returncode == 0:
            return "accepted", "reported success"
        # a disk error has no line to name: a Vietnamese message saying what failed is clear
        why = None if r.returncode == 1 and _VIETNAMESE.search(r.err) else (
            f"exit {r.returncode}: {r.err[-200:]}")
        if old_site is not None and digest is not None and tree_digest(old_site) != digest:
            return "accepted", "old site changed"
        return ("clear", "") if why is None else ("traceback", why)

    def full_disk(root: Path) -> tuple[str, str]:
        with tmpfs(root / "mnt", "2m") as mnt:
            return refused(probe.build(root, mnt / "site"))

    def full_disk_with_old(root: Path) -> tuple[str, str]:
        with tmpfs(root / "mnt", "14m") as mnt:
            first = probe.build(root, mnt / "site")
            if first.returncode:
                return "traceback", "first build did not fit"
            with contextlib.suppress(OSError), (mnt / "filler").open("wb") as fh:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            before = tree_digest(mnt / "site")
            return refused(probe.build(root, mnt / "site"), mnt / "site", before)

    def read_only(root: Path) -> tuple[str, str]:
        with tmpfs(root / "mnt", "1m", readonly=True) as mnt:
            return refused(probe.build(root, mnt / "site"))

    def as_nobody(command: str) -> Callable[[Path], tuple[str, str]]:
        def go(root: Path) -> tuple[str, str]:
            for p in [root, *root.rglob("*")]:
                p.chmod(0o755 if p.is_dir() else 0o644)
            for parent in root.parents:
                if parent == probe.workdir.parent:
                    break
                parent.chmod(parent.stat().st_mode | 0o005)
            if command == "build":
                r = probe.build(root, root / "site", user="65534")
            else:
                r = probe.cli(root, "check", "--root", str(root), "--as-of", AS_OF,
                              user="65534")
                broken = failure(r)
                if broken:
                    return "traceback", broken
                return ("ok", "") if r.returncode == 0 else ("traceback", r.err[-200:])
            return refused(r)
        return go

    def export_full(root: Path) -> tuple[str, str]:
        with open("/dev/full", "wb") as full:
            proc = subprocess.run([str(probe.congkhai), "export", "--root", str(root),
                                   "--format", "csv", "--as-of", AS_OF],
                                  stdout=full, stderr=subprocess.PIPE, timeout=TIMEOUT)
        err = proc.stderr.decode("utf-8", "replace")
        r = Run(proc.returncode, "", err, 0, len(proc.stderr), 0)
        return refused(r)

    def generate_full(root: Path) -> tuple[str, str]:
        with tmpfs(root / "mnt", "1m") as mnt:
            return refused(probe.cli(root, "generate", "--root", str(root), "--as-of", AS_OF,
                                     "--out", str(mnt / "docs")))

    if root_user:
        out += [Case("site on a full disk (no old site)", g, "refuse", custom=full_disk),
                Case("site on a full disk (old site kept)", g, "refuse",
                     custom=full_disk_with_old),
                Case("site on a read-only file system", g, "refuse", custom=read_only),
                Case("build without write permission (as nobody)", g, "refuse",
                     custom=as_nobody("build")),
                Case("check in a read-only checkout (as nobody)", g, "accept",
                     custom=as_nobody("check")),
                Case("generate onto a full disk", g, "refuse", custom=generate_full)]
    out.append(Case("export to a full device (/dev/full)", g, "refuse", custom=export_full))
    return out


def tree_digest(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_case(probe: Probe) -> Case:
    def go(root: Path) -> tuple[str, str]:
        port = free_port()
        env = {**os.environ, "NO_COLOR": "1"}
        proc = subprocess.Popen(
            [str(probe.congkhai), "serve", "--root", str(root), "--as-of", AS_OF,
             "-a", f"127.0.0.1:{port}"], cwd=root, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, env=env, preexec_fn=os.setsid)
        url = f"http://127.0.0.1:{port}/ke-hoach/"
        try:
            deadline = time.time() + 120
            while True:
                try:
                    urllib.request.urlopen(url, timeout=5).read()
                    break
                except OSError:
                    if time.time() > deadline or proc.poll() is not None:
                        return "traceback", "preview never came up"
                    time.sleep(0.5)
            edit(root, "lead: minh-hoa-so-noi-vu", "lead: minh-hoa-so-noi-vuu")
            time.sleep(6)
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=8) as resp:
                    body = resp.read().decode("utf-8", "replace")
            except urllib.error.HTTPError as exc:
                body = exc.read().decode("utf-8", "replace")
            except OSError as exc:
                waited = time.perf_counter() - start
                return "traceback", f"request hung ({exc}) after {waited:.1f} s"
            if "minh-hoa-so-noi-vuu" not in body:
                return "accepted", "served the stale site without saying the data is invalid"
            edit(root, "lead: minh-hoa-so-noi-vuu", "lead: minh-hoa-so-noi-vu")
            time.sleep(6)
            with urllib.request.urlopen(url, timeout=8) as resp:
                body = resp.read().decode("utf-8", "replace")
            if "minh-hoa-so-noi-vuu" in body:
                return "accepted", "did not recover after the fix"
            return "clear", ""
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            if "Traceback" in err:
                go.traceback = True  # type: ignore[attr-defined]

    def wrapped(root: Path) -> tuple[str, str]:
        go.traceback = False  # type: ignore[attr-defined]
        verdict, detail = go(root)
        if verdict == "clear" and go.traceback:  # type: ignore[attr-defined]
            return "traceback", "the preview console printed a traceback"
        return verdict, detail

    return Case("serve while the data is invalid", "12 terminal and nesting", "refuse",
                custom=wrapped)


# --- fault sweeps -------------------------------------------------------------------------------


def complete(site: Path, reference: set[str]) -> bool:
    if not site.is_dir():
        return False
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return reference <= files


def kill_sweep(probe: Probe, kills: int) -> dict:
    root = probe.project("kill-sweep")
    out = root.parent / "kill-out"
    out.mkdir(exist_ok=True)
    site = out / "site"
    first = probe.build(root, site)
    if first.returncode:
        return {"error": "first build failed"}
    reference = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    duration = first.seconds
    held = broken = 0
    for i in range(kills):
        when = duration * (0.3 + 0.9 * i / max(1, kills - 1))
        proc = subprocess.Popen(
            [str(probe.congkhai), "build", "--root", str(root), "--as-of", AS_OF,
             "--site-dir", str(site)], cwd=root, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, preexec_fn=os.setsid)
        time.sleep(when)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if complete(site, reference):
            held += 1
        else:
            broken += 1
            if not site.exists():
                probe.build(root, site)  # start the next kill from a site again
    leftovers = [p for p in out.iterdir() if p.name != "site"]
    left_bytes = sum(f.stat().st_size for p in leftovers for f in
                     ([p] if p.is_file() else p.rglob("*")) if f.is_file())
    after = probe.build(root, site)
    remaining = [p.name for p in out.iterdir() if p.name != "site"]
    return {"kills": kills, "site_complete": held, "site_missing_or_partial": broken,
            "leftover_entries": len(leftovers), "leftover_mb": round(left_bytes / 1e6, 1),
            "next_build_exit": after.returncode, "left_after_next_build": len(remaining)}


def concurrency_sweep(probe: Probe, pairs: int) -> dict:
    root = probe.project("concurrency")
    out = root.parent / "concurrency-out"
    out.mkdir(exist_ok=True)
    dates = ("2026-11-23", "2026-12-20")
    references = {}
    for date in dates:
        ref_site = out / f"ref-{date}"
        r = probe.cli(root, "build", "--root", str(root), "--as-of", date, "--site-dir",
                      str(ref_site))
        if r.returncode:
            return {"error": f"reference build {date} failed: {r.err[-300:]}"}
        references[tree_digest(ref_site)] = date
    site = out / "site"
    tally: Counter[str] = Counter()
    for _ in range(pairs):
        procs = [subprocess.Popen(
            [str(probe.congkhai), "build", "--root", str(root), "--as-of", date,
             "--site-dir", str(site)], cwd=root, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE) for date in dates]
        results = [(p.wait(), p.stderr.read().decode("utf-8", "replace")) for p in procs]
        for rc, err in results:
            if "Traceback" in err:
                tally["traceback"] += 1
            elif rc:
                tally["failed (clear message)" if _VIETNAMESE.search(err) else "failed"] += 1
        digest = tree_digest(site) if site.is_dir() else ""
        if digest in references:
            tally["site is one build's"] += 1
        else:
            tally["site matches neither build"] += 1
            if all(rc == 0 for rc, _ in results):
                tally["mixed site while both exited 0"] += 1
    return {"pairs": pairs, **tally}


# --- report -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--congkhai", type=Path,
                        default=Path(sys.executable).parent / "congkhai")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="where plans/, content/, theme/ and mkdocs.yml are copied from")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/congkhai-attack"))
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--no-cases", action="store_true", help="only the fault sweeps")
    args = parser.parse_args(argv)
    if args.workdir.exists():
        shutil.rmtree(args.workdir)
    args.workdir.mkdir(parents=True)
    probe = Probe(args.congkhai.resolve(), args.repo.resolve(), args.workdir)
    every = [*cases(probe), *disk_cases(probe), serve_case(probe)]
    chosen = [] if args.no_cases else [c for c in every if args.only.lower() in c.name.lower()]
    results: list[Result] = []
    for i, case in enumerate(chosen, 1):
        print(f"[{i}/{len(chosen)}] {case.group}: {case.name}", file=sys.stderr, flush=True)
        try:
            result = judge(probe, case)
        except Exception as exc:  # a broken probe case, reported as such
            result = Result(case.name, case.group, case.expect, "probe-error", repr(exc))
        print(f"    -> {result.verdict} {result.detail}", file=sys.stderr, flush=True)
        results.append(result)
        with contextlib.suppress(OSError):
            shutil.rmtree(args.workdir / re.sub(r"[^a-z0-9-]", "-", case.name.lower()))
    sweeps = {}
    if not args.only and args.kills:
        print("kill sweep…", file=sys.stderr, flush=True)
        sweeps["kills"] = kill_sweep(probe, args.kills)
    if not args.only and args.pairs:
        print("concurrency sweep…", file=sys.stderr, flush=True)
        sweeps["concurrency"] = concurrency_sweep(probe, args.pairs)

    groups = sorted({r.group for r in results}, key=lambda g: int(g.split()[0]))
    print("| group | cases | clear error / ok | traceback, crash, hang | wrongly accepted |")
    print("|---|---:|---:|---:|---:|")
    for g in [*groups, "all"]:
        mine = [r for r in results if g in ("all", r.group)]
        c = Counter(r.verdict for r in mine)
        label = f"**{g}**" if g == "all" else g
        print(f"| {label} | {len(mine)} | {c['clear'] + c['ok']} | "
              f"{c['traceback'] + c['probe-error']} | {c['accepted']} |")
    print()
    for r in results:
        if r.verdict not in ("clear", "ok"):
            print(f"- {r.group} / {r.name}: **{r.verdict}** {r.detail}")
    for name, figures in sweeps.items():
        print(f"\n{name}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    if args.json:
        args.json.write_text(json.dumps({"results": [asdict(r) for r in results],
                                         "sweeps": sweeps}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
