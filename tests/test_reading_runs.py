"""Reading: the batch (processes, timeouts, duplicates) and the SQLite cache."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from justif.config import ReadSettings
from justif.domain import Upload
from justif.reading import cache, make_upload, ocr, pool, read_uploads, synth
from justif.reading.page import PageJob


@pytest.fixture(scope="module")
def uploads(tmp_path_factory: pytest.TempPathFactory) -> list[Upload]:
    root = tmp_path_factory.mktemp("inbox")
    for dossier in ("D1", "D2"):
        (root / dossier).mkdir()
    synth.write_text_pdf(root / "D1" / "text.pdf", [synth.page_lines(1, 6)])
    synth.text_image(synth.page_lines(2, 4), dpi=200).save(root / "D1" / "scan.png")
    (root / "D2" / "copy.png").write_bytes((root / "D1" / "scan.png").read_bytes())
    return [make_upload(d, root / d, p) for d in ("D1", "D2") for p in sorted((root / d).iterdir())]


def test_worker_processes_read_in_order_and_share_duplicates(uploads: list[Upload]) -> None:
    readings = read_uploads(uploads, ReadSettings(), workers=2, cache_dir=None)
    assert [r.upload.file for r in readings] == ["scan.png", "text.pdf", "copy.png"]
    assert all(r.error is None and r.pages for r in readings)
    assert readings[2].pages[0].file == "copy.png"
    assert readings[2].pages[0].text == readings[0].pages[0].text


def test_timeout_gives_an_error_and_the_batch_goes_on(uploads: list[Upload], tmp_path: Path) -> None:
    settings = ReadSettings(page_timeout_s=0.001)
    readings = read_uploads(uploads[:2], settings, workers=1, cache_dir=tmp_path)
    assert readings[0].error == "lecture interrompue : délai dépassé à la page 1"
    assert readings[1].error is None and readings[1].pages[0].source == "text_layer"
    again = read_uploads(uploads[:2], settings, workers=1, cache_dir=tmp_path)
    assert again[0].cached and again[0].error == readings[0].error  # not read again every night
    longer = read_uploads(uploads[:2], ReadSettings(), workers=1, cache_dir=tmp_path)
    assert not longer[0].cached and longer[0].error is None and longer[0].pages  # a longer limit reads it
    assert longer[1].cached  # and only it: the limit is no part of a page read in time


def test_cache_hit_on_rerun_and_invalidation(uploads: list[Upload], tmp_path: Path, monkeypatch) -> None:
    first = read_uploads(uploads, ReadSettings(), workers=1, cache_dir=tmp_path)
    assert not any(r.cached for r in first)

    def no_ocr(*args, **kwargs):
        raise AssertionError("OCR ran on a cached file")

    monkeypatch.setattr(ocr, "ocr_words", no_ocr)
    monkeypatch.setattr("justif.reading.page.ocr_words", no_ocr)
    second = read_uploads(uploads, ReadSettings(), workers=1, cache_dir=tmp_path)
    assert all(r.cached for r in second)
    assert [r.pages for r in second] == [r.pages for r in first]
    monkeypatch.undo()
    changed = read_uploads(uploads[:1], ReadSettings(dpi=200), workers=1, cache_dir=tmp_path)
    assert not changed[0].cached


# Run in a fresh interpreter: what a nightly re-run over an unchanged inbox imports.
_CACHED_RERUN = """
import json, sys
from pathlib import Path
from justif.config import ReadSettings
from justif.reading import make_upload, read_uploads
uploads = [make_upload(d, Path(f).parent, Path(f)) for d, f in json.loads(sys.argv[1])]
readings = read_uploads(uploads, ReadSettings(), workers=1, cache_dir=Path(sys.argv[2]))
print(json.dumps({"cached": [r.cached for r in readings], "modules": sorted(sys.modules)}))
"""


def test_a_cached_rerun_does_not_load_what_reads_pages(uploads: list[Upload], tmp_path: Path) -> None:
    """With every file cached, neither NumPy, OpenCV, pdfplumber nor pdfium is imported: 0.13 s of the
    ~2 s an unchanged re-run of build/bench takes."""
    files = json.dumps([[u.dossier_id, str(u.path)] for u in uploads])
    rerun = [sys.executable, "-c", _CACHED_RERUN, files, str(tmp_path)]
    cold = json.loads(subprocess.run(rerun, capture_output=True, text=True, check=True).stdout)
    assert not any(cold["cached"]) and {"numpy", "cv2", "pypdfium2"} <= set(cold["modules"])
    warm = json.loads(subprocess.run(rerun, capture_output=True, text=True, check=True).stdout)
    assert all(warm["cached"])
    assert not {"numpy", "cv2", "pdfplumber", "pypdfium2"} & set(warm["modules"])


def test_cache_is_private_and_purged(uploads: list[Upload], tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    read_uploads(uploads[1:2], ReadSettings(), workers=1, cache_dir=cache_dir)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    for path in cache_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert cache.purge(cache_dir, older_than_days=1) == 0
    assert cache.purge(cache_dir, older_than_days=None) == 1
    assert not read_uploads(uploads[1:2], ReadSettings(), workers=1, cache_dir=cache_dir)[0].cached
    assert cache.purge(tmp_path / "nothing", None) == 0


def _crashing_work(job: PageJob) -> pool.Outcome:
    """Stands in for pool.work in the worker processes: page 2 hangs, page 3 kills its process."""
    if job.number == 2:
        time.sleep(600)
    if job.number == 3:
        os._exit(3)
    return pool.Outcome(None, f"page {job.number} read")


def test_a_crashing_or_hanging_page_is_given_up_and_the_rest_goes_on(monkeypatch) -> None:
    monkeypatch.setattr(pool, "work", _crashing_work)
    monkeypatch.setattr(pool, "STALL_MARGIN_S", 1.0)
    settings = ReadSettings(page_timeout_s=0.2)
    jobs = [PageJob(Path(f"/nowhere/{n}.png"), "png", n, settings) for n in range(1, 6)]
    outcomes: dict[int, str | None] = {}
    pool.run_jobs(jobs, 2, lambda index, outcome: outcomes.setdefault(index + 1, outcome.error) is None)
    assert outcomes == {
        1: "page 1 read", 2: pool.CRASHED.format(n=2), 3: pool.CRASHED.format(n=3),
        4: "page 4 read", 5: "page 5 read",
    }


def test_connections_setting_up_a_new_cache_at_once_all_succeed(tmp_path: Path) -> None:
    # The reading and the assessment of a run (or two runs) opening a new cache database together:
    # switching it to WAL failed at once with 'database is locked' for all but one.
    import threading

    for attempt in range(30):
        folder, start, failures = tmp_path / f"cache{attempt}", threading.Barrier(4), []

        def open_it(folder=folder, start=start, failures=failures) -> None:
            start.wait()
            try:
                cache.connect(folder).close()
            except Exception as exc:  # collected for the assertion
                failures.append(exc)

        threads = [threading.Thread(target=open_it) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
