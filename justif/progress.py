"""Progress of a run: a bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from justif.domain import Reading

log = logging.getLogger(__name__)

_listener: Callable[[Reading], None] | None = None


def set_listener(listener: Callable[[Reading], None] | None) -> None:
    """Installed by the CLI before a run; the flow's reading task reports each file read to it."""
    global _listener
    _listener = listener


def notify(reading: Reading) -> None:
    if _listener is not None:
        _listener(reading)


class Tracker:
    """Counts files and dossiers done; `line()` is the figure both displays show."""

    def __init__(self, files_per_dossier: dict[str, int]) -> None:
        self.remaining = dict(files_per_dossier)
        self.total_files = sum(files_per_dossier.values())
        self.total_dossiers = len(files_per_dossier)
        self.files = 0
        self.pages = 0
        self.started = time.monotonic()

    def add(self, reading: Reading) -> None:
        self.files += 1
        self.pages += len(reading.pages)
        dossier_id = reading.upload.dossier_id
        self.remaining[dossier_id] = self.remaining.get(dossier_id, 1) - 1

    @property
    def dossiers(self) -> int:
        return sum(1 for left in self.remaining.values() if left <= 0)

    def rate(self) -> float:
        return self.pages / max(time.monotonic() - self.started, 1e-6)

    def line(self) -> str:
        return (
            f"{self.dossiers}/{self.total_dossiers} dossiers, {self.files}/{self.total_files} files, "
            f"{self.pages} pages, {self.rate():.1f} pages/s"
        )


class LogProgress:
    """Plain lines when stderr is not a terminal: at most one every `every` seconds, and the last."""

    def __init__(self, tracker: Tracker, every: float = 10.0) -> None:
        self.tracker = tracker
        self.every = every
        self.last = 0.0

    def __call__(self, reading: Reading) -> None:
        self.tracker.add(reading)
        now = time.monotonic()
        if now - self.last >= self.every or self.tracker.files == self.tracker.total_files:
            self.last = now
            log.info("read %s", self.tracker.line())
