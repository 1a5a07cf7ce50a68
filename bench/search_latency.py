"""Search index size and time to first search result in Chromium, for built sites.

    python -m bench.search_latency SITE_DIR [SITE_DIR ...] [--query "thủ tục hành chính"]
        [--runs 5] [--out BENCHMARKS.md]

For each built site (``congkhai build --site-dir SITE_DIR``) it prints the index size raw and
gzipped (levels 6, a web server's usual, and 9; the index is two files, ``tim-kiem/chi-muc.json``
and its records ``chi-muc.txt``, fetched together: sizes are their sums), and the time from
navigation start to the first rendered result for a cold load of ``/tim-kiem/?q=…`` (median,
min and max of ``--runs`` loads, each in a fresh browser context, served from localhost without
compression), with where that time goes: index downloaded, index parsed, first result shown.
With ``--out`` the table replaces the "search" section of that report. A measurement script, not
a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
from pathlib import Path
from urllib.parse import quote

from bench.report import CHROMIUM, machine, serve, write_section

# The index and its records file, fetched together; sizes are their sums.
INDEX_FILES = (Path("tim-kiem") / "chi-muc.json", Path("tim-kiem") / "chi-muc.txt")
TARGET_GZ = 3_000_000
TARGET_MS = 1000


def measure(site: Path, query: str, runs: int = 5) -> dict[str, object]:
    """Index sizes (bytes) and times (ms, from navigation start) for one site."""
    from playwright.sync_api import sync_playwright

    parts = [(site / f).read_bytes() for f in INDEX_FILES if (site / f).is_file()]
    samples: list[dict[str, float]] = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}tim-kiem/?q={quote(query)}")
            page.wait_for_selector("#ck-search[data-ready=true]", timeout=120_000)
            samples.append(page.evaluate("""() => {
                const mark = n => (performance.getEntriesByName(n)[0] || {}).startTime;
                const ends = performance.getEntriesByType('resource')
                    .filter(r => r.name.includes('/tim-kiem/chi-muc.')).map(r => r.responseEnd);
                return {first: mark('ck-first-result'), parsed: mark('ck-index-parsed'),
                        fetched: ends.length ? Math.max(...ends) : null,
                        results: document.querySelectorAll('#ck-search-results > li').length};
            }"""))
            context.close()
        browser.close()
    firsts = [s["first"] for s in samples]
    return {
        "raw": sum(map(len, parts)), "gz6": sum(len(gzip.compress(p, 6)) for p in parts),
        "gz9": sum(len(gzip.compress(p, 9)) for p in parts),
        "first": statistics.median(firsts), "min": min(firsts), "max": max(firsts),
        "fetched": statistics.median(s["fetched"] or 0 for s in samples),
        "parsed": statistics.median(s["parsed"] or 0 for s in samples),
        "results": samples[0]["results"], "runs": runs,
    }


def table(rows: list[tuple[str, dict[str, object]]], query: str) -> str:
    lines = [
        f"| site | index raw | index gzip -6 | gzip -9 | index downloaded | parsed | "
        f"first result “{query}” (median, min–max) | ≤ 3 MB gz | ≤ 1 s |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for name, m in rows:
        lines.append(
            f"| {name} | {m['raw'] / 1e6:.2f} MB | {m['gz6'] / 1e6:.2f} MB | "
            f"{m['gz9'] / 1e6:.2f} MB | {m['fetched']:.0f} ms | {m['parsed']:.0f} ms | "
            f"{m['first']:.0f} ms ({m['min']:.0f}–{m['max']:.0f}, {m['runs']} loads) | "
            f"{'met' if m['gz6'] <= TARGET_GZ else 'NOT met'} | "
            f"{'met' if m['first'] <= TARGET_MS else 'NOT met'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--query", default="thủ tục hành chính")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--name", action="append", default=[],
                        help="what to call each site in the table (in order; default its path)")
    parser.add_argument("--out", type=Path, help="report whose 'search' section to replace")
    args = parser.parse_args(argv)
    names = args.name + [str(s) for s in args.sites[len(args.name):]]
    rows = [(name, measure(site, args.query, args.runs))
            for name, site in zip(names, args.sites, strict=True)]
    text = table(rows, args.query)
    print(text)
    if args.out:
        write_section(args.out, "search", "\n".join([
            "## Search: index size and time to the first result",
            "",
            f"Written by `bench/search_latency.py` ({machine()}). Reproduce: "
            f"`.venv/bin/python -m bench.search_latency SITE --out BENCHMARKS.md` on a site "
            "built with `congkhai build --root CORPUS --site-dir SITE --as-of 2026-11-23`. "
            "Each load is a cold visit of the results page in a fresh Chromium context, the "
            "site served from localhost without compression; times are from navigation start "
            "(the index is preloaded with the page). Sizes in decimal MB.",
            "",
            text,
        ]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
