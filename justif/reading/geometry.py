"""Page geometry from the ink: page outline in a photo, text-line angle, background, rotation."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import cv2
import numpy as np

WORK_SIDE = 1000  # geometry is estimated on a copy this long, then applied at full resolution
MAX_SKEW = 10.0
MIN_PAGE_CONTRAST = 40  # gray levels between paper and background for an outline to be trusted


def small_copy(gray: np.ndarray, side: int = WORK_SIDE) -> tuple[np.ndarray, float]:
    scale = min(1.0, side / max(gray.shape))
    if scale == 1.0:
        return gray, 1.0
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def resized(gray: np.ndarray, factor: float) -> np.ndarray:
    """The image scaled by `factor`: cubic when enlarging (glyph edges stay smooth), area when shrinking."""
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interpolation)


INK_BLOCK = 31  # px: the neighbourhood whose mean gray is the paper around a pixel (`ink_mask`)


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark strokes (1) on the page (0): adaptive threshold, robust to uneven light."""
    return cv2.adaptiveThreshold(gray, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, INK_BLOCK, 15)


def otsu_ink(gray: np.ndarray) -> np.ndarray:
    """Dark strokes (1) after a light blur and a global threshold: speckle-free on noisy scans."""
    blur = cv2.GaussianBlur(gray, (3, 3), 0)
    return cv2.threshold(blur, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]


def page_quad(gray: np.ndarray) -> np.ndarray | None:
    """Corners (tl, tr, br, bl) of a bright page on a darker background, or None (a flat scan)."""
    small, scale = small_copy(gray, 600)
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(outline)
    quad = cv2.approxPolyDP(cv2.convexHull(outline), 0.02 * cv2.arcLength(outline, True), True)
    if len(quad) != 4 or not 0.2 < area / small.size < 0.97:
        return None
    pts = quad.reshape(4, 2).astype(np.float32)
    by_sum, by_diff = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    corners = np.float32([pts[i] for i in (by_sum.argmin(), by_diff.argmin(), by_sum.argmax(), by_diff.argmax())])
    if not (_sheet_like(corners) and _contrast(blur, corners) >= MIN_PAGE_CONTRAST):
        return None  # a shading edge or a card on a scan, not a sheet on a table
    return corners / scale


def _sheet_like(quad: np.ndarray) -> bool:
    """Four distinct corners, opposite sides of similar length, corners near square (perspective)."""
    if len({tuple(p) for p in quad.tolist()}) < 4:
        return False
    sides = [np.linalg.norm(quad[(i + 1) % 4] - quad[i]) for i in range(4)]
    if min(sides[0], sides[2]) < 0.6 * max(sides[0], sides[2]) or \
            min(sides[1], sides[3]) < 0.6 * max(sides[1], sides[3]):
        return False
    for i in range(4):
        a, b = quad[i - 1] - quad[i], quad[(i + 1) % 4] - quad[i]
        cos = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))
        if abs(cos) > 0.5:  # corner outside 60..120 degrees
            return False
    return True


def _contrast(small: np.ndarray, quad: np.ndarray) -> float:
    """Median gray inside the quad minus median gray outside it."""
    inside = np.zeros(small.shape, np.uint8)
    cv2.fillConvexPoly(inside, quad.astype(np.int32), 1)
    outside = small[inside == 0]
    return float(np.median(small[inside == 1])) - float(np.median(outside)) if outside.size else 0.0


