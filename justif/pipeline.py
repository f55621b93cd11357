"""The pre-screen as plain functions: read, classify, extract, check, report (flows/ wraps these)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import queue
import sqlite3
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import justif.reading
from extractors import extract
from justif.checks import check_dossier, duplicate_flags, status_of, unreadable_flags
from justif.config import Settings
from justif.domain import Box, Document, DossierResult, Page, PagePrediction, Reading
from justif.ingest import DossierInput
from justif.reading import cache, read_uploads
from justif.reading.cache import settings_key
from justif.reading.ocr import tesseract_version
from justif.report import RunInfo
from justif.report.html import add_crops, encode_crop
from justif.report.views import dossier_views

log = logging.getLogger(__name__)


class PageClassifier(Protocol):
    """What the pipeline needs of a model (classifiers.PageClassifier, or CurrentModel, which loads one
    on first use)."""

    version: str

    def predict(self, pages: Sequence[Page | str]) -> list[PagePrediction]: ...

    def group_pages(self, pages: list[Page], predictions: list[PagePrediction]) -> list[Document]: ...

_CODE_PACKAGES = ("justif", "extractors", "classifiers")


@functools.cache
def code_fingerprint() -> str:
    """Hash of the source of every package a result depends on: a change to any rule, extractor or
    model code invalidates what was derived before it."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for package in _CODE_PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.suffix in {".py", ".txt", ".j2", ".html"} and path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


@contextlib.contextmanager
def derived_store(settings: Settings) -> Iterator[sqlite3.Connection | None]:
    """The cache database for derived results, or None when the run has no cache."""
    if settings.cache_dir is None:
        yield None
        return
    conn = cache.connect(settings.cache_dir)
    try:
        yield conn
    finally:
        conn.close()


def _result_key(item: DossierInput, readings: list[Reading], classifier: PageClassifier, settings: Settings) -> str:
    """Everything a dossier's result depends on: its declaration, its uploads' bytes and readings, the
    model, the code and the settings."""
    parts = [
        "result", item.dossier_id, item.dossier.model_dump_json() if item.dossier else None, item.error,
        [(r.upload.file, r.upload.sha256, r.error) for r in readings], classifier.version,
        code_fingerprint(), settings_key(settings.read, tesseract_version()), settings.min_confidence,
    ]
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def read_all(
    dossiers: list[DossierInput], settings: Settings, on_progress: Callable[[Reading], None] | None = None
) -> dict[str, list[Reading]]:
    """Every upload of every dossier read once (in parallel, through the cache), grouped by dossier."""
    uploads = [upload for item in dossiers for upload in item.uploads]
    readings = read_uploads(
        uploads, settings.read, workers=settings.workers, cache_dir=settings.cache_dir, on_progress=on_progress
    )
    by_dossier: dict[str, list[Reading]] = {item.dossier_id: [] for item in dossiers}
    for reading in readings:
        by_dossier[reading.upload.dossier_id].append(reading)
    return by_dossier


Predictions = dict[tuple[str, str], list[PagePrediction]]  # by (dossier id, file)


def predict_all(readings: list[Reading], classifier: PageClassifier) -> Predictions:
    """Every page of the readings classified in one call: the model's per-call cost (9 ms on the
    shipped pipeline) is paid once instead of once per upload."""
    readable = [r for r in readings if not r.error and r.pages]
    if not readable:
        return {}  # nothing to classify: the model is not even loaded (CurrentModel)
    predicted = classifier.predict([page for r in readable for page in r.pages])
    out: Predictions = {}
    for reading in readable:
        out[(reading.upload.dossier_id, reading.upload.file)] = predicted[: len(reading.pages)]
        predicted = predicted[len(reading.pages) :]
    return out


