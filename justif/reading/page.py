"""Reading one page: text layer when usable, else render, clean up and OCR (the worker's unit)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from justif.config import ReadSettings
from justif.domain import FileKind, Page, Word
from justif.reading import cleanup, mrz, textlayer
from justif.reading.cleanup import Cleaned
from justif.reading.geometry import (
    char_boxes,
    flatten_background,
    inked_char_boxes,
    text_extent,
    without_leaders,
    without_rulings,
)
from justif.reading.ocr import OcrWord, ocr_words
from justif.reading.orient import CLEAR_PAGE_SCORE, best_turn, reading_score
from justif.reading.render import pdf_phash, phash_of, source_gray


@dataclass(frozen=True)
class PageJob:
    path: Path
    kind: FileKind
    number: int
    settings: ReadSettings


def lines_text(words: list[Word]) -> str:
    lines: dict[int, list[str]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word.text)
    return "\n".join(" ".join(texts) for _, texts in sorted(lines.items()))


def _text_layer_page(job: PageJob) -> Page | None:
    found = textlayer.read_text_layer(job.path, job.number, job.settings)
    if found is None:
        return None
    words, width, height = found
    text = lines_text(words)
    return Page(file="", number=job.number, text=text, words=words, source="text_layer",
                width=round(width), height=round(height), phash=pdf_phash(job.path, job.number),
                steps=["text_layer"], mrz_lines=textlayer.mrz_lines_of(text.splitlines()))


def _words(ocr: list[OcrWord], width: int, height: int) -> list[Word]:
    index: dict[tuple[int, int, int], int] = {}
    words = []
    for w in ocr:
        line = index.setdefault(w.line, len(index))
        box = (w.left / width, w.top / height, min(1.0, (w.left + w.width) / width),
               min(1.0, (w.top + w.height) / height))
        words.append(Word(text=w.text, box=box, conf=w.conf, line=line))
    return words


# A blank noisy verso of the bench shows 6 character-sized marks; a page holding one short heading
# ("Relevé de notes") 13, a card verso with only its MRZ 45.
MIN_CHAR_MARKS = 8
# Below this a page holds a heading at most, or scan noise: it is read once, background flattened
# (`_read_sparse`). A noisy verso of the bench (27 marks) took Tesseract 26 s as scanned, 0.6 s flattened.
SPARSE_MARKS = 30
POOR_WORDS, POOR_CONF = 10, 0.6  # a pass below either is retried with the background flattened
# A ruled page with more than this share of its ink marks outside every word is read again unruled, and
# the unruled reading kept when it reads clearly better (REREAD_GAIN): on build/bench, clean scans
# leave 0-0.10 unread (one transcript 0.27); the attestation whose dated table Tesseract skipped, 0.15.
MAX_UNREAD, REREAD_GAIN = 0.1, 1.05
# A ruled page read as fewer words than this (an identity card, a short form) is read again unruled
# whatever its unread share: a card's frame and field rules garble the words next to them without
# hiding any (build/h3001 B0043, a photographed card: 38 words, all its marks read, and the unruled
# reading scored 1.66 times higher). Such a page is read in 0.1-0.3 s.
FEW_WORDS = 60
# A pass still poor once retried is read once more as a single column of text (Tesseract's page
# segmentation mode 4): build/holdout7 B0032, a passport scanned small on a noisy sheet, kept only its zone
# and 28 words of noise, the automatic layout analysis having found no block where the card's text is; as
# one column, its printed number was read and the zone's other number reported. Over the eight inboxes it
# ran on 29 pages, changed only that dossier's fields, and the flag missed there was found. (Mode 11,
# sparse text, lost fields on build/holdout, 96.9% -> 96.5%.) Kept when it reads better (REREAD_GAIN).
ONE_COLUMN_PSM = 4


def _poor(words: list[OcrWord]) -> bool:
    return len(words) < POOR_WORDS or float(np.mean([w.conf for w in words])) < POOR_CONF


def unread_share(gray: np.ndarray, words: list[OcrWord]) -> float:
    """Share of the page's character-sized marks of ink (`inked_char_boxes`) inside no word Tesseract
    returned: high when its layout analysis skipped a block of text (ruled table cells), ~0.05 on a page
    read whole."""
    boxes, scale = inked_char_boxes(gray)
    if len(boxes) < MIN_CHAR_MARKS:
        return 0.0
    cx, cy = (boxes[:, 0] + boxes[:, 2] / 2) / scale, (boxes[:, 1] + boxes[:, 3] / 2) / scale
    covered = np.zeros(len(boxes), dtype=bool)
    for w in words:
        pad = 0.3 * w.height
        covered |= (cx >= w.left - pad) & (cx <= w.left + w.width + pad) & \
                   (cy >= w.top - pad) & (cy <= w.top + w.height + pad)
    return float(1.0 - covered.mean())


# Tesseract reads the page's characters and this many character heights around them, not its blank
# margins: its layout analysis, thresholds and line crops cost by the pixel. On build/bench it was given 64%
# of the pixels and took 11% less time (reading alone: 173 -> 158 CPU-s). Its global threshold now sees no
# margin, and text changed on 109 of 270 pages: fields 97.6 -> 97.3% on build/bench, and up 0.1-0.4 points
# on three inboxes of seeds 3001-3003 (`generate.py --preset bench --seed N`); flags found and false alarms
# moved by one or two each way, on zones and printed numbers read differently.
OCR_MARGIN = 2.0


def _read(image: np.ndarray, languages: str, deadline: float, psm: int = 3, page: np.ndarray | None = None
          ) -> list[OcrWord]:
    """Tesseract's words of `image` within the extent of the characters of `page` (the image itself
    unless it was made from a page with fewer marks), boxes in the image's pixels."""
    region = text_extent(image if page is None else page, OCR_MARGIN)
    return ocr_words(image, languages, deadline, psm=psm, region=region)


