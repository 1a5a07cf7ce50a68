"""Helpers the measurement scripts share: a local server for a built site, and the sections they
write into BENCHMARKS.md.

``bench/benchmark.py`` writes BENCHMARKS.md whole; the search and Lighthouse scripts each own a
section of it, between ``<!-- begin:NAME -->`` and ``<!-- end:NAME -->``, which they replace when
they run and which ``benchmark.py`` carries over when it rewrites the file.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import os
import platform
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
_SECTION = re.compile(r"<!-- begin:([\w-]+) -->\n.*?<!-- end:\1 -->\n?", re.DOTALL)
# What a static host compresses (GitHub Pages, nginx's usual configuration).
_COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Gzip(_Quiet):
    """Serves text files gzip-compressed to clients that accept it, as static hosts do."""

    cache: ClassVar[dict[str, bytes]] = {}

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in _COMPRESSED and path.is_file()):
            return super().send_head()
        key = str(path)
        if key not in self.cache:
            self.cache[key] = gzip.compress(path.read_bytes(), 6)
        body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Bytes(body)


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve(site: Path, compress: bool = False) -> Iterator[str]:
    """The built ``site`` served on a free localhost port; yields its base URL."""
    handler = _Gzip if compress else _Quiet
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def machine() -> str:
    """One line on where the figures were measured: date, CPUs, load, commit."""
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short=12", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "?"
    load = os.getloadavg()[0]
    return (f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, "
            f"{platform.system()} {platform.release()}, repository {commit}, load average "
            f"(1 min) {load:.2f} when it started")


def write_section(path: Path, name: str, text: str) -> None:
    """Put ``text`` in section ``name`` of ``path`` (replaced if there, else appended)."""
    block = f"<!-- begin:{name} -->\n{text.rstrip()}\n<!-- end:{name} -->\n"
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    found = [m for m in _SECTION.finditer(old) if m.group(1) == name]
    if found:
        m = found[0]
        new = old[:m.start()] + block + old[m.end():]
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + block
    path.write_text(new, encoding="utf-8")


def sections(text: str) -> list[str]:
    """Every marked section of a report, in order (for the benchmark to carry them over)."""
    return [m.group(0).rstrip("\n") + "\n" for m in _SECTION.finditer(text)]
