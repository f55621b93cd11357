"""A run assesses each dossier as soon as its last upload is read, while the workers read on; its results
are those of reading everything first and assessing after."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from classifiers import load_current
from justif import pipeline
from justif.config import Settings
from justif.domain import Reading
from justif.ingest import discover

DEMO = Path(__file__).resolve().parent.parent / "sample_docs" / "demo_inbox"


def _inbox(tmp_path: Path, names: list[str]) -> Path:
    inbox = tmp_path / "inbox"
    for name in names:
        shutil.copytree(DEMO / name, inbox / name)
    return inbox


def test_streamed_results_are_those_of_reading_first(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path, ["demo-0003", "demo-0005"])
    settings = Settings(cache_dir=None, workers=2)
    dossiers = discover(inbox)
    classifier = load_current(settings.models_dir)
    readings, results = pipeline.read_and_assess(dossiers, classifier, settings)
    expected_readings = pipeline.read_all(dossiers, settings)
    expected = pipeline.assess_all(dossiers, expected_readings, classifier, settings)

    def files(by_dossier: dict[str, list[Reading]]) -> dict[str, list[str]]:
        return {d: [r.upload.file for r in items] for d, items in by_dossier.items()}

    assert files(readings) == files(expected_readings)  # each dossier's uploads in their order
    assert [r.dossier_id for r in results] == [d.dossier_id for d in dossiers]
    assert [r.model_dump(exclude={"processed_at"}) for r in results] == \
        [r.model_dump(exclude={"processed_at"}) for r in expected]
    assert any(r.flags for r in results)


def test_a_dossier_is_assessed_while_the_others_are_still_being_read(tmp_path: Path, monkeypatch) -> None:
    inbox = _inbox(tmp_path, ["demo-0003", "demo-0005"])
    settings = Settings(cache_dir=None, workers=1)
    dossiers = discover(inbox)
    first, second = dossiers
    real = pipeline.read_uploads(
        [u for d in dossiers for u in d.uploads], settings.read, workers=1, cache_dir=None)
    assessed = threading.Event()
    real_assessed = pipeline._assessed

    def assessing(item, *args, **kwargs):
        if item.dossier_id == first.dossier_id:
            assessed.set()
        return real_assessed(item, *args, **kwargs)

    def reading_in_two_halves(uploads, read_settings, *, workers, cache_dir, on_progress):
        # the first dossier's uploads, then a wait for its assessment to start, then the second's
        for reading in real:
            if reading.upload.dossier_id == second.dossier_id and not waited:
                waited.append(assessed.wait(timeout=20))
            on_progress(reading)
        return list(real)

    waited: list[bool] = []
    monkeypatch.setattr(pipeline, "_assessed", assessing)
    monkeypatch.setattr(pipeline, "read_uploads", reading_in_two_halves)
    readings, results = pipeline.read_and_assess(dossiers, load_current(settings.models_dir), settings)
    assert waited == [True]  # assessed before the second dossier's first upload was reported read
    assert [r.dossier_id for r in results] == [first.dossier_id, second.dossier_id]
    assert {d: len(items) for d, items in readings.items()} == {d.dossier_id: len(d.uploads) for d in dossiers}


def test_a_run_from_an_empty_cache_then_again_from_it(tmp_path: Path, monkeypatch) -> None:
    # Reading and assessing each open the new cache database: both set it up without locking each other out.
    inbox = _inbox(tmp_path, ["demo-0003"])
    settings = Settings(cache_dir=tmp_path / "cache", workers=2)
    dossiers = discover(inbox)
    classifier = load_current(settings.models_dir)
    _, first = pipeline.read_and_assess(dossiers, classifier, settings)

    def computed_again(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(pipeline, "assess", computed_again)
    readings, again = pipeline.read_and_assess(dossiers, classifier, settings)
    assert all(r.cached for items in readings.values() for r in items)
    assert [r.model_dump(exclude={"processed_at"}) for r in again] == \
        [r.model_dump(exclude={"processed_at"}) for r in first]


def test_the_report_finds_the_crops_made_as_each_dossier_was_assessed(tmp_path: Path, monkeypatch) -> None:
    import justif.reading
    from justif.report import RunInfo, write_run

    inbox = _inbox(tmp_path, ["demo-0004", "demo-0006"])
    settings = Settings(cache_dir=tmp_path / "cache", workers=2)
    dossiers = discover(inbox)
    classifier = load_current(settings.models_dir)
    readings, results = pipeline.read_and_assess(dossiers, classifier, settings)
    assert any(flag.file for result in results for flag in result.flags)  # flags with a page to show

    rendered: list[int] = []
    page_image = justif.reading.page_image

    def counted(*args, **kwargs):
        rendered.append(1)
        return page_image(*args, **kwargs)

    monkeypatch.setattr(justif.reading, "page_image", counted)
    started = results[0].processed_at
    run = RunInfo(started_at=started, finished_at=started, seconds=1.0, model_version=classifier.version,
                  inbox=str(inbox), n_files=5, n_pages=5, pages_per_second=5.0, errors={})
    with pipeline.derived_store(settings) as conn:
        write_run(tmp_path / "out", results, run, pipeline.crop_maker(readings, settings, conn))
    assert rendered == []
    assert "data:image" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_a_dossier_whose_checks_fail_is_left_to_staff_and_the_run_goes_on(tmp_path: Path, monkeypatch,
                                                                           caplog) -> None:
    inbox = _inbox(tmp_path, ["demo-0003", "demo-0005"])
    settings = Settings(cache_dir=tmp_path / "cache", workers=2)
    dossiers = discover(inbox)
    broken, fine = dossiers
    check_dossier = pipeline.check_dossier

    def failing_on_one(dossier, documents, readings):
        if readings and readings[0].upload.dossier_id == broken.dossier_id:
            raise ValueError(f"unexpected value {dossier.last_name!r}")  # a message quoting personal data
        return check_dossier(dossier, documents, readings)

    monkeypatch.setattr(pipeline, "check_dossier", failing_on_one)
    classifier = load_current(settings.models_dir)
    _, results = pipeline.read_and_assess(dossiers, classifier, settings)
    left, assessed = results
    assert (left.dossier_id, left.status, left.error) == (broken.dossier_id, "to_review", pipeline.ASSESS_FAILED)
    assert assessed.dossier_id == fine.dossier_id and assessed.error is None and assessed.documents
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert broken.dossier_id in logged and "ValueError" in logged
    assert broken.dossier.last_name not in logged

    monkeypatch.setattr(pipeline, "check_dossier", check_dossier)  # fixed: the next run assesses it
    _, again = pipeline.read_and_assess(dossiers, classifier, settings)
    assert again[0].error is None and again[0].documents