def documents_of(reading: Reading, classifier: PageClassifier, settings: Settings,
                 predictions: Predictions | None = None) -> list[Document]:
    """Classify an upload's pages (or take them from `predictions`), group them into documents and
    extract each one's fields."""
    if reading.error or not reading.pages:
        return []
    key = (reading.upload.dossier_id, reading.upload.file)
    predictions = predictions[key] if predictions and key in predictions else classifier.predict(reading.pages)
    documents = classifier.group_pages(reading.pages, predictions)
    upload = reading.upload

    pages_by_number = {page.number: page for page in reading.pages}

    def image_of(number: int):
        return justif.reading.page_image(upload.path, upload.kind, number, settings.read, pages_by_number.get(number))

    for document in documents:
        pages = [p for p in reading.pages if p.number in document.pages]
        extraction = extract(document.doc_type, pages, image_of)
        document.subtype = extraction.subtype
        document.fields = extraction.fields
        document.field_confidence = extraction.field_confidence
        document.evidence = extraction.evidence
    return documents


def assess(
    item: DossierInput, readings: list[Reading], classifier: PageClassifier, settings: Settings,
    predictions: Predictions | None = None,
) -> DossierResult:
    """One dossier's result before cross-dossier checks (duplicates)."""
    now = datetime.now(UTC)
    documents = [doc for reading in readings for doc in documents_of(reading, classifier, settings, predictions)]
    if item.dossier is None:
        flags = unreadable_flags(readings)  # without a declaration only the uploads can be judged
        return DossierResult(
            dossier_id=item.dossier_id, status="to_review", documents=documents, flags=flags,
            model_version=classifier.version, processed_at=now, error=item.error,
        )
    flags = check_dossier(item.dossier, documents, readings)
    return DossierResult(
        dossier_id=item.dossier_id, status=status_of(flags), documents=documents, flags=flags,
        model_version=classifier.version, processed_at=now,
        specialty=item.dossier.specialty, category=item.dossier.category,
    )


# French, for staff: the result of a dossier whose checks stopped on a fault of this program.
ASSESS_FAILED = ("contrôle automatique interrompu par une erreur du programme : le dossier est à examiner "
                 "entièrement à la main")


def _left_to_staff(item: DossierInput, readings: list[Reading], classifier: PageClassifier,
                   exc: Exception) -> DossierResult:
    """The result of a dossier whose assessment raised: its file flags only, to review whole. The log
    names the dossier and where the fault is, never the exception's message (it may quote a page)."""
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    log.warning("dossier %s: assessment failed (%s%s); left to staff", item.dossier_id, type(exc).__name__,
                f" at {Path(where.filename).name}:{where.lineno}" if where else "")
    declared = item.dossier
    return DossierResult(
        dossier_id=item.dossier_id, status="to_review", flags=unreadable_flags(readings),
        model_version=classifier.version, processed_at=datetime.now(UTC), error=ASSESS_FAILED,
        specialty=declared.specialty if declared else None, category=declared.category if declared else None,
    )


def _assessed(
    item: DossierInput, readings: list[Reading], classifier: PageClassifier, settings: Settings,
    conn: sqlite3.Connection | None,
) -> tuple[DossierResult, bool]:
    """One dossier's result before cross-dossier checks, and whether it was assessed now: kept from the
    cache when its declaration, uploads, model and code are all unchanged since a previous run, else
    assessed and stored. A dossier whose assessment fails is left to staff (`_left_to_staff`), not
    stored, and the run goes on."""
    key = _result_key(item, readings, classifier, settings) if conn else ""
    if conn and (blob := cache.get_derived(conn, key)) is not None:
        result = DossierResult.model_validate_json(blob)
        result.processed_at = datetime.now(UTC)
        return result, False
    try:
        result = assess(item, readings, classifier, settings, predict_all(readings, classifier))
    except Exception as exc:  # a fault met on one dossier's pages must not cost the night's run
        return _left_to_staff(item, readings, classifier, exc), True
    if conn:
        cache.put_derived(conn, key, result.model_dump_json().encode())
    return result, True


