"""One progress line on stderr for long commands: `label: done/total (rate/s)`.

As `masthead import-wxr` shows its progress (wordpress), without a library:
a carriage return rewrites the line, so a log keeps only the final count.
"""

import sys
import time


class Progress:
    """Call step(n) as work is done; the line is rewritten at most 10 times a
    second, and ended with a newline by close()."""

    def __init__(self, label, total, *, unit="", stream=None):
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream or sys.stderr
        self.done, self.started, self.shown = 0, time.perf_counter(), 0.0

    def step(self, amount=1):
        self.done += amount
        now = time.perf_counter()
        if now - self.shown >= 0.1 or self.done >= self.total:
            self.shown = now
            self._show(now)

    def close(self):
        self._show(time.perf_counter())
        self._write("\n")

    def _write(self, text):
        if hasattr(self.stream, "ending"):  # a command's OutputWrapper adds "\n"
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()

    def _show(self, now):
        rate = self.done / max(now - self.started, 1e-9)
        self._write(
            f"\r{self.label}: {self.done:,}/{self.total:,}{self.unit} "
            f"({rate:,.0f}{self.unit}/s)   "
        )


class Stages:
    """One progress line per stage of a longer job (database, media, checks):
    calling it with a label ends the previous line and starts the next."""

    def __init__(self, stream=None):
        self.stream, self.current = stream, None

    def __call__(self, label, total=0):
        self.close()
        self.current = Progress(label, total, stream=self.stream)
        return self.current

    def close(self):
        if self.current is not None:
            self.current.close()
            self.current = None
