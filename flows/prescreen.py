"""Prefect flow `prescreen`: one pre-screening run over an inbox; every task wraps a justif function."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from classifiers import CurrentModel
from justif import pipeline, progress
from justif.config import Settings
from justif.domain import DossierResult, Reading
from justif.ingest import DossierInput, discover
from justif.report import write_run

# Inputs are large in-memory values, re-read each night: no caching or result persistence.
_task = task(cache_policy=NO_CACHE, persist_result=False)


@_task
def discover_dossiers(inbox: Path) -> list[DossierInput]:
    return discover(inbox)


@_task
def load_classifier(settings: Settings) -> CurrentModel:
    return CurrentModel(settings.models_dir, min_confidence=settings.min_confidence)


@_task
def read_and_assess(
    dossiers: list[DossierInput], classifier: CurrentModel, settings: Settings
) -> tuple[dict[str, list[Reading]], list[DossierResult]]:
    return pipeline.read_and_assess(dossiers, classifier, settings, on_progress=progress.notify)


@_task
def write_outputs(out: Path, results: list[DossierResult], run, readings: dict[str, list[Reading]],
                  settings: Settings):
    with pipeline.derived_store(settings) as conn:
        write_run(out, results, run, pipeline.crop_maker(readings, settings, conn))


@flow(name="prescreen", log_prints=False)
def prescreen(
    inbox: str, out: str | None = None, out_root: str | None = None, settings: Settings | None = None
) -> dict:
    """Read, classify, extract and check every dossier of `inbox`; write the run folder; return its summary."""
    settings = settings or Settings()
    started = datetime.now(UTC)
    out_dir = Path(out) if out else pipeline.run_folder(Path(out_root or "runs"), started)
    # Large values pass between tasks quoted: Prefect otherwise walks every item of a task's inputs
    # (every word of every page) twice per task, looking for futures to resolve: 3-4 s of a run that
    # reads nothing (build/bench), for task lineage in the UI that these sequential tasks do not need.
    dossiers = discover_dossiers(Path(inbox))
    classifier = load_classifier(settings)
    readings, results = read_and_assess(quote(dossiers), quote(classifier), settings)
    run = pipeline.run_info(inbox, dossiers, readings, classifier, started)
    write_outputs(out_dir, quote(results), quote(run), quote(readings), settings)
    return {"out": str(out_dir), **pipeline.status_counts(results)}
