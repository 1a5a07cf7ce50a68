"""Benchmarks of the reporting loop (issue 13): making every agency's form at L, importing the
filled forms. Prints the figures as a markdown section and, with ``--out``, puts that section in
BENCHMARKS.md (between ``<!-- kept: report-forms-l -->`` markers, one section per corpus size,
which bench/benchmark.py keeps when it rewrites the file).

Targets (a benchmark, not a test: a missed target is reported, never a failure):

* ``congkhai report-form --all-agencies`` on the L corpus in ≤ 30 s;
* ``congkhai import-updates`` of 5,000 filled rows validates and writes in ≤ 5 s.

How each figure is taken:

* The L corpus is bench/benchmark.py's (``bench.synthetic --size L --seed 1 --as-of
  2026-11-23``, reused when its stamp matches). The period is 2026-Q4 as of 2026-11-23: the forms
  list every task due or open in the quarter (about 5,000 rows led, as many supported).
* Every command runs as a child process (the console script, interpreter start-up and imports
  included, as an editor waits for them), timed from start to reaping; peak RSS is wait4's
  ru_maxrss of that child, and *CPU* its user + system time (bench/benchmark.py's
  ``run_measured``; workers forked by the command are its descendants, counted when reaped).
  On a shared machine the wall time grows with everyone else's load, the CPU time much less: on
  the 2 idle cores, a command's wall time is at least half its CPU time. *Cold* means an empty
  plan cache ($CONGKHAI_CACHE pointing to a fresh directory); *warm* reuses the cache a previous
  command of the same corpus left, as an editor's second command would.
* Import: every form made above is filled in with openpyxl before the clock starts (every row:
  "Đang thực hiện", a progress, the as-of date, a note, an evidence link), and all files are
  imported by one command into a fresh copy of the corpus. The phase split comes from the same
  import run in one process (``load_project``, ``plan_import``: read and validate every form,
  ``apply_import``: append, check the new plan files, write).

Run it with the project's virtualenv: ``.venv/bin/python -m bench.report_forms --out
BENCHMARKS.md`` (about 5 minutes at L on the 2-core machine, filling the forms included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.benchmark import (
    AS_OF,
    DEFAULT_WORKDIR,
    REPO,
    cold_cache_env,
    console_script,
    git_state,
    log,
    machine_info,
    prepare_corpus,
    run_measured,
    warm_cache_env,
)

PERIOD = "2026-Q4"
MAKE_TARGET_S = 30.0
IMPORT_TARGET_S = 5.0
IMPORT_TARGET_ROWS = 5_000

def markers(size: str) -> tuple[str, str]:
    """The comments around the section of one corpus size in BENCHMARKS.md."""
    name = f"report-forms-{size.lower()}"
    return f"<!-- kept: {name} -->", f"<!-- /kept: {name} -->"


PHASES_SNIPPET = r"""
import datetime as dt, gc, json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from generator.authoring.report_forms.applying import apply_import
from generator.authoring.report_forms.importing import plan_import
from generator.model.project import load_project
imports = time.perf_counter() - t0
root, as_of = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
files = [Path(p) for p in sys.argv[3:]]
t = time.perf_counter()
project, problems = load_project(root, as_of)
load = time.perf_counter() - t
assert not problems, problems[:3]
gc.collect()
gc.freeze()  # as the command does after loading
t = time.perf_counter()
plan = plan_import(root, project, files, as_of)
read = time.perf_counter() - t
assert plan.ok, [m.message for m in plan.problems[:3]]
t = time.perf_counter()
written = apply_import(root, project, plan.changes, as_of)
write = time.perf_counter() - t
print(json.dumps({"imports": imports, "load": load, "read_validate": read, "apply": write,
                  "changes": len(plan.changes), "files": len(written)}))
