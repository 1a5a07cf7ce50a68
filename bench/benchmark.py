"""Build the same corpus several ways and write the figures to BENCHMARKS.md.

Run ``python -m bench.benchmark [--sizes S,M,L,XL] [--ways congkhai,material,zensical]
[--out BENCHMARKS.md] [--workdir DIR]`` with the project's virtualenv Python. For each size it

* prepares a corpus under ``WORKDIR/corpora/SIZE`` (S: a copy of this repository's data; M, L,
  XL: :mod:`bench.synthetic` with a fixed seed) and lays the repository's ``mkdocs.yml``,
  ``theme/`` and hand-written pages over it, so every size is the same site with more data;
* times the generator alone (load + validate + Snapshot + render and write the tree) in a child
  process;
* builds it with ``congkhai build`` (the project's tuned MkDocs Material configuration);
* writes the docs tree once with ``congkhai generate`` and builds that same tree with plain
  default Material (``mkdocs build``, no tuning), with Material as a competent user would set
  it up (``navigation.prune``, the default search plugin, ``font: false``) and with Zensical
  (in a separate virtualenv);
* measures each built site (pages, bytes, search index raw and gzipped, largest and median page);
* at the sizes given by ``--serve-sizes``, measures how long ``congkhai serve`` takes to show an
  edit of one plan;

then prints a table and the targets of the issue, and writes both, with the machine, the
versions and the date, to ``--out``. bench/README.md explains every figure and how it is taken.
This is a benchmark, not a test: it never fails on a missed target, only on a broken harness.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.report import sections

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-23"
SEED = 1
SIZES = ("S", "M", "L", "XL")
WAYS = ("congkhai", "material", "material-tuned", "zensical")
DEFAULT_WORKDIR = Path("/tmp/congkhai-bench")
GZIP_LEVEL = 6  # gzip's own default, and what most servers are configured with
MB = 1_000_000
KB = 1_000

# Where each builder writes its search index (relative to the site); searched for otherwise.
SEARCH_INDEX = {
    "congkhai": ("tim-kiem/chi-muc.json",),
    "material": ("search/search_index.json",),
    "material-tuned": ("search/search_index.json",),
    "zensical": ("search.json", "search/search_index.json", "search_index.json"),
}

# Other files of the same index, counted with it (congkhai keeps the results' records apart).
SEARCH_INDEX_PARTS = {"congkhai": ("tim-kiem/chi-muc.txt",)}

# Names a national-index command might have once the site shards by province.
NATIONAL_COMMAND = re.compile(r"national|quoc-gia|toan-quoc|index|chi-muc")


# --- small helpers ----------------------------------------------------------------------------


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the table."""
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", file=sys.stderr, flush=True)


def console_script(name: str) -> Path:
    """A console script of the running interpreter's environment (the project's venv)."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return beside
    found = shutil.which(name)
    if found:
        return Path(found)
    raise SystemExit(f"cannot find the `{name}` command next to {sys.executable} or on PATH; "
                     "run with the project's virtualenv Python (.venv/bin/python -m bench...)")


def base_env() -> dict[str, str]:
    """Environment for every child: no MkDocs 2 banner, no status date leaking in."""
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("CONGKHAI_AS_OF", None)
    env.pop("SOURCE_DATE_EPOCH", None)  # congkhai build sets its own from --as-of
    env["PYTHONDONTWRITEBYTECODE"] = env.get("PYTHONDONTWRITEBYTECODE", "1")
    return env


# congkhai keeps a content-addressed cache of parsed plan files (default ROOT/.cache/congkhai,
# moved by $CONGKHAI_CACHE). A build after another build of the same corpus would read it and
# look faster than a first build; every measured run therefore gets its own empty cache, and the
# warm rebuild is a row of its own.
CACHE_ENV = "CONGKHAI_CACHE"


def cold_cache_env(corpus: Path, cache: Path) -> dict[str, str]:
    """Environment for a build with an empty plan cache at ``cache``."""
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(corpus / ".cache", ignore_errors=True)  # the default place, whatever the env
    env = base_env()
    env[CACHE_ENV] = str(cache)
    return env


def warm_cache_env(cache: Path) -> dict[str, str]:
    env = base_env()
    env[CACHE_ENV] = str(cache)
    return env


def cache_entries(corpus: Path, cache: Path) -> int:
    return sum(1 for d in (cache, corpus / ".cache") if d.is_dir() for p in d.rglob("*")
               if p.is_file())


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def tail_reason(path: Path, lines: int = 3) -> str:
    """The last meaningful lines of a log, one line, for a table cell."""
    try:
        text = _ANSI.sub("", path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return "(no log)"
    # drop source excerpts and caret lines ("  689 |   - x", "      |   ^^^") of problem reports
    kept = [ln.strip() for ln in text.splitlines()
            if ln.strip() and not re.match(r"^\s*\d*\s*\|", ln) and not ln.startswith("$ ")]
    problems = [ln for ln in kept if re.search(r"\[[a-z0-9-]+\]", ln) and "lỗi" in ln]
    if problems:  # congkhai's own data problems: the first one and the count line
        summary = [ln for ln in kept if ln.startswith("Dữ liệu không hợp lệ")]
        chosen = [f"invalid data: {problems[0]}", *summary[-1:]]
    else:
        picked = [ln for ln in kept
                  if re.search(r"error|fail|abort|thất bại|traceback|exception", ln, re.I)]
        chosen = (picked or kept)[-lines:]
    reason = " / ".join(chosen)[:300]
    return reason.replace("|", "\\|") or "(empty log)"


def fmt(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    return f"{value:,.{digits}f}".replace(",", " ")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- measuring a child process ----------------------------------------------------------------


def _children_of() -> dict[int, list[int]]:
    """ppid -> pids, from /proc (the kernel here has no /proc/PID/task/TID/children)."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name is in parentheses and may contain spaces: split after the last ")"
        fields = stat[stat.rfind(b")") + 2:].split()
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


_PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    """Proportional set size: shared pages split between the processes sharing them.

    Summing RSS over a process and the workers it forked counts every copy-on-write page once
    per process; PSS counts it once in all. Falls back to RSS where smaps_rollup is unreadable.
    """
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return _rss(pid)


class TreeSampler(threading.Thread):
    """Samples the summed PSS of a process and all its descendants every ``interval`` seconds.

    ``wait4``'s ``ru_maxrss`` is exact but is the peak of the single largest process; a builder
    that fans out to worker processes would be under-reported by it. The sampled sum catches
    that (it can miss a peak shorter than the interval). PSS, not RSS: forked workers share
    their parent's pages, and an RSS sum would count those pages once per worker.
    """

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.max_procs = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            tree = _children_of()
            pids, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo.extend(tree.get(pid, ()))
            total = sum(_pss(p) for p in pids)
            self.peak = max(self.peak, total)
            self.max_procs = max(self.max_procs, len(pids))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


@dataclass
class Run:
    """One measured child process."""

    cmd: list[str]
    returncode: int
    wall: float  # seconds, from just before fork to reaping
    maxrss: int  # bytes: wait4() ru_maxrss of the child (largest single process it waited for)
    tree_rss: int  # bytes: peak of the sampled PSS sum over the process tree
    log: str
    timed_out: bool = False
    cpu: float = 0.0  # seconds of CPU, user + system, of the child and every process it reaped

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    @property
    def peak_rss(self) -> int:
        return max(self.maxrss, self.tree_rss)


