"""OpenCV page clean-up before OCR: page outline, orientation, deskew, character scale."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from justif.config import ReadSettings
from justif.domain import PageGeometry
from justif.reading.geometry import (
    flatten_background,
    otsu_ink,
    page_quad,
    resized,
    rotate,
    small_copy,
    text_angle,
    text_region,
    unwarp,
)

MIN_SKEW = 0.3  # degrees; below this Tesseract copes and resampling would only blur
TARGET_CHAR_HEIGHT = 26.0  # median blob height (px) of 11 pt text at 300 dpi
# px; text in between is OCRed as is. At 13.5 a blurred phone photo with 16 px glyphs read 'Frencms)'
# for 'Prénom(s)'; scaled, it read right: raising it to 18 took phone-photo fields on build/bench from
# 83.7% to 87.2% (turned pages 86.4% -> 90.7%), clean scans unchanged, the cold run no slower.
SMALL_CHARS, LARGE_CHARS = 18.0, 45.0
MAX_SCALE = 3.0  # beyond this upscaling invents nothing and only multiplies Tesseract's time
MAX_OCR_PIXELS = 24_000_000
AXIS_MARGIN = 1.3  # text lines this much sharper along one axis: no need to try the quarter turns
ALL_STEPS = frozenset({"outline", "orient", "deskew", "background", "scale", "binarise"})
# Kept: each raised word accuracy on generated pages (benchmarks/bench_reading.py --ablation);
# background flattening and Otsu binarisation did not (Tesseract binarises well itself).
KEPT_STEPS = frozenset({"outline", "orient", "deskew", "scale"})


def char_height(gray: np.ndarray) -> float:
    """Median height (pixels) of character-sized ink blobs, 0 when there are too few."""
    small, scale = small_copy(gray, 2000)
    count, _, stats, _ = cv2.connectedComponentsWithStats(otsu_ink(small), connectivity=8)
    h, w = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    keep = (h >= 3) & (h <= 0.1 * small.shape[0]) & (w <= 3 * h) & (w >= 2)
    return float(np.median(h[keep]) / scale) if keep.sum() >= 30 else 0.0


def normalise_scale(gray: np.ndarray, target: float = TARGET_CHAR_HEIGHT) -> tuple[np.ndarray, float]:
    """The page resized so that characters are about target pixels high (1.0: left as is). Their
    height is measured on the text itself; the factor is capped (MAX_SCALE, MAX_OCR_PIXELS)."""
    found = text_region(gray)
    height = found[1] if found else char_height(gray)
    if not height or SMALL_CHARS <= height <= LARGE_CHARS:
        return gray, 1.0
    factor = min(target / height, MAX_SCALE, max(1.0, math.sqrt(MAX_OCR_PIXELS / gray.size)))
    if abs(factor - 1.0) < 0.1:
        return gray, 1.0
    return resized(gray, factor), factor


def binarise(gray: np.ndarray) -> np.ndarray:
    _, out = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return out


@dataclass
class Cleaned:
    """A page ready for OCR: the image, the counter-clockwise quarter turn applied, the steps done,
    the further turns worth trying should it not read clearly (none when the turn was given), and the
    geometry that made the image from the source (`redo` makes it again)."""

    gray: np.ndarray
    rotation: int
    steps: list[str] = field(default_factory=list)
    other_turns: list[int] = field(default_factory=list)
    geometry: PageGeometry = field(default_factory=PageGeometry)


def other_turns(axis_margin: float) -> list[int]:
    """Turns to try when the page, set with its text lines horizontal, does not read: the half turn,
    and the quarter turns only when the text-line axis itself is in doubt. Trying the page as it lies
    first is right for 87 of 94 bench image pages; Latin ascender/descender statistics were right for 65."""
    return [180] + ([90, 270] if axis_margin < AXIS_MARGIN else [])


def clean(gray: np.ndarray, settings: ReadSettings, steps: frozenset[str] = KEPT_STEPS,
          rotation: int | None = None) -> Cleaned:
    """The page set upright as far as geometry tells (page outline, text-line axis, skew), resized to
    Tesseract's character height. Which way up along that axis is left to OCR (`other_turns`);
    `rotation`, when the page was read before, is the turn found then and is applied as is."""
    if not settings.preprocess:
        return Cleaned(gray, 0)
    done: list[str] = []
    quad = page_quad(gray) if "outline" in steps else None
    if quad is not None:
        gray = unwarp(gray, quad)
        done.append("outline")
    angle, margin = text_angle(gray) if steps & {"orient", "deskew"} else (0.0, 1.0)
    nearest = 90 * round(angle / 90)
    quarter = nearest if "orient" in steps else 0  # counter-clockwise, as PIL's Image.rotate
    if "orient" in steps and rotation is not None:
        quarter = rotation
    skew = angle - nearest if "deskew" in steps and abs(angle - nearest) >= MIN_SKEW else 0.0
    gray = rotate(gray, quarter + skew)
    if quarter % 360:
        done.append(f"rotate{quarter % 360}")
    if skew:
        done.append(f"deskew{skew:+.1f}")
    if "background" in steps:
        gray = flatten_background(gray)
        done.append("background")
    factor = 1.0
    if "scale" in steps:
        gray, factor = normalise_scale(gray)
        if factor != 1.0:
            done.append(f"scale{factor:.2f}")
    if "binarise" in steps:
        gray = binarise(gray)
        done.append("binarise")
    turns = other_turns(margin) if "orient" in steps and rotation is None else []
    outline = [(float(x), float(y)) for x, y in quad] if quad is not None else None
    return Cleaned(gray, quarter % 360, done, turns, PageGeometry(outline=outline, turn=quarter + skew, scale=factor))


def redo(gray: np.ndarray, geometry: PageGeometry) -> np.ndarray:
    """The source page made into the image `clean` made of it, from the geometry it found then: the same
    pixels, without estimating outline, angle and character height again (in the main process, for the
    signature check and the report's crops: page_image took 8.3 s instead of 17.4 s over the 196 OCR
    pages of build/bench). Flattening and binarising (steps not kept) are not geometry: not redone."""
    if geometry.outline is not None:
        gray = unwarp(gray, np.float32(geometry.outline))
    gray = rotate(gray, geometry.turn)
    return resized(gray, geometry.scale) if geometry.scale != 1.0 else gray
