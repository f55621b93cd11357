"""The page classifier: a scikit-learn estimator over page texts, and the wrapper the pipeline calls."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from classifiers.corpus import page_text
from classifiers.features import text_features
from classifiers.noise import add_ocr_noise
from justif.domain import Document, Page, PagePrediction


def as_texts(X: Sequence[Any]) -> list[str]:
    """Page texts from pages, labelled pages or plain strings."""
    return [x if isinstance(x, str) else page_text(x) if isinstance(x, Page) else x.text for x in X]


def augmented(texts: list[str], labels: list[str], copies: int, seed: int) -> tuple[list[str], list[str]]:
    """The texts plus `copies` degraded copies of each (OCR noise, some lines lost): a wording learnt from a
    clean text layer is then also known scanned, and no single line can carry the decision."""
    rng = random.Random(seed)
    out_t, out_y = list(texts), list(labels)
    for _ in range(copies):
        for text, label in zip(texts, labels, strict=True):
            lines = [line for line in text.split("\n") if rng.random() > 0.25]
            out_t.append(add_ocr_noise("\n".join(lines), rng, rng.uniform(0.3, 1.5)))
            out_y.append(label)
    return out_t, out_y


class PageTypeClassifier(ClassifierMixin, BaseEstimator):
    """TF-IDF words + char n-grams + layout cues -> linear model with calibrated probabilities."""

    def __init__(self, C: float = 0.5, model: str = "svc", word_max: int = 20000, char_max: int = 40000,
                 min_df: int = 2, layout_weight: float = 1.0, keyword_weight: float = 1.0, augment: int = 0,
                 random_state: int = 0) -> None:
        self.C = C
        self.model = model
        self.word_max = word_max
        self.char_max = char_max
        self.min_df = min_df
        self.layout_weight = layout_weight
        self.keyword_weight = keyword_weight
        self.augment = augment
        self.random_state = random_state

    def _linear(self) -> BaseEstimator:
        if self.model == "logreg":
            return LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")
        svc = LinearSVC(C=self.C, class_weight="balanced", random_state=self.random_state)
        return CalibratedClassifierCV(svc, method="sigmoid", cv=3, ensemble=False)

    def fit(self, X: Sequence[Any], y: Sequence[str]) -> PageTypeClassifier:
        features = text_features(self.word_max, self.char_max, self.min_df, self.layout_weight,
                                 self.keyword_weight)
        self.pipeline_ = Pipeline([("features", features), ("linear", self._linear())])
        texts, labels = augmented(as_texts(X), list(y), self.augment, self.random_state)
        self.pipeline_.fit(texts, np.asarray(labels))
        for _, vectorizer in features.transformer_list[:2]:
            vectorizer.stop_words_ = None  # the dropped vocabulary: only bloats the artefact
        self.classes_ = self.pipeline_.classes_
        return self

    def predict_proba(self, X: Sequence[Any]) -> np.ndarray:
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.predict_proba(as_texts(X))

    def predict(self, X: Sequence[Any]) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def open_set(proba: np.ndarray, classes: np.ndarray, min_confidence: float) -> list[PagePrediction]:
    """Best class per row, or 'other' when its probability is below `min_confidence`; top-3 as scores."""
    out = []
    for row in proba:
        order = np.argsort(row)[::-1]
        best = int(order[0])
        label = str(classes[best]) if row[best] >= min_confidence else "other"
        scores = {str(classes[i]): round(float(row[i]), 4) for i in order[:3]}
        out.append(PagePrediction(doc_type=label, confidence=round(float(row[best]), 4), scores=scores))
    return out


@dataclass
class PageClassifier:
    """A trained artefact as the pipeline sees it: `predict(pages)`, `version`, the splitting model."""

    estimator: PageTypeClassifier
    version: str
    min_confidence: float = 0.5
    boundary: Any = None  # classifiers.split.BoundaryModel, or None for rules only
    card: dict[str, Any] = field(default_factory=dict)
    train_digests: frozenset[str] = frozenset()  # corpus.page_digest of every training page

    def predict(self, pages: Sequence[Page | str]) -> list[PagePrediction]:
        if not pages:
            return []
        return open_set(self.estimator.predict_proba(pages), self.estimator.classes_, self.min_confidence)

    def group_pages(self, pages: list[Page], predictions: list[PagePrediction]) -> list[Document]:
        """Documents of one upload, split with this artefact's boundary model."""
        from classifiers.split import group_pages

        return group_pages(pages, predictions, boundary=self.boundary, min_confidence=self.min_confidence)