"""


@dataclass
class Measured:
    walls: list[float]
    maxrss: int
    detail: str
    cpus: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    def shown(self) -> str:
        spread = (f" (min {min(self.walls):.1f}, max {max(self.walls):.1f}, "
                  f"{len(self.walls)} runs)" if len(self.walls) > 1 else "")
        return f"{self.median:.1f} s{spread}"

    def cpu(self) -> str:
        return f"{statistics.median(self.cpus):.1f} s"


def _made(log_path: Path) -> tuple[int, int]:
    text = log_path.read_text(encoding="utf-8", errors="replace")
    match = re.search(r"Đã tạo (\d+) biểu mẫu .*?\((\d+) nhiệm vụ\)", text)
    if not match:
        raise SystemExit(f"report-form did not finish; see {log_path}")
    return int(match[1]), int(match[2])


def make_forms(corpus: Path, work: Path, repeat: int) -> tuple[Measured, Measured, Path, int]:
    """Cold and warm ``report-form --all-agencies``; the first run's forms are kept."""
    congkhai = str(console_script("congkhai"))
    cache = work / "cache-make"
    walls_cold, walls_warm, rss = [], [], 0
    cpu_cold, cpu_warm = [], []
    forms_dir = work / "forms-0"
    count = rows = 0
    for i in range(repeat):
        for warm in (False, True):
            out = work / f"forms-{i}{'-warm' if warm else ''}"
            shutil.rmtree(out, ignore_errors=True)
            env = warm_cache_env(cache) if warm else cold_cache_env(corpus, cache)
            log_path = work / "logs" / f"make-{i}{'-warm' if warm else ''}.log"
            run = run_measured([congkhai, "report-form", "--root", str(corpus), "--all-agencies",
                                "--period", PERIOD, "--as-of", AS_OF, "--out-dir", str(out)],
                               log_path, env=env)
            if not run.ok:
                raise SystemExit(f"report-form failed; see {log_path}")
            count, rows = _made(log_path)
            (walls_warm if warm else walls_cold).append(run.wall)
            (cpu_warm if warm else cpu_cold).append(run.cpu)
            rss = max(rss, run.maxrss)
            log(f"report-form {'warm' if warm else 'cold'} #{i + 1}: {run.wall:.1f} s, "
                f"{count} forms, {rows} rows")
            if warm or i:
                shutil.rmtree(out, ignore_errors=True)
    detail = f"{count} forms, {rows} rows led; peak RSS {rss / 1e6:.0f} MB"
    return (Measured(walls_cold, rss, detail, cpu_cold),
            Measured(walls_warm, rss, detail, cpu_warm), forms_dir, rows)


def fill_all(forms_dir: Path, filled_dir: Path) -> tuple[list[Path], int]:
    """Every row of every form filled in, as an agency would (openpyxl; not timed).

    The values depend on the row's task only (its key), so a task two agencies co-lead gets the
    same report from both, and the import writes it once.
    """
    import hashlib
    import zlib

    import openpyxl

    from generator.authoring.report_forms.layout import ENTRY_SHEET, HEADER_ROW, header_key

    shutil.rmtree(filled_dir, ignore_errors=True)
    filled_dir.mkdir(parents=True)
    day = dt.datetime.fromisoformat(AS_OF)
    paths, total = [], 0
    for form in sorted(forms_dir.glob("bao-cao-*.xlsx")):
        book = openpyxl.load_workbook(form)
        sheet = book[ENTRY_SHEET]
        col = {header_key(c.value): c.column for c in sheet[HEADER_ROW] if header_key(c.value)}
        for row in range(HEADER_ROW + 1, sheet.max_row + 1):
            key = sheet.cell(row, col["key"]).value
            if not key:
                continue
            task = key.rsplit("#", 2)[0]
            seed = zlib.crc32(task.encode())
            sheet.cell(row, col["status"]).value = "Đang thực hiện"
            sheet.cell(row, col["progress"]).value = 10 + seed % 80
            sheet.cell(row, col["date"]).value = day
            sheet.cell(row, col["note"]).value = ("Đã triển khai theo kế hoạch (số liệu tự sinh "
                                                   f"{hashlib.sha1(task.encode()).hexdigest()[:8]}).")
            sheet.cell(row, col["evidence"]).value = f"https://example.org/bao-cao/{seed}"
            total += 1
        book.save(filled_dir / form.name)
        paths.append(filled_dir / form.name)
    return paths, total


def _fresh_copy(corpus: Path, dest: Path) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in ("content", "plans"):
        shutil.copytree(corpus / name, dest / name)
    return dest


def import_forms(corpus: Path, work: Path, files: list[Path], repeat: int
                 ) -> tuple[Measured, Measured, dict]:
    congkhai = str(console_script("congkhai"))
    walls_cold, walls_warm, rss = [], [], 0
    cpu_cold, cpu_warm = [], []
    changes = 0
    cache = work / "cache-import"
    for i in range(repeat):
        for warm in (False, True):
            root = _fresh_copy(corpus, work / "import-root")
            env = warm_cache_env(cache) if warm else cold_cache_env(root, cache)
            log_path = work / "logs" / f"import-{i}{'-warm' if warm else ''}.log"
            run = run_measured([congkhai, "import-updates", "--root", str(root), "--as-of", AS_OF,
                                "--format", "json", *map(str, files)], log_path, env=env,
                               timeout=3600)
            text = log_path.read_text(encoding="utf-8", errors="replace")
            report = json.loads(text[text.index("\n{") + 1:text.rindex("}") + 1])
            if not run.ok or report["problems"]:
                raise SystemExit(f"import-updates failed; see {log_path}")
            changes = len(report["changes"])
            (walls_warm if warm else walls_cold).append(run.wall)
            (cpu_warm if warm else cpu_cold).append(run.cpu)
            rss = max(rss, run.maxrss)
            log(f"import-updates {'warm' if warm else 'cold'} #{i + 1}: {run.wall:.1f} s, "
                f"{changes} updates into {len(report['written'])} plan files")
            check = subprocess.run([congkhai, "check", "--root", str(root), "--as-of", AS_OF],
                                   capture_output=True, text=True, env=env)
            if check.returncode != 0:
                raise SystemExit(f"congkhai check fails after the import: {check.stderr[-500:]}")
    detail = f"{len(files)} files, {changes} rows → {changes} updates; peak RSS {rss / 1e6:.0f} MB"
    root = _fresh_copy(corpus, work / "import-root")
    proc = subprocess.run([sys.executable, "-c", PHASES_SNIPPET, str(root), AS_OF,
                           *map(str, files)], capture_output=True, text=True, cwd=REPO,
                          env=cold_cache_env(root, work / "cache-phases"))
    if proc.returncode != 0:
        raise SystemExit(f"phase timing failed: {proc.stderr[-2000:]}")
    phases = json.loads(proc.stdout.strip().splitlines()[-1])
    return (Measured(walls_cold, rss, detail, cpu_cold),
            Measured(walls_warm, rss, detail, cpu_warm), phases)