def assess_all(
    dossiers: list[DossierInput], readings: dict[str, list[Reading]], classifier: PageClassifier, settings: Settings
) -> list[DossierResult]:
    """Every dossier assessed (`_assessed`: a nightly re-run only assesses what changed), then the
    cross-dossier duplicate check."""
    with derived_store(settings) as conn:
        results = [_assessed(item, readings[item.dossier_id], classifier, settings, conn)[0] for item in dossiers]
    add_duplicates(results, readings)
    return results


def read_and_assess(
    dossiers: list[DossierInput], classifier: PageClassifier, settings: Settings,
    on_progress: Callable[[Reading], None] | None = None,
) -> tuple[dict[str, list[Reading]], list[DossierResult]]:
    """`read_all` then `assess_all`, with each dossier assessed as soon as its last upload is read, on a
    thread of this process while the workers read on: classification, extraction and checks (5 s of
    build/bench, on one core) overlap the reading instead of following it with a core idle. Readings
    and results come in the order of `dossiers`, as from `read_all` and `assess_all`. With a cache, the
    report's crops of each dossier assessed are made there too (`_make_crops`)."""
    uploads = [upload for item in dossiers for upload in item.uploads]
    position = {(upload.dossier_id, upload.file): index for index, upload in enumerate(uploads)}
    readings: dict[str, list[Reading]] = {item.dossier_id: [] for item in dossiers}
    left = {item.dossier_id: len(item.uploads) for item in dossiers}
    ready: queue.SimpleQueue[DossierInput | None] = queue.SimpleQueue()
    by_id = {item.dossier_id: item for item in dossiers}
    for item in dossiers:
        if not item.uploads:
            ready.put(item)

    def on_read(reading: Reading) -> None:
        dossier_id = reading.upload.dossier_id
        readings[dossier_id].append(reading)
        left[dossier_id] -= 1
        if left[dossier_id] == 0:
            readings[dossier_id].sort(key=lambda r: position[(dossier_id, r.upload.file)])
            ready.put(by_id[dossier_id])
        if on_progress:
            on_progress(reading)

    results: dict[str, DossierResult] = {}
    failed: list[BaseException] = []

    def assess_ready() -> None:
        try:
            with derived_store(settings) as conn:  # a connection of this thread's own
                while (item := ready.get()) is not None:
                    result, now = _assessed(item, readings[item.dossier_id], classifier, settings, conn)
                    results[item.dossier_id] = result
                    if now and conn is not None:
                        _make_crops(result, readings[item.dossier_id], settings, conn)
        except BaseException as exc:  # raised again in the caller's thread once reading is over
            failed.append(exc)

    assessor = threading.Thread(target=assess_ready, name="justif-assess", daemon=True)
    assessor.start()
    try:
        read_uploads(uploads, settings.read, workers=settings.workers, cache_dir=settings.cache_dir,
                     on_progress=on_read)
    finally:
        ready.put(None)
        assessor.join()
    if failed:
        raise failed[0]
    if unreported := [item for item in dossiers if item.dossier_id not in results]:  # an upload never read
        with derived_store(settings) as conn:
            for item in unreported:
                results[item.dossier_id] = _assessed(item, readings[item.dossier_id], classifier, settings, conn)[0]
    ordered = [results[item.dossier_id] for item in dossiers]
    add_duplicates(ordered, readings)
    return readings, ordered


def _make_crops(result: DossierResult, readings: list[Reading], settings: Settings, conn: sqlite3.Connection) -> None:
    """The report's crops of a dossier just assessed, made into the cache now: the report finds them
    there instead of rendering every flagged page once all is read (1.4 s of build/bench on one core)."""
    add_crops(dossier_views([result]), crop_maker({result.dossier_id: readings}, settings, conn))


