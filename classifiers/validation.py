"""Grouped cross-validation of the page classifier and the splitter, and the open-set threshold choice."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from itertools import groupby

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import GroupKFold

from classifiers.boundary import BoundaryModel
from classifiers.corpus import LabelledPage
from classifiers.evaluate import per_class, split_accuracy, threshold_curve
from classifiers.model import PageTypeClassifier, open_set
from classifiers.split import group_pages
from justif.domain import Document, Page, PagePrediction

log = logging.getLogger(__name__)
THRESHOLDS = [round(t, 2) for t in np.arange(0.2, 0.95, 0.05)]


def uploads(pages: Sequence[LabelledPage]) -> list[list[LabelledPage]]:
    """Pages grouped by upload, in page order."""
    ordered = sorted(pages, key=lambda p: (p.file, p.number))
    return [list(run) for _, run in groupby(ordered, key=lambda p: p.file)]


def out_of_fold_proba(estimator: PageTypeClassifier, pages: Sequence[LabelledPage], n_splits: int = 5,
                      seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities of each page from a model that never saw its group (dossier); and the classes."""
    y = np.array([p.doc_type for p in pages])
    groups = np.array([p.group or p.file for p in pages])
    classes = np.array(sorted(set(y)))
    proba = np.zeros((len(pages), len(classes)))
    folds = GroupKFold(n_splits=min(n_splits, len(set(groups))), shuffle=True, random_state=seed)
    for k, (train, test) in enumerate(folds.split(pages, y, groups)):
        model = clone(estimator).fit([pages[i] for i in train], y[train])
        cols = np.searchsorted(classes, model.classes_)
        proba[np.ix_(test, cols)] = model.predict_proba([pages[i] for i in test])
        log.info("fold %d/%d done", k + 1, folds.n_splits)
    return proba, classes


def choose_threshold(curve: list[dict[str, float]], low: float = 0.3, high: float = 0.7) -> float:
    """The threshold in [low, high] with the best accuracy + 'other' rejection rate (others are few, so
    accuracy alone would neglect them); the lowest such: unseen wordings of real documents score lower."""
    rows = [row for row in curve if low <= row["threshold"] <= high] or curve
    best = max(rows, key=lambda r: (round(r["accuracy"] + r["other_rejection_rate"], 3), -r["threshold"]))
    return best["threshold"]


def _as_page(p: LabelledPage) -> Page:
    source = "ocr" if p.source == "ocr" else "text_layer"
    return Page(file=p.file, number=p.number, text=p.text, source=source)


def boundary_data(pages: Sequence[LabelledPage], predicted: dict[tuple[str, int], str]) -> tuple[list, list]:
    """Pair features and 'starts a new document' labels for the non-first pages of every upload whose
    predicted type is the one before's, or 'other' (a change to a real type always opens a document)."""
    X, y = [], []
    for upload in uploads(pages):
        for prev, cur in zip(upload, upload[1:], strict=False):
            types = predicted[(prev.file, prev.number)], predicted[(cur.file, cur.number)]
            if types[0] == types[1] or types[1] == "other":  # where the splitter asks the model
                X.append((prev.text, cur.text, *types))
                y.append(int(cur.is_first_page))
    return X, y


def truth_documents(pages: Sequence[LabelledPage]) -> list[dict]:
    docs: list[dict] = []
    for upload in uploads(pages):
        for p in upload:
            if p.is_first_page or not docs or docs[-1]["file"] != p.file:
                docs.append({"file": p.file, "pages": [], "doc_type": p.doc_type})
            docs[-1]["pages"].append(p.number)
    return docs


def split_documents(pages: Sequence[LabelledPage], predict: Callable[[list[Page]], list[PagePrediction]],
                    boundary: BoundaryModel | None, min_confidence: float) -> list[Document]:
    """Documents found by classify + split, over every upload."""
    found = []
    for upload in uploads(pages):
        as_pages = [_as_page(p) for p in upload]
        found += group_pages(as_pages, predict(as_pages), boundary=boundary, min_confidence=min_confidence)
    return found


def evaluate_split(pages: Sequence[LabelledPage], predict: Callable[[list[Page]], list[PagePrediction]],
                   boundary: BoundaryModel | None, min_confidence: float) -> dict[str, float]:
    """Documents found by classify + split against the truth documents, over every upload."""
    return split_accuracy(split_documents(pages, predict, boundary, min_confidence), truth_documents(pages))


def is_synthetic(page: LabelledPage) -> bool:
    return page.group.startswith("syn")


def shift_curve(estimator: PageTypeClassifier, pages: Sequence[LabelledPage]) -> list[dict] | None:
    """Threshold curve across sources (fit on synthetic pages, score corpus pages, and back): how the open-set
    rule fares on wordings never seen, which in-source CV cannot tell. None with a single source."""
    sides = [[p for p in pages if is_synthetic(p)], [p for p in pages if not is_synthetic(p)]]
    if min(len(side) for side in sides) < 50:
        return None
    y, probas, classes = [], [], np.array(sorted({p.doc_type for p in pages}))
    for train, test in (sides, sides[::-1]):
        model = clone(estimator).fit(train, [p.doc_type for p in train])
        proba = np.zeros((len(test), len(classes)))
        proba[:, np.searchsorted(classes, model.classes_)] = model.predict_proba(test)
        probas.append(proba)
        y += [p.doc_type for p in test]
    return threshold_curve(np.vstack(probas), classes, y, THRESHOLDS)


def cross_validate(estimator: PageTypeClassifier, pages: Sequence[LabelledPage], seed: int = 0,
                   n_splits: int = 5) -> dict:
    """Grouped CV: per-class scores, threshold curve and choice, out-of-fold probabilities."""
    proba, classes = out_of_fold_proba(estimator, pages, n_splits=n_splits, seed=seed)
    y = [p.doc_type for p in pages]
    curve = threshold_curve(proba, classes, y, THRESHOLDS)
    threshold = choose_threshold(curve)
    preds = open_set(proba, classes, threshold)
    return {"proba": proba, "classes": classes, "curve": curve, "threshold": threshold,
            "per_class": per_class(y, [p.doc_type for p in preds]), "predictions": preds}