def verdict(value: float, target: float, applies: bool = True) -> str:
    if not applies:
        return "— (target stated at L)"
    return "met" if value <= target else "**NOT met**"


def render(size: str, corpus_how: str, loads: str, make_cold: Measured, make_warm: Measured,
           imp_cold: Measured, imp_warm: Measured, phases: dict, rows: int,
           started: dt.datetime, argv: list[str]) -> str:
    info = machine_info()
    start, end = markers(size)
    lines = [
        start,
        f"## Reporting loop (issue 13): report forms at {size}",
        "",
        "Written by `bench/report_forms.py` (its docstring explains each figure); kept by "
        "`bench/benchmark.py` when it rewrites this file.",
        "",
        "- Reproduce: `" + " ".join([".venv/bin/python -m bench.report_forms", *argv]) + "`",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC; machine: {info.get('nproc')} CPUs "
        f"({info.get('cpu', '?')}), {info.get('ram', '?')} RAM, {info.get('os', '?')}",
        f"- Repository: {git_state()}",
        f"- Corpus: {size}, {corpus_how}; period {PERIOD}, status as of {AS_OF}",
        f"- Load average (1 min) before/after: {loads} (above ~0.5 means something else was "
        "running)",
        "",
        "| figure | target | wall | CPU (all processes) | verdict | notes |",
        "|---|---|---|---|---|---|",
        f"| `report-form --all-agencies`, {size}, empty plan cache | ≤ {MAKE_TARGET_S:.0f} s | "
        f"{make_cold.shown()} | {make_cold.cpu()} | "
        f"{verdict(make_cold.median, MAKE_TARGET_S, size == 'L')} "
        f"| {make_cold.detail} |",
        f"| same, warm plan cache | — | {make_warm.shown()} | {make_warm.cpu()} | | |",
        f"| `import-updates` of every filled form, empty plan cache | ≤ {IMPORT_TARGET_S:.0f} s "
        f"for {IMPORT_TARGET_ROWS:,} rows | {imp_cold.shown()} | {imp_cold.cpu()} | "
        f"{verdict(imp_cold.median, IMPORT_TARGET_S, size == 'L')} | {imp_cold.detail} |",
        f"| same, warm plan cache | ≤ {IMPORT_TARGET_S:.0f} s | {imp_warm.shown()} | "
        f"{imp_warm.cpu()} | {verdict(imp_warm.median, IMPORT_TARGET_S, size == 'L')} | |",
        "",
        f"Import phases, one process, no plan cache ({phases['changes']:,} updates into "
        f"{phases['files']} plan files): imports {phases['imports']:.2f} s, load + validate the "
        f"project {phases['load']:.2f} s, read + validate the forms "
        f"{phases['read_validate']:.2f} s, append + check + write {phases['apply']:.2f} s.",
        "",
        f"The {rows:,} rows are every row the {size} corpus's forms list for {PERIOD}; every one "
        "was filled in and imported, and `congkhai check` passes on the result.",
        end,
    ]
    return "\n".join(lines) + "\n"


def write_section(out: Path, section: str, size: str) -> None:
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    start, end = markers(size)
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m bench.report_forms",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--size", default="L", choices=("M", "L", "XL"),
                        help="corpus (the targets are stated at L)")
    parser.add_argument("--out", type=Path, default=None,
                        help="put the section into this file (BENCHMARKS.md)")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    work = args.workdir / "report-forms"
    work.mkdir(parents=True, exist_ok=True)
    corpus, how = prepare_corpus(args.size, args.workdir)
    before = os.getloadavg()[0]
    make_cold, make_warm, forms_dir, _rows = make_forms(corpus, work, args.repeat)
    log("filling every row of every form (not timed)")
    started_fill = time.perf_counter()
    files, filled = fill_all(forms_dir, work / "filled")
    log(f"filled {filled} rows in {len(files)} files in {time.perf_counter() - started_fill:.0f} s")
    imp_cold, imp_warm, phases = import_forms(corpus, work, files, args.repeat)
    loads = f"{before:.2f}/{os.getloadavg()[0]:.2f}"
    section = render(args.size, how, loads, make_cold, make_warm, imp_cold, imp_warm, phases,
                     filled, started, argv)
    print(section)
    if args.out is not None:
        write_section(args.out, section, args.size)
        log(f"wrote the section into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
