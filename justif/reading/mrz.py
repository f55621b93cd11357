"""Machine-readable zones: find MRZ-like lines in a page's OCR and re-read that band for them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import cv2
import numpy as np

from justif.domain import Word
from justif.mrz import parse_mrz
from justif.reading.geometry import flatten_background, resized
from justif.reading.ocr import ocr_mrz

_FILLER_RUN = re.compile("[<«‹]{2}")
MRZ_CHAR_HEIGHT = 40  # px; OCR-B reads best with large glyphs and the MRZ alphabet only


def _mrz_like(texts: list[str]) -> bool:
    """A line read as a zone's: 20 characters or more with two fillers in a row. Every zone line of the
    four inboxes of build/ has such a run; two fillers apart were a form's marks read as '«'
    ('Prénom(s) RS «+ « Théo Hugo', build/bench B0002), whose band was read 36 times for no zone."""
    joined = "".join(texts)
    return len(joined) >= 20 and _FILLER_RUN.search(joined) is not None


def band_rows(words: list[Word], height: int) -> tuple[int, int, float] | None:
    """Pixel rows spanning the MRZ-like lines (with a margin) and their median glyph height, or None."""
    lines: dict[int, list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    hits = [ws for ws in lines.values() if _mrz_like([w.text for w in ws])]
    if not hits:
        return None
    top = min(w.box[1] for ws in hits for w in ws)
    bottom = max(w.box[3] for ws in hits for w in ws)
    margin = max(bottom - top, 0.02) * 0.5
    glyph = float(np.median([w.box[3] - w.box[1] for ws in hits for w in ws])) * height
    return int(max(0.0, top - margin) * height), int(min(1.0, bottom + margin) * height), glyph


def fit_length(lines: list[str]) -> list[str]:
    """Lines brought to the ICAO length (3x30, 2x36 or 2x44) by widening or narrowing each line's
    longest filler run: Tesseract drops or doubles '<' in long runs far more than other glyphs."""
    if not lines:
        return lines
    target = 30 if len(lines) >= 3 else (44 if max(map(len, lines)) > 40 else 36)
    fitted = []
    for line in lines:
        runs = [(m.end() - m.start(), m.start(), m.end()) for m in re.finditer("<+", line)]
        gap = target - len(line)
        if runs and gap:
            size, start, end = max(runs)
            if size + gap >= 1:
                line = line[:start] + "<" * (size + gap) + line[end:]
        fitted.append(line)
    return fitted


def _scaled(band: np.ndarray, glyph: float, target: float) -> np.ndarray:
    factor = target / max(1.0, glyph)
    return band if abs(factor - 1.0) < 0.1 else resized(band, factor)


def band_variants(gray: np.ndarray, rows: tuple[int, int, float]) -> Iterator[np.ndarray]:
    """The band as first read, then the readings that put right what OCR missed on bench phone photos
    and scans: background flattened at three glyph sizes, lightly blurred, and a band one line taller
    each way (a first line the page's OCR did not see as MRZ-like)."""
    top, bottom, glyph = rows
    band = gray[top:bottom]
    yield _scaled(band, glyph, MRZ_CHAR_HEIGHT) if MRZ_CHAR_HEIGHT / max(1.0, glyph) > 1.2 else band
    flattened = flatten_background(band)
    flat = _scaled(flattened, glyph, MRZ_CHAR_HEIGHT)
    yield flat
    yield _scaled(flattened, glyph, 30)
    yield _scaled(flattened, glyph, 55)
    yield cv2.GaussianBlur(flat, (3, 3), 0)
    pitch = int(2 * glyph)
    wide = gray[max(0, top - pitch) : min(gray.shape[0], bottom + pitch)]
    yield _scaled(flatten_background(wide), glyph, MRZ_CHAR_HEIGHT)


def _failures(lines: list[str]) -> tuple[int, int]:
    """How far a reading is from passing: its failing checks, then those whose digit reads as a letter.
    Of two readings failing as many checks, the one printing digits where digits go is the better read:
    build/bench B0008, a 1988 card printed with a wrong check digit, read by one model with a filler lost
    and 'F' for the birth date's digit, which would have left the zone unjudged instead of invalid."""
    result = parse_mrz(lines)
    return (len(result.failed), len(result.unread_digits)) if result is not None else (99, 0)


def read_band(images: list[np.ndarray], words: list[Word], models: list[str], deadline: float) -> list[str]:
    """MRZ lines re-read from the band where the page's OCR saw '<' runs; [] when there is none.
    A reading whose check digits fail is read again in other variants (`band_variants`) until one
    passes them all, of each image in turn (the page as read, then as cleaned up before any leader or
    rule was erased, which had also taken strokes off the zone: build/holdout7 B0028's T read as 1),
    and with each Tesseract model in turn (`ReadSettings.mrz_models`); otherwise the reading closest
    to passing is kept (`_failures`). A zone printed wrong fails in every variant, so it is still
    reported; a misread one rarely does."""
    rows = band_rows(words, images[0].shape[0])
    if rows is None:
        return []
    best: tuple[tuple[int, int], list[str]] = ((100, 0), [])
    for model in models:
        for gray in images:
            for band in band_variants(gray, rows):
                lines = fit_length(ocr_mrz(band, model, deadline))
                failures = _failures(lines) if lines else (100, 0)
                if failures < best[0]:
                    best = (failures, lines)
                if failures[0] == 0:
                    return lines
    return best[1]
