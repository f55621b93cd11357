"""The learned half of splitting: cues that a page opens a new document, and the model weighing them."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from classifiers.features import PAGE_MARK, normalise_text
from justif.domain import DOC_TYPES

PAGE_OF = re.compile(r"\bpage\s*(\d+)\s*(?:/|sur|of)\s*(\d+)|^\s*-?\s*(\d)\s*/\s*(\d)\s*-?\s*$", re.I | re.M)
PROPER = re.compile(r"\b[A-ZÀ-Ý][A-Za-zà-ÿ'-]{2,}\b")
TITLE_WORDS = ("attestation", "certificat", "releve", "contrat", "confirmation", "carte", "passeport",
               "titre",
               "facture", "curriculum", "bulletin", "cerfa")


def page_marker(text: str) -> tuple[int, int] | None:
    """(k, n) of a 'Page k/n' or lone 'k/n' line, if any."""
    for match in PAGE_OF.finditer(text):
        k, n = match.group(1) or match.group(3), match.group(2) or match.group(4)
        if 0 < int(k) <= int(n) <= 20:
            return int(k), int(n)
    return None


def _head(text: str, n: int = 6) -> set[str]:
    return set(" ".join(normalise_text(text).split("\n")[:n]).split())


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def pair_features(prev_text: str, text: str, prev_type: str, doc_type: str) -> list[float]:
    """Cues that `text` opens a new document after `prev_text` (types are the predicted ones)."""
    mark, prev_mark = page_marker(text), page_marker(prev_text)
    head = normalise_text(text).split("\n")[:5]
    titled = any(w in line for line in head for w in TITLE_WORDS)
    prev_proper, proper = set(PROPER.findall(prev_text)), set(PROPER.findall(text))
    one_hot = [float(doc_type == t) for t in DOC_TYPES]
    return [
        float(prev_type == doc_type),
        float(mark is not None and mark[0] == 1), float(mark is not None and mark[0] > 1),
        float(prev_mark is not None and prev_mark[0] < prev_mark[1]),
        float(prev_mark is not None and prev_mark[0] == prev_mark[1]),
        float(titled), _jaccard(_head(prev_text), _head(text)),
        _jaccard(set(normalise_text(prev_text).split()), set(normalise_text(text).split())),
        _jaccard(prev_proper, proper), float(len(text.strip()) < 20), float(bool(PAGE_MARK.search(text))),
        *one_hot,
    ]


def head_text(text: str, n: int = 6) -> str:
    """The first lines of a page, normalised: where a document's title sits."""
    return " ".join(normalise_text(text).split("\n")[:n])


class BoundaryModel(ClassifierMixin, BaseEstimator):
    """Does the current page start a new document? X rows are (prev_text, text, prev_type, doc_type).

    A character n-gram model of the page head (titles open documents, 'suite', 'page 2' continue them),
    cross-fitted, feeds a logistic regression together with the pair cues of `pair_features`.
    """

    def __init__(self, C: float = 1.0, head_C: float = 1.0) -> None:
        self.C = C
        self.head_C = head_C

    def _head_model(self) -> Pipeline:
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, max_features=20000,
                                     sublinear_tf=True, dtype=np.float32)
        return Pipeline([("tfidf", vectorizer), ("lr", LogisticRegression(C=self.head_C, max_iter=1000))])

    def _features(self, X: Sequence[tuple], head_proba: np.ndarray) -> np.ndarray:
        rows = [pair_features(*row) + [float(h)] for row, h in zip(X, head_proba, strict=True)]
        return np.asarray(rows, dtype=float)

    def fit(self, X: Sequence[tuple], y: Sequence[int]) -> BoundaryModel:
        y = np.asarray(y)
        heads = [head_text(row[1]) for row in X]
        if len(set(y)) > 1 and min(np.bincount(y)) >= 3:
            oof = cross_val_predict(self._head_model(), heads, y, cv=3, method="predict_proba")[:, 1]
            self.head_model_ = self._head_model().fit(heads, y)
        else:
            oof, self.head_model_ = np.full(len(y), 0.5), None
        self.model_ = LogisticRegression(C=self.C, max_iter=1000, class_weight="balanced")
        self.model_.fit(self._features(X, oof), y)
        if self.head_model_ is not None:
            self.head_model_.named_steps["tfidf"].stop_words_ = None  # dropped vocabulary: artefact bloat
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X: Sequence[tuple]) -> np.ndarray:
        check_is_fitted(self, "model_")
        heads = [head_text(row[1]) for row in X]
        head = self.head_model_.predict_proba(heads)[:, 1] if self.head_model_ else np.full(len(X), 0.5)
        return self.model_.predict_proba(self._features(X, head))

    def predict(self, X: Sequence[tuple]) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
