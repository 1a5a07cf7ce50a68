"""Lighthouse (npm, run offline against Debian's Chromium) on the main kinds of pages.

    python -m bench.lighthouse SITE [--runs 3] [--out BENCHMARKS.md]
        [--page NAME=PATH ...] [--workdir /tmp/congkhai-bench] [--version 12.8.2]

Lighthouse is installed once with npm into ``WORKDIR/lighthouse-VERSION`` (never into the
project). The built site is served from localhost gzip-compressed, as a static host serves it.
Each page is audited ``--runs`` times with Lighthouse's default mobile settings (a mid-range
phone on a slow 4G link, simulated) and the median performance score is reported with the
metrics it is made of; the results page is also audited with the desktop preset, where the
layout shift when results arrive was measured before. With ``--out`` the table replaces the
"lighthouse" section of that report. A measurement script, not a test: it prints figures and
asserts nothing (the target, performance ≥ 90, is marked met or not).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from bench.report import CHROMIUM, machine, serve, write_section

DEFAULT_PAGES = {
    "home": "",
    "plan": "ke-hoach/khanh-hoa-qd-4034-2017/",
    "agency": "co-quan/khanh-hoa-so-noi-vu/",
    "overdue": "qua-han/",
    "search results": "tim-kiem/?q=" + quote("thủ tục hành chính"),
}
DESKTOP = ("search results",)
METRICS = (
    ("first-contentful-paint", "FCP", 1000, "s"),
    ("largest-contentful-paint", "LCP", 1000, "s"),
    ("total-blocking-time", "TBT", 1, "ms"),
    ("cumulative-layout-shift", "CLS", 1, ""),
    ("speed-index", "SI", 1000, "s"),
)
TARGET = 90


def install(workdir: Path, version: str) -> Path:
    """The lighthouse command of ``version``, installed with npm if it is not yet."""
    prefix = workdir / f"lighthouse-{version}"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        print(f"npm install lighthouse@{version} into {prefix}", file=sys.stderr)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
                        "--prefix", str(prefix), f"lighthouse@{version}"], check=True)
    return binary


def audit(binary: Path, url: str, desktop: bool) -> dict[str, float]:
    """One Lighthouse run: performance score (0–100) and the metrics' numeric values."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(binary), url, "--quiet", "--only-categories=performance",
            "--output=json", f"--output-path={out}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            # offline: no request to a third party for the report or its locale
            "--disable-full-page-screenshot",
        ]
        if desktop:
            command.append("--preset=desktop")
        subprocess.run(command, check=True, env={"CHROME_PATH": CHROMIUM, "PATH": _path()},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        report = json.loads(out.read_text(encoding="utf-8"))
    found = {"score": 100 * (report["categories"]["performance"]["score"] or 0)}
    for key, _, _, _ in METRICS:
        found[key] = report["audits"][key]["numericValue"]
    return found


def _path() -> str:
    node = shutil.which("node")
    return str(Path(node).parent) if node else "/usr/bin"


def measure(binary: Path, base: str, pages: dict[str, str], runs: int
            ) -> list[tuple[str, str, dict[str, float]]]:
    rows = []
    for name, path in pages.items():
        for desktop in (False, True) if name in DESKTOP else (False,):
            results = [audit(binary, base + path, desktop) for _ in range(runs)]
            median = {key: statistics.median(r[key] for r in results) for key in results[0]}
            median["min"] = min(r["score"] for r in results)
            median["max"] = max(r["score"] for r in results)
            rows.append((name, "desktop" if desktop else "mobile", median))
            print(f"{name} ({'desktop' if desktop else 'mobile'}): "
                  f"{median['score']:.0f}", file=sys.stderr)
    return rows


def table(rows: list[tuple[str, str, dict[str, float]]], pages: dict[str, str]) -> str:
    head = " | ".join(label for _, label, _, _ in METRICS)
    lines = [f"| page | settings | performance (median, min–max) | {head} | ≥ {TARGET} |",
             "|---|---|---:|" + "---:|" * len(METRICS) + "---|"]
    for name, settings, m in rows:
        metrics = " | ".join(
            f"{m[key] / scale:.2f}" if not unit else
            (f"{m[key] / scale:.1f} {unit}" if unit == "s" else f"{m[key]:.0f} {unit}")
            for key, _, scale, unit in METRICS)
        verdict = "met" if m["score"] >= TARGET else "NOT met"
        lines.append(f"| {name} (`/{pages[name]}`) | {settings} | {m['score']:.0f} "
                     f"({m['min']:.0f}–{m['max']:.0f}) | {metrics} | "
                     f"{verdict if settings == 'mobile' else '—'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", default=[],
                        help="NAME=PATH to audit instead of the default pages")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/congkhai-bench"))
    parser.add_argument("--version", default="12.8.2")
    parser.add_argument("--out", type=Path, help="report whose 'lighthouse' section to replace")
    args = parser.parse_args(argv)
    pages = dict(p.split("=", 1) for p in args.page) if args.page else DEFAULT_PAGES
    binary = install(args.workdir, args.version)
    started = machine()
    with serve(args.site, compress=True) as base:
        rows = measure(binary, base, pages, args.runs)
    text = table(rows, pages)
    print(text)
    if args.out:
        write_section(args.out, "lighthouse", "\n".join([
            "## Lighthouse: page performance on a phone",
            "",
            f"Written by `bench/lighthouse.py` (Lighthouse {args.version}, Debian's Chromium; "
            f"{started}). Reproduce: `.venv/bin/python -m bench.lighthouse SITE --out "
            "BENCHMARKS.md` on the repository's site (`congkhai build --site-dir SITE --as-of "
            "2026-11-23`), served gzip-compressed from localhost. Mobile is Lighthouse's default "
            "(simulated mid-range phone, slow 4G); each row is the median of "
            f"{args.runs} runs. FCP, LCP and SI in seconds, TBT in milliseconds.",
            "",
            text,
        ]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
