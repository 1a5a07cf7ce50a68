"""``congkhai serve`` while the data is invalid: every page request is answered at once with a
page listing the problems (no hang, no traceback in the console), and the preview comes back by
itself on the next valid save."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CONGKHAI = Path(sys.executable).with_name("congkhai")
PLAN = "plans/minh-hoa-ubnd/minh-hoa-kh-01-2025.yaml"
GOOD, BAD = "lead: minh-hoa-so-noi-vu\n", "lead: minh-hoa-so-noi-vuu\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str, float]:
    """Status, body and seconds taken; a request that hangs fails the test (timeout)."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8"), time.perf_counter() - start
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8"), time.perf_counter() - start


def wait_for(url: str, condition, seconds: float = 180) -> tuple[int, str, float]:
    deadline = time.monotonic() + seconds
    last: tuple[int, str, float] = (0, "", 0.0)
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
        except OSError:
            time.sleep(0.5)
            continue
        if condition(*last[:2]):
            return last
        time.sleep(0.5)
    raise AssertionError(f"{url}: condition not met; last status {last[0]}: {last[1][:500]}")


def test_invalid_data_shows_an_error_page_and_recovers(repo_copy: Path) -> None:
    port = free_port()
    plan = repo_copy / PLAN
    text = plan.read_text(encoding="utf-8")
    assert GOOD in text
    proc = subprocess.Popen(
        [str(CONGKHAI), "serve", "--root", str(repo_copy), "--as-of", "2026-11-23",
         "-a", f"127.0.0.1:{port}"], cwd=repo_copy, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True)
    url = f"http://127.0.0.1:{port}/ke-hoach/"
    try:
        wait_for(url, lambda status, body: status == 200 and "<html" in body)
        plan.write_text(text.replace(GOOD, BAD, 1), encoding="utf-8")
        status, body, seconds = wait_for(url, lambda s, b: "minh-hoa-so-noi-vuu" in b)
        assert status == 503
        assert "Dữ liệu không hợp lệ" in body and "[unknown-agency]" in body
        assert f"{PLAN}:" in body and "Cách sửa" in body
        assert "livereload" in body  # the page reloads itself after the fix
        assert seconds < 5
        # any page, and it stays answered while the data is broken
        for other in ("", "co-quan/", "ke-hoach/minh-hoa-kh-01-2025/"):
            status, body, seconds = fetch(f"http://127.0.0.1:{port}/{other}")
            assert status == 503 and "minh-hoa-so-noi-vuu" in body and seconds < 5
        plan.write_text(text, encoding="utf-8")
        status, body, _ = wait_for(url, lambda s, b: s == 200 and "Dữ liệu không hợp lệ" not in b)
        assert "minh-hoa-so-noi-vuu" not in body
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            output, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            output, _ = proc.communicate()
    assert "Traceback" not in output, output[-3000:]
    assert "bản xem trước hiện trang báo" in output
