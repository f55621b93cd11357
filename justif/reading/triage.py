"""Limits checked before any decoding: size, kind, encryption, truncation, page and pixel counts."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from justif.config import ReadSettings
from justif.domain import FileKind, Upload

MB = 1024 * 1024
UNSUPPORTED = "format non pris en charge (ni PDF, ni JPEG, ni PNG, ni TIFF)"
CORRUPT_PDF = "PDF corrompu ou tronqué"
ENCRYPTED_PDF = "PDF chiffré (protégé par mot de passe)"
BAD_IMAGE = "image illisible ou tronquée"
_EOF_WINDOW = 2048  # %%EOF must close the file; readers tolerate a little trailing junk
_guard_lock = threading.Lock()


class Unreadable(Exception):
    """An upload that cannot be read; the message is French, for staff."""


@contextmanager
def unguarded_pillow() -> Iterator[None]:
    """Open images without Pillow's bomb guard: we check the pixel count ourselves, before decoding."""
    with _guard_lock:
        saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = saved


def check_pixels(size: tuple[int, int], settings: ReadSettings) -> None:
    pixels = size[0] * size[1]
    if pixels > settings.max_pixels:
        mega, limit = pixels / 1e6, settings.max_pixels / 1e6
        raise Unreadable(f"image trop grande ({mega:.0f} mégapixels, limite {limit:.0f})")


def pdf_page_count(path: Path) -> int:
    """Page count of a PDF, refusing encrypted, truncated or corrupt files."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - _EOF_WINDOW))
        if b"%%EOF" not in fh.read():
            raise Unreadable(CORRUPT_PDF)
    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise Unreadable(ENCRYPTED_PDF if "password" in str(exc).lower() else CORRUPT_PDF) from None
    try:
        return len(doc)
    finally:
        doc.close()


def image_frame_count(path: Path, settings: ReadSettings) -> int:
    """Frame count of an image (TIFFs may hold several pages); the first frame's size is checked."""
    try:
        with unguarded_pillow(), Image.open(path) as img:
            check_pixels(img.size, settings)
            return getattr(img, "n_frames", 1)
    except (OSError, SyntaxError, ValueError):
        raise Unreadable(BAD_IMAGE) from None


def page_count(upload: Upload, settings: ReadSettings) -> int:
    """How many pages the upload holds, or Unreadable with the reason."""
    if upload.size == 0:
        raise Unreadable("fichier vide (0 octet)")
    if upload.size > settings.max_file_bytes:
        size, limit = upload.size / MB, settings.max_file_bytes / MB
        raise Unreadable(f"fichier trop volumineux ({size:.1f} Mo, limite {limit:.0f} Mo)")
    kind: FileKind | None = upload.kind
    if kind is None:
        raise Unreadable(UNSUPPORTED)
    count = pdf_page_count(upload.path) if kind == "pdf" else image_frame_count(upload.path, settings)
    if count == 0:
        raise Unreadable("document sans page")
    if count > settings.max_pages:
        raise Unreadable(f"document trop long ({count} pages, limite {settings.max_pages})")
    return count
