"""Pages read in parallel: one single-threaded worker process per core, crashes contained."""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass

from justif.domain import Page
from justif.reading.ocr import OcrTimeout
from justif.reading.page import PageJob, read_page
from justif.reading.triage import Unreadable

log = logging.getLogger(__name__)
# Workers are recycled every this many pages to bound memory (pdfium, OpenCV buffers), by running
# the batch in chunks of fresh pools: ProcessPoolExecutor(max_tasks_per_child=...) deadlocks on
# Python 3.11-3.13 once a worker retires while tasks are queued (CPython gh-115634).
TASKS_PER_WORKER = 200
# Tesseract's recognition is cancelled at the page timeout; a worker silent for much longer than that
# is stuck where nothing can be cancelled (Tesseract's layout analysis, a pathological PDF in pdfium or
# pdfminer) and is killed.
STALL_FACTOR, STALL_MARGIN_S = 2.0, 30.0
CRASHED = "lecture impossible : le lecteur s'est arrêté à la page {n}"
FAILED = "lecture impossible : erreur inattendue à la page {n}"
TIMEOUT = "lecture interrompue : délai dépassé à la page {n}"


@dataclass(frozen=True)
class Outcome:
    page: Page | None
    error: str | None = None  # French, for staff
    cacheable: bool = True  # crashes and unexpected errors may pass next time
    timed_out: bool = False  # kept under the time limit's own cache key
    seconds: float = 0.0


def work(job: PageJob) -> Outcome:
    """Read one page; every failure becomes an Outcome (the worker never raises)."""
    start = time.perf_counter()
    try:
        return Outcome(read_page(job), seconds=time.perf_counter() - start)
    except Unreadable as exc:
        return Outcome(None, str(exc), seconds=time.perf_counter() - start)
    except OcrTimeout:
        # Kept like any reading: with one Tesseract per core the same page runs out of time again, and
        # re-reading it every night would cost its whole time limit each time. It is kept under its
        # limit (`batch._Batch.timeout_key`): a longer --page-timeout reads it again, as does a purge.
        return Outcome(None, TIMEOUT.format(n=job.number), timed_out=True, seconds=time.perf_counter() - start)
    except Exception as exc:  # a bad file must not stop the batch
        log.warning("page %d failed: %s", job.number, type(exc).__name__)
        error = FAILED.format(n=job.number)
    return Outcome(None, error, cacheable=False, seconds=time.perf_counter() - start)


def _init_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"  # Tesseract: one thread per process beats OpenMP here
    import cv2

    cv2.setNumThreads(1)


@contextmanager
def _single_thread_tesseract() -> Iterator[None]:
    saved = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = saved


def _executor(workers: int) -> ProcessPoolExecutor:
    # spawn: workers are our children, so RUSAGE_CHILDREN accounts for them (and fork is
    # incompatible with max_tasks_per_child); importing the stage takes ~0.4 s per worker
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker)


def run_jobs(jobs: list[PageJob], workers: int, on_done: Callable[[int, Outcome], bool]) -> None:
    """Read every job; on_done(index, outcome) is called in this process as each finishes and returns
    False when the rest of that job's upload is no longer needed. When a worker dies or stalls, the
    jobs it may have been running are retried alone, each in a fresh pool, and given up if that fails."""
    if workers <= 1:
        with _single_thread_tesseract():
            for index, job in enumerate(jobs):
                on_done(index, work(job))
        return
    pending = list(range(len(jobs)))
    while pending:
        chunk, pending = pending[: workers * TASKS_PER_WORKER], pending[workers * TASKS_PER_WORKER :]
        suspects, unstarted = _one_pool(jobs, chunk, workers, on_done)
        pending = unstarted + pending
        for index in suspects:
            if _one_pool(jobs, [index], 1, on_done)[0]:
                on_done(index, Outcome(None, CRASHED.format(n=jobs[index].number), cacheable=False))


def _one_pool(jobs: list[PageJob], queue: list[int], workers: int,
              on_done: Callable[[int, Outcome], bool]) -> tuple[list[int], list[int]]:
    """Run the queued jobs in a fresh pool, at most `workers` at a time so that a crash implicates
    only the jobs in flight. Returns (jobs in flight when the pool broke, jobs never started)."""
    queue, broken = list(queue), []
    stall_s = STALL_FACTOR * jobs[queue[0]].settings.page_timeout_s + STALL_MARGIN_S
    with _executor(min(workers, len(queue))) as pool:
        live: dict[Future, int] = {}
        while queue or live:
            while queue and not broken and len(live) < workers:
                index = queue.pop(0)
                live[pool.submit(work, jobs[index])] = index
            done, _ = wait(live, timeout=stall_s, return_when=FIRST_COMPLETED)
            if not done:
                # Nothing finished in time: whether the workers hang or are already gone (then no
                # future ever resolves), end this pool; the jobs in flight are retried alone.
                _abandon(pool)
                return broken + list(live.values()), queue
            for future in done:
                index = live.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    broken.append(index)
                    continue
                if not on_done(index, outcome):
                    queue = [i for i in queue if jobs[i].path != jobs[index].path]
            if broken and not live:
                return broken, queue
    return broken, queue


def _abandon(pool: ProcessPoolExecutor) -> None:
    log.warning("no page finished in time: stopping the worker processes")
    for process in list((pool._processes or {}).values()):  # no public API to stop a running task
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)  # waiting would block on futures that never resolve
