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

Run it with the project's virtualenv (``--congkhai`` to measure another install, e.g. an older
checkout, under an address-space limit so that a blow-up ends instead of swapping)::

    .venv/bin/python -m bench.check_memory
    .venv/bin/python -m bench.check_memory --congkhai /tmp/old/.venv/bin/congkhai --limit-gb 4

It prints a Markdown table; it is a benchmark, it asserts nothing.
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


def _drain(stream, counter: list[int]) -> None:
    while chunk := stream.read(1 << 16):
        counter[0] += len(chunk)


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
    readers = [threading.Thread(target=_drain, args=(s, c))
               for s, c in ((proc.stdout, counts[0]), (proc.stderr, counts[1]))]
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
            "peak_mb": usage.ru_maxrss / 1024, "output_bytes": counts[0][0] + counts[1][0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--congkhai", type=Path,
                        default=Path(sys.executable).parent / "congkhai")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--formats", default="human,json,github")
    parser.add_argument("--limit-gb", type=float, default=None,
                        help="address-space limit for the child (default: none)")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    limit = int(args.limit_gb * 1024**3) if args.limit_gb else None
    base = BASELINE.read_text(encoding="utf-8")
    print("| case | file size | format | exit | time (s) | peak RSS (MB) | output |")
    print("|---|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="congkhai-check-memory-") as tmp:
        for name in args.cases.split(","):
            root = Path(tmp) / name
            shutil.copytree(PROJECT, root)
            path = root / PLAN
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(CASES[name](base), encoding="utf-8")
            size = path.stat().st_size
            for fmt in args.formats.split(","):
                print(f"{name} {fmt}…", file=sys.stderr, flush=True)
                m = measure(args.congkhai, root, fmt, limit, args.timeout)
                exit_text = (f"killed ({-m['exit']})" if int(m["exit"]) < 0  # type: ignore[call-overload]
                             else str(m["exit"]))
                print(f"| {name} | {size / 1048576:.2f} MiB | {fmt} | {exit_text} | "
                      f"{m['seconds']:.2f} | {m['peak_mb']:.0f} | "
                      f"{int(m['output_bytes']) / 1024:.1f} KB |", flush=True)  # type: ignore[call-overload]
    return 0


if __name__ == "__main__":
    sys.exit(main())