def run_measured(cmd: list[str], log_path: Path, cwd: Path | None = None,
                 timeout: float = 1800, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` to completion, output to ``log_path``; wall time and peak RSS of it alone.

    ``os.wait4`` returns the resource usage of exactly this child (and the descendants it
    reaped), so earlier children of the benchmark do not pollute ``ru_maxrss``, which a delta
    of ``getrusage(RUSAGE_CHILDREN)`` would (that field is a maximum, not a sum).
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    timed_out = threading.Event()
    with open(log_path, "wb") as out:
        out.write(("$ " + shlex.join(cmd) + "\n").encode())
        out.flush()
        began = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or base_env(), stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - began
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        sampler.stop()
    return Run(cmd=[str(c) for c in cmd], returncode=proc.returncode, wall=wall,
               maxrss=usage.ru_maxrss * 1024, tree_rss=sampler.peak, log=str(log_path),
               timed_out=timed_out.is_set(), cpu=usage.ru_utime + usage.ru_stime)


def repeat_measured(times: int, cmd: list[str], log_path: Path,
                    prepare: Callable[[], dict[str, str]] | None = None,
                    **kw) -> tuple[Run, list[float]]:
    """Run ``times`` times; the run with the median wall time, and every wall time.

    ``prepare`` is called before each run and returns its environment (a cold cache each time).
    """
    runs = []
    for i in range(times):
        path = log_path if times == 1 else log_path.with_suffix(f".{i + 1}.log")
        if prepare is not None:
            kw["env"] = prepare()
        run = run_measured(cmd, path, **kw)
        runs.append(run)
        if not run.ok:
            return run, [r.wall for r in runs]
    walls = [r.wall for r in runs]
    ordered = sorted(runs, key=lambda r: r.wall)
    median = ordered[(len(ordered) - 1) // 2]
    median.maxrss = max(r.maxrss for r in runs)
    median.tree_rss = max(r.tree_rss for r in runs)
    return median, walls


# --- corpora ----------------------------------------------------------------------------------


def _digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def overlay_site(corpus: Path) -> None:
    """Lay this repository's site (mkdocs.yml, theme/, hand-written pages) over a corpus.

    The corpus keeps its own ``content/registries`` and ``plans/``; everything else under
    ``content/`` is replaced by the repository's current hand-written pages, so a page the
    repository deleted does not linger.
    """
    content = corpus / "content"
    content.mkdir(parents=True, exist_ok=True)
    for child in content.iterdir():
        if child.name == "registries":
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in (REPO / "content").iterdir():
        if child.name == "registries":
            continue
        if child.is_dir():
            shutil.copytree(child, content / child.name)
        else:
            shutil.copy2(child, content / child.name)
    shutil.copy2(REPO / "mkdocs.yml", corpus / "mkdocs.yml")
    if (corpus / "theme").exists():
        shutil.rmtree(corpus / "theme")
    shutil.copytree(REPO / "theme", corpus / "theme")
    # the plugin's generated tree and any site from an earlier run are not part of the corpus
    shutil.rmtree(corpus / "build", ignore_errors=True)


def prepare_corpus(size: str, workdir: Path) -> tuple[Path, str]:
    """The corpus directory for ``size`` and how it was obtained."""
    corpus = workdir / "corpora" / size
    if size == "S":
        # A snapshot of the repository's own data: building in place would write
        # build/generated into the shared checkout (and race with anyone else building it).
        if corpus.exists():
            shutil.rmtree(corpus)
        corpus.mkdir(parents=True)
        shutil.copytree(REPO / "content", corpus / "content")
        shutil.copytree(REPO / "plans", corpus / "plans")
        overlay_site(corpus)
        return corpus, "copy of this repository's content/ and plans/"
    stamp_path = corpus / ".bench-corpus.json"
    stamp = {"size": size, "seed": SEED, "as_of": AS_OF,
             "synthetic": _digest(REPO / "bench" / "synthetic.py", REPO / "bench" / "phrases.py",
                                  REPO / "content" / "registries" / "areas.yaml",
                                  REPO / "content" / "registries" / "agencies" / "trung-uong.yaml")}
    how = f"bench.synthetic --size {size} --seed {SEED} --as-of {AS_OF}"
    current = None
    if stamp_path.exists():
        with contextlib.suppress(ValueError):
            current = json.loads(stamp_path.read_text(encoding="utf-8"))
    counts = (current or {}).pop("counts", "")
    if current != stamp:
        log(f"{size}: generating corpus ({how})")
        corpus.mkdir(parents=True, exist_ok=True)
        gen_log = workdir / "logs" / f"{size}-synthetic.log"
        run = run_measured([sys.executable, "-m", "bench.synthetic", "--size", size,
                            "--seed", str(SEED), "--as-of", AS_OF, "--out", str(corpus),
                            "--force"], gen_log, cwd=REPO)
        if not run.ok:
            raise SystemExit(f"bench.synthetic failed for {size}: {tail_reason(gen_log)}")
        summary = dict(ln.split(" ", 1) for ln in gen_log.read_text(encoding="utf-8")
                       .splitlines() if re.match(r"^(plans|tasks|provinces) \d+$", ln))
        counts = ", ".join(f"{v} {k}" for k, v in summary.items())
        stamp_path.write_text(json.dumps({**stamp, "counts": counts}), encoding="utf-8")
        how += f" (generated in {run.wall:.1f} s"
    else:
        how += " (reused: same generator, seed and date"
    how += f"; {counts})" if counts else ")"
    overlay_site(corpus)
    return corpus, how


def provinces_of(corpus: Path) -> list[str]:
    """Province ids of a corpus: its agency registry files that declare a province."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    out = []
    for path in sorted((corpus / "content" / "registries" / "agencies").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        province = data.get("province")
        if isinstance(province, dict) and province.get("id"):
            out.append(str(province["id"]))
    return out


# --- the generator alone ----------------------------------------------------------------------

# Run in a child process so that its memory and imports do not leak into the benchmark. Imports
# are timed apart: "generator" is load + validate (load_project) + Snapshot + rendering and writing
# the generated tree (write_site, into a temporary directory, as a build does).
GENERATOR_SNIPPET = r"""
import datetime as dt, json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from generator.model.project import load_project
from generator.facts.snapshot import Snapshot
import tempfile
try:
    from generator.publish import tree as rendering
except ImportError:  # generators before the layered packages
    from generator import render as rendering
imports = time.perf_counter() - t0
root, as_of = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
t = time.perf_counter()
project, problems = load_project(root, as_of)
load = time.perf_counter() - t
t = time.perf_counter()
snapshot = Snapshot(project, as_of)
snap = time.perf_counter() - t
t = time.perf_counter()
with tempfile.TemporaryDirectory(prefix="congkhai-gen-") as out:
    if hasattr(rendering, "write_site"):
        import inspect
        from generator.common.writer import TreeWriter
        writer = TreeWriter(Path(out) / "tree").start()
        # as `congkhai build` writes it: bulk regions apart and, where this generator can,
        # generated pages as finished bodies
        options = {"fragments": True}
        if "direct" in inspect.signature(rendering.write_site).parameters:
            options["direct"] = lambda path: True
        rendering.write_site(writer, snapshot, root / "content", **options)
        nfiles = len(writer.paths)
    else:  # older generators render in memory only
        nfiles = len(rendering.render_site(snapshot, root / "content"))
    render = time.perf_counter() - t
tasks = sum(len(p.tasks) for p in project.plans)
found = problems.sorted()
first = ""
if found:
    p = found[0]
    where = p.location() if hasattr(p, "location") else getattr(p, "file", "?")
    first = f"{where}: [{getattr(p, 'code', '?')}] {getattr(p, 'message', p)}"
print("BENCH-RESULT " + json.dumps({
    "imports": imports, "load_validate": load, "snapshot": snap, "render": render,
    "generator": load + snap + render, "tasks": tasks, "plans": len(project.plans),
    "agencies": len(project.agencies), "files": nfiles, "problems": len(found),
    "first_problem": first,
}))
"""


@dataclass
class GeneratorTiming:
    ok: bool
    method: str
    seconds: float | None = None
    tasks: int | None = None
    plans: int | None = None
    phases: dict[str, float] = field(default_factory=dict)
    peak_rss: int | None = None
    walls: list[float] = field(default_factory=list)
    problems: int = 0
    reason: str = ""

    @property
    def tasks_per_s(self) -> float | None:
        if self.seconds and self.tasks:
            return self.tasks / self.seconds
        return None

    @property
    def us_per_task(self) -> float | None:
        if self.seconds and self.tasks:
            return self.seconds / self.tasks * 1e6
        return None


def time_generator(corpus: Path, workdir: Path, size: str, repeat: int,
                   timeout: float) -> GeneratorTiming:
    log_path = workdir / "logs" / f"{size}-generator.log"
    results, walls, rss = [], [], 0
    for i in range(repeat):
        path = log_path if repeat == 1 else log_path.with_suffix(f".{i + 1}.log")
        run = run_measured([sys.executable, "-c", GENERATOR_SNIPPET, str(corpus), AS_OF], path,
                           cwd=REPO, timeout=timeout)
        found = [ln for ln in Path(run.log).read_text(encoding="utf-8", errors="replace")
                 .splitlines() if ln.startswith("BENCH-RESULT ")]
        if not run.ok or not found:
            return GeneratorTiming(False, "in-process snippet", reason=tail_reason(path))
        results.append(json.loads(found[-1][len("BENCH-RESULT "):]))
        walls.append(run.wall)
        rss = max(rss, run.peak_rss)
    results.sort(key=lambda r: r["generator"])
    mid = results[(len(results) - 1) // 2]
    if mid["problems"]:
        # the generator skips invalid plans: its speed over what is left would mislead
        return GeneratorTiming(False, "in-process snippet", tasks=mid["tasks"],
                               plans=mid["plans"], problems=mid["problems"],
                               reason=f"corpus invalid under this generator: {mid['problems']} "
                               f"problem(s), first: {mid['first_problem']}"[:300]
                               .replace("|", "\\|"))
    phases = {k: mid[k] for k in ("imports", "load_validate", "snapshot", "render")}
    return GeneratorTiming(True, "load_project + Snapshot + write_site in a child process",
                           seconds=mid["generator"], tasks=mid["tasks"], plans=mid["plans"],
                           phases=phases, peak_rss=rss,
                           walls=sorted(r["generator"] for r in results),
                           problems=mid["problems"])


# --- measuring a built site -------------------------------------------------------------------


@dataclass
class SiteMetrics:
    pages: int = 0
    bytes: int = 0
    files: int = 0
    largest_page: int = 0
    largest_page_path: str = ""
    median_page: float = 0.0
    pages_over_400kb: int = 0
    redirects: int = 0
    index_path: str = ""
    index_raw: int | None = None
    index_gz: int | None = None


def find_index(site: Path, way: str) -> Path | None:
    for rel in SEARCH_INDEX.get(way, ()):
        if (site / rel).is_file():
            return site / rel
    candidates = [p for p in site.rglob("*.json") if "search" in p.as_posix().lower()]
    return max(candidates, key=lambda p: p.stat().st_size) if candidates else None


# A page that only sends the reader elsewhere (a list page's former address): a few hundred
# bytes that are not a page anyone reads, so not counted among the pages.
_REDIRECT = re.compile(rb'<meta http-equiv="refresh"', re.I)
REDIRECT_MAX = 2 * KB


def _file_metrics(root: Path) -> SiteMetrics:
    """Files, bytes and HTML page sizes of every file under ``root`` (redirect stubs counted
    apart from the pages)."""
    m = SiteMetrics()
    sizes: list[int] = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        m.files += 1
        m.bytes += size
        if path.suffix == ".html":
            if size <= REDIRECT_MAX and _REDIRECT.search(path.read_bytes()):
                m.redirects += 1
                continue
            sizes.append(size)
            if size > m.largest_page:
                m.largest_page, m.largest_page_path = size, path.relative_to(root).as_posix()
    m.pages = len(sizes)
    m.median_page = statistics.median(sizes) if sizes else 0.0
    m.pages_over_400kb = sum(1 for s in sizes if s > 400 * KB)
    return m


def measure_site(site: Path, way: str) -> SiteMetrics:
    m = _file_metrics(site)
    index = find_index(site, way)
    if index is not None:
        data = index.read_bytes()
        m.index_path = index.relative_to(site).as_posix()
        m.index_raw = len(data)
        m.index_gz = len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
        for rel in SEARCH_INDEX_PARTS.get(way, ()):  # files the index is split into
            if (site / rel).is_file():
                part = (site / rel).read_bytes()
                m.index_raw += len(part)
                m.index_gz += len(gzip.compress(part, compresslevel=GZIP_LEVEL, mtime=0))
                m.index_path += f" + {rel}"
    return m


def merge_sites(root: Path, parts: list[tuple[Path, str]]) -> SiteMetrics:
    """Metrics of a sharded site: every file under ``root`` (the shards and whatever the
    national index wrote beside them), and the largest single shard's search index (each shard
    ships its own)."""
    m = _file_metrics(root)
    for site, way in parts:
        index = find_index(site, way)
        if index is not None:
            data = index.read_bytes()
            if m.index_raw is None or len(data) > m.index_raw:
                m.index_raw = len(data)
                m.index_gz = len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
                m.index_path = index.relative_to(site.parent).as_posix() + " (largest shard)"
    return m


# --- one row of the table ---------------------------------------------------------------------


@dataclass
class Row:
    size: str
    way: str
    status: str  # "ok", "ok (...)", "failed: ...", "skipped: ..."
    generator: float | None = None  # s, in-memory generator of this size (same for every way)
    tasks_per_s: float | None = None
    builder: float | None = None  # s
    total: float | None = None  # s, YAML to site
    cpu: float | None = None  # s of CPU, YAML to site, every process
    peak_rss: int | None = None  # bytes: max(ru_maxrss, sampled PSS sum)
    peak_pss: int | None = None  # bytes: sampled PSS sum of every process of the build
    site: SiteMetrics | None = None
    walls: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status.startswith("ok")


def congkhai_build(corpus: Path, site: Path, logs: Path, size: str, repeat: int, timeout: float,
                   cache: Path, extra: list[str] | None = None, label: str = "",
                   warm: bool = False) -> tuple[Run, list[float], str]:
    """``congkhai build`` (strict, as the project publishes); if strict mode alone stops it,
    build again with --no-strict so that the figures still exist, and say so.

    Each run starts with an empty plan cache at ``cache`` unless ``warm``: then it reuses what
    the previous build left there."""
    base = [str(console_script("congkhai")), "build", "--root", str(corpus), "--site-dir",
            str(site), "--as-of", AS_OF, *(extra or [])]
    name = f"{size}-congkhai{label}"

    def prepare() -> dict[str, str]:
        if warm:  # an editor's second build: replaces the site the first one published
            return warm_cache_env(cache)
        # a first publication: no earlier site to swap out (congkhai also refuses to replace a
        # directory it did not build, such as one left by an older version of this harness)
        shutil.rmtree(site, ignore_errors=True)
        return cold_cache_env(corpus, cache)

    run, walls = repeat_measured(repeat, base, logs / f"{name}.log", prepare=prepare,
                                 timeout=timeout)
    if run.ok:
        return run, walls, "ok"
    text = _ANSI.sub("", Path(run.log).read_text(encoding="utf-8", errors="replace"))
    if "strict mode" in text and not run.timed_out:
        warnings = [ln for ln in text.splitlines() if ln.startswith("WARNING")]
        first = warnings[0][:160].replace("|", "\\|") if warnings else "?"
        run2, walls2 = repeat_measured(repeat, [*base, "--no-strict"],
                                       logs / f"{name}-nostrict.log", prepare=prepare,
                                       timeout=timeout)
        if run2.ok:
            return run2, walls2, (f"ok (--no-strict: the strict build stopped on "
                                  f"{len(set(warnings))} warning(s), first: {first})")
        run = run2
    why = "timeout" if run.timed_out else tail_reason(Path(run.log))
    return run, walls, f"failed: {why}"


def way_congkhai(size: str, corpus: Path, run_dir: Path, logs: Path, gen: GeneratorTiming,
                 args: argparse.Namespace, shards: list[str] | None,
                 shard_results: list[ShardResult]) -> list[Row]:
    site = run_dir / "site-congkhai"
    cache = run_dir / "cache-congkhai"
    if shards is not None:
        return [way_congkhai_shards(size, corpus, site, run_dir, logs, gen, args, shards,
                                    shard_results)]
    run, walls, status = congkhai_build(corpus, site, logs, size, args.repeat, args.timeout,
                                        cache)
    row = Row(size, "congkhai", status, walls=walls)
    if not run.ok:
        return [row]
    row.total = run.wall
    row.cpu = run.cpu
    row.peak_rss = run.peak_rss
    row.peak_pss = run.tree_rss
    row.site = measure_site(site, "congkhai")
    if gen.ok and gen.seconds is not None:
        row.builder = max(run.wall - gen.seconds, 0.0)
    row.notes.append("cold: empty plan cache")
    rows = [row]
    # The same build again, reusing the plan cache the first one left (an editor's second
    # build, or CI with a kept cache). Only when this version of congkhai has such a cache.
    if cache_entries(corpus, cache):
        extra = ["--no-strict"] if "--no-strict" in status else []
        warm, wwalls, wstatus = congkhai_build(corpus, site, logs, size, args.repeat,
                                               args.timeout, cache, extra, "-warm", warm=True)
        if warm.ok and extra:
            wstatus = "ok (--no-strict, like the cold build)"
        wrow = Row(size, "congkhai (warm cache)", wstatus, walls=wwalls)
        if warm.ok:
            wrow.total = warm.wall
            wrow.cpu = warm.cpu
            wrow.peak_rss = warm.peak_rss
            wrow.peak_pss = warm.tree_rss
            wrow.site = measure_site(site, "congkhai")
            wrow.notes.append("rebuild reusing the plan cache the cold build left; no builder "
                              "split (the generator figure is a cold one)")
        rows.append(wrow)
    return rows


@dataclass
class ShardResult:
    """One province shard of the XL build, as one CI matrix job would build it."""

    province: str
    status: str
    wall: float | None = None
    peak_rss: int | None = None
    peak_pss: int | None = None
    pages: int | None = None
    bytes: int | None = None


def way_congkhai_shards(size: str, corpus: Path, site: Path, run_dir: Path, logs: Path,
                        gen: GeneratorTiming, args: argparse.Namespace,
                        shards: list[str], results: list[ShardResult]) -> Row:
    """One independent build per province (each cold), then the national index if any: the
    commands of the CI matrix jobs and of the assembly job, run here one after another.
    Each shard's figures are appended to ``results``."""
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    parts, total, peak, pss, slowest, statuses, cpu = [], 0.0, 0, 0, 0.0, [], 0.0
    for prov in shards:
        run, _, status = congkhai_build(corpus, site / prov, logs, size, 1, args.timeout,
                                        run_dir / "cache-shard", ["--province", prov],
                                        f"-{prov}")
        if not run.ok:
            results.append(ShardResult(prov, status))
            return Row(size, "congkhai (shards)",
                       f"failed: shard {prov}: {status.removeprefix('failed: ')}")
        shard_site = _file_metrics(site / prov)
        results.append(ShardResult(prov, status, run.wall, run.peak_rss, run.tree_rss,
                                   shard_site.pages, shard_site.bytes))
        statuses.append(status)
        parts.append((site / prov, "congkhai"))
        total += run.wall
        cpu += run.cpu
        slowest = max(slowest, run.wall)
        peak = max(peak, run.peak_rss)
        pss = max(pss, run.tree_rss)
    row = Row(size, "congkhai (shards)", "ok", total=total, peak_rss=peak, peak_pss=pss,
              cpu=cpu)
    row.notes.append(f"{len(shards)} province shards built one after another (each as one CI "
                     f"matrix job would); slowest shard {slowest:.1f} s; total = sum of shard "
                     "walls; per shard: table below")
    if any(s != "ok" for s in statuses):
        row.status = "ok (some shards built with --no-strict)"
    national = national_index(corpus, site, logs, size, args.timeout,
                              cold_cache_env(corpus, run_dir / "cache-national"))
    if national is None:
        row.notes.append("no national-index command found in `congkhai --help`")
    elif national.ok:
        row.total += national.wall
        row.cpu = cpu + national.cpu
        row.peak_rss = max(peak, national.peak_rss)
        row.peak_pss = max(pss, national.tree_rss)
        row.notes.append(f"national index `{shlex.join(national.cmd[1:3])}` "
                         f"{national.wall:.1f} s, included in total; on one machine per shard "
                         f"the wall would be about {slowest + national.wall:.1f} s (slowest "
                         "shard + national index)")
        results.append(ShardResult("(national index)", "ok", national.wall, national.peak_rss,
                                   national.tree_rss))
    else:
        row.status = "ok (shards) but the national index failed"
        row.notes.append(f"national index failed: {tail_reason(Path(national.log))}")
    row.site = merge_sites(site, parts)
    if gen.ok and gen.seconds is not None:
        row.builder = max(row.total - gen.seconds, 0.0)
    return row


def national_index(corpus: Path, shards_dir: Path, logs: Path, size: str, timeout: float,
                   env: dict[str, str]) -> Run | None:
    """Run the national-index command over the built shards, if the CLI has one.

    Today that is ``congkhai national --site-dir DIR`` (DIR holds one built site per province);
    ``--root`` and ``--as-of`` are passed only if the command lists them."""
    exe = str(console_script("congkhai"))
    helptext = subprocess.run([exe, "--help"], capture_output=True, text=True,
                              env=base_env()).stdout
    commands = re.findall(r"^\s{2}([a-z][a-z0-9-]+)\s", helptext.split("Commands:")[-1], re.M)
    for name in commands:
        if not NATIONAL_COMMAND.search(name):
            continue
        sub = subprocess.run([exe, name, "--help"], capture_output=True, text=True,
                             env=base_env()).stdout
        opt = "--site-dir" if "--site-dir" in sub else "--out" if "--out" in sub else None
        if opt is None:
            continue
        cmd = [exe, name, opt, str(shards_dir)]
        if "--root" in sub:
            cmd += ["--root", str(corpus)]
        if "--as-of" in sub:
            cmd += ["--as-of", AS_OF]
        return run_measured(cmd, logs / f"{size}-national-{name}.log", timeout=timeout,
                            env=env)
    return None


def generate_tree(size: str, corpus: Path, run_dir: Path, logs: Path,
                  timeout: float) -> tuple[Run, Path]:
    tree = run_dir / "tree"
    if tree.exists():
        shutil.rmtree(tree)
    cmd = [str(console_script("congkhai")), "generate", "--root", str(corpus), "--out",
           str(tree), "--as-of", AS_OF]
    env = cold_cache_env(corpus, run_dir / "cache-generate")
    return run_measured(cmd, logs / f"{size}-generate.log", timeout=timeout, env=env), tree


def write_plain_config(run_dir: Path) -> Path:
    """A default Material configuration: nothing but a name, the tree and the theme.

    The search plugin is MkDocs' default when ``plugins`` is absent; navigation is automatic.
    Zensical reads the same file (its docs_dir must lie inside the config's directory).
    """
    config = run_dir / "mkdocs.yml"
    config.write_text("site_name: congkhai benchmark (default Material)\n"
                      "docs_dir: tree\n"
                      "theme:\n  name: material\n", encoding="utf-8")
    return config


def write_tuned_config(run_dir: Path) -> Path:
    """Material as a competent user would configure it for a site of thousands of pages.

    ``navigation.prune`` renders only the visible part of the automatic navigation in each page
    (without it every page carries all the others, which is quadratic), ``font: false`` skips
    the Google Fonts requests, and the search plugin is listed as MkDocs' default. Nothing else:
    no congkhai plugin, no custom theme, the same tree as the other ways.
    """
    config = run_dir / "mkdocs-tuned.yml"
    config.write_text("site_name: congkhai benchmark (Material, tuned)\n"
                      "docs_dir: tree\n"
                      "theme:\n  name: material\n  font: false\n"
                      "  features:\n    - navigation.prune\n"
                      "plugins:\n  - search\n", encoding="utf-8")
    return config


def way_material(size: str, run_dir: Path, logs: Path, gen: GeneratorTiming,
                 generated: Run, args: argparse.Namespace, tuned: bool = False) -> Row:
    way = "material-tuned" if tuned else "material"
    config = write_tuned_config(run_dir) if tuned else write_plain_config(run_dir)
    site = run_dir / f"site-{way}"
    cmd = [str(console_script("mkdocs")), "build", "--clean", "-f", str(config), "-d", str(site)]
    run, walls = repeat_measured(args.repeat, cmd, logs / f"{size}-{way}.log", cwd=run_dir,
                                 timeout=args.timeout)
    return tree_row(size, way, run, walls, site, gen, generated)


def tree_row(size: str, way: str, run: Run, walls: list[float], site: Path,
             gen: GeneratorTiming, generated: Run) -> Row:
    if not run.ok:
        why = "timeout" if run.timed_out else tail_reason(Path(run.log))
        return Row(size, way, f"failed: {why}", walls=walls)
    row = Row(size, way, "ok", builder=run.wall, total=generated.wall + run.wall,
              cpu=generated.cpu + run.cpu,
              peak_rss=max(run.peak_rss, generated.peak_rss),
              peak_pss=max(run.tree_rss, generated.tree_rss), walls=walls)
    row.site = measure_site(site, way)
    row.notes.append(f"total = `congkhai generate` {generated.wall:.1f} s + builder")
    return row


def zensical_env(workdir: Path, spec: str) -> tuple[Path | None, str]:
    """A separate virtualenv with Zensical; (its command, version) or (None, why not)."""
    venv = workdir / "zensical-venv"
    exe = venv / "bin" / "zensical"
    log_path = workdir / "logs" / "zensical-install.log"
    if not exe.exists():
        log(f"installing {spec} into {venv}")
        made = run_measured([sys.executable, "-m", "venv", "--clear", str(venv)], log_path,
                            timeout=300)
        if not made.ok:
            return None, f"venv failed: {tail_reason(log_path)}"
        got = run_measured([str(venv / "bin" / "python"), "-m", "pip", "install",
                            "--disable-pip-version-check", "-q", spec],
                           workdir / "logs" / "zensical-pip.log", timeout=900)
        if not got.ok or not exe.exists():
            return None, f"pip install {spec} failed: {tail_reason(Path(got.log))}"
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    version = (out.stdout or out.stderr).strip().split()[-1] if out.returncode == 0 else "?"
    # pip quietly falls back to an older release when a newer one's dependencies are not on
    # the index; say so rather than let an old version pass for the current one.
    newest_file = venv / "bench-newest-version.txt"
    if not newest_file.exists():
        listed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "index", "versions",
                                 spec, "--disable-pip-version-check"],
                                capture_output=True, text=True)
        found = re.search(r"\((\S+)\)", listed.stdout) if listed.returncode == 0 else None
        newest_file.write_text(found.group(1) if found else "?", encoding="utf-8")
    newest = newest_file.read_text(encoding="utf-8").strip()
    if newest not in ("?", version):
        version += (f" (newest on the index is {newest}, which pip could not install here: see "
                    f"{workdir / 'logs' / 'zensical-pip.log'} or try --zensical-spec "
                    f"zensical=={newest})")
    return exe, version


def way_zensical(size: str, run_dir: Path, logs: Path, gen: GeneratorTiming, generated: Run,
                 args: argparse.Namespace, exe: Path | None, why_not: str) -> Row:
    if exe is None:
        return Row(size, "zensical", f"failed: {why_not}")
    config = write_plain_config(run_dir)
    site = run_dir / "site"  # Zensical writes site_dir, "site" by default, beside the config
    if site.exists():
        shutil.rmtree(site)
    cmd = [str(exe), "build", "--clean", "-f", str(config)]
    env = base_env()
    env["NO_COLOR"] = "1"
    run, walls = repeat_measured(args.repeat, cmd, logs / f"{size}-zensical.log", cwd=run_dir,
                                 timeout=args.timeout, env=env)
    if run.ok and not (site / "index.html").is_file():
        run.returncode = -1
        return Row(size, "zensical", f"failed: exit 0 but no {site}/index.html "
                   f"({tail_reason(Path(run.log))})")
    row = tree_row(size, "zensical", run, walls, site, gen, generated)
    if row.ok:
        row.notes.append("cold build (--clean drops its cache)")
    return row


# --- serve: edit one plan, wait for the change -----------------------------------------------


@dataclass
class ServeResult:
    size: str
    status: str
    startup: float | None = None  # s until the plan page first answers
    latency: float | None = None  # s from writing the edit to the page showing it
    page: str = ""
    plan_file: str = ""


def choose_edit(corpus: Path) -> tuple[Path, str, int, str, str] | None:
    """The first plan (sorted) with a titled task: (file, plan id, line index, old, title)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted((corpus / "plans").rglob("*.y*ml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=loader) or {}
        titles = [t.get("title") for s in data.get("sections") or []
                  for t in s.get("tasks") or [] if isinstance(t, dict)]
        titles = [t for t in titles if isinstance(t, str) and t.strip()]
        if not titles or not data.get("id"):
            continue
        lines = text.splitlines(keepends=True)
        for want in titles:
            for i, line in enumerate(lines):
                stripped = line.strip()
                if not stripped.startswith("title:"):
                    continue
                try:
                    value = yaml.load(stripped[len("title:"):], Loader=loader)
                except yaml.YAMLError:
                    continue
                if value == want:
                    return path, str(data["id"]), i, line, want
    return None


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def measure_serve(size: str, corpus: Path, logs: Path, timeout: float,
                  cache: Path) -> ServeResult:
    picked = choose_edit(corpus)
    if picked is None:
        return ServeResult(size, "skipped: no plan with a titled task")
    path, plan_id, index, old_line, title = picked
    port = free_port()
    page = f"http://127.0.0.1:{port}/ke-hoach/{plan_id}/"
    result = ServeResult(size, "failed", page=f"/ke-hoach/{plan_id}/",
                         plan_file=path.relative_to(corpus).as_posix())
    cmd = [str(console_script("congkhai")), "serve", "--root", str(corpus), "--as-of", AS_OF,
           "-a", f"127.0.0.1:{port}"]
    log_path = logs / f"{size}-serve.log"
    original = path.read_bytes()
    with open(log_path, "wb") as out:
        out.write(("$ " + shlex.join(cmd) + "\n").encode())
        out.flush()
        began = time.perf_counter()
        proc = subprocess.Popen(cmd, env=cold_cache_env(corpus, cache), stdout=out,
                                stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = began + timeout
            while time.perf_counter() < deadline and proc.poll() is None:
                body = _fetch(page)
                if body is not None and title.split()[0] in body:
                    result.startup = time.perf_counter() - began
                    break
                time.sleep(0.25)
            if result.startup is None:
                why = "exited" if proc.poll() is not None else "timeout"
                result.status = f"failed: server {why} before serving {result.page} " \
                                f"({tail_reason(log_path)})"
                return result
            marker = f"benchedit{int(time.time())}"
            indent = old_line[: len(old_line) - len(old_line.lstrip())]
            new_line = (indent + "title: " + json.dumps(f"{title} {marker}", ensure_ascii=False)
                        + "\n")
            lines = original.decode("utf-8").splitlines(keepends=True)
            lines[index] = new_line
            edited = time.perf_counter()
            path.write_text("".join(lines), encoding="utf-8")
            deadline = edited + timeout
            while time.perf_counter() < deadline and proc.poll() is None:
                body = _fetch(page)
                if body is not None and marker in body:
                    result.latency = time.perf_counter() - edited
                    result.status = "ok"
                    break
                time.sleep(0.1)
            else:
                why = "exited" if proc.poll() is not None else f"not visible after {timeout:.0f} s"
                result.status = f"failed: edit {why} ({tail_reason(log_path)})"
        finally:
            path.write_bytes(original)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return result


# --- XL ---------------------------------------------------------------------------------------


def has_province_option() -> bool:
    out = subprocess.run([str(console_script("congkhai")), "build", "--help"],
                         capture_output=True, text=True, env=base_env())
    return "--province" in out.stdout


# --- machine and versions ---------------------------------------------------------------------


def machine_info() -> dict[str, str]:
    info = {"nproc": str(os.cpu_count())}
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    os_name = platform.system()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    info["os"] = f"{os_name}, kernel {platform.release()}"
    return info


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for dist in ("congkhai", "mkdocs", "mkdocs-material", "markdown", "jinja2", "pyyaml"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "not installed"
    return out


def git_state() -> str:
    def git(*args: str) -> str:
        res = subprocess.run(["git", "--no-optional-locks", "-C", str(REPO), *args],
                             capture_output=True, text=True)
        return res.stdout.strip() if res.returncode == 0 else ""

    commit = git("rev-parse", "HEAD")
    if not commit:
        return "unknown (not a git checkout)"
    changed = [ln for ln in git("status", "--porcelain").splitlines() if ln.strip()]
    dirty = f", plus {len(changed)} uncommitted change(s) in the work tree" if changed else ""
    return f"{commit[:12]} ({git('log', '-1', '--format=%s')[:80]}){dirty}"


# --- targets and report -----------------------------------------------------------------------


def pick(rows: list[Row], size: str, way: str) -> Row | None:
    """The successful row of ``way`` at ``size`` (a sharded build counts as the congkhai row)."""
    for row in rows:
        if row.size == size and row.way in (way, f"{way} (shards)") and row.ok:
            return row
    return None


# The targets of issue 19 (and the earlier ones still held), in one place.
L_BUILD_S = 20.0
PEER_RATIOS = (("material-tuned", 8.0, "Material with navigation.prune, default search, "
                "font: false"),
               ("material", 4.0, "default Material"),
               ("zensical", 1.0, "Zensical"))
GENERATOR_TASKS_PER_S = 10_000
FLAT_SIZES = ("M", "L", "XL")
FLAT_SPREAD = 1.5
SERVE_EDIT_S = {"M": 1.0, "L": 2.0}
SERVE_UP_L_S = 30.0
PEAK_MEMORY_L = 1_000 * MB
OUTPUT_L = 450 * MB
MEDIAN_PAGE = 60 * KB
MEDIAN_SIZES = ("M", "L")
LARGEST_PAGE = 400 * KB
SEARCH_INDEX_GZ_L = 3 * MB


def targets(rows: list[Row], gens: dict[str, GeneratorTiming],
            serves: list[ServeResult]) -> list[tuple[str, str, str]]:
    """(target, verdict, measured) for each target of the issue."""
    out: list[tuple[str, str, str]] = []

    def add(target: str, met: bool | None, measured: str) -> None:
        verdict = "not measured" if met is None else ("met" if met else "NOT met")
        out.append((target, verdict, measured))

    lc = pick(rows, "L", "congkhai")
    add(f"L full build ≤ {L_BUILD_S:.0f} s wall", None if lc is None else lc.total <= L_BUILD_S,
        "—" if lc is None else f"{lc.total:.1f} s (empty plan cache)")
    for size in ("S", "M", "L"):
        warm = pick(rows, size, "congkhai (warm cache)")
        if warm is not None:
            out.append((f"  (rebuild with a warm plan cache at {size}, for reference)", "—",
                        f"{warm.total:.1f} s"))

    for other, need, name in PEER_RATIOS:
        label = (f"≥ {need:.0f}× faster than {name} on the same tree (L)" if need > 1
                 else f"faster than {name} on the same tree (L)")
        lo = pick(rows, "L", other)
        if lc is None or lo is None:
            tried = next((r for r in rows if r.size == "L" and r.way == other), None)
            add(label, None, "—" if tried is None else f"{other} at L: {tried.status[:200]}")
        else:
            ratio = lo.total / lc.total
            add(label, ratio >= need if need > 1 else ratio > 1,
                f"{ratio:.2f}× (their YAML→site {lo.total:.1f} s, builder alone "
                f"{lo.builder:.1f} s, vs congkhai build {lc.total:.1f} s)")
        for size in ("S", "M"):
            c, o = pick(rows, size, "congkhai"), pick(rows, size, other)
            if c and o:
                out.append((f"  (same comparison at {size}, for reference)", "—",
                            f"{o.total / c.total:.2f}×"))

    lg = gens.get("L")
    rate = lg.tasks_per_s if lg and lg.ok else None
    add(f"generator alone ≥ {GENERATOR_TASKS_PER_S:,} tasks/s at L".replace(",", " "),
        None if rate is None else rate >= GENERATOR_TASKS_PER_S,
        "—" if rate is None else f"{rate:,.0f} tasks/s ({lg.seconds:.2f} s for {lg.tasks:,} "
        "tasks)".replace(",", " "))

    costs = {s: g.us_per_task for s, g in gens.items() if g.ok and g.us_per_task}
    flat = {s: c for s, c in costs.items() if s in FLAT_SIZES}
    others = "".join(f"; {s} {c:.0f} µs (not judged)" for s, c in costs.items() if s not in flat)
    if len(flat) >= 2:
        spread = max(flat.values()) / min(flat.values())
        add(f"generator cost per task flat from M to XL (max/min ≤ {FLAT_SPREAD})",
            spread <= FLAT_SPREAD,
            ", ".join(f"{s} {c:.0f} µs" for s, c in flat.items()) + f"; max/min {spread:.2f}"
            + ("" if set(flat) >= set(FLAT_SIZES) else f" (sizes measured: {', '.join(flat)})")
            + others)
    else:
        add("generator cost per task flat from M to XL", None,
            "needs at least two of M, L, XL")

    for size, limit in SERVE_EDIT_S.items():
        sv = next((s for s in serves if s.size == size), None)
        add(f"serve at {size}: an edited plan visible ≤ {limit:.0f} s",
            None if sv is None or sv.latency is None else sv.latency <= limit,
            "—" if sv is None else (f"{sv.latency:.1f} s" if sv.latency is not None
                                    else sv.status))
    ls = next((s for s in serves if s.size == "L"), None)
    add(f"serve at L: first serve up ≤ {SERVE_UP_L_S:.0f} s",
        None if ls is None or ls.startup is None else ls.startup <= SERVE_UP_L_S,
        "—" if ls is None else (f"{ls.startup:.1f} s" if ls.startup is not None
                                else ls.status))
    for s in serves:
        if s.size not in SERVE_EDIT_S and s.latency is not None:
            out.append((f"  (serve edit at {s.size}, for reference)", "—", f"{s.latency:.1f} s"))

    pss = lc.peak_pss if lc else None
    add("peak memory of the whole build ≤ 1 GB at L (PSS summed over all its processes)",
        None if pss is None else pss <= PEAK_MEMORY_L,
        "—" if pss is None else f"{pss / MB:.0f} MB (largest single process's ru_maxrss "
        f"{lc.peak_rss / MB:.0f} MB or more)" if lc.peak_rss > pss else f"{pss / MB:.0f} MB")
    size_l = lc.site.bytes if lc and lc.site else None
    add(f"site output at L ≤ {OUTPUT_L / MB:.0f} MB", None if size_l is None
        else size_l <= OUTPUT_L, "—" if size_l is None else f"{size_l / MB:.1f} MB")
    idx = lc.site.index_gz if lc and lc.site else None
    add("search index ≤ 3 MB gzipped at L", None if idx is None else idx <= SEARCH_INDEX_GZ_L,
        "—" if idx is None else f"{idx / MB:.2f} MB gz ({lc.site.index_raw / MB:.1f} MB raw)")

    congkhai_rows = [r for r in rows if r.way in ("congkhai", "congkhai (shards)") and r.ok
                     and r.site]
    for row in congkhai_rows:
        s = row.site
        add(f"no HTML page over 400 KB ({row.size})", s.largest_page <= LARGEST_PAGE,
            f"largest {s.largest_page / KB:.0f} KB ({s.largest_page_path}); "
            f"{s.pages_over_400kb} page(s) over")
    for row in congkhai_rows:
        judged = row.size in MEDIAN_SIZES
        median = row.site.median_page
        if judged:
            add(f"median HTML page ≤ 60 KB ({row.size})", median <= MEDIAN_PAGE,
                f"{median / KB:.1f} KB")
        else:
            out.append((f"  (median HTML page at {row.size}, for reference)", "—",
                        f"{median / KB:.1f} KB"))
    if not congkhai_rows:
        add("no HTML page over 400 KB; median page ≤ 60 KB", None, "—")

    xl = pick(rows, "XL", "congkhai")
    if xl is None:
        xl_rows = [r for r in rows if r.size == "XL"]
        add("XL built as province shards plus a national index (CI matrix)", None,
            xl_rows[0].status if xl_rows else "XL not requested")
    else:
        add("XL built as province shards plus a national index (CI matrix)",
            xl.way == "congkhai (shards)",
            f"{xl.way}: {xl.total:.1f} s summed, largest shard peak "
            f"{(xl.peak_pss or xl.peak_rss) / MB:.0f} MB PSS; per shard: XL shards table")
    return out


def md_table(header: list[str], body: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


RESULT_HEADER = ["size", "tasks", "way", "status", "generator s", "tasks/s", "builder s",
                 "total wall s", "CPU s", "peak RSS MB", "peak PSS MB", "pages", "output MB",
                 "search index MB", "search index gz MB", "largest page KB", "median page KB"]


def result_table(rows: list[Row], gens: dict[str, GeneratorTiming]) -> str:
    body = []
    for r in rows:
        g = gens.get(r.size)
        s = r.site
        spread = ""
        if len(r.walls) > 1:
            spread = f" ({min(r.walls):.1f}–{max(r.walls):.1f})"
        body.append([
            r.size, fmt(g.tasks if g and g.ok else None), r.way,
            r.status if r.ok else f"**{r.status}**",
            fmt(r.generator, 2), fmt(r.tasks_per_s, 0), fmt(r.builder),
            (fmt(r.total) + spread) if r.total is not None else "—",
            fmt(r.cpu),
            fmt(r.peak_rss / MB if r.peak_rss else None, 0),
            fmt(r.peak_pss / MB if r.peak_pss else None, 0),
            fmt(s.pages if s else None), fmt(s.bytes / MB if s else None),
            fmt(s.index_raw / MB if s and s.index_raw is not None else None, 2),
            fmt(s.index_gz / MB if s and s.index_gz is not None else None, 2),
            fmt(s.largest_page / KB if s else None, 0),
            fmt(s.median_page / KB if s else None),
        ])
    return md_table(RESULT_HEADER, body)


def serve_table(serves: list[ServeResult]) -> str:
    body = [[s.size, s.status if s.status == "ok" else f"**{s.status}**",
             fmt(s.startup), fmt(s.latency), f"`{s.plan_file}` → `{s.page}`"] for s in serves]
    return md_table(["size", "status", "server up s", "edit visible s", "edited file → page"],
                    body)


def shard_table(results: list[ShardResult]) -> str:
    body = [[r.province, r.status if r.status.startswith("ok") else f"**{r.status}**",
             fmt(r.wall), fmt(r.peak_rss / MB if r.peak_rss else None, 0),
             fmt(r.peak_pss / MB if r.peak_pss else None, 0), fmt(r.pages),
             fmt(r.bytes / MB if r.bytes is not None else None)] for r in results]
    return md_table(["shard", "status", "wall s", "peak RSS MB", "peak PSS MB", "pages",
                     "output MB"], body)


def generator_table(gens: dict[str, GeneratorTiming]) -> str:
    body = []
    for size, g in gens.items():
        if not g.ok:
            body.append([size, f"**failed: {g.reason}**", "", "", "", "", "", "", ""])
            continue
        p = g.phases
        body.append([size, fmt(g.tasks), fmt(g.plans), fmt(p.get("load_validate"), 2),
                     fmt(p.get("snapshot"), 2), fmt(p.get("render"), 2), fmt(g.seconds, 2),
                     fmt(g.us_per_task, 0), fmt(g.peak_rss / MB if g.peak_rss else None, 0)])
    return md_table(["size", "tasks", "plans", "load + validate s", "Snapshot s",
                     "render + write s", "generator s", "µs/task", "peak RSS MB"], body)


def render_report(args: argparse.Namespace, argv: list[str], started: dt.datetime,
                  rows: list[Row], gens: dict[str, GeneratorTiming], serves: list[ServeResult],
                  shard_results: list[ShardResult], corpora: dict[str, str],
                  zensical_version: str, loads: list[str], elapsed: float) -> str:
    mach = machine_info()
    ver = versions()
    reproduce = ".venv/bin/python -m bench.benchmark " + shlex.join(argv) if argv else \
        ".venv/bin/python -m bench.benchmark"
    parts = [
        "# Benchmarks",
        "",
        "Written by `bench/benchmark.py`; do not edit by hand (bench/README.md explains each "
        "figure). Numbers move while the generator is being optimised: compare runs made on "
        "the same machine only.",
        "",
        f"- Reproduce: `{reproduce}`",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC (run took {elapsed / 60:.1f} min)",
        f"- Machine: {mach.get('nproc')} CPUs ({mach.get('cpu', '?')}), "
        f"{mach.get('ram', '?')} RAM, {mach.get('os')}",
        f"- Versions: Python {ver['python']}, congkhai {ver['congkhai']}, MkDocs {ver['mkdocs']}, "
        f"Material {ver['mkdocs-material']}, Markdown {ver['markdown']}, Jinja2 {ver['jinja2']}, "
        f"PyYAML {ver['pyyaml']}, Zensical {zensical_version}",
        f"- Repository: {git_state()}",
        f"- Status date: --as-of {AS_OF}; synthetic seed {SEED}; repeats per build: "
        f"{args.repeat}",
        f"- Load average (1 min) before/after each size: {'; '.join(loads)} "
        "(anything above ~0.5 means something else was running on this machine)",
        "- Corpora: " + "; ".join(f"{k}: {v}" for k, v in corpora.items()),
        "",
        "## Builds",
        "",
        result_table(rows, gens),
        "",
        "Ways: **congkhai** = `congkhai build` (load, validate, generate and the tuned MkDocs "
        "Material build, strict, atomic publish); **material** = `mkdocs build` of the tree "
        "written by `congkhai generate` with a plain `mkdocs.yml` (site_name, docs_dir, "
        "`theme: material`; default search plugin, automatic nav, no prune); "
        "**material-tuned** = the same tree and builder configured as a competent user would "
        "(`navigation.prune`, `font: false`, the default `search` plugin listed); "
        "**zensical** = "
        "`zensical build --clean` of the plain tree and config. *generator s* is load + "
        "validate + render + write the generated tree (table below), the same for every way "
        "of a size; "
        "*builder s* is the builder alone (for congkhai: build wall − generator s); *total "
        "wall s* goes from YAML to a finished site (for material/zensical: `congkhai "
        "generate` + builder), with min–max when repeated; *CPU s* is the user + system "
        "CPU time over the same span, every process of the way included (wait4 of each "
        "command, with the workers it reaped): on a shared machine it moves far less than "
        "wall time; *peak RSS* is the larger of "
        "wait4's ru_maxrss (largest single process) and the sampled PSS sum of the process "
        "tree; *peak PSS* is that sampled sum alone (worker processes included, shared pages "
        "counted once): the memory target is judged on it. Sizes in decimal "
        f"MB/KB; gzip level {GZIP_LEVEL}; output MB is the sum of file sizes.",
        "",
    ]
    notes = [f"- {r.size} {r.way}: " + "; ".join(r.notes) for r in rows if r.notes]
    notes += [f"- {r.size} {r.way}: search index `{r.site.index_path}`"
              for r in rows if r.site and r.site.index_path and "warm" not in r.way]
    notes += [f"- {r.size} {r.way}: {r.site.redirects} redirect stub(s) (former addresses) "
              "not counted as pages" for r in rows
              if r.site and r.site.redirects and "warm" not in r.way]
    if notes:
        parts += ["Notes:", "", *notes, ""]
    parts += ["## Generator alone", "", generator_table(gens), ""]
    if shard_results:
        parts += ["## XL shards: one CI matrix job each, then the national index", "",
                  shard_table(shard_results), "",
                  "Each shard is `congkhai build --province ID --site-dir SITE/ID` with an empty "
                  "plan cache, the command of one job of the matrix in "
                  "`.github/workflows/deploy-national.yml` and `.gitlab-ci.yml`; the last row "
                  "is the assembly job's `congkhai national --site-dir SITE`. Here they run one "
                  "after another on one machine.", ""]
    if serves:
        parts += ["## Serve: edit one plan's task title, wait until the page shows it", "",
                  serve_table(serves), "",
                  "*server up* is from starting `congkhai serve` to the plan page answering "
                  "(the first full build); *edit visible* is from writing the plan file to the "
                  "first poll (every 0.1 s) that returns the page with the new title.", ""]
    parts += ["## Targets", "", md_table(["target", "verdict", "measured"],
                                         [list(t) for t in targets(rows, gens, serves)]), ""]
    return "\n".join(parts)