def _first_pass(gray: np.ndarray, languages: str, deadline: float, steps: list[str]
                ) -> tuple[np.ndarray, list[OcrWord]]:
    """The image read and Tesseract's words, dotted leaders erased first (`without_leaders`)."""
    if (plain := without_leaders(gray)) is not None:
        steps.append("leaders")
        gray = plain
    return gray, _read(gray, languages, deadline)


def _retried(gray: np.ndarray, first: list[OcrWord], languages: str, deadline: float, steps: list[str]
             ) -> tuple[np.ndarray, list[OcrWord]]:
    """A first pass read again where it fell short (`_reread`), and a reading still poor after that
    once more as a single column (ONE_COLUMN_PSM), the better-read kept."""
    image, words = _reread(gray, first, languages, deadline, steps)
    if not _poor(words):
        return image, words
    column = _read(image, languages, deadline, psm=ONE_COLUMN_PSM)
    if reading_score(column) > REREAD_GAIN * reading_score(words):
        steps.append("one_column")
        return image, column
    return image, words


def _reread(gray: np.ndarray, first: list[OcrWord], languages: str, deadline: float, steps: list[str]
            ) -> tuple[np.ndarray, list[OcrWord]]:
    """A first pass read again where it fell short. A page with table rules whose text Tesseract partly
    skipped, or that it read as few words (FEW_WORDS), is read again with the rules erased
    (`without_rulings`). A poor pass (a gray card whose global threshold blackens it, uneven light) is
    read again with the background flattened by OpenCV, and the better-read pass is kept: 0.3 s where
    Tesseract's own adaptive threshold took 2 s on the same bench pages. (Flattening every page first
    read phone photos better but clean PNG scans worse on build/bench, fields 92.5% -> 87.1%, for no time
    saved: not kept.)"""
    doubtful = len(first) < FEW_WORDS or unread_share(gray, first) > MAX_UNREAD
    if doubtful and (unruled := without_rulings(gray)) is not None:
        second = _read(unruled, languages, deadline, page=gray)
        if reading_score(second) > REREAD_GAIN * reading_score(first):
            steps.append("unruled")
            return unruled, second
    if not _poor(first):
        return gray, first
    flat = flatten_background(gray)
    second = _read(flat, languages, deadline, page=gray)
    if sum(w.conf for w in second) > sum(w.conf for w in first):
        steps.append("flatten")
        return flat, second
    return gray, first