def run_info(
    inbox: str, dossiers: list[DossierInput], readings: dict[str, list[Reading]], classifier: PageClassifier,
    started: datetime,
) -> RunInfo:
    """The run's figures for summary.json and the report."""
    finished = datetime.now(UTC)
    seconds = (finished - started).total_seconds()
    n_pages = sum(len(r.pages) for items in readings.values() for r in items)
    return RunInfo(
        started_at=started, finished_at=finished, seconds=round(seconds, 2), model_version=classifier.version,
        inbox=str(inbox), n_files=sum(len(items) for items in readings.values()), n_pages=n_pages,
        pages_per_second=round(n_pages / seconds, 2) if seconds > 0 else 0.0,
        errors={item.dossier_id: item.error for item in dossiers if item.error},
    )


def status_counts(results: list[DossierResult]) -> dict[str, int]:
    counts = {"ok": 0, "to_review": 0, "incomplete": 0}
    for result in results:
        counts[result.status] += 1
    return counts


def add_duplicates(results: list[DossierResult], readings: dict[str, list[Reading]]) -> None:
    """DUPLICATE_UPLOAD across dossiers, then each status again."""
    extra = duplicate_flags(readings)
    for result in results:
        if extra.get(result.dossier_id):
            result.flags.extend(extra[result.dossier_id])
            if result.error is None:
                result.status = status_of(result.flags)


def crop_maker(
    readings: dict[str, list[Reading]], settings: Settings, conn: sqlite3.Connection | None = None
) -> Callable[[str, str, int, Box | None], bytes | None]:
    """page_crop(dossier_id, file, page, box) -> the crop as the report embeds it (`encode_crop`: PNG, or
    JPEG for a photo), re-rendered from the page (never the original).
    With `conn` (the cache), crops made by an earlier run of the same file, page, box and code are reused."""
    by_file = {(r.upload.dossier_id, r.upload.file): r for items in readings.values() for r in items}
    recent: dict[tuple[str, str, int], object] = {}  # flags of one page come together: render it once
    version = [code_fingerprint(), settings_key(settings.read, tesseract_version())] if conn else []

    def render(reading: Reading, page: int, box: Box | None) -> bytes | None:
        upload = reading.upload
        read_page = next((p for p in reading.pages if p.number == page), None)
        key = (upload.dossier_id, upload.file, page)
        try:
            if key not in recent:
                recent.clear()
                recent[key] = justif.reading.page_image(upload.path, upload.kind, page, settings.read, read_page)
            image = recent[key]
        except Exception:  # a crop is a convenience: its failure must not stop the report
            log.warning("no crop for %s page %d (%s)", upload.sha256[:12], page, upload.dossier_id)
            return None
        return _crop_bytes(image, box)

    def page_crop(dossier_id: str, file: str, page: int, box: Box | None) -> bytes | None:
        reading = by_file.get((dossier_id, file))
        if reading is None or reading.upload.kind is None:
            return None
        if conn is None:
            return render(reading, page, box)
        parts = ["crop", reading.upload.sha256, page, list(box) if box else None, *version]
        key = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
        stored = cache.get_derived(conn, key)
        if stored is not None:
            return stored
        png = render(reading, page, box)
        if png is not None:
            cache.put_derived(conn, key, png)
        return png

    return page_crop


def _crop_bytes(image, box: Box | None) -> bytes:
    width, height = image.size
    if box is not None:
        x0, y0, x1, y1 = box
        pad_x, pad_y = 0.08, 0.03
        image = image.crop((
            int(max(0.0, x0 - pad_x) * width), int(max(0.0, y0 - pad_y) * height),
            int(min(1.0, x1 + pad_x) * width), int(min(1.0, y1 + pad_y) * height),
        ))
    return encode_crop(image.convert("L"))


def run_folder(out_root: Path, when: datetime) -> Path:
    """A dated run folder under `out_root` for scheduled runs."""
    return out_root / when.strftime("%Y-%m-%d_%H%M%S")
