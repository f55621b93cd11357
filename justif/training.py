"""Retraining as plain functions: labelled pages from the corpus and from staff samples, then the decision."""

from __future__ import annotations

import logging
from pathlib import Path

from classifiers.corpus import LabelledPage, labelled_pages
from classifiers.labels import load_labels, sample_pages
from classifiers.train import retrain
from justif.config import Settings
from justif.domain import Reading, Upload
from justif.reading import read_uploads

log = logging.getLogger(__name__)


def reader(settings: Settings):
    """The reading stage as the classifiers' trainers expect it: uploads in, readings out (cached)."""

    def read(uploads: list[Upload]) -> list[Reading]:
        return read_uploads(uploads, settings.read, workers=settings.workers, cache_dir=settings.cache_dir)

    return read


def corpus_pages(corpus: Path, truth: Path, settings: Settings) -> list[LabelledPage]:
    return labelled_pages(corpus, truth, reader(settings))


def labelled_sample_pages(labels: Path, settings: Settings) -> list[LabelledPage]:
    """Validated first: a malformed labels file raises LabelsError before anything is read or trained."""
    samples = load_labels(labels)
    return sample_pages(labels, samples, reader(settings))


def retrain_and_decide(settings: Settings, base: list[LabelledPage], labelled: list[LabelledPage], seed: int) -> dict:
    decision = retrain(settings.models_dir, base, labelled, seed=seed)
    log.info("retrain: %s", decision.summary())
    return {"summary": decision.summary(), **decision.as_dict()}
