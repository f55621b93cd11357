"""Which way up: how well a page's words read as text, and, for a page that does not read clearly
as it lies, a small band of its text OCRed in each candidate turn."""

from __future__ import annotations

import time

import numpy as np

from justif.reading.geometry import flatten_background, ink_mask, resized, rotate, text_region
from justif.reading.ocr import OcrWord, ocr_words

BAND_CHAR_HEIGHT = 24.0  # px: glyph size the band is OCRed at (Tesseract's comfort zone)
BAND_LINES = 12  # band height, in character heights: a few lines are enough to tell
BAND_MAX_WIDTH = 1400  # px, so a band costs a small fraction of the page's OCR
# A whole page scoring this reads as text: upright bench pages score 300-500 when clear, pages OCRed
# upside down at most 43 (94 image pages of build/bench).
CLEAR_PAGE_SCORE = 80.0
MIN_SCORE = 8.0  # below this nothing read as text in any turn: no turn is better than a guess
BAND_TIMEOUT_S = 20.0


def reading_score(words: list[OcrWord]) -> float:
    """Confident letters in word-like tokens: high when the image reads as text, ~0 upside down."""
    score = 0.0
    for word in words:
        letters = sum(c.isalpha() for c in word.text)
        if letters >= 2 and letters >= 0.6 * len(word.text) and word.conf >= 0.5:
            score += letters * word.conf
    return score


def text_band(gray: np.ndarray) -> np.ndarray | None:
    """The densest band of text lines, background flattened and scaled to BAND_CHAR_HEIGHT glyphs,
    or None without text."""
    found = text_region(gray)
    if found is None:
        return None
    (x0, y0, x1, y1), height = found
    factor = float(np.clip(BAND_CHAR_HEIGHT / max(height, 1.0), 0.25, 3.0))
    region = gray[y0:y1, x0:x1]
    rows = ink_mask(region).sum(axis=1).astype(np.float64)
    window = min(len(rows), int(BAND_LINES * height / 0.5))  # line pitch ~ 2 glyph heights
    sums = np.convolve(rows, np.ones(max(window, 1)), mode="valid")
    top = int(np.argmax(sums))
    return resized(flatten_background(region[top : top + window, : int(BAND_MAX_WIDTH / factor)]), factor)


def band_score(gray: np.ndarray, languages: str) -> float:
    band = text_band(gray)
    if band is None or not band.size:
        return 0.0
    return reading_score(ocr_words(band, languages, time.monotonic() + BAND_TIMEOUT_S, psm=11))


def best_turn(gray: np.ndarray, turns: list[int], languages: str) -> tuple[int, list[float]]:
    """The counter-clockwise quarter turn (from `turns`, the page as it lies first) under which a band
    of its text reads best, and the scores; none (0) when no turn reads as text (a blank or
    signature-only page)."""
    scores = [band_score(rotate(gray, turn) if turn else gray, languages) for turn in turns]
    if not scores or max(scores) < MIN_SCORE:
        return 0, scores
    return turns[int(np.argmax(scores))], scores
