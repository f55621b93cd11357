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
from justif.reading.geometry import char_boxes
from justif.reading.ocr import OcrWord, ocr_words
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
POOR_WORDS, POOR_CONF = 10, 0.6  # a first OCR pass below either is retried with adaptive thresholding


def _read_well(gray: np.ndarray, languages: str, deadline: float, steps: list[str]) -> list[OcrWord]:
    """Tesseract's words; a poor first pass (a gray card whose global threshold blackens it, uneven
    light) is read again with a local threshold and the better-read pass is kept."""
    first = ocr_words(gray, languages, deadline)
    if len(first) >= POOR_WORDS and np.mean([w.conf for w in first]) >= POOR_CONF:
        return first
    second = ocr_words(gray, languages, deadline, adaptive=True)
    if sum(w.conf for w in second) > sum(w.conf for w in first):
        steps.append("adaptive")
        return second
    return first


def ocr_page(gray: np.ndarray, job: PageJob, rotation: int, steps: list[str], deadline: float) -> Page:
    height, width = gray.shape
    words = _words(_read_well(gray, job.settings.languages, deadline, steps), width, height)
    mean_conf = float(np.mean([w.conf for w in words])) if words else 0.0
    mrz_lines = mrz.read_band(gray, words, job.settings.languages, deadline)
    return Page(file="", number=job.number, text=lines_text(words), words=words, source="ocr",
                rotation=rotation, width=width, height=height, mean_conf=round(mean_conf, 4),
                phash=phash_of(gray), steps=steps, mrz_lines=mrz_lines)


def read_page(job: PageJob) -> Page:
    """The page's words and text; raises Unreadable or OcrTimeout."""
    deadline = time.monotonic() + job.settings.page_timeout_s
    if job.kind == "pdf":
        page = _text_layer_page(job)
        if page is not None:
            return page
    source = source_gray(job.path, job.kind, job.number, job.settings)
    gray, rotation, steps = cleanup.clean(source, job.settings)
    if len(char_boxes(gray)[0]) < MIN_CHAR_MARKS:
        return blank_page(gray, job, rotation, steps)
    return ocr_page(gray, job, rotation, steps, deadline)


def blank_page(gray: np.ndarray, job: PageJob, rotation: int, steps: list[str]) -> Page:
    """A page with no character-sized marks (a blank verso, a separator sheet): not OCRed, since
    Tesseract reads scan noise as thousands of characters and may run out of time doing it."""
    height, width = gray.shape
    return Page(file="", number=job.number, text="", words=[], source="ocr", rotation=rotation, width=width,
                height=height, mean_conf=0.0, phash=phash_of(gray), steps=[*steps, "blank"])


def page_image(path: Path, kind: FileKind, page_number: int, settings: ReadSettings,
               page: Page | None = None) -> Image.Image:
    """The upright, cleaned grayscale image the page's word boxes refer to (deterministic).
    Given the `page` as read, its route and turn are reused instead of being found again."""
    if page is not None and page.source == "text_layer":
        return Image.fromarray(source_gray(path, kind, page_number, settings))
    if page is None and kind == "pdf" and textlayer.read_text_layer(path, page_number, settings) is not None:
        return Image.fromarray(source_gray(path, kind, page_number, settings))
    rotation = page.rotation if page is not None else None
    gray, _, _ = cleanup.clean(source_gray(path, kind, page_number, settings), settings, rotation=rotation)
    return Image.fromarray(gray)
