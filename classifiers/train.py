"""Training: fit the page classifier and splitter, measure them by grouped CV, and retrain with promotion."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sklearn.model_selection import GroupKFold

from classifiers import artefacts
from classifiers.boundary import BoundaryModel
from classifiers.corpus import LabelledPage, ReadFn, page_digest
from classifiers.evaluate import split_accuracy
from classifiers.labels import load_labels, sample_pages
from classifiers.model import PageClassifier, PageTypeClassifier
from classifiers.promotion import RetrainDecision, compare, holdout_split, score
from classifiers.validation import (
    boundary_data,
    choose_threshold,
    cross_validate,
    shift_curve,
    split_documents,
    truth_documents,
    uploads,
)

log = logging.getLogger(__name__)
DEFAULT_PARAMS: dict[str, Any] = {"C": 0.3, "model": "svc", "word_max": 20000, "char_max": 40000, "min_df": 2,
                                  "keyword_weight": 1.5}


def data_hash(pages: Sequence[LabelledPage]) -> str:
    """sha256 of the sorted training texts and labels."""
    digest = hashlib.sha256()
    for line in sorted(f"{p.doc_type}\t{p.text}" for p in pages):
        digest.update(line.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _oof_split_accuracy(pages: Sequence[LabelledPage], predicted: dict, seed: int) -> dict[str, float]:
    """Splitting accuracy with out-of-fold page predictions and boundary models fitted on other folds."""
    ups = uploads(pages)
    groups = [u[0].group or u[0].file for u in ups]
    types = {key: pred.doc_type for key, pred in predicted.items()}
    found = []
    folds = GroupKFold(n_splits=min(3, len(set(groups))), shuffle=True, random_state=seed)
    for train, test in folds.split(ups, groups=groups):
        boundary = BoundaryModel().fit(*boundary_data([p for i in train for p in ups[i]], types))
        found += split_documents([p for i in test for p in ups[i]],
                                 lambda ps: [predicted[(p.file, p.number)] for p in ps], boundary, 0.0)
    return split_accuracy(found, truth_documents(pages))


def usable(pages: Sequence[LabelledPage], min_letters: int = 15) -> list[LabelledPage]:
    """Drop pages of real documents whose text was not read (an empty OCR is no example of that type)."""
    return [p for p in pages if p.doc_type == "other" or sum(c.isalpha() for c in p.text) >= min_letters]


def train_model(pages: Sequence[LabelledPage], *, seed: int = 0, params: dict | None = None,
                evaluate: bool = True, cv_folds: int = 5) -> tuple[PageClassifier, dict]:
    """Fit on every usable page; with `evaluate`, grouped-CV figures and the tuned threshold go
    in the card."""
    given, pages = len(pages), usable(pages)
    estimator = PageTypeClassifier(**{**DEFAULT_PARAMS, **(params or {})}, random_state=seed)
    card: dict[str, Any] = {"training_data_sha256": data_hash(pages), "params": estimator.get_params(),
                            "samples_per_class": dict(sorted(Counter(p.doc_type for p in pages).items())),
                            "pages": len(pages), "pages_unread_dropped": given - len(pages), "seed": seed,
                            "cv_folds": cv_folds}
    threshold = 0.5
    if evaluate:
        cv = cross_validate(estimator, pages, seed=seed, n_splits=cv_folds)
        shift = shift_curve(estimator, pages)
        threshold = choose_threshold(shift) if shift else cv["threshold"]
        card["shift_threshold_curve"] = shift
        predicted = {(p.file, p.number): pred for p, pred in zip(pages, cv["predictions"], strict=True)}
        card.update(cv_per_class=cv["per_class"], threshold_curve=cv["curve"],
                    splitting=_oof_split_accuracy(pages, predicted, seed))
    else:
        predicted = {(p.file, p.number): p for p in pages}  # truth types stand in for predictions
    card["min_confidence"] = threshold
    estimator.fit(pages, [p.doc_type for p in pages])
    boundary = BoundaryModel().fit(*boundary_data(pages, {k: v.doc_type for k, v in predicted.items()}))
    digests = frozenset(page_digest(p) for p in pages)
    return PageClassifier(estimator, "", threshold, boundary, card, digests), card


def retrain(models_dir: Path, base_pages: list[LabelledPage], labelled_pages: list[LabelledPage], *,
            seed: int = 0, cv_folds: int = 5) -> RetrainDecision:
    """Challenger on corpus + labelled samples vs the current model, on the same held-out pages.

    Promoted (saved and made current) only when at least as good overall and no class more than 2 points
    worse in recall or f1. The decision is saved in the challenger's card either way.
    """
    current = artefacts.load_current(models_dir) if artefacts.has_current(models_dir) else None
    seen = current.train_digests if current else frozenset()
    rounds = holdout_split(base_pages, labelled_pages, seed=seed, seen=seen)
    challenger_preds, current_preds, truth = [], [], []
    for train_pages, test_pages in rounds:
        model, _ = train_model(train_pages, seed=seed, evaluate=False)
        model.min_confidence = current.min_confidence if current else model.min_confidence
        challenger_preds += [p.doc_type for p in model.predict([p.text for p in test_pages])]
        if current is not None:
            current_preds += [p.doc_type for p in current.predict([p.text for p in test_pages])]
        truth += [p.doc_type for p in test_pages]
    scores = {"challenger": score(truth, challenger_preds)}
    if current is not None:
        scores["current"] = score(truth, current_preds)
    decision = compare(scores, current.version if current else None, held_out=len(truth))
    model, card = train_model(base_pages + labelled_pages, seed=seed, cv_folds=cv_folds)
    card["retrain"] = decision.as_dict()
    decision.challenger_version = artefacts.save(models_dir, model, card)
    if decision.promoted:
        artefacts.set_current(models_dir, decision.challenger_version)
    log.info("%s", decision.summary())
    return decision


def retrain_from_labels(models_dir: Path, base_pages: list[LabelledPage], labels_dir: Path, read: ReadFn, *,
                        seed: int = 0, cv_folds: int = 5) -> RetrainDecision:
    """Validate `labels_dir` first (LabelsError, nothing changed), then read its uploads and retrain."""
    samples = load_labels(labels_dir)
    labelled = sample_pages(labels_dir, samples, read)
    return retrain(models_dir, base_pages, labelled, seed=seed, cv_folds=cv_folds)