def _read_well(gray: np.ndarray, languages: str, deadline: float, steps: list[str]
               ) -> tuple[np.ndarray, list[OcrWord]]:
    """The page read in one pass, then again where that fell short (`_retried`)."""
    gray, first = _first_pass(gray, languages, deadline, steps)
    return _retried(gray, first, languages, deadline, steps)


def _read_sparse(gray: np.ndarray, languages: str, deadline: float, steps: list[str]
                 ) -> tuple[np.ndarray, list[OcrWord]]:
    """A page of few marks read once, background flattened; a poor reading again with its rules erased,
    the better kept. A photographed card verso counts as few marks (its small letters merge into word
    blobs), and its frame and the sheet's edge had its seven lines read as '— PR PRE te' (build/holdout5
    B0044); erased, they read whole. (Erasing them first lost a card recto's underlined first names.)"""
    image = flatten_background(gray)
    words = ocr_words(image, languages, deadline)
    if _poor(words) and (unruled := without_rulings(gray)) is not None:
        second = ocr_words(unruled, languages, deadline)
        if reading_score(second) > reading_score(words):
            steps.append("unruled")
            return unruled, second
    return image, words


# A page read in the wrong turn comes out as many low-confidence 'words' (build/bench: 41-127 at a mean
# confidence of 0.29-0.46); an upright page that reads poorly, as a few (0-28: a phone photo whose
# layout Tesseract did not find, a degraded card).
MISTURNED_WORDS, MISTURNED_CONF = 30, 0.5


def _misturned(words: list[OcrWord]) -> bool:
    """True when a first pass looks like text read in the wrong turn: many words, most unsure."""
    return len(words) >= MISTURNED_WORDS and float(np.mean([w.conf for w in words])) < MISTURNED_CONF


# An identity document's machine-readable zone read upside down: its '<' fillers come out as '>'.
UPSIDE_DOWN_FILLERS = ">" * 6


def zone_upside_down(words: list[OcrWord]) -> bool:
    """True when the page reads as an upside-down machine-readable zone (runs of '>' and no run of
    '<'): a card whose text bands read poorly in every turn, so that only the zone tells which way up
    (build/holdout B0041, a passport scanned upside down, was read as it lay: no field found)."""
    texts = [w.text for w in words]
    return any(UPSIDE_DOWN_FILLERS in t for t in texts) and not any("<" * 6 in t for t in texts)


