"""Which way up: OCR a small band of the page's text in each candidate turn and keep the best-read one."""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict

import cv2
import numpy as np

from justif.reading.geometry import ink_mask, rotate, text_region
from justif.reading.ocr import ocr_words

BAND_CHAR_HEIGHT = 24.0  # px: glyph size the band is OCRed at (Tesseract's comfort zone)
BAND_LINES = 12  # band height, in character heights: a few lines are enough to tell
BAND_MAX_WIDTH = 1400  # px, so a band costs a small fraction of the page's OCR
CLEAR_SCORE = 60.0  # a band scoring this (about 60 confident letters) is upright: skip the others
MIN_SCORE = 8.0  # below this nothing read as text in any turn: no turn is better than a guess
BAND_TIMEOUT_S = 20.0
MEMO_SIZE = 256
_memo: OrderedDict[tuple[str, tuple[int, ...], str], tuple[int, list[float]]] = OrderedDict()


def text_band(gray: np.ndarray) -> np.ndarray | None:
    """The densest band of text lines, scaled to BAND_CHAR_HEIGHT glyphs, or None without text."""
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
    band = region[top : top + window, : int(BAND_MAX_WIDTH / factor)]
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(band, None, fx=factor, fy=factor, interpolation=interpolation)


def read_score(band: np.ndarray, languages: str) -> float:
    """Confident letters in word-like tokens: high when the band reads as text, ~0 upside down."""
    words = ocr_words(band, languages, time.monotonic() + BAND_TIMEOUT_S, psm=11)
    score = 0.0
    for word in words:
        letters = sum(c.isalpha() for c in word.text)
        if letters >= 2 and letters >= 0.6 * len(word.text) and word.conf >= 0.5:
            score += letters * word.conf
    return score


def best_turn(gray: np.ndarray, turns: list[int], languages: str) -> tuple[int, list[float]]:
    """best_turn_uncached, remembered per image: page_image() re-cleans a page for every evidence crop."""
    key = (hashlib.blake2b(gray.tobytes(), digest_size=16).hexdigest(), (*gray.shape, *turns), languages)
    if key not in _memo:
        _memo[key] = best_turn_uncached(gray, turns, languages)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return _memo[key]


def best_turn_uncached(gray: np.ndarray, turns: list[int], languages: str) -> tuple[int, list[float]]:
    """The counter-clockwise quarter turn (from `turns`, most likely first) under which the text reads
    best, and the scores tried; the first turn is kept outright when it already reads clearly, and
    none (0) is made when no turn reads as text (a blank or signature-only page)."""
    scores: list[float] = []
    for turn in turns:
        band = text_band(rotate(gray, turn) if turn else gray)
        scores.append(read_score(band, languages) if band is not None and band.size else 0.0)
        if scores[0] >= CLEAR_SCORE:
            break
    if not scores or max(scores) < MIN_SCORE:
        return 0, scores
    return turns[int(np.argmax(scores))], scores
