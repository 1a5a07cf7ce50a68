"""Progress of long commands: a line kept up to date on a terminal, plain phase lines in CI."""

from __future__ import annotations

import sys
import threading
import time


class Progress:
    """Progress of a command that may run longer than ~2 s.

    On a terminal, once 2 s have passed, one line kept up to date (phase, count, time); in CI
    (not a terminal), one plain line when each phase ends. Called as ``progress(phase, done,
    total)``; :meth:`phase` names a step that reports no count (loading the project).
    """

    DELAY = 2.0

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self.current = ("", 0, 0)
        self.drawn = False
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False
        if self.tty:
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()

    def _line(self) -> str:
        phase, done, total = self.current
        count = f" {done}/{total}" if total else f": {done} tệp…" if done else "…"
        return f"{phase}{count} ({time.monotonic() - self.start:.1f} s)"

    def _draw(self) -> None:
        with self._lock:
            if time.monotonic() - self.start >= self.DELAY and self.current[0]:
                self.stream.write("\r" + self._line() + "\x1b[K")
                self.stream.flush()
                self.drawn = True

    def _tick(self) -> None:
        while not self._stop.wait(0.25):
            self._draw()

    def phase(self, name: str) -> None:
        """A step without a count."""
        self(name, 0, 0)

    def __call__(self, phase: str, done: int, total: int) -> None:
        previous = self.current
        self.current = (phase, done, total)
        if self.tty:
            return  # the ticker redraws
        if previous[0] and previous[0] != phase:
            self.stream.write(f"{previous[0]}: xong ({time.monotonic() - self.start:.1f} s)\n")
        if total and done == total:
            self.stream.write(self._line() + "\n")
            self.current = ("", 0, 0)
        self.stream.flush()

    def close(self, finished: bool = True) -> None:
        """Stop drawing; leave the terminal on a fresh line. Without ``finished`` (the command
        stops on an error) the phase under way is not said to be done. Closing twice is
        closing once."""
        if self._closed:
            return
        self._closed = True
        if not finished:
            self.current = ("", 0, 0)
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.tty:
            self._draw()
            if self.drawn:
                self.stream.write("\n")
        elif not self.tty and self.current[0]:
            self.stream.write(f"{self.current[0]}: xong ({time.monotonic() - self.start:.1f} s)\n")
        self.stream.flush()
