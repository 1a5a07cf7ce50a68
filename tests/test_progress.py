"""The progress of long commands, as a terminal and as CI see it (cli/progress.py)."""

from __future__ import annotations

import io

import pytest

from generator.cli.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_ci_gets_one_line_per_phase_when_it_ends():
    log = io.StringIO()
    progress = Progress(log)
    progress.phase("Đọc dữ liệu")
    progress("Tạo trang", 200, 0)
    progress("Tạo trang", 400, 0)
    progress("Dựng trang", 0, 3)
    progress("Dựng trang", 3, 3)
    progress.phase("Công bố")
    progress.close()
    lines = [line.rsplit(" (", 1)[0] for line in log.getvalue().splitlines()]
    assert lines == ["Đọc dữ liệu: xong", "Tạo trang: xong", "Dựng trang 3/3", "Công bố: xong"]


def test_a_phase_stopped_by_an_error_is_not_said_to_be_done():
    log = io.StringIO()
    progress = Progress(log)
    progress.phase("Đọc dữ liệu")
    progress.close(finished=False)
    progress.close()  # closing again changes nothing
    assert log.getvalue() == ""


@pytest.mark.parametrize(("done", "total", "shown"), [
    (0, 0, "Tạo trang…"), (600, 0, "Tạo trang: 600 tệp…"), (3, 10, "Tạo trang 3/10"),
])
def test_a_terminal_line_shows_what_is_known_of_the_count(monkeypatch, done, total, shown):
    monkeypatch.setattr(Progress, "DELAY", 0.0)
    screen = Terminal()
    progress = Progress(screen)
    progress("Tạo trang", done, total)
    progress.close()
    assert f"\r{shown} (" in screen.getvalue()
    assert screen.getvalue().endswith("\n")
