"""read_uploads: cached readings first, then every other page of the batch in parallel."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from justif.config import ReadSettings
from justif.domain import Page, Reading, Upload
from justif.reading import cache
from justif.reading.ocr import tesseract_version

if TYPE_CHECKING:
    from justif.reading.page import PageJob
    from justif.reading.pool import Outcome

log = logging.getLogger(__name__)


@dataclass
class _Pending:
    """One distinct file (by sha256) being read, and the uploads that share its bytes."""

    indexes: list[int]
    pages: dict[int, Page] = field(default_factory=dict)
    expected: int = 0
    seconds: float = 0.0
    finished: bool = False


class _Batch:
    def __init__(self, uploads: list[Upload], settings: ReadSettings, conn: sqlite3.Connection | None,
                 on_progress: Callable[[Reading], None] | None) -> None:
        self.uploads, self.settings, self.conn, self.on_progress = uploads, settings, conn, on_progress
        self.key = cache.settings_key(settings, tesseract_version())
        self.results: list[Reading | None] = [None] * len(uploads)
        self.files: dict[str, _Pending] = {}
        for index, upload in enumerate(uploads):
            self.files.setdefault(upload.sha256, _Pending([])).indexes.append(index)

    def cache_key(self, sha256: str) -> str:
        return f"{sha256}:{self.key}"

    def timeout_key(self, sha256: str) -> str:
        """Where a file that ran out of time is kept: under the limit it ran out of."""
        return f"{sha256}:{self.key}:timeout-{self.settings.page_timeout_s:g}"

    def emit(self, sha256: str, pages: list[Page], error: str | None, cached: bool, seconds: float) -> None:
        pending = self.files[sha256]
        pending.finished = True
        for index in pending.indexes:
            upload = self.uploads[index]
            own = [page.model_copy(update={"file": upload.file}) for page in pages]
            reading = Reading(upload=upload, pages=own, error=error, cached=cached, seconds=round(seconds, 3))
            self.results[index] = reading
            if self.on_progress:
                self.on_progress(reading)

    def finish(self, sha256: str, pages: list[Page], error: str | None, cacheable: bool, seconds: float,
               timed_out: bool = False) -> None:
        if error:
            dossier = self.uploads[self.files[sha256].indexes[0]].dossier_id
            log.info("upload %s of dossier %s unreadable: %s", sha256[:12], dossier, error)
        if self.conn is not None and cacheable:
            key = self.timeout_key(sha256) if timed_out else self.cache_key(sha256)
            cache.put(self.conn, key, sha256, error, [] if error else pages)
        self.emit(sha256, [] if error else pages, error, False, seconds)

    def from_cache(self) -> None:
        if self.conn is None:
            return
        keys = [key for sha in self.files for key in (self.cache_key(sha), self.timeout_key(sha))]
        hits = cache.get_many(self.conn, keys)
        for sha in self.files:
            hit = hits.get(self.cache_key(sha)) or hits.get(self.timeout_key(sha))
            if hit is not None:
                self.emit(sha, hit[1], hit[0], True, 0.0)

    def plan(self) -> list[tuple[str, PageJob]]:
        unread = [(sha, pending) for sha, pending in self.files.items() if not pending.finished]
        if not unread:
            return []  # all cached: what reads pages (NumPy, OpenCV, pdfium) is not even imported
        from justif.reading.page import PageJob
        from justif.reading.triage import Unreadable, page_count

        jobs = []
        for sha, pending in unread:
            upload = self.uploads[pending.indexes[0]]
            try:
                pending.expected = page_count(upload, self.settings)
            except Unreadable as exc:
                self.finish(sha, [], str(exc), True, 0.0)
                continue
            assert upload.kind is not None
            numbers = range(1, pending.expected + 1)
            jobs += [(sha, PageJob(upload.path, upload.kind, n, self.settings)) for n in numbers]
        return jobs

    def done(self, sha256: str, number: int, outcome: Outcome) -> bool:
        pending = self.files[sha256]
        if pending.finished:
            return False
        pending.seconds += outcome.seconds
        if outcome.page is None:
            self.finish(sha256, [], outcome.error, outcome.cacheable, pending.seconds, outcome.timed_out)
            return False
        pending.pages[number] = outcome.page
        if len(pending.pages) == pending.expected:
            pages = [pending.pages[n] for n in sorted(pending.pages)]
            self.finish(sha256, pages, None, True, pending.seconds)
        return True


def read_uploads(uploads: list[Upload], settings: ReadSettings, *, workers: int, cache_dir: Path | None,
                 on_progress: Callable[[Reading], None] | None = None) -> list[Reading]:
    """One Reading per upload, in input order; unreadable uploads carry a French `error`, never raise."""
    started = time.perf_counter()
    conn = cache.connect(cache_dir) if cache_dir is not None else None
    try:
        batch = _Batch(uploads, settings, conn, on_progress)
        batch.from_cache()
        planned = batch.plan()
        jobs = [job for _, job in planned]
        if jobs:
            from justif.reading.pool import run_jobs

            run_jobs(jobs, workers, lambda i, outcome: batch.done(planned[i][0], jobs[i].number, outcome))
    finally:
        if conn is not None:
            conn.close()
    cached = sum(1 for r in batch.results if r is not None and r.cached)
    log.info("read %d uploads (%d cached) in %.1f s", len(uploads), cached, time.perf_counter() - started)
    return [r for r in batch.results if r is not None]
