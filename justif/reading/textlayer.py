"""PDF pages that carry a usable text layer: words with boxes from pdfplumber, lines rebuilt."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from justif.config import ReadSettings
from justif.domain import Word

_WORDLIKE = re.compile(
    r"^[^\w]*(?:(?:[A-Za-zÀ-ÿ][’'])?"  # an elision: L'EXAMEN, d'activités
    r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]*[AEIOUYaeiouyÀ-ÆÈ-ÏÒ-ÖÙ-Üà-æè-ïò-öù-üŒœ][A-Za-zÀ-ÖØ-öø-ÿŒœ'’-]*"
    r"(?:\([a-zé]{1,3}\))?"  # a form's gender ending: Né(e), technicien(ne)
    r"|\d[\d.,:/-]*|[A-Za-z]{1,2}\.?|[A-Z]{2,4}\d{0,3}|[A-Z]\d{1,3}"  # numbers, initials, BTS, U31
    r"|[A-Z0-9<]*<[A-Z0-9<]*)[^\w]*$"  # MRZ
)
# Dotted leaders ('Candidat ........ D'ARCY') are layout, neither words nor junk: a transcript whose
# leaders made up half its characters was taken for a junk layer and OCRed (47 of the 652 text-PDF pages
# of build/bench and the seven holdouts, with elisions, 'Né(e)' and unit codes also counted as junk).
_LEADER = re.compile(r"^[.…_·:]+$")
_MIN_WORDLIKE = 0.6  # share of characters in word-like tokens below which a text layer is junk
_MRZ_LINE = re.compile(r"^[A-Z0-9<]{25,}$")
# A page mostly covered by images and holding little text is a scan with a caption or stamp
# ("Scanné avec ..."): the document is in the image, so it is OCRed.
_SCAN_COVER, _SCAN_MAX_CHARS = 0.5, 300


def wordlike_share(tokens: list[str]) -> float:
    """Share of characters in tokens that look like words or numbers (junk OCR layers score low)."""
    tokens = [t for t in tokens if not _LEADER.match(t)]
    total = sum(len(t) for t in tokens)
    good = sum(len(t) for t in tokens if _WORDLIKE.match(t) and "(cid:" not in t)
    return good / total if total else 0.0


def usable(tokens: list[str], settings: ReadSettings, image_cover: float = 0.0) -> bool:
    chars = sum(len(t) for t in tokens)
    if image_cover >= _SCAN_COVER and chars < _SCAN_MAX_CHARS:
        return False
    return chars >= settings.min_text_chars and wordlike_share(tokens) >= _MIN_WORDLIKE


def _image_cover(page: pdfplumber.page.Page) -> float:
    """Share of the page area under embedded images (overlaps counted twice, capped at 1)."""
    area = sum((im["x1"] - im["x0"]) * (im["bottom"] - im["top"]) for im in page.images)
    return min(1.0, area / max(1.0, float(page.width * page.height)))


def _lines(raw: list[dict]) -> list[list[dict]]:
    """Words grouped into lines (vertical overlap with the line's first word), top to bottom."""
    lines: list[list[dict]] = []
    for word in sorted(raw, key=lambda w: (round(w["top"]), w["x0"])):
        for line in reversed(lines[-3:]):
            head = line[0]
            overlap = min(word["bottom"], head["bottom"]) - max(word["top"], head["top"])
            if overlap > 0.5 * min(word["bottom"] - word["top"], head["bottom"] - head["top"]):
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def read_text_layer(path: Path, page_number: int, settings: ReadSettings
                    ) -> tuple[list[Word], float, float] | None:
    """Words of a PDF page's text layer with fractional boxes, and the page size in points;
    None when the layer is missing or junk (the page must be OCRed)."""
    with pdfplumber.open(path, pages=[page_number]) as pdf:
        page = pdf.pages[0]
        # Characters are joined into words in the order the PDF draws them (text flow), not by position:
        # a grade drawn over the end of its long label ('managériale' and '16,25' came out as
        # 'ma1n6a,g2é5riale') and a stamp's tilted lines ('S A S F a u') are then read whole. On the
        # eight generated inboxes 71 of 717 text-layer pages read otherwise, and text-PDF fields rose
        # on five of them (build/holdout2 98.0% -> 99.3%), none fell.
        raw = page.extract_words(x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False, use_text_flow=True)
        x0, top, x1, bottom = page.bbox
        cover = _image_cover(page)
    if not usable([w["text"] for w in raw], settings, cover):
        return None
    width, height = x1 - x0, bottom - top
    words = []
    for index, line in enumerate(_lines(raw)):
        for w in line:
            box = ((w["x0"] - x0) / width, (w["top"] - top) / height, (w["x1"] - x0) / width,
                   (w["bottom"] - top) / height)
            words.append(Word(text=w["text"], box=tuple(min(1.0, max(0.0, v)) for v in box), line=index))
    return words, width, height


def mrz_lines_of(lines: list[str]) -> list[str]:
    """Lines of a text that look like a machine-readable zone, spaces removed."""
    squeezed = ["".join(line.split()) for line in lines]
    return [line for line in squeezed if _MRZ_LINE.match(line) and "<" in line]