def read_image_page(source: np.ndarray, job: PageJob, deadline: float,
                    steps: frozenset[str] = cleanup.KEPT_STEPS) -> Page:
    """Clean up (`steps`) and OCR an image page. The page is read as geometry set it; only when that
    first pass does not read clearly are bands of its text tried in the other turns, and the page
    re-read in the best. An identity document's zone read upside down turns the page over at once.
    A first pass that looks read in the wrong turn (`_misturned`) has its turn settled before it is read
    again (`_retried`), however many letters it made out: a full page upside down reads as enough
    garbled words to pass for clear (a 24-line scan, 0.40 mean confidence), and rotated pages of
    build/bench were read two or three times in the wrong turn, 1.0 s each against 0.4 s upright. When
    its text lines are surely horizontal, such a page is read again upside down at once, the better
    reading kept: testing bands of it first only confirmed the half turn (13 pages of 13 on build/bench,
    18 of 18 on build/holdout5)."""
    languages = job.settings.languages
    cleaned = cleanup.clean(source, job.settings, steps)
    marks = len(char_boxes(cleaned.gray)[0])
    if marks < MIN_CHAR_MARKS:
        return blank_page(cleaned, job)
    if marks < SPARSE_MARKS:
        cleaned.steps.append("sparse")
        image, words = _read_sparse(cleaned.gray, languages, deadline, cleaned.steps)
        return ocr_page(image, cleaned, job, words, deadline)
    image, words = _first_pass(cleaned.gray, languages, deadline, cleaned.steps)
    settled = not (cleaned.other_turns and _misturned(words))
    if settled:
        image, words = _retried(image, words, languages, deadline, cleaned.steps)
    turn = 0
    if 180 in cleaned.other_turns and zone_upside_down(words):
        turn = 180
    elif cleaned.other_turns == [180] and not settled:
        turn = 180  # lines surely horizontal, text read as if upside down: no band decides better
    elif cleaned.other_turns and (not settled or reading_score(words) < CLEAR_PAGE_SCORE):
        turn, _ = best_turn(cleaned.gray, [0, *cleaned.other_turns], languages)
    if turn:
        turned = cleanup.clean(source, job.settings, steps, rotation=(cleaned.rotation + turn) % 360)
        turned_image, turned_words = _read_well(turned.gray, languages, deadline, turned.steps)
        if reading_score(turned_words) > reading_score(words):
            return ocr_page(turned_image, turned, job, turned_words, deadline)
    if not settled:
        image, words = _retried(image, words, languages, deadline, cleaned.steps)
    return ocr_page(image, cleaned, job, words, deadline)


def ocr_page(image: np.ndarray, cleaned: Cleaned, job: PageJob, ocr: list[OcrWord], deadline: float) -> Page:
    height, width = image.shape
    words = _words(ocr, width, height)
    mean_conf = float(np.mean([w.conf for w in words])) if words else 0.0
    images = [image] if image is cleaned.gray else [image, cleaned.gray]
    mrz_lines = mrz.read_band(images, words, job.settings.mrz_models, deadline)
    return Page(file="", number=job.number, text=lines_text(words), words=words, source="ocr",
                rotation=cleaned.rotation, width=width, height=height, mean_conf=round(mean_conf, 4),
                phash=phash_of(cleaned.gray), steps=cleaned.steps, mrz_lines=mrz_lines, geometry=cleaned.geometry)


def read_page(job: PageJob) -> Page:
    """The page's words and text; raises Unreadable or OcrTimeout."""
    deadline = time.monotonic() + job.settings.page_timeout_s
    if job.kind == "pdf":
        page = _text_layer_page(job)
        if page is not None:
            return page
    return read_image_page(source_gray(job.path, job.kind, job.number, job.settings), job, deadline)


def blank_page(cleaned: Cleaned, job: PageJob) -> Page:
    """A page with no character-sized marks (a blank verso, a separator sheet): not OCRed, since
    Tesseract reads scan noise as thousands of characters and may run out of time doing it."""
    height, width = cleaned.gray.shape
    return Page(file="", number=job.number, text="", words=[], source="ocr", rotation=cleaned.rotation,
                width=width, height=height, mean_conf=0.0, phash=phash_of(cleaned.gray),
                steps=[*cleaned.steps, "blank"], geometry=cleaned.geometry)


def page_image(path: Path, kind: FileKind, page_number: int, settings: ReadSettings,
               page: Page | None = None) -> Image.Image:
    """The upright, cleaned grayscale image the page's word boxes refer to (deterministic).
    Given the `page` as read, its route and geometry are reused instead of being found again (a page
    made without its geometry: its turn)."""
    if page is None:
        page = read_page(PageJob(path, kind, page_number, settings))
    source = source_gray(path, kind, page_number, settings)
    if page.source == "text_layer":
        return Image.fromarray(source)
    if page.geometry is not None:
        return Image.fromarray(cleanup.redo(source, page.geometry))
    return Image.fromarray(cleanup.clean(source, settings, rotation=page.rotation).gray)
