"""Prefect flow `retrain`: a challenger on the corpus plus labelled samples, promoted only if as good."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from classifiers.corpus import LabelledPage
from justif import training
from justif.config import Settings

_task = task(cache_policy=NO_CACHE, persist_result=False)


@_task
def corpus_pages(corpus: Path, truth: Path, settings: Settings) -> list[LabelledPage]:
    return training.corpus_pages(corpus, truth, settings)


@_task
def labelled_sample_pages(labels: Path, settings: Settings) -> list[LabelledPage]:
    return training.labelled_sample_pages(labels, settings)


@_task
def train_and_decide(settings: Settings, base: list[LabelledPage], labelled: list[LabelledPage], seed: int) -> dict:
    return training.retrain_and_decide(settings, base, labelled, seed)


@flow(name="retrain", log_prints=False)
def retrain(
    corpus: str, truth: str, labels: str | None = None, seed: int = 0, settings: Settings | None = None
) -> dict:
    """Train a challenger, score it and the current model on the same held-out pages, promote or not."""
    settings = settings or Settings()
    labelled = labelled_sample_pages(Path(labels), settings) if labels else []
    base = corpus_pages(Path(corpus), Path(truth), settings)
    return train_and_decide(settings, base, labelled, seed)
