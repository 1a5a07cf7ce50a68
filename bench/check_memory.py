"""Worst-case cost of ``congkhai check`` on the largest file it accepts to read.

Files up to 5 MiB are read (``file-too-large`` beyond). This script writes, into a copy of
``tests/invalid/_project``, plan files just under that size that are as expensive to *report* as
we know how to make them, and runs ``congkhai check`` on each in every output format, measuring
wall time, peak resident memory (``wait4``'s ``ru_maxrss`` of the child) and the bytes printed:

* ``ids-one-line``: one line repeating a misspelled agency id until the file is 5 MiB (about
  250,000 problems on one line: the issue's 50,000-id line, five times over);
* ``keys-many-lines``: 5 MiB of unknown keys, one per line (about 550,000 problems);
* ``one-long-line``: a single problem on a 5 MiB line (the line must not be printed whole);
* ``valid-large``: a valid plan of 5 MiB (many tasks), for comparison.

Run it with the project's virtualenv (``--congkhai`` to measure another install; ``--before``
to measure an older checkout too, under an address-space limit so that a blow-up ends instead of
swapping)::

    .venv/bin/python -m bench.check_memory
    .venv/bin/python -m bench.check_memory --before /tmp/old/.venv/bin/congkhai --limit-gb 3 \
        --write bench/check_memory.md

It prints Markdown tables; ``--write`` also saves them as the section that ``bench/benchmark.py``
appends to BENCHMARKS.md. It is a benchmark, it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROJECT = REPO / "tests" / "invalid" / "_project"
BASELINE = REPO / "tests" / "invalid" / "cases" / "00-valid-baseline.yaml"
PLAN = "plans/thu-nghiem-ubnd/thu-nghiem-kh-01-2025.yaml"
LIMIT = 5 * 1024 * 1024 - 1024  # just under MAX_FILE_BYTES
AS_OF = "2026-11-23"


def ids_one_line(base: str) -> str:
    item = "thu-nghiem-so-noi-vuu, "
    n = (LIMIT - len(base.encode())) // len(item)
    return base.replace("support: [", "support: [" + item * n, 1)


def keys_many_lines(base: str) -> str:
    lines = []
    size = len(base.encode())
    i = 0
    while size < LIMIT - 32:
        line = f"khoa{i}: x\n"
        lines.append(line)
        size += len(line)
        i += 1
    return base + "".join(lines)


def one_long_line(base: str) -> str:
    filler = "x" * (LIMIT - len(base.encode()) - 64)
    return base.replace("notes: []", f'notes: [["{filler}"]]')


def valid_large(base: str) -> str:
    start = base.index("      - id: \"I.2\"")
    end = base.index("duties:")
    task = base[start:end]
    tasks = []
    size = len(base.encode())
    i = 3
    while size + len(task.encode()) < LIMIT:
        copy = task.replace('"I.2"', f'"I.{i}"')
        tasks.append(copy)
        size += len(copy.encode())
        i += 1
    return base[:end] + "".join(tasks) + base[end:]


CASES = {"ids-one-line": ids_one_line, "keys-many-lines": keys_many_lines,
         "one-long-line": one_long_line, "valid-large": valid_large}


def _drain(stream, counter: list[int], kept: bytearray) -> None:
    """Count the bytes of ``stream``; keep its first and last 64 KB (a traceback comes last)."""
    head = b""
    tail = b""
    while chunk := stream.read(1 << 16):
        counter[0] += len(chunk)
        if len(head) < 1 << 16:
            head += chunk[: (1 << 16) - len(head)]
        tail = (tail + chunk)[-(1 << 16):]
    kept.extend(head + b"\n" + tail)


def measure(congkhai: Path, root: Path, fmt: str, limit: int | None,
            timeout: float) -> dict[str, object]:
    def limits() -> None:
        if limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {**os.environ, "CONGKHAI_CACHE": "0"}
    start = time.perf_counter()
    proc = subprocess.Popen([str(congkhai), "check", "--root", str(root), "--as-of", AS_OF,
                             "--format", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, preexec_fn=limits)
    counts = [[0], [0]]
    heads = [bytearray(), bytearray()]
    readers = [threading.Thread(target=_drain, args=(s, c, h))
               for s, c, h in ((proc.stdout, counts[0], heads[0]),
                               (proc.stderr, counts[1], heads[1]))]
    for t in readers:
        t.start()
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join()
    return {"exit": proc.returncode, "seconds": time.perf_counter() - start,
            "peak_mb": usage.ru_maxrss / 1024, "output_bytes": counts[0][0] + counts[1][0],
            "traceback": b"Traceback" in heads[1]}


def table(congkhai: Path, cases: list[str], formats: list[str], limit: int | None,
          timeout: float) -> list[str]:
    """Measure every case in every format with one install; the rows of a Markdown table."""
    base = BASELINE.read_text(encoding="utf-8")
    rows = ["| case | file size | format | exit | time (s) | peak RSS (MB) | output |",
            "|---|---:|---|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="congkhai-check-memory-") as tmp:
        for name in cases:
            root = Path(tmp) / name
            shutil.copytree(PROJECT, root)
            path = root / PLAN
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(CASES[name](base), encoding="utf-8")
            size = path.stat().st_size
            for fmt in formats:
                print(f"{congkhai}: {name} {fmt}…", file=sys.stderr, flush=True)
                m = measure(congkhai, root, fmt, limit, timeout)
                code = int(m["exit"])  # type: ignore[call-overload]
                seconds = float(m["seconds"])  # type: ignore[arg-type]
                exit_text = str(code) + (" (traceback)" if m["traceback"] else "")
                if code < 0:
                    exit_text = ("killed at the limit" if limit else "killed") + (
                        f" ({seconds:.0f} s)" if seconds >= timeout else "")
                rows.append(f"| {name} | {size / 1048576:.2f} MiB | {fmt} | {exit_text} | "
                            f"{seconds:.2f} | {float(m['peak_mb']):.0f} | "  # type: ignore[arg-type]
                            f"{_size(int(m['output_bytes']))} |")  # type: ignore[call-overload]
    return rows


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} KB"


def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h %s"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--congkhai", type=Path,
                        default=Path(sys.executable).parent / "congkhai")
    parser.add_argument("--before", type=Path, default=None,
                        help="also measure this (older) congkhai, for comparison")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--formats", default="human,json,github")
    parser.add_argument("--limit-gb", type=float, default=None,
                        help="address-space limit for the child (default: none)")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--write", type=Path, default=None,
                        help="also write the tables as a Markdown section to this file")
    args = parser.parse_args(argv)
    limit = int(args.limit_gb * 1024**3) if args.limit_gb else None
    cases, formats = args.cases.split(","), args.formats.split(",")
    now = table(args.congkhai, cases, formats, limit, args.timeout)
    options = (" --before OLD/.venv/bin/congkhai" if args.before else "") + (
        f" --limit-gb {args.limit_gb:g}" if args.limit_gb else "")
    lines = [
        "## Worst-case check on the largest accepted file",
        "",
        "Written by `bench/check_memory.py` (saved in `bench/check_memory.md`, appended by the "
        "script). `congkhai check` on plan files just under the 5 MiB size limit built to be as "
        "costly to report as possible (see the script's docstring), plan cache off; peak RSS is "
        "wait4's ru_maxrss of the child, output is stdout + stderr.",
        "",
        f"- Reproduce: `.venv/bin/python -m bench.check_memory{options}"
        " --write bench/check_memory.md`",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average (1 min) "
        f"{os.getloadavg()[0]:.1f}; repository: {_commit()}",
        "",
        *now,
    ]
    if args.before:
        before = table(args.before, cases, formats, limit, args.timeout)
        lines += ["", f"Before (`{args.before}`"
                  + (f", address space limited to {args.limit_gb:g} GB" if args.limit_gb else "")
                  + f", time-out {args.timeout:.0f} s):", "", *before]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
