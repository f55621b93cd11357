"""Page-text features robust to OCR noise: normalised word and character n-grams plus a few layout cues."""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from classifiers.keywords import KEYWORDS
from classifiers.noise import strip_accents

# Digits read inside words are usually letters (Tesseract: 0/o, 1/l, 5/s, 8/b).
DIGIT_AS_LETTER = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b", "|": "l", "!": "l", "$": "s"})
IN_WORD_DIGIT = re.compile(r"(?<=[a-z])[0158|!$]+|[0158|!$]+(?=[a-z]{2})")
GRADE = re.compile(r"\d{1,2}(?:[.,]\d{1,2})?\s*/\s*20\b")
PAGE_MARK = re.compile(r"\bpage\s*\d+\s*(?:/|sur|of)\s*\d+|\b\d\s*/\s*\d\b")
MRZ_LINE = re.compile(r"[<«]{2,}")
NON_WORD = re.compile(r"[^a-z0<\n ]+")
SPACES = re.compile(r"[ \t]+")


def normalise_text(text: str) -> str:
    """Lowercase, no accents, letters for digits misread inside words, digit runs as '0', junk dropped."""
    text = strip_accents(text.lower()).replace("’", "'")
    text = IN_WORD_DIGIT.sub(lambda m: m.group(0).translate(DIGIT_AS_LETTER), text)
    text = GRADE.sub(" notesur0 ", text)
    text = re.sub(r"\d+", "0", text)
    text = NON_WORD.sub(" ", text)
    lines = (SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if len(line) > 1)


def layout_vector(text: str) -> list[float]:
    """Scaled layout cues of one raw page text; each lies roughly within 0..1."""
    lines = [line for line in text.split("\n") if line.strip()]
    chars = [c for c in text if not c.isspace()]
    n = max(len(chars), 1)
    return [
        min(np.log1p(len(lines)) / 4.0, 1.5),
        sum(c.isdigit() for c in chars) / n,
        sum(c.isupper() for c in chars) / n,
        min(sum(bool(MRZ_LINE.search(line)) for line in lines), 3) / 3.0,
        min(len(GRADE.findall(text)), 8) / 8.0,
        float(bool(PAGE_MARK.search(text.lower()))),
        float(len(chars) < 20),
        min(np.log1p(len(chars)) / 8.0, 1.5),
    ]


def _keyword_hit(keyword: str, padded: str) -> bool:
    return (f" {keyword} " if keyword.replace(" ", "").isalnum() else keyword) in padded


def keyword_vector(text: str) -> list[float]:
    """Per document kind, how many of its distinct keywords the normalised text holds (0..1)."""
    padded = " " + normalise_text(text).replace("\n", " ") + " "
    return [min(sum(_keyword_hit(k, padded) for k in KEYWORDS[t]), 4) / 4.0 for t in sorted(KEYWORDS)]


class KeywordFeatures(TransformerMixin, BaseEstimator):
    """Keyword hits per document kind: what generalises to wordings never seen in training."""

    def fit(self, X, y=None) -> KeywordFeatures:
        self.n_features_out_ = len(KEYWORDS)
        return self

    def transform(self, X) -> sparse.csr_matrix:
        return sparse.csr_matrix(np.array([keyword_vector(t) for t in X], dtype=np.float64))


class LayoutFeatures(TransformerMixin, BaseEstimator):
    """Numbers of lines, shares of digits and capitals, MRZ-like lines, 'x/20' grades, page markers."""

    def fit(self, X, y=None) -> LayoutFeatures:
        self.n_features_out_ = len(layout_vector(""))
        return self

    def transform(self, X) -> sparse.csr_matrix:
        return sparse.csr_matrix(np.array([layout_vector(t) for t in X], dtype=np.float64))


def text_features(word_max: int = 20000, char_max: int = 40000, min_df: int = 2,
                  layout_weight: float = 1.0, keyword_weight: float = 1.0) -> FeatureUnion:
    """Word 1-2 grams and char_wb 3-5 grams over the normalised text, plus layout cues."""
    common = {"preprocessor": normalise_text, "min_df": min_df, "sublinear_tf": True, "dtype": np.float32}
    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), max_features=word_max,
                            token_pattern=r"(?u)\b[a-z]{2,}\b", **common)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), max_features=char_max, **common)
    return FeatureUnion(
        [("words", words), ("chars", chars), ("layout", LayoutFeatures()), ("keywords", KeywordFeatures())],
        transformer_weights={"words": 1.0, "chars": 1.0, "layout": layout_weight, "keywords": keyword_weight},
    )
