"""Search index size and time to first search result in Chromium, for built sites.

    python -m bench.search_latency SITE_DIR [SITE_DIR ...] [--query "thủ tục hành chính"]

For each built site (``congkhai build --site-dir SITE_DIR``) it prints the index size raw and
gzipped, and the time from navigation start to the first rendered result for a cold load of
``/tim-kiem/?q=…`` (median of five loads, each in a fresh browser context). A measurement script,
not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import threading
from pathlib import Path
from urllib.parse import quote

INDEX = Path("tim-kiem") / "chi-muc.json"
CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path, query: str, runs: int = 5) -> dict[str, float]:
    """Index sizes (bytes) and the median time to first result (ms) for one site."""
    from playwright.sync_api import sync_playwright

    raw = (site / INDEX).read_bytes()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/tim-kiem/?q={quote(query)}"
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                page.goto(url)
                page.wait_for_selector("#ck-search[data-ready=true]", timeout=120_000)
                times.append(page.evaluate(
                    "() => performance.getEntriesByName('ck-first-result')[0].startTime"))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {"raw": len(raw), "gzip": len(gzip.compress(raw, 9)),
            "first_result_ms": statistics.median(times)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--query", default="thủ tục hành chính")
    args = parser.parse_args(argv)
    print("| site | index raw | index gzip | first result (median of 5) |")
    print("|---|---:|---:|---:|")
    for site in args.sites:
        m = measure(site, args.query)
        print(f"| {site} | {m['raw'] / 1e6:.2f} MB | {m['gzip'] / 1e6:.2f} MB "
              f"| {m['first_result_ms']:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