def unwarp(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The page inside the quad, flattened to a rectangle."""
    tl, tr, br, bl = quad
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    matrix = cv2.getPerspectiveTransform(quad, target)
    return cv2.warpPerspective(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


@dataclass(frozen=True)
class _Marks:
    boxes: tuple[np.ndarray, float]  # char_boxes
    blobs: np.ndarray  # every blob, on the same copy
    faint: np.ndarray  # per char box: darkest pixel under MIN_INK_CONTRAST below the local mean


# char_boxes of the images seen last (and every blob they were chosen from), by identity: reading one page
# asks for the same image's boxes up to five times (blank check, scale, leaders, unread share, orientation
# bands), 21 ms each on build/bench pages. An image whose boxes are kept is made read-only, so a stale
# entry cannot be read back.
_RECENT_BOXES: dict[tuple[int, int], tuple[weakref.ref, _Marks]] = {}
_RECENT_MAX = 8
BOX_SIDE = 1600  # char_boxes measures a copy this long
# Gray levels a character's darkest pixel lies below the paper around it (the adaptive threshold's local
# mean). On the OCR pages of build/bench, 0.03% of the marks inside a word Tesseract read were fainter,
# and 91% of the marks outside every word: specks along the edge of a deskewed scan, where the white
# beyond the page raises the local mean, and JPEG ringing. Counted as text, they spread a page's text
# extent to its edges (OCR_MARGIN), were searched for leaders, and made its text look skipped
# (`unread_share`): left out, reading build/bench took 20% less (163.8 -> 130.6 CPU-s in one process), and
# the fields of six generated inboxes moved by -0.2 to +0.4 points; one MRZ_INVALID false alarm went.
MIN_INK_CONTRAST = 40


def _marks(gray: np.ndarray, side: int) -> _Marks:
    key = (id(gray), side)
    if (hit := _RECENT_BOXES.get(key)) is not None and hit[0]() is gray:
        return hit[1]
    marks = _char_boxes(gray, side)
    gray.flags.writeable = marks.boxes[0].flags.writeable = marks.blobs.flags.writeable = False
    for stale in [k for k, (ref, _) in _RECENT_BOXES.items() if ref() is None]:
        del _RECENT_BOXES[stale]
    while len(_RECENT_BOXES) >= _RECENT_MAX:
        del _RECENT_BOXES[next(iter(_RECENT_BOXES))]
    _RECENT_BOXES[key] = (weakref.ref(gray), marks)
    return marks


def char_boxes(gray: np.ndarray, side: int = BOX_SIDE) -> tuple[np.ndarray, float]:
    """(x, y, w, h) of character-sized ink blobs on a copy `side` long, and that copy's scale.
    Frames, rules, photos and paper texture are left out: they mislead line and size estimates."""
    return _marks(gray, side).boxes


def inked_char_boxes(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """char_boxes less the faint ones (MIN_INK_CONTRAST): the marks that are surely print or writing.
    All of them when every one is faint (a page printed pale)."""
    marks = _marks(gray, BOX_SIDE)
    boxes, scale = marks.boxes
    return (boxes, scale) if marks.faint.all() else (boxes[~marks.faint], scale)


def ink_blobs(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """(x, y, w, h) of every ink blob on the copy char_boxes measured (dots and rules among them), and
    that copy's scale."""
    marks = _marks(gray, BOX_SIDE)
    return marks.blobs, marks.boxes[1]


def _char_boxes(gray: np.ndarray, side: int) -> _Marks:
    small, scale = small_copy(gray, side)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink_mask(small), connectivity=8)
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    limit = 0.04 * max(small.shape)
    keep = (h >= 4) & (w >= 2) & (h <= limit) & (w <= limit) & (w <= 4 * h) & (h <= 5 * w + 4)
    keep &= area >= 0.15 * w * h  # not a hollow frame corner
    blobs = np.stack([x, y, w, h], axis=1)
    boxes = blobs[keep]
    local = cv2.boxFilter(small, -1, (INK_BLOCK, INK_BLOCK), borderType=cv2.BORDER_REPLICATE)
    darkest = np.array([small[y : y + h, x : x + w].min() for x, y, w, h in boxes], dtype=np.int16)
    paper_there = local[boxes[:, 1] + boxes[:, 3] // 2, boxes[:, 0] + boxes[:, 2] // 2].astype(np.int16)
    return _Marks((boxes, scale), blobs, paper_there - darkest < MIN_INK_CONTRAST)


# Blobs under this share of the 90th-percentile height are dots, not characters. When the median blob is
# under DOTS_RATIO of the median character (dotted leaders outnumber the letters on a photographed
# confirmation, specks on a card), the characters' median is their height: the dots' (5 px for 18 px
# letters, 4004 B0018) had the page enlarged 3x and its leaders, taken for letters, left in the labels.
GLYPH_SHARE, DOTS_RATIO = 0.4, 0.5


def text_region(gray: np.ndarray) -> tuple[tuple[int, int, int, int], float] | None:
    """Bounding box (x0, y0, x1, y1, full-resolution pixels) of the page's characters and their median
    height, or None when there are too few: sizes come from the text, not the blank page or background."""
    boxes, scale = char_boxes(gray)
    if len(boxes) < 30:
        return None
    x0, y0 = np.percentile(boxes[:, 0], 1), np.percentile(boxes[:, 1], 1)
    x1, y1 = np.percentile(boxes[:, 0] + boxes[:, 2], 99), np.percentile(boxes[:, 1] + boxes[:, 3], 99)
    heights = boxes[:, 3]
    height = float(np.median(heights))
    glyphs = float(np.median(heights[heights >= GLYPH_SHARE * np.percentile(heights, 90)]))
    if height < DOTS_RATIO * glyphs:
        height = glyphs  # the median fell on dots: leaders across a form, or specks on a card
    height /= scale
    return (int(x0 / scale), int(y0 / scale), int(x1 / scale) + 1, int(y1 / scale) + 1), height


# Below this many marks the text-line axis is not trusted, however sharp: build/holdout7 B0040, a residence
# card photographed small on a sheet (33 marks, its letters merged into word blobs), had its labels'
# left-aligned column taken for a line at 90 degrees, 2.9 times sharper, and was never read upright.
SURE_AXIS_MARKS = 50


def text_angle(gray: np.ndarray) -> tuple[float, float]:
    """Angle (degrees, counter-clockwise, -100..100) that makes the text lines horizontal, and how much
    sharper the lines are along that axis than along the other (>= 1; near 1: ambiguous, and 1 from
    fewer than SURE_AXIS_MARKS marks)."""
    boxes, scale = char_boxes(gray, WORK_SIDE)
    if len(boxes) < 30:
        return 0.0, 1.0
    h, w = (np.array([max(gray.shape[0] * scale, 1), max(gray.shape[1] * scale, 1)]))
    xs = boxes[:, 0] + boxes[:, 2] / 2 - w / 2
    ys = boxes[:, 1] + boxes[:, 3] / 2 - h / 2
    length = int(np.hypot(h, w)) + 2

    def score(angle: float) -> float:
        t = np.deg2rad(angle)
        rows = np.clip(ys * np.cos(t) - xs * np.sin(t) + length / 2, 0, length - 1).astype(np.int64)
        return float(np.square(np.bincount(rows, minlength=length).astype(np.float64)).sum())

    steps = np.arange(-MAX_SKEW, MAX_SKEW + 0.1, 1.0)
    best_of = {base: max((a + base for a in steps), key=score) for base in (0.0, 90.0)}
    best = max(best_of.values(), key=score)
    other = min(best_of.values(), key=score)
    fine = max(np.arange(best - 1, best + 1.01, 0.1), key=score)
    sharper = score(best) / max(score(other), 1e-9) if len(boxes) >= SURE_AXIS_MARKS else 1.0
    return float(round(fine, 1)), sharper


def paper(gray: np.ndarray) -> np.ndarray:
    """The page's background gray at every pixel, ink closed over (on a copy 800 long, then enlarged)."""
    small, _ = small_copy(gray, 800)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    return cv2.resize(background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)


def flatten_background(gray: np.ndarray) -> np.ndarray:
    """Divide by the blurred page background: even light, white paper, ink kept gray. A gray card on
    white paper, which one global threshold turns black, comes out as dark text on white."""
    return cv2.divide(gray, np.maximum(paper(gray), 1), scale=255)


def ruling_mask(gray: np.ndarray) -> np.ndarray | None:
    """Table rules and fill-in lines: strokes longer than any glyph (1/25 of the page wide, 1/40 high),
    slightly widened; None when the page has none."""
    ink = ink_mask(gray)
    h, w = gray.shape
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(40, w // 25), 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(40, h // 40))))
    mask = cv2.bitwise_or(horizontal, vertical)
    if not mask.any():
        return None
    return cv2.dilate(mask, np.ones((3, 3), np.uint8)) > 0


def without_rulings(gray: np.ndarray) -> np.ndarray | None:
    """The page with its table rules erased and shaded cells flattened, or None when it has no rules.
    Tesseract's layout analysis drops the text of ruled cells (dates in an attestation's table, on
    bench phone photos); erased, they read like any line."""
    mask = ruling_mask(gray)
    if mask is None:
        return None
    out = flatten_background(gray)
    out[mask] = 255
    return out


def _ink_extent(gray: np.ndarray, margin: float) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) of every character-sized mark of ink (`inked_char_boxes`) on the page, widened
    by margin pixels and kept within the image: the page less its empty margins."""
    boxes, scale = inked_char_boxes(gray)
    height, width = gray.shape
    x0, y0 = boxes[:, 0].min() / scale - margin, boxes[:, 1].min() / scale - margin
    x1, y1 = (boxes[:, 0] + boxes[:, 2]).max() / scale + margin, (boxes[:, 1] + boxes[:, 3]).max() / scale + margin
    return max(0, int(x0)), max(0, int(y0)), min(width, int(x1) + 1), min(height, int(y1) + 1)


def text_extent(gray: np.ndarray, margin: float) -> tuple[int, int, int, int] | None:
    """(x0, y0, x1, y1) of the page's characters widened by `margin` character heights, or None when
    there are too few to tell (`text_region`)."""
    found = text_region(gray)
    return _ink_extent(gray, margin * found[1]) if found is not None else None


LEADER_RUN = 6  # dots in a row, evenly spaced, that make a leader line ('Nom ............ MARTIN')
# Leaders are looked for within the page's characters widened by this many character heights, not over
# its blank margins: 43% less time on 502 page images of build/bench and holdouts. The mask changed on 60
# of them, each by specks along the image's edge taken for leaders, and no evaluation of the eight
# inboxes changed.
LEADER_MARGIN = 3.0


def _dotted_rows(gray: np.ndarray, char: float) -> bool:
    """Whether the reduced copy char_boxes measured shows what a leader may be: a run of 4 dot-sized marks
    on one row, each within 1.5 characters of the next, or a flat mark 1.5 characters long (dots merged
    into a dash, or a rule). Most pages show none, and are spared leader_mask's full-resolution search:
    its masks were the same on 935 page images of build/bench and the seven holdouts, and it took 32%
    less time. (With dots allowed 1 px over 0.4 characters on the copy instead of 2, the leaders found
    on 3 card versos were missed.)"""
    marks, scale = ink_blobs(gray)
    dot = 0.4 * char * scale + 2
    marks = marks[marks[:, 3] <= dot]
    if (marks[:, 2] >= 1.5 * char * scale).any():
        return True
    marks = marks[marks[:, 2] <= dot]
    cx, cy = marks[:, 0] + marks[:, 2] / 2, marks[:, 1] + marks[:, 3] / 2
    # lenient: no least gap, so that marks of neighbouring row bands may link too
    runs = _runs_along_rows(cx, cy, 0.5 * char * scale, -np.inf, 1.5 * char * scale)
    return any(len(run) >= 4 for run in runs)


def _runs_along_rows(cx: np.ndarray, cy: np.ndarray, row: float, least: float, most: float) -> list[np.ndarray]:
    """Indices of marks (centres cx, cy) in runs: ordered by row band (`row` high), then left to right,
    the next mark within `row` of each one's height and `least`..`most` right of it."""
    order = np.lexsort((cx, np.round(cy / row)))
    dx = np.diff(cx[order])
    linked = (np.abs(np.diff(cy[order])) <= row) & (dx >= least) & (dx <= most)
    return np.split(order, np.flatnonzero(~linked) + 1)


def leader_mask(gray: np.ndarray) -> np.ndarray | None:
    """Pixels of dotted leader lines: runs of LEADER_RUN or more dots (under 0.4 character heights), on
    one text row, each within 0.15-1.2 character heights of the next. None when there are none."""
    found = text_region(gray)
    if found is None:
        return None
    char = found[1]
    if not _dotted_rows(gray, char):
        return None
    x0, y0, x1, y1 = _ink_extent(gray, LEADER_MARGIN * char)
    _, labels, stats, centres = cv2.connectedComponentsWithStats(ink_mask(gray[y0:y1, x0:x1]), connectivity=8)
    w, h, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
    ids = np.flatnonzero((w <= 0.4 * char) & (h <= 0.4 * char) & (area >= 0.4 * w * h) & (area >= 2)) + 1
    if len(ids) < LEADER_RUN:
        return None
    cx, cy = centres[ids, 0] + x0, centres[ids, 1] + y0  # page coordinates: rows binned as before
    runs = _runs_along_rows(cx, cy, 0.25 * char, 0.15 * char, 1.2 * char)
    leaders = [ids[run] for run in runs if len(run) >= LEADER_RUN]
    if not leaders:
        return None
    is_leader = np.zeros(len(stats), dtype=bool)
    is_leader[np.concatenate(leaders)] = True
    mask = np.zeros(gray.shape, dtype=bool)
    for run in leaders:  # within each run's box only: looking every pixel's label up took 12 ms a page
        left, top = stats[run, 0].min(), stats[run, 1].min()
        right, bottom = (stats[run, 0] + stats[run, 2]).max(), (stats[run, 1] + stats[run, 3]).max()
        mask[y0 + top : y0 + bottom, x0 + left : x0 + right] |= is_leader[labels[top:bottom, left:right]]
    return mask


def without_leaders(gray: np.ndarray) -> np.ndarray | None:
    """The page with its dotted leaders erased, or None when it has none. Tesseract reads leader dots
    into the words they touch ('Prénom(s) ........ Iñaki' came out 'POROMESN eme eme. Iñaki' on a
    scan): the labels the extractors look for are lost. Dots are painted the paper's gray, not white:
    white dots on a shaded photo brightened the background estimate around them, and flattened, the rows
    they led to came out as gray bands with their values lost (build/holdout6 B0005)."""
    mask = leader_mask(gray)
    if mask is None:
        return None
    out = gray.copy()
    out[mask] = paper(gray)[mask]
    return out


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """The image turned counter-clockwise by angle degrees: exact for quarter turns, else
    interpolated on an enlarged white canvas."""
    quarter = round(angle / 90) % 4
    out = np.ascontiguousarray(np.rot90(gray, quarter)) if quarter else gray
    rest = angle - 90 * round(angle / 90)
    if abs(rest) < 0.05:
        return out
    h, w = out.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), rest, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(h * sin + w * cos), int(h * cos + w * sin)
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    return cv2.warpAffine(out, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=255)