# --- main -------------------------------------------------------------------------------------


def parse_list(value: str, allowed: tuple[str, ...], what: str) -> list[str]:
    if value.strip().lower() in ("", "none"):
        return []
    items = [v.strip() for v in value.split(",") if v.strip()]
    for item in items:
        if item not in allowed:
            raise argparse.ArgumentTypeError(f"unknown {what} {item!r}; choose from "
                                             f"{', '.join(allowed)}")
    return items


GAPS = Path(__file__).with_name("gaps.md")
CHECK_MEMORY = Path(__file__).with_name("check_memory.md")
KEPT = re.compile(r"<!-- kept: (?P<name>[a-z-]+) -->.*?<!-- /kept: (?P=name) -->", re.DOTALL)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m bench.benchmark", description=__doc__
                                     .split("\n\n")[0])
    parser.add_argument("--sizes", default="S,M,L,XL",
                        type=lambda v: parse_list(v, SIZES, "size"))
    parser.add_argument("--ways", default="congkhai,material,material-tuned,zensical",
                        type=lambda v: parse_list(v, WAYS, "way"))
    parser.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help="corpora, generated trees, built sites and logs (default "
                        f"{DEFAULT_WORKDIR})")
    parser.add_argument("--serve-sizes", default="M,L",
                        type=lambda v: parse_list(v, SIZES, "size"),
                        help="sizes at which to measure the serve edit latency ('none' to skip)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="builds per way and size; the median is reported")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds before one build (or serve wait) is abandoned")
    parser.add_argument("--xl-single", action="store_true",
                        help="without `congkhai build --province`, build XL as one site "
                        "instead of skipping it")
    parser.add_argument("--zensical-spec", default="zensical",
                        help="pip requirement for the Zensical virtualenv")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    started = dt.datetime.now(dt.UTC)
    t_start = time.perf_counter()
    workdir = args.workdir.resolve()
    (workdir / "logs").mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    gens: dict[str, GeneratorTiming] = {}
    serves: list[ServeResult] = []
    shard_results: list[ShardResult] = []
    corpora: dict[str, str] = {}
    loads: list[str] = []

    zexe, zwhy = None, "not requested"
    zensical_version = "not requested"
    if "zensical" in args.ways:
        zexe, zwhy = zensical_env(workdir, args.zensical_spec)
        zensical_version = zwhy if zexe else f"did not install ({zwhy})"
    sharded = has_province_option()

    for size in args.sizes:
        before = os.getloadavg()[0]
        if size == "XL" and not sharded and not args.xl_single:
            reason = ("skipped: `congkhai build` has no --province option yet, and one XL "
                      "site is not the design (pass --xl-single to build it anyway)")
            rows += [Row(size, way, reason) for way in args.ways]
            loads.append(f"{size} —")
            continue
        log(f"{size}: preparing corpus")
        corpus, how = prepare_corpus(size, workdir)
        corpora[size] = how
        shards = provinces_of(corpus) if size == "XL" and sharded else None
        logs = workdir / "logs"
        run_dir = workdir / "runs" / size
        run_dir.mkdir(parents=True, exist_ok=True)

        log(f"{size}: timing the generator alone")
        gen = time_generator(corpus, workdir, size, args.repeat, args.timeout)
        gens[size] = gen
        if gen.ok:
            log(f"{size}: generator {gen.seconds:.2f} s for {gen.tasks} tasks "
                f"({gen.tasks_per_s:,.0f} tasks/s)")
            if gen.problems:
                log(f"{size}: warning: the corpus has {gen.problems} problem(s)")
        else:
            log(f"{size}: generator timing failed: {gen.reason}")

        size_rows: list[Row] = []
        if "congkhai" in args.ways:
            log(f"{size}: congkhai build" + (f" ({len(shards)} shards)" if shards else ""))
            size_rows += way_congkhai(size, corpus, run_dir, logs, gen, args, shards,
                                      shard_results)
        others = [w for w in args.ways if w != "congkhai"]
        if others and shards is not None:
            size_rows += [Row(size, w, "skipped: XL is built per province shard; the "
                              "comparison ways run on single-site sizes") for w in others]
        elif others:
            log(f"{size}: congkhai generate (tree for the other builders)")
            generated, _tree = generate_tree(size, corpus, run_dir, logs, args.timeout)
            if not generated.ok:
                why = tail_reason(Path(generated.log))
                size_rows += [Row(size, w, f"failed: congkhai generate: {why}") for w in others]
            else:
                if "material" in others:
                    log(f"{size}: default Material build")
                    size_rows.append(way_material(size, run_dir, logs, gen, generated, args))
                if "material-tuned" in others:
                    log(f"{size}: tuned Material build (navigation.prune, search, no fonts)")
                    size_rows.append(way_material(size, run_dir, logs, gen, generated, args,
                                                  tuned=True))
                if "zensical" in others:
                    log(f"{size}: Zensical build")
                    size_rows.append(way_zensical(size, run_dir, logs, gen, generated, args,
                                                  zexe, zwhy))
        for row in size_rows:
            if gen.ok and row.ok:
                row.generator = gen.seconds
                row.tasks_per_s = gen.tasks_per_s
            log(f"{size} {row.way}: {row.status}"
                + (f", {row.total:.1f} s" if row.total is not None else ""))
        rows += size_rows

        if size in args.serve_sizes and "congkhai" in args.ways:
            log(f"{size}: serve edit latency")
            serve = measure_serve(size, corpus, logs, args.timeout, run_dir / "cache-serve")
            serves.append(serve)
            log(f"{size} serve: {serve.status}"
                + (f", edit visible after {serve.latency:.1f} s" if serve.latency else ""))
        loads.append(f"{size} {before:.2f}/{os.getloadavg()[0]:.2f}")

    report = render_report(args, argv, started, rows, gens, serves, shard_results, corpora,
                           zensical_version, loads, time.perf_counter() - t_start)
    previous = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
    marks = ("<!-- import-accuracy:start -->", "<!-- import-accuracy:end -->")
    previous_import_section = (
        previous[previous.index(marks[0]):previous.index(marks[1]) + len(marks[1])] + "\n"
        if all(m in previous for m in marks) else "")
    if GAPS.is_file():  # the profiles that explain each missed target, written by hand
        report = report.rstrip("\n") + "\n\n" + GAPS.read_text(encoding="utf-8")
    # the search and Lighthouse scripts' own sections of the report stay as they wrote them
    if args.out.is_file():
        kept = sections(args.out.read_text(encoding="utf-8"))
        if kept:
            report = report.rstrip("\n") + "\n\n" + "\n".join(kept)
    if CHECK_MEMORY.is_file():  # written by bench/check_memory.py
        report = report.rstrip("\n") + "\n\n" + CHECK_MEMORY.read_text(encoding="utf-8")
    if args.out.is_file():  # sections other scripts write (bench/report_forms.py) stay
        for kept in KEPT.finditer(args.out.read_text(encoding="utf-8")):
            report = report.rstrip("\n") + "\n\n" + kept.group(0).rstrip("\n") + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    if previous_import_section:  # bench/import_accuracy.py owns that section; keep it
        from bench.import_accuracy import write_section

        write_section(args.out, previous_import_section)
    (workdir / "results.json").write_text(json.dumps({
        "started": started.isoformat(), "rows": [asdict(r) for r in rows],
        "generator": {k: asdict(v) for k, v in gens.items()},
        "serve": [asdict(s) for s in serves],
        "shards": [asdict(s) for s in shard_results],
    }, indent=2, default=str), encoding="utf-8")
    print(report)
    log(f"wrote {args.out} and {workdir / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
