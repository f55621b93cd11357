"""Nightly re-runs: a dossier whose declaration, uploads, model and code are unchanged keeps its result
and its report crops from the cache; any change to its declaration assesses it again."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import justif.reading
from classifiers import CurrentModel, load_current
from justif import pipeline
from justif.config import Settings
from justif.ingest import discover

DEMO = Path(__file__).resolve().parent.parent / "sample_docs" / "demo_inbox"


@pytest.fixture
def computed(monkeypatch) -> list[str]:
    """The dossiers assessed from now on: `pipeline.assess` records each call and raises (a dossier
    whose assessment raises is left to staff, the run goes on)."""
    calls: list[str] = []

    def record(item, *args, **kwargs):
        calls.append(item.dossier_id)
        raise AssertionError("computed again")

    monkeypatch.setattr(pipeline, "assess", record)
    return calls


@pytest.fixture
def one_dossier(tmp_path: Path):
    inbox = tmp_path / "inbox"
    shutil.copytree(DEMO / "demo-0003", inbox / "demo-0003")
    settings = Settings(cache_dir=tmp_path / "cache", workers=1)
    dossiers = discover(inbox)
    return inbox, settings, dossiers, pipeline.read_all(dossiers, settings), load_current(settings.models_dir)


def test_an_unchanged_dossier_keeps_its_result(one_dossier, request) -> None:
    inbox, settings, dossiers, readings, classifier = one_dossier
    first = pipeline.assess_all(dossiers, readings, classifier, settings)
    computed = request.getfixturevalue("computed")
    again = pipeline.assess_all(dossiers, readings, classifier, settings)
    assert computed == []
    assert [r.model_dump(exclude={"processed_at"}) for r in again] == \
        [r.model_dump(exclude={"processed_at"}) for r in first]
    assert again[0].processed_at > first[0].processed_at

    declared = inbox / "demo-0003" / "dossier.json"
    data = json.loads(declared.read_text(encoding="utf-8"))
    data["first_names"] = ["Autre"]
    declared.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    pipeline.assess_all(discover(inbox), readings, classifier, settings)
    assert computed == ["demo-0003"]


def test_a_rerun_with_every_result_cached_never_loads_the_model(one_dossier) -> None:
    _, settings, dossiers, readings, classifier = one_dossier
    pipeline.assess_all(dossiers, readings, classifier, settings)
    current = CurrentModel(settings.models_dir)
    assert current.version == classifier.version
    again = pipeline.assess_all(dossiers, readings, current, settings)
    assert "loaded" not in vars(current)  # not unpickled: every result came from the cache
    assert again[0].model_version == classifier.version
    uncached = settings.model_copy(update={"cache_dir": None})
    fresh = pipeline.assess_all(dossiers, readings, current, uncached)
    assert "loaded" in vars(current)
    assert [d.doc_type for d in fresh[0].documents] == [d.doc_type for d in again[0].documents]


def test_no_cache_means_no_reuse(one_dossier, request) -> None:
    _, settings, dossiers, readings, classifier = one_dossier
    uncached = settings.model_copy(update={"cache_dir": None})
    pipeline.assess_all(dossiers, readings, classifier, uncached)
    computed = request.getfixturevalue("computed")
    pipeline.assess_all(dossiers, readings, classifier, uncached)
    assert computed == ["demo-0003"]


def test_report_crops_are_made_once(one_dossier, monkeypatch) -> None:
    _, settings, _, readings, _ = one_dossier
    reading = readings["demo-0003"][0]
    box = (0.1, 0.1, 0.5, 0.3)
    with pipeline.derived_store(settings) as conn:
        png = pipeline.crop_maker(readings, settings, conn)("demo-0003", reading.upload.file, 1, box)
    assert png is not None and png.startswith(b"\x89PNG")
    def rendered_again(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(justif.reading, "page_image", rendered_again)
    with pipeline.derived_store(settings) as conn:
        crop = pipeline.crop_maker(readings, settings, conn)
        assert crop("demo-0003", reading.upload.file, 1, box) == png
        assert crop("demo-0003", reading.upload.file, 1, (0.2, 0.2, 0.6, 0.4)) is None  # new box: rendered


def test_loading_the_flow_does_not_load_what_reads_pages_or_classifies_them() -> None:
    """A re-run whose results are all cached never reads a page nor classifies one: the flow, the pipeline
    and the extractors load NumPy, OpenCV, scikit-learn and the PDF libraries only on first use (OpenCV
    through the signature check alone was 0.06 s of the ~2 s an unchanged re-run of build/bench takes)."""
    probe = "import sys, flows.prescreen; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                                cwd=Path(__file__).resolve().parent.parent).stdout.split())
    assert "justif.pipeline" in loaded and "extractors.registration_confirmation" in loaded
    assert not {"numpy", "cv2", "sklearn", "pdfplumber", "pypdfium2"} & loaded
