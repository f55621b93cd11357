"""Page pixels: PDF pages rendered with pdfium, image frames decoded upright; perceptual hashes."""

from __future__ import annotations

import math
from pathlib import Path

import imagehash
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps

from justif.config import ReadSettings
from justif.domain import FileKind
from justif.reading.triage import BAD_IMAGE, Unreadable, check_pixels, unguarded_pillow

PHASH_SIDE = 256  # pages are hashed from a thumbnail this long: cheap, and blind to scan noise


def pdf_page_gray(path: Path, page_number: int, dpi: float, max_pixels: int) -> np.ndarray:
    """A PDF page rendered in grayscale at dpi, scaled down if it would exceed max_pixels."""
    doc = pdfium.PdfDocument(path)
    try:
        page = doc[page_number - 1]
        width, height = page.get_size()
        scale = min(dpi / 72, math.sqrt(max_pixels / max(1.0, width * height)))
        return page.render(scale=scale, grayscale=True).to_numpy().copy()
    finally:
        doc.close()


def _to_gray(img: Image.Image) -> Image.Image:
    """Grayscale on white: transparent areas become paper, not black."""
    if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info:
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("L")
    return img.convert("L")


def image_frame_gray(path: Path, page_number: int, settings: ReadSettings) -> np.ndarray:
    """Frame page_number of an image file, EXIF orientation applied, in grayscale."""
    try:
        with unguarded_pillow(), Image.open(path) as img:
            img.seek(page_number - 1)
            check_pixels(img.size, settings)
            if img.format == "JPEG":
                img.draft("L", img.size)  # decode luminance only
            upright = ImageOps.exif_transpose(img)
            return np.asarray(_to_gray(upright)).copy()
    except (OSError, SyntaxError, ValueError, EOFError):
        raise Unreadable(BAD_IMAGE) from None


def source_gray(path: Path, kind: FileKind, page_number: int, settings: ReadSettings) -> np.ndarray:
    """The page as stored, in grayscale: rendered at settings.dpi for a PDF, decoded for an image."""
    if kind == "pdf":
        return pdf_page_gray(path, page_number, settings.dpi, settings.max_pixels)
    return image_frame_gray(path, page_number, settings)


def phash_of(gray: np.ndarray) -> str:
    """Hex perceptual hash of a page image."""
    thumb = Image.fromarray(gray)
    thumb.thumbnail((PHASH_SIDE, PHASH_SIDE), Image.Resampling.BILINEAR)
    return str(imagehash.phash(thumb))


def pdf_phash(path: Path, page_number: int) -> str:
    """Perceptual hash of a PDF page rendered small (for pages read from their text layer)."""
    doc = pdfium.PdfDocument(path)
    try:
        page = doc[page_number - 1]
        scale = PHASH_SIDE / max(page.get_size())
        return phash_of(page.render(scale=scale, grayscale=True).to_numpy())
    finally:
        doc.close()
